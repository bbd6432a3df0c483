//! The batch commands behind the subcommands: each reads or writes the store
//! and prints for people (tables) or scripts (CSV, JSON).

pub mod aging;
pub mod backup;
pub mod client;
pub mod demo;
pub mod dossier;
pub mod export;
pub mod init;
pub mod invoice;
pub mod letters;
pub mod log;
pub mod queue;
pub mod rates;
pub mod settings;
pub mod table;

/// Output format of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// A date argument, `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in YYYY-MM-DD"))
}
