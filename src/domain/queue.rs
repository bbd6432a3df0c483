//! The follow-up queue as of a date: one line per client and reason, most
//! urgent first, built from where each client and open invoice stands.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::case::{self, CaseLetters, Member, Next, PromiseState, promise_state};
use super::client::{Profile, Rating};
use super::currency::Currency;
use super::ladder::{ClientPause, InvoiceStanding, Ladder, StepAction, plus};
use super::priority::follow_up_priority;
use super::solvency::{needs_deposit, rating_deposit, required_deposit};

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
    /// A visit planned on this date has passed with no outcome recorded.
    VisitOutcome(NaiveDate),
    /// A visit is planned on this date: call to confirm it.
    ConfirmVisit(NaiveDate),
    /// A letter sent by registered mail on this date has no acknowledgment
    /// of receipt yet.
    NoAcknowledgment(NaiveDate),
    /// The free pilot ends on this date: tell the client.
    PilotEnds(NaiveDate),
    /// New invoices of a client whose rating or terms ask for a deposit,
    /// and no deposit invoice issued for them.
    DepositNeeded,
    /// A deposit request is due and unpaid.
    UnpaidDeposit,
    /// A friendly note before the due date.
    Courtesy,
    /// What is overdue is below the team's minimum: write it off or
    /// collect it another way, it is not chased.
    SmallBalance,
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
            Reason::VisitOutcome(d) => ("visit_outcome", Some(d), None),
            Reason::ConfirmVisit(d) => ("confirm_visit", Some(d), None),
            Reason::NoAcknowledgment(d) => ("no_acknowledgment", Some(d), None),
            Reason::PilotEnds(d) => ("pilot_ends", Some(d), None),
            Reason::DepositNeeded => ("deposit_needed", None, None),
            Reason::UnpaidDeposit => ("unpaid_deposit", None, None),
            Reason::Courtesy => ("courtesy", None, None),
            Reason::SmallBalance => ("small_balance", None, None),
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
            Reason::VisitOutcome(d) => format!("record the visit of {d}"),
            Reason::ConfirmVisit(d) => format!("confirm visit of {d}"),
            Reason::NoAcknowledgment(d) => format!("no acknowledgment of receipt ({d})"),
            Reason::PilotEnds(d) => format!("pilot ends {d}"),
            Reason::DepositNeeded => "deposit needed: no deposit invoice".into(),
            Reason::UnpaidDeposit => "deposit unpaid".into(),
            Reason::Courtesy => "courtesy reminder".into(),
            Reason::SmallBalance => "small balance".into(),
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
            Reason::VisitOutcome(_) => "record visit",
            Reason::ConfirmVisit(_) => "confirm visit",
            Reason::NoAcknowledgment(_) => "no receipt",
            Reason::PilotEnds(_) => "pilot ends",
            Reason::DepositNeeded => "deposit needed",
            Reason::UnpaidDeposit => "deposit unpaid",
            Reason::Courtesy => "courtesy",
            Reason::SmallBalance => "small balance",
        }
    }

    /// What answers a line of this reason, in the workbench's keys.
    pub fn answered_by(self) -> &'static str {
        match self {
            Reason::BrokenPromise(_) => "a call (c) or a new promise (p)",
            Reason::FormalNoticeReady | Reason::Reminder(_) | Reason::Courtesy => {
                "the ladder's letter (r)"
            }
            Reason::PromiseDue(_) => "the payment ($) or a call (c)",
            Reason::NextAction(_) => "a call (c) or another contact",
            Reason::VisitOutcome(_) => "the visit's outcome, done or cancelled (v)",
            Reason::ConfirmVisit(_) => "a call that reaches the client (c 1)",
            Reason::NoAcknowledgment(_) => "the signed receipt (Journal, a on the letter)",
            Reason::PilotEnds(_) => "the pilot-end notice (r) or a call that reaches the client",
            Reason::DepositNeeded => "the deposit invoice, once it is imported",
            Reason::UnpaidDeposit => "the deposit request (r), a call, or the payment",
            Reason::SmallBalance => "a payment ($) or a note (n): it is not chased",
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
            Reason::VisitOutcome(_) => 5,
            Reason::ConfirmVisit(_) => 6,
            Reason::NoAcknowledgment(_) => 7,
            Reason::PilotEnds(_) => 8,
            Reason::DepositNeeded => 9,
            Reason::UnpaidDeposit => 10,
            Reason::Courtesy => 11,
            Reason::SmallBalance => 12,
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

/// The team's rules the queue follows: the ladders, the smallest amount
/// worth chasing per currency, the days to wait for an acknowledgment of
/// receipt, the deposit each rating asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub ladders: Ladders,
    /// Minor units; a currency not listed takes [`default_minimum`].
    pub minimum: BTreeMap<Currency, i64>,
    pub ack_days: u32,
    /// The deposit in percent each rating asks for, A to D.
    pub deposits: [u8; 4],
}

impl Rules {
    /// The ladders with the default minimums, ten days for a receipt and
    /// no deposit asked for by rating.
    pub fn new(ladders: Ladders) -> Rules {
        Rules {
            ladders,
            minimum: BTreeMap::new(),
            ack_days: DEFAULT_ACK_DAYS,
            deposits: [0; 4],
        }
    }

    /// The deposit in percent a client with `rating` must give.
    pub fn deposit_for(&self, rating: Option<Rating>) -> u8 {
        rating_deposit(rating, &self.deposits)
    }

    pub fn minimum(&self, c: Currency) -> i64 {
        self.minimum
            .get(&c)
            .copied()
            .unwrap_or_else(|| default_minimum(c))
    }
}

/// Days after a registered letter before a missing acknowledgment of
/// receipt is a queue line.
pub const DEFAULT_ACK_DAYS: u32 = 10;

/// The smallest overdue amount worth chasing, in minor units: 5.00 in a
/// currency with two decimals, 5.000 with three, 500 without decimals
/// (JPY), 50 crowns (NOK, SEK, DKK, ISK).
pub fn default_minimum(c: Currency) -> i64 {
    let e = c.exponent();
    match c.code() {
        "NOK" | "SEK" | "DKK" | "ISK" => 50 * 10i64.pow(e),
        _ if e == 0 => 500,
        _ => 5 * 10i64.pow(e),
    }
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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ladder() -> Ladder {
        Ladder::example()
    }

    fn ladders() -> Rules {
        Rules::new(Ladders {
            administration: ladder(),
            business: ladder(),
            individual: ladder(),
        })
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
            deposit_pct: 0,
            deposit_issued_on: None,
            pilot_ends_on: None,
            pause: ClientPause::default(),
            next_action_on: None,
            snoozed_until: None,
            visit_on: None,
            reached_on: None,
            pilot_notice_on: None,
            deposit_request_until: None,
            registered_on: None,
            acknowledged_on: None,
            letters: Vec::new(),
        }
    }

    fn invoice(client: usize, due: &str, outstanding: i64) -> QueueInvoice {
        QueueInvoice {
            client,
            number: format!("I-{client}-{due}"),
            issued_on: plus(d(due), -30),
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
        let mut notice = invoice(0, "2026-09-01", 10_000);
        notice.standing.reminder_level = 3;
        notice.standing.reminded_on = Some(d("2026-10-01"));
        clients[0].letters = vec![(
            Currency::EUR,
            CaseLetters {
                reminder_on: [
                    Some(d("2026-09-08")),
                    Some(d("2026-09-20")),
                    Some(d("2026-10-01")),
                ],
                deadline_on: Some(d("2026-10-08")),
                ..CaseLetters::default()
            },
        )];
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
    fn each_line_is_answered_by_its_own_activity() {
        let today = d("2026-11-22");
        let mut clients = vec![client("D"), client("E"), client("F")];
        clients[0].visit_on = Some(d("2026-11-24"));
        clients[1].pilot_ends_on = Some(d("2026-12-01"));
        let mut deposit = invoice(2, "2026-11-20", 300);
        deposit.is_deposit = true;
        // Any contact (a letter, a call with no answer…) answers none of them.
        for c in &mut clients {
            c.pause.last_contact_on = Some(today);
        }
        let lines = build(&clients, &[deposit.clone()], &ladders(), today);
        assert_eq!(
            reasons(&lines, &clients),
            vec![
                ("D".into(), Reason::ConfirmVisit(d("2026-11-24"))),
                ("E".into(), Reason::PilotEnds(d("2026-12-01"))),
                ("F".into(), Reason::UnpaidDeposit),
            ]
        );
        // A call that reached the client confirms the visit; the pilot-end
        // notice tells the client; the deposit request waits for its deadline.
        clients[0].reached_on = Some(d("2026-11-22"));
        clients[1].pilot_notice_on = Some(d("2026-11-20"));
        clients[2].deposit_request_until = Some(d("2026-11-30"));
        assert!(build(&clients, &[deposit.clone()], &ladders(), today).is_empty());
        let later = build(&clients, &[deposit], &ladders(), d("2026-12-01"));
        assert!(later.iter().any(|l| l.reason == Reason::UnpaidDeposit));
        // A visit whose day passed with no outcome asks for one.
        let after = build(&clients, &[], &ladders(), d("2026-11-25"));
        assert!(
            after
                .iter()
                .any(|l| l.reason == Reason::VisitOutcome(d("2026-11-24")))
        );
    }

    #[test]
    fn a_registered_letter_without_its_receipt_comes_back_after_ten_days() {
        let mut clients = vec![client("R")];
        clients[0].registered_on = Some(d("2026-11-01"));
        let on = |day: &str, c: &[QueueClient]| {
            build(c, &[], &ladders(), d(day))
                .iter()
                .any(|l| l.reason == Reason::NoAcknowledgment(d("2026-11-01")))
        };
        assert!(!on("2026-11-10", &clients));
        assert!(on("2026-11-11", &clients));
        clients[0].acknowledged_on = Some(d("2026-11-01"));
        assert!(!on("2026-11-11", &clients));
    }

    #[test]
    fn a_balance_below_the_minimum_is_shown_once_and_not_chased() {
        let clients = vec![client("S")];
        let invoices = [invoice(0, "2026-10-01", 150), invoice(0, "2026-10-02", 200)];
        let lines = build(&clients, &invoices, &ladders(), d("2026-11-22"));
        assert_eq!(
            reasons(&lines, &clients),
            vec![("S".into(), Reason::SmallBalance)]
        );
        assert_eq!(lines[0].amount, 350);
    }

    #[test]
    fn one_ladder_line_per_case_lists_every_overdue_invoice() {
        let clients = vec![client("K")];
        let invoices = [
            invoice(0, "2026-10-01", 10_000),
            invoice(0, "2026-10-20", 20_000),
            invoice(0, "2026-12-20", 30_000),
        ];
        let lines = build(&clients, &invoices, &ladders(), d("2026-11-22"));
        assert_eq!(
            reasons(&lines, &clients),
            vec![("K".into(), Reason::Reminder(1))]
        );
        assert_eq!(lines[0].invoices, vec![0, 1]);
        assert_eq!(lines[0].amount, 30_000);
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

#[cfg(test)]
#[path = "queue_deposit_tests.rs"]
mod deposit_tests;
