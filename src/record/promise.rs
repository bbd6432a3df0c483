//! What a promise to pay covers, checked before it is written: one
//! invoice, a few of the client's open invoices, or (none named) the whole
//! overdue account; never a disputed invoice alone, never more than the
//! invoices named owe.

use chrono::NaiveDate;

use super::submission::{Submission, Target};
use crate::domain::money::Money;
use crate::store::{self, StoreError};

/// `target` and `s` with a promise naming one invoice made a promise about
/// that invoice (as one logged on its line is), and the numbers named
/// once each, in the order given.
pub fn one_invoice_is_the_invoice(target: &Target, s: &Submission) -> (Target, Submission) {
    let mut t = target.clone();
    let mut s = s.clone();
    let mut seen = Vec::new();
    for n in &s.covers {
        if !seen.contains(n) {
            seen.push(n.clone());
        }
    }
    s.covers = seen;
    if s.covers.len() == 1 && t.invoice.is_none() {
        t.invoice = s.covers.pop();
    }
    (t, s)
}

/// Refuses a promise that would cover only disputed invoices, names an
/// invoice that is not the client's own and open in the currency, or
/// promises more than the invoices it names owe. `client_id` is the
/// client's row; `on` the day the promise is made.
pub fn check_covers(
    tx: &store::Snapshot,
    s: &Submission,
    client_id: i64,
    target: &Target,
    on: NaiveDate,
) -> Result<(), StoreError> {
    let cur = target.currency;
    let mut disputed = Vec::new();
    let mut others = 0usize;
    if !s.covers.is_empty() {
        let mut owed = 0i64;
        for n in &s.covers {
            let inv = super::named::named_invoice(tx, "invoices", n, target, cur, "the promise")?;
            owed += inv.outstanding();
            if store::activities::open_dispute_since(tx, inv.id)?.is_some() {
                disputed.push(n.clone());
            } else {
                others += 1;
            }
        }
        if let Some(a) = s.amount
            && a > owed
        {
            return Err(StoreError::Invalid(format!(
                "amount: {} is more than the {} invoices {} owe",
                Money::new(a, cur),
                Money::new(owed, cur),
                s.covers.join(", ")
            )));
        }
    } else if let Some(n) = &target.invoice {
        if let Some(inv) = store::invoices::find(tx, n)?
            && store::activities::open_dispute_since(tx, inv.id)?.is_some()
        {
            disputed.push(n.clone());
        }
    } else {
        let (d, o) = store::promises::overdue_disputed(tx, client_id, cur, on)?;
        disputed = d;
        others = o;
    }
    if !disputed.is_empty() && others == 0 {
        let (what, verb) = if disputed.len() == 1 {
            (format!("invoice {}", disputed[0]), "is")
        } else {
            (format!("invoices {}", disputed.join(", ")), "are")
        };
        return Err(StoreError::Invalid(format!(
            "{what} {verb} disputed: a promise covers a disputed invoice only with others (resolve the dispute, or name the undisputed invoices)"
        )));
    }
    Ok(())
}
