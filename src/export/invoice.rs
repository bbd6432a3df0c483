//! `dun invoice NUMBER --format csv`: one invoice's report as one CSV
//! table. Its first row holds the invoice's figures (`record` = `invoice`);
//! then one row per interest period (`record` = `period`), which repeats
//! the invoice's number and fills only the `period_` columns.

use std::io::Write;

use super::csv_safe::{self, Cell};
use crate::report::invoice::{InvoiceReport, PeriodReport};

pub const HEADER: &[&str] = &[
    "record",
    "invoice",
    "client",
    "client_name",
    "country",
    "profile",
    "as_of",
    "issued_on",
    "due_on",
    "currency",
    "amount",
    "outstanding",
    "days_overdue",
    "reminder_level",
    "reminders",
    "formal_notice_on",
    "milestone",
    "rule",
    "rate",
    "interest",
    "interest_from",
    "compensation",
    "compensation_currency",
    "note",
    "period_from",
    "period_to",
    "period_days",
    "period_balance",
    "period_rate",
    "period_interest",
];

/// The columns after `invoice` that only the invoice's row fills.
const INVOICE_ONLY: usize = 22;
/// The `period_` columns.
const PERIOD_ONLY: usize = 6;

pub fn write<W: Write>(out: W, r: &InvoiceReport) -> std::io::Result<()> {
    let rows = std::iter::once(invoice_row(r)).chain(r.periods.iter().map(|p| period_row(r, p)));
    csv_safe::write(out, HEADER, rows)
}

fn invoice_row(r: &InvoiceReport) -> Vec<Cell> {
    let date = |d: Option<chrono::NaiveDate>| Cell::opt(d.map(|d| d.to_string()));
    let number = |s: &Option<String>| Cell::Number(s.clone().unwrap_or_default());
    // `1:2026-10-01 2:2026-10-15`: each reminder's level and day.
    let reminders: Vec<String> = r
        .reminders
        .iter()
        .map(|s| format!("{}:{}", s.level, s.on))
        .collect();
    let mut row = vec![
        Cell::text("invoice"),
        Cell::text(&r.number),
        Cell::text(&r.client),
        Cell::text(&r.client_name),
        Cell::opt(r.country.as_deref()),
        Cell::text(r.profile),
        Cell::text(r.as_of.to_string()),
        Cell::text(r.issued_on.to_string()),
        Cell::text(r.due_on.to_string()),
        Cell::text(&r.currency),
        Cell::Number(r.amount.clone()),
        Cell::Number(r.outstanding.clone()),
        Cell::Number(r.days_overdue.to_string()),
        Cell::Number(r.reminder_level.to_string()),
        Cell::text(reminders.join(" ")),
        date(r.formal_notice_on),
        Cell::opt(r.milestone.as_deref()),
        Cell::opt(r.rule.as_deref()),
        number(&r.rate),
        number(&r.interest),
        date(r.interest_from),
        number(&r.compensation),
        Cell::opt(r.compensation_currency.as_deref()),
        Cell::opt(r.note.as_deref()),
    ];
    row.extend((0..PERIOD_ONLY).map(|_| Cell::text("")));
    row
}

fn period_row(r: &InvoiceReport, p: &PeriodReport) -> Vec<Cell> {
    let mut row = vec![Cell::text("period"), Cell::text(&r.number)];
    row.extend((0..INVOICE_ONLY).map(|_| Cell::text("")));
    row.extend([
        Cell::text(p.from.to_string()),
        Cell::text(p.to.to_string()),
        Cell::Number(p.days.to_string()),
        Cell::Number(p.balance.clone()),
        Cell::Number(p.rate.clone()),
        Cell::Number(p.interest.clone().unwrap_or_default()),
    ]);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_the_header_s_width() {
        assert_eq!(HEADER.len(), 2 + INVOICE_ONLY + PERIOD_ONLY);
    }
}
