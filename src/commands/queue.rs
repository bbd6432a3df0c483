//! `dun queue`: who to chase today. Broken promises first, then the clients
//! with the most overdue, weighted by age and risk rating.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use super::table::{Align, render};
use crate::domain::money::decimal_string;
use crate::domain::text::shortened;
use crate::store::Store;

#[derive(Serialize)]
struct QueueLine<'a> {
    client: &'a str,
    name: &'a str,
    reason: String,
    currency: &'a str,
    overdue: String,
    invoices: i64,
    oldest_days_overdue: i64,
    last_contact: Option<String>,
    clerk: Option<&'a str>,
}

pub fn run(
    store: &mut Store,
    as_of: NaiveDate,
    mine: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let clients = store.read(|tx| crate::store::queue::queue(tx, as_of, mine))?;
    let lines: Vec<QueueLine<'_>> = clients
        .iter()
        .map(|c| QueueLine {
            client: &c.code,
            name: &c.name,
            reason: match c.broken_promise {
                Some(d) => format!("broken promise ({d})"),
                None => "overdue".to_string(),
            },
            currency: c.currency.code(),
            overdue: decimal_string(c.overdue, c.currency.exponent()),
            invoices: c.invoices,
            oldest_days_overdue: (as_of - c.oldest_due_on).num_days(),
            last_contact: c.last_contact.map(|d| d.to_string()),
            clerk: c.clerk.as_deref(),
        })
        .collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &lines)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            for l in &lines {
                w.serialize(l)?;
            }
            w.flush()?;
        }
        Format::Table => {
            writeln!(
                out,
                "Follow-up queue as of {as_of}: {} clients",
                lines.len()
            )?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    vec![
                        l.client.to_string(),
                        shortened(l.name, 28),
                        l.reason.clone(),
                        format!("{} {}", l.overdue, l.currency),
                        l.oldest_days_overdue.to_string(),
                        l.last_contact.clone().unwrap_or_else(|| "-".into()),
                        l.clerk.unwrap_or("-").to_string(),
                    ]
                })
                .collect();
            let header = [
                ("client", Align::Left),
                ("name", Align::Left),
                ("reason", Align::Left),
                ("overdue", Align::Right),
                ("days", Align::Right),
                ("last contact", Align::Left),
                ("clerk", Align::Left),
            ];
            write!(out, "{}", render(&header, &rows))?;
        }
    }
    Ok(())
}
