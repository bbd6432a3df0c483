//! Invoices, and what is outstanding and overdue on a given date.

use chrono::NaiveDate;
use serde::Serialize;

use super::money::Money;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Invoice {
    pub number: String,
    pub client_code: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: Money,
    /// What was delivered, to mention in reminders ("the Q3 mock-ups").
    pub milestone: Option<String>,
    /// A deposit request rather than an invoice for work done.
    pub is_deposit: bool,
}

/// Amount minus the payments received on or before `as_of` (minor units).
/// Payments are `(received_on, amount)`.
pub fn outstanding(amount: i64, payments: &[(NaiveDate, i64)], as_of: NaiveDate) -> i64 {
    let paid: i64 = payments
        .iter()
        .filter(|(on, _)| *on <= as_of)
        .map(|(_, a)| *a)
        .sum();
    amount - paid
}

/// Days past the due date on `as_of` for an open invoice; 0 when not yet due or closed.
pub fn days_overdue(due_on: NaiveDate, outstanding: i64, as_of: NaiveDate) -> i64 {
    if outstanding <= 0 {
        return 0;
    }
    (as_of - due_on).num_days().max(0)
}

/// Largest amount, in minor units, dun accepts for one invoice, payment or
/// credit limit (100 billion in a currency with cents): far above any real
/// invoice, and low enough that a million of them still add up in an `i64`.
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

/// Earliest and latest dates dun accepts on an invoice or payment. Years outside
/// this range are typing or export errors, not real receivables.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
pub const LATEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Whether a date is plausible for a receivable.
pub fn plausible_date(d: NaiveDate) -> bool {
    (EARLIEST_DATE..=LATEST_DATE).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn payments_after_as_of_are_ignored() {
        let p = [(d("2026-01-10"), 300), (d("2026-02-10"), 700)];
        assert_eq!(outstanding(1000, &p, d("2026-01-09")), 1000);
        assert_eq!(outstanding(1000, &p, d("2026-01-10")), 700);
        assert_eq!(outstanding(1000, &p, d("2026-02-10")), 0);
    }

    #[test]
    fn days_overdue_counts_from_the_day_after_due() {
        assert_eq!(days_overdue(d("2026-01-31"), 10, d("2026-01-31")), 0);
        assert_eq!(days_overdue(d("2026-01-31"), 10, d("2026-02-01")), 1);
        assert_eq!(days_overdue(d("2026-01-31"), 10, d("2026-01-01")), 0);
        assert_eq!(days_overdue(d("2026-01-31"), 0, d("2026-03-01")), 0);
    }
}
