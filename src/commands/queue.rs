//! `dun queue`: who to chase today, one line per client and reason:
//! broken promises, formal notices ready, reminders due, promises due,
//! next actions, visits to confirm, pilots ending, deposits, courtesy notes.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use super::table::{Align, render};
use crate::domain::money::decimal_string;
use crate::domain::queue::{Reason, Rules};
use crate::domain::text::shortened;
use crate::export::csv_safe::neutralise;
use crate::store::Store;

#[derive(Serialize)]
struct QueueLine<'a> {
    client: &'a str,
    name: &'a str,
    reason: Reason,
    reason_text: String,
    currency: &'a str,
    amount: String,
    invoices: &'a [String],
    oldest_days_overdue: Option<i64>,
    last_contact: Option<String>,
    clerk: Option<&'a str>,
    rating: Option<&'a str>,
    profile: &'a str,
}

pub fn run(
    store: &mut Store,
    as_of: NaiveDate,
    mine: Option<&str>,
    rules: &Rules,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let follow_ups = store.read(|tx| crate::store::queue::queue(tx, as_of, mine, rules))?;
    let lines: Vec<QueueLine<'_>> = follow_ups
        .iter()
        .map(|c| QueueLine {
            client: &c.code,
            name: &c.name,
            reason: c.reason,
            reason_text: c.reason.describe(),
            currency: c.currency.code(),
            amount: decimal_string(c.amount, c.currency.exponent()),
            invoices: &c.invoices,
            oldest_days_overdue: c.oldest_due_on.map(|d| (as_of - d).num_days()),
            last_contact: c.last_contact.map(|d| d.to_string()),
            clerk: c.clerk.as_deref(),
            rating: c.rating.map(|r| r.as_str()),
            profile: c.profile.as_str(),
        })
        .collect();
    match format {
        Format::Json => {
            crate::export::json_safe::to_writer_pretty(&mut *out, &lines)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record([
                "client",
                "name",
                "reason",
                "currency",
                "amount",
                "invoices",
                "days",
                "last_contact",
                "clerk",
            ])?;
            for l in &lines {
                w.write_record([
                    neutralise(l.client).into_owned(),
                    neutralise(l.name).into_owned(),
                    l.reason_text.clone(),
                    l.currency.to_string(),
                    l.amount.clone(),
                    neutralise(&l.invoices.join(" ")).into_owned(),
                    l.oldest_days_overdue
                        .map_or(String::new(), |d| d.to_string()),
                    l.last_contact.clone().unwrap_or_default(),
                    neutralise(l.clerk.unwrap_or("")).into_owned(),
                ])?;
            }
            w.flush()?;
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
                        format!("{} {}", l.amount, l.currency),
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
        }
    }
    Ok(())
}
