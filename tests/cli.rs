//! The real binary, as scripts and cron jobs run it: exit statuses, one-line
//! errors, the exact JSON shapes, safe CSV.

#[path = "common/binary.rs"]
mod binary;

use binary::{TODAY, dun, ok};
use std::path::PathBuf;

const IBM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/ibm-accounts-receivable.csv"
);

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    (dir, db)
}

#[test]
fn the_demo_runs_on_a_throwaway_database() {
    let (_dir, db) = temp();
    let out = ok(&dun(&db, &["--demo"]));
    assert!(out.contains("DEMO"), "{out}");
    assert!(out.contains("Follow-up queue as of 2026-11-22"), "{out}");
    assert!(out.contains("Aging as of 2026-11-22"), "{out}");
    assert!(
        !db.exists(),
        "--demo must not touch the configured database"
    );
}

#[test]
fn aging_json_has_exactly_the_documented_shape() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["import", "invoices", IBM, "--currency", "USD"]));
    let out = ok(&dun(
        &db,
        &["aging", "--as-of", "2013-06-30", "--format", "json"],
    ));
    // Keys in the documented order, no others.
    assert!(
        out.starts_with(r#"{"as_of":"2013-06-30","totals":[{"currency":"USD","outstanding":""#),
        "{out}"
    );
    assert!(
        out.contains(r#"","buckets":[{"bucket":"current","count":"#),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let obj = v.as_object().unwrap();
    assert_eq!(obj.len(), 2);
    assert_eq!(v["as_of"], "2013-06-30");
    let totals = v["totals"].as_array().unwrap();
    assert_eq!(totals.len(), 1);
    let usd = totals[0].as_object().unwrap();
    assert_eq!(usd.len(), 3);
    assert_eq!(usd["currency"], "USD");
    let buckets = usd["buckets"].as_array().unwrap();
    let names: Vec<&str> = buckets
        .iter()
        .map(|b| b["bucket"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["current", "1-30", "31-60", "61-90", "91+"]);
    let mut sum = 0i64;
    for b in buckets {
        assert_eq!(b.as_object().unwrap().len(), 3);
        assert!(b["count"].is_u64());
        let s = b["outstanding"].as_str().unwrap();
        let (units, cents) = s.split_once('.').unwrap();
        assert_eq!(cents.len(), 2, "{s}");
        sum += units.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap();
    }
    let total = usd["outstanding"]
        .as_str()
        .unwrap()
        .replace('.', "")
        .parse::<i64>()
        .unwrap();
    assert_eq!(sum, total);
}

#[test]
fn a_malformed_file_is_refused_in_one_line_and_writes_nothing() {
    let (dir, db) = temp();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "invoice,customer,invoice date,amount\nA1,C1,2026-01-05,10.00\nA2,C1,2026-13-05,10.00\n",
    )
    .unwrap();
    let out = dun(
        &db,
        &[
            "import",
            "invoices",
            csv.to_str().unwrap(),
            "--currency",
            "EUR",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("{}:3: column invoice date: ", csv.display())),
        "{err}"
    );
    // The database the import would have created is not left behind.
    assert!(!db.exists(), "a refused import leaves no new database");
    ok(&dun(&db, &["init"]));
    assert!(
        !dun(
            &db,
            &[
                "import",
                "invoices",
                csv.to_str().unwrap(),
                "--currency",
                "EUR"
            ]
        )
        .status
        .success()
    );
    let aging = ok(&dun(&db, &["aging", "--format", "json"]));
    assert_eq!(aging.trim(), r#"{"as_of":"2026-11-22","totals":[]}"#);
}

#[test]
fn export_csv_is_excel_safe_and_journal_json_has_the_fields() {
    let (dir, db) = temp();
    ok(&dun(&db, &["demo", "--scale", "200"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        mode, "wal",
        "the demo's bulk load leaves the file in WAL mode"
    );
    drop(conn);
    let file = dir.path().join("aging.csv");
    ok(&dun(
        &db,
        &["export", "aging", "--output", file.to_str().unwrap()],
    ));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{feff}client,client_name,invoice,".as_bytes()));
    let json = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    let entries: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(!entries.is_empty());
    for e in &entries {
        for key in ["at", "user", "kind", "client", "invoice", "note"] {
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
    }
}

#[test]
fn formula_like_client_names_are_neutralised_in_csv() {
    let (dir, db) = temp();
    let csv = dir.path().join("inv.csv");
    std::fs::write(
        &csv,
        "invoice,customer,customer name,invoice date,due date,amount\nX1,=cmd,=HYPERLINK(\"http://x\"),2026-01-05,2026-02-04,10.00\n",
    )
    .unwrap();
    ok(&dun(
        &db,
        &[
            "import",
            "invoices",
            csv.to_str().unwrap(),
            "--currency",
            "EUR",
        ],
    ));
    let out = ok(&dun(&db, &["export", "aging"]));
    assert!(
        out.contains("'=cmd,\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_a_database_gives_one_line_and_a_failure() {
    let (dir, _) = temp();
    let db = dir.path().join("notes.txt");
    std::fs::write(
        &db,
        "shopping list: milk, eggs, and a long line to pass the header size",
    )
    .unwrap();
    let out = dun(&db, &["aging"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a database"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_bad_date_option_is_a_usage_error() {
    let (_dir, db) = temp();
    let out = dun(&db, &["aging", "--as-of", "30/06/2013"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn aging_at_a_past_date_ignores_later_payments() {
    let (dir, db) = temp();
    let inv = dir.path().join("i.csv");
    std::fs::write(&inv, "invoice;customer;invoice date;due date;amount;currency\nQ1;C1;2026-01-01;2026-01-31;1 000,00;EUR\n").unwrap();
    let pay = dir.path().join("p.csv");
    std::fs::write(
        &pay,
        "invoice;date;amount\nQ1;2026-03-01;400,00\nQ1;2026-05-01;600,00\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "invoices", inv.to_str().unwrap()]));
    ok(&dun(&db, &["import", "payments", pay.to_str().unwrap()]));
    let at = |date: &str| {
        let v: serde_json::Value = serde_json::from_str(&ok(&dun(
            &db,
            &["aging", "--as-of", date, "--format", "json"],
        )))
        .unwrap();
        v["totals"]
            .as_array()
            .unwrap()
            .first()
            .map(|t| t["outstanding"].as_str().unwrap().to_string())
    };
    assert_eq!(at("2025-12-31"), None, "not issued yet");
    assert_eq!(at("2026-02-15").as_deref(), Some("1000.00"));
    assert_eq!(at("2026-03-01").as_deref(), Some("600.00"));
    assert_eq!(at("2026-05-01"), None, "paid in full");
}

#[test]
fn messages_quoting_a_hostile_file_reach_the_terminal_harmless() {
    let (dir, db) = temp();
    let csv = dir.path().join("evil.csv");
    std::fs::write(
        &csv,
        b"invoice,customer,invoice date,amount\nA1,C1,2026-01-05,10.00\nA1,C1\x1b]52;c;ZWNobw==\x07,2026-01-05,10.00\n",
    )
    .unwrap();
    let out = dun(
        &db,
        &[
            "import",
            "invoices",
            csv.to_str().unwrap(),
            "--currency",
            "EUR",
        ],
    );
    assert!(!out.status.success());
    assert!(
        !out.stderr.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stderr.contains(&0x07));
}

#[test]
fn letters_are_written_logged_and_never_sent_twice() {
    let (dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    // The company's address, so that e-mails can go.
    ok(&dun(
        &db,
        &["settings", "set", "company.name", "Atelier Boréal SARL"],
    ));
    ok(&dun(
        &db,
        &[
            "settings",
            "set",
            "company.email",
            "compta@atelier-boreal.example",
        ],
    ));
    let out_dir = dir.path().join("letters");
    let out = out_dir.to_str().unwrap();
    // The demo's formal notices late in 2026 H2 lack the half-year's
    // reference rates: sent anyway, with the interest "to be specified".
    let due = ok(&dun(
        &db,
        &["letters", "--out", out, "--dry-run", "--incomplete"],
    ));
    assert!(!out_dir.exists(), "a dry run writes nothing");
    let first = ok(&dun(&db, &["letters", "--out", out, "--incomplete"]));
    assert_eq!(
        first.lines().next().unwrap().rsplit(": ").next(),
        due.lines().next().unwrap().rsplit(": ").next(),
        "{first}"
    );
    let written: Vec<String> = std::fs::read_dir(out_dir.join(TODAY))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        written.iter().any(|n| n.ends_with("-formal_notice.txt")),
        "{written:?}"
    );
    assert!(written.iter().any(|n| n.ends_with(".eml")), "{written:?}");
    assert!(!written.iter().any(|n| n.ends_with(".part")), "{written:?}");
    // Every letter is in the journal, the formal notices as registered mail.
    let journal = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    let entries: serde_json::Value = serde_json::from_str(&journal).unwrap();
    let sent: Vec<&serde_json::Value> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["note"].as_str().is_some_and(|n| n.contains(" sent by ")))
        .collect();
    assert!(!sent.is_empty());
    assert!(
        sent.iter()
            .filter(|e| e["kind"] == "formal_notice")
            .all(|e| e["registered"] == true)
    );
    // The same day again: nothing is due, nothing is written.
    let again = ok(&dun(&db, &["letters", "--out", out, "--incomplete"]));
    assert!(
        again.starts_with(&format!("Letters written as of {TODAY} in ")),
        "{again}"
    );
    assert!(again.lines().next().unwrap().ends_with(": 0"), "{again}");
    let count = std::fs::read_dir(out_dir.join(TODAY)).unwrap().count();
    assert_eq!(count, written.len());
}

#[test]
fn an_invoice_prints_its_penalties_as_json() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let aging = ok(&dun(&db, &["export", "aging", "--format", "json"]));
    let aging: serde_json::Value = serde_json::from_str(&aging).unwrap();
    // A British business invoice whose interest started before July 2026:
    // the Bank Rate of 30 June 2026 is not in the shipped tables.
    let out = aging
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            l["client"].as_str().unwrap().starts_with("GB-")
                && l["days_overdue"].as_i64().unwrap_or(0) > 150
        })
        .map(|l| {
            ok(&dun(
                &db,
                &[
                    "invoice",
                    l["invoice"].as_str().unwrap(),
                    "--format",
                    "json",
                ],
            ))
        })
        .find(|out| out.contains("\"united_kingdom\""))
        .expect("a British business invoice");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "outstanding",
        "days_overdue",
        "reminder_level",
        "interest",
        "compensation",
        "rate",
        "currency",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {out}");
    }
    assert_eq!(v["rule"], "united_kingdom");
    assert_eq!(v["currency"], "GBP");
    assert!(
        v["interest"].as_str().unwrap().contains('.'),
        "a decimal string: {out}"
    );
    assert!(v["notes"].is_array(), "{out}");
    let missing = dun(&db, &["invoice", "NOPE"]);
    assert!(!missing.status.success());
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "no invoice NOPE\n"
    );
}

#[test]
fn queue_json_names_each_reason_with_its_date_or_level() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let q: serde_json::Value =
        serde_json::from_str(&ok(&dun(&db, &["queue", "--format", "json"]))).unwrap();
    let lines = q.as_array().unwrap();
    let kinds: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|l| l["reason"]["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains("broken_promise") && kinds.contains("reminder"),
        "{kinds:?}"
    );
    for l in lines {
        let r = &l["reason"];
        match r["kind"].as_str().unwrap() {
            "reminder" => assert!((1..=3).contains(&r["level"].as_u64().unwrap())),
            "broken_promise" | "promise_due" | "next_action" | "confirm_visit" | "pilot_ends"
            | "visit_outcome" | "no_acknowledgment" | "dispute_review" | "escalation_review"
            | "broken_plan" | "instalment_due" => {
                assert_eq!(r["date"].as_str().unwrap().len(), 10)
            }
            _ => assert_eq!(r.as_object().unwrap().len(), 1, "{r}"),
        }
        assert!(l["amount"].as_str().unwrap().contains('.'));
    }
}

#[test]
fn queue_json_has_exactly_the_documented_shape() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    let q: serde_json::Value =
        serde_json::from_str(&ok(&dun(&db, &["queue", "--format", "json"]))).unwrap();
    let lines = q.as_array().expect("a JSON array");
    assert!(!lines.is_empty());
    let fields = [
        "client",
        "name",
        "reason",
        "reason_text",
        "currency",
        "amount",
        "invoices",
        "oldest_days_overdue",
        "last_contact",
        "clerk",
        "rating",
        "profile",
    ];
    let mut held = 0;
    for l in lines {
        let o = l.as_object().unwrap();
        let mut keys: Vec<&str> = o.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = fields.to_vec();
        if let Some(h) = o.get("held") {
            held += 1;
            want.push("held");
            let h = h.as_object().unwrap();
            let mut hk: Vec<&str> = h.keys().map(String::as_str).collect();
            hk.sort_unstable();
            assert_eq!(hk, ["command", "period", "series", "text"], "{l}");
            let series = h["series"].as_str().unwrap();
            let period = h["period"].as_str().unwrap();
            assert_eq!(
                h["command"].as_str().unwrap(),
                format!("dun rates set {series} {period} VALUE --source TEXT")
            );
            assert!(h["text"].as_str().unwrap().starts_with("no "), "{l}");
            assert!(
                l["reason_text"].as_str().unwrap().contains(" held: no "),
                "{l}"
            );
        }
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want, "{l}");
        for k in [
            "client",
            "name",
            "reason_text",
            "currency",
            "amount",
            "profile",
        ] {
            assert!(l[k].is_string(), "{k}: {l}");
        }
        assert!(
            l["invoices"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i.is_string())
        );
        for k in ["last_contact", "clerk", "rating"] {
            assert!(l[k].is_string() || l[k].is_null(), "{k}: {l}");
        }
        assert!(l["oldest_days_overdue"].is_i64() || l["oldest_days_overdue"].is_null());
        let r = l["reason"].as_object().unwrap();
        let mut rk: Vec<&str> = r.keys().map(String::as_str).collect();
        rk.sort_unstable();
        let kind = r["kind"].as_str().unwrap();
        let with_date = [
            "broken_promise",
            "broken_plan",
            "promise_due",
            "instalment_due",
            "dispute_review",
            "escalation_review",
            "next_action",
            "visit_outcome",
            "confirm_visit",
            "no_acknowledgment",
            "pilot_ends",
        ];
        let alone = [
            "formal_notice_ready",
            "escalate",
            "deposit_needed",
            "unpaid_deposit",
            "courtesy",
            "small_balance",
        ];
        if with_date.contains(&kind) {
            assert_eq!(rk, ["date", "kind"], "{l}");
            assert!(
                r["date"]
                    .as_str()
                    .unwrap()
                    .parse::<chrono::NaiveDate>()
                    .is_ok()
            );
        } else if kind == "reminder" {
            assert_eq!(rk, ["kind", "level"], "{l}");
        } else {
            assert!(alone.contains(&kind), "undocumented kind: {l}");
            assert_eq!(rk, ["kind"], "{l}");
        }
    }
    // The demo's day lacks a reference rate: some lines are held.
    assert!(held > 0, "no held line in the demo queue");
}

/// `dun invoice NUMBER --format csv`, read back: the header and the rows.
fn invoice_csv(db: &std::path::Path, number: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let out = ok(&dun(db, &["invoice", number, "--format", "csv"]));
    let body = out
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn an_invoice_as_csv_is_one_table_its_figures_then_its_interest_periods() {
    let (dir, db) = temp();
    ok(&dun(&db, &["demo"]));
    // An invoice held for the missing Norwegian rate of 2026-H2; once the
    // rate is set, its interest runs over two half-years.
    let q: serde_json::Value =
        serde_json::from_str(&ok(&dun(&db, &["queue", "--format", "json"]))).unwrap();
    let held = q
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["held"]["series"] == "norway_interest")
        .expect("a line held for the Norwegian rate");
    let number = held["invoices"][0].as_str().unwrap().to_string();
    ok(&dun(
        &db,
        &[
            "rates",
            "set",
            "norway_interest",
            "2026-H2",
            "12.25",
            "--source",
            "test",
        ],
    ));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&dun(&db, &["invoice", &number, "--format", "json"]))).unwrap();
    let (header, rows) = invoice_csv(&db, &number);
    assert_eq!(
        header,
        [
            "record",
            "invoice",
            "client",
            "client_name",
            "country",
            "profile",
            "as_of",
            "issued_on",
            "due_on",
            "currency",
            "amount",
            "outstanding",
            "days_overdue",
            "reminder_level",
            "reminders",
            "formal_notice_on",
            "milestone",
            "rule",
            "rate",
            "interest",
            "interest_from",
            "compensation",
            "compensation_currency",
            "note",
            "period_from",
            "period_to",
            "period_days",
            "period_balance",
            "period_rate",
            "period_interest",
        ]
    );
    let col =
        |row: &Vec<String>, name: &str| row[header.iter().position(|h| h == name).unwrap()].clone();
    let as_text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let first = &rows[0];
    assert_eq!(col(first, "record"), "invoice");
    assert_eq!(col(first, "invoice"), number);
    for (c, j) in [
        ("client", "client"),
        ("client_name", "client_name"),
        ("country", "country"),
        ("as_of", "as_of"),
        ("due_on", "due_on"),
        ("currency", "currency"),
        ("amount", "amount"),
        ("outstanding", "outstanding"),
        ("days_overdue", "days_overdue"),
        ("reminder_level", "reminder_level"),
        ("rule", "rule"),
        ("rate", "rate"),
        ("interest", "interest"),
        ("interest_from", "interest_from"),
        ("compensation", "compensation"),
        ("note", "note"),
    ] {
        assert_eq!(col(first, c), as_text(&json[j]), "{c}");
    }
    assert_eq!(col(first, "rule"), "norway");
    assert!(col(first, "period_from").is_empty());
    let reminders: Vec<String> = json["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}:{}", s["level"], s["on"].as_str().unwrap()))
        .collect();
    assert_eq!(col(first, "reminders"), reminders.join(" "));
    let periods = json["periods"].as_array().unwrap();
    assert!(periods.len() >= 2, "{json}");
    assert_eq!(rows.len(), 1 + periods.len());
    for (row, p) in rows[1..].iter().zip(periods) {
        assert_eq!(col(row, "record"), "period");
        assert_eq!(col(row, "invoice"), number);
        assert!(col(row, "client").is_empty() && col(row, "interest").is_empty());
        for (c, j) in [
            ("period_from", "from"),
            ("period_to", "to"),
            ("period_days", "days"),
            ("period_balance", "balance"),
            ("period_rate", "rate"),
            ("period_interest", "interest"),
        ] {
            assert_eq!(col(row, c), as_text(&p[j]), "{c}");
        }
    }

    // Text cells a spreadsheet would run are neutralised.
    let db2 = dir.path().join("formula.db");
    let file = dir.path().join("inv.csv");
    std::fs::write(
        &file,
        "invoice,customer,customer name,invoice date,due date,amount\nX1,=cmd,=HYPERLINK(\"http://x\"),2026-01-05,2026-02-04,10.00\n",
    )
    .unwrap();
    ok(&dun(
        &db2,
        &[
            "import",
            "invoices",
            file.to_str().unwrap(),
            "--currency",
            "EUR",
        ],
    ));
    let (header, rows) = invoice_csv(&db2, "X1");
    assert_eq!(rows.len(), 1, "no interest period: the invoice's row alone");
    assert_eq!(
        rows[0][header.iter().position(|h| h == "client").unwrap()],
        "'=cmd"
    );
    assert_eq!(
        rows[0][header.iter().position(|h| h == "client_name").unwrap()],
        "'=HYPERLINK(\"http://x\")"
    );
}

#[test]
fn the_journal_export_gives_each_payment_its_method_and_reference() {
    let (dir, db) = temp();
    let file = dir.path().join("inv.csv");
    std::fs::write(
        &file,
        "invoice,customer,customer name,invoice date,due date,amount\nP1,C1,Client One,2026-09-01,2026-10-01,1000.00\n",
    )
    .unwrap();
    ok(&dun(
        &db,
        &[
            "import",
            "invoices",
            file.to_str().unwrap(),
            "--currency",
            "EUR",
        ],
    ));
    // Two payments alike but for their method and reference: each entry
    // keeps its own.
    ok(&dun(
        &db,
        &[
            "log",
            "payment",
            "--invoice",
            "P1",
            "--amount",
            "100.00",
            "--method",
            "transfer",
            "--reference",
            "X",
        ],
    ));
    ok(&dun(
        &db,
        &[
            "log",
            "payment",
            "--invoice",
            "P1",
            "--amount",
            "100.00",
            "--method",
            "cheque",
            "--reference",
            "=CHQ 42",
        ],
    ));
    ok(&dun(
        &db,
        &["log", "payment", "--invoice", "P1", "--amount", "50.00"],
    ));
    ok(&dun(
        &db,
        &[
            "log",
            "call",
            "--invoice",
            "P1",
            "--outcome",
            "reached",
            "--note",
            "asked",
        ],
    ));

    let json = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    let entries: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(entries.len(), 4, "{json}");
    // Newest first.
    let pair = |e: &serde_json::Value| {
        (
            e["kind"].clone(),
            e["method"].clone(),
            e["payment_reference"].clone(),
        )
    };
    let null = serde_json::Value::Null;
    assert_eq!(
        pair(&entries[0]),
        ("call".into(), null.clone(), null.clone())
    );
    assert_eq!(
        pair(&entries[1]),
        ("payment".into(), "transfer".into(), null.clone())
    );
    assert_eq!(
        pair(&entries[2]),
        ("payment".into(), "cheque".into(), "=CHQ 42".into())
    );
    assert_eq!(
        pair(&entries[3]),
        ("payment".into(), "transfer".into(), "X".into())
    );
    for e in &entries {
        assert!(
            e.get("method").is_some() && e.get("payment_reference").is_some(),
            "{e}"
        );
    }

    let out = dir.path().join("journal.csv");
    ok(&dun(
        &db,
        &["export", "journal", "--output", out.to_str().unwrap()],
    ));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut r = csv::Reader::from_reader(text.strip_prefix('\u{feff}').unwrap().as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    // The invoices a promise covers came after them, last.
    assert_eq!(
        &header[header.len() - 4..],
        ["plan", "method", "payment_reference", "invoices"]
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    let tail = |row: &Vec<String>| (row[row.len() - 3].clone(), row[row.len() - 2].clone());
    assert_eq!(tail(&rows[0]), (String::new(), String::new()));
    assert_eq!(tail(&rows[1]), ("transfer".into(), String::new()));
    assert_eq!(
        tail(&rows[2]),
        ("cheque".into(), "'=CHQ 42".into()),
        "neutralised"
    );
    assert_eq!(tail(&rows[3]), ("transfer".into(), "X".into()));
}
