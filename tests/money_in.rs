//! Money typed in means what it says: an amount written with another
//! currency's symbol or code is refused by `dun log` and the workbench's
//! forms, as the import refuses it; every amount column of an import is read
//! the same way.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/workbench.rs"]
mod workbench;

use binary::{TODAY, dun, ok};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use dun::app::App;
use dun::store::Store;

/// A database with invoice F1 in EUR (client C1) and G1 in GBP (client C2).
fn ledger() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("money.db");
    ok(&dun(&db, &["init"]));
    let file = dir.path().join("invoices.csv");
    std::fs::write(
        &file,
        "invoice,customer,invoice date,due date,amount,currency\n\
         F1,C1,2026-10-01,2026-10-31,1000.00,EUR\n\
         G1,C2,2026-10-01,2026-10-31,\"1,000.00\",GBP\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "invoices", file.to_str().unwrap()]));
    (dir, db)
}

/// Journal entries and payments in the database.
fn counts(db: &Path) -> (i64, i64) {
    let store = Store::open(db).unwrap();
    (
        dun::store::activities::count(store.conn()).unwrap(),
        dun::store::payments::count(store.conn()).unwrap(),
    )
}

#[test]
fn dun_log_refuses_an_amount_in_another_currency_and_writes_nothing() {
    let (_dir, db) = ledger();
    let before = counts(&db);
    for (kind, amount) in [
        ("payment", "100 JPY"),
        ("payment", "£100"),
        ("payment", "$50.00"),
        ("promise", "NOK 1 000"),
    ] {
        let out = dun(
            &db,
            &[
                "log",
                kind,
                "--invoice",
                "F1",
                "--amount",
                amount,
                "--date",
                "2026-12-01",
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{amount}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("--amount: {amount:?} is in "))
                && err.contains("but invoice F1 is in EUR"),
            "{err}"
        );
        assert_eq!(counts(&db), before, "{amount} wrote something");
    }
    let out = dun(
        &db,
        &["log", "payment", "--invoice", "F1", "--amount", "100 JPY"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("is in JPY, but invoice F1 is in EUR"));
    let out = dun(
        &db,
        &["log", "payment", "--invoice", "F1", "--amount", "0.500"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("three decimals in a currency of two"),
        "{out:?}"
    );
    assert_eq!(counts(&db), before);
}

#[test]
fn dun_log_takes_an_amount_in_the_invoice_currency() {
    let (_dir, db) = ledger();
    ok(&dun(
        &db,
        &["log", "payment", "--invoice", "G1", "--amount", "£100"],
    ));
    ok(&dun(
        &db,
        &["log", "payment", "--invoice", "F1", "--amount", "50,00 €"],
    ));
    let store = Store::open(&db).unwrap();
    let paid: Vec<(String, i64)> = store
        .conn()
        .prepare(
            "SELECT i.number, p.amount FROM payments p JOIN invoices i ON i.id = p.invoice_id \
             ORDER BY p.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(paid, [("G1".to_string(), 10000), ("F1".to_string(), 5000)]);
}

#[test]
fn a_late_fee_written_with_a_decimal_comma_is_read_like_any_amount() {
    let (dir, db) = ledger();
    let file = dir.path().join("clients.csv");
    std::fs::write(
        &file,
        "code;name;currency;indemnité forfaitaire;credit limit\n\
         C1;Client One;EUR;40,00;1.500,00\n\
         C3;Client Three;EUR;\"1.000\";\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "clients", file.to_str().unwrap()]));
    let store = Store::open(&db).unwrap();
    let fee = |code: &str| -> Option<i64> {
        store
            .conn()
            .query_row(
                "SELECT late_fee FROM clients WHERE code = ?1",
                [code],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(fee("C1"), Some(4000));
    assert_eq!(fee("C3"), Some(100_000));
}

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

/// Presses keys the way the event loop does.
fn press(app: &mut workbench::Bench<'_>, keys: &[KeyCode]) {
    app.keys(keys);
}

fn form_error(app: &workbench::Bench<'_>) -> Option<String> {
    match &app.app.mode {
        dun::app::Mode::Form(f) => f.error.clone(),
        _ => None,
    }
}

fn typed(text: &str) -> Vec<KeyCode> {
    let mut keys = vec![KeyCode::Backspace; 24];
    keys.extend(text.chars().map(KeyCode::Char));
    keys
}

#[test]
fn the_forms_refuse_an_amount_in_another_currency_and_record_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 400, "root").unwrap();
    let app = App::new(today(), "root", "DEMO");
    let mut app = workbench::open(&mut store, app, 80, 24);
    let before = dun::store::activities::count(app.store().conn()).unwrap();
    // Payment `$` (amount first), promise `p` (date, then amount), solvency
    // note `N` (source, rating, then the recommended limit).
    for (open, to_amount) in [('$', 0), ('p', 1), ('N', 2)] {
        press(&mut app, &[KeyCode::Char(open)]);
        let dun::app::Mode::Form(form) = &app.app.mode else {
            panic!("a form opens")
        };
        let own = form.target.currency.code().to_string();
        let other = if own == "JPY" { "EUR" } else { "JPY" };
        let mut keys = vec![KeyCode::Tab; to_amount];
        keys.extend(typed(&format!("100 {other}")));
        keys.push(KeyCode::Enter);
        press(&mut app, &keys);
        let error = form_error(&app).expect("still open");
        assert!(
            error.starts_with("Amount:") || error.starts_with("Recommended limit:"),
            "{error}"
        );
        assert!(
            error.contains(&format!("is in {other}, but ")) && error.contains(&own),
            "{error}"
        );
        // The same amount in the form's own currency is taken.
        let mut keys = typed(&format!("{own} 1"));
        keys.push(KeyCode::Enter);
        press(&mut app, &keys);
        let still = form_error(&app);
        assert!(
            still.as_deref().is_none_or(|e| !e.contains("is in")),
            "{still:?}"
        );
        if matches!(app.app.mode, dun::app::Mode::Form(_)) {
            press(&mut app, &[KeyCode::Esc]);
        }
    }
    let after = dun::store::activities::count(app.store().conn()).unwrap();
    assert!(after <= before + 3);
}
