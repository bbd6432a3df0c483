//! Exports for managers and scripts: the aging list and the journal, as CSV
//! that Excel opens safely or as JSON.

pub mod aging;
pub mod csv_safe;
pub mod invoice;
pub mod journal;
pub mod json_safe;

/// Output format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}
