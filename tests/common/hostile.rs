//! Text that tries to take over a terminal, a database filled with it by
//! "another program" (through the store, not the importer), and the check
//! that an output carries none of it.

#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use dun::domain::activity::{Activity, ActivityKind};
use dun::domain::client::{Client, Rating};
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::money::Money;
use dun::domain::payment::{Payment, PaymentMethod};
use dun::domain::solvency::{SolvencyNote, SolvencySource};
use dun::domain::text::is_unsafe;
use dun::store::{self, Store, StoreError};

pub const TODAY: &str = "2026-11-22";

/// Set the window title, write the clipboard (OSC 52), clear the screen,
/// a device control string, a CSI written as the C1 byte, and two bidi marks.
pub const PAYLOADS: [&str; 7] = [
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}P1$r\u{1b}\\",
    "\u{9b}2J",
    "\u{202e}",
    "\u{2066}",
];

/// `label` followed by every payload.
pub fn evil(label: &str) -> String {
    format!("{label}{}", PAYLOADS.concat())
}

/// A client code and an invoice number with payloads, within 64 characters.
pub fn evil_code() -> String {
    format!("C{}{}", PAYLOADS[0], PAYLOADS[5])
}

pub fn evil_number() -> String {
    format!("INV{}{}{}", PAYLOADS[2], PAYLOADS[4], PAYLOADS[6])
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn now() -> DateTime<Utc> {
    "2026-11-22T08:00:00Z".parse().unwrap()
}

/// Every text column of every table holds payloads: two clients (one with
/// a usable e-mail address, so that its letter becomes an `.eml`), two
/// overdue invoices, a payment, journal entries and a solvency note.
pub fn fill(store: &mut Store) {
    store
        .write(|tx| {
            let mut a = Client::with_code(&evil_code(), Currency::EUR);
            a.name = evil("Acme");
            a.phone = Some(evil("+33"));
            a.address = Some(evil("1 rue"));
            a.email = Some("compta@acme.example".into());
            a.clerk = Some(evil("clerk"));
            a.rating = Some(Rating::C);
            let a_id = store::clients::insert(tx, &a)?;
            let mut b = Client::with_code("B2", Currency::EUR);
            b.name = evil("Beta");
            b.email = Some(evil("x@y.example"));
            let b_id = store::clients::insert(tx, &b)?;
            let inv = |number: String, client: &Client, amount: i64| Invoice {
                number,
                client_code: client.code.clone(),
                issued_on: d("2026-07-01"),
                due_on: d("2026-08-01"),
                amount: Money::new(amount, Currency::EUR),
                milestone: Some(evil("milestone")),
                is_deposit: false,
            };
            let pay = Payment {
                invoice_number: evil_number(),
                received_on: d("2026-09-01"),
                amount: 1_000,
                method: PaymentMethod::Transfer,
                reference: Some(evil("ref")),
            };
            let i1 = store::invoices::insert_paid(
                tx,
                a_id,
                &inv(evil_number(), &a, 120_000),
                &[pay],
                &evil("user"),
            )?
            .ok_or_else(|| StoreError::Invalid("dup".into()))?;
            let i2 = store::invoices::insert(tx, b_id, &inv("PLAIN-2".into(), &b, 50_000))?;
            for (client, id, invoice) in [(&a, a_id, Some(i1)), (&b, b_id, i2)] {
                let mut call = Activity::new(
                    ActivityKind::Call,
                    &client.code,
                    now(),
                    d("2026-11-02"),
                    &evil("u"),
                );
                call.outcome = Some(evil("outcome"));
                call.note = evil("note");
                store::activities::insert(tx, id, invoice, Some(Currency::EUR), &call)?;
                let mut dispute = Activity::new(
                    ActivityKind::Note,
                    &client.code,
                    now(),
                    d("2026-11-03"),
                    "ann",
                );
                dispute.reason = Some(evil("reason"));
                dispute.note = evil("n2");
                store::activities::insert(tx, id, None, None, &dispute)?;
            }
            store::solvency::insert(
                tx,
                a_id,
                &SolvencyNote {
                    client_code: a.code.clone(),
                    on: d("2026-10-01"),
                    source: SolvencySource::Bank,
                    rating: Rating::C,
                    recommended_limit: Some(100_000),
                    text: evil("solvency"),
                    author: evil("author"),
                },
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

/// What a payload may leave behind in an output: nothing that a terminal
/// would obey. Line breaks and tabs are allowed (CSV rows, JSON layout).
pub fn harmless(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| is_unsafe(*c) && !matches!(c, '\n' | '\r' | '\t'))
        .take(5)
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: unsafe characters {bad:?} in {:?}",
        excerpt(&text, bad[0].0)
    );
    for p in PAYLOADS {
        assert!(!text.contains(p), "{what}: payload {p:?} written as is");
    }
}

fn excerpt(text: &str, at: usize) -> String {
    let before = text[..at].chars().rev().take(40).collect::<Vec<_>>();
    let after = text[at..].chars().take(40);
    before.into_iter().rev().chain(after).collect()
}
