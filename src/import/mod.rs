//! Imports of invoices, payments and clients from spreadsheet and accounting
//! exports. All or nothing: the first bad line stops the import with its file,
//! line, column and reason, and nothing is written. Importing the same file
//! twice changes nothing.

pub mod amounts;
pub mod clients;
pub mod dates;
pub mod decode;
pub mod error;
pub mod headers;
pub mod invoices;
pub mod payments;
pub mod sniff;
pub mod table;

use std::fmt;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

pub use error::ImportError;
use headers::FileKind;
use table::Table;

use crate::domain::currency::Currency;
use crate::store::Store;
use dates::DateFormat;

/// What the caller knows that the file may not say.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Currency of lines that have no currency column.
    pub currency: Option<Currency>,
    /// Date format, when detection from the file is not enough.
    pub date_format: Option<DateFormat>,
    /// Decimal separator of amounts, when detection from the file is not enough.
    pub decimal_separator: Option<amounts::DecimalSeparator>,
    /// OS login recorded on what the import writes.
    pub user: String,
    /// Dates after today are refused (a payment cannot come from the future).
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// What an import did, for the closing message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub lines: usize,
    pub invoices_created: usize,
    pub invoices_unchanged: usize,
    pub clients_created: usize,
    pub clients_updated: usize,
    pub clients_unchanged: usize,
    pub payments_recorded: usize,
    pub payments_already_there: usize,
    pub disputes_recorded: usize,
    /// Things the file said that dun could not use, reported but not fatal.
    pub warnings: Vec<String>,
}

impl ImportSummary {
    /// Whether the import wrote anything.
    pub fn changed(&self) -> bool {
        self.invoices_created
            + self.clients_created
            + self.clients_updated
            + self.payments_recorded
            + self.disputes_recorded
            > 0
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        let mut part = |n: usize, one: &str, many: &str| {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        };
        part(self.invoices_created, "invoice created", "invoices created");
        part(
            self.invoices_unchanged,
            "invoice already there",
            "invoices already there",
        );
        part(self.clients_created, "client created", "clients created");
        part(self.clients_updated, "client updated", "clients updated");
        part(
            self.clients_unchanged,
            "client unchanged",
            "clients unchanged",
        );
        part(
            self.payments_recorded,
            "payment recorded",
            "payments recorded",
        );
        part(
            self.payments_already_there,
            "payment already there",
            "payments already there",
        );
        part(
            self.disputes_recorded,
            "dispute recorded",
            "disputes recorded",
        );
        if parts.is_empty() {
            parts.push("nothing to change".to_string());
        }
        let lines = if self.lines == 1 { "line" } else { "lines" };
        write!(f, "{} {lines} read: {}", self.lines, parts.join(", "))
    }
}

/// Reads `path` as a file of `kind` and writes it in one transaction.
pub fn import(
    store: &mut Store,
    kind: FileKind,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let table = Table::read(path, kind, opts.date_format, opts.decimal_separator)?;
    match kind {
        FileKind::Invoices => invoices::import(store, &table, opts),
        FileKind::Payments => payments::import(store, &table, opts),
        FileKind::Clients => clients::import(store, &table, opts),
    }
}
