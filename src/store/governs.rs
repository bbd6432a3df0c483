//! Who set what governs a client now, and why: the journal entry behind a
//! snooze, a hold, a next action, a planned visit or a promise (the facts
//! themselves come from the queue's reading, [`super::queue::case_of`]).

use rusqlite::{Connection, OptionalExtension, named_params};

use super::error::Result;
use super::sql::SqlDate;
use crate::domain::governs::{Fact, Governs, Said};

/// `facts` of the client `code`, each with the latest entry in force that
/// set it, when one did (a hold set on the client's file has none).
pub fn said(conn: &Connection, code: &str, facts: Vec<Governs>) -> Result<Vec<Fact>> {
    facts
        .into_iter()
        .map(|what| {
            let said = match &what {
                Governs::Snoozed { until } => {
                    latest(conn, code, "a.kind = 'snooze' AND a.date = :d", *until)?
                }
                Governs::OnHold { until } => {
                    latest(conn, code, "a.kind = 'hold' AND a.date = :d", *until)?
                }
                Governs::NextAction { on } => latest(conn, code, "a.next_action_on = :d", *on)?,
                Governs::Visit { on, .. } => latest(
                    conn,
                    code,
                    "a.kind = 'visit' AND a.outcome = 'planned' AND a.date = :d",
                    *on,
                )?,
                Governs::Promise { by, .. } => {
                    latest(conn, code, "a.kind = 'promise' AND a.date = :d", *by)?
                }
                Governs::LastLetter { .. } => None,
            };
            Ok(Fact { what, said })
        })
        .collect()
}

/// The latest entry in force of the client that meets `condition` on the
/// date `d`.
fn latest(
    conn: &Connection,
    code: &str,
    condition: &str,
    d: chrono::NaiveDate,
) -> Result<Option<Said>> {
    let sql = format!(
        "SELECT a.user, a.note, a.amount FROM activities_in_force a \
         WHERE a.client_id = (SELECT id FROM clients WHERE code = :code) AND {condition} \
         ORDER BY a.on_date DESC, a.id DESC LIMIT 1"
    );
    let mut st = conn.prepare_cached(&sql)?;
    Ok(st
        .query_row(named_params! {":code": code, ":d": SqlDate::new(d)}, |r| {
            Ok(Said {
                by: r.get(0)?,
                note: r.get(1)?,
                amount: r.get(2)?,
            })
        })
        .optional()?)
}
