//! Payments: the triggers of the schema keep each invoice's paid total,
//! latest payment date and settled date in step.

use rusqlite::{Connection, params};

use super::error::Result;
use super::sql;
use crate::domain::currency::Currency;
use crate::domain::payment::Payment;

/// Records a payment against the invoice with row id `invoice_id`.
/// With an `import_key` already present, nothing is written and `false` is
/// returned: re-importing the same line changes nothing.
pub fn insert(
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
         ON CONFLICT (import_key) DO NOTHING",
    )?;
    let n = st.execute(params![
        invoice_id,
        p.received_on,
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

/// Whether a payment with this import key exists.
pub fn has_import_key(conn: &Connection, key: &str) -> Result<bool> {
    let mut st = conn.prepare_cached("SELECT 1 FROM payments WHERE import_key = ?1")?;
    Ok(st.exists([key])?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM payments", [], |r| r.get(0))?)
}
