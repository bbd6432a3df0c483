//! The rest of a case's life through the real binary: no dead ends on the
//! demo a year on, disputes with review dates, escalations, payment plans
//! and write-offs, each refused with one line when the input is wrong.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use serde_json::Value;

#[path = "common/binary.rs"]
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

/// Two clients of alice and bob, in euros, with overdue invoices on
/// [`TODAY`] (2026-11-22).
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = temp();
    let clients = dir.path().join("clients.csv");
    std::fs::write(
        &clients,
        "client,name,profile,currency,clerk,country\n\
         C1,Atelier Un,business,EUR,alice,FR\n\
         C2,Atelier Deux,business,EUR,bob,FR\n",
    )
    .unwrap();
    let invoices = dir.path().join("invoices.csv");
    std::fs::write(
        &invoices,
        "invoice,customer,invoice date,due date,amount,currency\n\
         A1,C1,2026-08-01,2026-09-01,1000.00,EUR\n\
         A2,C1,2026-09-01,2026-10-01,500.00,EUR\n\
         B1,C2,2026-08-01,2026-09-01,800.00,EUR\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "clients", clients.to_str().unwrap()]));
    ok(&dun(
        &db,
        &["import", "invoices", invoices.to_str().unwrap()],
    ));
    (dir, db)
}

/// `dun ARGS` as of `day`.
fn on(db: &Path, day: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--today", day];
    all.extend_from_slice(args);
    dun(db, &all)
}

/// A refusal: exit status 1, one line on stderr holding `words`, and the
/// journal as it was.
fn refused(db: &Path, args: &[&str], words: &str) {
    let before = journal(db).len();
    let out = dun(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
    assert_eq!(journal(db).len(), before, "{args:?} wrote something");
}

fn journal(db: &Path) -> Vec<Value> {
    json(db, &["export", "journal", "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

/// The aging export's line of invoice `number` as of `day`.
fn aging_line(db: &Path, day: &str, number: &str) -> Option<Value> {
    json(db, &["--today", day, "export", "aging", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["invoice"] == number)
        .cloned()
}

/// The queue's lines as of `day`: (client, kind, invoices).
fn queue(db: &Path, day: &str) -> Vec<(String, String, Vec<String>)> {
    json(db, &["--today", day, "queue", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["client"].as_str().unwrap().to_string(),
                l["reason"]["kind"].as_str().unwrap().to_string(),
                l["invoices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn has(lines: &[(String, String, Vec<String>)], kind: &str, invoice: &str) -> bool {
    lines
        .iter()
        .any(|(_, k, ns)| k == kind && ns.iter().any(|n| n == invoice))
}

#[test]
fn a_dispute_has_an_owner_and_comes_back_on_its_review_date() {
    let (_dir, db) = fixture();
    let out = ok(&dun(
        &db,
        &["log", "dispute", "--invoice", "A1", "--reason", "quality"],
    ));
    assert!(out.contains("review 2026-12-06, owner alice"), "{out}");
    refused(
        &db,
        &[
            "log",
            "dispute",
            "--invoice",
            "A2",
            "--reason",
            "price",
            "--review",
            "2026-11-01",
        ],
        "review: 2026-11-01 is in the past",
    );
    refused(&db, &["log", "dispute", "--invoice", "A2"], "reason:");
    let a1 = aging_line(&db, "2026-12-05", "A1").unwrap();
    assert_eq!(a1["stage"], "disputed");
    assert_eq!(a1["next_on"], "2026-12-06");
    assert_eq!(a1["next"], "dispute_review");
    assert!(
        !queue(&db, "2026-12-05")
            .iter()
            .any(|(_, _, ns)| ns.contains(&"A1".into()))
    );
    assert!(has(&queue(&db, "2026-12-06"), "dispute_review", "A1"));
    let e = &journal(&db)[0];
    assert_eq!(
        (&e["kind"], &e["assignee"], &e["reason"]),
        (&"dispute".into(), &"alice".into(), &"quality".into())
    );

    // Rejected: dunning resumes where it stopped.
    refused(
        &db,
        &[
            "--today",
            "2026-12-06",
            "log",
            "dispute_resolved",
            "--invoice",
            "A1",
            "--outcome",
            "maybe",
        ],
        "outcome:",
    );
    ok(&on(
        &db,
        "2026-12-06",
        &[
            "log",
            "dispute_resolved",
            "--invoice",
            "A1",
            "--outcome",
            "rejected",
        ],
    ));
    let a1 = aging_line(&db, "2026-12-06", "A1").unwrap();
    assert_ne!(a1["stage"], "disputed");
    assert!(has(&queue(&db, "2026-12-06"), "reminder", "A1"));

    // Upheld: the invoice is credited, the journal says who and why.
    ok(&dun(
        &db,
        &[
            "log",
            "dispute",
            "--invoice",
            "B1",
            "--reason",
            "not delivered",
            "--assign",
            "carla",
            "--review",
            "2026-11-30",
        ],
    ));
    let out = ok(&dun(
        &db,
        &[
            "log",
            "dispute_resolved",
            "--invoice",
            "B1",
            "--outcome",
            "upheld",
        ],
    ));
    assert!(out.contains("800.00 EUR written off"), "{out}");
    assert_eq!(aging_line(&db, TODAY, "B1"), None);
    let w = &journal(&db)[0];
    assert_eq!(w["kind"], "write_off");
    assert_eq!(w["amount"], "800.00");
    assert!(w["reason"].as_str().unwrap().contains("dispute upheld"));
    let aging = json(&db, &["aging", "--format", "json"]);
    assert_eq!(aging["written_off"][0]["amount"], "800.00", "{aging}");

    // Upheld for part of the invoice: the disputed amount is credited.
    ok(&dun(
        &db,
        &["log", "dispute", "--invoice", "A2", "--reason", "price"],
    ));
    refused(
        &db,
        &[
            "log",
            "dispute_resolved",
            "--invoice",
            "A2",
            "--outcome",
            "upheld",
            "--amount",
            "900.00",
        ],
        "amount: the disputed amount credited is more than zero and at most the 500.00 EUR A2 owes",
    );
    let out = ok(&dun(
        &db,
        &[
            "log",
            "dispute_resolved",
            "--invoice",
            "A2",
            "--outcome",
            "upheld",
            "--amount",
            "120.00",
        ],
    ));
    assert!(out.contains("120.00 EUR written off"), "{out}");
    assert_eq!(
        aging_line(&db, TODAY, "A2").unwrap()["outstanding"],
        "380.00"
    );
}

#[test]
fn a_write_off_leaves_the_outstanding_and_the_aging_never_above_what_is_owed() {
    let (_dir, db) = fixture();
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount",
            "600.00",
            "--reason",
            "goodwill",
        ],
        "amount: 600.00 EUR is more than the 500.00 EUR outstanding on A2",
    );
    refused(
        &db,
        &["log", "write_off", "--invoice", "A2", "--amount", "100.00"],
        "reason:",
    );
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--client",
            "C1",
            "--amount",
            "1.00",
            "--reason",
            "x",
        ],
        "one invoice",
    );
    let before = json(&db, &["aging", "--format", "json"]);
    assert_eq!(before["totals"][0]["outstanding"], "2300.00");
    ok(&dun(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount",
            "100.00",
            "--reason",
            "goodwill",
        ],
    ));
    let a2 = aging_line(&db, TODAY, "A2").unwrap();
    assert_eq!(
        (&a2["outstanding"], &a2["written_off"]),
        (&"400.00".into(), &"100.00".into())
    );
    let after = json(&db, &["aging", "--format", "json"]);
    assert_eq!(after["totals"][0]["outstanding"], "2200.00");
    assert_eq!(after["written_off"][0]["amount"], "100.00");
    // The day before, it stood as it was.
    let then = json(&db, &["aging", "--as-of", "2026-11-21", "--format", "json"]);
    assert_eq!(then["totals"][0]["outstanding"], "2300.00");
    assert!(then.get("written_off").is_none(), "{then}");
    let table = ok(&dun(&db, &["aging"]));
    assert!(
        table.contains("Written off by 2026-11-22, not in the aging: 100.00 EUR (1 entry)"),
        "{table}"
    );
    // A payment is never above what is left, and the rest written off settles it.
    refused(
        &db,
        &["log", "payment", "--invoice", "A2", "--amount", "450.00"],
        "400.00",
    );
    ok(&dun(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount",
            "400.00",
            "--reason",
            "small balance",
        ],
    ));
    assert_eq!(aging_line(&db, TODAY, "A2"), None);
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount",
            "0.01",
            "--reason",
            "x",
        ],
        "amount:",
    );
    let w = &journal(&db)[0];
    assert_eq!(
        (&w["kind"], &w["reason"]),
        (&"write_off".into(), &"small balance".into())
    );
    assert!(!w["user"].as_str().unwrap().is_empty());
    // A correction is a new entry naming the one it corrects.
    let id = w["id"].to_string();
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount=-400.00",
            "--reason",
            "wrong",
        ],
        "refers-to:",
    );
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount=-600.00",
            "--reason",
            "wrong",
            "--refers-to",
            &id,
        ],
        "amount: a correction gives back at most the 500.00 EUR written off A2",
    );
    ok(&dun(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A1",
            "--amount",
            "1.00",
            "--reason",
            "rounding",
        ],
    ));
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A1",
            "--amount=-1.00",
            "--reason",
            "wrong",
            "--refers-to",
            &id,
        ],
        "is not a write-off of A1",
    );
    ok(&dun(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount=-400.00",
            "--reason",
            "paid after all",
            "--refers-to",
            &id,
        ],
    ));
    let a2 = aging_line(&db, TODAY, "A2").unwrap();
    assert_eq!(
        (&a2["outstanding"], &a2["written_off"]),
        (&"400.00".into(), &"100.00".into())
    );
}

/// Reminders 1 to 3 and the formal notice of A1, sent in September and
/// October: the notice's deadline is long past on [`TODAY`].
fn noticed(db: &Path) {
    for day in ["2026-09-08", "2026-09-19", "2026-09-28"] {
        ok(&dun(
            db,
            &["log", "reminder", "--invoice", "A1", "--on", day],
        ));
    }
    ok(&dun(
        db,
        &[
            "log",
            "formal_notice",
            "--invoice",
            "A1",
            "--on",
            "2026-10-06",
        ],
    ));
}

#[test]
fn after_the_formal_notice_the_case_is_escalated_and_comes_back_for_review() {
    let (_dir, db) = fixture();
    noticed(&db);
    let lines = queue(&db, TODAY);
    assert!(
        has(&lines, "escalate", "A1") && has(&lines, "escalate", "A2"),
        "{lines:?}"
    );
    let a1 = aging_line(&db, "2026-10-10", "A1").unwrap();
    assert_eq!(
        (&a1["stage"], &a1["next"]),
        (&"formal_notice".into(), &"escalate".into())
    );
    assert_eq!(a1["next_on"], "2026-10-15");
    let esc = |extra: &[&str]| {
        let mut a = vec!["log", "escalation", "--client", "C1"];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    let args = esc(&[
        "--to",
        "bailiff",
        "--reference",
        "R",
        "--review",
        "2027-01-15",
    ]);
    refused(
        &db,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "to: \"bailiff\"",
    );
    let args = esc(&[
        "--to",
        "court",
        "--reference",
        "R",
        "--review",
        "2026-11-01",
    ]);
    refused(
        &db,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "review: 2026-11-01 is in the past",
    );
    let args = esc(&["--to", "court", "--review", "2027-01-15"]);
    refused(
        &db,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "reference:",
    );
    let args = esc(&[
        "--to",
        "court",
        "--procedure",
        "lawsuit",
        "--reference",
        "R",
        "--review",
        "2027-01-15",
    ]);
    refused(
        &db,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "procedure:",
    );
    let args = esc(&["--outcome", "paid"]);
    refused(
        &db,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "not escalated",
    );
    let out = ok(&dun(
        &db,
        &[
            "log",
            "escalation",
            "--client",
            "C1",
            "--to",
            "court",
            "--procedure",
            "injonction de payer",
            "--body",
            "Tribunal de commerce de Lyon",
            "--reference",
            "RG 26/1234",
            "--review",
            "2027-01-15",
        ],
    ));
    assert!(
        out.contains("Escalated to court (review 2027-01-15)"),
        "{out}"
    );
    let e = &journal(&db)[0];
    assert_eq!(e["procedure"], "injonction_de_payer");
    assert_eq!(e["reference"], "RG 26/1234");
    // Out of the ladder: no line, no letter, until the review date.
    assert!(!queue(&db, TODAY).iter().any(|(c, ..)| c == "C1"));
    let dry = ok(&dun(&db, &["letters", "--dry-run"]));
    assert!(!dry.contains("C1"), "{dry}");
    let a1 = aging_line(&db, TODAY, "A1").unwrap();
    assert_eq!(
        (&a1["stage"], &a1["next_on"], &a1["next"]),
        (
            &"escalated".into(),
            &"2027-01-15".into(),
            &"escalation_review".into()
        )
    );
    assert!(has(&queue(&db, "2027-01-15"), "escalation_review", "A1"));
    // A judgment sets the next review; uncollectable closes the case.
    refused(
        &db,
        &[
            "--today",
            "2027-01-15",
            "log",
            "escalation",
            "--client",
            "C1",
            "--outcome",
            "judgment",
        ],
        "review:",
    );
    ok(&on(
        &db,
        "2027-01-15",
        &[
            "log",
            "escalation",
            "--client",
            "C1",
            "--outcome",
            "judgment",
            "--review",
            "2027-03-01",
        ],
    ));
    assert_eq!(
        aging_line(&db, "2027-01-15", "A1").unwrap()["next_on"],
        "2027-03-01"
    );
    let out = ok(&on(
        &db,
        "2027-03-01",
        &[
            "log",
            "escalation",
            "--client",
            "C1",
            "--outcome",
            "uncollectable",
        ],
    ));
    assert!(out.contains("1500.00 EUR written off"), "{out}");
    assert_eq!(aging_line(&db, "2027-03-01", "A1"), None);
    assert!(!queue(&db, "2027-03-01").iter().any(|(c, ..)| c == "C1"));
}

#[test]
fn a_payment_plan_adds_up_breaks_when_an_instalment_is_missed_and_closes_when_paid() {
    let (_dir, db) = fixture();
    refused(
        &db,
        &[
            "log",
            "payment_plan",
            "--client",
            "C2",
            "--instalments",
            "2026-12-15:500.00,2027-01-15:200.00",
        ],
        "--instalments: they add up to 700.00 EUR, but the plan covers 800.00 EUR (B1)",
    );
    refused(
        &db,
        &[
            "log",
            "payment_plan",
            "--client",
            "C2",
            "--instalments",
            "2026-12-15:400.00,2026-12-01:400.00",
        ],
        "not after",
    );
    refused(
        &db,
        &["log", "payment_plan", "--client", "C2"],
        "--instalments",
    );
    refused(
        &db,
        &[
            "log",
            "payment_plan",
            "--client",
            "C2",
            "--invoice",
            "A1",
            "--instalments",
            "2026-12-15:1000.00",
        ],
        "A1 is C1's",
    );
    ok(&dun(
        &db,
        &[
            "log",
            "payment_plan",
            "--client",
            "C2",
            "--invoice",
            "B1",
            "--instalments",
            "2026-12-15:400.00,2027-01-15:400,00",
        ],
    ));
    let b1 = aging_line(&db, TODAY, "B1").unwrap();
    assert_eq!(
        (&b1["stage"], &b1["next_on"], &b1["next"]),
        (
            &"plan".into(),
            &"2026-12-15".into(),
            &"instalment_due".into()
        )
    );
    assert!(!queue(&db, TODAY).iter().any(|(c, ..)| c == "C2"));
    assert!(has(&queue(&db, "2026-12-15"), "instalment_due", "B1"));
    // Missed, past its grace days: a broken plan, at the top of the queue.
    let late = queue(&db, "2026-12-22");
    assert_eq!(late[0].1, "broken_plan", "{late:?}");
    assert!(has(&late, "broken_plan", "B1"));
    ok(&on(
        &db,
        "2026-12-15",
        &["log", "payment", "--invoice", "B1", "--amount", "400.00"],
    ));
    assert!(!has(&queue(&db, "2026-12-22"), "broken_plan", "B1"));
    assert_eq!(
        aging_line(&db, "2026-12-22", "B1").unwrap()["next_on"],
        "2027-01-15"
    );
    ok(&on(
        &db,
        "2027-01-10",
        &["log", "payment", "--invoice", "B1", "--amount", "400.00"],
    ));
    assert_eq!(aging_line(&db, "2027-01-10", "B1"), None);
    assert!(!queue(&db, "2027-02-01").iter().any(|(c, ..)| c == "C2"));
}

/// A written-off amount is no longer claimed: the invoice owes the rest,
/// and the late-payment interest runs on the rest from that day.
#[test]
fn interest_stops_running_on_what_was_written_off() {
    let (dir, db) = fixture();
    let more = dir.path().join("h1.csv");
    std::fs::write(
        &more,
        "invoice,customer,invoice date,due date,amount,currency\nH1,C1,2026-01-01,2026-02-01,1000.00,EUR\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "invoices", more.to_str().unwrap()]));
    let day = "2026-06-30";
    let before = json(&db, &["--today", day, "invoice", "H1", "--format", "json"]);
    ok(&on(
        &db,
        day,
        &[
            "log",
            "write_off",
            "--invoice",
            "H1",
            "--amount",
            "500.00",
            "--reason",
            "settlement",
            "--on",
            "2026-04-01",
        ],
    ));
    let after = json(&db, &["--today", day, "invoice", "H1", "--format", "json"]);
    assert_eq!(after["outstanding"], "500.00", "{after}");
    let interest = |v: &Value| v["interest"].as_str().unwrap().parse::<f64>().unwrap();
    assert!(interest(&after) < interest(&before), "{before} {after}");
    let last = after["periods"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["balance"], "500.00", "{after}");
}
