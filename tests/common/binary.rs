//! The real binary on a database of a test's own, with the day fixed and
//! the home, config and data directories inside the test's folder.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-22";

/// `dun ARGS` on `db`, as of [`TODAY`].
pub fn dun(db: &Path, args: &[&str]) -> Output {
    let dir = db.parent().unwrap();
    Command::new(env!("CARGO_BIN_EXE_dun"))
        .args(args)
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap()
}

/// Its standard output, once it succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The one-line error of a run that was refused (exit status 1, one line
/// on standard error, no panic), without its line end.
pub fn refused(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "should have been refused: {out:?}"
    );
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err.trim_end().to_string()
}
