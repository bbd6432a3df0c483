//! Invoices: insert and look up by number.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::payments;
use super::sql::{self, SqlDate};
use crate::domain::currency::Currency;
use crate::domain::invoice::Invoice;
use crate::domain::money::Money;
use crate::domain::payment::Payment;
use crate::domain::payment_reference::{self, Scheme};

/// An invoice as stored, with what the payment triggers keep up to date.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredInvoice {
    pub id: i64,
    pub client_id: i64,
    pub invoice: Invoice,
    /// Sum of all payments (minor units).
    pub paid: i64,
    /// Sum of all write-offs (minor units).
    pub written_off: i64,
    pub settled_on: Option<NaiveDate>,
    /// The reference the client quotes when paying (compact form).
    pub payment_reference: Option<String>,
}

impl StoredInvoice {
    /// What is still owed today: neither paid nor written off (minor units).
    pub fn outstanding(&self) -> i64 {
        self.invoice.amount.minor - self.paid - self.written_off
    }
}

/// Writes `amount` (minor units) off the invoice with row id `invoice_id`
/// on `on`, beside the journal's `write_off` entry: it leaves what is
/// outstanding, and an invoice written off in full is settled that day.
/// Refuses more than is outstanding.
pub fn write_off(conn: &Connection, invoice_id: i64, amount: i64, on: NaiveDate) -> Result<()> {
    let mut st = conn.prepare_cached(
        "UPDATE invoices SET \
             written_off = written_off + ?2, \
             written_off_on = max(coalesce(written_off_on, ?3), ?3), \
             settled_on = CASE WHEN paid + written_off + ?2 = amount \
                 THEN max(coalesce(last_paid_on, ?3), coalesce(written_off_on, ?3), ?3) END \
         WHERE id = ?1 AND paid + written_off + ?2 <= amount",
    )?;
    let n = st.execute(rusqlite::params![
        invoice_id,
        amount,
        super::sql::SqlDate::new(on)
    ])?;
    if n == 0 {
        return Err(super::StoreError::Invalid(
            "a write-off never exceeds what is outstanding".into(),
        ));
    }
    Ok(())
}

/// Inserts an invoice for the client with row id `client_id`; returns its row
/// id, or `None` when an invoice with this number exists already (nothing written).
pub fn insert(conn: &Connection, client_id: i64, inv: &Invoice) -> Result<Option<i64>> {
    insert_paid(conn, client_id, inv, &[], "")
}

/// Inserts an invoice together with payments already received on it, in one
/// go (the paid total written once, not moved on payment by payment).
/// `None` when an invoice with this number exists already: nothing is written.
pub fn insert_paid(
    conn: &Connection,
    client_id: i64,
    inv: &Invoice,
    payments: &[Payment],
    user: &str,
) -> Result<Option<i64>> {
    let currency = inv.amount.currency;
    let (paid, last_paid_on, settled_on) = payments::totals(inv.amount.minor, payments);
    if paid > inv.amount.minor {
        return Err(StoreError::Invalid(format!(
            "payments of {} on invoice {} exceed its amount {}",
            Money::new(paid, currency),
            inv.number,
            inv.amount
        )));
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO invoices (number, client_id, issued_on, due_on, amount, currency, milestone, \
         is_deposit, paid, last_paid_on, settled_on, created_at, payment_reference) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (number) DO NOTHING",
    )?;
    let reference = payment_reference::for_invoice(&inv.number, currency, scheme(conn)?);
    let n = st.execute(params![
        inv.number,
        client_id,
        SqlDate::new(inv.issued_on),
        SqlDate::new(inv.due_on),
        inv.amount.minor,
        currency,
        inv.milestone,
        inv.is_deposit,
        paid,
        last_paid_on.map(SqlDate::new),
        settled_on.map(SqlDate::new),
        sql::now(),
        reference,
    ])?;
    if n == 0 {
        return Ok(None);
    }
    let id = conn.last_insert_rowid();
    for p in payments {
        payments::insert_row(conn, id, p, currency, None, user)?;
    }
    Ok(Some(id))
}

/// The invoice with this number.
pub fn find(conn: &Connection, number: &str) -> Result<Option<StoredInvoice>> {
    let mut st = conn.prepare_cached(
        "SELECT i.id, i.client_id, c.code, i.issued_on, i.due_on, i.amount, i.currency, \
         i.milestone, i.is_deposit, i.paid, i.settled_on, i.payment_reference, i.written_off \
         FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.number = ?1",
    )?;
    let found = st
        .query_row([number], |r| {
            let currency: Currency = r.get(6)?;
            Ok(StoredInvoice {
                id: r.get(0)?,
                client_id: r.get(1)?,
                invoice: Invoice {
                    number: number.to_string(),
                    client_code: r.get(2)?,
                    issued_on: r.get(3)?,
                    due_on: r.get(4)?,
                    amount: Money::new(r.get(5)?, currency),
                    milestone: r.get(7)?,
                    is_deposit: r.get(8)?,
                },
                paid: r.get(9)?,
                written_off: r.get(12)?,
                settled_on: r.get(10)?,
                payment_reference: r.get(11)?,
            })
        })
        .optional()?;
    Ok(found)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM invoices", [], |r| r.get(0))?)
}

/// The payment reference scheme the team chose: KIDs for NOK invoices when
/// the team setting `payments.kid` is `true`, RF references otherwise.
pub fn scheme(conn: &Connection) -> Result<Scheme> {
    let mut st = conn.prepare_cached("SELECT value FROM settings WHERE key = 'payments.kid'")?;
    let value: Option<String> = st.query_row([], |r| r.get(0)).optional()?;
    Ok(match value.as_deref().map(str::trim) {
        Some("true") => Scheme::KidForNok,
        _ => Scheme::Rf,
    })
}

/// Gives every invoice without a payment reference the one its number and
/// currency give under the team's scheme.
pub fn fill_payment_references(conn: &Connection) -> Result<()> {
    let scheme = scheme(conn)?;
    let mut read =
        conn.prepare("SELECT id, number, currency FROM invoices WHERE payment_reference IS NULL")?;
    let rows = read
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Currency>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut write = conn.prepare("UPDATE invoices SET payment_reference = ?1 WHERE id = ?2")?;
    for (id, number, currency) in rows {
        if let Some(reference) = payment_reference::for_invoice(&number, currency, scheme) {
            write.execute(params![reference, id])?;
        }
    }
    Ok(())
}
