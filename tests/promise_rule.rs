//! One rule for a promise to pay, end to end with the real binary: a
//! client who promised part of what it owes and paid that part kept its
//! promise in `dun queue` and in the letters alike; one who paid less than
//! promised broke it in both; a promise may cover a few invoices
//! (`--invoice` given more than once), never a disputed invoice alone.

#[path = "common/binary.rs"]
mod binary;

use std::fs;
use std::path::{Path, PathBuf};

use binary::{dun, ok, refused};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

/// Two business clients, each owing 1,000.00 and 400.00 overdue since
/// October.
fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("dun.db");
    let c = write(
        dir,
        "clients.csv",
        "code,name,country,language,profile,email,currency\n\
         KEPT,Kept Promise Ltd,GB,en,business,ap@kept.example,EUR\n\
         SHORT,Short Payer Ltd,GB,en,business,ap@short.example,EUR\n",
    );
    let i = write(
        dir,
        "invoices.csv",
        "invoice,customer,invoice date,due date,amount,currency\n\
         K-1,KEPT,2026-09-10,2026-10-10,1000.00,EUR\n\
         K-2,KEPT,2026-09-20,2026-10-20,400.00,EUR\n\
         S-1,SHORT,2026-09-10,2026-10-10,1000.00,EUR\n\
         S-2,SHORT,2026-09-20,2026-10-20,400.00,EUR\n",
    );
    ok(&dun(&db, &["import", "clients", c.to_str().unwrap()]));
    ok(&dun(&db, &["import", "invoices", i.to_str().unwrap()]));
    ok(&dun(
        &db,
        &["settings", "set", "company.email", "compta@nous.example"],
    ));
    db
}

fn log(db: &Path, args: &[&str]) -> String {
    let mut all = vec!["log"];
    all.extend_from_slice(args);
    ok(&dun(db, &all))
}

/// The queue's reasons for client `code` as of `day`.
fn reasons(db: &Path, day: &str, code: &str) -> Vec<String> {
    let q: serde_json::Value = serde_json::from_str(&ok(&dun(
        db,
        &["--today", day, "queue", "--format", "json"],
    )))
    .unwrap();
    q.as_array()
        .unwrap()
        .iter()
        .filter(|l| l["client"] == code)
        .map(|l| l["reason"]["kind"].as_str().unwrap().to_string())
        .collect()
}

/// The text of the letter written for client `code` as of `day`, if one
/// was due.
fn letter(db: &Path, out: &Path, day: &str, code: &str) -> Option<String> {
    ok(&dun(
        db,
        &["--today", day, "letters", "--out", out.to_str().unwrap()],
    ));
    let mut found = None;
    if !out.is_dir() {
        return None;
    }
    for d in fs::read_dir(out).unwrap() {
        let d = d.unwrap().path();
        if !d.is_dir() {
            continue;
        }
        for f in fs::read_dir(&d).unwrap() {
            let p = f.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.contains(code) && name.ends_with(".txt") {
                found = Some(fs::read_to_string(&p).unwrap());
            }
        }
    }
    found
}

#[test]
fn the_queue_and_the_letters_agree_on_a_partly_paid_promise() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    // On 4 November both promised 500.00 of the 1,400.00 by 12 November
    // (three days' grace on the business ladder: to 15 November). KEPT
    // paid 500.00, SHORT paid 100.00.
    for code in ["KEPT", "SHORT"] {
        log(
            &db,
            &[
                "promise",
                "--client",
                code,
                "--on",
                "2026-11-04",
                "--date",
                "2026-11-12",
                "--amount",
                "500.00",
            ],
        );
    }
    log(
        &db,
        &[
            "payment",
            "--invoice",
            "K-1",
            "--date",
            "2026-11-10",
            "--amount",
            "500.00",
        ],
    );
    log(
        &db,
        &[
            "payment",
            "--invoice",
            "S-1",
            "--date",
            "2026-11-10",
            "--amount",
            "100.00",
        ],
    );
    // Within the grace: both promises run.
    assert_eq!(reasons(&db, "2026-11-14", "SHORT"), ["promise_due"]);
    assert!(
        !reasons(&db, "2026-11-14", "KEPT").contains(&"broken_promise".to_string()),
        "paid what it promised"
    );
    // After it: KEPT kept its promise though its invoices are still open
    // (the ladder goes on for the rest); SHORT broke it.
    let kept = reasons(&db, "2026-11-26", "KEPT");
    assert!(!kept.iter().any(|r| r.contains("promise")), "{kept:?}");
    assert_eq!(reasons(&db, "2026-11-26", "SHORT"), ["broken_promise"]);
    // The letters say the same: KEPT's next reminder does not speak of a
    // broken promise.
    let out = dir.path().join("out");
    let txt = letter(&db, &out, "2026-11-26", "KEPT").expect("KEPT's reminder is due");
    assert!(!txt.contains("promised"), "{txt}");
    // SHORT's letter waits while the broken promise is the queue's to
    // chase; once a call reached the client it goes, and names the promise.
    assert!(letter(&db, &dir.path().join("out2"), "2026-11-26", "SHORT").is_none());
    log(
        &db,
        &[
            "call",
            "--client",
            "SHORT",
            "--on",
            "2026-11-20",
            "--outcome",
            "reached",
        ],
    );
    let txt = letter(&db, &dir.path().join("out3"), "2026-11-26", "SHORT")
        .expect("SHORT's reminder is due after the call");
    assert!(txt.contains("you promised to pay €500.00 by"), "{txt}");
}

#[test]
fn a_promise_covers_the_invoices_named_and_never_a_disputed_one_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    // K-2 disputed: a promise for it alone is refused, from the invoice
    // or as the only invoice named; with K-1 it is taken.
    log(&db, &["dispute", "--invoice", "K-2", "--reason", "quality"]);
    let err = refused(&dun(
        &db,
        &[
            "log",
            "promise",
            "--invoice",
            "K-2",
            "--date",
            "2026-11-27",
            "--amount",
            "400.00",
        ],
    ));
    assert!(
        err.contains(
            "invoice K-2 is disputed: a promise covers a disputed invoice only with others"
        ),
        "{err}"
    );
    let said = log(
        &db,
        &[
            "promise",
            "--client",
            "KEPT",
            "--invoice",
            "K-1",
            "--invoice",
            "K-2",
            "--date",
            "2026-11-27",
            "--amount",
            "1400.00",
        ],
    );
    assert!(
        said.contains("Promise logged for 2026-11-27 (K-1, K-2)"),
        "{said}"
    );
    // The journal says which invoices it covers, to scripts and to the
    // clerk reading it.
    let journal: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&dun(&db, &["export", "journal", "--format", "json"]))).unwrap();
    let promise = &journal[0];
    assert_eq!(promise["kind"], "promise");
    assert_eq!(promise["invoice"], serde_json::Value::Null);
    assert_eq!(promise["invoices"], serde_json::json!(["K-1", "K-2"]));
    assert!(journal[1].get("invoices").is_none(), "{}", journal[1]);
    let csv = ok(&dun(&db, &["export", "journal", "--format", "csv"]));
    let row = csv.lines().nth(1).unwrap();
    assert!(row.ends_with(",K-1 K-2"), "{row}");
    // More than the invoices named owe: refused, nothing written.
    let err = refused(&dun(
        &db,
        &[
            "log",
            "promise",
            "--client",
            "SHORT",
            "--invoice",
            "S-1",
            "--invoice",
            "S-2",
            "--date",
            "2026-11-27",
            "--amount",
            "1500.00",
        ],
    ));
    assert!(
        err.contains("1500.00 EUR is more than the 1400.00 EUR invoices S-1, S-2 owe"),
        "{err}"
    );
    // The promise holds K-1 and K-2 until its date; SHORT, with none, is
    // dunned.
    let kept = reasons(&db, "2026-11-22", "KEPT");
    assert!(!kept.iter().any(|r| r == "reminder"), "{kept:?}");
    let short = reasons(&db, "2026-11-22", "SHORT");
    assert!(short.iter().any(|r| r == "reminder"), "{short:?}");
    // 500.00 of the 1,400.00 came by its date: broken once its grace
    // passed, though K-1 is still open and K-2 disputed.
    log(
        &db,
        &[
            "payment",
            "--invoice",
            "K-1",
            "--date",
            "2026-11-22",
            "--amount",
            "500.00",
        ],
    );
    assert!(
        !reasons(&db, "2026-11-29", "KEPT").contains(&"broken_promise".to_string()),
        "within its grace"
    );
    let after = reasons(&db, "2026-12-10", "KEPT");
    assert!(after.contains(&"broken_promise".to_string()), "{after:?}");
}
