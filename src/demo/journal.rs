//! Writes the whole demo journal: activities on every open invoice, a sample
//! of history on paid ones, and client-level entries (credit checks, hold,
//! pilots, statements, notes), in the order they were recorded.

use super::activities::{self, Inv, Journal, MANDATORY};
use super::clients::{Clients, HOLD, PILOT_LATER, PILOT_SOON};
use super::history;
use super::invoices::InvoicePlan;
use super::payments::Payments;
use super::rng::{Rng, day, log_interp, num};
use super::texts::CLIENT_NOTES;
use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::client::Profile;
use crate::domain::invoice::Invoice;

/// Share of paid invoices whose past dunning is written out: rich timelines
/// at demo scale, a moderate journal at a million invoices.
pub fn history_share(invoices: usize) -> f64 {
    log_interp(invoices, 1_000.0, 1_000_000.0, 0.6, 0.12)
}

pub fn generate_activities(
    today: i32,
    clients: &Clients,
    invoices: &[Invoice],
    plans: &[InvoicePlan],
    payments: &Payments,
    clerks: &[String],
    rng: &mut Rng,
) -> Vec<Activity> {
    let mut j = Journal {
        today,
        clerks,
        out: Vec::with_capacity(invoices.len() / 2 + clients.clients.len() * 2),
    };
    let sample = history_share(invoices.len());
    let hold_start = today - 7;
    let mut pending = MANDATORY.to_vec();
    let mut open_per_client = vec![0u32; clients.clients.len()];
    // Newest first, so the mandatory cases land on recent debts.
    for (i, (inv, p)) in invoices.iter().zip(plans).enumerate().rev() {
        let (Some(c), Some(cp)) = (
            clients.clients.get(p.client as usize),
            clients.plans.get(p.client as usize),
        ) else {
            continue;
        };
        let x = Inv {
            number: &inv.number,
            code: &c.code,
            clerk: cp.clerk,
            profile: cp.profile,
            issued: p.issued,
            due: p.due,
            amount: inv.amount.minor,
            payments: payments.of(i),
        };
        if !p.open {
            if rng.chance(sample) {
                history::paid(&mut j, &x, rng);
            }
            continue;
        }
        if let Some(n) = open_per_client.get_mut(p.client as usize) {
            *n += 1;
        }
        if p.due >= today {
            history::not_due(&mut j, &x, rng);
            continue;
        }
        let on_hold = p.client as usize == HOLD;
        let (s, cap) = if on_hold {
            (activities::Scenario::Ladder, hold_start)
        } else {
            let s = activities::choose(&mut pending, today - p.due, cp.profile, rng);
            (s, today + 1)
        };
        activities::overdue(&mut j, &x, s, cap, rng);
    }
    client_level(&mut j, clients, &open_per_client, rng);
    j.out.sort_by_key(|a| a.at);
    j.out
}

/// Entries about the client rather than one invoice.
fn client_level(j: &mut Journal, clients: &Clients, open: &[u32], rng: &mut Rng) {
    let today = j.today;
    for n in &clients.notes {
        let on = num(n.on);
        let clerk = j.clerks.iter().position(|c| *c == n.author).unwrap_or(0);
        let mut a = j.make(ActivityKind::CreditCheck, &n.client_code, clerk, on, rng);
        a.user = n.author.clone();
        a.reason = Some(n.source.as_str().to_string());
        a.note = n.text.clone();
        j.out.push(a);
    }
    for (i, (c, p)) in clients.clients.iter().zip(&clients.plans).enumerate() {
        let note = |j: &Journal, on: i32, text: &str, rng: &mut Rng| {
            let mut a = j.make(ActivityKind::Note, &c.code, p.clerk, on, rng);
            a.note = text.to_string();
            a
        };
        if i == HOLD
            && let Some(until) = c.hold_until
        {
            let mut a = j.make(ActivityKind::Hold, &c.code, p.clerk, today - 7, rng);
            a.date = Some(until);
            a.next_action_on = Some(until);
            a.note =
                "Owner in hospital; agreed to hold all dunning until further notice".to_string();
            j.out.push(a);
        }
        if let Some(end) = c.pilot_ends_on.map(num) {
            let start = end - 90;
            if start <= today {
                let a = note(
                    j,
                    start,
                    "Free pilot started, 90 days; invoicing after",
                    rng,
                );
                j.out.push(a);
            }
            if i == PILOT_SOON || i == PILOT_LATER {
                let mut a = note(j, today - 3, "Asked about converting to a paid plan", rng);
                a.next_action_on = Some(day(end - 7));
                j.out.push(a);
            }
        }
        let open_here = open.get(i).copied().unwrap_or(0);
        if open_here >= 2 && p.profile != Profile::Individual && rng.chance(0.3) {
            let mut a = j.make(
                ActivityKind::Statement,
                &c.code,
                p.clerk,
                today - rng.range(1, 25),
                rng,
            );
            a.note = "Account statement sent by email".to_string();
            j.out.push(a);
        }
        if rng.chance(0.08) {
            let mut a = note(j, today - rng.range(0, 200), rng.pick(CLIENT_NOTES), rng);
            if rng.chance(0.5) {
                a.next_action_on = Some(day(num(a.on) + rng.range(1, 14)));
            }
            j.out.push(a);
        }
    }
}
