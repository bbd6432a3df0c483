//! The follow-up queue as of a date: one line per client and reason, most
//! urgent first, built from where each client and open invoice stands.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::client::{Profile, Rating};
use super::currency::Currency;
use super::ladder::{ClientPause, InvoiceStanding, Ladder, Pause, Standing, StepAction, standing};
use super::priority::follow_up_priority;

/// Days before a planned visit when the confirmation call is due.
pub const VISIT_CONFIRMATION_DAYS: i64 = 2;
/// Days before the end of a free pilot when the client must be told.
pub const PILOT_NOTICE_DAYS: i64 = 14;

/// Why a client is in the queue, in the order a clerk works through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// A promised date passed (with its grace days) and the invoice is unpaid.
    BrokenPromise(NaiveDate),
    /// The invoice has had three reminders: a formal notice can go.
    FormalNoticeReady,
    /// A reminder of the ladder is due.
    Reminder(u8),
    /// A promise falls due: check that the money came.
    PromiseDue(NaiveDate),
    /// The date a clerk set to act again was reached.
    NextAction(NaiveDate),
    /// A visit is planned on this date: call to confirm it.
    ConfirmVisit(NaiveDate),
    /// The free pilot ends on this date: tell the client.
    PilotEnds(NaiveDate),
    /// A deposit request is due and unpaid.
    UnpaidDeposit,
    /// A friendly note before the due date.
    Courtesy,
}

/// `{"kind": "reminder", "level": 2}`, `{"kind": "broken_promise", "date":
/// "2026-11-05"}`, `{"kind": "courtesy"}`.
impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (kind, date, level) = match *self {
            Reason::BrokenPromise(d) => ("broken_promise", Some(d), None),
            Reason::FormalNoticeReady => ("formal_notice_ready", None, None),
            Reason::Reminder(n) => ("reminder", None, Some(n)),
            Reason::PromiseDue(d) => ("promise_due", Some(d), None),
            Reason::NextAction(d) => ("next_action", Some(d), None),
            Reason::ConfirmVisit(d) => ("confirm_visit", Some(d), None),
            Reason::PilotEnds(d) => ("pilot_ends", Some(d), None),
            Reason::UnpaidDeposit => ("unpaid_deposit", None, None),
            Reason::Courtesy => ("courtesy", None, None),
        };
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", kind)?;
        if let Some(d) = date {
            m.serialize_entry("date", &d)?;
        }
        if let Some(n) = level {
            m.serialize_entry("level", &n)?;
        }
        m.end()
    }
}

impl Reason {
    /// Words for the queue line.
    pub fn describe(self) -> String {
        match self {
            Reason::BrokenPromise(d) => format!("broken promise ({d})"),
            Reason::FormalNoticeReady => "formal notice ready".into(),
            Reason::Reminder(n) => format!("reminder {n} due"),
            Reason::PromiseDue(d) => format!("promise due {d}"),
            Reason::NextAction(d) => format!("next action ({d})"),
            Reason::ConfirmVisit(d) => format!("confirm visit of {d}"),
            Reason::PilotEnds(d) => format!("pilot ends {d}"),
            Reason::UnpaidDeposit => "deposit unpaid".into(),
            Reason::Courtesy => "courtesy reminder".into(),
        }
    }

    /// A few words for a narrow column (at most 14 characters).
    pub fn label(self) -> &'static str {
        match self {
            Reason::BrokenPromise(_) => "broken promise",
            Reason::FormalNoticeReady => "formal notice",
            Reason::Reminder(1) => "reminder 1",
            Reason::Reminder(2) => "reminder 2",
            Reason::Reminder(_) => "reminder 3",
            Reason::PromiseDue(_) => "promise due",
            Reason::NextAction(_) => "next action",
            Reason::ConfirmVisit(_) => "confirm visit",
            Reason::PilotEnds(_) => "pilot ends",
            Reason::UnpaidDeposit => "deposit unpaid",
            Reason::Courtesy => "courtesy",
        }
    }

    /// Whether the line asks for urgent attention.
    pub fn is_alert(self) -> bool {
        matches!(self, Reason::BrokenPromise(_) | Reason::FormalNoticeReady)
    }

    /// The ladder step this reason asks for, if any.
    pub fn step(self) -> Option<StepAction> {
        match self {
            Reason::FormalNoticeReady => Some(StepAction::FormalNotice),
            Reason::Reminder(1) => Some(StepAction::Reminder1),
            Reason::Reminder(2) => Some(StepAction::Reminder2),
            Reason::Reminder(3) => Some(StepAction::Reminder3),
            Reason::Courtesy => Some(StepAction::Courtesy),
            _ => None,
        }
    }

    fn rank(self) -> u8 {
        match self {
            Reason::BrokenPromise(_) => 0,
            Reason::FormalNoticeReady => 1,
            Reason::Reminder(_) => 2,
            Reason::PromiseDue(_) => 3,
            Reason::NextAction(_) => 4,
            Reason::ConfirmVisit(_) => 5,
            Reason::PilotEnds(_) => 6,
            Reason::UnpaidDeposit => 7,
            Reason::Courtesy => 8,
        }
    }
}

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
    pub pilot_ends_on: Option<NaiveDate>,
    pub pause: ClientPause,
    pub next_action_on: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
    pub visit_on: Option<NaiveDate>,
}

/// An open invoice as the queue sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueInvoice {
    /// Index of its client in the list given to [`build`].
    pub client: usize,
    pub number: String,
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

/// The ladders, one per profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ladders {
    pub administration: Ladder,
    pub business: Ladder,
    pub individual: Ladder,
}

impl Ladders {
    pub fn for_profile(&self, p: Profile) -> &Ladder {
        match p {
            Profile::Administration => &self.administration,
            Profile::Business => &self.business,
            Profile::Individual => &self.individual,
        }
    }
}

#[derive(Default)]
struct Overdue {
    amount: i64,
    oldest: Option<usize>,
}

/// The queue as of `as_of`. `invoices` are the open invoices of `clients`,
/// in due-date order. A snoozed client stays out until the snooze ends.
pub fn build(
    clients: &[QueueClient],
    invoices: &[QueueInvoice],
    ladders: &Ladders,
    as_of: NaiveDate,
) -> Vec<QueueLine> {
    // Everything overdue, per client and currency.
    let mut overdue: BTreeMap<(usize, Currency), Overdue> = BTreeMap::new();
    for (n, inv) in invoices.iter().enumerate() {
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
    for (n, inv) in invoices.iter().enumerate() {
        let Some(c) = clients.get(inv.client) else {
            continue;
        };
        let ladder = ladders.for_profile(c.profile);
        let s = &inv.standing;
        if let Some(p) = s.promised_for {
            let grace = i64::from(ladder.promise_grace_days);
            let days = (as_of - p).num_days();
            let contacted_since = c
                .pause
                .last_contact_on
                .is_some_and(|d| (d - p).num_days() > grace);
            // An invoice not yet due on the promised date was not part of it.
            if days > grace && !contacted_since && !s.disputed && s.due_on <= p {
                add(inv.client, Reason::BrokenPromise(p), inv.currency, Some(n));
                continue;
            }
            if (0..=grace).contains(&days) && !s.disputed && s.due_on <= p {
                add(inv.client, Reason::PromiseDue(p), inv.currency, Some(n));
                continue;
            }
        }
        match standing(ladder, s, &c.pause, as_of) {
            Standing::Due { step, .. } => {
                let reason = match step.action {
                    StepAction::Courtesy => Reason::Courtesy,
                    StepAction::FormalNotice => Reason::FormalNoticeReady,
                    a => Reason::Reminder(a.level().unwrap_or(1)),
                };
                add(inv.client, reason, inv.currency, Some(n));
            }
            Standing::Paused(Pause::Disputed | Pause::Promised(_) | Pause::Hold(_))
            | Standing::Later { .. }
            | Standing::Finished => {}
        }
        // A deposit is chased again once the ladder's gap after the last
        // contact has passed.
        let recently = c
            .pause
            .last_contact_on
            .is_some_and(|d| (as_of - d).num_days() < i64::from(ladder.min_gap_days));
        if inv.is_deposit && s.due_on <= as_of && !s.disputed && !recently {
            add(inv.client, Reason::UnpaidDeposit, inv.currency, Some(n));
        }
    }
    for (i, c) in clients.iter().enumerate() {
        if let Some(d) = c.next_action_on {
            let done = c.pause.last_contact_on.is_some_and(|l| l >= d);
            if d <= as_of && !done {
                add(i, Reason::NextAction(d), c.currency, None);
            }
        }
        // Both are done once the client was contacted within their window.
        let contacted_since = |from: NaiveDate| c.pause.last_contact_on.is_some_and(|d| d >= from);
        if let Some(v) = c.visit_on
            && (1..=VISIT_CONFIRMATION_DAYS).contains(&(v - as_of).num_days())
            && !contacted_since(v - chrono::Days::new(VISIT_CONFIRMATION_DAYS.unsigned_abs()))
        {
            add(i, Reason::ConfirmVisit(v), c.currency, None);
        }
        if let Some(p) = c.pilot_ends_on
            && (0..=PILOT_NOTICE_DAYS).contains(&(p - as_of).num_days())
            && !contacted_since(p - chrono::Days::new(PILOT_NOTICE_DAYS.unsigned_abs()))
        {
            add(i, Reason::PilotEnds(p), c.currency, None);
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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ladder() -> Ladder {
        Ladder::example()
    }

    fn ladders() -> Ladders {
        Ladders {
            administration: ladder(),
            business: ladder(),
            individual: ladder(),
        }
    }

    fn client(code: &str) -> QueueClient {
        QueueClient {
            code: code.into(),
            name: code.into(),
            profile: Profile::Business,
            country: Some("FR".into()),
            currency: Currency::EUR,
            clerk: None,
            rating: None,
            pilot_ends_on: None,
            pause: ClientPause::default(),
            next_action_on: None,
            snoozed_until: None,
            visit_on: None,
        }
    }

    fn invoice(client: usize, due: &str, outstanding: i64) -> QueueInvoice {
        QueueInvoice {
            client,
            number: format!("I-{client}-{due}"),
            currency: Currency::EUR,
            outstanding,
            is_deposit: false,
            standing: InvoiceStanding {
                due_on: d(due),
                ..InvoiceStanding::default()
            },
        }
    }

    fn reasons(lines: &[QueueLine], clients: &[QueueClient]) -> Vec<(String, Reason)> {
        lines
            .iter()
            .map(|l| (clients[l.client].code.clone(), l.reason))
            .collect()
    }

    #[test]
    fn the_day_plan_comes_in_the_order_a_clerk_works() {
        let today = d("2026-11-22");
        let mut clients = vec![
            client("A"),
            client("B"),
            client("C"),
            client("D"),
            client("E"),
        ];
        clients[3].visit_on = Some(d("2026-11-24"));
        clients[4].pilot_ends_on = Some(d("2026-12-01"));
        clients[2].next_action_on = Some(d("2026-11-20"));
        let mut broken = invoice(1, "2026-10-01", 500);
        broken.standing.promised_for = Some(d("2026-11-15"));
        let mut notice = invoice(0, "2026-09-01", 100);
        notice.standing.reminder_level = 3;
        notice.standing.reminded_on = Some(d("2026-10-01"));
        let big_reminder = invoice(2, "2026-11-01", 1_000_000);
        let lines = build(&clients, &[broken, notice, big_reminder], &ladders(), today);
        assert_eq!(
            reasons(&lines, &clients),
            vec![
                ("B".into(), Reason::BrokenPromise(d("2026-11-15"))),
                ("A".into(), Reason::FormalNoticeReady),
                ("C".into(), Reason::Reminder(1)),
                ("C".into(), Reason::NextAction(d("2026-11-20"))),
                ("D".into(), Reason::ConfirmVisit(d("2026-11-24"))),
                ("E".into(), Reason::PilotEnds(d("2026-12-01"))),
            ]
        );
    }

    #[test]
    fn a_contact_in_their_window_settles_visits_pilots_and_deposits() {
        let today = d("2026-11-22");
        let mut clients = vec![client("D"), client("E"), client("F")];
        clients[0].visit_on = Some(d("2026-11-24"));
        clients[0].pause.last_contact_on = Some(d("2026-11-22"));
        clients[1].pilot_ends_on = Some(d("2026-12-01"));
        clients[1].pause.last_contact_on = Some(d("2026-11-18"));
        clients[2].pause.last_contact_on = Some(d("2026-11-21"));
        let mut deposit = invoice(2, "2026-11-20", 300);
        deposit.is_deposit = true;
        assert!(build(&clients, &[deposit.clone()], &ladders(), today).is_empty());
        // Three days after the contact, the deposit is chased again.
        let later = build(&clients, &[deposit], &ladders(), d("2026-11-24"));
        assert!(later.iter().any(|l| l.reason == Reason::UnpaidDeposit));
    }

    #[test]
    fn a_snoozed_client_waits_and_higher_amounts_come_first() {
        let today = d("2026-11-22");
        let mut clients = vec![client("S"), client("SMALL"), client("BIG")];
        clients[0].snoozed_until = Some(d("2026-11-25"));
        let invoices = [
            invoice(0, "2026-11-01", 900_000),
            invoice(1, "2026-11-01", 100),
            invoice(2, "2026-11-01", 50_000),
        ];
        let lines = build(&clients, &invoices, &ladders(), today);
        let codes: Vec<String> = reasons(&lines, &clients)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(codes, ["BIG", "SMALL"]);
    }
}
