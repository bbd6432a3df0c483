//! The clients list a page at a time (keyset paging): searched, sorted,
//! narrowed to a clerk's clients or to those over their credit limit,
//! clients with nothing open included. Read from the balances and keys
//! the store keeps on `clients` ([`super::summary`]) and their indexes,
//! so any page costs what the first does; for a day the stored balances
//! do not answer for (a past date), computed from the ledger.

use chrono::NaiveDate;
use rusqlite::{Connection, ToSql};

use super::clients::{COLUMNS, ClientLine, N_COLUMNS, from_row, overview};
use super::error::Result;
use super::summary::{CLIENT_MATCH, NO_DIGITS};
use crate::domain::search::{Needle, fold};

/// How the clients list is narrowed and ordered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientQuery {
    /// What was typed after `/`: part of a client's code, name, e-mail
    /// address or phone number (compared by digits), or one of its
    /// invoice numbers in full.
    pub search: String,
    pub sort: ClientSort,
    /// Only the clients assigned to this clerk.
    pub clerk: Option<String>,
    /// Only the clients owing more than their credit limit.
    pub over_limit: bool,
}

/// The orders of the clients list, each then by code. Its label (`oldest`)
/// is shown on the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum ClientSort {
    #[default]
    Code,
    /// By name, case and accents aside.
    Name,
    /// Largest balance first.
    Balance,
    /// Oldest open invoice first (the most days overdue); clients with
    /// nothing open last.
    Oldest,
}

impl ClientSort {
    pub const ALL: &[ClientSort] = <ClientSort as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        self.into()
    }

    /// The next order, for a key that cycles through them.
    pub fn next(self) -> ClientSort {
        let i = ClientSort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        ClientSort::ALL[(i + 1) % ClientSort::ALL.len()]
    }

    /// The SQL expression sorted by before the code (each has an index),
    /// none for the code alone.
    fn expr(self) -> Option<&'static str> {
        Some(match self {
            ClientSort::Code => return None,
            ClientSort::Name => "c.folded_name",
            ClientSort::Balance => "-c.balance",
            ClientSort::Oldest => "coalesce(c.oldest_due_on, '9999-12-31')",
        })
    }
}

/// Where a line stands in an order: what a page is read after or before.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClientKey {
    value: SortValue,
    code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Int(i64),
    Text(String),
}

impl ToSql for SortValue {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            SortValue::Int(i) => i.to_sql(),
            SortValue::Text(t) => t.to_sql(),
        }
    }
}

impl ClientLine {
    /// This line's place in `sort`.
    pub fn key(&self, sort: ClientSort) -> ClientKey {
        let value = match sort {
            ClientSort::Code => SortValue::Text(String::new()),
            ClientSort::Name => SortValue::Text(fold(&self.client.name)),
            ClientSort::Balance => SortValue::Int(self.balance.saturating_neg()),
            ClientSort::Oldest => SortValue::Text(
                self.oldest_due_on
                    .map_or("9999-12-31".to_string(), super::sql::iso_date),
            ),
        };
        ClientKey {
            value,
            code: self.client.code.clone(),
        }
    }
}

/// Which page of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientWindow {
    First,
    Last,
    /// The lines after this key (the next page down).
    After(ClientKey),
    /// The lines before this key (the page up), still in list order.
    Before(ClientKey),
}

/// A named SQL parameter and its value.
type Param = (&'static str, Box<dyn ToSql>);

/// SQL conditions on `c` and their parameters.
fn conditions(query: &ClientQuery) -> (String, Vec<Param>) {
    let mut sql = String::new();
    let mut args: Vec<Param> = Vec::new();
    let needle = Needle::new(&query.search);
    if !needle.is_empty() {
        let typed = query.search.trim().to_string();
        sql.push_str(&format!(
            " AND ({CLIENT_MATCH} \
             OR c.id IN (SELECT client_id FROM invoices WHERE number IN (:n1, :n2)))"
        ));
        args.push((":q", Box::new(needle.text)));
        args.push((
            ":digits",
            Box::new(needle.digits.unwrap_or_else(|| NO_DIGITS.into())),
        ));
        args.push((":n2", Box::new(typed.to_uppercase())));
        args.push((":n1", Box::new(typed)));
    }
    if let Some(clerk) = &query.clerk {
        sql.push_str(" AND c.clerk = :clerk");
        args.push((":clerk", Box::new(clerk.clone())));
    }
    if query.over_limit {
        sql.push_str(" AND c.credit_limit IS NOT NULL AND c.balance > c.credit_limit");
    }
    (sql, args)
}

/// The codes of the clients `search` finds (by code, name, e-mail or
/// phone, or as the client of the invoice numbered as typed): what the
/// queue, searched in memory, keeps the lines of (with
/// [`super::queue::FollowUp::found`]).
pub fn found_codes(conn: &Connection, search: &str) -> Result<std::collections::HashSet<String>> {
    let needle = Needle::new(search);
    let typed = search.trim();
    let mut st = conn.prepare_cached(&format!(
        "SELECT c.code FROM clients c WHERE {CLIENT_MATCH} \
         UNION SELECT c.code FROM invoices i JOIN clients c ON c.id = i.client_id \
         WHERE i.number IN (:n1, :n2)"
    ))?;
    let rows = st.query_map(
        rusqlite::named_params! {
            ":q": needle.text,
            ":digits": needle.digits.unwrap_or_else(|| NO_DIGITS.into()),
            ":n1": typed,
            ":n2": typed.to_uppercase(),
        },
        |r| r.get::<_, String>(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many clients the query finds on `as_of`.
pub fn count(conn: &Connection, as_of: NaiveDate, query: &ClientQuery) -> Result<u64> {
    if !super::summary::holds(conn, as_of)? {
        return Ok(in_memory(conn, as_of, query)?.len() as u64);
    }
    let (filter, args) = conditions(query);
    let sql = format!("SELECT count(*) FROM clients c WHERE 1 {filter}");
    let mut st = conn.prepare_cached(&sql)?;
    let params: Vec<(&str, &dyn ToSql)> = args.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let n: i64 = st.query_row(params.as_slice(), |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

/// Up to `limit` lines of the list, in its order: the first or last page,
/// or those after or before a line's key.
pub fn page(
    conn: &Connection,
    as_of: NaiveDate,
    query: &ClientQuery,
    window: &ClientWindow,
    limit: u32,
) -> Result<Vec<ClientLine>> {
    if !super::summary::holds(conn, as_of)? {
        return Ok(window_of(
            in_memory(conn, as_of, query)?,
            query.sort,
            window,
            limit,
        ));
    }
    let (filter, mut args) = conditions(query);
    let (keyset, backwards) = match window {
        ClientWindow::First => ("", false),
        ClientWindow::Last => ("", true),
        ClientWindow::After(_) => (">", false),
        ClientWindow::Before(_) => ("<", true),
    };
    let keyset = match (query.sort.expr(), keyset) {
        (_, "") => String::new(),
        (None, op) => format!(" AND c.code {op} :kc"),
        (Some(expr), op) => format!(" AND ({expr}, c.code) {op} (:kv, :kc)"),
    };
    if let ClientWindow::After(k) | ClientWindow::Before(k) = window {
        if query.sort.expr().is_some() {
            args.push((":kv", Box::new(k.value.clone())));
        }
        args.push((":kc", Box::new(k.code.clone())));
    }
    args.push((":limit", Box::new(i64::from(limit))));
    let dir = if backwards { "DESC" } else { "ASC" };
    let order = match query.sort.expr() {
        Some(expr) => format!("{expr} {dir}, c.code {dir}"),
        None => format!("c.code {dir}"),
    };
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("c.{c}")).collect();
    let sql = format!(
        "SELECT {}, c.balance, c.oldest_due_on FROM clients c WHERE 1 {filter}{keyset} \
         ORDER BY {order} LIMIT :limit",
        columns.join(", ")
    );
    let mut st = conn.prepare_cached(&sql)?;
    let params: Vec<(&str, &dyn ToSql)> = args.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let rows = st.query_map(params.as_slice(), |r| {
        Ok(ClientLine {
            client: from_row(r)?,
            balance: r.get(N_COLUMNS)?,
            oldest_due_on: r.get(N_COLUMNS + 1)?,
        })
    })?;
    let mut lines = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    if backwards {
        lines.reverse();
    }
    Ok(lines)
}

/// The whole list as the ledger gives it on `as_of` ([`overview`]),
/// narrowed and ordered by the rule of [`crate::domain::search`] in
/// memory: the answer when the stored balances do not hold, and what the
/// paged reads are checked against.
pub fn in_memory(
    conn: &Connection,
    as_of: NaiveDate,
    query: &ClientQuery,
) -> Result<Vec<ClientLine>> {
    let needle = Needle::new(&query.search);
    let typed = query.search.trim();
    let owner = if needle.is_empty() {
        Vec::new()
    } else {
        let mut st = conn.prepare_cached(
            "SELECT c.code FROM invoices i JOIN clients c ON c.id = i.client_id \
             WHERE i.number IN (?1, ?2)",
        )?;
        st.query_map([typed.to_string(), typed.to_uppercase()], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut lines: Vec<ClientLine> = overview(conn, as_of)?
        .into_iter()
        .filter(|l| {
            let c = &l.client;
            (needle.matches(
                [
                    c.code.as_str(),
                    c.name.as_str(),
                    c.email.as_deref().unwrap_or(""),
                ],
                c.phone.as_deref(),
            ) || owner.contains(&c.code))
                && query
                    .clerk
                    .as_ref()
                    .is_none_or(|k| c.clerk.as_ref() == Some(k))
                && (!query.over_limit || l.over_limit())
        })
        .collect();
    lines.sort_by_cached_key(|l| l.key(query.sort));
    Ok(lines)
}

/// The page `window` of `lines` (ordered by `sort`).
pub fn window_of(
    lines: Vec<ClientLine>,
    sort: ClientSort,
    window: &ClientWindow,
    limit: u32,
) -> Vec<ClientLine> {
    let limit = limit as usize;
    let (from, to) = match window {
        ClientWindow::First => (0, limit.min(lines.len())),
        ClientWindow::Last => (lines.len().saturating_sub(limit), lines.len()),
        ClientWindow::After(k) => {
            let from = lines.partition_point(|l| l.key(sort) <= *k);
            (from, (from + limit).min(lines.len()))
        }
        ClientWindow::Before(k) => {
            let to = lines.partition_point(|l| l.key(sort) < *k);
            (to.saturating_sub(limit), to)
        }
    };
    lines[from..to].to_vec()
}
