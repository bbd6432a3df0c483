//! A client's promises to pay, with the invoices and payments the one rule
//! of [`crate::domain::promise`] judges them by: read for a few clients at
//! once (the queue's promised invoices) or for one (a letter).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::error::{Result, StoreError};
use super::sql::{Day, SqlDate, day};
use crate::domain::currency::Currency;
use crate::domain::promise::{Owed, Paid, PromiseMade, Promised};

/// One client's promises made on or before a day, its invoices issued by
/// then and the payments in force received by then.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromiseBook {
    pub promises: Vec<Promised>,
    pub invoices: Vec<Owed>,
    pub payments: Vec<Paid>,
}

impl PromiseBook {
    /// The promises about a case in `currency` whose invoices are
    /// `numbers`: a promise naming one of them, or one for the whole
    /// account in that currency (or none named).
    pub fn about(&self, currency: Currency, numbers: &[String]) -> Vec<Promised> {
        self.promises
            .iter()
            .filter(|p| {
                if p.covers.is_empty() {
                    p.currency.is_none_or(|c| c == currency)
                } else {
                    p.covers.iter().any(|n| numbers.contains(n))
                }
            })
            .cloned()
            .collect()
    }

    /// The invoice numbered `number`, if the client has it.
    pub fn invoice(&self, number: &str) -> Option<&Owed> {
        self.invoices.iter().find(|i| i.number == number)
    }
}

/// The promise books of the clients with row ids `ids`, as of `as_of`:
/// every client named gets one (empty when it made no promise).
pub fn of_clients(
    conn: &Connection,
    ids: &[i64],
    as_of: NaiveDate,
) -> Result<HashMap<i64, PromiseBook>> {
    let mut books: HashMap<i64, PromiseBook> =
        ids.iter().map(|&i| (i, PromiseBook::default())).collect();
    if ids.is_empty() {
        return Ok(books);
    }
    let list =
        serde_json::to_string(ids).map_err(|e| StoreError::Invalid(format!("client ids: {e}")))?;
    let as_of = SqlDate::new(as_of);
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.client_id, a.on_date, a.date, a.amount, a.currency, i.number \
         FROM activities_in_force a LEFT JOIN invoices i ON i.id = a.invoice_id \
         WHERE a.client_id IN (SELECT value FROM json_each(:ids)) AND a.kind = 'promise' \
           AND a.date IS NOT NULL AND a.on_date <= :as_of \
         ORDER BY a.on_date, a.id",
    )?;
    let mut rows = st.query(named_params! {":ids": list, ":as_of": as_of})?;
    let mut index: HashMap<i64, (i64, usize)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let client: i64 = r.get(1)?;
        let (Some(made_on), Some(by)) = (day(r, 2)?, day(r, 3)?) else {
            continue;
        };
        let book = books.entry(client).or_default();
        index.insert(id, (client, book.promises.len()));
        book.promises.push(Promised {
            id,
            made: PromiseMade {
                made_on,
                by,
                amount: r.get(4)?,
            },
            currency: r.get(5)?,
            covers: r.get::<_, Option<String>>(6)?.into_iter().collect(),
        });
    }
    if !index.is_empty() {
        let mut st = conn.prepare_cached(
            "SELECT pi.activity_id, i.number FROM promise_invoices pi \
             JOIN invoices i ON i.id = pi.invoice_id \
             WHERE i.client_id IN (SELECT value FROM json_each(:ids)) \
             ORDER BY pi.activity_id, i.number",
        )?;
        let mut rows = st.query(named_params! {":ids": list})?;
        while let Some(r) = rows.next()? {
            if let Some(&(client, k)) = index.get(&r.get::<_, i64>(0)?)
                && let Some(book) = books.get_mut(&client)
            {
                book.promises[k].covers.push(r.get(1)?);
            }
        }
    }
    let clients: Vec<i64> = books
        .iter()
        .filter(|(_, b)| !b.promises.is_empty())
        .map(|(&c, _)| c)
        .collect();
    if clients.is_empty() {
        return Ok(books);
    }
    let list = serde_json::to_string(&clients)
        .map_err(|e| StoreError::Invalid(format!("client ids: {e}")))?;
    let mut st = conn.prepare_cached(
        "SELECT client_id, number, issued_on, due_on, currency, amount, written_off, written_off_on \
         FROM invoices WHERE client_id IN (SELECT value FROM json_each(:ids)) AND issued_on <= :as_of \
         ORDER BY client_id, due_on, number",
    )?;
    let mut rows = st.query(named_params! {":ids": list, ":as_of": as_of})?;
    while let Some(r) = rows.next()? {
        if let Some(book) = books.get_mut(&r.get::<_, i64>(0)?) {
            book.invoices.push(Owed {
                number: r.get(1)?,
                issued_on: r.get::<_, Day>(2)?.0,
                due_on: r.get::<_, Day>(3)?.0,
                currency: r.get(4)?,
                amount: r.get(5)?,
                written_off: r.get(6)?,
                written_off_on: day(r, 7)?,
            });
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT i.client_id, i.number, p.received_on, p.amount \
         FROM payments_in_force p JOIN invoices i ON i.id = p.invoice_id \
         WHERE i.client_id IN (SELECT value FROM json_each(:ids)) AND p.received_on <= :as_of \
         ORDER BY i.client_id, p.received_on, p.id",
    )?;
    let mut rows = st.query(named_params! {":ids": list, ":as_of": as_of})?;
    while let Some(r) = rows.next()? {
        if let Some(book) = books.get_mut(&r.get::<_, i64>(0)?) {
            book.payments.push(Paid {
                invoice: r.get(1)?,
                on: r.get::<_, Day>(2)?.0,
                amount: r.get(3)?,
            });
        }
    }
    Ok(books)
}

/// The promise book of the client coded `code` as of `as_of` (empty when
/// there is no such client).
pub fn of_client(conn: &Connection, code: &str, as_of: NaiveDate) -> Result<PromiseBook> {
    use rusqlite::OptionalExtension;
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM clients WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    let Some(id) = id else {
        return Ok(PromiseBook::default());
    };
    Ok(of_clients(conn, &[id], as_of)?
        .remove(&id)
        .unwrap_or_default())
}

/// The open invoices of the client with row id `client_id` in `currency`
/// overdue on `on`, deposits aside: the numbers of those disputed, and how
/// many are not. What a promise for the whole overdue account covers.
pub fn overdue_disputed(
    conn: &Connection,
    client_id: i64,
    currency: Currency,
    on: NaiveDate,
) -> Result<(Vec<String>, usize)> {
    let mut st = conn.prepare_cached(
        "SELECT number, disputed FROM invoices \
         WHERE client_id = ?1 AND currency = ?2 AND settled_on IS NULL AND is_deposit = 0 \
           AND due_on < ?3 ORDER BY due_on, number",
    )?;
    let mut rows = st.query(rusqlite::params![client_id, currency, SqlDate::new(on)])?;
    let (mut disputed, mut others) = (Vec::new(), 0usize);
    while let Some(r) = rows.next()? {
        if r.get::<_, bool>(1)? {
            disputed.push(r.get(0)?);
        } else {
            others += 1;
        }
    }
    Ok((disputed, others))
}
