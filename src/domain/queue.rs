//! The follow-up queue as of a date: one line per client and reason, most
//! urgent first, built from where each client and open invoice stands.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::case::{self, CaseLetters, Member, Next, PromiseState, promise_state};
use super::case_life::{CaseLife, Dispute, PlanState, plan_state};
use super::client::{Profile, Rating};
use super::currency::Currency;
use super::ladder::{ClientPause, InvoiceStanding, Ladder, Pause, StepAction, plus};
use super::outlook::{Outlook, Stage};
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
    /// The escalation and payment plan of its cases, per currency.
    pub cases: Vec<(Currency, CaseLife)>,
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
    /// Its open dispute's owner and review date (when `standing` says
    /// it is disputed).
    pub dispute: Option<Dispute>,
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
    plan(clients, invoices, rules, as_of).0
}

/// Where each of `invoices` stands on `as_of` and when it next needs a
/// clerk, by the same rules as [`build`]: an overdue invoice of a case
/// worth chasing is on one of `build`'s lines today (`next_on` is
/// `as_of`), or waits for a date after it (a step of the ladder, a
/// promise, an instalment, a dispute's or an escalation's review, the end
/// of a hold or a snooze).
pub fn outlook(
    clients: &[QueueClient],
    invoices: &[QueueInvoice],
    rules: &Rules,
    as_of: NaiveDate,
) -> Vec<Outlook> {
    plan(clients, invoices, rules, as_of).1
}

/// The reason of the line a ladder step asks for.
fn step_reason(action: StepAction) -> Reason {
    match action {
        StepAction::FormalNotice => Reason::FormalNoticeReady,
        StepAction::Courtesy => Reason::Courtesy,
        a => Reason::Reminder(a.level().unwrap_or(1)),
    }
}

/// The day a case whose ladder has run out (a formal notice went on
/// `noticed`, or there is no step left) is to be escalated: when the last
/// letter's deadline and the ladder's grace days have passed.
pub fn escalate_on(
    ladder: &Ladder,
    letters: &CaseLetters,
    noticed: Option<NaiveDate>,
    since: NaiveDate,
) -> NaiveDate {
    let last = [letters.deadline_on, noticed, Some(since)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(since);
    plus(last, i64::from(ladder.grace_days))
}

/// The queue's lines and every invoice's outlook, from one pass: what
/// [`build`] and [`outlook`] each give.
pub fn plan(
    clients: &[QueueClient],
    invoices: &[QueueInvoice],
    rules: &Rules,
    as_of: NaiveDate,
) -> (Vec<QueueLine>, Vec<Outlook>) {
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
    let mut look: Vec<Outlook> = invoices
        .iter()
        .map(|i| Outlook {
            stage: if i.standing.due_on < as_of {
                Stage::Overdue
            } else {
                Stage::Current
            },
            next_on: i.standing.due_on.max(as_of),
            next: Reason::Reminder(1),
        })
        .collect();
    let wait = |on: NaiveDate, next: Reason, stage: Stage| Outlook {
        stage,
        next_on: on.max(as_of),
        next,
    };
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
    let life = |c: &QueueClient, cur: Currency| {
        c.cases
            .iter()
            .find(|(k, _)| *k == cur)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    // Invoices a payment plan still covers: out of the ladder.
    let mut in_plan = vec![false; invoices.len()];
    for (&(ci, cur), ns) in &groups {
        let Some(c) = clients.get(ci) else {
            continue;
        };
        let Some(p) = life(c, cur).plan else {
            continue;
        };
        let covered: Vec<usize> = ns
            .iter()
            .copied()
            .filter(|&n| !invoices[n].standing.disputed && p.invoices.contains(&invoices[n].number))
            .collect();
        let owed = covered
            .iter()
            .fold(0i64, |t, &n| t.saturating_add(invoices[n].outstanding));
        let grace = rules.ladders.for_profile(c.profile).promise_grace_days;
        let (reason, on) = match plan_state(&p, owed, grace, as_of) {
            PlanState::Done => continue,
            PlanState::Broken(i) => {
                // Like a broken promise: once the client was contacted
                // after it broke, the plan is over and the ladder resumes.
                let spoken = c
                    .pause
                    .last_contact_on
                    .is_some_and(|d| (d - i.on).num_days() > i64::from(grace));
                if spoken {
                    continue;
                }
                (Reason::BrokenPlan(i.on), as_of)
            }
            PlanState::Next(i) => (Reason::InstalmentDue(i.on), i.on),
        };
        for n in covered {
            in_plan[n] = true;
            look[n] = wait(on, reason, Stage::Plan);
            if on <= as_of {
                add(ci, reason, cur, Some(n));
            }
        }
    }
    // Disputes and promises, invoice by invoice.
    for (n, inv) in invoices.iter().enumerate() {
        let Some(c) = clients.get(inv.client) else {
            continue;
        };
        let ladder = rules.ladders.for_profile(c.profile);
        if inv.standing.disputed {
            // Never paused for ever: a dispute comes back on its review date.
            let review = inv.dispute.as_ref().map_or(as_of, |d| d.review_on);
            look[n] = wait(review, Reason::DisputeReview(review), Stage::Disputed);
            if review <= as_of {
                add(
                    inv.client,
                    Reason::DisputeReview(review),
                    inv.currency,
                    Some(n),
                );
            }
            continue;
        }
        if in_plan[n] {
            continue;
        }
        let stage = look[n].stage;
        match promise_state(&inv.standing, &c.pause, ladder.promise_grace_days, as_of) {
            PromiseState::Broken(p) => {
                look[n] = wait(as_of, Reason::BrokenPromise(p), stage);
                add(inv.client, Reason::BrokenPromise(p), inv.currency, Some(n))
            }
            PromiseState::Due(p) => {
                look[n] = wait(as_of, Reason::PromiseDue(p), stage);
                add(inv.client, Reason::PromiseDue(p), inv.currency, Some(n))
            }
            PromiseState::Pending(p) => look[n] = wait(p, Reason::PromiseDue(p), stage),
            PromiseState::None => {}
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
            .filter(|&&n| !in_plan[n])
            .partition(|&&n| invoices[n].standing.due_on < as_of);
        let first_step = |due: NaiveDate| {
            let offset = ladder
                .step(StepAction::Reminder1)
                .map_or(1, |s| i64::from(s.offset));
            plus(due, offset)
        };
        for &n in &early {
            if !invoices[n].standing.disputed
                && look[n].next_on == as_of.max(invoices[n].standing.due_on)
            {
                look[n] = wait(
                    first_step(invoices[n].standing.due_on),
                    Reason::Reminder(1),
                    Stage::Current,
                );
            }
        }
        let member = |&n: &usize| Member {
            standing: &invoices[n].standing,
            outstanding: invoices[n].outstanding,
        };
        if late.is_empty() {
            let soon: Vec<Member<'_>> = early.iter().map(member).collect();
            if let Some((_, due)) = case::courtesy(ladder, &soon, &c.pause, minimum, as_of) {
                for k in due {
                    look[early[k]] = wait(as_of, Reason::Courtesy, Stage::Current);
                    add(ci, Reason::Courtesy, cur, Some(early[k]));
                }
            }
            continue;
        }
        let since = late
            .iter()
            .map(|&n| invoices[n].standing.due_on)
            .min()
            .unwrap_or(as_of);
        let stage = letters
            .stage(since)
            .map_or(Stage::Overdue, |(a, _)| Stage::Step(a));
        let active: Vec<usize> = late
            .iter()
            .copied()
            .filter(|&n| {
                !invoices[n].standing.disputed
                    && !promise_state(
                        &invoices[n].standing,
                        &c.pause,
                        ladder.promise_grace_days,
                        as_of,
                    )
                    .holds_the_ladder()
            })
            .collect();
        for &n in &late {
            if !invoices[n].standing.disputed {
                look[n].stage = stage;
            }
        }
        // An escalated case is out of the ladder until its review date.
        if let Some(e) = life(c, cur).escalation {
            let reason = Reason::EscalationReview(e.review_on);
            for &n in &late {
                if !invoices[n].standing.disputed {
                    look[n].stage = Stage::Escalated;
                }
            }
            for &n in &active {
                look[n] = wait(e.review_on, reason, Stage::Escalated);
                if e.review_on <= as_of {
                    add(ci, reason, cur, Some(n));
                }
            }
            continue;
        }
        let owed = active
            .iter()
            .fold(0i64, |t, &n| t.saturating_add(invoices[n].outstanding));
        let members: Vec<Member<'_>> = late.iter().map(member).collect();
        let hold = c.pause.hold_until.filter(|h| *h > as_of);
        let free = ClientPause {
            hold_until: None,
            ..c.pause
        };
        let escalate = |noticed: Option<NaiveDate>| {
            let on = escalate_on(ladder, &letters, noticed, since);
            hold.map_or(on, |h| on.max(h))
        };
        let mut wait_all = |on: NaiveDate, reason: Reason| {
            for &n in &active {
                look[n] = wait(on, reason, stage);
            }
        };
        match case::next(ladder, &members, &letters, &c.pause, minimum, as_of) {
            Next::Due { step, members, .. } => {
                let reason = step_reason(step.action);
                for k in members {
                    look[late[k]] = wait(as_of, reason, stage);
                    add(ci, reason, cur, Some(late[k]));
                }
            }
            Next::Later { step, on } => wait_all(on, step_reason(step.action)),
            Next::Small => {
                wait_all(as_of, Reason::SmallBalance);
                add(ci, Reason::SmallBalance, cur, None);
            }
            Next::Paused(Pause::Hold(h)) => {
                // What the ladder asks for once the hold ends.
                match case::next(ladder, &members, &letters, &free, minimum, as_of) {
                    Next::Due { step, .. } => wait_all(h, step_reason(step.action)),
                    Next::Later { step, on } => wait_all(on.max(h), step_reason(step.action)),
                    Next::Small => wait_all(h, Reason::SmallBalance),
                    Next::Finished => wait_all(escalate(None), Reason::Escalate),
                    Next::Noticed(d) => wait_all(escalate(Some(d)), Reason::Escalate),
                    Next::Paused(_) => {}
                }
            }
            Next::Paused(_) => {}
            Next::Noticed(_) | Next::Finished if active.is_empty() => {}
            Next::Noticed(_) | Next::Finished if owed < minimum => {
                wait_all(as_of, Reason::SmallBalance);
                add(ci, Reason::SmallBalance, cur, None);
            }
            n @ (Next::Noticed(_) | Next::Finished) => {
                // The ladder has no letter left: after the last deadline,
                // the case is to be escalated (or planned, written off…).
                let on = escalate(match n {
                    Next::Noticed(d) => Some(d),
                    _ => None,
                });
                wait_all(on, Reason::Escalate);
                if on <= as_of {
                    for &n in &active {
                        add(ci, Reason::Escalate, cur, Some(n));
                    }
                }
            }
        }
    }
    // Deposits: answered by the deposit request until its deadline, or the payment.
    for (n, inv) in invoices.iter().enumerate() {
        let Some(c) = clients.get(inv.client) else {
            continue;
        };
        if !inv.is_deposit || inv.standing.disputed {
            continue;
        }
        let requested = c.deposit_request_until.filter(|d| *d >= as_of);
        if inv.standing.due_on > as_of {
            look[n] = wait(inv.standing.due_on, Reason::UnpaidDeposit, Stage::Current);
        } else if let Some(d) = requested {
            look[n] = wait(plus(d, 1), Reason::UnpaidDeposit, look[n].stage);
        } else {
            look[n] = wait(as_of, Reason::UnpaidDeposit, look[n].stage);
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
    // A snoozed client waits until its snooze ends.
    let snoozed = |c: &QueueClient| c.snoozed_until.filter(|s| *s > as_of);
    for (n, inv) in invoices.iter().enumerate() {
        if let Some(s) = clients.get(inv.client).and_then(snoozed) {
            look[n].next_on = look[n].next_on.max(s);
        }
    }
    let mut out: Vec<QueueLine> = lines
        .into_values()
        .filter(|l| snoozed(&clients[l.client]).is_none())
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
                matches!(l.reason, Reason::BrokenPromise(_) | Reason::BrokenPlan(_)),
            );
            l
        })
        .collect();
    // An invoice on a line today needs a clerk today, whatever else waits.
    for l in &out {
        for &k in &l.invoices {
            if look[k].next_on > as_of {
                look[k].next_on = as_of;
                look[k].next = l.reason;
            }
        }
    }
    out.sort_by(|a, b| {
        line_order(
            (a.reason, a.priority, &clients[a.client].code),
            (b.reason, b.priority, &clients[b.client].code),
        )
    });
    (out, look)
}

/// The queue's order of two lines, each given by its reason, priority and
/// client code: by reason, then priority, then client; among one client's
/// reminders, the most advanced first.
pub fn line_order(a: (Reason, i128, &str), b: (Reason, i128, &str)) -> std::cmp::Ordering {
    (a.0.rank(), std::cmp::Reverse(a.1), a.2)
        .cmp(&(b.0.rank(), std::cmp::Reverse(b.1), b.2))
        .then(b.0.cmp(&a.0))
}

#[cfg(test)]
#[path = "queue_example.rs"]
mod example;

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "queue_deposit_tests.rs"]
mod deposit_tests;
