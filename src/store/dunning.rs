//! Where each invoice and client stands in the dunning ladder, read from
//! the journal. The same SQL keeps the cached columns of `invoices` and
//! `clients` up to date after each activity (as of the end of time) and
//! answers for a past date (as of that date).

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::error::Result;

/// The journal's end of time: every entry counts.
pub const EVER: &str = "9999-12-31";

/// Reminder level, courtesy, latest reminder, formal notice, promised date
/// and dispute of the invoice `i`, from entries on or before `:as_of`. A
/// promise logged for the client as a whole (no invoice) covers each of
/// its invoices.
pub const INVOICE_FACTS: &str = "\
    (SELECT count(*) FROM activities a WHERE a.invoice_id = i.id AND a.kind = 'reminder' \
       AND a.on_date <= :as_of AND a.level >= 1), \
    (SELECT max(a.on_date) FROM activities a WHERE a.invoice_id = i.id AND a.kind = 'reminder' \
       AND a.on_date <= :as_of AND a.level = 0), \
    (SELECT max(a.on_date) FROM activities a WHERE a.invoice_id = i.id \
       AND a.kind IN ('reminder', 'formal_notice') AND a.on_date <= :as_of), \
    (SELECT max(a.on_date) FROM activities a WHERE a.invoice_id = i.id \
       AND a.kind = 'formal_notice' AND a.on_date <= :as_of), \
    (SELECT p.date FROM (SELECT a.date, a.on_date, a.id FROM activities a \
         WHERE a.invoice_id = i.id AND a.kind = 'promise' AND a.on_date <= :as_of \
       UNION ALL SELECT a.date, a.on_date, a.id FROM activities a \
         WHERE a.client_id = i.client_id AND a.kind = 'promise' AND a.invoice_id IS NULL \
         AND a.on_date <= :as_of) p \
       ORDER BY p.on_date DESC, p.id DESC LIMIT 1), \
    coalesce((SELECT a.kind = 'dispute' FROM activities a WHERE a.invoice_id = i.id \
       AND a.kind IN ('dispute', 'dispute_resolved') AND a.on_date <= :as_of \
       ORDER BY a.on_date DESC, a.id DESC LIMIT 1), 0)";

/// Latest contact, next action date, snooze end, planned visit and hold
/// end of the client `c`, from entries on or before `:as_of`. A planned
/// visit is not a contact; a visit done is.
pub const CLIENT_FACTS: &str = "\
    (SELECT max(a.on_date) FROM activities a WHERE a.client_id = c.id AND a.on_date <= :as_of \
       AND (a.kind IN ('call', 'email', 'letter', 'reminder', 'formal_notice', 'statement') \
            OR (a.kind = 'visit' AND a.outcome = 'done'))), \
    (SELECT a.next_action_on FROM activities a WHERE a.client_id = c.id \
       AND a.next_action_on IS NOT NULL AND a.on_date <= :as_of \
       ORDER BY a.on_date DESC, a.id DESC LIMIT 1), \
    (SELECT max(a.date) FROM activities a WHERE a.client_id = c.id AND a.kind = 'snooze' \
       AND a.on_date <= :as_of), \
    (SELECT CASE WHEN a.outcome = 'planned' THEN a.date END FROM activities a \
       WHERE a.client_id = c.id AND a.kind = 'visit' AND a.on_date <= :as_of \
       ORDER BY a.on_date DESC, a.id DESC LIMIT 1), \
    (SELECT max(a.date) FROM activities a WHERE a.client_id = c.id AND a.kind = 'hold' \
       AND a.on_date <= :as_of)";

const INVOICE_COLUMNS: &str =
    "(reminder_level, courtesy_on, reminded_on, notice_on, promised_for, disputed)";
const CLIENT_COLUMNS: &str =
    "(last_contact_on, next_action_on, snoozed_until, visit_on, held_until)";

/// The id of the journal's latest entry (0 when empty).
pub fn journal_end(conn: &Connection) -> Result<i64> {
    let mut st = conn.prepare_cached("SELECT coalesce(max(id), 0) FROM activities")?;
    Ok(st.query_row([], |r| r.get(0))?)
}

/// Brings the cached standing of the clients and invoices named by the
/// entries appended after entry `after` up to date, set-wise. Every write
/// transaction ends with it, so no writer can forget it.
pub fn refresh_since(conn: &Connection, after: i64) -> Result<()> {
    let sql = format!(
        "UPDATE invoices AS i SET {INVOICE_COLUMNS} = (SELECT {INVOICE_FACTS}) \
         WHERE i.id IN (SELECT invoice_id FROM activities \
                        WHERE id > :after AND invoice_id IS NOT NULL) \
            OR (i.settled_on IS NULL AND i.client_id IN (SELECT client_id FROM activities \
                        WHERE id > :after AND invoice_id IS NULL AND kind = 'promise'))"
    );
    conn.prepare_cached(&sql)?
        .execute(named_params! {":as_of": EVER, ":after": after})?;
    let sql = format!(
        "UPDATE clients AS c SET {CLIENT_COLUMNS} = (SELECT {CLIENT_FACTS}) \
         WHERE c.id IN (SELECT client_id FROM activities WHERE id > :after)"
    );
    conn.prepare_cached(&sql)?
        .execute(named_params! {":as_of": EVER, ":after": after})?;
    Ok(())
}

/// Recomputes every cached standing from the journal (when the cache
/// columns are created).
pub fn refresh_all(conn: &Connection) -> Result<()> {
    refresh_since(conn, 0)
}

/// Whether the cached standings answer for `as_of`: nothing in the journal
/// is dated after it.
pub fn cache_holds(conn: &Connection, as_of: NaiveDate) -> Result<bool> {
    let mut st = conn.prepare_cached("SELECT 1 FROM activities WHERE on_date > ?1 LIMIT 1")?;
    Ok(!st.exists([as_of])?)
}
