//! Solvency notes: append only; the latest sets the client's rating (trigger).

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
