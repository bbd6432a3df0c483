//! The schema as an ordered list of migrations, tracked in `PRAGMA user_version`.
//! Each migration runs in its own `BEGIN IMMEDIATE` transaction.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::error::{Result, StoreError};

/// One step of the schema: its SQL, then what fills new columns from the
/// data already there.
struct Migration {
    sql: &'static str,
    fill: Option<fn(&Connection) -> Result<()>>,
}

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("migrations/001_ledger.sql"),
        fill: None,
    },
    Migration {
        sql: include_str!("migrations/002_dunning.sql"),
        // Filled by the last migration that changes the cached standings
        // (004), whose fill computes every one of them from the journal.
        fill: None,
    },
    Migration {
        sql: include_str!("migrations/003_settings.sql"),
        fill: None,
    },
    Migration {
        sql: include_str!("migrations/004_cases.sql"),
        fill: Some(standings_before_corrections),
    },
    Migration {
        sql: include_str!("migrations/005_deposits.sql"),
        fill: None,
    },
    Migration {
        sql: include_str!("migrations/006_payment_reference.sql"),
        fill: Some(super::invoices::fill_payment_references),
    },
    Migration {
        sql: include_str!("migrations/007_client_contact.sql"),
        fill: Some(super::clients::fill_address_lines),
    },
    Migration {
        sql: include_str!("migrations/008_reference_rates.sql"),
        fill: None,
    },
    Migration {
        sql: include_str!("migrations/009_case_life.sql"),
        fill: None,
    },
    Migration {
        // The payment entries' links to their rows are filled by its SQL.
        sql: include_str!("migrations/010_corrections.sql"),
        fill: None,
    },
    Migration {
        sql: include_str!("migrations/011_search.sql"),
        fill: Some(super::summary::fill),
    },
    Migration {
        // Empty: every promise before it names one invoice or none.
        sql: include_str!("migrations/012_promise_invoices.sql"),
        fill: None,
    },
    Migration {
        // Empty: the first read builds the queue and keeps it.
        sql: include_str!("migrations/013_queue_kept.sql"),
        fill: None,
    },
    Migration {
        // Empty: what 013 kept is dropped; the next reader builds it.
        sql: include_str!("migrations/014_queue_kept_days.sql"),
        fill: None,
    },
    Migration {
        // An index: built from the rows as they are.
        sql: include_str!("migrations/015_invoices_by_client.sql"),
        fill: None,
    },
];

/// The fill of 004: every cached standing computed from the journal. The
/// standings read the entries in force (migration 010's views); before
/// 010 there are no corrections, so every entry and payment is in force:
/// the views stand for the tables while it runs.
fn standings_before_corrections(conn: &Connection) -> Result<()> {
    let views: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'view' \
         AND name IN ('activities_in_force', 'payments_in_force')",
        [],
        |r| r.get(0),
    )?;
    // Before 012 no promise names several invoices: an empty list of them
    // stands for `promise_invoices` while it runs.
    let lists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'promise_invoices'",
        [],
        |r| r.get(0),
    )?;
    if lists == 0 {
        conn.execute_batch(
            "CREATE TEMP TABLE promise_invoices (activity_id INTEGER, invoice_id INTEGER);",
        )?;
    }
    let done = if views == 2 {
        super::dunning::refresh_all_set_wise(conn)
    } else {
        conn.execute_batch(
            "CREATE TEMP VIEW activities_in_force AS SELECT * FROM main.activities; \
             CREATE TEMP VIEW payments_in_force AS SELECT * FROM main.payments;",
        )?;
        let done = super::dunning::refresh_all_set_wise(conn);
        conn.execute_batch(
            "DROP VIEW temp.activities_in_force; DROP VIEW temp.payments_in_force;",
        )?;
        done
    };
    if lists == 0 {
        conn.execute_batch("DROP TABLE temp.promise_invoices;")?;
    }
    done
}

/// Marks the file as a dun database (`PRAGMA application_id`, "dun1").
pub const APPLICATION_ID: i64 = 0x6475_6e31;

/// Schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the schema up to date. Safe when several processes start at once:
/// each step re-reads the version inside its write transaction.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_version(conn, path, version)?;
    if version == latest() {
        return Ok(());
    }
    for (i, m) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= target {
            continue;
        }
        if current == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.execute_batch(m.sql)?;
        if let Some(fill) = m.fill {
            fill(&tx)?;
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
    Ok(())
}

/// For a read-only open: the file must be a dun database of this dun's
/// schema (an older one needs migrating, which is writing: `why` says what
/// stops it).
pub fn check_current(conn: &Connection, path: &Path, why: &str) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_version(conn, path, version)?;
    if version < latest() {
        return Err(StoreError::Access(format!(
            "{}: the schema needs updating to this dun's, which needs writing: {why}",
            path.display()
        )));
    }
    Ok(())
}

/// The schema version of a dun database, and whether it is one at all.
pub fn schema_version(conn: &Connection, path: &Path) -> Result<i64> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_version(conn, path, version)?;
    Ok(version)
}

/// Refuses a file that is not a dun database, or one of a newer schema;
/// reads only.
pub fn check(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    check_version(conn, path, version)
}

fn check_version(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let ours = app_id == APPLICATION_ID || (app_id == 0 && tables == 0 && version == 0);
    if !ours {
        return Err(StoreError::NotDun {
            path: path.to_path_buf(),
        });
    }
    if version > latest() {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known: latest(),
        });
    }
    Ok(())
}
