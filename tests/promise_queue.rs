//! The queue's promise lines follow the one rule of `domain::promise` over
//! random promises (one invoice, a few, the whole account) and payments:
//! the store reads only what the promises it judges need (their invoices
//! not settled before, the payments since), and gives what the pure rule
//! gives over every invoice and payment.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use dun::domain::activity::{Activity, ActivityKind};
use dun::domain::currency::Currency;
use dun::domain::payment::{Payment, PaymentMethod};
use dun::domain::promise::{Owed, Paid, PromiseMade, Promised, Verdict, governing, verdict};
use dun::domain::queue::Reason;
use dun::store::{Store, StoreError};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plus(n: u64) -> NaiveDate {
    d("2026-08-01").checked_add_days(Days::new(n)).unwrap()
}

/// Two business clients (three days' grace), three invoices each.
const INVOICES: [(&str, usize, &str, &str, i64); 6] = [
    ("A-1", 0, "2026-07-01", "2026-08-01", 100_000),
    ("A-2", 0, "2026-08-10", "2026-09-10", 40_000),
    ("A-3", 0, "2026-09-15", "2026-10-15", 25_000),
    ("B-1", 1, "2026-07-15", "2026-08-15", 80_000),
    ("B-2", 1, "2026-08-20", "2026-09-20", 60_000),
    ("B-3", 1, "2026-10-01", "2026-10-31", 10_000),
];

#[derive(Clone, Debug)]
enum Gen {
    /// Client, made on, days to the promised date, amount, what it names:
    /// 0 the account, else a mask of the client's three invoices.
    Promise(usize, u64, u64, Option<i64>, u8),
    /// Invoice, received on, share of what it owes (per cent).
    Payment(usize, u64, i64),
}

fn event() -> impl Strategy<Value = Gen> {
    prop_oneof![
        (
            0..2usize,
            0..50u64,
            0..20u64,
            proptest::option::of(1..150_000i64),
            0..8u8
        )
            .prop_map(|(c, on, by, a, m)| Gen::Promise(c, on, by, a, m)),
        (0..6usize, 0..60u64, 1..101i64).prop_map(|(i, on, share)| Gen::Payment(i, on, share)),
    ]
}

fn eur() -> Currency {
    Currency::from_code("EUR").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_queue_judges_promises_by_the_pure_rule(
        gens in proptest::collection::vec(event(), 0..24),
        as_of in 40..100u64,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.db")).unwrap();
        store
            .write(|tx| {
                for code in ["A", "B"] {
                    tx.execute(
                        "INSERT INTO clients (code, name, profile, currency) VALUES (?1, ?1, 'business', 'EUR')",
                        [code],
                    )?;
                }
                for (number, client, issued, due, amount) in INVOICES {
                    tx.execute(
                        "INSERT INTO invoices (number, client_id, issued_on, due_on, amount, currency) \
                         VALUES (?1, ?2, ?3, ?4, ?5, 'EUR')",
                        rusqlite::params![number, client as i64 + 1, issued, due, amount],
                    )?;
                }
                Ok::<_, StoreError>(())
            })
            .unwrap();
        let mut owed: Vec<i64> = INVOICES.iter().map(|i| i.4).collect();
        let mut promises: Vec<(usize, Promised)> = Vec::new();
        let mut paid: Vec<Paid> = Vec::new();
        let at = Utc.with_ymd_and_hms(2026, 8, 1, 9, 0, 0).unwrap();
        for g in &gens {
            match *g {
                Gen::Promise(client, on, by, amount, mask) => {
                    let own: Vec<&str> = INVOICES
                        .iter()
                        .filter(|i| i.1 == client)
                        .map(|i| i.0)
                        .collect();
                    let named: Vec<String> = (0..3)
                        .filter(|k| mask & (1 << k) != 0)
                        .map(|k| own[k].to_string())
                        .collect();
                    let code = ["A", "B"][client];
                    let mut a = Activity::new(ActivityKind::Promise, code, at, plus(on), "clerk");
                    a.date = Some(plus(on + by));
                    a.amount = amount;
                    let invoice_id = if named.len() == 1 {
                        a.invoice_number = Some(named[0].clone());
                        Some(INVOICES.iter().position(|i| i.0 == named[0]).unwrap() as i64 + 1)
                    } else {
                        a.covers = named.clone();
                        None
                    };
                    let id = store
                        .write(|tx| {
                            dun::store::activities::insert(
                                tx,
                                client as i64 + 1,
                                invoice_id,
                                Some(eur()),
                                &a,
                            )
                        })
                        .unwrap();
                    promises.push((
                        client,
                        Promised {
                            id,
                            made: PromiseMade { made_on: plus(on), by: plus(on + by), amount },
                            currency: Some(eur()),
                            covers: named,
                        },
                    ));
                }
                Gen::Payment(k, on, share) => {
                    let amount = owed[k] * share / 100;
                    if amount <= 0 {
                        continue;
                    }
                    let p = Payment {
                        invoice_number: INVOICES[k].0.to_string(),
                        received_on: plus(on).max(d(INVOICES[k].2)),
                        amount,
                        method: PaymentMethod::Transfer,
                        reference: None,
                    };
                    store
                        .write(|tx| {
                            dun::store::payments::insert_id(tx, k as i64 + 1, &p, eur(), None, "clerk")
                        })
                        .unwrap();
                    owed[k] -= amount;
                    paid.push(Paid { invoice: p.invoice_number, on: p.received_on, amount });
                }
            }
        }
        let as_of = plus(as_of);
        let rules = dun::team::TeamSettings::default().rules();
        let lines = store
            .read(|tx| dun::store::queue::queue(tx, as_of, None, &rules))
            .unwrap();
        let mut got = BTreeSet::new();
        for l in &lines {
            if let Reason::BrokenPromise(p) | Reason::PromiseDue(p) = l.reason {
                for n in &l.invoices {
                    got.insert((n.clone(), l.reason.kind().to_string(), p));
                }
            }
        }
        // The oracle: every invoice and payment, every promise.
        let grace = rules.ladders.for_profile(dun::domain::client::Profile::Business).promise_grace_days;
        let invoices: Vec<Owed> = INVOICES
            .iter()
            .map(|i| Owed {
                number: i.0.to_string(),
                issued_on: d(i.2),
                due_on: d(i.3),
                currency: eur(),
                amount: i.4,
                written_off: 0,
                written_off_on: None,
                paid_before: 0,
            })
            .collect();
        let mut want = BTreeSet::new();
        for (k, inv) in invoices.iter().enumerate() {
            let client = INVOICES[k].1;
            let paid_by: i64 = paid
                .iter()
                .filter(|p| p.invoice == inv.number && p.on <= as_of)
                .map(|p| p.amount)
                .sum();
            if inv.issued_on > as_of || paid_by >= inv.amount {
                continue;
            }
            let own: Vec<Promised> = promises
                .iter()
                .filter(|(c, _)| *c == client)
                .map(|(_, p)| p.clone())
                .collect();
            let Some(g) = governing(&own, inv, as_of) else {
                continue;
            };
            let p = g.made.by;
            if inv.due_on > p {
                continue;
            }
            let mine: Vec<Owed> = invoices
                .iter()
                .enumerate()
                .filter(|(j, _)| INVOICES[*j].1 == client)
                .map(|(_, o)| o.clone())
                .collect();
            let seen: Vec<Paid> = paid.iter().filter(|p| p.on <= as_of).cloned().collect();
            match verdict(g, &mine, &seen, grace, as_of) {
                Verdict::Kept => {}
                Verdict::Running if as_of < p => {}
                Verdict::Running => {
                    want.insert((inv.number.clone(), "promise_due".to_string(), p));
                }
                Verdict::Broken => {
                    want.insert((inv.number.clone(), "broken_promise".to_string(), p));
                }
            }
        }
        prop_assert_eq!(got, want);
    }
}
