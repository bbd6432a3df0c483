//! The `deposit_needed` line: new invoices of a client who must give a
//! deposit, until a deposit invoice is issued for them.

use super::*;
use crate::domain::ladder::Ladder;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-22";

fn rules() -> Rules {
    let l = Ladder::example();
    let mut r = Rules::new(Ladders {
        administration: l.clone(),
        business: l.clone(),
        individual: l,
    });
    r.deposits = [0, 0, 30, 50];
    r
}

fn client(rating: Option<Rating>, own: u8) -> QueueClient {
    QueueClient {
        rating,
        deposit_pct: own,
        ..QueueClient::example("K")
    }
}

fn invoice(number: &str, issued: &str, due: &str) -> QueueInvoice {
    QueueInvoice {
        client: 0,
        number: number.into(),
        issued_on: d(issued),
        currency: Currency::EUR,
        outstanding: 100_000,
        is_deposit: false,
        standing: InvoiceStanding {
            due_on: d(due),
            ..InvoiceStanding::default()
        },
        dispute: None,
    }
}

fn needed(c: &QueueClient, invoices: &[QueueInvoice]) -> Option<Vec<usize>> {
    build(std::slice::from_ref(c), invoices, &rules(), d(TODAY))
        .into_iter()
        .find(|l| l.reason == Reason::DepositNeeded)
        .map(|l| l.invoices)
}

#[test]
fn a_d_rated_client_with_new_invoices_and_no_deposit_gets_one_line() {
    let c = client(Some(Rating::D), 0);
    let invoices = [
        invoice("N1", "2026-11-20", "2026-12-20"),
        invoice("N2", "2026-11-21", "2026-12-21"),
    ];
    assert_eq!(needed(&c, &invoices), Some(vec![0, 1]));
    let lines = build(std::slice::from_ref(&c), &invoices, &rules(), d(TODAY));
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].amount, 200_000);
}

#[test]
fn ratings_that_ask_nothing_and_overdue_invoices_need_no_deposit() {
    let invoices = [invoice("N1", "2026-11-20", "2026-12-20")];
    assert_eq!(needed(&client(Some(Rating::B), 0), &invoices), None);
    assert_eq!(needed(&client(None, 0), &invoices), None);
    // The client's own terms ask for one even without a rating.
    assert_eq!(needed(&client(None, 20), &invoices), Some(vec![0]));
    // An invoice already overdue is the ladder's, not a deposit's.
    let late = [invoice("L1", "2026-09-01", "2026-10-01")];
    assert_eq!(needed(&client(Some(Rating::D), 0), &late), None);
    // A deposit invoice needs no deposit itself.
    let mut dep = invoice("DEP", "2026-11-20", "2026-12-20");
    dep.is_deposit = true;
    assert_eq!(needed(&client(Some(Rating::D), 0), &[dep]), None);
}

#[test]
fn a_deposit_invoice_issued_within_thirty_days_before_or_after_answers_it() {
    let invoices = [invoice("N1", "2026-11-20", "2026-12-20")];
    let mut c = client(Some(Rating::C), 0);
    c.deposit_issued_on = Some(d("2026-10-21"));
    assert_eq!(needed(&c, &invoices), None);
    c.deposit_issued_on = Some(d("2026-11-21"));
    assert_eq!(needed(&c, &invoices), None);
    c.deposit_issued_on = Some(d("2026-10-20"));
    assert_eq!(needed(&c, &invoices), Some(vec![0]));
}
