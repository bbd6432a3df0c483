//! A reminder 3 or a formal notice states the interest and compensation
//! the law allows. When a reference rate it needs is missing, the letter is
//! held: its queue line names the rate and the command that sets it, and
//! `dun letters` leaves it until the rate is set, unless a clerk sends it
//! anyway with the known figures and the interest "to be specified".

use crate::store::Snapshot;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::compose::{entry_for, step_for};
use crate::domain::activity::ActivityKind;
use crate::domain::ladder::StepAction;
use crate::domain::money::Money;
use crate::domain::penalty::{Penalty, PenaltyError, RateKey, RateTables};
use crate::domain::queue::Ladders;
use crate::report::penalties::{compensation_of, penalty_of, penalty_of_facts};
use crate::store::StoreError;
use crate::store::invoice_history::InvoiceHistory;
use crate::store::penalty_facts::for_invoices;
use crate::store::queue::FollowUp;

/// Whether a letter of this step must state the penalties in full.
pub fn states_penalties(action: StepAction) -> bool {
    matches!(action, StepAction::Reminder3 | StepAction::FormalNotice)
}

/// Whether a letter of `action` states the penalties of an invoice that
/// has had `reminder_level` reminders: a formal notice claims those that
/// have had three, every other letter all of its invoices.
pub fn is_claimed(action: StepAction, reminder_level: u32) -> bool {
    action != StepAction::FormalNotice
        || entry_for(action, reminder_level).0 == ActivityKind::FormalNotice
}

/// The invoices of `histories` whose penalties a letter of `action` states.
pub fn claimed(action: StepAction, histories: &[InvoiceHistory]) -> Vec<usize> {
    (0..histories.len())
        .filter(|&k| is_claimed(action, histories[k].reminder_level))
        .collect()
}

/// The reference rate a penalty computation says it lacks, if any.
fn missing_of(result: Result<Penalty, PenaltyError>) -> Option<RateKey> {
    match result {
        Ok(p) => p.missing.iter().find_map(PenaltyError::missing_rate),
        Err(e) => e.missing_rate(),
    }
}

/// The first reference rate the penalties of `histories` need as of
/// `as_of` and `rates` lack, if any.
pub fn missing_rate<'a>(
    histories: impl IntoIterator<Item = &'a InvoiceHistory>,
    as_of: NaiveDate,
    rates: &RateTables,
) -> Option<RateKey> {
    histories
        .into_iter()
        .find_map(|h| missing_of(penalty_of(h, as_of, rates)))
}

/// Marks the lines of `lines` whose letter is held on `as_of`: a reminder
/// 3 or formal notice whose penalties need a rate `rates` lack. The facts
/// of every invoice concerned are read in one statement, and the same
/// rules tell which rates they need.
pub fn mark(
    conn: &Snapshot,
    lines: &mut [FollowUp],
    as_of: NaiveDate,
    ladders: &Ladders,
    rates: &RateTables,
) -> Result<(), StoreError> {
    let candidates: Vec<(usize, StepAction)> = lines
        .iter()
        .enumerate()
        .filter_map(|(k, l)| {
            step_for(l, ladders)
                .filter(|s| states_penalties(s.action))
                .map(|s| (k, s.action))
        })
        .collect();
    let numbers: Vec<&str> = candidates
        .iter()
        .flat_map(|&(k, _)| lines[k].invoices.iter().map(String::as_str))
        .collect();
    let facts = for_invoices(conn, &numbers, as_of)?;
    let mut held = vec![None; lines.len()];
    for (k, action) in candidates {
        held[k] = lines[k]
            .invoices
            .iter()
            .filter_map(|n| facts.get(n))
            .filter(|f| is_claimed(action, f.reminder_level))
            .find_map(|f| missing_of(penalty_of_facts(f, as_of, rates)));
    }
    for (line, h) in lines.iter_mut().zip(held) {
        line.held = h;
    }
    Ok(())
}

/// What a held letter sent anyway states: the figures known, and which
/// are "to be specified".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownFigures {
    /// The interest over every claimed invoice, when every one is known.
    pub interest: Option<Money>,
    /// The first day interest runs on any claimed invoice.
    pub interest_from: Option<NaiveDate>,
    /// The yearly rate of the latest period, when the interest is known.
    pub rate: Option<Decimal>,
    /// The fixed compensation known, summed (one currency).
    pub compensation: Option<Money>,
    /// A compensation owed could not be given.
    pub compensation_unknown: bool,
}

/// The figures of `histories` as of `as_of` that `rates` allow: each
/// invoice's interest and fixed compensation, or none where a rate lacks.
pub fn known_figures<'a>(
    histories: impl IntoIterator<Item = &'a InvoiceHistory>,
    as_of: NaiveDate,
    rates: &RateTables,
) -> KnownFigures {
    let mut interest: Option<Option<Money>> = None;
    let mut from: Option<NaiveDate> = None;
    let mut rate: Option<Decimal> = None;
    let mut compensation: Option<Money> = None;
    let mut compensation_unknown = false;
    let add = |a: Option<Money>, b: Money| match a {
        None => Some(b),
        Some(a) if a.currency == b.currency => Some(Money::new(a.minor + b.minor, a.currency)),
        Some(a) => Some(a),
    };
    for h in histories {
        // Interest runs from the day after the due date.
        let start = h.stored.invoice.due_on.succ_opt();
        match penalty_of(h, as_of, rates) {
            Ok(p) => {
                interest = Some(match interest {
                    None => Some(p.interest),
                    Some(known) => known.and_then(|k| add(Some(k), p.interest)),
                });
                if let Some(c) = p.compensation {
                    compensation = add(compensation, c);
                }
                compensation_unknown |= p.missing.iter().any(|e| e.missing_rate().is_some());
                from = min_date(from, p.from);
                rate = p.rate.or(rate);
            }
            Err(e) if e.missing_rate().is_some() => {
                interest = Some(None);
                from = min_date(from, start);
                match compensation_of(h, as_of, rates) {
                    Ok(Some(c)) => compensation = add(compensation, c),
                    Ok(None) => {}
                    Err(_) => compensation_unknown = true,
                }
            }
            Err(_) => {}
        }
    }
    let interest = interest.flatten();
    KnownFigures {
        interest,
        interest_from: from,
        rate: rate.filter(|_| interest.is_some()),
        compensation,
        compensation_unknown,
    }
}

fn min_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
