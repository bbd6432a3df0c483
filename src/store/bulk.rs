//! Bulk writes: building an index by sorting once is many times faster than
//! inserting a million rows into it one by one in random order.

use rusqlite::Connection;

use super::error::{Result, StoreError};

/// Tables whose secondary indexes a bulk write rebuilds.
const TABLES: &[&str] = &["invoices", "payments", "activities"];

/// Indexes a bulk write keeps: the trigger that refuses a formal notice
/// before three reminders counts an invoice's reminders through this one,
/// once per formal notice written; whether an entry is corrected or a
/// payment reversed is one look into the small indexes of the corrections
/// (without them, each entry read would scan the journal).
const KEEP: &[&str] = &[
    "activities_invoice",
    "activities_corrected",
    "activities_reversed",
];

/// Drops the explicit indexes of the ledger tables and returns the SQL that
/// creates them again (read from the schema, so it is never out of date).
/// Indexes that back a UNIQUE constraint stay: imports rely on them.
pub fn drop_indexes(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare(
        "SELECT name, sql FROM sqlite_schema \
         WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' \
         AND tbl_name IN (SELECT value FROM json_each(?1)) \
         AND name NOT IN (SELECT value FROM json_each(?2)) ORDER BY name",
    )?;
    let tables = serde_json::to_string(TABLES).unwrap_or_else(|_| "[]".to_string());
    let keep = serde_json::to_string(KEEP).unwrap_or_else(|_| "[]".to_string());
    let indexes = st
        .query_map([tables, keep], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes)
}

/// Drops the triggers that write a row of `changes` per row written and
/// returns the SQL that creates them again.
pub fn drop_change_triggers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare(
        "SELECT name, sql FROM sqlite_schema \
         WHERE type = 'trigger' AND name LIKE 'changes\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let triggers = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(triggers)
}

/// Creates the indexes [`drop_indexes`] dropped (or the triggers
/// [`drop_change_triggers`] dropped).
pub fn create_indexes(conn: &Connection, indexes: &[(String, String)]) -> Result<()> {
    for (_, sql) in indexes {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// Fails when a row refers to a row that does not exist.
pub fn check_foreign_keys(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = st.query([])?;
    match rows.next()? {
        None => Ok(()),
        Some(r) => {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Err(StoreError::Invalid(format!(
                "{table} row {} refers to a missing {parent} row; nothing was written",
                rowid.map_or_else(|| "?".to_string(), |id| id.to_string())
            )))
        }
    }
}
