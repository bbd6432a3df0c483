//! The aging list: every open invoice as of a date.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;

use serde::Serialize;

use super::ExportFormat;
use super::csv_safe::{self, Cell};
use crate::domain::money::decimal_string;
use crate::domain::outlook::{Outlook, Stage};
use crate::domain::queue::Reason;
use crate::store::aging::AgingLine;

#[derive(Serialize)]
struct LineJson<'a> {
    client: &'a str,
    client_name: &'a str,
    invoice: &'a str,
    issued_on: String,
    due_on: String,
    days_overdue: i64,
    bucket: &'static str,
    currency: &'a str,
    amount: String,
    outstanding: String,
    reminder_level: u32,
    clerk: Option<&'a str>,
    /// What was written off it by the date (out of `outstanding`).
    written_off: String,
    /// How far its case has gone: `reminder2`, `formal_notice`,
    /// `escalated`, `plan`, `disputed`…
    stage: &'static str,
    /// The day it next needs a clerk: today (it is on the queue) or later.
    next_on: String,
    /// What it needs then: a step, a review, an instalment…
    next: &'static str,
}

const HEADER: &[&str] = &[
    "client",
    "client_name",
    "invoice",
    "issued_on",
    "due_on",
    "days_overdue",
    "bucket",
    "currency",
    "amount",
    "outstanding",
    "reminder_level",
    "clerk",
    "written_off",
    "stage",
    "next_on",
    "next",
];

/// The stage, next day and next need of `l` (an invoice the queue does
/// not know, which cannot happen, is shown due today).
fn outlook(l: &AgingLine, outlooks: &HashMap<String, Outlook>, as_of: NaiveDate) -> Outlook {
    outlooks.get(&l.invoice).copied().unwrap_or(Outlook {
        stage: Stage::Overdue,
        next_on: as_of,
        next: Reason::NextAction(as_of),
    })
}

pub fn write<W: Write>(
    out: W,
    lines: &[AgingLine],
    outlooks: &HashMap<String, Outlook>,
    written_off: &HashMap<String, i64>,
    as_of: NaiveDate,
    format: ExportFormat,
) -> std::io::Result<()> {
    let off = |l: &AgingLine| {
        decimal_string(
            written_off.get(&l.invoice).copied().unwrap_or(0),
            l.currency.exponent(),
        )
    };
    match format {
        ExportFormat::Csv => csv_safe::write(
            out,
            HEADER,
            lines.iter().map(|l| {
                let e = l.currency.exponent();
                let o = outlook(l, outlooks, as_of);
                vec![
                    Cell::text(&l.client),
                    Cell::text(&l.client_name),
                    Cell::text(&l.invoice),
                    Cell::text(l.issued_on.to_string()),
                    Cell::text(l.due_on.to_string()),
                    Cell::Number(l.days_overdue.to_string()),
                    Cell::text(l.bucket.label()),
                    Cell::text(l.currency.code()),
                    Cell::Number(decimal_string(l.amount, e)),
                    Cell::Number(decimal_string(l.outstanding, e)),
                    Cell::Number(l.reminder_level.to_string()),
                    Cell::opt(l.clerk.as_deref()),
                    Cell::Number(off(l)),
                    Cell::text(o.stage.as_str()),
                    Cell::text(o.next_on.to_string()),
                    Cell::text(o.next_name()),
                ]
            }),
        ),
        ExportFormat::Json => {
            let rows: Vec<LineJson<'_>> = lines
                .iter()
                .map(|l| (l, outlook(l, outlooks, as_of)))
                .map(|(l, o)| LineJson {
                    client: &l.client,
                    client_name: &l.client_name,
                    invoice: &l.invoice,
                    issued_on: l.issued_on.to_string(),
                    due_on: l.due_on.to_string(),
                    days_overdue: l.days_overdue,
                    bucket: l.bucket.label(),
                    currency: l.currency.code(),
                    amount: decimal_string(l.amount, l.currency.exponent()),
                    outstanding: decimal_string(l.outstanding, l.currency.exponent()),
                    reminder_level: l.reminder_level,
                    clerk: l.clerk.as_deref(),
                    written_off: off(l),
                    stage: o.stage.as_str(),
                    next_on: o.next_on.to_string(),
                    next: o.next_name(),
                })
                .collect();
            let mut out = out;
            super::json_safe::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)
        }
    }
}
