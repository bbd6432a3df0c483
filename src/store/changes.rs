//! What changed since a reader last looked: the `changes` table, one row
//! per row written to the ledger, written by triggers (migration 011)
//! whoever writes. A workbench keeps the sequence number it last read and
//! asks for what came after it: one indexed read when nothing did.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};

use super::error::Result;

/// How many rows of `changes` are kept: a reader further behind than
/// that reads everything again.
pub const KEPT: i64 = 10_000;

/// What changed after a sequence number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The latest sequence number: what to ask after next time.
    pub seq: i64,
    /// Everything may have changed (a bulk load, or the reader was too far
    /// behind): read every screen again.
    pub everything: bool,
    /// The team's settings or reference rates changed: they apply to
    /// every client.
    pub team: bool,
    /// The codes of the clients whose journal, invoices or details
    /// changed.
    pub clients: BTreeSet<String>,
    /// Entries were added to the journal.
    pub journal: bool,
}

impl Changes {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.everything && !self.team && self.clients.is_empty() && !self.journal
    }
}

/// The latest sequence number (0 when nothing was ever recorded).
pub fn end(conn: &Connection) -> Result<i64> {
    let mut st = conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?;
    Ok(st.query_row([], |r| r.get(0))?)
}

/// What changed after sequence number `after` (from [`end`] or an
/// earlier [`since`]). Costs one read of the table's end when nothing
/// did; a few rows per write otherwise.
pub fn since(conn: &Connection, after: i64) -> Result<Changes> {
    let latest = end(conn)?;
    let mut out = Changes {
        seq: latest,
        ..Changes::default()
    };
    if latest <= after {
        // Equal: nothing new. Lower: the file was replaced (a restore).
        out.everything = latest < after;
        return Ok(out);
    }
    let mut st = conn.prepare_cached("SELECT min(seq) FROM changes")?;
    let first: Option<i64> = st.query_row([], |r| r.get(0)).optional()?.flatten();
    if first.is_none_or(|f| f > after + 1) {
        out.everything = true;
        return Ok(out);
    }
    let mut st = conn.prepare_cached(
        "SELECT x.what, c.code FROM changes x LEFT JOIN clients c ON c.id = x.client_id \
         WHERE x.seq > ?1 ORDER BY x.seq",
    )?;
    let mut rows = st.query([after])?;
    while let Some(r) = rows.next()? {
        let what: String = r.get(0)?;
        let code: Option<String> = r.get(1)?;
        match what.as_str() {
            "all" => out.everything = true,
            "settings" | "rates" => out.team = true,
            "journal" => out.journal = true,
            _ => {}
        }
        if let Some(code) = code {
            out.clients.insert(code);
        }
    }
    Ok(out)
}

/// Records that everything changed (after a bulk load, whose triggers
/// were set aside).
pub fn everything(conn: &Connection) -> Result<()> {
    conn.prepare_cached("INSERT INTO changes (client_id, what) VALUES (NULL, 'all')")?
        .execute([])?;
    Ok(())
}

/// Forgets all but the latest [`KEPT`] rows.
pub fn prune(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?1")?
        .execute([KEPT])?;
    Ok(())
}
