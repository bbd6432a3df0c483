//! The columns of `clients` the store derives for the clients list and
//! search (migration 011): the search keys (the rule of
//! [`crate::domain::search`]) and the balance of the open invoices with
//! the oldest due date. Every write transaction ends by bringing those of
//! the clients named in `changes` since the last time up to date, so a
//! program writing to the file without dun is followed at dun's next
//! write; until then [`holds`] says the balances cannot be trusted, and
//! the search keys fall back to folding in SQL.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::Result;
use crate::domain::search::{client_key, digits, fold};

/// The clients a search finds, as SQL on `clients c` with the parameters
/// `:q` (the needle's folded text) and `:digits` (its digits when it is
/// written like a phone number, else a text no phone holds): by the
/// stored key, or folding in SQL for a client written without dun since.
pub const CLIENT_MATCH: &str = "(instr(coalesce(c.search_key, dun_fold(c.code || char(8232) \
     || c.name || char(8232) || coalesce(c.email, ''))), :q) > 0 \
     OR instr(coalesce(c.phone_digits, ''), :digits) > 0)";

/// The `:digits` of a needle that is not a phone number.
pub const NO_DIGITS: &str = "x";

/// Brings the derived columns of every client changed since the last
/// refresh up to date, then forgets old changes. Cheap when the changes
/// are journal entries only (a note, a call).
pub fn refresh(conn: &Connection) -> Result<()> {
    let mark = mark(conn)?;
    let end = super::changes::end(conn)?;
    if end == mark {
        return Ok(());
    }
    let mut st = conn.prepare_cached(
        "SELECT 1 FROM changes WHERE seq > ?1 AND what = 'all' \
         OR seq = (SELECT min(seq) FROM changes) AND seq > ?1 + 1 LIMIT 1",
    )?;
    if st.exists([mark])? {
        refresh_all(conn)?;
    } else {
        let mut st = conn.prepare_cached(
            "SELECT DISTINCT client_id FROM changes \
             WHERE seq > ?1 AND what IN ('invoice', 'client') AND client_id IS NOT NULL",
        )?;
        let ids = st
            .query_map([mark], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids {
            refresh_client(conn, id)?;
        }
    }
    conn.prepare_cached("UPDATE change_marks SET seq = ?1 WHERE name = 'clients'")?
        .execute([end])?;
    super::changes::prune(conn)
}

/// How far the derived columns followed `changes`.
fn mark(conn: &Connection) -> Result<i64> {
    let mut st = conn.prepare_cached("SELECT seq FROM change_marks WHERE name = 'clients'")?;
    Ok(st.query_row([], |r| r.get(0))?)
}

/// The balance of the client `c`'s open invoices in its currency, the
/// oldest due date among them, and the latest day one was issued, paid or
/// written off.
const BALANCE: &str = "SELECT coalesce(sum(i.amount - i.paid - i.written_off), 0), min(i.due_on), \
       max(max(i.issued_on, coalesce(i.last_paid_on, ''), coalesce(i.written_off_on, ''))) \
     FROM invoices i WHERE i.client_id = c.id AND i.settled_on IS NULL \
       AND i.currency = c.currency AND i.amount - i.paid - i.written_off > 0";

/// One client's keys and balance.
fn refresh_client(conn: &Connection, id: i64) -> Result<()> {
    let mut st =
        conn.prepare_cached("SELECT code, name, email, phone FROM clients WHERE id = ?1")?;
    let mut rows = st.query([id])?;
    let Some(r) = rows.next()? else {
        return Ok(());
    };
    let (code, name, email, phone): (String, String, Option<String>, Option<String>) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    drop(rows);
    conn.prepare_cached(&format!(
        "UPDATE clients AS c SET search_key = ?2, folded_name = ?3, phone_digits = ?4, \
           (balance, oldest_due_on, latest_on) = ({BALANCE}) WHERE c.id = ?1"
    ))?
    .execute(params![
        id,
        client_key(&code, &name, email.as_deref()),
        fold(&name),
        phone.as_deref().map(digits),
    ])?;
    Ok(())
}

/// Every client's keys and balance: in Rust for the keys, one aggregate
/// over the open invoices' index for the balances.
pub fn refresh_all(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare("SELECT id, code, name, email, phone FROM clients")?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = conn.prepare(
        "UPDATE clients SET search_key = ?2, folded_name = ?3, phone_digits = ?4 WHERE id = ?1",
    )?;
    for (id, code, name, email, phone) in rows {
        update.execute(params![
            id,
            client_key(&code, &name, email.as_deref()),
            fold(&name),
            phone.as_deref().map(digits),
        ])?;
    }
    // `+client_id`: read the small index of the open invoices, not every
    // invoice in client order.
    conn.execute_batch(
        "UPDATE clients SET balance = 0, oldest_due_on = NULL, latest_on = NULL \
           WHERE balance <> 0 OR oldest_due_on IS NOT NULL OR latest_on IS NOT NULL; \
         UPDATE clients AS c SET balance = b.balance, oldest_due_on = b.oldest, \
           latest_on = b.latest \
         FROM (SELECT client_id, currency, sum(amount - paid - written_off) AS balance, \
                 min(due_on) AS oldest, \
                 max(max(issued_on, coalesce(last_paid_on, ''), coalesce(written_off_on, ''))) \
                   AS latest \
               FROM invoices WHERE settled_on IS NULL AND amount - paid - written_off > 0 \
               GROUP BY +client_id, currency) AS b \
         WHERE b.client_id = c.id AND b.currency = c.currency",
    )?;
    Ok(())
}

/// The fill of migration 011: every client's keys and balance.
pub fn fill(conn: &Connection) -> Result<()> {
    refresh_all(conn)?;
    let end = super::changes::end(conn)?;
    conn.execute(
        "UPDATE change_marks SET seq = ?1 WHERE name = 'clients'",
        [end],
    )?;
    Ok(())
}

/// Whether the stored balances answer for `as_of`: they followed every
/// change, no open invoice was issued, paid or written off after
/// `as_of`, and none was settled after it.
pub fn holds(conn: &Connection, as_of: NaiveDate) -> Result<bool> {
    if mark(conn)? != super::changes::end(conn)? {
        // Written since without dun (dun's writes refresh before they
        // commit).
        let mut st = conn.prepare_cached(
            "SELECT 1 FROM changes WHERE seq > ?1 AND what IN ('invoice', 'client', 'all') LIMIT 1",
        )?;
        if st.exists([mark(conn)?])? {
            return Ok(false);
        }
    }
    let day = super::sql::SqlDate::new(as_of);
    let mut st = conn.prepare_cached("SELECT max(latest_on) FROM clients")?;
    let latest: Option<String> = st.query_row([], |r| r.get(0))?;
    if latest.is_some_and(|l| l.as_str() > day.as_str()) {
        return Ok(false);
    }
    let mut st = conn.prepare_cached(
        "SELECT 1 FROM invoices WHERE settled_on > ?1 AND settled_on IS NOT NULL LIMIT 1",
    )?;
    Ok(!st.exists([day])?)
}
