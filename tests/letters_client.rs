//! The letters of a client's routine over a real database: the pilot-end
//! notice, the deposit request and the visit confirmation, and what
//! sending them records.

use chrono::NaiveDate;
use dun::config::CompanyConfig;
use dun::domain::client::Client;
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::language::Language;
use dun::domain::money::Money;
use dun::letters::LetterKind;
use dun::letters::compose::{ComposeError, Composed};
use dun::letters::compose_client::{
    compose_deposit_request, compose_pilot_end, compose_visit_confirmation,
};
use dun::store::{Store, StoreError, clients, invoices};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn company() -> CompanyConfig {
    CompanyConfig {
        name: "Atelier Boréal SARL".into(),
        email: "compta@atelier-boreal.example".into(),
        bank_account: "IBAN FR76 3000 6000 0112 3456 7890 189".into(),
        ..CompanyConfig::default()
    }
}

fn invoice(number: &str, due_on: &str, euros: i64, is_deposit: bool) -> Invoice {
    Invoice {
        number: number.into(),
        client_code: "C-7".into(),
        issued_on: d("2026-10-01"),
        due_on: d(due_on),
        amount: Money::new(euros * 100, Currency::EUR),
        milestone: None,
        is_deposit,
    }
}

/// A French client on a pilot until 8 December, with an unpaid deposit,
/// an overdue invoice and an invoice in another currency.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    store
        .write(|tx| {
            let mut c = Client::with_code("C-7", Currency::EUR);
            c.name = "Dumas Logistique SAS".into();
            c.language = Language::Fr;
            c.country = Some("FR".into());
            c.email = Some("factures@dumas.example".into());
            c.address = Some("14 allée des Érables, 38200 Vienne".into());
            c.pilot_ends_on = Some(d("2026-12-08"));
            let id = clients::insert(tx, &c)?;
            invoices::insert(tx, id, &invoice("AC-1", "2026-11-20", 1500, true))?;
            invoices::insert(tx, id, &invoice("F-1", "2026-10-31", 800, false))?;
            let mut usd = invoice("F-2", "2026-10-31", 300, false);
            usd.amount = Money::new(30_000, Currency::USD);
            invoices::insert(tx, id, &usd)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    (dir, store)
}

fn read<T>(
    store: &mut Store,
    f: impl FnOnce(&rusqlite::Connection) -> Result<T, ComposeError>,
) -> Result<T, String> {
    store
        .read(|tx| Ok::<_, StoreError>(f(tx)))
        .unwrap()
        .map_err(|e| e.to_string())
}

fn reasons(store: &Store) -> Vec<(Option<String>, Option<String>, String)> {
    let mut st = store
        .conn()
        .prepare("SELECT reason, (SELECT number FROM invoices WHERE id = invoice_id), kind FROM activities ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn send(store: &mut Store, dir: &tempfile::TempDir, c: &Composed) {
    dun::letters::send::send(
        store,
        c,
        today(),
        &dir.path().join("out"),
        &company(),
        "clerk",
        chrono::Utc::now(),
    )
    .unwrap();
}

#[test]
fn the_pilot_end_notice_gives_the_end_date_and_a_date_to_answer_by() {
    let (dir, mut store) = store();
    let c = read(&mut store, |tx| {
        compose_pilot_end(tx, "C-7", today(), &company(), 20)
    })
    .unwrap();
    assert_eq!(c.kind, LetterKind::PilotEndNotice);
    assert!(
        c.letter.body.contains("8 décembre 2026"),
        "{}",
        c.letter.body
    );
    // Twenty days would pass the end of the pilot: the answer is due by then.
    assert!(c.letter.body.contains("au plus tard le 8 décembre 2026"));
    send(&mut store, &dir, &c);
    assert_eq!(
        reasons(&store),
        [(Some("pilot_end_notice".into()), None, "letter".into())]
    );
    let late = read(&mut store, |tx| {
        compose_pilot_end(tx, "C-7", d("2026-12-09"), &company(), 7)
    })
    .unwrap_err();
    assert!(late.contains("ended on 2026-12-08"), "{late}");
    let nobody = read(&mut store, |tx| {
        compose_pilot_end(tx, "C-9", today(), &company(), 7)
    })
    .unwrap_err();
    assert!(nobody.contains("C-9"), "{nobody}");
}

#[test]
fn the_deposit_request_lists_the_deposits_and_logs_each() {
    let (dir, mut store) = store();
    // No list: every open deposit of the client.
    let c = read(&mut store, |tx| {
        compose_deposit_request(tx, "C-7", &[], today(), &company(), 10)
    })
    .unwrap();
    assert_eq!(c.invoices, ["AC-1"]);
    let body = &c.letter.body;
    assert!(body.contains("AC-1") && !body.contains("F-1"), "{body}");
    assert!(body.contains("1\u{202f}500,00\u{a0}€"), "{body}");
    assert!(body.contains("4 décembre 2026"), "{body}");
    assert!(body.contains("IBAN FR76"), "{body}");
    send(&mut store, &dir, &c);
    assert_eq!(
        reasons(&store),
        [(
            Some("deposit_request".into()),
            Some("AC-1".into()),
            "letter".into()
        )]
    );
    let not_deposit = read(&mut store, |tx| {
        compose_deposit_request(tx, "C-7", &["F-1".into()], today(), &company(), 10)
    })
    .unwrap_err();
    assert!(not_deposit.contains("not a deposit"), "{not_deposit}");
}

#[test]
fn the_visit_confirmation_asks_for_an_answer_the_day_before() {
    let (dir, mut store) = store();
    let c = read(&mut store, |tx| {
        compose_visit_confirmation(tx, "C-7", d("2026-12-01"), today(), &company(), &ladders())
    })
    .unwrap();
    let body = &c.letter.body;
    assert!(body.contains("1er décembre 2026"), "{body}");
    assert!(body.contains("au plus tard le 30 novembre 2026"), "{body}");
    assert!(
        body.contains("Lieu\u{a0}: 14 allée des Érables, 38200 Vienne"),
        "{body}"
    );
    assert!(!body.contains("Heure"), "{body}");
    // The overdue invoices in the client's currency, not the one in dollars.
    assert!(body.contains("F-1") && !body.contains("F-2"), "{body}");
    send(&mut store, &dir, &c);
    assert_eq!(
        reasons(&store),
        [(Some("visit_confirmation".into()), None, "letter".into())]
    );
    let past = read(&mut store, |tx| {
        compose_visit_confirmation(tx, "C-7", d("2026-11-20"), today(), &company(), &ladders())
    })
    .unwrap_err();
    assert!(past.contains("past"), "{past}");
}

#[test]
fn the_visit_confirmation_talks_about_the_promise_not_kept() {
    let (_dir, mut store) = store();
    // On 2 November the client promised €500.00 of F-1 by 20 November;
    // €200.00 came on the 10th.
    store
        .write(|tx| {
            use dun::domain::activity::{Activity, ActivityKind};
            let (client_id, _) = clients::find(tx, "C-7")?.unwrap();
            let f1 = invoices::find(tx, "F-1")?.unwrap();
            let at = chrono::Utc::now();
            let mut p = Activity::new(ActivityKind::Promise, "C-7", at, d("2026-11-02"), "anna");
            p.date = Some(d("2026-11-20"));
            p.amount = Some(50_000);
            dun::store::activities::insert(tx, client_id, Some(f1.id), Some(Currency::EUR), &p)?;
            dun::store::payments::insert(
                tx,
                f1.id,
                &dun::domain::payment::Payment {
                    invoice_number: "F-1".into(),
                    received_on: d("2026-11-10"),
                    amount: 20_000,
                    method: dun::domain::payment::PaymentMethod::Transfer,
                    reference: None,
                },
                Currency::EUR,
                None,
                "anna",
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let c = read(&mut store, |tx| {
        compose_visit_confirmation(tx, "C-7", d("2026-12-01"), today(), &company(), &ladders())
    })
    .unwrap();
    let body = &c.letter.body;
    assert!(
        body.contains(
            "Nous évoquerons également le règlement de 500,00\u{a0}€ que vous nous aviez annoncé pour le 20 novembre 2026."
        ),
        "{body}"
    );
}

/// The team's ladders as shipped (the store's settings are not changed).
fn ladders() -> dun::domain::queue::Ladders {
    dun::team::TeamSettings::default().rules().ladders
}
