//! `dun import invoices|payments|clients FILE`: the one command that fills a
//! database from the clerks' files, creating it when there is none yet (and
//! saying so); a refused file leaves no new database behind.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::{Context, ImportWhat, Separator};
use crate::domain::text::printable;
use crate::import::{
    self, ImportOptions, amounts::DecimalSeparator, dates::DateFormat, headers::FileKind,
};
use crate::store::host;

/// The options of the command line, as given.
pub struct Options {
    pub currency: Option<String>,
    pub date_format: Option<String>,
    pub decimal_separator: Option<Separator>,
}

pub fn run(
    ctx: &mut Context,
    what: ImportWhat,
    file: &Path,
    options: Options,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // Checked before the database is opened, or created.
    let currency = match options.currency.or_else(|| ctx.default_currency()) {
        Some(c) => Some(c.parse().with_context(|| "--currency")?),
        None => None,
    };
    let date_format = options
        .date_format
        .map(|f| DateFormat::parse_user(&f))
        .transpose()
        .with_context(|| "--date-format")?;
    let kind = match what {
        ImportWhat::Invoices => FileKind::Invoices,
        ImportWhat::Payments => FileKind::Payments,
        ImportWhat::Clients => FileKind::Clients,
    };
    let (mut store, created) = ctx.open_or_create()?;
    let opts = ImportOptions {
        currency,
        date_format,
        decimal_separator: options.decimal_separator.map(|s| match s {
            Separator::Dot => DecimalSeparator::Dot,
            Separator::Comma => DecimalSeparator::Comma,
        }),
        user: ctx.user.clone(),
        today: ctx.today,
        now: chrono::Utc::now(),
    };
    let summary = match import::import(&mut store, kind, file, &opts) {
        Ok(summary) => summary,
        Err(e) => {
            drop(store);
            if created {
                // Nothing was imported: the database made for it goes too.
                for suffix in ["-wal", "-shm", ""] {
                    let _ = std::fs::remove_file(host::sibling(&ctx.db, suffix));
                }
            }
            return Err(e.into());
        }
    };
    for w in &summary.warnings {
        eprintln!("warning: {}", printable(w));
    }
    let new = if created {
        format!(" (into {}, a new database)", ctx.db.display())
    } else {
        String::new()
    };
    // Files are dropped in shared directories by others: names too are shown, not obeyed.
    writeln!(
        out,
        "{}: {summary}{}",
        printable(&file.display().to_string()),
        printable(&new)
    )?;
    Ok(())
}
