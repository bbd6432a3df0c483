//! What governs a client now, beside its queue lines: a snooze, a hold,
//! a next action, a planned visit, an open promise, and each case's last
//! letter with the deadline it gave. A fact a queue line of today says
//! already is left out: the client page says each thing once.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::case::{PromiseState, promise_state};
use super::currency::Currency;
use super::ladder::{StepAction, plus};
use super::queue::{QueueClient, QueueInvoice, Reason, Rules, VISIT_CONFIRMATION_DAYS};

/// One thing that governs the client, with its dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Governs {
    /// No line in the queue until this date (excluded).
    Snoozed { until: NaiveDate },
    /// No letter before this date.
    OnHold { until: NaiveDate },
    /// The date a clerk set to act again, not yet answered by a contact.
    NextAction { on: NaiveDate },
    /// A visit planned on `on`; `confirmed` when a call reached the client
    /// within the confirmation days before it.
    Visit { on: NaiveDate, confirmed: bool },
    /// A promise to pay by `by`, what the invoices it covers still owe.
    Promise {
        currency: Currency,
        by: NaiveDate,
        owed: i64,
        state: PromiseState,
    },
    /// The case's most advanced letter, the day it went, and the deadline
    /// it (or a later letter of the case) gave.
    LastLetter {
        currency: Currency,
        step: StepAction,
        on: NaiveDate,
        deadline: Option<NaiveDate>,
    },
}

/// Who set a fact and why (the journal entry behind it), when known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said {
    pub by: String,
    pub note: String,
    /// A promise's amount as the clerk recorded it.
    pub amount: Option<i64>,
}

/// A fact and the entry behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub what: Governs,
    pub said: Option<Said>,
}

/// What governs `client` on `as_of`, given its open `invoices` (those of
/// other clients are ignored: `index` is the client's in the queue's list)
/// and the reasons of its queue lines today, in the order the page shows
/// them: snooze, hold, next action, visit, promises, then last letters.
pub fn facts(
    client: &QueueClient,
    index: usize,
    invoices: &[QueueInvoice],
    today: &[Reason],
    rules: &Rules,
    as_of: NaiveDate,
) -> Vec<Governs> {
    let mut out = Vec::new();
    let snoozed = client.snoozed_until.filter(|s| *s > as_of);
    if let Some(until) = snoozed {
        out.push(Governs::Snoozed { until });
    }
    if let Some(until) = client.pause.hold_until.filter(|h| *h > as_of) {
        out.push(Governs::OnHold { until });
    }
    if let Some(on) = client.next_action_on {
        let done = client.pause.last_contact_on.is_some_and(|l| l >= on);
        // A snooze sets its end as the next action: said once.
        if !done && !today.contains(&Reason::NextAction(on)) && snoozed != Some(on) {
            out.push(Governs::NextAction { on });
        }
    }
    if let Some(on) = client.visit_on {
        let said = [Reason::VisitOutcome(on), Reason::ConfirmVisit(on)];
        if !said.iter().any(|r| today.contains(r)) {
            let confirmed = client
                .reached_on
                .is_some_and(|d| d >= plus(on, -VISIT_CONFIRMATION_DAYS));
            out.push(Governs::Visit { on, confirmed });
        }
    }
    let mine = || invoices.iter().filter(|i| i.client == index);
    let grace = rules.ladders.for_profile(client.profile).promise_grace_days;
    let mut promises: BTreeMap<(Currency, NaiveDate), (i64, PromiseState)> = BTreeMap::new();
    for inv in mine().filter(|i| !i.standing.disputed) {
        let state = promise_state(&inv.standing, &client.pause, grace, as_of);
        let (PromiseState::Pending(p) | PromiseState::Due(p) | PromiseState::Broken(p)) = state
        else {
            continue;
        };
        let line = match state {
            PromiseState::Broken(_) => Reason::BrokenPromise(p),
            _ => Reason::PromiseDue(p),
        };
        if today.contains(&line) {
            continue;
        }
        let e = promises.entry((inv.currency, p)).or_insert((0, state));
        e.0 = e.0.saturating_add(inv.outstanding);
    }
    for ((currency, by), (owed, state)) in promises {
        out.push(Governs::Promise {
            currency,
            by,
            owed,
            state,
        });
    }
    for (currency, letters) in &client.letters {
        // The case: the overdue invoices in that currency, since the
        // oldest one's due date.
        let since = mine()
            .filter(|i| i.currency == *currency && !i.is_deposit && i.standing.due_on < as_of)
            .map(|i| i.standing.due_on)
            .min();
        let Some((step, on)) = since.and_then(|s| letters.stage(s)) else {
            continue;
        };
        out.push(Governs::LastLetter {
            currency: *currency,
            step,
            on,
            deadline: letters.deadline_on.filter(|d| *d > on),
        });
    }
    out
}

#[cfg(test)]
#[path = "governs_tests.rs"]
mod tests;
