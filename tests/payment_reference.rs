//! Every invoice gets its payment reference: at insert, and from the
//! migration's fill for the invoices already there.

use chrono::{NaiveDate, Utc};
use dun::domain::client::Client;
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::money::Money;
use dun::domain::payment_reference::{is_valid_kid, is_valid_rf};
use dun::store::{self, Store, StoreError};

fn invoice(number: &str, client: &str, cur: Currency) -> Invoice {
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    Invoice {
        number: number.into(),
        client_code: client.into(),
        issued_on: d("2026-10-01"),
        due_on: d("2026-10-31"),
        amount: Money::new(125_000, cur),
        milestone: None,
        is_deposit: false,
    }
}

fn reference(store: &mut Store, number: &str) -> Option<String> {
    store
        .read(|tx| store::invoices::find(tx, number))
        .unwrap()
        .unwrap()
        .payment_reference
}

#[test]
fn a_new_invoice_gets_an_rf_reference_and_a_kid_when_the_team_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("dun.db")).unwrap();
    s.write(|tx| -> Result<(), StoreError> {
        let c = store::clients::insert(tx, &Client::with_code("C1", Currency::EUR))?;
        let n = store::clients::insert(tx, &Client::with_code("C2", Currency::NOK))?;
        store::invoices::insert(tx, c, &invoice("F-2026-0418", "C1", Currency::EUR))?;
        store::invoices::insert(tx, n, &invoice("N-2026-0001", "C2", Currency::NOK))?;
        store::settings::put(tx, "payments.kid", "true", "tester", Utc::now())?;
        store::invoices::insert(tx, n, &invoice("N-2026-0002", "C2", Currency::NOK))?;
        store::invoices::insert(tx, c, &invoice("F-2026-0419", "C1", Currency::EUR))?;
        Ok(())
    })
    .unwrap();
    let rf = reference(&mut s, "F-2026-0418").unwrap();
    assert_eq!(rf, dun::domain::payment_reference::rf("F20260418").unwrap());
    assert!(is_valid_rf(&rf), "{rf}");
    assert!(is_valid_rf(&reference(&mut s, "N-2026-0001").unwrap()));
    let kid = reference(&mut s, "N-2026-0002").unwrap();
    assert!(
        kid.starts_with("20260002") && kid.len() == 9 && is_valid_kid(&kid),
        "{kid}"
    );
    assert!(is_valid_rf(&reference(&mut s, "F-2026-0419").unwrap()));
}

#[test]
fn the_fill_gives_the_invoices_already_there_their_reference() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("dun.db")).unwrap();
    s.write(|tx| -> Result<(), StoreError> {
        let c = store::clients::insert(tx, &Client::with_code("C1", Currency::EUR))?;
        store::invoices::insert(tx, c, &invoice("A-1", "C1", Currency::EUR))?;
        store::invoices::insert(tx, c, &invoice("---", "C1", Currency::EUR))?;
        tx.execute("UPDATE invoices SET payment_reference = NULL", [])?;
        Ok(())
    })
    .unwrap();
    assert_eq!(reference(&mut s, "A-1"), None);
    s.write(|tx| store::invoices::fill_payment_references(tx))
        .unwrap();
    assert_eq!(reference(&mut s, "A-1").as_deref(), Some("RF90A1"));
    // Nothing to build a reference from: none, and the letter says nothing.
    assert_eq!(reference(&mut s, "---"), None);
}
