//! The rule of what a correction undoes, in SQL (the view
//! `activities_in_force`, the trigger that refuses a correction twice or of
//! a correction, the payments a correction reverses) checked against the
//! pure rule of `domain::correction` and the pure aging.

use chrono::{DateTime, NaiveDate, Utc};
use dun::domain::activity::{Activity, ActivityKind};
use dun::domain::aging::{AgingItem, age};
use dun::domain::client::Client;
use dun::domain::correction::{Link, in_force, may_correct};
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::money::Money;
use dun::domain::payment::{Payment, PaymentMethod};
use dun::record::{Correction, correct};
use dun::store::{self, Store, StoreError};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const KINDS: [ActivityKind; 6] = [
    ActivityKind::Reminder,
    ActivityKind::Letter,
    ActivityKind::Promise,
    ActivityKind::Note,
    ActivityKind::Correction,
    ActivityKind::Correction,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Random journals of entries referring to earlier ones, with
    /// corrections of anything (unknown entries, corrections, entries
    /// corrected already): the schema takes a correction exactly when the
    /// pure rule allows it, and the view's entries in force are the pure
    /// rule's.
    #[test]
    fn the_sql_rule_for_corrected_agrees_with_the_pure_rule(
        steps in prop::collection::vec((0usize..KINDS.len(), 0i64..40, any::<bool>()), 1..40),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("d.db")).unwrap();
        store.write(|tx| {
            store::clients::insert(tx, &Client::with_code("C", Currency::EUR))?;
            Ok::<_, StoreError>(())
        }).unwrap();
        let mut links: Vec<Link> = Vec::new();
        for (kind, target, refers) in steps {
            let kind = KINDS[kind];
            let next = links.last().map_or(1, |l| l.id + 1);
            let refers_to = (kind == ActivityKind::Correction || refers).then_some(target % (next + 2));
            let allowed = kind != ActivityKind::Correction
                || refers_to.is_some_and(|t| may_correct(&links, t).is_ok());
            let inserted = store.conn().execute(
                "INSERT INTO activities (at, on_date, user, kind, client_id, refers_to) \
                 VALUES ('2026-01-01T00:00:00Z', '2026-01-01', 't', ?1, 1, ?2)",
                rusqlite::params![kind.as_str(), refers_to],
            );
            // An entry that refers to one that does not exist fails the
            // foreign key; only corrections are the question here.
            if kind != ActivityKind::Correction {
                if inserted.is_err() {
                    continue;
                }
            } else {
                prop_assert_eq!(inserted.is_ok(), allowed, "correction of {:?}: {:?}", refers_to, inserted);
            }
            if inserted.is_ok() {
                links.push(Link { id: store.conn().last_insert_rowid(), kind, refers_to, amount: None });
            }
        }
        prop_assert_eq!(store::corrections::links(store.conn()).unwrap(), links.clone());
        prop_assert_eq!(store::corrections::in_force(store.conn()).unwrap(), in_force(&links));
    }
}

fn arb_items() -> impl Strategy<Value = Vec<AgingItem>> {
    let item = (
        0i64..700,
        0i64..90,
        1i64..1_000_000,
        prop::collection::vec((0i64..400, 1i64..100), 0..4),
    )
        .prop_map(|(issue, terms, amount, pays)| {
            let issued_on = d("2025-01-01") + chrono::Duration::days(issue);
            let mut left = amount;
            let mut payments = Vec::new();
            for (offset, pct) in pays {
                let a = (amount * pct / 100).min(left);
                if a > 0 {
                    payments.push((issued_on + chrono::Duration::days(offset), a));
                    left -= a;
                }
            }
            AgingItem {
                currency: Currency::EUR,
                issued_on,
                due_on: issued_on + chrono::Duration::days(terms),
                amount,
                payments,
            }
        });
    prop::collection::vec(item, 0..25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(30))]

    /// Payments recorded with their journal entries, some of them reversed
    /// by a correction: the SQL aging at any date is the pure aging of the
    /// payments not reversed, and each invoice's paid total is theirs.
    #[test]
    fn reversed_payments_leave_the_aging_as_if_never_received(
        items in arb_items(),
        as_of_offset in 0i64..1200,
        reversed in any::<u64>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("d.db")).unwrap();
        let mut entries = Vec::new();
        store.write(|tx| {
            let c = store::clients::insert(tx, &Client::with_code("C", Currency::EUR))?;
            for (n, it) in items.iter().enumerate() {
                let number = format!("F{n}");
                let inv = Invoice {
                    number: number.clone(),
                    client_code: "C".into(),
                    issued_on: it.issued_on,
                    due_on: it.due_on,
                    amount: Money::new(it.amount, it.currency),
                    milestone: None,
                    is_deposit: false,
                };
                let id = store::invoices::insert(tx, c, &inv)?.unwrap();
                for (k, (on, a)) in it.payments.iter().enumerate() {
                    let p = Payment { invoice_number: number.clone(), received_on: *on, amount: *a, method: PaymentMethod::Cheque, reference: None };
                    let pid = store::payments::insert_id(tx, id, &p, it.currency, None, "t")?;
                    let mut e = Activity::new(ActivityKind::Payment, "C", DateTime::<Utc>::default(), *on, "t");
                    e.invoice_number = Some(number.clone());
                    e.amount = Some(*a);
                    e.payment_id = pid;
                    let eid = store::activities::insert(tx, c, Some(id), Some(it.currency), &e)?;
                    entries.push((n, k, eid));
                }
            }
            Ok::<_, StoreError>(())
        }).unwrap();
        let mut kept = items.clone();
        for (i, (n, k, eid)) in entries.iter().enumerate() {
            if reversed >> (i % 64) & 1 == 1 {
                let c = Correction { refers_to: *eid, reason: "bounced".into() };
                correct(&mut store, &c, "t", d("2027-06-01"), Utc::now()).unwrap();
                kept[*n].payments[*k].1 = 0;
            }
        }
        for it in &mut kept {
            it.payments.retain(|(_, a)| *a > 0);
        }
        let as_of = d("2025-01-01") + chrono::Duration::days(as_of_offset);
        prop_assert_eq!(store::aging::report(store.conn(), as_of).unwrap(), age(&kept, as_of));
        for (n, it) in kept.iter().enumerate() {
            let inv = store::invoices::find(store.conn(), &format!("F{n}")).unwrap().unwrap();
            let paid: i64 = it.payments.iter().map(|(_, a)| a).sum();
            prop_assert_eq!(inv.paid, paid);
            prop_assert_eq!(inv.settled_on.is_some(), paid == it.amount);
        }
    }
}

/// What a form shows before a correction: what it would undo, or why it
/// cannot be made; reading only.
#[test]
fn a_preview_says_what_a_correction_would_undo_or_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    let reminder = store
        .write(|tx| {
            let c = store::clients::insert(tx, &Client::with_code("C", Currency::EUR))?;
            let inv = Invoice {
                number: "F1".into(),
                client_code: "C".into(),
                issued_on: d("2026-01-01"),
                due_on: d("2026-02-01"),
                amount: Money::new(10_000, Currency::EUR),
                milestone: None,
                is_deposit: false,
            };
            let id = store::invoices::insert(tx, c, &inv)?.unwrap();
            let mut r = Activity::new(
                ActivityKind::Reminder,
                "C",
                DateTime::<Utc>::default(),
                d("2026-03-01"),
                "t",
            );
            r.level = Some(1);
            r.invoice_number = Some("F1".into());
            store::activities::insert(tx, c, Some(id), None, &r)
        })
        .unwrap();
    let said = store
        .read(|tx| dun::record::correction::preview(tx, reminder))
        .unwrap();
    assert_eq!(said, "reminder 1 on 2026-03-01, F1");
    let c = Correction {
        refers_to: reminder,
        reason: "never sent".into(),
    };
    let done = correct(&mut store, &c, "t", d("2026-03-02"), Utc::now()).unwrap();
    let why = store
        .read(|tx| dun::record::correction::preview(tx, reminder))
        .unwrap_err()
        .to_string();
    assert!(
        why.contains(&format!("corrected already (entry {})", done.id)),
        "{why}"
    );
    let why = store
        .read(|tx| dun::record::correction::preview(tx, done.id))
        .unwrap_err()
        .to_string();
    assert!(why.contains("is a correction itself"), "{why}");
}
