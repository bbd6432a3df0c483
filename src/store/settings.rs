//! The team settings as stored: one row per key set (its value a TOML
//! literal), and the append-only history of every change.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::error::Result;

/// One key set by a clerk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSetting {
    pub key: String,
    /// A TOML literal: `"Acme"`, `10`, `[{ offset = 7, … }]`.
    pub value: String,
    pub set_by: String,
    /// RFC 3339, UTC.
    pub set_at: String,
}

/// Every key set, in key order.
pub fn all(conn: &Connection) -> Result<Vec<StoredSetting>> {
    let mut stmt =
        conn.prepare_cached("SELECT key, value, set_by, set_at FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredSetting {
            key: r.get(0)?,
            value: r.get(1)?,
            set_by: r.get(2)?,
            set_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Sets `key` to `value` and journals the change (old → new), inside the
/// caller's write transaction. Setting a key to the value it has already
/// writes nothing. Returns whether anything changed.
pub fn put(
    conn: &Connection,
    key: &str,
    value: &str,
    user: &str,
    at: DateTime<Utc>,
) -> Result<bool> {
    let old: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    if old.as_deref() == Some(value) {
        return Ok(false);
    }
    let at = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    conn.execute(
        "INSERT INTO settings (key, value, set_by, set_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, \
         set_at = excluded.set_at",
        params![key, value, user, at],
    )?;
    conn.execute(
        "INSERT INTO settings_changes (at, user, key, old, new) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, user, key, old, value],
    )?;
    Ok(true)
}

/// One change of a setting, from the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingChange {
    pub at: String,
    pub user: String,
    pub key: String,
    pub old: Option<String>,
    pub new: String,
}

/// The history of changes, oldest first.
pub fn changes(conn: &Connection) -> Result<Vec<SettingChange>> {
    let mut stmt =
        conn.prepare_cached("SELECT at, user, key, old, new FROM settings_changes ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(SettingChange {
            at: r.get(0)?,
            user: r.get(1)?,
            key: r.get(2)?,
            old: r.get(3)?,
            new: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
