//! Recording a checked form: one `BEGIN IMMEDIATE` transaction that appends
//! the activity (and the payment or solvency note it carries).

use chrono::{DateTime, NaiveDate, Utc};

use super::form::{Submission, Target};
use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::payment::Payment;
use crate::domain::solvency::SolvencyNote;
use crate::store::{self, Store, StoreError};

/// Writes `s` about `target` as `user`; returns the message line's words.
pub fn save(
    store: &mut Store,
    target: &Target,
    s: &Submission,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    store.write(|tx| {
        let (client_id, _) = store::clients::find(tx, &target.client)?
            .ok_or_else(|| StoreError::Invalid(format!("client {} is gone", target.client)))?;
        let invoice = match &target.invoice {
            Some(n) => Some(
                store::invoices::find(tx, n)?
                    .ok_or_else(|| StoreError::Invalid(format!("invoice {n} is gone")))?,
            ),
            None => None,
        };
        let mut a = Activity::new(s.kind, &target.client, now, today, user);
        a.invoice_number = target.invoice.clone();
        a.outcome = s.outcome.clone();
        a.level = s.level;
        a.amount = s.amount;
        a.date = s.date;
        a.next_action_on = s.next_action_on;
        a.reason = s.reason.clone();
        a.note = s.note.clone();
        if let (Some((method, reference)), Some(inv)) = (&s.payment, &invoice) {
            let payment = Payment {
                invoice_number: inv.invoice.number.clone(),
                received_on: s.date.unwrap_or(today),
                amount: s.amount.unwrap_or(0),
                method: *method,
                reference: reference.clone(),
            };
            store::payments::insert(tx, inv.id, &payment, target.currency, None, user)?;
            a.on = payment.received_on;
        }
        if let Some((source, rating, limit)) = s.solvency {
            let n = SolvencyNote {
                client_code: target.client.clone(),
                on: today,
                source,
                rating,
                recommended_limit: limit,
                text: s.note.clone(),
                author: user.to_string(),
            };
            store::solvency::insert(tx, client_id, &n)?;
            a.reason = Some(source.as_str().to_string());
            a.outcome = Some(rating.as_str().to_string());
            a.amount = limit;
        }
        store::activities::insert(
            tx,
            client_id,
            invoice.as_ref().map(|i| i.id),
            Some(target.currency),
            &a,
        )?;
        Ok(summary(target, s))
    })
}

fn summary(target: &Target, s: &Submission) -> String {
    let what = match s.kind {
        ActivityKind::Call => format!("Call logged ({})", s.outcome.as_deref().unwrap_or("")),
        ActivityKind::Promise => format!(
            "Promise logged for {}",
            s.date.map_or(String::new(), |d| d.to_string())
        ),
        ActivityKind::Payment => "Payment recorded".to_string(),
        ActivityKind::CreditCheck => "Solvency note added".to_string(),
        other => format!("{} logged", capitalised(other.as_str())),
    };
    format!(
        "{what}: {} {}",
        target.client,
        target.invoice.as_deref().unwrap_or("")
    )
    .trim_end()
    .to_string()
}

fn capitalised(s: &str) -> String {
    let spaced = s.replace('_', " ");
    let mut c = spaced.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
