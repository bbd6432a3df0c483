//! Reading what a correction needs: the entry it undoes, the entries that
//! follow from it, and which entries still count. The rule is the view
//! `activities_in_force` (migration 010), which every reader of the
//! journal's effects reads; `domain::correction` is the same rule on
//! entries, and a property test compares the two.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::error::Result;
use crate::domain::activity::ActivityKind;
use crate::domain::correction::Link;
use crate::domain::currency::Currency;

/// A journal entry as a correction sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub kind: ActivityKind,
    pub client_id: i64,
    pub client: String,
    pub invoice_id: Option<i64>,
    pub invoice: Option<String>,
    pub on: NaiveDate,
    pub level: Option<u8>,
    pub outcome: Option<String>,
    pub amount: Option<i64>,
    pub currency: Option<Currency>,
    pub date: Option<NaiveDate>,
    /// A payment's row among the payments.
    pub payment_id: Option<i64>,
}

/// The entry `id`, if there is one.
pub fn entry(conn: &Connection, id: i64) -> Result<Option<Entry>> {
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.kind, a.client_id, c.code, a.invoice_id, i.number, a.on_date, a.level, \
                a.outcome, a.amount, coalesce(a.currency, i.currency), a.date, a.payment_id \
         FROM activities a JOIN clients c ON c.id = a.client_id \
         LEFT JOIN invoices i ON i.id = a.invoice_id WHERE a.id = ?1",
    )?;
    Ok(st
        .query_row([id], |r| {
            let kind: String = r.get(1)?;
            Ok(Entry {
                id: r.get(0)?,
                kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Note),
                client_id: r.get(2)?,
                client: r.get(3)?,
                invoice_id: r.get(4)?,
                invoice: r.get(5)?,
                on: r.get(6)?,
                level: r.get(7)?,
                outcome: r.get(8)?,
                amount: r.get(9)?,
                currency: r.get(10)?,
                date: r.get(11)?,
                payment_id: r.get(12)?,
            })
        })
        .optional()?)
}

/// Entry `id` and every entry that refers to it, at any depth (the
/// corrections of any of them included): all the rules of
/// `domain::correction` need to decide about it.
pub fn links_around(conn: &Connection, id: i64) -> Result<Vec<Link>> {
    let mut st = conn.prepare_cached(
        "WITH RECURSIVE tree(id) AS (SELECT ?1 \
             UNION SELECT a.id FROM activities a JOIN tree ON a.refers_to = tree.id) \
         SELECT a.id, a.kind, a.refers_to, a.amount FROM activities a JOIN tree ON a.id = tree.id \
         ORDER BY a.id",
    )?;
    let rows = st.query_map([id], link)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn link(r: &rusqlite::Row<'_>) -> rusqlite::Result<Link> {
    let kind: String = r.get(1)?;
    Ok(Link {
        id: r.get(0)?,
        kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Note),
        refers_to: r.get(2)?,
        amount: r.get(3)?,
    })
}

/// Every entry of the journal as the rules see it (for tests and checks;
/// the readers use the view).
pub fn links(conn: &Connection) -> Result<Vec<Link>> {
    let mut st = conn.prepare("SELECT id, kind, refers_to, amount FROM activities ORDER BY id")?;
    let rows = st.query_map([], link)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The ids of the entries that count, as the view `activities_in_force`
/// gives them.
pub fn in_force(conn: &Connection) -> Result<BTreeSet<i64>> {
    let mut st = conn.prepare("SELECT id FROM activities_in_force")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<BTreeSet<i64>>>()?)
}

/// The correction that undid entry `id`, if one did.
pub fn corrected_by(conn: &Connection, id: i64) -> Result<Option<i64>> {
    let mut st = conn.prepare_cached(
        "SELECT min(id) FROM activities WHERE kind = 'correction' AND refers_to = ?1",
    )?;
    Ok(st.query_row([id], |r| r.get(0))?)
}
