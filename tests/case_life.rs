//! The rest of a case's life through the real binary: no dead ends on the
//! demo a year on, disputes with review dates, escalations, payment plans
//! and write-offs, each refused with one line when the input is wrong.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use serde_json::Value;

#[path = "support/binary.rs"]
mod binary;
use binary::{TODAY, dun, ok};

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dun.db");
    (dir, db)
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(&dun(db, args))).unwrap()
}

/// The demo a year after its date, with `dun letters` run every day in
/// between: every overdue invoice of a case worth chasing is on the
/// queue, or has `next_on` in the future. (Before, the cases past their
/// formal notice and the disputes were on no line and waited for nothing.)
#[test]
fn the_demo_a_year_on_has_no_dead_ends() {
    let (dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let start: NaiveDate = TODAY.parse().unwrap();
    let letters = dir.path().join("letters");
    let out = letters.to_str().unwrap();
    let mut day = start;
    for _ in 0..=365 {
        let d = day.to_string();
        ok(&dun(&db, &["--today", &d, "letters", "--out", out]));
        day = day + Days::new(1);
    }
    let end = (start + Days::new(365)).to_string();
    let aging = json(
        &db,
        &["--today", &end, "export", "aging", "--format", "json"],
    );
    let queue = json(&db, &["--today", &end, "queue", "--format", "json"]);
    let on_queue: BTreeSet<&str> = queue
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["invoices"].as_array().unwrap())
        .map(|n| n.as_str().unwrap())
        .collect();
    let small: BTreeSet<(&str, &str)> = queue
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reason"]["kind"] == "small_balance")
        .map(|l| {
            (
                l["client"].as_str().unwrap(),
                l["currency"].as_str().unwrap(),
            )
        })
        .collect();
    let mut past_91 = BTreeSet::new();
    let mut escalate = 0;
    for inv in aging.as_array().unwrap() {
        let number = inv["invoice"].as_str().unwrap();
        let next_on = inv["next_on"].as_str().unwrap();
        assert!(next_on >= end.as_str(), "{inv}");
        assert!(!inv["stage"].as_str().unwrap().is_empty(), "{inv}");
        if inv["days_overdue"].as_i64().unwrap() <= 0 {
            continue;
        }
        let case = (
            inv["client"].as_str().unwrap(),
            inv["currency"].as_str().unwrap(),
        );
        let waits = next_on > end.as_str();
        assert!(
            waits || on_queue.contains(number) || small.contains(&case),
            "{number} is overdue, on no line and waits for nothing: {inv}"
        );
        assert_eq!(waits, !on_queue.contains(number), "{inv}");
        if inv["bucket"] == "91+" {
            past_91.insert(case.0);
        }
        escalate += usize::from(inv["next"] == "escalate");
    }
    assert!(past_91.len() >= 9, "{past_91:?}");
    assert!(
        escalate > 0,
        "the formal notices' deadlines passed: escalate"
    );
    // The CSV has the same columns.
    let csv = ok(&dun(
        &db,
        &["--today", &end, "export", "aging", "--format", "csv"],
    ));
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.ends_with(",stage,next_on,next"), "{header}");
}
