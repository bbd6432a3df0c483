//! `dun invoice --format json` as scripts read it: each penalty figure it
//! can give, a note for each it cannot, and the periods the interest ran over.

#[path = "common/binary.rs"]
mod binary;

use binary::{dun, ok};
use std::path::PathBuf;

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("invoice.db");
    (dir, db)
}

#[test]
fn an_invoice_without_a_rate_still_gives_its_fixed_compensation() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let aging = ok(&dun(&db, &["export", "aging", "--format", "json"]));
    let aging: serde_json::Value = serde_json::from_str(&aging).unwrap();
    // A French business invoice late in 2026 H2, whose ECB rate the shipped
    // tables lack: no interest, a note saying why, and still the EUR 40.
    let v: serde_json::Value = aging
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["client"].as_str().unwrap().starts_with("FR-"))
        .filter(|l| (1..100).contains(&l["days_overdue"].as_i64().unwrap_or(0)))
        .map(|l| {
            let out = ok(&dun(
                &db,
                &[
                    "invoice",
                    l["invoice"].as_str().unwrap(),
                    "--format",
                    "json",
                ],
            ));
            serde_json::from_str(&out).unwrap()
        })
        .find(|v: &serde_json::Value| v["profile"] == "business" && v["interest"].is_null())
        .expect("a French business invoice late in 2026 H2");
    assert_eq!(v["compensation"], "40.00", "{v}");
    assert_eq!(v["compensation_currency"], "EUR", "{v}");
    let notes = v["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n
            .as_str()
            .unwrap()
            .starts_with("interest cannot be computed: no reference rate for 2026 H2")),
        "{v}"
    );
    assert!(v["note"].as_str().unwrap().contains("2026 H2"), "{v}");
}

#[test]
fn an_invoice_lists_the_periods_its_interest_ran_over() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let aging = ok(&dun(&db, &["export", "aging", "--format", "json"]));
    let aging: serde_json::Value = serde_json::from_str(&aging).unwrap();
    let reports: Vec<serde_json::Value> = aging
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let out = ok(&dun(
                &db,
                &[
                    "invoice",
                    l["invoice"].as_str().unwrap(),
                    "--format",
                    "json",
                ],
            ));
            serde_json::from_str(&out).unwrap()
        })
        .collect();
    let mut seen = 0;
    for v in reports.iter().filter(|v| v["interest"].is_string()) {
        let periods = v["periods"].as_array().unwrap();
        let days: i64 = periods.iter().map(|p| p["days"].as_i64().unwrap()).sum();
        // Each period's interest is its balance × rate × days / 36,500, rounded on
        // its own; their sum is within a minor unit a period of the interest.
        let cents = |s: &serde_json::Value| -> i64 {
            let s = s.as_str().unwrap();
            s.replace('.', "").parse::<i64>().unwrap()
        };
        let sum: i64 = periods.iter().map(|p| cents(&p["interest"])).sum();
        let total = cents(&v["interest"]);
        assert!(
            (sum - total).abs() <= i64::try_from(periods.len()).unwrap(),
            "{v}"
        );
        for p in periods {
            for key in ["from", "to", "days", "balance", "rate", "interest"] {
                assert!(p.get(key).is_some(), "{key} missing: {v}");
            }
            assert!(p["balance"].as_str().unwrap().contains('.'), "{v}");
        }
        if days > 0 {
            assert_eq!(v["interest_from"], periods[0]["from"], "{v}");
            seen += 1;
        }
    }
    assert!(seen > 0, "some invoice bears interest");
}

#[test]
fn a_norwegian_invoice_deducts_its_reminder_fees_from_the_standardkompensasjon() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let aging = ok(&dun(&db, &["export", "aging", "--format", "json"]));
    let aging: serde_json::Value = serde_json::from_str(&aging).unwrap();
    // Norwegian business and public invoices due in 2026 H1 (standardkompensasjon NOK 460):
    // each reminder sent 14 days or more after the due date carried NOK 35, at
    // most two; 460 − 35 × n is owed (forsinkelsesrenteloven § 3a).
    let mut seen = 0;
    for l in aging
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["client"].as_str().unwrap().starts_with("NO-"))
    {
        let out = ok(&dun(
            &db,
            &[
                "invoice",
                l["invoice"].as_str().unwrap(),
                "--format",
                "json",
            ],
        ));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let due = v["due_on"].as_str().unwrap();
        if v["profile"] == "individual" || !("2026-01-01".."2026-07-01").contains(&due) {
            continue;
        }
        let due = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap();
        let fees = v["reminders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                let on = chrono::NaiveDate::parse_from_str(r["on"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap();
                r["level"].as_u64().unwrap() >= 1 && (on - due).num_days() >= 14
            })
            .count()
            .min(2);
        let expected = format!("{}.00", 460 - 35 * fees);
        assert_eq!(v["compensation"], expected.as_str(), "{v}");
        assert_eq!(v["compensation_currency"], "NOK", "{v}");
        seen += usize::from(fees > 0);
    }
    assert!(seen > 0, "a Norwegian invoice with a fee-bearing reminder");
}
