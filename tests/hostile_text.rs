//! Text that tries to drive the terminal (title, clipboard, clear screen,
//! DCS, C1 CSI, bidi overrides) is shown, never obeyed: neutralised when
//! imported, and harmless in every output when another program put it in
//! the database.

#[path = "common/hostile.rs"]
mod hostile;

use std::path::Path;
use std::process::Output;

use dun::domain::currency::Currency;
use dun::domain::text::is_unsafe;
use dun::import::{ImportOptions, headers::FileKind, import};
use dun::store::Store;
use hostile::{TODAY, d, evil, evil_code, evil_number, harmless, now};

#[path = "common/binary.rs"]
mod binary;
use binary::dun;

/// Runs `args` and checks that neither output carries a payload.
fn shown(db: &Path, args: &[&str]) -> Output {
    let out = dun(db, args);
    let what = args.join(" ");
    harmless(&format!("dun {what} (stdout)"), &out.stdout);
    harmless(&format!("dun {what} (stderr)"), &out.stderr);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "dun {what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn succeeded(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn hostile_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.db");
    let mut store = Store::open(&db).unwrap();
    hostile::fill(&mut store);
    (dir, db)
}

fn options() -> ImportOptions {
    ImportOptions {
        currency: Some(Currency::EUR),
        date_format: None,
        decimal_separator: None,
        user: "tester".into(),
        today: d(TODAY),
        now: now(),
    }
}

/// Every text value of every table of the database.
fn stored_text(store: &Store) -> Vec<String> {
    let c = store.conn();
    let mut st = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .unwrap();
    let tables: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut values = Vec::new();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(rusqlite::types::ValueRef::Text(s)) = row.get_ref(i) {
                    values.push(String::from_utf8_lossy(s).into_owned());
                }
            }
        }
    }
    values
}

#[test]
fn imported_free_text_is_stored_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let e = |label: &str| format!("\"{}\"", evil(label).replace('"', "\"\""));
    let clients = write(
        "clients.csv",
        format!(
            "code,name,phone,address,clerk,email\nK1,{},{},{},{},{}\n",
            e("Acme"),
            e("+33"),
            e("rue"),
            e("clerk"),
            e("a@b.example")
        ),
    );
    let invoices = write(
        "invoices.csv",
        format!(
            "invoice,customer,customer name,milestone,invoice date,amount\nI1,K1,{},{},2026-01-05,100.00\nI2,K2,{},{},2026-01-05,100.00\n",
            e("ignored"),
            e("step"),
            e("Beta"),
            e("step")
        ),
    );
    let payments = write(
        "payments.csv",
        format!(
            "invoice,date,amount,reference\nI1,2026-02-01,10.00,{}\n",
            e("ref")
        ),
    );
    for (kind, path) in [
        (FileKind::Clients, &clients),
        (FileKind::Invoices, &invoices),
        (FileKind::Payments, &payments),
    ] {
        import(&mut store, kind, path, &options()).unwrap();
    }
    // Windows-1252 bytes that decode to C1 controls (0x81, 0x9D) and an ESC.
    let latin = dir.path().join("latin.csv");
    std::fs::write(
        &latin,
        b"invoice,customer,customer name,invoice date,amount\nL1,K3,Caf\xe9 \x81\x9d\x1b]0;x\x07,2026-01-05,1.00\n",
    )
    .unwrap();
    import(&mut store, FileKind::Invoices, &latin, &options()).unwrap();
    let text = stored_text(&store);
    assert!(text.iter().any(|t| t.starts_with("Acme")), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("Café")), "{text:?}");
    for t in &text {
        assert!(!t.chars().any(is_unsafe), "stored as is: {t:?}");
    }
}

#[test]
fn payloads_in_identifiers_are_refused_with_the_place_and_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let files = [
        (
            "clients",
            "code,name,currency\n",
            format!("\"{}\",Acme,EUR\n", evil_code()),
        ),
        (
            "payments",
            "invoice,date,amount\n",
            format!("\"{}\",2026-02-01,1.00\n", evil_number()),
        ),
        (
            "invoices",
            "invoice,customer,invoice date,amount\n",
            format!("I1,\"{}\",2026-01-05,1.00\n", evil_code()),
        ),
    ];
    for (kind, header, line) in files {
        let p = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&p, format!("{header}{line}")).unwrap();
        let path = p.to_str().unwrap();
        let out = shown(&db, &["import", kind, path, "--currency", "EUR"]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        let column = if kind == "invoices" {
            "customer"
        } else {
            header.split(',').next().unwrap()
        };
        assert!(
            err.starts_with(&format!("{path}:2: column {column}: \"")),
            "{err}"
        );
        assert!(
            err.trim_end().ends_with("contains control characters"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn every_command_line_output_shows_payloads_harmlessly() {
    let (dir, db) = hostile_db();
    for format in ["table", "csv", "json"] {
        succeeded(&shown(&db, &["queue", "--format", format]));
        succeeded(&shown(&db, &["aging", "--format", format]));
        succeeded(&shown(
            &db,
            &["invoice", &evil_number(), "--format", format],
        ));
    }
    for what in ["aging", "journal"] {
        for format in ["csv", "json"] {
            succeeded(&shown(&db, &["export", what, "--format", format]));
            let file = dir.path().join(format!("{what}.{format}"));
            let file_arg = file.to_str().unwrap();
            succeeded(&shown(
                &db,
                &["export", what, "--format", format, "-o", file_arg],
            ));
            harmless(&format!("{what}.{format}"), &std::fs::read(&file).unwrap());
        }
    }
    let queue = succeeded(&shown(&db, &["queue"]));
    assert!(queue.contains("Acme\u{fffd}]0;pwned\u{fffd}"), "{queue}");
    // Logging against the hostile client names it back harmlessly.
    let note = evil("call back");
    succeeded(&shown(
        &db,
        &["log", "note", "--client", &evil_code(), "--note", &note],
    ));
    succeeded(&shown(
        &db,
        &[
            "log",
            "call",
            "--invoice",
            &evil_number(),
            "--outcome",
            "reached",
        ],
    ));
    // A file dropped in a shared directory under a hostile name.
    let dropped = dir.path().join(evil("pay") + ".csv");
    std::fs::write(&dropped, "invoice,date,amount\nPLAIN-2,2026-11-01,1.00\n").unwrap();
    succeeded(&shown(
        &db,
        &["import", "payments", dropped.to_str().unwrap()],
    ));
    // Errors that quote what the clerk or the database said.
    for args in [
        vec!["invoice".to_string(), evil("NOPE")],
        vec!["log".into(), "call".into(), "--client".into(), evil("NOPE")],
        vec!["log".into(), evil("kind"), "--client".into(), evil_code()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = shown(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
}

#[test]
fn json_keeps_the_text_exactly_but_escaped() {
    let (_dir, db) = hostile_db();
    let out = succeeded(&shown(&db, &["queue", "--format", "json"]));
    let lines: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = lines.iter().filter_map(|l| l["name"].as_str()).collect();
    assert!(names.contains(&evil("Acme").as_str()), "{names:?}");
    let out = succeeded(&shown(&db, &["export", "journal", "--format", "json"]));
    let entries: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(entries.iter().any(|e| e["note"] == evil("note")), "{out}");
    assert!(out.contains(r#"pwned\u0007\u202e"#), "{out}");
}

#[test]
fn letters_and_emails_carry_no_payload() {
    let (dir, db) = hostile_db();
    succeeded(&shown(&db, &["settings", "set", "company.name", "Atelier"]));
    succeeded(&shown(
        &db,
        &["settings", "set", "company.email", "compta@atelier.example"],
    ));
    let out_dir = dir.path().join("letters");
    let out = out_dir.to_str().unwrap();
    succeeded(&shown(&db, &["letters", "--out", out, "--dry-run"]));
    let sent = shown(&db, &["letters", "--out", out]);
    let files: Vec<_> = std::fs::read_dir(out_dir.join(TODAY))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "eml")),
        "{files:?} {}",
        String::from_utf8_lossy(&sent.stdout)
    );
    assert!(files.len() >= 2, "{files:?}");
    for f in &files {
        let bytes = if f.extension().is_some_and(|e| e == "pdf") {
            // A PDF is binary: what a reader shows is its text.
            let out = std::process::Command::new("pdftotext")
                .arg("-nopgbrk")
                .arg(f)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) reads the PDF letters");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        } else {
            std::fs::read(f).unwrap()
        };
        harmless(&f.display().to_string(), &bytes);
        if f.extension().is_some_and(|e| e == "eml") {
            // What a mail program shows: the decoded headers and body.
            let text = String::from_utf8(bytes).unwrap();
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            for word in head.split("=?utf-8?B?").skip(1) {
                let encoded = word.split("?=").next().unwrap();
                harmless("an encoded header word", &base64(encoded));
            }
            harmless("the decoded body", &quoted_printable(body));
        }
    }
}

fn base64(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = s
        .bytes()
        .filter(|b| *b != b'=')
        .map(|b| ALPHABET.iter().position(|a| *a == b).unwrap() as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

fn quoted_printable(s: &str) -> Vec<u8> {
    let s = s.replace("=\r\n", "");
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() + 1 {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}
