//! The journal entries that shape a case's life besides its letters
//! (disputes and their resolution, escalations, payment plans with their
//! invoices and instalments, write-offs), read as of a date for the
//! domain's rules to read them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::error::Result;
use super::sql::{Day, day};
use crate::domain::activity::ActivityKind;
use crate::domain::case_life::{LifeEntry, Plan};

/// The kinds read here, as the partial index `activities_case_life` lists them.
const KINDS: &str =
    "a.kind IN ('dispute', 'dispute_resolved', 'escalation', 'payment_plan', 'write_off')";

/// Every such entry on or before `as_of`, per client id (in no order: the
/// rules read them by day and id), read from the covering index alone: an
/// entry names its invoice by row id (`invoice_id`), not by number.
pub fn entries(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<LifeEntry>>> {
    entries_where(conn, as_of, None)
}

/// The entries of the client with row id `client_id`.
pub fn client_entries(
    conn: &Connection,
    client_id: i64,
    as_of: NaiveDate,
) -> Result<Vec<LifeEntry>> {
    Ok(entries_where(conn, as_of, Some(client_id))?
        .remove(&client_id)
        .unwrap_or_default())
}

fn entries_where(
    conn: &Connection,
    as_of: NaiveDate,
    client: Option<i64>,
) -> Result<HashMap<i64, Vec<LifeEntry>>> {
    let sql = format!(
        "SELECT a.id, a.client_id, a.kind, a.on_date, a.invoice_id, a.currency, \
                a.date, a.outcome, a.reason, a.assignee, a.amount, a.plan \
         FROM activities_in_force a \
         WHERE {KINDS} AND a.on_date <= :as_of AND (:client IS NULL OR a.client_id = :client)"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(named_params! {":as_of": as_of, ":client": client})?;
    let mut out: HashMap<i64, Vec<LifeEntry>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(2)?;
        let kind = ActivityKind::parse(&kind);
        let client: i64 = r.get(1)?;
        let on = r.get::<_, Day>(3)?.0;
        let plan = match r.get::<_, Option<String>>(11)? {
            Some(text) => Some(Plan {
                on,
                ..serde_json::from_str(&text).map_err(|e| {
                    super::StoreError::Invalid(format!("a payment plan in the journal: {e}"))
                })?
            }),
            None => None,
        };
        let e = LifeEntry {
            id: r.get(0)?,
            kind,
            on,
            // The number is the caller's to fill from the invoices it read.
            invoice: None,
            invoice_id: r.get(4)?,
            currency: r.get(5)?,
            date: day(r, 6)?,
            outcome: r.get(7)?,
            reason: r.get(8)?,
            assignee: r.get(9)?,
            amount: r.get(10)?,
            plan,
        };
        out.entry(client).or_default().push(e);
    }
    Ok(out)
}

/// The case of the client with row id `client_id` in `currency` on
/// `as_of`: its open invoices overdue then, not deposits nor disputed,
/// oldest due first, as (row id, number, outstanding).
pub fn case_invoices(
    conn: &Connection,
    client_id: i64,
    currency: crate::domain::currency::Currency,
    as_of: NaiveDate,
) -> Result<Vec<(i64, String, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT id, number, amount - paid - written_off FROM invoices \
         WHERE client_id = ?1 AND currency = ?2 AND settled_on IS NULL AND is_deposit = 0 \
           AND due_on < ?3 AND disputed = 0 \
         ORDER BY due_on, number",
    )?;
    let as_of = super::sql::SqlDate::new(as_of);
    let rows = st.query_map(rusqlite::params![client_id, currency, as_of], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
