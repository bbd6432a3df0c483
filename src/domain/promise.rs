//! The one rule for a promise to pay: which invoices it covers, what it
//! asks for, and whether it was kept, is still running or was broken. The
//! queue, the client page, `dun queue` and the letters all ask it.
//!
//! A promise is kept when the payments on the invoices it covers, received
//! from the day it was made to the end of its grace (its date plus the
//! ladder's grace days), reach the amount promised; when no amount was
//! named, the balance of those invoices on the day it was made. Otherwise
//! it runs until the end of its grace, and is broken after.

use chrono::NaiveDate;

use super::currency::Currency;

/// A promise to pay, as the journal holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PromiseMade {
    /// The day the promise was made (logged).
    pub made_on: NaiveDate,
    /// The day payment was promised by.
    pub by: NaiveDate,
    /// Minor units promised; `None` when the whole balance was.
    pub amount: Option<i64>,
}

/// A promise with what it is about: one invoice, a few named, or (neither)
/// the client's account as a whole in its currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promised {
    /// Its journal entry: of two promises made the same day, the later
    /// entry is the last.
    pub id: i64,
    pub made: PromiseMade,
    /// The currency of its amount (of the account, for a whole account).
    pub currency: Option<Currency>,
    /// The invoices it names (one, or several): empty for the account.
    pub covers: Vec<String>,
}

/// An invoice of the client, as the rule needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owed {
    pub number: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub currency: Currency,
    /// Minor units invoiced.
    pub amount: i64,
    /// Written off, and when (it no longer counts in the balance after).
    pub written_off: i64,
    pub written_off_on: Option<NaiveDate>,
    /// Paid before the payments listed beside it (a reader may list only
    /// those received from the earliest promise it judges on).
    pub paid_before: i64,
}

/// A payment received on an invoice (by number), in minor units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paid {
    pub invoice: String,
    pub on: NaiveDate,
    pub amount: i64,
}

/// Where a promise stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The money promised came (the promise no longer holds anything up).
    Kept,
    /// Not kept yet, the promised date and its grace not passed.
    Running,
    /// Its date and grace passed and the money promised did not come.
    Broken,
}

impl Promised {
    /// Whether the promise names `inv`: an invoice it lists, or, for the
    /// whole account, any invoice issued by the day it was made (what the
    /// store's cached promised date follows).
    pub fn names(&self, inv: &Owed) -> bool {
        if self.covers.is_empty() {
            inv.issued_on <= self.made.made_on
        } else {
            self.covers.contains(&inv.number)
        }
    }

    /// Whether `inv` counts toward keeping the promise: named by it, and,
    /// for the whole account, in its currency and due by the promised date
    /// (an invoice not yet due then was not part of it).
    pub fn counts(&self, inv: &Owed) -> bool {
        self.names(inv)
            && (!self.covers.is_empty()
                || (self.currency.is_none_or(|c| c == inv.currency) && inv.due_on <= self.made.by))
    }

    /// The last day payments count: the promised date plus `grace_days`.
    pub fn end(&self, grace_days: u32) -> NaiveDate {
        self.made
            .by
            .checked_add_days(chrono::Days::new(u64::from(grace_days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// What the promise asks for: the amount promised, or when none was
/// named the balance of the invoices it covers on the day it was made
/// (payments received before that day and write-offs before it aside).
pub fn asked(p: &Promised, invoices: &[Owed], payments: &[Paid]) -> i64 {
    if let Some(a) = p.made.amount {
        return a;
    }
    invoices
        .iter()
        .filter(|i| p.counts(i))
        .map(|i| {
            let before: i64 = i.paid_before
                + payments
                    .iter()
                    .filter(|x| x.invoice == i.number && x.on < p.made.made_on)
                    .map(|x| x.amount)
                    .sum::<i64>();
            let off = if i.written_off_on.is_some_and(|d| d < p.made.made_on) {
                i.written_off
            } else {
                0
            };
            (i.amount - before - off).max(0)
        })
        .sum()
}

/// Paid toward the promise by `as_of`: the payments on the invoices it
/// covers received from the day it was made to the end of its grace.
pub fn paid_toward(
    p: &Promised,
    invoices: &[Owed],
    payments: &[Paid],
    grace_days: u32,
    as_of: NaiveDate,
) -> i64 {
    let last = p.end(grace_days).min(as_of);
    payments
        .iter()
        .filter(|x| x.on >= p.made.made_on && x.on <= last)
        .filter(|x| {
            invoices
                .iter()
                .any(|i| i.number == x.invoice && p.counts(i))
        })
        .map(|x| x.amount)
        .sum()
}

/// THE rule: where promise `p` stands on `as_of`, given the client's
/// `invoices` (all of them, paid or not) and the `payments` received on
/// them.
pub fn verdict(
    p: &Promised,
    invoices: &[Owed],
    payments: &[Paid],
    grace_days: u32,
    as_of: NaiveDate,
) -> Verdict {
    if paid_toward(p, invoices, payments, grace_days, as_of) >= asked(p, invoices, payments) {
        Verdict::Kept
    } else if as_of > p.end(grace_days) {
        Verdict::Broken
    } else {
        Verdict::Running
    }
}

/// The latest promise made on or before `as_of` (by day, then entry).
fn last(promises: &[Promised], as_of: NaiveDate) -> Option<&Promised> {
    promises
        .iter()
        .filter(|p| p.made.made_on <= as_of)
        .max_by_key(|p| (p.made.made_on, p.id))
}

/// The promise that governs invoice `inv` on `as_of`: the latest made by
/// then that names it.
pub fn governing<'a>(
    promises: &'a [Promised],
    inv: &Owed,
    as_of: NaiveDate,
) -> Option<&'a Promised> {
    promises
        .iter()
        .filter(|p| p.made.made_on <= as_of && p.names(inv))
        .max_by_key(|p| (p.made.made_on, p.id))
}

/// The last promise made on or before `as_of` among `promises` (those
/// about a case), when it is broken: what a letter after it talks about
/// ("on 4 March you promised payment by 12 March…"). A later promise that
/// is kept, or still running, means no broken promise is mentioned.
pub fn last_broken<'a>(
    promises: &'a [Promised],
    invoices: &[Owed],
    payments: &[Paid],
    grace_days: u32,
    as_of: NaiveDate,
) -> Option<&'a Promised> {
    let p = last(promises, as_of)?;
    (verdict(p, invoices, payments, grace_days, as_of) == Verdict::Broken).then_some(p)
}

/// The last promise made on or before `as_of`, unless it was kept: a
/// promise still running counts, as one broken does (what a visit to the
/// client will talk about).
pub fn last_unkept<'a>(
    promises: &'a [Promised],
    invoices: &[Owed],
    payments: &[Paid],
    grace_days: u32,
    as_of: NaiveDate,
) -> Option<&'a Promised> {
    let p = last(promises, as_of)?;
    (verdict(p, invoices, payments, grace_days, as_of) != Verdict::Kept).then_some(p)
}

#[cfg(test)]
#[path = "promise_tests.rs"]
mod tests;
