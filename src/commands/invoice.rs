//! `dun invoice NUMBER`: one invoice as of a date, with its reminder level
//! and the late-payment interest and compensation the law or the contract
//! allows.

use std::io::Write;

use chrono::NaiveDate;

use super::Format;
use crate::domain::penalty::RateTables;
use crate::domain::text::printable;
use crate::report::invoice::{InvoiceReport, report};
use crate::store::Store;
use crate::store::invoice_history::history;

pub fn run(
    store: &mut Store,
    number: &str,
    as_of: NaiveDate,
    rates: &RateTables,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let h = store
        .read(|tx| history(tx, number, as_of))?
        .ok_or_else(|| anyhow::anyhow!("no invoice {number}"))?;
    let inv = &h.stored.invoice;
    if inv.issued_on > as_of {
        anyhow::bail!(
            "invoice {number} was issued on {}, after {as_of}",
            inv.issued_on
        );
    }
    let report = report(&h, as_of, rates);
    match format {
        Format::Json => {
            crate::export::json_safe::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        Format::Csv => crate::export::invoice::write(&mut *out, &report)?,
        Format::Table => table(&report, out)?,
    }
    Ok(())
}

fn table(r: &InvoiceReport, out: &mut dyn Write) -> std::io::Result<()> {
    let cur = &r.currency;
    let dash = || "-".to_string();
    let mut line = |k: &str, v: String| writeln!(out, "{k:<16}{}", printable(&v));
    line(
        "invoice",
        format!("{} ({} {})", r.number, r.client, r.client_name),
    )?;
    line("as of", r.as_of.to_string())?;
    line("issued / due", format!("{} / {}", r.issued_on, r.due_on))?;
    line("amount", format!("{} {cur}", r.amount))?;
    line("outstanding", format!("{} {cur}", r.outstanding))?;
    line("days overdue", r.days_overdue.to_string())?;
    let sent: Vec<String> = r
        .reminders
        .iter()
        .map(|s| format!("{} on {}", s.level, s.on))
        .collect();
    line(
        "reminder level",
        if sent.is_empty() {
            r.reminder_level.to_string()
        } else {
            format!("{} (sent: {})", r.reminder_level, sent.join(", "))
        },
    )?;
    line(
        "formal notice",
        r.formal_notice_on.map_or_else(dash, |d| d.to_string()),
    )?;
    line("rule", r.rule.clone().unwrap_or_else(dash))?;
    line(
        "rate",
        r.rate
            .as_ref()
            .map_or_else(dash, |x| format!("{x} % a year")),
    )?;
    line(
        "interest",
        match (&r.interest, r.interest_from) {
            (Some(i), Some(from)) => format!("{i} {cur} (from {from})"),
            (Some(i), None) => format!("{i} {cur}"),
            _ => dash(),
        },
    )?;
    line(
        "compensation",
        match (&r.compensation, &r.compensation_currency) {
            (Some(c), Some(k)) => format!("{c} {k}"),
            _ => dash(),
        },
    )?;
    for n in &r.notes {
        line("note", n.clone())?;
    }
    Ok(())
}
