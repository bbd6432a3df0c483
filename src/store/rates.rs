//! The reference rates as stored: one row per rate a clerk set, the
//! append-only history of every change, and what decides the rates needed
//! today (the clients with open overdue invoices).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::error::Result;
use crate::domain::client::Profile;
use crate::domain::penalty::needed::Debtor;

/// One rate set by a clerk, as stored (checked again when read: see
/// [`crate::rates`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRate {
    /// `ecb`, `france_legal`, … as in `assets/rates.toml`.
    pub series: String,
    /// `2026-H2`, or a date `2026-06-30` for `uk_bank_rate`.
    pub period: String,
    /// The exact decimal text: `2.15`, `460`.
    pub value: String,
    pub source: String,
    pub set_by: String,
    /// RFC 3339, UTC.
    pub set_at: String,
}

/// Every rate set, by series and period.
pub fn all(conn: &Connection) -> Result<Vec<StoredRate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT series, period, value, source, set_by, set_at FROM reference_rates \
         ORDER BY series, period",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredRate {
            series: r.get(0)?,
            period: r.get(1)?,
            value: r.get(2)?,
            source: r.get(3)?,
            set_by: r.get(4)?,
            set_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The rate set for `series` and `period`, if a clerk set one.
pub fn find(conn: &Connection, series: &str, period: &str) -> Result<Option<StoredRate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT series, period, value, source, set_by, set_at FROM reference_rates \
         WHERE series = ?1 AND period = ?2",
    )?;
    Ok(stmt
        .query_row([series, period], |r| {
            Ok(StoredRate {
                series: r.get(0)?,
                period: r.get(1)?,
                value: r.get(2)?,
                source: r.get(3)?,
                set_by: r.get(4)?,
                set_at: r.get(5)?,
            })
        })
        .optional()?)
}

/// What a change replaces: the value and source in force before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Before<'a> {
    pub value: &'a str,
    pub source: &'a str,
}

/// Sets `series` `period` to `value` with its `source` and journals the
/// change from `before` (the value in force until now: a clerk's, the
/// shipped one, or none), inside the caller's write transaction.
pub fn put(
    conn: &Connection,
    (series, period): (&str, &str),
    (value, source): (&str, &str),
    before: Option<Before<'_>>,
    user: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let at = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    conn.execute(
        "INSERT INTO reference_rates (series, period, value, source, set_by, set_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (series, period) DO UPDATE SET value = excluded.value, \
         source = excluded.source, set_by = excluded.set_by, set_at = excluded.set_at",
        params![series, period, value, source, user, at],
    )?;
    conn.execute(
        "INSERT INTO reference_rate_changes \
         (at, user, series, period, old_value, old_source, new_value, new_source) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            at,
            user,
            series,
            period,
            before.as_ref().map(|b| b.value),
            before.as_ref().map(|b| b.source),
            value,
            source
        ],
    )?;
    Ok(())
}

/// One change of a reference rate, from the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateChange {
    pub at: String,
    pub user: String,
    pub series: String,
    pub period: String,
    pub old_value: Option<String>,
    pub old_source: Option<String>,
    pub new_value: String,
    pub new_source: String,
}

/// The history of changes, oldest first.
pub fn changes(conn: &Connection) -> Result<Vec<RateChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, user, series, period, old_value, old_source, new_value, new_source \
         FROM reference_rate_changes ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(RateChange {
            at: r.get(0)?,
            user: r.get(1)?,
            series: r.get(2)?,
            period: r.get(3)?,
            old_value: r.get(4)?,
            old_source: r.get(5)?,
            new_value: r.get(6)?,
            new_source: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every kind of client there is (country, profile, contract terms),
/// whether or not it owes anything: a read of the clients alone.
pub fn client_kinds(conn: &Connection) -> Result<Vec<Debtor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT country, profile, late_rate IS NOT NULL, late_fee IS NOT NULL \
         FROM clients",
    )?;
    debtors(stmt.query([])?)
}

/// Whether a client of `kind` has an invoice open and overdue on `today`:
/// the open invoices are read oldest due date first, up to the first of
/// such a client (all of them when there is none).
pub fn kind_overdue(conn: &Connection, kind: &Debtor, today: NaiveDate) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM invoices i JOIN clients c ON c.id = i.client_id \
         WHERE i.settled_on IS NULL AND i.due_on < ?1 AND i.issued_on <= ?1 \
         AND c.country IS ?2 AND c.profile = ?3 \
         AND (c.late_rate IS NOT NULL) = ?4 AND (c.late_fee IS NOT NULL) = ?5 LIMIT 1",
    )?;
    Ok(stmt.exists(params![
        today,
        kind.country,
        kind.profile.as_str(),
        kind.contract_rate,
        kind.contract_fee
    ])?)
}

fn debtors(mut rows: rusqlite::Rows<'_>) -> Result<Vec<Debtor>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let profile: String = r.get(1)?;
        // The schema admits only the three profiles.
        let Some(profile) = Profile::parse(&profile) else {
            continue;
        };
        out.push(Debtor {
            country: r.get(0)?,
            profile,
            contract_rate: r.get(2)?,
            contract_fee: r.get(3)?,
        });
    }
    Ok(out)
}

/// The kinds of clients (country, profile, contract terms) with invoices
/// open and overdue on `today`: what decides the rates needed today (see
/// [`crate::domain::penalty::needed::needed_today`]). Read from the index
/// of open invoices.
pub fn overdue_debtors(conn: &Connection, today: NaiveDate) -> Result<Vec<Debtor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT c.country, c.profile, c.late_rate IS NOT NULL, c.late_fee IS NOT NULL \
         FROM clients c WHERE c.id IN (SELECT i.client_id FROM invoices i \
         WHERE i.settled_on IS NULL AND i.due_on < ?1 AND i.issued_on <= ?1)",
    )?;
    debtors(stmt.query([today])?)
}
