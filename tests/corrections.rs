//! Correcting a mistake through the real binary: `dun log correction
//! --refers-to ID --reason TEXT` undoes a payment (a bounced cheque), a
//! duplicate acknowledgment of receipt, a reminder logged by mistake, a
//! write-off; the aging, the levels, the queue and the interest follow; the
//! journal keeps both entries. Each refusal is one line, exit status 1,
//! nothing written.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
use binary::{dun, ok};

/// Two clients in euros with overdue invoices on 2026-11-22.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dun.db");
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

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(&dun(db, args))).unwrap()
}

fn journal(db: &Path) -> Vec<Value> {
    json(db, &["export", "journal", "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

/// The journal entry `id`.
fn entry(db: &Path, id: i64) -> Value {
    journal(db)
        .into_iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

/// The id `dun log` printed: `… (journal entry 12)`.
fn logged(out: &str) -> i64 {
    let tail = out.trim().rsplit("(journal entry ").next().unwrap();
    tail.trim_end_matches(')').parse().unwrap()
}

fn log(db: &Path, args: &[&str]) -> i64 {
    let mut all = vec!["log"];
    all.extend_from_slice(args);
    logged(&ok(&dun(db, &all)))
}

fn aging_line(db: &Path, number: &str) -> Option<Value> {
    json(db, &["export", "aging", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["invoice"] == number)
        .cloned()
}

/// The queue's lines of `client`: (reason kind, level).
fn queue_of(db: &Path, client: &str) -> Vec<(String, Option<i64>)> {
    json(db, &["queue", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["client"] == client)
        .map(|l| {
            (
                l["reason"]["kind"].as_str().unwrap().to_string(),
                l["reason"]["level"].as_i64(),
            )
        })
        .collect()
}

/// A refusal: exit status 1, one line on stderr holding `words`, and the
/// journal as it was.
fn refused(db: &Path, args: &[&str], words: &str) {
    let before = journal(db);
    let out = dun(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
    assert_eq!(journal(db), before, "{args:?} wrote something");
}

#[test]
fn a_bounced_cheque_puts_the_invoice_back_in_the_aging_and_the_queue_with_its_interest() {
    let (_dir, db) = fixture();
    let unpaid = json(&db, &["invoice", "A1", "--format", "json"]);
    let payment = log(
        &db,
        &[
            "payment",
            "--invoice",
            "A1",
            "--method",
            "cheque",
            "--reference",
            "CHQ 0042",
            "--date",
            "2026-10-15",
        ],
    );
    assert!(aging_line(&db, "A1").is_none(), "paid in full");
    let paid = json(&db, &["invoice", "A1", "--format", "json"]);
    assert_eq!(paid["outstanding"], "0.00", "{paid}");
    let queue: Vec<Value> = json(&db, &["queue", "--format", "json"])
        .as_array()
        .unwrap()
        .clone();
    assert!(
        !queue
            .iter()
            .any(|l| l["invoices"].as_array().unwrap().iter().any(|n| n == "A1")),
        "{queue:?}"
    );

    let out = ok(&dun(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &payment.to_string(),
            "--reason",
            "cheque bounced",
        ],
    ));
    assert!(
        out.starts_with(&format!(
            "Corrected entry {payment}: payment of 1000.00 EUR on 2026-10-15, A1 — 1000.00 EUR no longer paid"
        )),
        "{out}"
    );
    let correction = logged(&out);

    // The aging, the queue and the interest as if it had never been paid.
    let line = aging_line(&db, "A1").expect("A1 is open again");
    assert_eq!(line["outstanding"], "1000.00", "{line}");
    let again = json(&db, &["invoice", "A1", "--format", "json"]);
    assert_eq!(again["outstanding"], "1000.00", "{again}");
    assert_eq!(again["interest"], unpaid["interest"], "{again}");
    assert_eq!(again["periods"], unpaid["periods"], "{again}");
    assert!(
        json(&db, &["queue", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["invoices"].as_array().unwrap().iter().any(|n| n == "A1")),
        "A1 is chased again"
    );

    // The journal keeps both: the payment with its method and reference,
    // corrected, and the correction saying what and why.
    let p = entry(&db, payment);
    assert_eq!(p["method"], "cheque", "{p}");
    assert_eq!(p["payment_reference"], "CHQ 0042", "{p}");
    assert_eq!(p["corrected_by"], correction, "{p}");
    let c = entry(&db, correction);
    assert_eq!(c["kind"], "correction", "{c}");
    assert_eq!(c["refers_to"], payment, "{c}");
    assert_eq!(c["reason"], "cheque bounced", "{c}");
    assert_eq!(c["invoice"], "A1", "{c}");
    assert_eq!(c["amount"], "1000.00", "{c}");
    assert!(
        c["method"].is_null() && c.get("corrected_by").is_none(),
        "{c}"
    );
    let csv = ok(&dun(&db, &["export", "journal", "--format", "csv"]));
    let row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{correction},")))
        .unwrap();
    assert!(row.contains(",correction,C1,A1,"), "{row}");
    assert!(row.contains(&format!(",{payment},")), "{row}");

    // A new payment of the same invoice is taken again, up to all it owes.
    log(&db, &["payment", "--invoice", "A1", "--amount", "1000.00"]);
    assert!(aging_line(&db, "A1").is_none());
}

#[test]
fn a_duplicate_acknowledgment_is_corrected_and_the_letter_keeps_the_other() {
    let (_dir, db) = fixture();
    let letter = log(
        &db,
        &[
            "letter",
            "--client",
            "C2",
            "--registered",
            "--on",
            "2026-11-02",
        ],
    );
    let ack = |db: &Path| {
        log(
            db,
            &[
                "letter",
                "--client",
                "C2",
                "--outcome",
                "acknowledged",
                "--refers-to",
                &letter.to_string(),
                "--date",
                "2026-11-05",
            ],
        )
    };
    let first = ack(&db);
    let twice = ack(&db);
    let awaiting = |db: &Path| {
        queue_of(db, "C2")
            .iter()
            .any(|(k, _)| k == "no_acknowledgment")
    };
    assert!(!awaiting(&db), "{:?}", queue_of(&db, "C2"));
    ok(&dun(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &twice.to_string(),
            "--reason",
            "recorded twice",
        ],
    ));
    // The first still counts: the letter is acknowledged.
    assert!(!awaiting(&db), "{:?}", queue_of(&db, "C2"));
    assert_eq!(entry(&db, letter)["acknowledged_on"], "2026-11-05");
    // Correcting the first too: the letter waits for its receipt again.
    ok(&dun(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &first.to_string(),
            "--reason",
            "another letter's",
        ],
    ));
    assert!(entry(&db, letter)["acknowledged_on"].is_null());
    assert!(awaiting(&db), "{:?}", queue_of(&db, "C2"));
    // A corrected acknowledgment is not acknowledged again by referring to it.
    refused(
        &db,
        &[
            "log",
            "letter",
            "--client",
            "C2",
            "--outcome",
            "acknowledged",
            "--refers-to",
            &first.to_string(),
        ],
        "was corrected",
    );
}

#[test]
fn a_reminder_logged_by_mistake_lowers_the_level_and_the_queue_s_next_step() {
    let (_dir, db) = fixture();
    log(&db, &["reminder", "--invoice", "A1", "--on", "2026-11-01"]);
    log(&db, &["reminder", "--invoice", "A2", "--on", "2026-11-01"]);
    assert_eq!(queue_of(&db, "C1"), vec![("reminder".to_string(), Some(2))]);
    let mistake = log(&db, &["reminder", "--invoice", "A1"]);
    assert_eq!(
        json(&db, &["invoice", "A1", "--format", "json"])["reminder_level"],
        2
    );
    assert!(queue_of(&db, "C1").is_empty(), "{:?}", queue_of(&db, "C1"));

    let out = ok(&dun(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &mistake.to_string(),
            "--reason",
            "sent to the wrong client",
        ],
    ));
    assert!(
        out.starts_with(&format!(
            "Corrected entry {mistake}: reminder 2 on 2026-11-22, A1 — no longer counts"
        )),
        "{out}"
    );
    let inv = json(&db, &["invoice", "A1", "--format", "json"]);
    assert_eq!(inv["reminder_level"], 1, "{inv}");
    assert_eq!(inv["reminders"].as_array().unwrap().len(), 1, "{inv}");
    assert_eq!(
        json(&db, &["export", "aging", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["invoice"] == "A1")
            .unwrap()["stage"],
        "reminder1"
    );
    assert_eq!(queue_of(&db, "C1"), vec![("reminder".to_string(), Some(2))]);
    // Reminder 2 can be sent again, and a formal notice still needs three.
    log(&db, &["reminder", "--invoice", "A1", "--level", "2"]);
    refused(
        &db,
        &["log", "formal_notice", "--invoice", "A1"],
        "three reminders",
    );
}

#[test]
fn a_correction_of_a_write_off_gives_back_what_is_left_of_it() {
    let (_dir, db) = fixture();
    let w = log(
        &db,
        &[
            "write_off",
            "--invoice",
            "A2",
            "--amount",
            "300.00",
            "--reason",
            "goodwill",
        ],
    );
    // Part of it given back, the way that existed before corrections.
    let back = log(
        &db,
        &[
            "write_off",
            "--invoice",
            "A2",
            "--amount=-100.00",
            "--refers-to",
            &w.to_string(),
            "--reason",
            "too generous",
        ],
    );
    assert_eq!(aging_line(&db, "A2").unwrap()["outstanding"], "300.00");
    refused(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &back.to_string(),
            "--reason",
            "x",
        ],
        &format!("gives back part of write-off {w}"),
    );
    let out = ok(&dun(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &w.to_string(),
            "--reason",
            "not agreed",
        ],
    ));
    assert!(out.contains("200.00 EUR owed again"), "{out}");
    assert!(
        out.contains(&format!("with it entries {back}")),
        "the give-back goes with it: {out}"
    );
    let line = aging_line(&db, "A2").unwrap();
    assert_eq!(line["outstanding"], "500.00", "{line}");
    assert_eq!(line["written_off"], "0.00", "{line}");
    let aging = json(&db, &["aging", "--format", "json"]);
    assert!(
        aging["written_off"]
            .as_array()
            .is_none_or(|w| w.iter().all(|c| c["amount"] == "0.00")),
        "{aging}"
    );
    // Nothing is left of it to give back, even while another write-off
    // of the invoice stands.
    log(
        &db,
        &[
            "write_off",
            "--invoice",
            "A2",
            "--amount",
            "100.00",
            "--reason",
            "damaged goods",
        ],
    );
    refused(
        &db,
        &[
            "log",
            "write_off",
            "--invoice",
            "A2",
            "--amount=-50.00",
            "--refers-to",
            &w.to_string(),
            "--reason",
            "x",
        ],
        "at most the 0.00 EUR left of write-off",
    );
}

#[test]
fn a_promise_for_the_whole_account_corrected_no_longer_holds_the_case() {
    let (_dir, db) = fixture();
    let promise = log(
        &db,
        &[
            "promise",
            "--client",
            "C1",
            "--amount",
            "1500.00",
            "--date",
            "2026-12-04",
        ],
    );
    assert!(queue_of(&db, "C1").is_empty(), "{:?}", queue_of(&db, "C1"));
    ok(&dun(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &promise.to_string(),
            "--reason",
            "it was C2 who promised",
        ],
    ));
    assert_eq!(queue_of(&db, "C1"), vec![("reminder".to_string(), Some(1))]);
}

#[test]
fn a_correction_is_refused_with_one_line_and_nothing_written() {
    let (_dir, db) = fixture();
    let call = log(&db, &["call", "--client", "C1", "--outcome", "reached"]);
    refused(
        &db,
        &["log", "correction", "--refers-to", "999", "--reason", "x"],
        "refers-to: there is no journal entry 999",
    );
    refused(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &call.to_string(),
            "--reason",
            "  ",
        ],
        "reason: a correction says why",
    );
    refused(
        &db,
        &["log", "correction", "--refers-to", &call.to_string()],
        "reason: a correction says why",
    );
    refused(
        &db,
        &["log", "correction", "--reason", "x"],
        "refers-to: a correction names the entry it corrects",
    );
    let fix = log(
        &db,
        &[
            "correction",
            "--refers-to",
            &call.to_string(),
            "--reason",
            "the call was to C2",
        ],
    );
    refused(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &call.to_string(),
            "--reason",
            "again",
        ],
        &format!("was corrected already (entry {fix})"),
    );
    refused(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &fix.to_string(),
            "--reason",
            "undo the undo",
        ],
        "is a correction itself",
    );
    refused(
        &db,
        &[
            "log",
            "correction",
            "--refers-to",
            &call.to_string(),
            "--reason",
            "x",
            "--invoice",
            "A1",
        ],
        "--invoice: a correction takes only",
    );
}
