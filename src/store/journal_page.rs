//! The journal a page at a time, newest first (keyset paging on the
//! entry's instant and id): one clerk's, one kind, or the entries of the
//! clients a search finds. Any page costs what the first does.

use rusqlite::{Connection, ToSql};

use super::error::Result;
use super::journal::{JournalEntry, SELECT, entries};
use super::summary::{CLIENT_MATCH, NO_DIGITS};
use crate::domain::activity::ActivityKind;
use crate::domain::search::Needle;

/// How the journal is narrowed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JournalQuery {
    pub user: Option<String>,
    pub kind: Option<ActivityKind>,
    /// What was typed after `/`: the entries about the clients it finds
    /// (by code, name, e-mail or phone, as in the clients list, or by one
    /// of their invoice numbers in full).
    pub search: String,
}

/// Where an entry stands in the journal: what a page is read after or
/// before.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct JournalKey {
    pub at: String,
    pub id: i64,
}

impl JournalEntry {
    pub fn key(&self) -> JournalKey {
        JournalKey {
            at: self.at.clone(),
            id: self.id,
        }
    }
}

/// Which page of the journal (newest first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JournalWindow {
    /// The newest entries.
    First,
    /// The oldest entries.
    Last,
    /// The entries older than this one (the next page down).
    After(JournalKey),
    /// The entries newer than this one (the page up), newest first.
    Before(JournalKey),
}

/// From this many clients found, the journal is walked newest first and
/// each entry checked; below it, the found clients' entries are read from
/// their index and sorted.
const FEW_CLIENTS: usize = 200;

/// The row ids of the clients a search finds: by code, name, e-mail or
/// phone, or as the client of the invoice numbered as typed.
fn found_clients(conn: &Connection, typed: &str, needle: Needle) -> Result<Vec<i64>> {
    let typed = typed.trim();
    let mut st = conn.prepare_cached(&format!(
        "SELECT c.id FROM clients c WHERE {CLIENT_MATCH} \
         UNION SELECT client_id FROM invoices WHERE number IN (:n1, :n2)"
    ))?;
    let rows = st.query_map(
        rusqlite::named_params! {
            ":q": needle.text,
            ":digits": needle.digits.unwrap_or_else(|| NO_DIGITS.into()),
            ":n1": typed,
            ":n2": typed.to_uppercase(),
        },
        |r| r.get::<_, i64>(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A named SQL parameter and its value.
type Param = (&'static str, Box<dyn ToSql>);

fn conditions(conn: &Connection, query: &JournalQuery) -> Result<(String, Vec<Param>)> {
    let mut sql = String::new();
    let mut args: Vec<Param> = Vec::new();
    let needle = Needle::new(&query.search);
    if !needle.is_empty() {
        let ids = found_clients(conn, &query.search, needle)?;
        // `+`: the entries walked newest first, each checked, rather than
        // read client by client and sorted.
        let column = if ids.len() < FEW_CLIENTS {
            "a.client_id"
        } else {
            "+a.client_id"
        };
        sql.push_str(&format!(
            " AND {column} IN (SELECT value FROM json_each(:clients))"
        ));
        let ids = serde_json::to_string(&ids)
            .map_err(|e| super::StoreError::Invalid(format!("client ids: {e}")))?;
        args.push((":clients", Box::new(ids)));
    }
    if let Some(user) = &query.user {
        sql.push_str(" AND a.user = :user");
        args.push((":user", Box::new(user.clone())));
    }
    if let Some(kind) = query.kind {
        sql.push_str(" AND a.kind = :kind");
        args.push((":kind", Box::new(kind)));
    }
    Ok((sql, args))
}

/// Up to `limit` entries of the journal, newest first: the first or last
/// page, or those after (older) or before (newer) an entry's key.
pub fn page(
    conn: &Connection,
    query: &JournalQuery,
    window: &JournalWindow,
    limit: u32,
) -> Result<Vec<JournalEntry>> {
    let (filter, mut args) = conditions(conn, query)?;
    let (keyset, backwards) = match window {
        JournalWindow::First => ("", false),
        JournalWindow::Last => ("", true),
        // The instant's range reads the index; the id breaks ties.
        JournalWindow::After(_) => (" AND a.at <= :at AND (a.at < :at OR a.id < :id)", false),
        JournalWindow::Before(_) => (" AND a.at >= :at AND (a.at > :at OR a.id > :id)", true),
    };
    if let JournalWindow::After(k) | JournalWindow::Before(k) = window {
        args.push((":at", Box::new(k.at.clone())));
        args.push((":id", Box::new(k.id)));
    }
    args.push((":limit", Box::new(i64::from(limit))));
    let dir = if backwards { "ASC" } else { "DESC" };
    let sql =
        format!("{SELECT} WHERE 1 {filter}{keyset} ORDER BY a.at {dir}, a.id {dir} LIMIT :limit");
    let params: Vec<(&str, &dyn ToSql)> = args.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let mut lines = entries(conn, &sql, params.as_slice())?;
    if backwards {
        lines.reverse();
    }
    Ok(lines)
}

/// How many entries the query finds.
pub fn count(conn: &Connection, query: &JournalQuery) -> Result<u64> {
    let (filter, args) = conditions(conn, query)?;
    let sql = format!("SELECT count(*) FROM activities a WHERE 1 {filter}");
    let mut st = conn.prepare_cached(&sql)?;
    let params: Vec<(&str, &dyn ToSql)> = args.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let n: i64 = st.query_row(params.as_slice(), |r| r.get(0))?;
    Ok(n.unsigned_abs())
}
