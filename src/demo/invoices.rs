//! Demo invoices: spread evenly over a window before today, numbered per
//! year, amounts by profile in the client's currency, some with a milestone,
//! a few deposit requests.

use chrono::Datelike;

use super::clients::{ClientPlan, Clients, DEPOSIT};
use super::rng::{Rng, day, log_interp, working_day};
use super::texts::{Milestones, deposit_text};
use crate::domain::client::Profile;
use crate::domain::invoice::Invoice;
use crate::domain::money::Money;

/// What the later phases need to know about an invoice, in day numbers.
#[derive(Clone, Copy, Debug)]
pub struct InvoicePlan {
    pub client: u32,
    pub issued: i32,
    pub due: i32,
    /// Still open as of today (decided by `status`).
    pub open: bool,
}

/// Days of history: about 15 months at demo scale, 3 years at a million invoices.
pub fn window_days(invoices: usize) -> i32 {
    log_interp(invoices, 1_000.0, 1_000_000.0, 456.0, 1_095.0).round() as i32
}

/// The invoice forced to be an unpaid, overdue deposit request: issued about
/// `terms + 25` days ago, so it is some three weeks overdue.
pub fn forced_deposit(invoices: usize, today_window: i32, terms: i32) -> Option<usize> {
    if invoices == 0 {
        return None;
    }
    let back = i64::from(terms + 25);
    let w = i64::from(today_window.max(1));
    let k = ((w - back).max(0) * invoices as i64 / w) as usize;
    Some(k.min(invoices - 1))
}

/// The invoices, their plans, and the index of the forced unpaid deposit.
pub fn generate_invoices(
    n: usize,
    today: i32,
    clients: &Clients,
    rng: &mut Rng,
) -> (Vec<Invoice>, Vec<InvoicePlan>, Option<usize>) {
    let window = window_days(n);
    let start = today - window;
    let tickets: Vec<u32> = clients
        .plans
        .iter()
        .enumerate()
        .flat_map(|(i, p)| std::iter::repeat_n(i as u32, p.weight as usize))
        .collect();
    let deposit_client = clients
        .plans
        .get(DEPOSIT)
        .map(|p| (DEPOSIT as u32, p.terms));
    let forced = deposit_client.and_then(|(_, terms)| forced_deposit(n, window, terms));
    let milestones = Milestones::new();
    let mut invoices = Vec::with_capacity(n);
    let mut plans = Vec::with_capacity(n);
    let (mut year, mut month, mut last_day) = (0, 0, i32::MIN);
    let mut seq = 0u32;
    for k in 0..n {
        let offset = (k as i64 * i64::from(window) / n as i64) as i32;
        let issued = working_day(start + offset);
        if issued != last_day {
            let d = day(issued);
            if d.year() != year {
                seq = 0;
            }
            (year, month, last_day) = (d.year(), d.month(), issued);
        }
        seq += 1;
        let client = match (forced == Some(k), deposit_client) {
            (true, Some((c, _))) => c,
            _ => tickets
                .get(rng.index(tickets.len()))
                .copied()
                .unwrap_or_default(),
        };
        let (Some(c), Some(p)) = (
            clients.clients.get(client as usize),
            clients.plans.get(client as usize),
        ) else {
            continue;
        };
        let mut minor = amount(p, rng);
        let is_deposit = forced == Some(k) || (c.deposit_pct > 0 && rng.chance(0.12));
        let milestone = if is_deposit {
            minor = (minor * i64::from(c.deposit_pct) / 100 / 100).max(1) * 100;
            Some(deposit_text(c.language, c.deposit_pct))
        } else {
            let p_milestone = match p.profile {
                Profile::Individual => 0.05,
                _ => 0.3,
            };
            if rng.chance(p_milestone) {
                milestones.pick(c.language, (month - 1) / 3 + 1, rng)
            } else {
                None
            }
        };
        let due = issued + p.terms;
        invoices.push(Invoice {
            number: invoice_number(year, seq),
            client_code: c.code.clone(),
            issued_on: day(issued),
            due_on: day(due),
            amount: Money::new(minor, c.currency),
            milestone,
            is_deposit,
        });
        plans.push(InvoicePlan {
            client,
            issued,
            due,
            open: false,
        });
    }
    (invoices, plans, forced)
}

/// Amount in minor units: individuals small, administrations large, in the
/// client's currency (NOK about ten times EUR).
fn amount(p: &ClientPlan, rng: &mut Rng) -> i64 {
    let eur = match p.profile {
        Profile::Individual => rng.log_uniform(60.0, 1_800.0),
        Profile::Business => rng.log_uniform(250.0, 30_000.0),
        Profile::Administration => rng.log_uniform(1_500.0, 150_000.0),
    };
    let units = (eur * p.country.price_factor()).round() as i64;
    let cents = if rng.chance(0.6) {
        rng.below(100) as i64
    } else {
        0
    };
    units.max(1) * 100 + cents
}

/// `F2026-000123`: the year of issue and a number within that year.
pub fn invoice_number(year: i32, seq: u32) -> String {
    let mut s = String::with_capacity(16);
    s.push('F');
    push_digits(&mut s, u64::from(year.unsigned_abs()), 4);
    s.push('-');
    push_digits(&mut s, u64::from(seq), 6);
    s
}

/// Appends `v` in decimal, zero-padded to `width`.
pub fn push_digits(s: &mut String, v: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut v = v;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let start = i.min(buf.len().saturating_sub(width));
    for &b in &buf[start..] {
        s.push(char::from(b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded() {
        assert_eq!(invoice_number(2026, 123), "F2026-000123");
        assert_eq!(invoice_number(2026, 1_234_567), "F2026-1234567");
        let mut s = String::new();
        push_digits(&mut s, 0, 3);
        assert_eq!(s, "000");
    }

    #[test]
    fn window_grows_with_scale() {
        assert_eq!(window_days(400), 456);
        assert_eq!(window_days(1_000_000), 1_095);
        assert!(window_days(100_000) > 456 && window_days(100_000) < 1_095);
    }
}
