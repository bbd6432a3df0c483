//! Solvency decides limits and deposits, through the real binary and over
//! a real database file: a note's recommended limit becomes the credit
//! limit (or is kept, with a reason), and a client whose rating asks for a
//! deposit has its new invoices in the queue until the deposit invoice
//! comes.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/workbench.rs"]
mod workbench;

use binary::{TODAY, dun, ok, refused};
use std::path::{Path, PathBuf};

use dun::domain::queue::Reason;
use dun::store::Store;
use dun::store::queue::{queue, queue_using};
use dun::team::TeamSettings;

/// K1 with a limit of 26,000 EUR; K2 with none; K2 has a new invoice.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("solvency.db");
    let clients = dir.path().join("clients.csv");
    std::fs::write(
        &clients,
        "client_code,client_name,currency,credit_limit,country\n\
         K1,Kestrel Tools,EUR,26000.00,FR\n\
         K2,Dover Ltd,EUR,,GB\n",
    )
    .unwrap();
    let invoices = dir.path().join("invoices.csv");
    std::fs::write(
        &invoices,
        "invoice_number,client_code,issued_on,due_on,amount,currency\n\
         F-1,K2,2026-11-20,2026-12-20,1200.00,EUR\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "clients", clients.to_str().unwrap()]));
    ok(&dun(
        &db,
        &["import", "invoices", invoices.to_str().unwrap()],
    ));
    (dir, db)
}

fn limit(db: &Path, code: &str) -> Option<i64> {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(
        "SELECT credit_limit FROM clients WHERE code = ?1",
        [code],
        |r| r.get(0),
    )
    .unwrap()
}

fn count(db: &Path, table: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn journal(db: &Path) -> String {
    ok(&dun(db, &["export", "journal", "--format", "json"]))
}

fn credit_check<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "log",
        "credit_check",
        "--client",
        "K1",
        "--outcome",
        "C",
        "--amount",
        "2000",
        "--reason",
        "credit_bureau",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn the_recommended_limit_becomes_the_credit_limit_and_the_journal_says_old_and_new() {
    let (_dir, db) = setup();
    assert_eq!(limit(&db, "K1"), Some(2_600_000));
    let out = ok(&dun(&db, &credit_check(&[])));
    assert!(
        out.contains("credit limit 26,000.00 EUR → 2,000.00 EUR"),
        "{out}"
    );
    assert_eq!(limit(&db, "K1"), Some(200_000));
    let j = journal(&db);
    assert!(
        j.contains("credit limit 26,000.00 EUR → 2,000.00 EUR"),
        "{j}"
    );
    // The words of the brief work too.
    let out = ok(&dun(
        &db,
        &[
            "log",
            "credit_check",
            "--client",
            "K2",
            "--rating",
            "B",
            "--limit",
            "750",
            "--source",
            "bank",
        ],
    ));
    assert!(out.contains("credit limit none → 750.00 EUR"), "{out}");
    assert_eq!(limit(&db, "K2"), Some(75_000));
}

#[test]
fn a_kept_limit_stays_with_its_reason_and_without_one_nothing_is_written() {
    let (_dir, db) = setup();
    let out = ok(&dun(
        &db,
        &credit_check(&["--keep-limit", "long-standing client"]),
    ));
    assert!(out.contains("kept"), "{out}");
    assert_eq!(limit(&db, "K1"), Some(2_600_000));
    let j = journal(&db);
    assert!(
        j.contains(
            "credit limit 26,000.00 EUR kept (recommended 2,000.00 EUR): long-standing client"
        ),
        "{j}"
    );
    let (notes, entries) = (count(&db, "solvency_notes"), count(&db, "activities"));
    let err = refused(&dun(&db, &credit_check(&["--keep-limit", "  "])));
    assert!(err.contains("needs a reason"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // Kept with nothing recommended, or on another kind: refused too.
    let mut no_limit = credit_check(&["--keep-limit", "why"]);
    no_limit.drain(6..8);
    let err = refused(&dun(&db, &no_limit));
    assert!(err.contains("recommends no limit"), "{err}");
    let err = refused(&dun(
        &db,
        &["log", "note", "--client", "K1", "--keep-limit", "why"],
    ));
    assert!(err.contains("solvency note"), "{err}");
    assert_eq!(count(&db, "solvency_notes"), notes);
    assert_eq!(count(&db, "activities"), entries);
    assert_eq!(limit(&db, "K1"), Some(2_600_000));
}

#[test]
fn an_older_note_typed_late_leaves_the_limit_of_the_latest() {
    let (_dir, db) = setup();
    ok(&dun(&db, &credit_check(&[])));
    let out = ok(&dun(
        &db,
        &[
            "log",
            "credit_check",
            "--client",
            "K1",
            "--outcome",
            "A",
            "--amount",
            "50000",
            "--reason",
            "bank",
            "--on",
            "2026-10-01",
        ],
    ));
    assert!(out.contains("a later note stands"), "{out}");
    assert_eq!(limit(&db, "K1"), Some(200_000));
    // The rating stays the latest note's too.
    let c = rusqlite::Connection::open(&db).unwrap();
    let rating: String = c
        .query_row("SELECT rating FROM clients WHERE code = 'K1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rating, "C");
}

fn deposit_lines(json: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reason"]["kind"] == "deposit_needed")
        .cloned()
        .collect()
}

#[test]
fn a_d_rated_client_with_a_new_invoice_needs_its_deposit_until_the_deposit_invoice_comes() {
    let (dir, db) = setup();
    let before = ok(&dun(&db, &["queue", "--format", "json"]));
    assert!(deposit_lines(&before).is_empty(), "{before}");
    ok(&dun(
        &db,
        &[
            "log",
            "credit_check",
            "--client",
            "K2",
            "--outcome",
            "D",
            "--reason",
            "visit",
        ],
    ));
    let after = ok(&dun(&db, &["queue", "--format", "json"]));
    let lines = deposit_lines(&after);
    assert_eq!(lines.len(), 1, "{after}");
    assert_eq!(lines[0]["client"], "K2");
    assert_eq!(lines[0]["invoices"], serde_json::json!(["F-1"]));
    assert_eq!(lines[0]["amount"], "1200.00");
    let table = ok(&dun(&db, &["queue"]));
    assert!(table.contains("deposit needed"), "{table}");
    // The deposit invoice, once imported, answers the line.
    let deposit = dir.path().join("deposit.csv");
    std::fs::write(
        &deposit,
        "invoice_number,client_code,issued_on,due_on,amount,currency,is_deposit\n\
         AC-1,K2,2026-11-21,2026-11-28,600.00,EUR,yes\n",
    )
    .unwrap();
    ok(&dun(
        &db,
        &["import", "invoices", deposit.to_str().unwrap()],
    ));
    let answered = ok(&dun(&db, &["queue", "--format", "json"]));
    assert!(deposit_lines(&answered).is_empty(), "{answered}");
}

#[test]
fn a_paid_deposit_invoice_answers_it_too_and_an_old_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let mut store = Store::open(&path).unwrap();
    let today: chrono::NaiveDate = TODAY.parse().unwrap();
    store
        .write(|tx| {
            use dun::domain::client::{Client, Rating};
            use dun::domain::currency::Currency;
            use dun::domain::invoice::Invoice;
            use dun::domain::money::Money;
            use dun::store::{clients, invoices};
            let mut c = Client::with_code("K3", Currency::EUR);
            c.name = "Kite Works".into();
            c.rating = Some(Rating::C);
            let id = clients::insert(tx, &c)?;
            let invoice = |number: &str, issued: &str, due: &str, is_deposit: bool| Invoice {
                number: number.into(),
                client_code: "K3".into(),
                issued_on: issued.parse().unwrap(),
                due_on: due.parse().unwrap(),
                amount: Money::new(50_000, Currency::EUR),
                milestone: None,
                is_deposit,
            };
            invoices::insert(tx, id, &invoice("N-1", "2026-11-20", "2026-12-20", false))?;
            // Issued 31 days before the new invoice: too old to be its deposit.
            invoices::insert(tx, id, &invoice("AC-0", "2026-10-20", "2026-10-27", true))?;
            Ok::<_, dun::store::StoreError>(())
        })
        .unwrap();
    let rules = TeamSettings::default().rules();
    let reasons = |store: &mut Store| -> Vec<Reason> {
        let (cached, journal) = store
            .read(|tx| {
                Ok::<_, dun::store::StoreError>((
                    queue(tx, today, None, &rules)?,
                    queue_using(tx, today, None, &rules, false)?,
                ))
            })
            .unwrap();
        assert_eq!(cached, journal);
        cached.iter().map(|l| l.reason).collect()
    };
    assert!(reasons(&mut store).contains(&Reason::DepositNeeded));
    drop(store);
    // A deposit invoice issued within the thirty days, already paid.
    let (deposit, payment) = (dir.path().join("d.csv"), dir.path().join("p.csv"));
    std::fs::write(
        &deposit,
        "invoice_number,client_code,issued_on,due_on,amount,currency,is_deposit\n\
         AC-1,K3,2026-10-22,2026-10-29,150.00,EUR,yes\n",
    )
    .unwrap();
    std::fs::write(
        &payment,
        "invoice_number,received_on,amount\nAC-1,2026-10-25,150.00\n",
    )
    .unwrap();
    ok(&dun(
        &path,
        &["import", "invoices", deposit.to_str().unwrap()],
    ));
    ok(&dun(
        &path,
        &["import", "payments", payment.to_str().unwrap()],
    ));
    let mut store = Store::open(&path).unwrap();
    let now = reasons(&mut store);
    assert!(!now.contains(&Reason::DepositNeeded), "{now:?}");
}

#[test]
fn the_workbench_s_solvency_form_sets_or_keeps_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let today: chrono::NaiveDate = TODAY.parse().unwrap();
    dun::commands::demo::fill(&mut store, today, 400, "root").unwrap();
    let app = dun::app::App::new(today, "root", "DEMO");
    let mut app = workbench::open(&mut store, app, 80, 24);
    // Open the first client of the queue, then a solvency note: source 1,
    // rating 3 (C), a limit of 1500, no reason to keep the old one.
    app.typed("\nN13");
    app.typed("1500\t\t\n");
    assert_eq!(app.app.mode, dun::app::Mode::Page, "the form is closed");
    let page = app.app.client_page().unwrap();
    assert_eq!(page.client.credit_limit, Some(150_000));
    assert!(
        page.timeline[0].note.contains("→ 1,500.00"),
        "{:?}",
        page.timeline[0]
    );
    // The next one keeps it, with the reason.
    app.typed("N13");
    app.typed("900\tlong-standing client\t\n");
    let page = app.app.client_page().unwrap();
    assert_eq!(page.client.credit_limit, Some(150_000));
    assert!(
        page.timeline[0].note.contains("kept"),
        "{:?}",
        page.timeline[0]
    );
}
