//! Demo payments: settled invoices paid in one or two payments, some
//! partial payments on open ones, never more than the amount and never
//! after today.

use super::clients::ClientPlan;
use super::invoices::{InvoicePlan, push_digits};
use super::places::Country;
use super::rng::{Rng, day, working_day};
use super::status::unpaid_curve;
use crate::domain::client::Profile;
use crate::domain::invoice::Invoice;
use crate::domain::payment::{Payment, PaymentMethod};

/// Payments in invoice order, and for invoice `i` the range
/// `starts[i]..starts[i + 1]` of its payments.
pub struct Payments {
    pub payments: Vec<Payment>,
    pub starts: Vec<u32>,
}

impl Payments {
    pub fn of(&self, i: usize) -> &[Payment] {
        let s = self.starts.get(i).copied().unwrap_or(0) as usize;
        let e = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.payments.get(s..e).unwrap_or_default()
    }
}

pub fn generate_payments(
    invoices: &[Invoice],
    plans: &[InvoicePlan],
    clients: &[ClientPlan],
    today: i32,
    rng: &mut Rng,
) -> Payments {
    let mut out = Payments {
        payments: Vec::with_capacity(invoices.len() + invoices.len() / 8),
        starts: Vec::with_capacity(invoices.len() + 1),
    };
    for (inv, p) in invoices.iter().zip(plans) {
        out.starts.push(out.payments.len() as u32);
        let Some(c) = clients.get(p.client as usize) else {
            continue;
        };
        let total = inv.amount.minor;
        let age = today - p.due;
        if p.open {
            let partial_p = if age > 0 { 0.15 } else { 0.03 };
            if total >= 200 && rng.chance(partial_p) {
                let on = rng.range(p.issued.max(p.due - 10).min(today), today);
                let part = portion(total, 0.2, 0.6, rng);
                out.payments.push(payment(inv, c, on, part, rng));
            }
            continue;
        }
        let paid_on = settle_day(p, c.profile, today, rng);
        let instalments = match c.profile {
            Profile::Individual => 0.2,
            _ => 0.12,
        };
        if total >= 200 && rng.chance(instalments) {
            let first = rng.range(p.issued, paid_on);
            let part = portion(total, 0.3, 0.7, rng);
            out.payments.push(payment(inv, c, first, part, rng));
            out.payments
                .push(payment(inv, c, paid_on, total - part, rng));
        } else {
            out.payments.push(payment(inv, c, paid_on, total, rng));
        }
    }
    out.starts.push(out.payments.len() as u32);
    out
}

/// Day the last payment came in, between the issue date and today: some pay
/// early, the rest late along the same curve that keeps invoices open.
fn settle_day(p: &InvoicePlan, profile: Profile, today: i32, rng: &mut Rng) -> i32 {
    let age = today - p.due;
    let early = match profile {
        Profile::Administration => 0.05,
        Profile::Business => 0.25,
        Profile::Individual => 0.35,
    };
    if age <= 0 || rng.chance(early) {
        return rng.range(p.issued, p.due.min(today));
    }
    let floor = unpaid_curve(age);
    let v = floor + rng.unit() * (1.0 - floor);
    let slow = match profile {
        Profile::Administration => 1.5,
        Profile::Business => 1.0,
        Profile::Individual => 0.8,
    };
    let late = (20.0 * (v.max(1e-9).powf(-2.0 / 3.0) - 1.0) * slow).round() as i32;
    (p.due + late.clamp(0, age)).clamp(p.issued, today)
}

/// A share of `total` in whole currency units, strictly between 0 and `total`.
fn portion(total: i64, lo: f64, hi: f64, rng: &mut Rng) -> i64 {
    let share = lo + rng.unit() * (hi - lo);
    let units = ((total as f64 * share) / 100.0).round() as i64 * 100;
    units.clamp(1, total - 1)
}

fn payment(inv: &Invoice, c: &ClientPlan, on: i32, amount: i64, rng: &mut Rng) -> Payment {
    use PaymentMethod::*;
    let method = match (c.profile, c.country) {
        (Profile::Administration, _) => Transfer,
        (Profile::Business, Country::Fr) => {
            rng.weighted([(Transfer, 70), (Cheque, 15), (DirectDebit, 10), (Card, 5)])
        }
        (Profile::Business, Country::Gb) => {
            rng.weighted([(Transfer, 80), (DirectDebit, 12), (Card, 5), (Cheque, 3)])
        }
        (Profile::Business, _) => rng.weighted([(Transfer, 80), (DirectDebit, 15), (Card, 5)]),
        (Profile::Individual, Country::Fr | Country::Gb) => rng.weighted([
            (Card, 40),
            (Transfer, 28),
            (DirectDebit, 15),
            (Cheque, 10),
            (Cash, 5),
            (Other, 2),
        ]),
        (Profile::Individual, _) => rng.weighted([
            (Card, 45),
            (Transfer, 30),
            (DirectDebit, 18),
            (Cash, 5),
            (Other, 2),
        ]),
    };
    Payment {
        invoice_number: inv.number.clone(),
        received_on: day(working_day(on)),
        amount,
        method,
        reference: reference(method, c.country, &inv.number, rng),
    }
}

/// What the bank statement shows: a KID number in Norway, BACS in the UK,
/// SEPA elsewhere; the last digits of a card; a cheque number.
fn reference(m: PaymentMethod, country: Country, number: &str, rng: &mut Rng) -> Option<String> {
    let mut s = String::with_capacity(24);
    match (m, country) {
        (PaymentMethod::Transfer | PaymentMethod::DirectDebit, Country::No) => {
            s.push_str(if m == PaymentMethod::Transfer {
                "KID "
            } else {
                "AvtaleGiro KID "
            });
            s.extend(number.chars().filter(char::is_ascii_digit));
        }
        (PaymentMethod::Transfer, Country::Gb) => {
            s.push_str("BACS ");
            s.push_str(number);
        }
        (PaymentMethod::Transfer, _) => {
            s.push_str("SEPA CT ");
            s.push_str(number);
        }
        (PaymentMethod::DirectDebit, Country::Gb) => {
            s.push_str("DD ");
            s.push_str(number);
        }
        (PaymentMethod::DirectDebit, _) => {
            s.push_str("SEPA DD ");
            s.push_str(number);
        }
        (PaymentMethod::Card, _) => {
            s.push_str("CARD ****");
            push_digits(&mut s, rng.below(10_000), 4);
        }
        (PaymentMethod::Cheque, _) => {
            s.push_str("CHQ ");
            push_digits(&mut s, rng.below(10_000_000), 7);
        }
        (PaymentMethod::Cash | PaymentMethod::Other, _) => return None,
    }
    Some(s)
}
