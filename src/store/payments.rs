//! Payments, and the paid total, latest payment date and settled date each
//! invoice keeps beside them. This file is the only place that writes them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::sql::{self, SqlDate};
use crate::domain::currency::Currency;
use crate::domain::money::Money;
use crate::domain::payment::Payment;

/// Records a payment against the invoice with row id `invoice_id` and moves
/// the invoice's paid total on. Refuses a payment in another currency or
/// larger than what is still due. With an `import_key` already present,
/// nothing is written and `false` is returned: re-importing the same line
/// changes nothing.
pub fn insert(
    conn: &Connection,
    invoice_id: i64,
    p: &Payment,
    currency: Currency,
    import_key: Option<&str>,
    user: &str,
) -> Result<bool> {
    Ok(insert_id(conn, invoice_id, p, currency, import_key, user)?.is_some())
}

/// [`insert`], returning the new payment's row id (what its journal entry
/// names), or `None` when nothing was written.
pub fn insert_id(
    conn: &Connection,
    invoice_id: i64,
    p: &Payment,
    currency: Currency,
    import_key: Option<&str>,
    user: &str,
) -> Result<Option<i64>> {
    let mut due = conn.prepare_cached(
        "SELECT amount - paid - written_off, currency, issued_on FROM invoices WHERE id = ?1",
    )?;
    let (open, invoice_currency, issued_on): (i64, Currency, NaiveDate) = due
        .query_row([invoice_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("no invoice with id {invoice_id}")))?;
    if p.received_on < issued_on {
        return Err(StoreError::Invalid(format!(
            "payment on {} is before invoice {} was issued ({issued_on})",
            p.received_on, p.invoice_number
        )));
    }
    if invoice_currency != currency {
        return Err(StoreError::Invalid(format!(
            "payment currency {currency} differs from the invoice currency {invoice_currency}"
        )));
    }
    if p.amount > open {
        return Err(StoreError::Invalid(format!(
            "payment of {} is larger than the outstanding {} of invoice {}",
            Money::new(p.amount, currency),
            Money::new(open, currency),
            p.invoice_number
        )));
    }
    if !insert_row(conn, invoice_id, p, currency, import_key, user)? {
        return Ok(None);
    }
    let id = conn.last_insert_rowid();
    let mut apply = conn.prepare_cached(
        "UPDATE invoices SET \
             paid = paid + ?2, \
             last_paid_on = max(coalesce(last_paid_on, ?3), ?3), \
             settled_on = CASE WHEN paid + written_off + ?2 = amount \
                 THEN max(coalesce(last_paid_on, ?3), coalesce(written_off_on, ?3), ?3) END \
         WHERE id = ?1",
    )?;
    apply.execute(params![invoice_id, p.amount, SqlDate::new(p.received_on)])?;
    Ok(Some(id))
}

/// Reverses the payment with row id `payment_id` (a bounced cheque, a
/// payment recorded by mistake): its invoice's paid total, latest payment
/// day and settled day become what they would be had it never been
/// received. The payment's row stays, as every row does; the correction
/// that names it (`payment_id`) takes it out of `payments_in_force`,
/// which the aging, the penalties and the letters read. Call it once that
/// correction is written. Returns the invoice's row id and the amount.
pub fn reverse(conn: &Connection, payment_id: i64) -> Result<(i64, i64)> {
    let mut st = conn.prepare_cached("SELECT invoice_id, amount FROM payments WHERE id = ?1")?;
    let (invoice_id, amount): (i64, i64) = st
        .query_row([payment_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("no payment with id {payment_id}")))?;
    let mut apply = conn.prepare_cached(
        "UPDATE invoices SET \
             paid = paid - ?2, \
             last_paid_on = (SELECT max(p.received_on) FROM payments_in_force p \
                             WHERE p.invoice_id = ?1), \
             settled_on = NULL \
         WHERE id = ?1 AND paid >= ?2",
    )?;
    if apply.execute(params![invoice_id, amount])? == 0 {
        return Err(StoreError::Invalid(format!(
            "payment {payment_id} is not counted in its invoice's paid total"
        )));
    }
    Ok((invoice_id, amount))
}

/// Writes the payment row alone; the caller keeps the invoice in step.
pub(super) fn insert_row(
    conn: &Connection,
    invoice_id: i64,
    p: &Payment,
    currency: Currency,
    import_key: Option<&str>,
    user: &str,
) -> Result<bool> {
    let mut st = conn.prepare_cached(
        "INSERT INTO payments (invoice_id, received_on, amount, currency, method, reference, \
         import_key, user, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING",
    )?;
    let n = st.execute(params![
        invoice_id,
        SqlDate::new(p.received_on),
        p.amount,
        currency,
        p.method,
        p.reference,
        import_key,
        user,
        sql::now(),
    ])?;
    Ok(n == 1)
}

/// Paid total, latest payment date and settled date after `payments`.
pub(super) fn totals(
    amount: i64,
    payments: &[Payment],
) -> (i64, Option<NaiveDate>, Option<NaiveDate>) {
    let paid: i64 = payments.iter().map(|p| p.amount).sum();
    let last = payments.iter().map(|p| p.received_on).max();
    (paid, last, if paid == amount { last } else { None })
}

/// Whether a payment with this import key exists.
pub fn has_import_key(conn: &Connection, key: &str) -> Result<bool> {
    let mut st = conn.prepare_cached("SELECT 1 FROM payments WHERE import_key = ?1")?;
    Ok(st.exists([key])?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM payments", [], |r| r.get(0))?)
}
