//! `dun queue`: who to chase today, one line per client and reason:
//! broken promises, formal notices ready, reminders due, promises due,
//! next actions, visits to confirm, pilots ending, deposits, courtesy notes.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use super::table::{Align, render};
use crate::domain::money::decimal_string;
use crate::domain::penalty::{RateKey, RateTables};
use crate::domain::queue::{Reason, Rules};
use crate::domain::text::shortened;
use crate::export::csv_safe::{self, Cell};
use crate::store::Store;

#[derive(Serialize)]
struct QueueLine<'a> {
    client: &'a str,
    name: &'a str,
    reason: Reason,
    reason_text: String,
    currency: &'a str,
    amount: String,
    /// Nothing owed (a next action for a client with nothing open).
    #[serde(skip)]
    zero: bool,
    invoices: &'a [String],
    oldest_days_overdue: Option<i64>,
    last_contact: Option<String>,
    clerk: Option<&'a str>,
    rating: Option<&'a str>,
    profile: &'a str,
    /// A reminder 3 or formal notice waiting for a reference rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    held: Option<&'a RateKey>,
}

pub fn run(
    store: &mut Store,
    as_of: NaiveDate,
    mine: Option<&str>,
    rules: &Rules,
    rates: &RateTables,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let read = store.read(|tx| crate::report::queue::read(tx, as_of, rules, rates))?;
    if let Some(built) = &read.keep {
        // Kept for the next reader; a busy database only costs it that.
        let _ = crate::report::queue::keep(store, built);
    }
    let follow_ups = crate::report::queue::of_clerk(read.lines, mine);
    let lines: Vec<QueueLine<'_>> = follow_ups
        .iter()
        .map(|c| QueueLine {
            client: &c.code,
            name: &c.name,
            reason: c.reason,
            reason_text: c.reason_text(),
            currency: c.currency.code(),
            amount: decimal_string(c.amount, c.currency.exponent()),
            zero: c.amount == 0,
            invoices: &c.invoices,
            oldest_days_overdue: c.oldest_due_on.map(|d| (as_of - d).num_days()),
            last_contact: c.last_contact.map(|d| d.to_string()),
            clerk: c.clerk.as_deref(),
            rating: c.rating.map(|r| r.as_str()),
            profile: c.profile.as_str(),
            held: c.held.as_ref(),
        })
        .collect();
    match format {
        Format::Json => {
            crate::export::json_safe::to_writer_pretty(&mut *out, &lines)?;
            writeln!(out)?;
        }
        Format::Csv => {
            // As every export: the byte-order mark, CRLF, and every text
            // cell neutralised (a spreadsheet runs no formula from it).
            let rows = lines.iter().map(|l| {
                vec![
                    Cell::text(l.client),
                    Cell::text(l.name),
                    Cell::text(l.reason_text.clone()),
                    Cell::text(l.currency.to_string()),
                    Cell::Number(l.amount.clone()),
                    Cell::text(l.invoices.join(" ")),
                    Cell::Number(
                        l.oldest_days_overdue
                            .map_or(String::new(), |d| d.to_string()),
                    ),
                    Cell::text(l.last_contact.clone().unwrap_or_default()),
                    Cell::text(l.clerk.unwrap_or("")),
                ]
            });
            csv_safe::write(
                &mut *out,
                &[
                    "client",
                    "name",
                    "reason",
                    "currency",
                    "amount",
                    "invoices",
                    "days",
                    "last_contact",
                    "clerk",
                ],
                rows,
            )?;
        }
        Format::Table => {
            let clients: std::collections::HashSet<&str> = lines.iter().map(|l| l.client).collect();
            writeln!(
                out,
                "Follow-up queue as of {as_of}: {} lines for {} clients",
                lines.len(),
                clients.len()
            )?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    vec![
                        l.client.to_string(),
                        shortened(l.name, 24),
                        l.reason_text.clone(),
                        // A reminder the clerk set for a client with
                        // nothing open is about no amount.
                        if l.zero {
                            "-".to_string()
                        } else {
                            format!("{} {}", l.amount, l.currency)
                        },
                        l.oldest_days_overdue.map_or("-".into(), |d| d.to_string()),
                        l.last_contact.clone().unwrap_or_else(|| "-".into()),
                        l.clerk.unwrap_or("-").to_string(),
                    ]
                })
                .collect();
            let header = [
                ("client", Align::Left),
                ("name", Align::Left),
                ("reason", Align::Left),
                ("amount", Align::Right),
                ("days", Align::Right),
                ("last contact", Align::Left),
                ("clerk", Align::Left),
            ];
            write!(out, "{}", render(&header, &rows))?;
            write_held(&lines, out)?;
        }
    }
    Ok(())
}

/// Under the table: how many letters wait for a reference rate, and the
/// command that sets each rate missing.
fn write_held(lines: &[QueueLine<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    let held = lines.iter().filter(|l| l.held.is_some()).count();
    if held == 0 {
        return Ok(());
    }
    let mut missing: Vec<&RateKey> = lines.iter().filter_map(|l| l.held).collect();
    missing.sort();
    missing.dedup();
    writeln!(
        out,
        "{held} letter{} held for a missing reference rate (dun letters --incomplete sends {} with the interest \"to be specified\"):",
        if held == 1 { "" } else { "s" },
        if held == 1 { "it" } else { "them" },
    )?;
    for m in missing {
        writeln!(out, "  {}: {}", m.missing(), m.command())?;
    }
    Ok(())
}
