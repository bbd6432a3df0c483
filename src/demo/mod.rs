//! A generated demo portfolio: clients in five countries, invoices, payments,
//! a journal of collection work and solvency notes. Pure and deterministic:
//! the same arguments always give the same portfolio; "today" is an argument.

mod activities;
mod clients;
mod history;
mod invoices;
mod journal;
mod names;
mod payments;
mod places;
mod rng;
mod status;
mod texts;
mod words;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::domain::activity::Activity;
use crate::domain::client::Client;
use crate::domain::invoice::Invoice;
use crate::domain::payment::Payment;
use crate::domain::solvency::SolvencyNote;

/// Everything a demo database holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    pub clients: Vec<Client>,
    pub invoices: Vec<Invoice>,
    pub payments: Vec<Payment>,
    /// In the order they were recorded (by `at`).
    pub activities: Vec<Activity>,
    pub solvency_notes: Vec<SolvencyNote>,
}

/// The clerks of the demo office; `current_user` is one of them, so that a
/// "mine" filter shows work.
pub const CLERKS: [&str; 4] = ["alice", "bruno", "ingrid", "sofia"];

fn clerk_list(current_user: &str) -> Vec<String> {
    let mut clerks: Vec<String> = CLERKS.iter().map(|c| c.to_string()).collect();
    let me = current_user.trim();
    if !me.is_empty() && !clerks.iter().any(|c| c == me) {
        clerks.push(me.to_string());
    }
    clerks
}

/// Generates a portfolio of exactly `invoices` invoices, with about one
/// client per 40 invoices (at least 30), as it stands on `today`.
pub fn generate(today: NaiveDate, invoices: usize, seed: u64, current_user: &str) -> Portfolio {
    let root = rng::Rng::new(seed);
    let t = rng::num(today);
    let clerks = clerk_list(current_user);
    let clients = clients::generate_clients(
        clients::client_count(invoices),
        t,
        &clerks,
        &mut root.fork(1),
    );
    let (invoices, mut plans, forced) =
        invoices::generate_invoices(invoices, t, &clients, &mut root.fork(2));
    status::decide_open(&mut plans, t, forced, &mut root.fork(3));
    let payments =
        payments::generate_payments(&invoices, &plans, &clients.plans, t, &mut root.fork(4));
    let activities = journal::generate_activities(
        t,
        &clients,
        &invoices,
        &plans,
        &payments,
        &clerks,
        &mut root.fork(5),
    );
    Portfolio {
        clients: clients.clients,
        invoices,
        payments: payments.payments,
        activities,
        solvency_notes: clients.notes,
    }
}
