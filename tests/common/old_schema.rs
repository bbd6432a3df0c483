//! A database file as an older dun left it: the shipped migrations up to
//! one version, run from their own files (never edited once shipped), and
//! nothing of what later code fills in. Opening it with `Store::open` runs
//! the migrations after that version, as it does on a clerk's old file.

#![allow(dead_code)]

use std::path::Path;

use rusqlite::Connection;

/// Every shipped migration, in order: entry `i` takes the schema from
/// version `i` to `i + 1`.
const MIGRATIONS: [&str; 15] = [
    include_str!("../../src/store/migrations/001_ledger.sql"),
    include_str!("../../src/store/migrations/002_dunning.sql"),
    include_str!("../../src/store/migrations/003_settings.sql"),
    include_str!("../../src/store/migrations/004_cases.sql"),
    include_str!("../../src/store/migrations/005_deposits.sql"),
    include_str!("../../src/store/migrations/006_payment_reference.sql"),
    include_str!("../../src/store/migrations/007_client_contact.sql"),
    include_str!("../../src/store/migrations/008_reference_rates.sql"),
    include_str!("../../src/store/migrations/009_case_life.sql"),
    include_str!("../../src/store/migrations/010_corrections.sql"),
    include_str!("../../src/store/migrations/011_search.sql"),
    include_str!("../../src/store/migrations/012_promise_invoices.sql"),
    include_str!("../../src/store/migrations/013_queue_kept.sql"),
    include_str!("../../src/store/migrations/014_queue_kept_days.sql"),
    include_str!("../../src/store/migrations/015_invoices_by_client.sql"),
];

/// dun's `PRAGMA application_id` ("dun1"), as files of every version have it.
const APPLICATION_ID: i64 = 1685417521;

/// The last migration this helper knows.
pub const LATEST: usize = MIGRATIONS.len();

/// A new database at `path` with migrations 1 to `version` applied, marked
/// as dun's at that version, and a connection to it for the rows the test
/// puts in (written as the schema of that version has them).
pub fn at_migration(path: &Path, version: usize) -> Connection {
    assert!(
        (1..=MIGRATIONS.len()).contains(&version),
        "no migration {version}"
    );
    let c = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..version] {
        c.execute_batch(sql).unwrap();
    }
    c.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    c.pragma_update(None, "user_version", version as i64)
        .unwrap();
    c
}
