//! The demo portfolio (400 invoices) in a database of a test's own, filled
//! in process, as of a fixed day.

#![allow(dead_code)]

use chrono::NaiveDate;
use dun::store::Store;

/// The day the demo is filled as of, and the tests' today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A temporary folder holding `demo.db`, the demo filled as of [`today`]
/// by `root`, and the store open on it.
pub fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    dun::commands::demo::fill(&mut store, today(), 400, "root").unwrap();
    (dir, store)
}
