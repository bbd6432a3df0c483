//! The follow-up queue as of a date: one line per client and reason, most
//! urgent first, built from where each client and open invoice stands.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::case::{self, CaseLetters, Member, Next, PromiseState, promise_state};
use super::client::{Profile, Rating};
use super::currency::Currency;
use super::ladder::{ClientPause, InvoiceStanding, StepAction, plus};
use super::priority::follow_up_priority;
use super::solvency::{needs_deposit, required_deposit};

/// Days before a planned visit when the confirmation call is due.
pub const VISIT_CONFIRMATION_DAYS: i64 = 2;
/// Days before the end of a free pilot when the client must be told.
pub const PILOT_NOTICE_DAYS: i64 = 14;

pub use super::reason::Reason;
pub use super::rules::{DEFAULT_ACK_DAYS, Ladders, Rules, default_minimum};

/// A client as the queue sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueClient {
    pub code: String,
    pub name: String,
    pub profile: Profile,
    pub country: Option<String>,
    pub currency: Currency,
    pub clerk: Option<String>,
    pub rating: Option<Rating>,
    /// The deposit the client's own terms ask for, in percent.
    pub deposit_pct: u8,
    /// When its latest deposit invoice (paid or not) was issued.
    pub deposit_issued_on: Option<NaiveDate>,
    pub pilot_ends_on: Option<NaiveDate>,
    pub pause: ClientPause,
    pub next_action_on: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
    /// A planned visit not yet done or cancelled.
    pub visit_on: Option<NaiveDate>,
    /// What answers the lines about the client: the latest call that
    /// reached someone, pilot-end notice, deposit request's deadline,
    /// registered letter, and letter whose receipt came back.
    pub reached_on: Option<NaiveDate>,
    pub pilot_notice_on: Option<NaiveDate>,
    pub deposit_request_until: Option<NaiveDate>,
    pub registered_on: Option<NaiveDate>,
    pub acknowledged_on: Option<NaiveDate>,
    /// The letters sent in each currency.
    pub letters: Vec<(Currency, CaseLetters)>,
}

/// An open invoice as the queue sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueInvoice {
    /// Index of its client in the list given to [`build`].
    pub client: usize,
    pub number: String,
    pub issued_on: NaiveDate,
    pub currency: Currency,
    pub outstanding: i64,
    pub is_deposit: bool,
    pub standing: InvoiceStanding,
}

/// One line of the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueLine {
    /// Index of its client in the list given to [`build`].
    pub client: usize,
    pub reason: Reason,
    pub currency: Currency,
    /// What the invoices concerned still owe; for reasons about the client
    /// as a whole, everything overdue in that currency.
    pub amount: i64,
    /// The invoices concerned, as indexes into the list given to
    /// [`build`], oldest due first (empty for reasons about the client).
    pub invoices: Vec<usize>,
    /// The client's oldest overdue invoice in this currency.
    pub oldest: Option<usize>,
    pub oldest_due_on: Option<NaiveDate>,
    pub priority: i128,
}

#[derive(Default)]
struct Overdue {
    amount: i64,
    oldest: Option<usize>,
}

/// The queue as of `as_of`. `invoices` are the open invoices of `clients`,
/// in due-date order. A snoozed client stays out until the snooze ends.
///
/// A client's overdue invoices in one currency form a case: one ladder
/// line for the case, its letter covering every invoice that is not
/// waiting. Every other line is answered by its own activity: a visit
/// confirmation by a call that reached the client, a pilot's end by the
/// pilot-end notice (or such a call), an unpaid deposit by the deposit
/// request (until its deadline) or the payment, a missing receipt by the
/// acknowledgment.
pub fn build(
    clients: &[QueueClient],
    invoices: &[QueueInvoice],
    rules: &Rules,
    as_of: NaiveDate,
) -> Vec<QueueLine> {
    // Everything overdue, per client and currency.
    let mut overdue: BTreeMap<(usize, Currency), Overdue> = BTreeMap::new();
    // The open invoices of each client and currency that are not deposits.
    let mut groups: BTreeMap<(usize, Currency), Vec<usize>> = BTreeMap::new();
    for (n, inv) in invoices.iter().enumerate() {
        if !inv.is_deposit {
            groups
                .entry((inv.client, inv.currency))
                .or_default()
                .push(n);
        }
        if inv.standing.due_on >= as_of {
            continue;
        }
        let o = overdue.entry((inv.client, inv.currency)).or_default();
        o.amount = o.amount.saturating_add(inv.outstanding);
        let older = o
            .oldest
            .is_none_or(|k| invoices[k].standing.due_on > inv.standing.due_on);
        if older {
            o.oldest = Some(n);
        }
    }
    let mut lines: BTreeMap<(usize, Reason, Currency), QueueLine> = BTreeMap::new();
    let mut add = |client: usize, reason: Reason, currency: Currency, inv: Option<usize>| {
        let line = lines
            .entry((client, reason, currency))
            .or_insert_with(|| QueueLine {
                client,
                reason,
                currency,
                amount: 0,
                invoices: Vec::new(),
                oldest: None,
                oldest_due_on: None,
                priority: 0,
            });
        if let Some(n) = inv {
            line.amount = line.amount.saturating_add(invoices[n].outstanding);
            line.invoices.push(n);
        }
    };
    // Promises, invoice by invoice.
    for (n, inv) in invoices.iter().enumerate() {
        let Some(c) = clients.get(inv.client) else {
            continue;
        };
        let ladder = rules.ladders.for_profile(c.profile);
        if inv.standing.disputed {
            continue;
        }
        match promise_state(&inv.standing, &c.pause, ladder.promise_grace_days, as_of) {
            PromiseState::Broken(p) => {
                add(inv.client, Reason::BrokenPromise(p), inv.currency, Some(n))
            }
            PromiseState::Due(p) => add(inv.client, Reason::PromiseDue(p), inv.currency, Some(n)),
            PromiseState::Pending(_) | PromiseState::None => {}
        }
    }
    // The ladder, case by case.
    for (&(ci, cur), ns) in &groups {
        let Some(c) = clients.get(ci) else {
            continue;
        };
        let ladder = rules.ladders.for_profile(c.profile);
        let minimum = rules.minimum(cur);
        let letters = c
            .letters
            .iter()
            .find(|(k, _)| *k == cur)
            .map(|(_, l)| *l)
            .unwrap_or_default();
        let (late, early): (Vec<usize>, Vec<usize>) = ns
            .iter()
            .partition(|&&n| invoices[n].standing.due_on < as_of);
        let member = |&n: &usize| Member {
            standing: &invoices[n].standing,
            outstanding: invoices[n].outstanding,
        };
        if late.is_empty() {
            let soon: Vec<Member<'_>> = early.iter().map(member).collect();
            if let Some((_, due)) = case::courtesy(ladder, &soon, &c.pause, minimum, as_of) {
                for k in due {
                    add(ci, Reason::Courtesy, cur, Some(early[k]));
                }
            }
            continue;
        }
        let members: Vec<Member<'_>> = late.iter().map(member).collect();
        match case::next(ladder, &members, &letters, &c.pause, minimum, as_of) {
            Next::Due { step, members, .. } => {
                let reason = match step.action {
                    StepAction::FormalNotice => Reason::FormalNoticeReady,
                    a => Reason::Reminder(a.level().unwrap_or(1)),
                };
                for k in members {
                    add(ci, reason, cur, Some(late[k]));
                }
            }
            Next::Small => add(ci, Reason::SmallBalance, cur, None),
            Next::Later { .. } | Next::Paused(_) | Next::Noticed(_) | Next::Finished => {}
        }
    }
    // Deposits: answered by the deposit request until its deadline, or the payment.
    for (n, inv) in invoices.iter().enumerate() {
        let Some(c) = clients.get(inv.client) else {
            continue;
        };
        let requested = c.deposit_request_until.is_some_and(|d| d >= as_of);
        if inv.is_deposit && inv.standing.due_on <= as_of && !inv.standing.disputed && !requested {
            add(inv.client, Reason::UnpaidDeposit, inv.currency, Some(n));
        }
    }
    // New invoices of a client who must give a deposit, until the deposit
    // invoice is issued.
    for (n, inv) in invoices.iter().enumerate() {
        let Some(c) = clients.get(inv.client) else {
            continue;
        };
        let required = required_deposit(c.deposit_pct, c.rating, &rules.deposits);
        if !inv.is_deposit
            && inv.standing.due_on >= as_of
            && needs_deposit(required, inv.issued_on, c.deposit_issued_on)
        {
            add(inv.client, Reason::DepositNeeded, inv.currency, Some(n));
        }
    }
    for (i, c) in clients.iter().enumerate() {
        if let Some(d) = c.next_action_on {
            let done = c.pause.last_contact_on.is_some_and(|l| l >= d);
            if d <= as_of && !done {
                add(i, Reason::NextAction(d), c.currency, None);
            }
        }
        let reached_since = |from: NaiveDate| c.reached_on.is_some_and(|d| d >= from);
        if let Some(v) = c.visit_on {
            let days = (v - as_of).num_days();
            if days < 0 {
                add(i, Reason::VisitOutcome(v), c.currency, None);
            } else if (1..=VISIT_CONFIRMATION_DAYS).contains(&days)
                && !reached_since(plus(v, -VISIT_CONFIRMATION_DAYS))
            {
                add(i, Reason::ConfirmVisit(v), c.currency, None);
            }
        }
        if let Some(p) = c.pilot_ends_on {
            let window = plus(p, -PILOT_NOTICE_DAYS);
            let told = c.pilot_notice_on.is_some_and(|d| d >= window) || reached_since(window);
            if (0..=PILOT_NOTICE_DAYS).contains(&(p - as_of).num_days()) && !told {
                add(i, Reason::PilotEnds(p), c.currency, None);
            }
        }
        if let Some(r) = c.registered_on {
            let acknowledged = c.acknowledged_on.is_some_and(|a| a >= r);
            if !acknowledged && (as_of - r).num_days() >= i64::from(rules.ack_days) {
                add(i, Reason::NoAcknowledgment(r), c.currency, None);
            }
        }
    }
    let mut out: Vec<QueueLine> = lines
        .into_values()
        .filter(|l| clients[l.client].snoozed_until.is_none_or(|s| s <= as_of))
        .map(|mut l| {
            let c = &clients[l.client];
            let o = overdue.get(&(l.client, l.currency));
            if l.invoices.is_empty() {
                l.amount = o.map_or(0, |o| o.amount);
            }
            l.oldest = o.and_then(|o| o.oldest);
            l.oldest_due_on = l.oldest.map(|k| invoices[k].standing.due_on);
            let days = l.oldest_due_on.map_or(0, |d| (as_of - d).num_days());
            l.priority = follow_up_priority(
                o.map_or(l.amount, |o| o.amount),
                l.currency.exponent(),
                days,
                c.rating,
                matches!(l.reason, Reason::BrokenPromise(_)),
            );
            l
        })
        .collect();
    out.sort_by(|a, b| {
        (
            a.reason.rank(),
            std::cmp::Reverse(a.priority),
            &clients[a.client].code,
        )
            .cmp(&(
                b.reason.rank(),
                std::cmp::Reverse(b.priority),
                &clients[b.client].code,
            ))
            // Among one client's reminders, the most advanced first.
            .then(b.reason.cmp(&a.reason))
    });
    out
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "queue_deposit_tests.rs"]
mod deposit_tests;
