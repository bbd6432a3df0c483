//! Aging queries: totals per currency and bucket, and the list of open
//! invoices, as they stood on any date.
//!
//! Invoices still open today are read from a covering partial index; those
//! settled after `as_of` from the settled-date index. The payment total is
//! recomputed only for invoices that received a payment after `as_of`.

use chrono::NaiveDate;
use rusqlite::{Connection, ToSql, named_params};
use serde::Serialize;

use super::error::{Result, StoreError};
use crate::domain::aging::{AgingReport, Bucket};
use crate::domain::client::Profile;
use crate::domain::currency::Currency;
use crate::domain::invoice::days_overdue;

/// Outstanding on `:as_of` of an invoice open today: what was neither paid
/// nor written off by then.
const OUTSTANDING_OF_OPEN: &str = "CASE WHEN (i.last_paid_on IS NULL OR i.last_paid_on <= :as_of) \
       AND (i.written_off_on IS NULL OR i.written_off_on <= :as_of) \
     THEN i.amount - i.paid - i.written_off \
     ELSE i.amount - (SELECT coalesce(sum(p.amount), 0) FROM payments_in_force p \
                      WHERE p.invoice_id = i.id AND p.received_on <= :as_of) \
          - (SELECT coalesce(sum(w.amount), 0) FROM activities_in_force w \
             WHERE w.invoice_id = i.id AND w.kind = 'write_off' AND w.on_date <= :as_of) END";

/// Outstanding on `:as_of` of an invoice settled after it.
const OUTSTANDING_OF_SETTLED: &str = "i.amount - (SELECT coalesce(sum(p.amount), 0) FROM payments_in_force p \
     WHERE p.invoice_id = i.id AND p.received_on <= :as_of) \
     - (SELECT coalesce(sum(w.amount), 0) FROM activities_in_force w \
        WHERE w.invoice_id = i.id AND w.kind = 'write_off' AND w.on_date <= :as_of)";

/// The two kinds of invoices open on `:as_of`: those still open today (read
/// from the covering partial index) and those settled after `:as_of`.
const OPEN_TODAY: &str = "i.settled_on IS NULL AND i.issued_on <= :as_of";
const SETTLED_LATER: &str = "i.settled_on > :as_of AND i.issued_on <= :as_of";

/// Open invoices as of `:as_of` with their outstanding amount then: both
/// kinds above, one row each.
pub(crate) fn open_as_of(conn: &Connection, as_of: NaiveDate) -> Result<String> {
    open_as_of_with(conn, as_of, "")
}

/// [`open_as_of`] with more columns of `i` after the usual ones (`extra`
/// starts with a comma).
pub(crate) fn open_as_of_with(conn: &Connection, as_of: NaiveDate, extra: &str) -> Result<String> {
    let columns =
        format!("i.id, i.client_id, i.number, i.issued_on, i.due_on, i.currency, i.amount{extra}");
    let open_today = format!(
        "SELECT {columns}, {OUTSTANDING_OF_OPEN} AS outstanding FROM invoices i WHERE {OPEN_TODAY}"
    );
    // Usually nothing was settled after `as_of` (it is today): then the
    // invoices open today are the whole answer, and SQLite can walk their
    // index in due-date order instead of sorting a union.
    if !settled_after(conn, as_of)? {
        return Ok(open_today);
    }
    Ok(format!(
        "{open_today} UNION ALL \
         SELECT {columns}, {OUTSTANDING_OF_SETTLED} FROM invoices i WHERE {SETTLED_LATER}"
    ))
}

/// Whether any invoice was paid in full after `as_of` (read from an index).
fn settled_after(conn: &Connection, as_of: NaiveDate) -> Result<bool> {
    let mut st = conn.prepare_cached(
        "SELECT 1 FROM invoices WHERE settled_on > ?1 AND settled_on IS NOT NULL LIMIT 1",
    )?;
    Ok(st.exists([as_of])?)
}

/// Totals per currency and bucket as of a date: one aggregate over the
/// invoices open today, one over those settled after `as_of`, added up.
pub fn report(conn: &Connection, as_of: NaiveDate) -> Result<AgingReport> {
    let mut report = AgingReport::new(as_of);
    let floors = floors(as_of).map(crate::store::sql::iso_date);
    for (outstanding, filter) in [
        (OUTSTANDING_OF_OPEN, OPEN_TODAY),
        (OUTSTANDING_OF_SETTLED, SETTLED_LATER),
    ] {
        // Bucketed here rather than grouped in SQL: comparing each due date
        // with the four floor dates is cheaper than SQLite's sorter.
        let sql =
            format!("SELECT i.currency, i.due_on, {outstanding} FROM invoices i WHERE {filter}");
        let mut st = conn.prepare_cached(&sql)?;
        let mut rows = st.query(named_params! {":as_of": as_of})?;
        let mut last: Option<(String, Currency)> = None;
        while let Some(r) = rows.next()? {
            let outstanding: i64 = r.get(2)?;
            if outstanding <= 0 {
                continue;
            }
            let code = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let currency = match &last {
                Some((c, cur)) if c == code => *cur,
                _ => {
                    let cur = Currency::from_code(code)
                        .map_err(|e| StoreError::Invalid(e.to_string()))?;
                    last = Some((code.to_string(), cur));
                    cur
                }
            };
            let due_on = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let bucket = floors
                .iter()
                .position(|f| due_on >= f.as_str())
                .map_or(Bucket::Days91Plus, |i| Bucket::ALL[i]);
            report.add(currency, bucket, 1, outstanding);
        }
    }
    Ok(report)
}

fn floors(as_of: NaiveDate) -> [NaiveDate; 4] {
    [
        Bucket::Current,
        Bucket::Days1To30,
        Bucket::Days31To60,
        Bucket::Days61To90,
    ]
    .map(|b| b.floor(as_of).unwrap_or(NaiveDate::MIN))
}

/// One open invoice in the aging list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgingLine {
    pub client: String,
    pub client_name: String,
    pub invoice: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub days_overdue: i64,
    pub bucket: Bucket,
    pub currency: Currency,
    /// Minor units.
    pub amount: i64,
    /// Minor units.
    pub outstanding: i64,
    pub reminder_level: u32,
    pub clerk: Option<String>,
    /// A dispute is open on it.
    pub disputed: bool,
    /// The date of a promise to pay still to come.
    pub promised_for: Option<NaiveDate>,
}

/// Every invoice open on `as_of`, most overdue first.
pub fn lines(conn: &Connection, as_of: NaiveDate) -> Result<Vec<AgingLine>> {
    page(conn, as_of, &AgingQuery::default(), 0, u32::MAX, None)
}

/// How the aging list is narrowed and ordered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgingQuery {
    /// Part of a client's code, name, e-mail address or phone number
    /// (compared by digits), or of an invoice number; case and accents
    /// aside.
    pub search: String,
    pub bucket: Option<Bucket>,
    pub clerk: Option<String>,
    pub client: Option<String>,
    pub profile: Option<Profile>,
    pub currency: Option<Currency>,
    pub disputed_only: bool,
    pub sort: AgingSort,
}

/// The orders of the aging list. Its label (`days`) is shown on the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum AgingSort {
    /// Most overdue first.
    #[default]
    Days,
    /// Largest outstanding first.
    Amount,
    /// By client name.
    Client,
}

impl AgingSort {
    pub fn label(self) -> &'static str {
        self.into()
    }

    fn order_by(self) -> &'static str {
        match self {
            AgingSort::Days => "o.due_on, o.number",
            AgingSort::Amount => "o.outstanding DESC, o.due_on, o.number",
            AgingSort::Client => "c.name, c.code, o.due_on, o.number",
        }
    }

    /// The same order backwards: the end of the list is its first page.
    fn order_by_reversed(self) -> &'static str {
        match self {
            AgingSort::Days => "o.due_on DESC, o.number DESC",
            AgingSort::Amount => "o.outstanding, o.due_on DESC, o.number DESC",
            AgingSort::Client => "c.name DESC, c.code DESC, o.due_on DESC, o.number DESC",
        }
    }
}

/// A named SQL parameter and its value.
type Param = (&'static str, Box<dyn ToSql>);

/// An open dispute on the invoice `o` (no resolution logged after it).
const DISPUTED: &str = "EXISTS (SELECT 1 FROM activities_in_force d WHERE d.invoice_id = o.id \
     AND d.kind = 'dispute' AND d.on_date <= :as_of AND NOT EXISTS (SELECT 1 FROM activities_in_force r \
     WHERE r.invoice_id = o.id AND r.kind = 'dispute_resolved' AND r.id > d.id))";

/// The latest promise on the invoice `o` whose date is still to come.
const PROMISED: &str = "(SELECT max(d) FROM (SELECT max(p.date) AS d FROM activities_in_force p \
     WHERE p.invoice_id = o.id AND p.kind = 'promise' AND p.date >= :as_of AND p.on_date <= :as_of \
     UNION ALL SELECT max(p.date) FROM promise_invoices pi JOIN activities_in_force p \
     ON p.id = pi.activity_id WHERE pi.invoice_id = o.id AND p.date >= :as_of \
     AND p.on_date <= :as_of))";

impl AgingQuery {
    /// SQL conditions and their parameters, besides `:as_of`.
    fn conditions(&self, as_of: NaiveDate) -> (String, Vec<Param>) {
        let mut sql = String::new();
        let mut args: Vec<Param> = Vec::new();
        let needle = crate::domain::search::Needle::new(&self.search);
        if !needle.is_empty() {
            // The client by code, name, e-mail or phone, the invoice by
            // number; case and accents aside (src/domain/search.rs). An
            // invoice number in ASCII folds to its lower case, which LIKE
            // compares; any other is folded.
            sql.push_str(&format!(
                " AND (o.client_id IN (SELECT c.id FROM clients c WHERE {}) \
                 OR o.number LIKE :like ESCAPE '\\' \
                 OR (o.number GLOB '*[^ -~]*' AND instr(dun_fold(o.number), :q) > 0))",
                super::summary::CLIENT_MATCH
            ));
            let escaped = needle
                .text
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push((":like", Box::new(format!("%{escaped}%"))));
            args.push((":q", Box::new(needle.text)));
            args.push((
                ":digits",
                Box::new(
                    needle
                        .digits
                        .unwrap_or_else(|| super::summary::NO_DIGITS.into()),
                ),
            ));
        }
        if let Some(bucket) = self.bucket {
            let index = bucket.index();
            if let Some(lo) = bucket.floor(as_of) {
                sql.push_str(" AND o.due_on >= :lo");
                args.push((":lo", Box::new(lo)));
            }
            if index > 0
                && let Some(hi) = Bucket::ALL[index - 1].floor(as_of)
            {
                sql.push_str(" AND o.due_on < :hi");
                args.push((":hi", Box::new(hi)));
            }
        }
        if let Some(clerk) = &self.clerk {
            sql.push_str(" AND c.clerk = :clerk");
            args.push((":clerk", Box::new(clerk.clone())));
        }
        if let Some(client) = &self.client {
            sql.push_str(" AND c.code = :client");
            args.push((":client", Box::new(client.clone())));
        }
        if let Some(profile) = self.profile {
            sql.push_str(" AND c.profile = :profile");
            args.push((":profile", Box::new(profile)));
        }
        if let Some(currency) = self.currency {
            sql.push_str(" AND o.currency = :currency");
            args.push((":currency", Box::new(currency)));
        }
        if self.disputed_only {
            sql.push_str(&format!(" AND {DISPUTED}"));
        }
        (sql, args)
    }
}

/// One client's invoices open on `as_of`, most overdue first.
pub fn for_client(conn: &Connection, as_of: NaiveDate, code: &str) -> Result<Vec<AgingLine>> {
    let query = AgingQuery {
        client: Some(code.to_string()),
        ..AgingQuery::default()
    };
    page(conn, as_of, &query, 0, u32::MAX, None)
}

/// How many open invoices the query finds.
pub fn count(conn: &Connection, as_of: NaiveDate, query: &AgingQuery) -> Result<u64> {
    let (filter, mut args) = query.conditions(as_of);
    args.push((":as_of", Box::new(as_of)));
    // The clients are joined only for a condition on them: a million
    // invoices' worth of lookups otherwise.
    let join = if query.clerk.is_some() || query.client.is_some() || query.profile.is_some() {
        "JOIN clients c ON c.id = o.client_id"
    } else {
        ""
    };
    let sql = format!(
        "SELECT count(*) FROM ({}) o {join} WHERE o.outstanding > 0 {filter}",
        open_as_of(conn, as_of)?
    );
    let mut st = conn.prepare_cached(&sql)?;
    let params: Vec<(&str, &dyn ToSql)> = args.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let n: i64 = st.query_row(params.as_slice(), |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

/// `limit` invoices the query finds from position `offset` of the list: a
/// screen loads only what it shows. With `total`, the number of lines the
/// query finds, a page in the second half of the list is read backwards
/// from its end, so that the last page costs what the first does.
pub fn page(
    conn: &Connection,
    as_of: NaiveDate,
    query: &AgingQuery,
    offset: u32,
    limit: u32,
    total: Option<u32>,
) -> Result<Vec<AgingLine>> {
    if let Some(total) = total
        && limit != u32::MAX
        && offset > total / 2
    {
        let end = offset.saturating_add(limit).min(total);
        let mut lines = page_in(conn, as_of, query, total - end, end - offset, true)?;
        lines.reverse();
        return Ok(lines);
    }
    page_in(conn, as_of, query, offset, limit, false)
}

fn page_in(
    conn: &Connection,
    as_of: NaiveDate,
    query: &AgingQuery,
    offset: u32,
    limit: u32,
    reversed: bool,
) -> Result<Vec<AgingLine>> {
    let (filter, mut args) = query.conditions(as_of);
    args.push((":as_of", Box::new(as_of)));
    args.push((
        ":limit",
        Box::new(if limit == u32::MAX {
            -1
        } else {
            i64::from(limit)
        }),
    ));
    args.push((":offset", Box::new(i64::from(offset))));
    let sql = format!(
        "SELECT c.code, c.name, o.number, o.issued_on, o.due_on, o.currency, o.amount, \
                o.outstanding, c.clerk, \
                (SELECT count(*) FROM activities_in_force a WHERE a.invoice_id = o.id \
                 AND a.kind = 'reminder' AND a.level >= 1 AND a.on_date <= :as_of), \
                {DISPUTED}, {PROMISED} \
         FROM ({}) o JOIN clients c ON c.id = o.client_id \
         WHERE o.outstanding > 0 {filter} ORDER BY {} LIMIT :limit OFFSET :offset",
        open_as_of(conn, as_of)?,
        if reversed {
            query.sort.order_by_reversed()
        } else {
            query.sort.order_by()
        }
    );
    let params: Vec<(&str, &dyn ToSql)> = args.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    select(conn, as_of, &sql, params.as_slice())
}

fn select(
    conn: &Connection,
    as_of: NaiveDate,
    sql: &str,
    args: &[(&str, &dyn ToSql)],
) -> Result<Vec<AgingLine>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(args, |r| {
        let due_on: NaiveDate = r.get(4)?;
        let outstanding: i64 = r.get(7)?;
        let days = days_overdue(due_on, outstanding, as_of);
        Ok(AgingLine {
            client: r.get(0)?,
            client_name: r.get(1)?,
            invoice: r.get(2)?,
            issued_on: r.get(3)?,
            due_on,
            days_overdue: days,
            bucket: Bucket::for_days(days),
            currency: r.get(5)?,
            amount: r.get(6)?,
            outstanding,
            clerk: r.get(8)?,
            reminder_level: r.get(9)?,
            disputed: r.get(10)?,
            promised_for: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// What was written off by a date: per currency (entries, minor units),
/// and per invoice number. Written-off amounts are out of the aging; they
/// are shown beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrittenOff {
    pub by_currency: Vec<(Currency, u64, i64)>,
    pub by_invoice: std::collections::HashMap<String, i64>,
}

/// The write-offs of the journal on or before `as_of` (read from the small
/// index of the entries that shape a case).
pub fn written_off(conn: &Connection, as_of: NaiveDate) -> Result<WrittenOff> {
    let mut st = conn.prepare_cached(
        "SELECT i.number, i.currency, count(*), sum(a.amount) FROM activities_in_force a \
         JOIN invoices i ON i.id = a.invoice_id \
         WHERE a.kind IN ('dispute', 'dispute_resolved', 'escalation', 'payment_plan', 'write_off') \
           AND a.kind = 'write_off' AND a.on_date <= ?1 \
         GROUP BY i.number ORDER BY i.currency",
    )?;
    let mut rows = st.query([crate::store::sql::SqlDate::new(as_of)])?;
    let mut out = WrittenOff::default();
    while let Some(r) = rows.next()? {
        let (number, currency, n, amount): (String, Currency, i64, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let n = u64::try_from(n).unwrap_or(0);
        out.by_invoice.insert(number, amount);
        match out.by_currency.last_mut() {
            Some((c, count, total)) if *c == currency => {
                *count += n;
                *total += amount;
            }
            _ => out.by_currency.push((currency, n, amount)),
        }
    }
    Ok(out)
}
