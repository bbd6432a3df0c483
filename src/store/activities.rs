//! The journal of activities: append only.

use rusqlite::{Connection, params};

use super::error::Result;
use super::sql::{self, SqlDate};
use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::currency::Currency;

/// Appends an activity; `invoice_id` and `currency` belong to the invoice it
/// names, if any. Returns the new entry's id.
pub fn insert(
    conn: &Connection,
    client_id: i64,
    invoice_id: Option<i64>,
    currency: Option<Currency>,
    a: &Activity,
) -> Result<i64> {
    let plan = match &a.plan {
        Some(p) => Some(
            serde_json::to_string(p)
                .map_err(|e| super::StoreError::Invalid(format!("payment plan: {e}")))?,
        ),
        None => None,
    };
    let mut st = conn.prepare_cached(
        "INSERT INTO activities (at, on_date, user, kind, client_id, invoice_id, level, outcome, \
         amount, currency, date, next_action_on, reason, note, registered, refers_to, \
         assignee, reference, procedure, body, plan, payment_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
         ?17, ?18, ?19, ?20, ?21, ?22)",
    )?;
    st.execute(params![
        sql::instant(a.at),
        SqlDate::new(a.on),
        a.user,
        a.kind,
        client_id,
        invoice_id,
        a.level,
        a.outcome,
        a.amount,
        // The case's currency: with an amount, and always for the
        // entries that shape a case (an escalation, a plan, a write-off).
        if a.amount.is_some() || is_case_entry(a.kind) {
            currency
        } else {
            None
        },
        a.date.map(SqlDate::new),
        a.next_action_on.map(SqlDate::new),
        a.reason,
        a.note,
        a.registered,
        a.refers_to,
        a.assignee,
        a.reference,
        a.procedure,
        a.body,
        plan,
        a.payment_id,
    ])?;
    let id = conn.last_insert_rowid();
    if !a.covers.is_empty() {
        // The invoices a promise covers, each the client's own.
        let mut st = conn.prepare_cached(
            "INSERT INTO promise_invoices (activity_id, invoice_id) \
             SELECT ?1, id FROM invoices WHERE number = ?2 AND client_id = ?3",
        )?;
        for n in &a.covers {
            if st.execute(params![id, n, client_id])? != 1 {
                return Err(super::StoreError::Invalid(format!(
                    "invoice {n} is not one of {}'s",
                    a.client_code
                )));
            }
        }
    }
    Ok(id)
}

/// The kinds about a case as a whole, kept with its currency.
fn is_case_entry(kind: ActivityKind) -> bool {
    matches!(
        kind,
        ActivityKind::Escalation | ActivityKind::PaymentPlan | ActivityKind::WriteOff
    )
}

/// Reminder level of an invoice: reminders of level 1 or more logged for it.
pub fn reminder_level(conn: &Connection, invoice_id: i64) -> Result<u32> {
    let mut st = conn.prepare_cached(
        "SELECT count(*) FROM activities_in_force \
         WHERE invoice_id = ?1 AND kind = 'reminder' AND level >= 1",
    )?;
    Ok(st.query_row([invoice_id], |r| r.get(0))?)
}

/// Reminder level of an invoice counting only the reminders dated on or
/// before `on`.
pub fn reminder_level_on(conn: &Connection, invoice_id: i64, on: chrono::NaiveDate) -> Result<u32> {
    let mut st = conn.prepare_cached(
        "SELECT count(*) FROM activities_in_force \
         WHERE invoice_id = ?1 AND kind = 'reminder' AND level >= 1 AND on_date <= ?2",
    )?;
    Ok(
        st.query_row(rusqlite::params![invoice_id, SqlDate::new(on)], |r| {
            r.get(0)
        })?,
    )
}

/// When the invoice's open dispute was raised, if one is open (the latest of
/// its disputes and resolutions is a dispute).
pub fn open_dispute_since(conn: &Connection, invoice_id: i64) -> Result<Option<chrono::NaiveDate>> {
    use rusqlite::OptionalExtension;
    let mut st = conn.prepare_cached(
        "SELECT kind, on_date FROM activities_in_force \
         WHERE invoice_id = ?1 AND kind IN ('dispute', 'dispute_resolved') \
         ORDER BY on_date DESC, id DESC LIMIT 1",
    )?;
    let latest: Option<(String, chrono::NaiveDate)> = st
        .query_row([invoice_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(latest.and_then(|(kind, on)| (kind == "dispute").then_some(on)))
}

/// The kind of journal entry `id` and the invoice (row id) it is about,
/// if the entry exists.
pub fn kind_and_invoice(conn: &Connection, id: i64) -> Result<Option<(ActivityKind, Option<i64>)>> {
    use rusqlite::OptionalExtension;
    let mut st = conn.prepare_cached("SELECT kind, invoice_id FROM activities WHERE id = ?1")?;
    Ok(st
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The client a journal entry is about and whether it went by registered
/// mail, if the entry exists.
pub fn client_of(conn: &Connection, id: i64) -> Result<Option<(i64, bool)>> {
    use rusqlite::OptionalExtension;
    let mut st =
        conn.prepare_cached("SELECT client_id, registered FROM activities WHERE id = ?1")?;
    Ok(st
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM activities", [], |r| r.get(0))?)
}
