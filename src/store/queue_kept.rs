//! The follow-up queue kept in the database (migrations 013, 014), for
//! today and the next days, so that a workbench opened later shows it at
//! once instead of building it again. A cache: [`super::queue::queue`] is
//! the truth, and the use case that keeps it ([`crate::report::queue`])
//! only trusts the lines kept for the same day and fingerprint, brought up
//! to date with what changed since.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::queue::{FollowUp, order};
use super::sql::{Day, SqlDate, day};
use crate::domain::penalty::RateKey;
use crate::domain::queue::Reason;

/// What the kept lines are: the queue as of `as_of`, built with the rules
/// and rates of `fingerprint`, as the database stood at sequence number
/// `seq` of [`super::changes`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptMark {
    pub as_of: NaiveDate,
    pub fingerprint: String,
    pub seq: i64,
}

/// What the lines kept for `as_of` are, if any were kept.
pub fn mark(conn: &Connection, as_of: NaiveDate) -> Result<Option<KeptMark>> {
    let mut st =
        conn.prepare_cached("SELECT as_of, fingerprint, seq FROM queue_kept WHERE as_of = ?1")?;
    Ok(st
        .query_row([SqlDate::new(as_of)], |r| {
            Ok(KeptMark {
                as_of: r.get::<_, Day>(0)?.0,
                fingerprint: r.get(1)?,
                seq: r.get(2)?,
            })
        })
        .optional()?)
}

const COLUMNS: &str = "code, n, name, profile, country, clerk, rating, reason, reason_on, \
     reason_level, currency, amount, invoices, oldest_due_on, last_contact, invoice, \
     invoice_outstanding, reminder_level, deposit_requested, priority, held_series, held_period";

/// The days a queue is kept for, earliest first.
pub fn days(conn: &Connection) -> Result<Vec<NaiveDate>> {
    let mut st = conn.prepare_cached("SELECT as_of FROM queue_kept ORDER BY as_of")?;
    let days = st.query_map([], |r| Ok(r.get::<_, Day>(0)?.0))?;
    Ok(days.collect::<rusqlite::Result<_>>()?)
}

/// Every line kept for `as_of`, in the queue's order.
pub fn lines(conn: &Connection, as_of: NaiveDate) -> Result<Vec<FollowUp>> {
    let sql = format!("SELECT {COLUMNS} FROM queue_kept_lines WHERE as_of = ?1 ORDER BY code, n");
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query([SqlDate::new(as_of)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(line(r)?);
    }
    // Stable: one client's lines of equal rank keep the order they were
    // kept in, as [`super::queue::replace_clients`] keeps them.
    out.sort_by(order);
    Ok(out)
}

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::Invalid(format!("kept queue line: {what} {value:?}"))
}

fn line(r: &rusqlite::Row<'_>) -> Result<FollowUp> {
    let kind: String = r.get(7)?;
    let level: Option<u8> = r.get(9)?;
    let reason =
        Reason::from_parts(&kind, day(r, 8)?, level).ok_or_else(|| bad("reason", &kind))?;
    let invoices: String = r.get(12)?;
    let invoices: Vec<String> =
        serde_json::from_str(&invoices).map_err(|_| bad("invoices", &invoices))?;
    let priority: String = r.get(19)?;
    let priority = priority.parse().map_err(|_| bad("priority", &priority))?;
    let held = match (
        r.get::<_, Option<String>>(20)?,
        r.get::<_, Option<String>>(21)?,
    ) {
        (Some(series), Some(period)) => {
            Some(RateKey::parse(&series, &period).ok_or_else(|| bad("rate", &series))?)
        }
        _ => None,
    };
    Ok(FollowUp {
        code: r.get(0)?,
        name: r.get(2)?,
        profile: r.get(3)?,
        country: r.get(4)?,
        clerk: r.get(5)?,
        rating: r.get(6)?,
        reason,
        currency: r.get(10)?,
        amount: r.get(11)?,
        invoices,
        oldest_due_on: day(r, 13)?,
        last_contact: day(r, 14)?,
        invoice: r.get(15)?,
        invoice_outstanding: r.get(16)?,
        reminder_level: r.get(17)?,
        deposit_requested: r.get(18)?,
        priority,
        held,
    })
}

/// Keeps `lines` as the whole queue of `mark`, in place of what was kept
/// for its day, unless what is kept is newer (another clerk's workbench
/// kept a later state of the same day and rules).
pub fn keep_all(conn: &Connection, mark: &KeptMark, lines: &[FollowUp]) -> Result<bool> {
    if let Some(kept) = self::mark(conn, mark.as_of)?
        && kept.fingerprint == mark.fingerprint
        && kept.seq >= mark.seq
    {
        return Ok(false);
    }
    conn.prepare_cached("DELETE FROM queue_kept_lines WHERE as_of = ?1")?
        .execute([SqlDate::new(mark.as_of)])?;
    insert(conn, mark.as_of, lines)?;
    set_mark(conn, mark)?;
    Ok(true)
}

/// Replaces the kept lines of the clients `codes` by `lines` (theirs, as
/// of `mark`), when what is kept is exactly the state `from` they were
/// brought up from; otherwise keeps nothing (another workbench moved it).
pub fn keep_clients(
    conn: &Connection,
    from: &KeptMark,
    mark: &KeptMark,
    codes: &[String],
    lines: &[FollowUp],
) -> Result<bool> {
    if from.as_of != mark.as_of || self::mark(conn, from.as_of)?.as_ref() != Some(from) {
        return Ok(false);
    }
    let mut st =
        conn.prepare_cached("DELETE FROM queue_kept_lines WHERE as_of = ?1 AND code = ?2")?;
    for code in codes {
        st.execute(params![SqlDate::new(mark.as_of), code])?;
    }
    insert(conn, mark.as_of, lines)?;
    set_mark(conn, mark)?;
    Ok(true)
}

fn set_mark(conn: &Connection, mark: &KeptMark) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO queue_kept (as_of, fingerprint, seq) VALUES (?1, ?2, ?3) \
         ON CONFLICT (as_of) DO UPDATE SET \
         fingerprint = excluded.fingerprint, seq = excluded.seq",
    )?
    .execute(params![
        SqlDate::new(mark.as_of),
        mark.fingerprint,
        mark.seq
    ])?;
    Ok(())
}

fn insert(conn: &Connection, as_of: NaiveDate, lines: &[FollowUp]) -> Result<()> {
    let sql = format!(
        "INSERT INTO queue_kept_lines (as_of, {COLUMNS}) VALUES \
         (?23, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
          ?18, ?19, ?20, ?21, ?22)"
    );
    let mut st = conn.prepare_cached(&sql)?;
    // Numbered within each client, in the order given.
    let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for l in lines {
        let count = counts.entry(l.code.as_str()).or_insert(0);
        let n = *count;
        *count += 1;
        let (kind, on, level) = l.reason.parts();
        let invoices = serde_json::to_string(&l.invoices)
            .map_err(|e| StoreError::Invalid(format!("kept queue line: {e}")))?;
        let (series, period) = match l.held {
            Some(k) => (Some(k.table.key()), Some(k.period.key())),
            None => (None, None),
        };
        st.execute(params![
            l.code,
            n,
            l.name,
            l.profile,
            l.country,
            l.clerk,
            l.rating,
            kind,
            on.map(SqlDate::new),
            level,
            l.currency,
            l.amount,
            invoices,
            l.oldest_due_on.map(SqlDate::new),
            l.last_contact.map(SqlDate::new),
            l.invoice,
            l.invoice_outstanding,
            l.reminder_level,
            l.deposit_requested,
            l.priority.to_string(),
            series,
            period,
            SqlDate::new(as_of),
        ])?;
    }
    Ok(())
}

/// Forgets every kept queue: the next reader builds it whole.
pub fn forget(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM queue_kept; DELETE FROM queue_kept_lines;")?;
    Ok(())
}

/// Forgets the queues kept for days before `day`: nobody reads them.
pub fn forget_before(conn: &Connection, day: NaiveDate) -> Result<()> {
    let day = SqlDate::new(day);
    conn.prepare_cached("DELETE FROM queue_kept WHERE as_of < ?1")?
        .execute([&day])?;
    conn.prepare_cached("DELETE FROM queue_kept_lines WHERE as_of < ?1")?
        .execute([&day])?;
    Ok(())
}
