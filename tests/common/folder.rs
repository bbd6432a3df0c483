//! Running the real binary on a demo database, and checking what the
//! letters folder holds against the journal.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-30";

pub fn dun(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dun"));
    c.env_remove("DUN_DB")
        .env_remove("DUN_TODAY")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(TODAY)
        .args(args);
    c
}

pub fn ok(out: Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// A demo database in `dir` whose company has an e-mail address.
pub fn demo(dir: &Path, scale: &str) -> PathBuf {
    let db = dir.join("team.db");
    ok(dun(&db, &["demo", "--scale", scale]).output().unwrap());
    ok(dun(
        &db,
        &["settings", "set", "company.email", "ar@dun-demo.example"],
    )
    .output()
    .unwrap());
    db
}

/// The notes of every journal entry.
pub fn notes(db: &Path) -> Vec<String> {
    let mut store = dun::store::Store::open(db).unwrap();
    store
        .read(|tx| dun::store::journal::latest(tx, None))
        .unwrap()
        .into_iter()
        .map(|e| e.note)
        .collect()
}

/// The files a letter's journal entry names (`DATE/NAME`).
pub fn named_files(note: &str) -> Vec<String> {
    note.split_once("; files: ")
        .map(|(_, f)| f.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

/// Every file in the day folders of `root`, as `DATE/NAME`.
pub fn letter_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(days) = std::fs::read_dir(root) else {
        return out;
    };
    for day in days {
        let day = day.unwrap();
        if !day.file_type().unwrap().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(day.path()).unwrap() {
            let f = f.unwrap();
            out.push(format!(
                "{}/{}",
                day.file_name().to_string_lossy(),
                f.file_name().to_string_lossy()
            ));
        }
    }
    out.sort();
    out
}

/// Every entry names files that exist, every file has its entry, no part
/// is left; returns how many letter files there are.
pub fn check_folder(db: &Path, root: &Path) -> usize {
    let files = letter_files(root);
    let named: Vec<String> = notes(db).iter().flat_map(|n| named_files(n)).collect();
    for f in &named {
        assert!(root.join(f).is_file(), "journaled but missing: {f}");
    }
    for f in &files {
        assert!(!f.ends_with(".part"), "left over: {f}");
        assert!(named.contains(f), "a file without its entry: {f}");
    }
    files.len()
}
