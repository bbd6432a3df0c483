//! `dun rates` on the command line: the reference rates listed (only
//! reading), and `dun rates set` (one write transaction; no database is
//! created).

use std::io::Write;

use clap::Subcommand;

use super::Context;
use crate::commands::rates::{self, RatesFormat};

#[derive(Subcommand, Debug)]
pub enum RatesAction {
    /// Add or correct one reference rate for the whole team, with where it
    /// was read; every clerk's next computation uses it. Journaled with who
    /// set it and the value it replaces.
    Set {
        /// `ecb`, `france_legal`, `spain`, `norway_interest`,
        /// `norway_compensation` (NOK) or `uk_bank_rate`.
        series: String,
        /// A half-year, `2026-H2`; for `uk_bank_rate` a reference date,
        /// `2026-06-30` or `2026-12-31`.
        period: String,
        /// The exact decimal: `2.15` (percent a year), `460` (NOK).
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// Where the value was read (a publication, a decision, a page).
        #[arg(long, required = true, value_name = "TEXT")]
        source: String,
    },
}

/// `dun rates`: listed read-only, `set` in one transaction; both on an
/// existing database only.
pub fn run(
    ctx: &mut Context,
    action: Option<RatesAction>,
    series: Option<&str>,
    format: RatesFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match action {
        None => {
            let series = series.map(crate::rates::series).transpose()?;
            let mut store = ctx.open_read()?;
            let stored = store.read(|tx| crate::store::rates::all(tx))?;
            let rows = crate::rates::listing(&stored)?;
            let tables = crate::rates::tables(&stored)?;
            let today = ctx.today;
            let missing = store.read(|tx| crate::rates::missing_today(tx, &tables, today))?;
            rates::list(&rows, &missing, series, ctx.today, format, out)?;
        }
        Some(RatesAction::Set {
            series,
            period,
            value,
            source,
        }) => {
            let mut store = ctx.open()?;
            let new = crate::rates::NewRate {
                series: &series,
                period: &period,
                value: &value,
                source: &source,
            };
            let outcome =
                crate::rates::set(&mut store, new, &ctx.user, chrono::Utc::now(), ctx.today)?;
            rates::report_set(&outcome, out)?;
        }
    }
    Ok(())
}
