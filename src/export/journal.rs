//! The journal: every activity, newest first, with who and when.

use std::io::Write;

use super::ExportFormat;
use super::csv_safe::{self, Cell};
use crate::store::journal::JournalEntry;

const HEADER: &[&str] = &[
    "id",
    "at",
    "on",
    "user",
    "kind",
    "client",
    "invoice",
    "level",
    "outcome",
    "amount",
    "currency",
    "date",
    "next_action_on",
    "reason",
    "note",
    "registered",
    "refers_to",
    "deadline",
    "assignee",
    "reference",
    "procedure",
    "body",
    "plan",
    "method",
    "payment_reference",
    "invoices",
];

pub fn write<W: Write>(
    out: W,
    entries: &[JournalEntry],
    format: ExportFormat,
) -> std::io::Result<()> {
    match format {
        ExportFormat::Csv => csv_safe::write(
            out,
            HEADER,
            entries.iter().map(|e| {
                vec![
                    Cell::Number(e.id.to_string()),
                    Cell::text(&e.at),
                    Cell::text(e.on.to_string()),
                    Cell::text(&e.user),
                    Cell::text(&e.kind),
                    Cell::text(&e.client),
                    Cell::opt(e.invoice.as_deref()),
                    Cell::Number(e.level.map(|l| l.to_string()).unwrap_or_default()),
                    Cell::opt(e.outcome.as_deref()),
                    Cell::Number(e.amount.clone().unwrap_or_default()),
                    Cell::opt(e.currency.as_deref()),
                    Cell::opt(e.date.map(|d| d.to_string())),
                    Cell::opt(e.next_action_on.map(|d| d.to_string())),
                    Cell::opt(e.reason.as_deref()),
                    Cell::text(&e.note),
                    Cell::text(if e.registered { "yes" } else { "no" }),
                    Cell::Number(e.refers_to.map(|r| r.to_string()).unwrap_or_default()),
                    Cell::opt(e.deadline.map(|d| d.to_string())),
                    Cell::opt(e.assignee.as_deref()),
                    Cell::opt(e.reference.as_deref()),
                    Cell::opt(e.procedure.as_deref()),
                    Cell::opt(e.body.as_deref()),
                    Cell::opt(e.plan.as_ref().map(|p| p.to_string())),
                    Cell::opt(e.method.as_deref()),
                    Cell::opt(e.payment_reference.as_deref()),
                    Cell::text(e.invoices.join(" ")),
                ]
            }),
        ),
        ExportFormat::Json => {
            let mut out = out;
            super::json_safe::to_writer_pretty(&mut out, entries)?;
            writeln!(out)
        }
    }
}
