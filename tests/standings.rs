//! The standings the store caches in SQL (per invoice, per client, per
//! case) agree with the pure rule of `domain::standings` over random
//! journals: after every write, after a set-wise refresh, and as of any
//! past date. Promises name one invoice, a few, or the whole account.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use dun::domain::activity::{Activity, ActivityKind};
use dun::domain::currency::Currency;
use dun::domain::standings::{
    ClientFacts, InvoiceFacts, case_letters, client_facts, invoice_standing,
};
use dun::store::{Store, StoreError, dunning};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn start() -> NaiveDate {
    d("2026-01-01")
}

/// Two clients; the first owes in EUR and NOK, the second in EUR.
const INVOICES: [(&str, usize, &str, &str, &str); 4] = [
    ("I1", 0, "2026-01-01", "2026-02-01", "EUR"),
    ("I2", 0, "2026-02-01", "2026-03-01", "NOK"),
    ("I3", 0, "2026-02-15", "2026-03-15", "EUR"),
    ("I4", 1, "2026-01-10", "2026-02-10", "EUR"),
];

#[derive(Clone, Debug)]
struct Gen {
    kind: usize,
    client: usize,
    invoice: Option<usize>,
    day: u64,
    level: Option<u8>,
    outcome: usize,
    date: Option<u64>,
    next: Option<u64>,
    reason: usize,
    registered: bool,
    refers: Option<usize>,
}

const KINDS: [ActivityKind; 13] = [
    ActivityKind::Call,
    ActivityKind::Visit,
    ActivityKind::Email,
    ActivityKind::Letter,
    ActivityKind::Reminder,
    ActivityKind::FormalNotice,
    ActivityKind::Promise,
    ActivityKind::Dispute,
    ActivityKind::DisputeResolved,
    ActivityKind::Statement,
    ActivityKind::Hold,
    ActivityKind::Snooze,
    ActivityKind::Note,
];
const OUTCOMES: [Option<&str>; 10] = [
    None,
    Some("reached"),
    Some("no_answer"),
    Some("voicemail"),
    Some("wrong_number"),
    Some("refused"),
    Some("planned"),
    Some("done"),
    Some("cancelled"),
    Some("acknowledged"),
];
const REASONS: [Option<&str>; 4] = [
    None,
    Some("pilot_end_notice"),
    Some("deposit_request"),
    Some("other"),
];

fn entry() -> impl Strategy<Value = Gen> {
    (
        (
            0..KINDS.len(),
            0..2usize,
            proptest::option::of(0..4usize),
            0..150u64,
        ),
        (
            proptest::option::of(0..4u8),
            0..OUTCOMES.len(),
            proptest::option::of(0..150u64),
            proptest::option::of(0..150u64),
        ),
        (
            0..REASONS.len(),
            any::<bool>(),
            proptest::option::of(0..40usize),
        ),
    )
        .prop_map(
            |(
                (kind, client, invoice, day),
                (level, outcome, date, next),
                (reason, registered, refers),
            )| Gen {
                kind,
                client,
                invoice,
                day,
                level,
                outcome,
                date,
                next,
                reason,
                registered,
                refers,
            },
        )
}

fn plus(n: u64) -> NaiveDate {
    start().checked_add_days(Days::new(n)).unwrap()
}

/// The generated entries as activities a real journal could hold: an
/// invoice of the entry's own client, a formal notice only after three
/// reminders, a reference only to an earlier entry of the same client.
fn activities(gens: &[Gen]) -> Vec<(usize, Activity)> {
    let codes = ["C1", "C2"];
    let mut out: Vec<(usize, Activity)> = Vec::new();
    for (n, g) in gens.iter().enumerate() {
        let mut kind = KINDS[g.kind];
        let invoice = g.invoice.filter(|&i| INVOICES[i].1 == g.client);
        let on = plus(g.day);
        if kind == ActivityKind::FormalNotice {
            let reminders = invoice.map_or(0, |i| {
                out.iter()
                    .filter(|(_, a)| {
                        a.invoice_number.as_deref() == Some(INVOICES[i].0)
                            && a.kind == ActivityKind::Reminder
                            && a.level.unwrap_or(0) >= 1
                            && a.on <= on
                    })
                    .count()
            });
            if reminders < 3 {
                kind = ActivityKind::Reminder;
            }
        }
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        let mut a = Activity::new(kind, codes[g.client], at, on, "clerk");
        a.invoice_number = invoice.map(|i| INVOICES[i].0.to_string());
        a.level = if kind == ActivityKind::Reminder {
            Some(g.level.unwrap_or(1))
        } else {
            g.level
        };
        a.outcome = OUTCOMES[g.outcome].map(String::from);
        a.date = g.date.map(plus);
        a.next_action_on = g.next.map(plus);
        a.reason = REASONS[g.reason].map(String::from);
        a.registered = g.registered;
        // Now and then a promise names a few of its client's invoices (a
        // mask of them, by the outcome drawn).
        if kind == ActivityKind::Promise && invoice.is_none() && g.reason >= 2 {
            a.covers = INVOICES
                .iter()
                .enumerate()
                .filter(|(k, i)| i.1 == g.client && g.outcome & (1 << k) != 0)
                .map(|(_, i)| i.0.to_string())
                .collect();
            a.reason = None;
        }
        a.refers_to = g
            .refers
            .filter(|&r| r < n && r < out.len() && out[r].0 == g.client)
            .map(|r| r as i64 + 1);
        out.push((g.client, a));
    }
    out
}

fn fill(store: &mut Store) -> (Vec<i64>, Vec<i64>) {
    store
        .write(|tx| {
            for (code, cur) in [("C1", "EUR"), ("C2", "EUR")] {
                tx.execute(
                    "INSERT INTO clients (code, name, profile, currency) VALUES (?1, ?1, 'business', ?2)",
                    [code, cur],
                )?;
            }
            for (number, client, issued, due, cur) in INVOICES {
                tx.execute(
                    "INSERT INTO invoices (number, client_id, issued_on, due_on, amount, currency) \
                     VALUES (?1, ?2, ?3, ?4, 10000, ?5)",
                    rusqlite::params![number, client as i64 + 1, issued, due, cur],
                )?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    (vec![1, 2], vec![1, 2, 3, 4])
}

fn opt(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The oracle's standings in the store's text form.
fn oracle(acts: &[(usize, Activity)], as_of: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let facts: Vec<InvoiceFacts<'_>> = INVOICES
        .iter()
        .map(|(n, _, issued, due, cur)| InvoiceFacts {
            number: n,
            issued_on: d(issued),
            due_on: d(due),
            currency: Currency::from_code(cur).unwrap(),
        })
        .collect();
    for client in 0..2usize {
        let entries: Vec<(i64, &Activity)> = acts
            .iter()
            .enumerate()
            .filter(|(_, (c, _))| *c == client)
            .map(|(i, (_, a))| (i as i64 + 1, a))
            .collect();
        for (k, f) in facts.iter().enumerate() {
            if INVOICES[k].1 != client {
                continue;
            }
            let s = invoice_standing(&entries, f, as_of);
            out.push(format!(
                "i{}:{},{},{},{},{},{}",
                k + 1,
                s.reminder_level,
                opt(s.courtesy_on),
                opt(s.reminded_on),
                opt(s.notice_on),
                opt(s.promised_for),
                u8::from(s.disputed)
            ));
        }
        let ClientFacts {
            last_contact_on,
            next_action_on,
            snoozed_until,
            visit_on,
            held_until,
            reached_on,
            pilot_notice_on,
            deposit_request_until,
            registered_on,
            acknowledged_on,
        } = client_facts(&entries, as_of);
        out.push(format!(
            "c{}:{}",
            client + 1,
            [
                last_contact_on,
                next_action_on,
                snoozed_until,
                visit_on,
                held_until,
                reached_on,
                pilot_notice_on,
                deposit_request_until,
                registered_on,
                acknowledged_on
            ]
            .map(opt)
            .join(",")
        ));
        let own: Vec<InvoiceFacts<'_>> = facts
            .iter()
            .enumerate()
            .filter(|(k, _)| INVOICES[*k].1 == client)
            .map(|(_, f)| *f)
            .collect();
        for cur in ["EUR", "NOK"] {
            let c = Currency::from_code(cur).unwrap();
            if let Some(l) = case_letters(&entries, &own, c, as_of) {
                out.push(format!(
                    "k{}{cur}:{}",
                    client + 1,
                    [
                        l.courtesy_on,
                        l.reminder_on[0],
                        l.reminder_on[1],
                        l.reminder_on[2],
                        l.notice_on,
                        l.deadline_on
                    ]
                    .map(opt)
                    .join(",")
                ));
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_cached_standings_follow_the_pure_rule(
        gens in proptest::collection::vec(entry(), 0..40),
        as_of in 0..160u64,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let (clients, invoices) = fill(&mut store);
        let acts = activities(&gens);
        for (client, a) in &acts {
            store
                .write(|tx| {
                    let inv = a.invoice_number.as_deref().map(|n| {
                        invoices[INVOICES.iter().position(|i| i.0 == n).unwrap()]
                    });
                    dun::store::activities::insert(tx, clients[*client], inv, None, a)
                })
                .unwrap();
        }
        let ever = d("9999-12-31");
        let cached = store.read(|tx| dunning::cached_standings(tx)).unwrap();
        prop_assert_eq!(&cached, &oracle(&acts, ever), "row by row, after each write");
        store
            .write(|tx| {
                tx.execute_batch(
                    "UPDATE invoices SET reminder_level = 0, courtesy_on = NULL, reminded_on = NULL, \
                       notice_on = NULL, promised_for = NULL, disputed = 0; \
                     UPDATE clients SET last_contact_on = NULL, next_action_on = NULL, \
                       snoozed_until = NULL, visit_on = NULL, held_until = NULL, reached_on = NULL, \
                       pilot_notice_on = NULL, deposit_request_until = NULL, registered_on = NULL, \
                       acknowledged_on = NULL; DELETE FROM cases;",
                )?;
                dunning::refresh_all_set_wise(tx)
            })
            .unwrap();
        let set_wise = store.read(|tx| dunning::cached_standings(tx)).unwrap();
        prop_assert_eq!(&set_wise, &cached, "set-wise");
        let as_of = plus(as_of);
        let then = store.read(|tx| dunning::standings_as_of(tx, as_of)).unwrap();
        prop_assert_eq!(then, oracle(&acts, as_of), "as of {}", as_of);
    }
}
