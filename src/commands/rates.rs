//! `dun rates`: every reference rate in force with its source and origin,
//! and the rates needed today that are missing; `dun rates set` adds or
//! corrects one for the whole team.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::table::{Align, render};
use crate::domain::penalty::{RateKey, RateTable};
use crate::domain::text::printable;
use crate::rates::{Origin, RateRow, SetOutcome};

/// How `dun rates` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RatesFormat {
    /// Aligned columns, then the rates needed today that are missing.
    #[default]
    Table,
    /// One object per rate; the missing ones last, with `origin` "missing".
    Json,
}

/// One rate as `--format json` gives it: field names are stable.
#[derive(Serialize)]
struct JsonRate<'a> {
    series: &'static str,
    /// `2026-H2`, or a date for `uk_bank_rate`.
    period: String,
    /// Exact decimal text; null for a missing rate.
    value: Option<&'a str>,
    source: Option<&'a str>,
    /// `shipped`, `set`, `derived`, or `missing` (needed today, unknown).
    origin: &'static str,
    set_by: Option<&'a str>,
    set_at: Option<&'a str>,
}

/// The rates of `rows` (of `series` only, when given), and after them the
/// rates needed on `today` that are `missing`.
pub fn list(
    rows: &[RateRow],
    missing: &[RateKey],
    series: Option<RateTable>,
    today: NaiveDate,
    format: RatesFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let wanted = |key: &RateKey| series.is_none_or(|s| key.table == s);
    let rows: Vec<&RateRow> = rows.iter().filter(|r| wanted(&r.key)).collect();
    let missing: Vec<RateKey> = missing.iter().copied().filter(wanted).collect();
    match format {
        RatesFormat::Table => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.key.table.key().to_string(),
                        r.key.period.key(),
                        r.value.clone(),
                        r.origin.to_string(),
                        r.source.clone(),
                    ]
                })
                .collect();
            out.write_all(
                render(
                    &[
                        ("series", Align::Left),
                        ("period", Align::Left),
                        ("value", Align::Right),
                        ("origin", Align::Left),
                        ("source", Align::Left),
                    ],
                    &cells,
                )
                .as_bytes(),
            )?;
            writeln!(out)?;
            if missing.is_empty() {
                let which = series.map_or(String::new(), |s| format!("{} ", s.key()));
                writeln!(
                    out,
                    "Every {which}rate needed today ({today}) for the open overdue invoices is known."
                )?;
            } else {
                writeln!(
                    out,
                    "Needed today ({today}) for open overdue invoices, and missing:"
                )?;
                let width = missing
                    .iter()
                    .map(|k| k.to_string().len())
                    .max()
                    .unwrap_or(0);
                for k in &missing {
                    writeln!(out, "  {:width$}  {}", k.to_string(), k.command())?;
                }
            }
        }
        RatesFormat::Json => {
            let mut json: Vec<JsonRate<'_>> = rows
                .iter()
                .map(|r| {
                    let (origin, set_by, set_at) = match &r.origin {
                        Origin::Shipped => ("shipped", None, None),
                        Origin::Set { by, at } => ("set", Some(by.as_str()), Some(at.as_str())),
                        Origin::Derived => ("derived", None, None),
                    };
                    JsonRate {
                        series: r.key.table.key(),
                        period: r.key.period.key(),
                        value: Some(&r.value),
                        source: Some(&r.source),
                        origin,
                        set_by,
                        set_at,
                    }
                })
                .collect();
            json.extend(missing.iter().map(|k| JsonRate {
                series: k.table.key(),
                period: k.period.key(),
                value: None,
                source: None,
                origin: "missing",
                set_by: None,
                set_at: None,
            }));
            crate::export::json_safe::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// What `dun rates set` says it did.
pub fn report_set(outcome: &SetOutcome, out: &mut dyn Write) -> anyhow::Result<()> {
    let now = format!(
        "{} = {}  (source: {})",
        outcome.key, outcome.value, outcome.source
    );
    if !outcome.changed {
        writeln!(
            out,
            "{} — unchanged: this value and source are in force already; nothing written",
            printable(&now)
        )?;
        return Ok(());
    }
    let was = match &outcome.before {
        None => "no rate before".to_string(),
        Some((value, source, origin)) => format!("was {value} ({origin}; source: {source})"),
    };
    writeln!(out, "{}", printable(&now))?;
    writeln!(
        out,
        "  {}; every clerk's next computation uses it",
        printable(&was)
    )?;
    Ok(())
}
