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
/// the invoices it had by then; one naming a few (`promise_invoices`)
/// covers those.
pub const INVOICE_FACTS: &str = "\
    (SELECT count(*) FROM activities_in_force a WHERE a.invoice_id = i.id AND a.kind = 'reminder' \
       AND a.on_date <= :as_of AND a.level >= 1), \
    (SELECT max(a.on_date) FROM activities_in_force a WHERE a.invoice_id = i.id AND a.kind = 'reminder' \
       AND a.on_date <= :as_of AND a.level = 0), \
    (SELECT max(a.on_date) FROM activities_in_force a WHERE a.invoice_id = i.id \
       AND a.kind IN ('reminder', 'formal_notice') AND a.on_date <= :as_of), \
    (SELECT max(a.on_date) FROM activities_in_force a WHERE a.invoice_id = i.id \
       AND a.kind = 'formal_notice' AND a.on_date <= :as_of), \
    (SELECT p.date FROM (SELECT a.date, a.on_date, a.id FROM activities_in_force a \
         WHERE a.invoice_id = i.id AND a.kind = 'promise' AND a.on_date <= :as_of \
       UNION ALL SELECT a.date, a.on_date, a.id FROM promise_invoices pi \
         JOIN activities_in_force a ON a.id = pi.activity_id \
         WHERE pi.invoice_id = i.id AND a.on_date <= :as_of \
       UNION ALL SELECT a.date, a.on_date, a.id FROM activities_in_force a \
         WHERE a.client_id = i.client_id AND a.kind = 'promise' AND a.invoice_id IS NULL \
         AND a.on_date <= :as_of AND a.on_date >= i.issued_on \
         AND NOT EXISTS (SELECT 1 FROM promise_invoices x WHERE x.activity_id = a.id)) p \
       ORDER BY p.on_date DESC, p.id DESC LIMIT 1), \
    coalesce((SELECT a.kind = 'dispute' FROM activities_in_force a WHERE a.invoice_id = i.id \
       AND a.kind IN ('dispute', 'dispute_resolved') AND a.on_date <= :as_of \
       ORDER BY a.on_date DESC, a.id DESC LIMIT 1), 0)";

/// Whether the entry `a` is a contact with its client: a call that reached
/// someone (not one with no answer, a voicemail or a wrong number), an
/// e-mail, a letter sent (not a signed receipt coming back), a visit done.
/// The minimum gap and a next action date count from contacts only.
pub const CONTACT: &str = "(a.kind IN ('email', 'reminder', 'formal_notice', 'statement') \
     OR (a.kind = 'call' AND a.outcome IS NOT 'no_answer' AND a.outcome IS NOT 'voicemail' \
         AND a.outcome IS NOT 'wrong_number') \
     OR (a.kind = 'letter' AND a.outcome IS NOT 'acknowledged') \
     OR (a.kind = 'visit' AND a.outcome = 'done'))";

/// A letter sent by registered mail (not the receipt that comes back).
const REGISTERED: &str = "(a.registered = 1 AND a.outcome IS NOT 'acknowledged')";

/// Latest contact, next action date, snooze end, planned visit, hold end,
/// latest reached call, pilot-end notice, deposit request's deadline,
/// registered letter and acknowledged letter of the client `c`, from
/// entries on or before `:as_of`. A planned visit is not a contact; a
/// visit done is.
pub fn client_facts() -> String {
    format!(
        "(SELECT max(a.on_date) FROM activities_in_force a WHERE a.client_id = c.id AND a.on_date <= :as_of \
           AND {CONTACT}), \
        (SELECT a.next_action_on FROM activities_in_force a WHERE a.client_id = c.id \
           AND a.next_action_on IS NOT NULL AND a.on_date <= :as_of \
           ORDER BY a.on_date DESC, a.id DESC LIMIT 1), \
        (SELECT max(a.date) FROM activities_in_force a WHERE a.client_id = c.id AND a.kind = 'snooze' \
           AND a.on_date <= :as_of), \
        (SELECT CASE WHEN a.outcome = 'planned' THEN a.date END FROM activities_in_force a \
           WHERE a.client_id = c.id AND a.kind = 'visit' AND a.on_date <= :as_of \
           ORDER BY a.on_date DESC, a.id DESC LIMIT 1), \
        (SELECT max(a.date) FROM activities_in_force a WHERE a.client_id = c.id AND a.kind = 'hold' \
           AND a.on_date <= :as_of), \
        (SELECT max(a.on_date) FROM activities_in_force a WHERE a.client_id = c.id AND a.kind = 'call' \
           AND a.outcome = 'reached' AND a.on_date <= :as_of), \
        (SELECT max(a.on_date) FROM activities_in_force a WHERE a.client_id = c.id AND a.kind = 'letter' \
           AND a.reason = 'pilot_end_notice' AND a.on_date <= :as_of), \
        (SELECT max(coalesce(a.date, a.on_date)) FROM activities_in_force a WHERE a.client_id = c.id \
           AND a.kind = 'letter' AND a.reason = 'deposit_request' AND a.on_date <= :as_of), \
        (SELECT max(a.on_date) FROM activities_in_force a WHERE a.client_id = c.id AND {REGISTERED} \
           AND a.on_date <= :as_of), \
        (SELECT max(r.on_date) FROM activities_in_force a JOIN activities_in_force r ON r.id = a.refers_to \
           WHERE a.client_id = c.id AND a.outcome = 'acknowledged' AND a.on_date <= :as_of)"
    )
}

/// The letters of each client and currency on or before `:as_of`: the
/// latest day each step went and the latest deadline given, as rows of
/// `(client_id, currency, courtesy_on, reminder1_on, reminder2_on,
/// reminder3_on, notice_on, deadline_on)`; `{clients}` narrows them.
pub fn case_facts(clients: &str) -> String {
    format!(
        "SELECT a.client_id, i.currency, \
           max(a.on_date) FILTER (WHERE a.kind = 'reminder' AND a.level = 0), \
           max(a.on_date) FILTER (WHERE a.kind = 'reminder' AND a.level = 1), \
           max(a.on_date) FILTER (WHERE a.kind = 'reminder' AND a.level = 2), \
           max(a.on_date) FILTER (WHERE a.kind = 'reminder' AND a.level >= 3), \
           max(a.on_date) FILTER (WHERE a.kind = 'formal_notice'), \
           max(coalesce(a.date, a.on_date)) \
         FROM activities_in_force a JOIN invoices i ON i.id = a.invoice_id \
         WHERE a.kind IN ('reminder', 'formal_notice') AND a.on_date <= :as_of {clients} \
         GROUP BY a.client_id, i.currency"
    )
}

const INVOICE_COLUMNS: &str =
    "(reminder_level, courtesy_on, reminded_on, notice_on, promised_for, disputed)";
const CLIENT_COLUMNS: &str = "(last_contact_on, next_action_on, snoozed_until, visit_on, held_until, \
     reached_on, pilot_notice_on, deposit_request_until, registered_on, acknowledged_on)";

/// The id of the journal's latest entry (0 when empty).
pub fn journal_end(conn: &Connection) -> Result<i64> {
    let mut st = conn.prepare_cached("SELECT coalesce(max(id), 0) FROM activities")?;
    Ok(st.query_row([], |r| r.get(0))?)
}

/// Brings the cached standing of the clients and invoices named by the
/// entries appended after entry `after` up to date, set-wise. Every write
/// transaction ends with it, so no writer can forget it. A correction
/// names what the entry it corrects named (a correction of a promise for
/// the whole account: every open invoice of the client). A promise naming
/// a few invoices names them all, settled ones too: a queue of a day
/// before they were paid reads their promised date.
pub fn refresh_since(conn: &Connection, after: i64) -> Result<()> {
    let sql = format!(
        "UPDATE invoices AS i SET {INVOICE_COLUMNS} = (SELECT {INVOICE_FACTS}) \
         WHERE i.id IN (SELECT invoice_id FROM activities \
                        WHERE id > :after AND invoice_id IS NOT NULL) \
            OR i.id IN (SELECT pi.invoice_id FROM promise_invoices pi \
                        WHERE pi.activity_id IN (SELECT id FROM activities WHERE id > :after \
                          UNION ALL SELECT refers_to FROM activities \
                          WHERE id > :after AND kind = 'correction')) \
            OR (i.settled_on IS NULL AND i.client_id IN (SELECT client_id FROM activities \
                        WHERE id > :after AND invoice_id IS NULL \
                          AND kind IN ('promise', 'correction')))"
    );
    conn.prepare_cached(&sql)?
        .execute(named_params! {":as_of": EVER, ":after": after})?;
    let sql = format!(
        "UPDATE clients AS c SET {CLIENT_COLUMNS} = (SELECT {}) \
         WHERE c.id IN (SELECT client_id FROM activities WHERE id > :after)",
        client_facts()
    );
    conn.prepare_cached(&sql)?
        .execute(named_params! {":as_of": EVER, ":after": after})?;
    let touched = "(SELECT client_id FROM activities WHERE id > :after)";
    conn.prepare_cached(&format!("DELETE FROM cases WHERE client_id IN {touched}"))?
        .execute(named_params! {":after": after})?;
    conn.prepare_cached(&format!(
        "INSERT INTO cases {}",
        case_facts(&format!("AND a.client_id IN {touched}"))
    ))?
    .execute(named_params! {":as_of": EVER, ":after": after})?;
    Ok(())
}

/// Recomputes every cached standing from the journal (when the cache
/// columns are created).
pub fn refresh_all(conn: &Connection) -> Result<()> {
    refresh_since(conn, 0)
}

/// From this many new entries, [`refresh_after_write`] recomputes every
/// standing set-wise instead of one client and invoice at a time.
const SET_WISE: i64 = 20_000;

/// What every write transaction ends with: the standings touched by the
/// entries appended after entry `after`, one by one for a few entries,
/// all of them set-wise after a bulk load.
pub fn refresh_after_write(conn: &Connection, after: i64) -> Result<()> {
    if journal_end(conn)? - after >= SET_WISE {
        refresh_all_set_wise(conn)
    } else {
        refresh_since(conn, after)
    }
}

/// The latest entry of a group first: `on_date`, then insertion order.
const LATEST: &str = "max(on_date || '#' || printf('%015d', id))";

/// [`refresh_all`] as a few aggregates over the whole journal: the same
/// answers (a test compares them), many times faster for a million rows.
/// Uses SQLite's rule that with one `max()` the other columns come from
/// the row holding it.
pub fn refresh_all_set_wise(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "UPDATE invoices AS i SET reminder_level = f.lvl, courtesy_on = f.courtesy, \
             reminded_on = f.reminded, notice_on = f.notice \
         FROM (SELECT invoice_id, \
                 count(*) FILTER (WHERE kind = 'reminder' AND level >= 1) AS lvl, \
                 max(on_date) FILTER (WHERE kind = 'reminder' AND level = 0) AS courtesy, \
                 max(on_date) FILTER (WHERE kind IN ('reminder', 'formal_notice')) AS reminded, \
                 max(on_date) FILTER (WHERE kind = 'formal_notice') AS notice \
               FROM activities_in_force WHERE invoice_id IS NOT NULL GROUP BY invoice_id) AS f \
         WHERE i.id = f.invoice_id; \
         UPDATE invoices AS i SET disputed = (f.kind = 'dispute') \
         FROM (SELECT invoice_id, kind, {LATEST} FROM activities_in_force \
               WHERE invoice_id IS NOT NULL AND kind IN ('dispute', 'dispute_resolved') \
               GROUP BY invoice_id) AS f \
         WHERE i.id = f.invoice_id; \
         WITH named AS (SELECT invoice_id, date, on_date, id FROM activities_in_force \
                        WHERE kind = 'promise' AND invoice_id IS NOT NULL \
                      UNION ALL SELECT pi.invoice_id, a.date, a.on_date, a.id \
                        FROM promise_invoices pi JOIN activities_in_force a ON a.id = pi.activity_id) \
         UPDATE invoices AS i SET promised_for = f.date \
         FROM (SELECT invoice_id, date, {LATEST} FROM named GROUP BY invoice_id) AS f \
         WHERE i.id = f.invoice_id; \
         WITH named AS (SELECT invoice_id, on_date, id FROM activities_in_force \
                        WHERE kind = 'promise' AND invoice_id IS NOT NULL \
                      UNION ALL SELECT pi.invoice_id, a.on_date, a.id \
                        FROM promise_invoices pi JOIN activities_in_force a ON a.id = pi.activity_id), \
              own AS (SELECT invoice_id, {LATEST} AS k FROM named GROUP BY invoice_id), \
              account AS (SELECT client_id, date, on_date, {LATEST} AS k FROM activities_in_force a \
                      WHERE kind = 'promise' AND invoice_id IS NULL \
                        AND NOT EXISTS (SELECT 1 FROM promise_invoices x WHERE x.activity_id = a.id) \
                      GROUP BY client_id) \
         UPDATE invoices AS i SET promised_for = \
             CASE WHEN coalesce((SELECT own.k FROM own WHERE own.invoice_id = i.id), '') \
                       >= account.k THEN i.promised_for ELSE account.date END \
         FROM account WHERE i.client_id = account.client_id AND i.issued_on <= account.on_date; \
         UPDATE clients AS c SET last_contact_on = f.contact, snoozed_until = f.snooze, \
             held_until = f.hold, reached_on = f.reached, pilot_notice_on = f.pilot, \
             deposit_request_until = f.deposit, registered_on = f.registered \
         FROM (SELECT a.client_id, \
                 max(a.on_date) FILTER (WHERE {CONTACT}) AS contact, \
                 max(a.date) FILTER (WHERE a.kind = 'snooze') AS snooze, \
                 max(a.date) FILTER (WHERE a.kind = 'hold') AS hold, \
                 max(a.on_date) FILTER (WHERE a.kind = 'call' AND a.outcome = 'reached') AS reached, \
                 max(a.on_date) FILTER (WHERE a.kind = 'letter' AND a.reason = 'pilot_end_notice') \
                   AS pilot, \
                 max(coalesce(a.date, a.on_date)) FILTER (WHERE a.kind = 'letter' \
                   AND a.reason = 'deposit_request') AS deposit, \
                 max(a.on_date) FILTER (WHERE {REGISTERED}) AS registered \
               FROM activities_in_force a GROUP BY a.client_id) AS f \
         WHERE c.id = f.client_id; \
         UPDATE clients AS c SET acknowledged_on = f.acknowledged \
         FROM (SELECT a.client_id, max(r.on_date) AS acknowledged \
               FROM activities_in_force a JOIN activities_in_force r ON r.id = a.refers_to \
               WHERE a.outcome = 'acknowledged' GROUP BY a.client_id) AS f \
         WHERE c.id = f.client_id; \
         DELETE FROM cases; \
         INSERT INTO cases {cases}; \
         UPDATE clients AS c SET next_action_on = f.next_action_on \
         FROM (SELECT client_id, next_action_on, {LATEST} FROM activities_in_force \
               WHERE next_action_on IS NOT NULL GROUP BY client_id) AS f \
         WHERE c.id = f.client_id; \
         UPDATE clients AS c SET visit_on = CASE WHEN f.outcome = 'planned' THEN f.date END \
         FROM (SELECT client_id, outcome, date, {LATEST} FROM activities_in_force \
               WHERE kind = 'visit' GROUP BY client_id) AS f \
         WHERE c.id = f.client_id;",
        cases = case_facts("").replace(":as_of", "'9999-12-31'"),
    ))?;
    Ok(())
}

/// Refuses when an invoice of `invoices` no longer stands where
/// `standings` (beside it) says: another clerk logged a reminder, a
/// notice, a promise or a dispute since the letter was written.
pub fn unchanged(conn: &Connection, invoices: &[String], standings: &[String]) -> Result<()> {
    for (number, standing) in invoices.iter().zip(standings) {
        if invoice_standing(conn, number)? != *standing {
            return Err(super::StoreError::Invalid(format!(
                "invoice {number} changed since the letter was written (another clerk logged a reminder, a notice, a promise or a dispute): nothing was sent"
            )));
        }
    }
    Ok(())
}

/// Refuses when `client` already has a `kind` entry with `reason` on
/// `on`: the same letter, sent meanwhile by another clerk (the queue asks
/// for one letter a day to a client).
pub fn not_sent_today(
    conn: &Connection,
    client: &str,
    kind: crate::domain::activity::ActivityKind,
    reason: Option<&str>,
    on: NaiveDate,
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT count(*) FROM activities_in_force a JOIN clients c ON c.id = a.client_id \
         WHERE c.code = ?1 AND a.kind = ?2 AND a.reason IS ?3 AND a.on_date = ?4",
    )?;
    let n: i64 = st.query_row(rusqlite::params![client, kind, reason, on], |r| r.get(0))?;
    if n > 0 {
        return Err(super::StoreError::Invalid(format!(
            "{client} was sent this letter today already (by another clerk, meanwhile): nothing was sent"
        )));
    }
    Ok(())
}

/// The cached standing of invoice `number` as one text (reminder level,
/// courtesy, latest reminder, formal notice, promise, dispute): what a
/// letter written from it checks again before it is recorded as sent.
pub fn invoice_standing(conn: &Connection, number: &str) -> Result<String> {
    let mut st = conn.prepare_cached(
        "SELECT reminder_level || ',' || coalesce(courtesy_on, '') || ',' \
           || coalesce(reminded_on, '') || ',' || coalesce(notice_on, '') || ',' \
           || coalesce(promised_for, '') || ',' || disputed FROM invoices WHERE number = ?1",
    )?;
    Ok(st.query_row([number], |r| r.get(0))?)
}

/// Whether the cached standings answer for `as_of`: nothing in the journal
/// is dated after it.
pub fn cache_holds(conn: &Connection, as_of: NaiveDate) -> Result<bool> {
    let mut st = conn.prepare_cached("SELECT 1 FROM activities WHERE on_date > ?1 LIMIT 1")?;
    Ok(!st.exists([as_of])?)
}

/// The cached standing of every open invoice and every client, one text
/// each (`i12:2,,2026-11-02,,,0`), for comparing two ways of computing them.
pub fn cached_standings(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT 'i' || id || ':' || reminder_level || ',' || coalesce(courtesy_on, '') || ',' \
           || coalesce(reminded_on, '') || ',' || coalesce(notice_on, '') || ',' \
           || coalesce(promised_for, '') || ',' || disputed FROM invoices \
         WHERE settled_on IS NULL \
         UNION ALL SELECT 'c' || id || ':' || coalesce(last_contact_on, '') || ',' \
           || coalesce(next_action_on, '') || ',' || coalesce(snoozed_until, '') || ',' \
           || coalesce(visit_on, '') || ',' || coalesce(held_until, '') || ',' \
           || coalesce(reached_on, '') || ',' || coalesce(pilot_notice_on, '') || ',' \
           || coalesce(deposit_request_until, '') || ',' || coalesce(registered_on, '') || ',' \
           || coalesce(acknowledged_on, '') FROM clients \
         UNION ALL SELECT 'k' || client_id || currency || ':' || coalesce(courtesy_on, '') || ',' \
           || coalesce(reminder1_on, '') || ',' || coalesce(reminder2_on, '') || ',' \
           || coalesce(reminder3_on, '') || ',' || coalesce(notice_on, '') || ',' \
           || coalesce(deadline_on, '') FROM cases \
         ORDER BY 1",
    )?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

/// [`cached_standings`] computed from the journal as of `as_of` with the
/// same SQL the queue uses for a past date: for the end of time, the two
/// agree.
pub fn standings_as_of(conn: &Connection, as_of: NaiveDate) -> Result<Vec<String>> {
    let inv = format!("SELECT i.id, {INVOICE_FACTS} FROM invoices i WHERE i.settled_on IS NULL");
    let cli = format!("SELECT c.id, {} FROM clients c", client_facts());
    let mut out = Vec::new();
    let text = |r: &rusqlite::Row<'_>, n: usize| -> rusqlite::Result<String> {
        let mut parts = Vec::new();
        for k in 1..=n {
            let v: rusqlite::types::Value = r.get(k)?;
            parts.push(match v {
                rusqlite::types::Value::Null => String::new(),
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            });
        }
        Ok(parts.join(","))
    };
    let p = named_params! {":as_of": as_of};
    let mut st = conn.prepare(&inv)?;
    let mut rows = st.query(p)?;
    while let Some(r) = rows.next()? {
        out.push(format!("i{}:{}", r.get::<_, i64>(0)?, text(r, 6)?));
    }
    let mut st = conn.prepare(&cli)?;
    let mut rows = st.query(p)?;
    while let Some(r) = rows.next()? {
        out.push(format!("c{}:{}", r.get::<_, i64>(0)?, text(r, 10)?));
    }
    let mut st = conn.prepare(&case_facts(""))?;
    let mut rows = st.query(p)?;
    while let Some(r) = rows.next()? {
        let (id, cur): (i64, String) = (r.get(0)?, r.get(1)?);
        let mut parts = Vec::new();
        for k in 2..=7 {
            parts.push(r.get::<_, Option<String>>(k)?.unwrap_or_default());
        }
        out.push(format!("k{id}{cur}:{}", parts.join(",")));
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_wise_refresh_gives_the_same_standings_as_the_row_wise_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::Store::open(&dir.path().join("d.db")).unwrap();
        let today = "2026-11-22".parse().unwrap();
        crate::commands::demo::fill(&mut store, today, 400, "root").unwrap();
        store
            .write(|tx| {
                // A promise for a whole account, as well as the demo's own.
                tx.execute_batch(
                    "INSERT INTO activities (at, on_date, user, kind, client_id, date, amount) \
                     SELECT '2026-11-22T09:00:00Z', '2026-11-22', 'root', 'promise', client_id, \
                            '2026-11-30', 100 FROM invoices WHERE settled_on IS NULL LIMIT 1;",
                )?;
                refresh_all(tx)?;
                let row_wise = cached_standings(tx)?;
                assert!(row_wise.iter().any(|s| s.contains(",2026-11-30,")));
                assert!(row_wise.iter().any(|s| s.contains(",1") || s.contains(",2")));
                tx.execute_batch(
                    "UPDATE invoices SET reminder_level = 0, courtesy_on = NULL, reminded_on = NULL, \
                       notice_on = NULL, promised_for = NULL, disputed = 0; \
                     UPDATE clients SET last_contact_on = NULL, next_action_on = NULL, \
                       snoozed_until = NULL, visit_on = NULL, held_until = NULL, reached_on = NULL, \
                       pilot_notice_on = NULL, deposit_request_until = NULL, registered_on = NULL, \
                       acknowledged_on = NULL; DELETE FROM cases;",
                )?;
                refresh_all_set_wise(tx)?;
                assert_eq!(cached_standings(tx)?, row_wise);
                Ok::<_, crate::store::StoreError>(())
            })
            .unwrap();
    }
}
