//! The store: file creation, pragmas, migrations, triggers, and aging in SQL
//! checked against the pure rule.

#[path = "common/old_schema.rs"]
mod old_schema;

use std::os::unix::fs::PermissionsExt;

use chrono::{DateTime, NaiveDate, Utc};
use dun::domain::activity::{Activity, ActivityKind};
use dun::domain::aging::{AgingItem, age};
use dun::domain::client::{Client, Rating};
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::money::Money;
use dun::domain::payment::{Payment, PaymentMethod};
use dun::domain::solvency::{SolvencyNote, SolvencySource};
use dun::store::{self, Store, StoreError};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dun.db");
    (dir, path)
}

fn invoice(
    number: &str,
    client: &str,
    issued: &str,
    due: &str,
    amount: i64,
    cur: Currency,
) -> Invoice {
    Invoice {
        number: number.into(),
        client_code: client.into(),
        issued_on: d(issued),
        due_on: d(due),
        amount: Money::new(amount, cur),
        milestone: None,
        is_deposit: false,
    }
}

fn payment(number: &str, on: &str, amount: i64) -> Payment {
    Payment {
        invoice_number: number.into(),
        received_on: d(on),
        amount,
        method: PaymentMethod::Transfer,
        reference: None,
    }
}

#[test]
fn a_new_database_is_private_and_in_wal_mode() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let conn = store.conn();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, store::migrations::latest());
    assert!(rusqlite::version_number() >= 3_051_003);
}

#[test]
fn reopening_runs_no_migration_twice() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    let tables: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // The ledger's five, the team settings and their history, the cases,
    // the team's reference rates and their history, what changed and how
    // far the derived columns followed it, the invoices a promise covers,
    // and the kept queue with its mark.
    assert_eq!(tables, 15);
}

/// The tables, indexes, views and triggers of a database, as SQLite keeps
/// their text.
fn schema(c: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
    let mut st = c
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The old databases the migration tests start from are made of the
/// migrations the store runs: all of them give a new store's schema, at
/// its version.
#[test]
fn the_shipped_migrations_make_the_schema_of_a_new_database() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let (_old_dir, old) = temp_db();
    let c = old_schema::at_migration(&old, old_schema::LATEST);
    assert_eq!(old_schema::LATEST as i64, store::migrations::latest());
    assert_eq!(schema(&c), schema(store.conn()));
    let id: i64 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, store::migrations::APPLICATION_ID);
}

/// A database of the schema before 009 (the journal's kinds without
/// escalation, payment_plan and write_off), with entries that refer to
/// each other.
fn before_case_life(path: &std::path::Path) {
    let c = old_schema::at_migration(path, 6);
    c.execute_batch(
        "INSERT INTO clients (id, code, name, profile, currency) VALUES (1, 'C1', 'One', 'business', 'EUR'); \
         INSERT INTO invoices (id, number, client_id, issued_on, due_on, amount, currency) \
           VALUES (1, 'F1', 1, '2026-01-01', '2026-02-01', 10000, 'EUR'); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, registered) \
           VALUES (7, '2026-03-01T09:00:00Z', '2026-03-01', 'ann', 'letter', 1, 1, 1); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, outcome, refers_to) \
           VALUES (9, '2026-03-05T09:00:00Z', '2026-03-05', 'ann', 'letter', 1, 'acknowledged', 7); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, reason) \
           VALUES (12, '2026-03-06T09:00:00Z', '2026-03-06', 'bob', 'dispute', 1, 1, 'quality');",
    )
    .unwrap();
}

#[test]
fn the_journal_takes_the_case_s_new_kinds_and_keeps_every_entry() {
    let (_dir, path) = temp_db();
    before_case_life(&path);
    let store = Store::open(&path).unwrap();
    let c = store.conn();
    let rows: Vec<(i64, String, Option<i64>)> = c
        .prepare("SELECT id, kind, refers_to FROM activities ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        vec![
            (7, "letter".to_string(), None),
            (9, "letter".to_string(), Some(7)),
            (12, "dispute".to_string(), None),
        ]
    );
    let fk: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    // Still append-only, still a formal notice only after three reminders,
    // and the new kinds are taken.
    let e = c.execute("UPDATE activities SET note = 'x' WHERE id = 7", []);
    assert!(e.unwrap_err().to_string().contains("append-only"));
    let e = c.execute("DELETE FROM activities WHERE id = 7", []);
    assert!(e.unwrap_err().to_string().contains("append-only"));
    let e = c.execute(
        "INSERT INTO activities (at, on_date, user, kind, client_id, invoice_id) \
         VALUES ('2026-03-07T09:00:00Z', '2026-03-07', 'ann', 'formal_notice', 1, 1)",
        [],
    );
    assert!(e.unwrap_err().to_string().contains("three reminders"));
    for kind in ["escalation", "payment_plan", "write_off"] {
        c.execute(
            "INSERT INTO activities (at, on_date, user, kind, client_id, currency) \
             VALUES ('2026-03-07T09:00:00Z', '2026-03-07', 'ann', ?1, 1, 'EUR')",
            [kind],
        )
        .unwrap();
    }
    let e = c.execute(
        "INSERT INTO activities (at, on_date, user, kind, client_id) \
         VALUES ('2026-03-07T09:00:00Z', '2026-03-07', 'ann', 'lunch', 1)",
        [],
    );
    assert!(e.unwrap_err().to_string().contains("CHECK"));
}

/// A database of the schema before 010 (the journal without corrections
/// nor client changes, payments and their entries unlinked), with two
/// payments of the same invoice, day, amount and clerk, an imported one,
/// and entries that refer to each other.
fn before_corrections(path: &std::path::Path) {
    let c = old_schema::at_migration(path, 9);
    c.execute_batch(
        "INSERT INTO clients (id, code, name, profile, currency) VALUES (1, 'C1', 'One', 'business', 'EUR'); \
         INSERT INTO invoices (id, number, client_id, issued_on, due_on, amount, currency, paid) \
           VALUES (1, 'F1', 1, '2026-01-01', '2026-02-01', 10000, 'EUR', 7000); \
         INSERT INTO payments (id, invoice_id, received_on, amount, currency, method, reference, user) \
           VALUES (3, 1, '2026-03-02', 2000, 'EUR', 'cheque', 'CHQ-A', 'ann'); \
         INSERT INTO payments (id, invoice_id, received_on, amount, currency, method, import_key, user) \
           VALUES (4, 1, '2026-03-02', 2000, 'EUR', 'transfer', 'bank:1', 'ann'); \
         INSERT INTO payments (id, invoice_id, received_on, amount, currency, method, reference, user) \
           VALUES (5, 1, '2026-03-02', 2000, 'EUR', 'card', 'CARD-B', 'ann'); \
         INSERT INTO payments (id, invoice_id, received_on, amount, currency, user) \
           VALUES (6, 1, '2026-03-09', 1000, 'EUR', 'bob'); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, registered) \
           VALUES (7, '2026-03-01T09:00:00Z', '2026-03-01', 'ann', 'letter', 1, 1, 1); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, amount, currency) \
           VALUES (8, '2026-03-02T09:00:00Z', '2026-03-02', 'ann', 'payment', 1, 1, 2000, 'EUR'); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, outcome, refers_to) \
           VALUES (9, '2026-03-05T09:00:00Z', '2026-03-05', 'ann', 'letter', 1, 'acknowledged', 7); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, amount, currency) \
           VALUES (10, '2026-03-02T10:00:00Z', '2026-03-02', 'ann', 'payment', 1, 1, 2000, 'EUR'); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, amount, currency) \
           VALUES (11, '2026-03-09T10:00:00Z', '2026-03-09', 'ann', 'payment', 1, 1, 1000, 'EUR'); \
         INSERT INTO activities (id, at, on_date, user, kind, client_id, invoice_id, amount, currency, \
             reason, assignee) \
           VALUES (12, '2026-03-06T09:00:00Z', '2026-03-06', 'bob', 'dispute', 1, 1, NULL, NULL, \
             'quality', 'bob');",
    )
    .unwrap();
}

#[test]
fn the_journal_takes_corrections_keeps_every_entry_and_links_payments_to_their_rows() {
    let (_dir, path) = temp_db();
    before_corrections(&path);
    let store = Store::open(&path).unwrap();
    let c = store.conn();
    type Row = (i64, String, Option<i64>, Option<String>, Option<i64>);
    let rows: Vec<Row> = c
        .prepare("SELECT id, kind, refers_to, assignee, payment_id FROM activities ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // The n-th payment entry of an invoice, day, amount and clerk is the
    // n-th such payment row not imported; entry 11 (ann's) matches no row
    // (bob recorded that payment), as the export matched them.
    assert_eq!(
        rows,
        vec![
            (7, "letter".to_string(), None, None, None),
            (8, "payment".to_string(), None, None, Some(3)),
            (9, "letter".to_string(), Some(7), None, None),
            (10, "payment".to_string(), None, None, Some(5)),
            (11, "payment".to_string(), None, None, None),
            (
                12,
                "dispute".to_string(),
                None,
                Some("bob".to_string()),
                None
            ),
        ]
    );
    let journal = store::journal::latest(c, None).unwrap();
    let method = |id: i64| {
        let e = journal.iter().find(|e| e.id == id).unwrap();
        (e.method.clone(), e.payment_reference.clone())
    };
    assert_eq!(method(8), (Some("cheque".into()), Some("CHQ-A".into())));
    assert_eq!(method(10), (Some("card".into()), Some("CARD-B".into())));
    assert_eq!(method(11), (None, None));
    let fk: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    let indexes: Vec<String> = index_sql(&store);
    for name in [
        "activities_client",
        "activities_contact",
        "activities_invoice",
        "activities_at",
        "activities_refers",
        "activities_on",
        "activities_case_life",
        "activities_corrected",
        "activities_reversed",
        "activities_payment",
    ] {
        assert!(
            indexes
                .iter()
                .any(|s| s.contains(&format!("INDEX {name} "))),
            "{name} missing: {indexes:?}"
        );
    }
    // Still append-only, still a formal notice only after three reminders;
    // the new kinds are taken, a correction only of one entry, once.
    let e = c.execute("UPDATE activities SET note = 'x' WHERE id = 7", []);
    assert!(e.unwrap_err().to_string().contains("append-only"));
    let e = c.execute("DELETE FROM activities WHERE id = 7", []);
    assert!(e.unwrap_err().to_string().contains("append-only"));
    let e = c.execute(
        "INSERT INTO activities (at, on_date, user, kind, client_id, invoice_id) \
         VALUES ('2026-03-07T09:00:00Z', '2026-03-07', 'ann', 'formal_notice', 1, 1)",
        [],
    );
    assert!(e.unwrap_err().to_string().contains("three reminders"));
    c.execute(
        "INSERT INTO activities (at, on_date, user, kind, client_id, note) \
         VALUES ('2026-03-07T09:00:00Z', '2026-03-07', 'ann', 'client_change', 1, 'phone: 1 → 2')",
        [],
    )
    .unwrap();
    let correction = "INSERT INTO activities (at, on_date, user, kind, client_id, refers_to) \
         VALUES ('2026-03-07T09:00:00Z', '2026-03-07', 'ann', 'correction', 1, ?1)";
    assert!(c.execute(correction, [None::<i64>]).is_err());
    c.execute(correction, [9]).unwrap();
    let e = c.execute(correction, [9]);
    assert!(e.unwrap_err().to_string().contains("once"));
    let last = c.last_insert_rowid();
    let e = c.execute(correction, [last]);
    assert!(e.unwrap_err().to_string().contains("not a correction"));
    let in_force = store::corrections::in_force(c).unwrap();
    assert!(!in_force.contains(&9) && in_force.contains(&7));
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let (_dir, path) = temp_db();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE notes (x TEXT);").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotDun { .. }), "{err}");
    assert!(err.to_string().contains("not a dun database"));
    let c = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    drop(c);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the file was written to"
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", store::migrations::latest() + 1)
            .unwrap();
    }
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let (_dir, path) = temp_db();
    std::fs::write(
        &path,
        b"Not SQLite at all, just some text that is long enough.......",
    )
    .unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("not a database"), "{err}");
}

fn seed(store: &mut Store) -> (i64, i64) {
    store
        .write(|tx| {
            let c = store::clients::insert(tx, &Client::with_code("C1", Currency::EUR))?;
            let i = store::invoices::insert(
                tx,
                c,
                &invoice(
                    "F1",
                    "C1",
                    "2026-01-01",
                    "2026-01-31",
                    10_000,
                    Currency::EUR,
                ),
            )?
            .expect("a new number");
            Ok::<_, StoreError>((c, i))
        })
        .unwrap()
}

#[test]
fn payments_keep_paid_and_settled_dates_in_step() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (_, inv) = seed(&mut store);
    store
        .write(|tx| {
            // Out of date order on purpose.
            store::payments::insert(
                tx,
                inv,
                &payment("F1", "2026-03-01", 6_000),
                Currency::EUR,
                None,
                "ann",
            )?;
            store::payments::insert(
                tx,
                inv,
                &payment("F1", "2026-02-01", 3_000),
                Currency::EUR,
                None,
                "ann",
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let f = store::invoices::find(store.conn(), "F1").unwrap().unwrap();
    assert_eq!((f.paid, f.settled_on), (9_000, None));
    store
        .write(|tx| {
            store::payments::insert(
                tx,
                inv,
                &payment("F1", "2026-02-15", 1_000),
                Currency::EUR,
                None,
                "ann",
            )
        })
        .unwrap();
    let f = store::invoices::find(store.conn(), "F1").unwrap().unwrap();
    assert_eq!((f.paid, f.settled_on), (10_000, Some(d("2026-03-01"))));
}

#[test]
fn overpayment_and_another_currency_are_refused_by_the_store_and_the_schema() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (_, inv) = seed(&mut store);
    let e = store
        .write(|tx| {
            store::payments::insert(
                tx,
                inv,
                &payment("F1", "2026-02-01", 10_001),
                Currency::EUR,
                None,
                "ann",
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("larger than the outstanding"), "{e}");
    let e = store
        .write(|tx| {
            store::payments::insert(
                tx,
                inv,
                &payment("F1", "2026-02-01", 100),
                Currency::GBP,
                None,
                "ann",
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("currency"), "{e}");
    let paid: i64 = store
        .conn()
        .query_row("SELECT paid FROM invoices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(paid, 0);
    // A script writing to the file directly meets the same limit.
    let e = store
        .conn()
        .execute("UPDATE invoices SET paid = amount + 1", []);
    assert!(
        e.unwrap_err()
            .to_string()
            .contains("CHECK constraint failed")
    );
}

fn index_sql(store: &Store) -> Vec<String> {
    let mut st = store
        .conn()
        .prepare(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_bulk_write_rebuilds_the_indexes_and_a_failed_one_keeps_them() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let before = index_sql(&store);
    assert!(before.iter().any(|s| s.contains("invoices_open")));
    let (_, inv) = seed(&mut store);
    store
        .write_bulk(|tx| {
            store::payments::insert(
                tx,
                inv,
                &payment("F1", "2026-02-01", 2_500),
                Currency::EUR,
                None,
                "ann",
            )
        })
        .unwrap();
    assert_eq!(index_sql(&store), before);
    let r: Result<(), StoreError> = store.write_bulk(|tx| {
        store::payments::insert(
            tx,
            inv,
            &payment("F1", "2026-02-02", 100),
            Currency::EUR,
            None,
            "ann",
        )?;
        Err(StoreError::Invalid("stop".into()))
    });
    assert!(r.is_err());
    assert_eq!(index_sql(&store), before);
    let f = store::invoices::find(store.conn(), "F1").unwrap().unwrap();
    assert_eq!(f.paid, 2_500);
    // The aging query still finds the open invoice through the rebuilt index.
    let report = store::aging::report(store.conn(), d("2026-03-01")).unwrap();
    assert_eq!(report.totals[0].outstanding, 7_500);
}

#[test]
fn money_columns_refuse_non_integers() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (c, _) = seed(&mut store);
    let e = store.conn().execute(
        "INSERT INTO invoices (number, client_id, issued_on, due_on, amount, currency, created_at) \
         VALUES ('F2', ?1, '2026-01-01', '2026-01-31', 12.5, 'EUR', 'now')",
        [c],
    );
    assert!(e.is_err());
}

#[test]
fn the_journal_and_solvency_notes_are_append_only() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (c, i) = seed(&mut store);
    let at: DateTime<Utc> = "2026-02-01T09:00:00Z".parse().unwrap();
    store
        .write(|tx| {
            let mut a = Activity::new(ActivityKind::Call, "C1", at, d("2026-02-01"), "ann");
            a.outcome = Some("no_answer".into());
            store::activities::insert(tx, c, Some(i), Some(Currency::EUR), &a)?;
            let n = SolvencyNote {
                client_code: "C1".into(),
                on: d("2026-01-05"),
                source: SolvencySource::CreditBureau,
                rating: Rating::C,
                recommended_limit: Some(500_000),
                text: "two late filings".into(),
                author: "ann".into(),
            };
            store::solvency::insert(tx, c, &n)?;
            store::payments::insert(
                tx,
                i,
                &payment("F1", "2026-02-02", 100),
                Currency::EUR,
                None,
                "ann",
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let conn = store.conn();
    for sql in [
        "UPDATE activities SET note = 'x'",
        "DELETE FROM activities",
        "UPDATE solvency_notes SET rating = 'A'",
        "DELETE FROM solvency_notes",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{sql}: {e}");
    }
    for sql in ["UPDATE payments SET amount = 1", "DELETE FROM payments"] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("never"), "{sql}: {e}");
    }
    let rating: String = conn
        .query_row("SELECT rating FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rating, "C", "the latest solvency note sets the rating");
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let r: Result<(), StoreError> = store.write(|tx| {
        store::clients::insert(tx, &Client::with_code("C9", Currency::EUR))?;
        Err(StoreError::Invalid("stop".into()))
    });
    assert!(r.is_err());
    assert_eq!(store::clients::count(store.conn()).unwrap(), 0);
}

fn arb_items() -> impl Strategy<Value = Vec<AgingItem>> {
    let cur = prop_oneof![
        Just(Currency::EUR),
        Just(Currency::JPY),
        Just(Currency::BHD)
    ];
    let item = (
        cur,
        0i64..700,
        0i64..90,
        1i64..1_000_000,
        prop::collection::vec((0i64..400, 1i64..100), 0..4),
    )
        .prop_map(|(currency, issue, terms, amount, pays)| {
            let base = d("2025-01-01");
            let issued_on = base + chrono::Duration::days(issue);
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
                currency,
                issued_on,
                due_on: issued_on + chrono::Duration::days(terms),
                amount,
                payments,
            }
        });
    prop::collection::vec(item, 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The SQL aging (index paths, cached paid totals, recomputation for late
    /// payments) gives exactly what the pure rule gives, at any date.
    #[test]
    fn sql_aging_equals_the_pure_rule(items in arb_items(), as_of_offset in 0i64..1200) {
        let (_dir, path) = temp_db();
        let mut store = Store::open(&path).unwrap();
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
                for (on, a) in &it.payments {
                    let p = Payment { invoice_number: number.clone(), received_on: *on, amount: *a, method: PaymentMethod::Other, reference: None };
                    store::payments::insert(tx, id, &p, it.currency, None, "t")?;
                }
            }
            Ok::<_, StoreError>(())
        }).unwrap();
        let as_of = d("2025-01-01") + chrono::Duration::days(as_of_offset);
        let from_sql = store::aging::report(store.conn(), as_of).unwrap();
        prop_assert_eq!(from_sql, age(&items, as_of));
        let lines = store::aging::lines(store.conn(), as_of).unwrap();
        let expected: u64 = age(&items, as_of).totals.iter().map(|t| t.count()).sum();
        prop_assert_eq!(lines.len() as u64, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Write-offs leave the outstanding as payments do: the SQL aging with
    /// some of the amounts written off rather than paid (the cached
    /// written-off total, and the journal's entries for a past date) gives
    /// what the pure rule gives, and the written-off totals are the
    /// journal's.
    #[test]
    fn sql_aging_with_write_offs_equals_the_pure_rule(
        items in arb_items(),
        as_of_offset in 0i64..1200,
        off in any::<u64>(),
    ) {
        let (_dir, path) = temp_db();
        let mut store = Store::open(&path).unwrap();
        let mut written = Vec::new();
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
                    if off >> ((n * 3 + k) % 64) & 1 == 1 {
                        let mut w = Activity::new(ActivityKind::WriteOff, "C", DateTime::<Utc>::default(), *on, "t");
                        w.invoice_number = Some(number.clone());
                        w.amount = Some(*a);
                        w.reason = Some("test".into());
                        store::activities::insert(tx, c, Some(id), Some(it.currency), &w)?;
                        store::invoices::write_off(tx, id, *a, *on)?;
                        written.push((it.currency, *on, *a));
                    } else {
                        let p = Payment { invoice_number: number.clone(), received_on: *on, amount: *a, method: PaymentMethod::Other, reference: None };
                        store::payments::insert(tx, id, &p, it.currency, None, "t")?;
                    }
                }
            }
            Ok::<_, StoreError>(())
        }).unwrap();
        let as_of = d("2025-01-01") + chrono::Duration::days(as_of_offset);
        let from_sql = store::aging::report(store.conn(), as_of).unwrap();
        prop_assert_eq!(from_sql, age(&items, as_of));
        let mut expected: Vec<(Currency, u64, i64)> = Vec::new();
        for (cur, on, a) in &written {
            if *on > as_of {
                continue;
            }
            match expected.iter_mut().find(|(c, ..)| c == cur) {
                Some((_, n, t)) => { *n += 1; *t += a; }
                None => expected.push((*cur, 1, *a)),
            }
        }
        expected.sort_by_key(|(c, ..)| c.code().to_string());
        let got = store::aging::written_off(store.conn(), as_of).unwrap().by_currency;
        prop_assert_eq!(got, expected);
    }
}

#[test]
fn a_bulk_write_still_refuses_rows_that_point_nowhere() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    seed(&mut store);
    let r: Result<(), StoreError> = store.write_bulk(|tx| {
        tx.execute(
            "INSERT INTO payments (invoice_id, received_on, amount, currency, user, created_at) \
             VALUES (999, '2026-02-01', 100, 'EUR', 'ann', 'now')",
            [],
        )?;
        Ok(())
    });
    let e = r.unwrap_err().to_string();
    assert!(
        e.contains("payments row") && e.contains("missing invoices row"),
        "{e}"
    );
    assert_eq!(store::payments::count(store.conn()).unwrap(), 0);
    // Checks are back on for ordinary writes.
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn pages_read_from_the_end_match_pages_read_from_the_start() {
    use dun::store::aging::{AgingQuery, AgingSort, count, page};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, d("2026-11-22"), 400, "root").unwrap();
    let as_of = d("2026-11-22");
    for sort in [AgingSort::Days, AgingSort::Amount, AgingSort::Client] {
        let q = AgingQuery {
            sort,
            ..AgingQuery::default()
        };
        store
            .read(|tx| {
                let total = u32::try_from(count(tx, as_of, &q)?).unwrap();
                let all = page(tx, as_of, &q, 0, u32::MAX, None)?;
                assert_eq!(all.len(), total as usize);
                for offset in [0, total / 2 + 1, total - 13, total - 7] {
                    let p = page(tx, as_of, &q, offset, 12, Some(total))?;
                    let end = (offset as usize + 12).min(all.len());
                    assert_eq!(p, all[offset as usize..end], "{sort:?} from {offset}");
                }
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }
}

#[test]
fn a_contact_is_stored_and_old_one_line_addresses_keep_their_printed_lines() {
    use dun::domain::client::Title;
    let (_dir, path) = temp_db();
    {
        let mut s = Store::open(&path).unwrap();
        let mut c = Client::with_code("C-1", Currency::EUR);
        c.contact_name = Some("Claire Dubois".into());
        c.contact_title = Some(Title::Ms);
        c.address = Some("Flat 2, 10 High Street\nLeeds".into());
        s.write(|tx| store::clients::insert(tx, &c))
            .map_err(|e: StoreError| e)
            .unwrap();
        let (_, back) = store::clients::find(s.conn(), "C-1").unwrap().unwrap();
        assert_eq!(back, c);
    }
    // A database of version 6, before the contact columns, as it was then.
    let (_old_dir, old) = temp_db();
    {
        let c = old_schema::at_migration(&old, 6);
        c.execute_batch(
            "INSERT INTO clients (code, name, profile, currency, address) \
               VALUES ('C-1', 'One', 'business', 'EUR', 'Flat 2, 10 High Street' || char(10) || 'Leeds'); \
             INSERT INTO clients (code, name, profile, currency, address) \
               VALUES ('C-2', 'Two', 'business', 'EUR', 'Calle de la Iglesia, 65, 45001 Toledo');",
        )
        .unwrap();
    }
    let s = Store::open(&old).unwrap();
    let get = |code| store::clients::find(s.conn(), code).unwrap().unwrap().1;
    // The one-line address is given the lines dun printed it in until now;
    // an address with line breaks keeps them, commas and all.
    assert_eq!(
        get("C-2").address.as_deref(),
        Some("Calle de la Iglesia, 65\n45001 Toledo")
    );
    assert_eq!(
        get("C-1").address.as_deref(),
        Some("Flat 2, 10 High Street\nLeeds")
    );
    assert_eq!(get("C-1").contact_name, None);
}
