//! Who set what governs a client now, and why: the journal entry behind a
//! snooze, a hold, a next action, a planned visit or a promise (the facts
//! themselves come from the queue's reading, [`super::queue::case_of`]).

use rusqlite::{Connection, OptionalExtension, named_params};

use super::error::Result;
use super::sql::SqlDate;
use crate::domain::governs::{Fact, Governs, Said};

/// `facts` of the client `code` on `as_of`, each with the latest entry in
/// force by then that set it, when one did (a hold set on the client's
/// file has none).
pub fn said(
    conn: &Connection,
    code: &str,
    as_of: chrono::NaiveDate,
    facts: Vec<Governs>,
) -> Result<Vec<Fact>> {
    let on = |condition: &str, d, currency: Option<&str>| {
        latest(conn, code, as_of, condition, d, currency)
    };
    facts
        .into_iter()
        .map(|what| {
            let said = match &what {
                Governs::Snoozed { until } => {
                    on("a.kind = 'snooze' AND a.date = :d", *until, None)?
                }
                Governs::OnHold { until } => on("a.kind = 'hold' AND a.date = :d", *until, None)?,
                Governs::NextAction { on: d } => on("a.next_action_on = :d", *d, None)?,
                Governs::Visit { on: d, .. } => on(
                    "a.kind = 'visit' AND a.outcome = 'planned' AND a.date = :d",
                    *d,
                    None,
                )?,
                // Of its currency (an old promise may have none).
                Governs::Promise { by, currency, .. } => on(
                    "a.kind = 'promise' AND a.date = :d \
                     AND (a.currency IS NULL OR a.currency = :currency)",
                    *by,
                    Some(currency.code()),
                )?,
                Governs::LastLetter { .. } => None,
            };
            Ok(Fact { what, said })
        })
        .collect()
}

/// The latest entry in force on `as_of` of the client that meets
/// `condition` on the date `d` (and the currency, when the condition names
/// `:currency`).
fn latest(
    conn: &Connection,
    code: &str,
    as_of: chrono::NaiveDate,
    condition: &str,
    d: chrono::NaiveDate,
    currency: Option<&str>,
) -> Result<Option<Said>> {
    let sql = format!(
        "SELECT a.user, a.note, a.amount FROM activities_in_force a \
         WHERE a.client_id = (SELECT id FROM clients WHERE code = :code) \
         AND a.on_date <= :as_of AND {condition} \
         ORDER BY a.on_date DESC, a.id DESC LIMIT 1"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let (d, as_of) = (SqlDate::new(d), SqlDate::new(as_of));
    let mut params = named_params! {":code": code, ":d": d, ":as_of": as_of}.to_vec();
    if currency.is_some() {
        params.push((":currency", &currency));
    }
    Ok(st
        .query_row(params.as_slice(), |r| {
            Ok(Said {
                by: r.get(0)?,
                note: r.get(1)?,
                amount: r.get(2)?,
            })
        })
        .optional()?)
}
