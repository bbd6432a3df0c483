//! No dead ends: over generated journals, with the day's letters sent
//! every day as `dun letters` would, every open overdue invoice of a case
//! worth chasing is on a queue line each day, or waits for a date after
//! it; and on that date, if nothing was recorded for its client
//! meanwhile, it is on a line.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use dun::domain::activity::{Activity, ActivityKind};
use dun::domain::case_life::{self, LifeEntry, Plan};
use dun::domain::client::Profile;
use dun::domain::currency::Currency;
use dun::domain::ladder::{ClientPause, StepAction};
use dun::domain::queue::{self, QueueClient, QueueInvoice, Reason, Rules};
use dun::domain::standings::{InvoiceFacts, case_letters, client_facts, invoice_standing};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn day(n: u64) -> NaiveDate {
    d("2026-01-01").checked_add_days(Days::new(n)).unwrap()
}

/// (number, client, due day, currency, amount)
const INVOICES: [(&str, usize, u64, &str, i64); 6] = [
    ("I1", 0, 10, "EUR", 120_000),
    ("I2", 0, 25, "EUR", 30_000),
    ("I3", 0, 40, "NOK", 900_000),
    ("I4", 1, 15, "EUR", 50_000),
    ("I5", 1, 90, "EUR", 400),
    ("I6", 2, 5, "EUR", 75_000),
];
const CLIENTS: [(&str, Profile); 3] = [
    ("C1", Profile::Business),
    ("C2", Profile::Individual),
    ("C3", Profile::Administration),
];

/// Something a clerk records, besides the day's letters.
#[derive(Clone, Debug)]
enum Event {
    Call { reached: bool },
    Promise { days: u64 },
    Dispute { review: Option<u64> },
    Resolve,
    Hold { days: u64 },
    Snooze { days: u64 },
    Escalate { review: u64 },
    Outcome { outcome: usize, review: u64 },
    Plan { first: u64, count: u32 },
    Pay { percent: i64 },
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        any::<bool>().prop_map(|reached| Event::Call { reached }),
        (0..30u64).prop_map(|days| Event::Promise { days }),
        proptest::option::of(0..40u64).prop_map(|review| Event::Dispute { review }),
        Just(Event::Resolve),
        (1..40u64).prop_map(|days| Event::Hold { days }),
        (1..20u64).prop_map(|days| Event::Snooze { days }),
        (0..60u64).prop_map(|review| Event::Escalate { review }),
        (0..4usize, 0..60u64).prop_map(|(outcome, review)| Event::Outcome { outcome, review }),
        (0..30u64, 1..4u32).prop_map(|(first, count)| Event::Plan { first, count }),
        (1..100i64).prop_map(|percent| Event::Pay { percent }),
    ]
}

/// (day, invoice, event)
fn events() -> impl Strategy<Value = Vec<(u64, usize, Event)>> {
    proptest::collection::vec((0..200u64, 0..INVOICES.len(), event()), 0..30)
}

struct World {
    rules: Rules,
    journal: Vec<(usize, Activity)>,
    life: Vec<(usize, LifeEntry)>,
    outstanding: Vec<i64>,
}

impl World {
    fn currency(k: usize) -> Currency {
        Currency::from_code(INVOICES[k].3).unwrap()
    }

    fn log(&mut self, client: usize, mut a: Activity, currency: Option<Currency>) {
        a.client_code = CLIENTS[client].0.into();
        let id = self.journal.len() as i64 + 1;
        if matches!(
            a.kind,
            ActivityKind::Dispute
                | ActivityKind::DisputeResolved
                | ActivityKind::Escalation
                | ActivityKind::PaymentPlan
        ) {
            self.life.push((
                client,
                LifeEntry {
                    id,
                    kind: Some(a.kind),
                    on: a.on,
                    invoice: a.invoice_number.clone(),
                    invoice_id: None,
                    currency,
                    date: a.date,
                    outcome: a.outcome.clone(),
                    reason: a.reason.clone(),
                    assignee: None,
                    amount: a.amount,
                    plan: None,
                },
            ));
        }
        self.journal.push((client, a));
    }

    fn entry(kind: ActivityKind, on: NaiveDate) -> Activity {
        Activity::new(kind, "", DateTime::<Utc>::default(), on, "clerk")
    }

    fn apply(&mut self, on: NaiveDate, k: usize, e: &Event) {
        let (number, client, ..) = INVOICES[k];
        let cur = World::currency(k);
        let mut a = World::entry(ActivityKind::Note, on);
        a.invoice_number = Some(number.into());
        match *e {
            Event::Call { reached } => {
                a.kind = ActivityKind::Call;
                a.outcome = Some(if reached { "reached" } else { "no_answer" }.into());
            }
            Event::Promise { days } => {
                a.kind = ActivityKind::Promise;
                a.date = Some(on + Days::new(days));
                a.amount = Some(self.outstanding[k].max(1));
            }
            Event::Dispute { review } => {
                a.kind = ActivityKind::Dispute;
                a.reason = Some("quality".into());
                a.date = review.map(|r| on + Days::new(r));
            }
            Event::Resolve => {
                a.kind = ActivityKind::DisputeResolved;
                a.outcome = Some("rejected".into());
            }
            Event::Hold { days } => {
                a.kind = ActivityKind::Hold;
                a.invoice_number = None;
                a.date = Some(on + Days::new(days));
            }
            Event::Snooze { days } => {
                a.kind = ActivityKind::Snooze;
                a.invoice_number = None;
                a.date = Some(on + Days::new(days));
            }
            Event::Escalate { review } => {
                a.kind = ActivityKind::Escalation;
                a.invoice_number = None;
                a.reason = Some("court".into());
                a.date = Some(on + Days::new(review));
            }
            Event::Outcome { outcome, review } => {
                a.kind = ActivityKind::Escalation;
                a.invoice_number = None;
                a.outcome = Some(case_life::ESCALATION_OUTCOMES[outcome].into());
                a.date = Some(on + Days::new(review));
            }
            Event::Plan { first, count } => {
                let covered: Vec<usize> = (0..INVOICES.len())
                    .filter(|&n| {
                        INVOICES[n].1 == client
                            && World::currency(n) == cur
                            && self.outstanding[n] > 0
                    })
                    .collect();
                let total: i64 = covered.iter().map(|&n| self.outstanding[n]).sum();
                if total == 0 {
                    return;
                }
                a.kind = ActivityKind::PaymentPlan;
                a.invoice_number = None;
                self.log(client, a, Some(cur));
                let plan = Plan {
                    on,
                    invoices: covered.iter().map(|&n| INVOICES[n].0.into()).collect(),
                    instalments: case_life::equal_monthly(total, count, on + Days::new(first)),
                };
                self.life.last_mut().unwrap().1.plan = Some(plan);
                return;
            }
            Event::Pay { percent } => {
                let paid = (INVOICES[k].4 * percent / 100).min(self.outstanding[k]);
                self.outstanding[k] -= paid;
                a.kind = ActivityKind::Payment;
                a.amount = Some(paid);
            }
        }
        self.log(client, a, Some(cur));
    }

    /// The queue's view of the clients and open invoices on `on`, from
    /// the journal by the pure rules.
    fn view(&self, on: NaiveDate) -> (Vec<QueueClient>, Vec<QueueInvoice>) {
        let facts: Vec<InvoiceFacts<'_>> = INVOICES
            .iter()
            .map(|(n, _, due, cur, _)| InvoiceFacts {
                number: n,
                issued_on: day(0),
                due_on: day(*due),
                currency: Currency::from_code(cur).unwrap(),
            })
            .collect();
        let mut clients = Vec::new();
        let mut invoices = Vec::new();
        for (c, (code, profile)) in CLIENTS.iter().enumerate() {
            let entries: Vec<(i64, &Activity)> = self
                .journal
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| *k == c)
                .map(|(i, (_, a))| (i as i64 + 1, a))
                .collect();
            let life: Vec<LifeEntry> = self
                .life
                .iter()
                .filter(|(k, _)| *k == c)
                .map(|(_, e)| e.clone())
                .collect();
            let f = client_facts(&entries, on);
            let own: Vec<InvoiceFacts<'_>> = facts
                .iter()
                .enumerate()
                .filter(|(k, _)| INVOICES[*k].1 == c)
                .map(|(_, f)| *f)
                .collect();
            let letters = [Currency::EUR, Currency::from_code("NOK").unwrap()]
                .into_iter()
                .filter_map(|cur| case_letters(&entries, &own, cur, on).map(|l| (cur, l)))
                .collect();
            clients.push(QueueClient {
                code: (*code).into(),
                name: (*code).into(),
                profile: *profile,
                country: Some("FR".into()),
                currency: Currency::EUR,
                clerk: None,
                rating: None,
                deposit_pct: 0,
                deposit_issued_on: None,
                pilot_ends_on: None,
                pause: ClientPause {
                    hold_until: f.held_until,
                    last_contact_on: f.last_contact_on,
                },
                next_action_on: f.next_action_on,
                snoozed_until: f.snoozed_until,
                visit_on: f.visit_on,
                reached_on: f.reached_on,
                pilot_notice_on: f.pilot_notice_on,
                deposit_request_until: f.deposit_request_until,
                registered_on: f.registered_on,
                acknowledged_on: f.acknowledged_on,
                letters,
                cases: case_life::cases(&life, on),
            });
            for (k, inv) in facts.iter().enumerate() {
                if INVOICES[k].1 != c || self.outstanding[k] == 0 {
                    continue;
                }
                let standing = invoice_standing(&entries, inv, on);
                let dispute =
                    case_life::open_dispute(&life, inv.number, self.rules.dispute_review_days, on);
                invoices.push(QueueInvoice {
                    client: c,
                    number: inv.number.into(),
                    issued_on: inv.issued_on,
                    currency: inv.currency,
                    outstanding: self.outstanding[k],
                    is_deposit: false,
                    standing,
                    dispute,
                });
            }
        }
        invoices.sort_by_key(|i| i.standing.due_on);
        (clients, invoices)
    }

    /// What `dun letters` sends on `on`: the ladder letter of each case
    /// the queue asks for, each invoice at its own next level.
    fn send_letters(
        &mut self,
        on: NaiveDate,
        lines: &[queue::QueueLine],
        invoices: &[QueueInvoice],
    ) {
        for l in lines {
            let Some(action) = l.reason.step() else {
                continue;
            };
            if action == StepAction::Courtesy {
                continue;
            }
            let ladder = self.rules.ladders.for_profile(CLIENTS[l.client].1).clone();
            let Some(step) = ladder.step(action) else {
                continue;
            };
            for &k in &l.invoices {
                let inv = &invoices[k];
                let level = inv.standing.reminder_level;
                let mut a = if level >= 3 {
                    World::entry(ActivityKind::FormalNotice, on)
                } else {
                    let mut a = World::entry(ActivityKind::Reminder, on);
                    a.level = Some(u8::try_from(level + 1).unwrap());
                    a
                };
                a.invoice_number = Some(inv.number.clone());
                a.date = Some(on + Days::new(u64::from(step.deadline_days)));
                self.log(l.client, a, Some(inv.currency));
            }
        }
    }
}

fn rules() -> Rules {
    dun::team::TeamSettings::default().rules()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_overdue_invoice_is_on_a_line_or_waits_for_a_date(events in events()) {
        let mut w = World {
            rules: rules(),
            journal: Vec::new(),
            life: Vec::new(),
            outstanding: INVOICES.iter().map(|i| i.4).collect(),
        };
        // What each invoice waits for: the day, and how many entries its
        // client had when that was said.
        let mut waits: HashMap<&str, (NaiveDate, usize)> = HashMap::new();
        for n in 0..260u64 {
            let on = day(n);
            for (_, k, e) in events.iter().filter(|(at, ..)| *at == n) {
                w.apply(on, *k, e);
            }
            let (clients, invoices) = w.view(on);
            let lines = queue::build(&clients, &invoices, &w.rules, on);
            let looks = queue::outlook(&clients, &invoices, &w.rules, on);
            let entries_of = |c: usize| w.journal.iter().filter(|(k, _)| *k == c).count();
            for (k, inv) in invoices.iter().enumerate() {
                let o = looks[k];
                prop_assert!(o.next_on >= on, "{} on {on}: next_on {} is past", inv.number, o.next_on);
                let on_line = lines.iter().any(|l| l.invoices.contains(&k));
                let small = lines.iter().any(|l| {
                    l.client == inv.client
                        && l.currency == inv.currency
                        && l.reason == Reason::SmallBalance
                });
                if on_line {
                    prop_assert_eq!(o.next_on, on, "{} is on a line on {}", &inv.number, on);
                }
                if inv.standing.due_on >= on {
                    continue;
                }
                prop_assert!(
                    on_line || small || o.next_on > on,
                    "{} on {on}: overdue, on no line, waits for nothing ({:?})",
                    inv.number,
                    o
                );
                let number = INVOICES.iter().find(|i| i.0 == inv.number).unwrap().0;
                if let Some((then, count)) = waits.get(number)
                    && *then == on
                    && *count == entries_of(inv.client)
                {
                    prop_assert!(
                        on_line || small,
                        "{} on {on}: was to need a clerk today ({:?}), but is on no line",
                        inv.number,
                        o
                    );
                }
                waits.insert(number, (o.next_on, entries_of(inv.client)));
            }
            w.send_letters(on, &lines, &invoices);
        }
    }
}

/// The ladder runs out after the formal notice: the case comes back as
/// `escalate` the day after the notice's deadline and grace, and an
/// escalation takes it out of the ladder until its review date.
#[test]
fn after_the_formal_notice_the_case_is_escalated_then_reviewed() {
    let mut w = World {
        rules: rules(),
        journal: Vec::new(),
        life: Vec::new(),
        outstanding: INVOICES.iter().map(|i| i.4).collect(),
    };
    let mut escalate_on = None;
    for n in 0..200u64 {
        let on = day(n);
        let (clients, invoices) = w.view(on);
        let lines = queue::build(&clients, &invoices, &w.rules, on);
        let c1_escalate = lines
            .iter()
            .any(|l| l.client == 0 && l.reason == Reason::Escalate && l.currency == Currency::EUR);
        if c1_escalate && escalate_on.is_none() {
            escalate_on = Some(on);
            w.apply(on, 0, &Event::Escalate { review: 30 });
            continue;
        }
        w.send_letters(on, &lines, &invoices);
    }
    let escalated = escalate_on.expect("the case reached escalate");
    let review = escalated + Days::new(30);
    let (clients, invoices) = w.view(review);
    let lines = queue::build(&clients, &invoices, &w.rules, review);
    assert!(
        lines
            .iter()
            .any(|l| l.client == 0 && l.reason == Reason::EscalationReview(review)),
        "{lines:?}"
    );
    let looks = queue::outlook(&clients, &invoices, &w.rules, review - Days::new(1));
    let i1 = invoices.iter().position(|i| i.number == "I1").unwrap();
    assert_eq!(looks[i1].stage.as_str(), "escalated");
    assert_eq!(looks[i1].next_on, review);
    assert_eq!(looks[i1].next_name(), "escalation_review");
    // No letter went after the escalation.
    assert!(w.journal.iter().all(|(c, a)| !(*c == 0
        && a.on > escalated
        && a.kind == ActivityKind::Reminder
        && a.invoice_number.as_deref() == Some("I1"))));
}
