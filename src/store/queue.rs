//! Clients with overdue invoices as of a date: the raw material of the
//! follow-up queue.

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::aging::open_as_of;
use super::error::Result;
use crate::domain::client::Rating;
use crate::domain::currency::Currency;
use crate::domain::priority::follow_up_priority;

/// One client's overdue position in one currency.
#[derive(Clone, Debug, PartialEq)]
pub struct OverdueClient {
    pub code: String,
    pub name: String,
    pub clerk: Option<String>,
    pub rating: Option<Rating>,
    pub currency: Currency,
    /// Minor units overdue (due before `as_of`, still open).
    pub overdue: i64,
    pub invoices: i64,
    pub oldest_due_on: NaiveDate,
    /// Latest call, visit, email, letter, reminder or formal notice.
    pub last_contact: Option<NaiveDate>,
    /// The date of a promise already past while an invoice is still open,
    /// when no promise came after it.
    pub broken_promise: Option<NaiveDate>,
    /// The oldest overdue invoice, what a call or a payment is about by default.
    pub oldest_invoice: String,
    /// Minor units still due on it.
    pub oldest_outstanding: i64,
}

impl OverdueClient {
    /// Queue priority as of `as_of` (see [`follow_up_priority`]).
    pub fn priority(&self, as_of: NaiveDate) -> i128 {
        follow_up_priority(
            self.overdue,
            self.currency.exponent(),
            (as_of - self.oldest_due_on).num_days(),
            self.rating,
            self.broken_promise.is_some(),
        )
    }
}

/// Clients with something overdue on `as_of`, most urgent first; only those
/// assigned to `clerk` when given.
pub fn queue(
    conn: &Connection,
    as_of: NaiveDate,
    clerk: Option<&str>,
) -> Result<Vec<OverdueClient>> {
    let mut clients = overdue_clients(conn, as_of)?;
    if let Some(user) = clerk {
        clients.retain(|c| c.clerk.as_deref() == Some(user));
    }
    clients.sort_by_cached_key(|c| (std::cmp::Reverse(c.priority(as_of)), c.code.clone()));
    Ok(clients)
}

pub fn overdue_clients(conn: &Connection, as_of: NaiveDate) -> Result<Vec<OverdueClient>> {
    let sql = format!(
        "WITH open AS ({}) \
         SELECT c.code, c.name, c.clerk, c.rating, o.currency, sum(o.outstanding), count(*), \
                min(o.due_on), \
                (SELECT max(a.on_date) FROM activities a WHERE a.client_id = c.id \
                   AND a.on_date <= :as_of AND a.kind IN ('call', 'visit', 'email', 'letter', \
                   'reminder', 'formal_notice')), \
                (SELECT max(p.date) FROM activities p JOIN invoices i2 ON i2.id = p.invoice_id \
                   WHERE p.client_id = c.id AND p.kind = 'promise' AND p.date < :as_of \
                   AND p.on_date <= :as_of AND i2.issued_on <= :as_of \
                   AND (i2.settled_on IS NULL OR i2.settled_on > :as_of) \
                   AND NOT EXISTS (SELECT 1 FROM activities q WHERE q.client_id = p.client_id \
                       AND q.kind = 'promise' AND q.id > p.id AND q.on_date <= :as_of)), \
                o.number, o.outstanding \
         FROM open o JOIN clients c ON c.id = o.client_id \
         WHERE o.outstanding > 0 AND o.due_on < :as_of \
         GROUP BY c.id, o.currency",
        open_as_of(conn, as_of)?
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(named_params! {":as_of": as_of}, |r| {
        Ok(OverdueClient {
            code: r.get(0)?,
            name: r.get(1)?,
            clerk: r.get(2)?,
            rating: r.get(3)?,
            currency: r.get(4)?,
            overdue: r.get(5)?,
            invoices: r.get(6)?,
            oldest_due_on: r.get(7)?,
            last_contact: r.get(8)?,
            broken_promise: r.get(9)?,
            // With min(due_on), SQLite takes these from the oldest invoice's row.
            oldest_invoice: r.get(10)?,
            oldest_outstanding: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
