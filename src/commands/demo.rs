//! `dun demo`: fills an empty database with the generated demo portfolio.

use std::collections::HashMap;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::demo::Portfolio;
use crate::store::{self, Store, StoreError};

/// Counts of what was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub clients: usize,
    pub invoices: usize,
    pub payments: usize,
    pub activities: usize,
    pub solvency_notes: usize,
}

/// Generates `invoices` invoices relative to `today` and writes them in one transaction.
pub fn fill(
    store: &mut Store,
    today: NaiveDate,
    invoices: usize,
    user: &str,
) -> anyhow::Result<DemoSummary> {
    let existing = store.read(|tx| store::invoices::count(tx))?;
    if existing > 0 {
        bail!(
            "{} already holds {existing} invoices; the demo fills an empty database only (give --db with a new file)",
            store.path().display()
        );
    }
    let portfolio = crate::demo::generate(today, invoices, 1, user);
    write(store, &portfolio).context("writing the demo portfolio")
}

/// Writes a portfolio in one `BEGIN IMMEDIATE` transaction, as a bulk load
/// (the demo fills an empty database).
pub fn write(store: &mut Store, p: &Portfolio) -> Result<DemoSummary, StoreError> {
    store.write_alone(|tx| {
        let mut clients = HashMap::with_capacity(p.clients.len());
        for c in &p.clients {
            clients.insert(c.code.as_str(), store::clients::insert(tx, c)?);
        }
        let client_id = |code: &str| {
            clients
                .get(code)
                .copied()
                .ok_or_else(|| StoreError::Invalid(format!("demo: unknown client {code}")))
        };
        // Payments come grouped by invoice, in invoice order: each invoice
        // takes the run of payments that names it.
        let mut rest = p.payments.as_slice();
        let mut invoices = HashMap::with_capacity(p.invoices.len());
        for inv in &p.invoices {
            let n = rest
                .iter()
                .take_while(|pay| pay.invoice_number == inv.number)
                .count();
            let (payments, after) = rest.split_at(n);
            rest = after;
            let id = store::invoices::insert_paid(
                tx,
                client_id(&inv.client_code)?,
                inv,
                payments,
                "demo",
            )?
            .ok_or_else(|| StoreError::Invalid(format!("demo: invoice {} twice", inv.number)))?;
            invoices.insert(inv.number.as_str(), (id, inv.amount.currency));
        }
        if let Some(pay) = rest.first() {
            return Err(StoreError::Invalid(format!(
                "demo: payment for invoice {} out of order or unknown",
                pay.invoice_number
            )));
        }
        let invoice = |number: &str| {
            invoices
                .get(number)
                .copied()
                .ok_or_else(|| StoreError::Invalid(format!("demo: unknown invoice {number}")))
        };
        // The latest registered letter of each invoice, which a receipt
        // coming back refers to.
        let mut registered: HashMap<i64, i64> = HashMap::new();
        for a in &p.activities {
            let (invoice_id, currency) = match &a.invoice_number {
                Some(n) => {
                    let (id, c) = invoice(n)?;
                    (Some(id), Some(c))
                }
                None => (None, None),
            };
            let receipt = a.outcome.as_deref() == Some(crate::domain::activity::ACKNOWLEDGED);
            let letter = invoice_id.and_then(|i| registered.get(&i).copied());
            let id = if receipt && a.refers_to.is_none() {
                let Some(letter) = letter else {
                    continue;
                };
                let mut a = a.clone();
                a.refers_to = Some(letter);
                store::activities::insert(tx, client_id(&a.client_code)?, invoice_id, currency, &a)?
            } else {
                store::activities::insert(tx, client_id(&a.client_code)?, invoice_id, currency, a)?
            };
            if let (true, Some(i)) = (a.registered, invoice_id) {
                registered.insert(i, id);
            }
        }
        for n in &p.solvency_notes {
            store::solvency::insert(tx, client_id(&n.client_code)?, n)?;
        }
        Ok(DemoSummary {
            clients: p.clients.len(),
            invoices: p.invoices.len(),
            payments: p.payments.len(),
            activities: p.activities.len(),
            solvency_notes: p.solvency_notes.len(),
        })
    })
}
