//! A reminder 3 or a formal notice states the interest and compensation
//! the law allows. When a reference rate it needs is missing, the letter is
//! held: its queue line names the rate and the command that sets it, and
//! `dun letters` leaves it until the rate is set, unless a clerk sends it
//! anyway with the known figures and the interest "to be specified".

use chrono::NaiveDate;
use rusqlite::Connection;

use super::compose::{entry_for, step_for};
use crate::app::penalties::{compensation_of, penalty_of};
use crate::domain::activity::ActivityKind;
use crate::domain::ladder::StepAction;
use crate::domain::money::Money;
use crate::domain::penalty::{MissingRate, RateTables};
use crate::domain::queue::Ladders;
use crate::store::StoreError;
use crate::store::invoice_history::{InvoiceHistory, history};
use crate::store::queue::FollowUp;

/// Whether a letter of this step must state the penalties in full.
pub fn states_penalties(action: StepAction) -> bool {
    matches!(action, StepAction::Reminder3 | StepAction::FormalNotice)
}

/// The invoices whose penalties a letter of `action` states: a formal
/// notice claims those that have had three reminders, every other letter
/// all of its invoices.
pub fn claimed(action: StepAction, histories: &[InvoiceHistory]) -> Vec<usize> {
    (0..histories.len())
        .filter(|&k| {
            action != StepAction::FormalNotice
                || entry_for(action, histories[k].reminder_level).0 == ActivityKind::FormalNotice
        })
        .collect()
}

/// The first reference rate the penalties of `histories` need as of
/// `as_of` and `rates` lack, if any.
pub fn missing_rate<'a>(
    histories: impl IntoIterator<Item = &'a InvoiceHistory>,
    as_of: NaiveDate,
    rates: &RateTables,
) -> Option<MissingRate> {
    histories
        .into_iter()
        .find_map(|h| match penalty_of(h, as_of, rates) {
            Ok(p) => p.missing.iter().find_map(|e| e.missing_rate()),
            Err(e) => e.missing_rate(),
        })
}

/// Why the letter `line` asks for is held on `as_of`: a rate its
/// penalties need and `rates` lack. `None` for every other line.
pub fn held(
    conn: &Connection,
    line: &FollowUp,
    as_of: NaiveDate,
    ladders: &Ladders,
    rates: &RateTables,
) -> Result<Option<MissingRate>, StoreError> {
    let Some(step) = step_for(line, ladders).filter(|s| states_penalties(s.action)) else {
        return Ok(None);
    };
    let mut histories = Vec::with_capacity(line.invoices.len());
    for n in &line.invoices {
        if let Some(h) = history(conn, n, as_of)? {
            histories.push(h);
        }
    }
    let claimed = claimed(step.action, &histories);
    Ok(missing_rate(
        claimed.iter().map(|&k| &histories[k]),
        as_of,
        rates,
    ))
}

/// Marks the held lines of `lines` (see [`held`]).
pub fn mark(
    conn: &Connection,
    lines: &mut [FollowUp],
    as_of: NaiveDate,
    ladders: &Ladders,
    rates: &RateTables,
) -> Result<(), StoreError> {
    for line in lines.iter_mut() {
        line.held = held(conn, line, as_of, ladders, rates)?;
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
    KnownFigures {
        interest: interest.flatten(),
        interest_from: from,
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
