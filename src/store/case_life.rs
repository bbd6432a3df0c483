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
use crate::domain::case_life::{Instalment, LifeEntry, Plan};

/// The kinds read here, as the partial index `activities_case_life` lists them.
const KINDS: &str =
    "a.kind IN ('dispute', 'dispute_resolved', 'escalation', 'payment_plan', 'write_off')";

/// Every such entry on or before `as_of`, per client id, oldest first.
pub fn entries(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<LifeEntry>>> {
    let sql = format!(
        "SELECT a.id, a.client_id, a.kind, a.on_date, i.number, coalesce(i.currency, a.currency), \
                a.date, a.outcome, a.reason, a.assignee, a.amount \
         FROM activities a LEFT JOIN invoices i ON i.id = a.invoice_id \
         WHERE {KINDS} AND a.on_date <= :as_of ORDER BY a.on_date, a.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(named_params! {":as_of": as_of})?;
    let mut out: HashMap<i64, Vec<LifeEntry>> = HashMap::new();
    let mut plans: HashMap<i64, (i64, usize)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(2)?;
        let kind = ActivityKind::parse(&kind);
        let client: i64 = r.get(1)?;
        let e = LifeEntry {
            id: r.get(0)?,
            kind,
            on: r.get::<_, Day>(3)?.0,
            invoice: r.get(4)?,
            currency: r.get(5)?,
            date: day(r, 6)?,
            outcome: r.get(7)?,
            reason: r.get(8)?,
            assignee: r.get(9)?,
            amount: r.get(10)?,
            plan: None,
        };
        let list = out.entry(client).or_default();
        if kind == Some(ActivityKind::PaymentPlan) {
            plans.insert(e.id, (client, list.len()));
        }
        list.push(e);
    }
    if plans.is_empty() {
        return Ok(out);
    }
    let mut st = conn.prepare_cached(
        "SELECT p.activity_id, i.number FROM plan_invoices p JOIN invoices i ON i.id = p.invoice_id \
         ORDER BY p.activity_id, i.due_on, i.number",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(p) = plan_of(&mut out, &plans, r.get(0)?) {
            p.invoices.push(r.get(1)?);
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT activity_id, due_on, amount FROM plan_instalments ORDER BY activity_id, due_on",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(p) = plan_of(&mut out, &plans, r.get(0)?) {
            p.instalments.push(Instalment {
                on: r.get::<_, Day>(1)?.0,
                amount: r.get(2)?,
            });
        }
    }
    Ok(out)
}

/// The plan of the payment plan entry `id`, made on first use.
fn plan_of<'a>(
    out: &'a mut HashMap<i64, Vec<LifeEntry>>,
    plans: &HashMap<i64, (i64, usize)>,
    id: i64,
) -> Option<&'a mut Plan> {
    let &(client, k) = plans.get(&id)?;
    let e = out.get_mut(&client)?.get_mut(k)?;
    let on = e.on;
    Some(e.plan.get_or_insert_with(|| Plan {
        on,
        ..Plan::default()
    }))
}

/// Records the invoices and instalments of the payment plan entry `id`.
pub fn insert_plan(
    conn: &Connection,
    id: i64,
    invoice_ids: &[i64],
    instalments: &[Instalment],
) -> Result<()> {
    let mut st =
        conn.prepare_cached("INSERT INTO plan_invoices (activity_id, invoice_id) VALUES (?1, ?2)")?;
    for i in invoice_ids {
        st.execute(rusqlite::params![id, i])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO plan_instalments (activity_id, due_on, amount) VALUES (?1, ?2, ?3)",
    )?;
    for i in instalments {
        st.execute(rusqlite::params![
            id,
            super::sql::SqlDate::new(i.on),
            i.amount
        ])?;
    }
    Ok(())
}
