//! Solvency notes: append only; the latest sets the client's rating (trigger).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::Result;
use super::sql::{self, SqlDate};
use crate::domain::solvency::SolvencyNote;

pub fn insert(conn: &Connection, client_id: i64, n: &SolvencyNote) -> Result<i64> {
    let mut st = conn.prepare_cached(
        "INSERT INTO solvency_notes (client_id, on_date, source, rating, recommended_limit, text, \
         author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    st.execute(params![
        client_id,
        SqlDate::new(n.on),
        n.source,
        n.rating,
        n.recommended_limit,
        n.text,
        n.author,
        sql::now(),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Whether a note dated `on` would be the client's latest: none is dated
/// later (on the same day, the newer note counts, as for the rating).
pub fn is_latest(conn: &Connection, client_id: i64, on: NaiveDate) -> Result<bool> {
    let mut st = conn.prepare_cached(
        "SELECT NOT EXISTS (SELECT 1 FROM solvency_notes WHERE client_id = ?1 AND on_date > ?2)",
    )?;
    Ok(st.query_row(params![client_id, SqlDate::new(on)], |r| r.get(0))?)
}

/// A client's solvency notes, newest first.
pub fn for_client(conn: &Connection, code: &str) -> Result<Vec<SolvencyNote>> {
    let mut st = conn.prepare_cached(
        "SELECT n.on_date, n.source, n.rating, n.recommended_limit, n.text, n.author \
         FROM solvency_notes n JOIN clients c ON c.id = n.client_id \
         WHERE c.code = ?1 ORDER BY n.on_date DESC, n.id DESC",
    )?;
    let rows = st.query_map([code], |r| {
        Ok(SolvencyNote {
            client_code: code.to_string(),
            on: r.get(0)?,
            source: r.get(1)?,
            rating: r.get(2)?,
            recommended_limit: r.get(3)?,
            text: r.get(4)?,
            author: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
