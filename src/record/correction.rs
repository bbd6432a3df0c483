//! Correcting a mistake in the journal: a new entry of kind `correction`
//! that refers to the entry it undoes, with a reason, by the clerk, today.
//! The journal stays append-only; every reader of the journal's effects
//! reads the entries in force (`activities_in_force`), so the corrected
//! entry no longer counts for levels, deadlines, promises, the case, the
//! queue, the aging and the penalties. What the journal caches beside it
//! follows in the same transaction: a payment is reversed (the invoice's
//! paid total), a write-off given back (its written-off total, as a
//! negative write-off gives part of one back).
//!
//! A reversed payment is taken as never received: the late-payment
//! interest runs on the whole balance from the due date, as if it had
//! not been paid (a bounced cheque never paid the debt).

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::activity::{ACKNOWLEDGED, Activity, ActivityKind};
use crate::domain::correction::{Link, consequences, may_correct, write_off_left};
use crate::domain::money::Money;
use crate::store::corrections::{self, Entry};
use crate::store::{self, Store, StoreError};

/// What a clerk asks: undo entry `refers_to`, for `reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub refers_to: i64,
    pub reason: String,
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corrected {
    /// The correction's journal entry.
    pub id: i64,
    /// The entries undone with it (what followed from the corrected one:
    /// an acknowledgment of receipt, the write-offs of an upheld dispute),
    /// each with its own correction entry.
    pub also: Vec<i64>,
    /// One line for the clerk: what was corrected and what it undid.
    pub message: String,
}

/// Records `c` as `user`, in one `BEGIN IMMEDIATE` transaction; refused
/// with a one-line reason, nothing written, when the reason is empty, the
/// entry unknown, a correction itself or corrected already.
pub fn correct(
    store: &mut Store,
    c: &Correction,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Corrected, StoreError> {
    let reason = crate::domain::text::printable(c.reason.trim())
        .trim()
        .to_string();
    if reason.is_empty() {
        return Err(StoreError::Invalid(
            "reason: a correction says why (--reason)".into(),
        ));
    }
    store.write(|tx| {
        let links = corrections::links_around(tx, c.refers_to)?;
        may_correct(&links, c.refers_to).map_err(StoreError::Invalid)?;
        let Some(target) = corrections::entry(tx, c.refers_to)? else {
            return Err(StoreError::Invalid(format!(
                "refers-to: there is no journal entry {}",
                c.refers_to
            )));
        };
        let main = undo(tx, &links, &target, &reason, None, user, today, now)?;
        let mut also = Vec::new();
        for id in consequences(&links, target.id) {
            if let Some(e) = corrections::entry(tx, id)? {
                undo(tx, &links, &e, &reason, Some(target.id), user, today, now)?;
                also.push(id);
            }
        }
        let mut message = format!(
            "Corrected entry {}: {} — {}",
            target.id,
            describe(&target),
            main.1
        );
        if !also.is_empty() {
            let ids: Vec<String> = also.iter().map(i64::to_string).collect();
            message = format!("{message}; with it entries {}", ids.join(", "));
        }
        Ok(Corrected {
            id: main.0,
            also,
            message,
        })
    })
}

/// What correcting entry `id` would undo, in words (`payment of 500.00
/// EUR on 2026-11-02, F-1001`), for a form to show before the clerk gives
/// the reason; the one-line reason when it cannot be corrected. Reads
/// only.
pub fn preview(conn: &store::Snapshot, id: i64) -> Result<String, StoreError> {
    let links = corrections::links_around(conn, id)?;
    may_correct(&links, id).map_err(StoreError::Invalid)?;
    let e = corrections::entry(conn, id)?
        .ok_or_else(|| StoreError::Invalid(format!("refers-to: there is no journal entry {id}")))?;
    Ok(describe(&e))
}

/// Appends the correction of `e` and undoes what the journal caches of
/// it; returns the correction's id and words for what it undid.
#[allow(clippy::too_many_arguments)]
fn undo(
    tx: &store::Snapshot,
    links: &[Link],
    e: &Entry,
    reason: &str,
    follows: Option<i64>,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(i64, String), StoreError> {
    let mut a = Activity::new(ActivityKind::Correction, &e.client, now, today, user);
    a.refers_to = Some(e.id);
    a.invoice_number = e.invoice.clone();
    a.amount = e.amount;
    a.reason = Some(reason.to_string());
    a.note = match follows {
        None => format!("entry {}, {}: {reason}", e.id, describe(e)),
        Some(f) => format!(
            "entry {}, {}: follows from entry {f}, corrected: {reason}",
            e.id,
            describe(e)
        ),
    };
    let gives_back = match e.kind {
        ActivityKind::WriteOff if e.amount.is_some_and(|x| x > 0) => write_off_left(links, e.id),
        _ => 0,
    };
    if e.kind == ActivityKind::Payment {
        let Some(payment) = e.payment_id else {
            return Err(StoreError::Invalid(format!(
                "refers-to: payment entry {} has no payment row linked to it: correct it in the accounting system and import again",
                e.id
            )));
        };
        a.payment_id = Some(payment);
    }
    let id = store::activities::insert(tx, e.client_id, e.invoice_id, e.currency, &a)?;
    let cur = e.currency;
    let words = match (e.kind, e.payment_id, e.invoice_id) {
        (ActivityKind::Payment, Some(payment), _) => {
            let (_, amount) = store::payments::reverse(tx, payment)?;
            match cur {
                Some(cur) => format!("{} no longer paid", Money::new(amount, cur)),
                None => "payment reversed".to_string(),
            }
        }
        (ActivityKind::WriteOff, _, Some(invoice)) if gives_back > 0 => {
            // The same give-back as a negative write-off's.
            store::invoices::write_off(tx, invoice, -gives_back, today)?;
            match cur {
                Some(cur) => format!("{} owed again", Money::new(gives_back, cur)),
                None => "write-off given back".to_string(),
            }
        }
        _ => "no longer counts".to_string(),
    };
    Ok((id, words))
}

/// An entry in a few words: `payment of 500.00 EUR on 2026-11-02, F-1001`.
pub fn describe(e: &Entry) -> String {
    let what = match (e.kind, e.level, e.outcome.as_deref()) {
        (ActivityKind::Reminder, Some(0), _) => "courtesy reminder".to_string(),
        (ActivityKind::Reminder, Some(l), _) => format!("reminder {l}"),
        (ActivityKind::Letter, _, Some(ACKNOWLEDGED)) => "acknowledgment of receipt".to_string(),
        (k, _, _) => k.as_str().replace('_', " "),
    };
    let amount = match (e.amount, e.currency) {
        (Some(a), Some(c)) if e.kind != ActivityKind::CreditCheck => {
            format!(" of {}", Money::new(a, c))
        }
        _ => String::new(),
    };
    let invoice = e
        .invoice
        .as_deref()
        .map_or(String::new(), |n| format!(", {n}"));
    let client = if e.invoice.is_none() {
        format!(", {}", e.client)
    } else {
        String::new()
    };
    format!("{what}{amount} on {}{invoice}{client}", e.on)
}
