//! Broken import files through the real binary: each refused with exactly
//! `FILE:LINE: column COLUMN: reason` (or `FILE:LINE: reason`, `FILE:
//! reason` for the whole file) on one line, exit status 1, and the database
//! left byte for byte as it was.

use std::path::{Path, PathBuf};

#[path = "common/binary.rs"]
mod binary;
use binary::dun;

/// The database's files and every row of every table.
fn state(db: &Path) -> (Vec<Vec<u8>>, String) {
    let files = ["", "-wal"]
        .iter()
        .map(|s| std::fs::read(format!("{}{s}", db.display())).unwrap_or_default())
        .collect();
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let mut dump = String::new();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            dump.push_str(&format!("{t}: {}\n", cells.join(" | ")));
        }
    }
    (files, dump)
}

/// A database with invoices P1 (client C1) and P2 (client C2), 100.00 EUR each.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dun.db");
    let seed = dir.path().join("seed.csv");
    std::fs::write(
        &seed,
        "invoice,customer,invoice date,due date,amount,currency\n\
         P1,C1,2026-01-05,2026-02-04,100.00,EUR\n\
         P2,C2,2026-01-05,2026-02-04,100.00,EUR\n",
    )
    .unwrap();
    let out = dun(&db, &["import", "invoices", seed.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    (dir, db)
}

/// Imports `bytes` as a `kind` file named `name` and checks the refusal is
/// exactly `PATH` + `after_path`, and that nothing was written.
fn refused(db: &Path, kind: &str, name: &str, bytes: &[u8], after_path: &str) {
    let path = db.with_file_name(name);
    std::fs::write(&path, bytes).unwrap();
    let before = state(db);
    let out = dun(
        db,
        &["import", kind, path.to_str().unwrap(), "--currency", "EUR"],
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err, format!("{}{after_path}\n", path.display()), "{name}");
    assert_eq!(out.status.code(), Some(1), "{name}");
    assert!(out.stdout.is_empty(), "{name}");
    let after = state(db);
    assert_eq!(before.1, after.1, "{name}: rows changed");
    assert!(before.0 == after.0, "{name}: the database files changed");
}

const INVOICES: &str = "invoice,customer,invoice date,amount\n\
                        T1,C1,2026-01-05,1.00\n\
                        T2,C1,2026-01-05,\"1,000.00\"\n";

#[test]
fn a_file_cut_short_is_refused_at_its_last_line() {
    let (_dir, db) = setup();
    let cut = |tail: &str| format!("{INVOICES}{tail}").into_bytes();
    refused(
        &db,
        "invoices",
        "mid-line.csv",
        &cut("T3,C1,2026-0"),
        ":4: 3 fields where the header has 4 (a truncated line or a stray separator?)",
    );
    // The reader alone would take `"1` for the whole value: 1.00 instead of 1,000.00.
    refused(
        &db,
        "invoices",
        "mid-quote.csv",
        &cut("T3,C1,2026-01-05,\"1"),
        ":4: column amount: a quote opened here is not closed before the end of the file (is the file cut short?)",
    );
    refused(
        &db,
        "invoices",
        "mid-quote-early.csv",
        &cut("T3,C1,\"2026-01"),
        ":4: 3 fields where the header has 4 (a truncated line or a stray separator?)",
    );
    refused(
        &db,
        "invoices",
        "lone-quote.csv",
        &cut("\""),
        ":4: a quote opened here is not closed before the end of the file (is the file cut short?)",
    );
}

#[test]
fn encodings_utf16_and_a_broken_bom_are_refused_windows_1252_is_read() {
    let (_dir, db) = setup();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(INVOICES.encode_utf16().flat_map(u16::to_le_bytes));
    refused(
        &db,
        "invoices",
        "utf16.csv",
        &utf16,
        ": UTF-16 or binary file; save it as CSV UTF-8",
    );
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(b"invoice,customer,invoice date,amount\nT1,C\xe9,2026-01-05,1.00\n");
    refused(
        &db,
        "invoices",
        "bom-latin1.csv",
        &bom,
        ": the file starts with a UTF-8 byte order mark but byte 44 is not UTF-8; save it as CSV UTF-8",
    );
    // Without a BOM, bytes that are not UTF-8 are Windows-1252: 0x80 is €, not a C1 control.
    let latin = db.with_file_name("latin.csv");
    std::fs::write(
        &latin,
        b"invoice,customer,customer name,invoice date,amount\nW1,C7,Caf\xe9 \x80 Ltd,2026-01-05,1.00\n",
    )
    .unwrap();
    let out = dun(
        &db,
        &[
            "import",
            "invoices",
            latin.to_str().unwrap(),
            "--currency",
            "EUR",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let queue = String::from_utf8(dun(&db, &["queue", "--format", "json"]).stdout).unwrap();
    assert!(queue.contains("\"name\": \"Café € Ltd\""), "{queue}");
}

#[test]
fn duplicate_numbers_in_the_file_or_against_the_database_are_refused() {
    let (_dir, db) = setup();
    refused(
        &db,
        "invoices",
        "dup.csv",
        b"invoice,customer,invoice date,amount\nD1,C1,2026-01-05,1.00\nD2,C1,2026-01-05,1.00\nD1,C1,2026-01-05,1.00\n",
        ":4: column invoice: invoice D1 appears twice in the file (lines 2 and 4)",
    );
    refused(
        &db,
        "invoices",
        "again.csv",
        b"invoice,customer,invoice date,due date,amount\nN1,C1,2026-01-05,2026-02-04,5.00\nP1,C1,2026-01-05,2026-02-04,999.00\n",
        ":3: invoice P1 is already in the database with amount 100.00 EUR (the file says 999.00 EUR); correct it there or in the file",
    );
    refused(
        &db,
        "clients",
        "dup-clients.csv",
        b"code,name\nK1,Acme\nK1,Acme bis\n",
        ":3: column code: client K1 appears twice in the file (lines 2 and 3)",
    );
}

#[test]
fn payments_beyond_the_invoice_or_for_unknown_invoices_or_clients_are_refused() {
    let (_dir, db) = setup();
    refused(
        &db,
        "payments",
        "over.csv",
        b"invoice,date,amount\nP1,2026-02-01,60.00\nP1,2026-02-02,40.01\n",
        ":3: column amount: 40.01 EUR is more than the 40.00 EUR still due on invoice P1",
    );
    refused(
        &db,
        "payments",
        "unknown-invoice.csv",
        b"invoice,date,amount\nP1,2026-02-01,1.00\nNOPE,2026-02-01,1.00\n",
        ":3: column invoice: unknown invoice NOPE; import the invoice first",
    );
    refused(
        &db,
        "payments",
        "unknown-client.csv",
        b"invoice,customer,date,amount\nP1,C1,2026-02-01,1.00\nP2,C9,2026-02-01,1.00\n",
        ":3: column customer: unknown client C9; import the client or its invoices first",
    );
    // A known client, but not the invoice's: the number is likely mistyped.
    refused(
        &db,
        "payments",
        "other-client.csv",
        b"invoice,customer,date,amount\nP1,C2,2026-02-01,1.00\n",
        ":2: column customer: invoice P1 is client C1's, not C2's",
    );
}

#[test]
fn dates_in_1900_or_2200_are_refused() {
    let (_dir, db) = setup();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "invoices",
            b"invoice,customer,invoice date,amount\nY1,C1,1900-01-05,1.00\n",
            ":2: column invoice date: 1900-01-05 is outside 1970-01-01 \u{2026} 2099-12-31; check the year",
        ),
        (
            "invoices",
            b"invoice,customer,invoice date,due date,amount\nY1,C1,25/01/2026,25/01/2200,1.00\n",
            ":2: column due date: 25/01/2200 is outside 1970-01-01 \u{2026} 2099-12-31; check the year",
        ),
        (
            "payments",
            b"invoice,date,amount\nP1,2200-02-01,1.00\n",
            ":2: column date: 2200-02-01 is outside 1970-01-01 \u{2026} 2099-12-31; check the year",
        ),
        (
            "clients",
            b"code,name,hold until\nK1,Acme,31.12.1900\n",
            ":2: column hold until: 31.12.1900 is outside 1970-01-01 \u{2026} 2099-12-31; check the year",
        ),
    ];
    for (i, (kind, bytes, message)) in cases.into_iter().enumerate() {
        refused(&db, kind, &format!("year{i}.csv"), bytes, message);
    }
}

#[test]
fn lines_ending_in_a_lone_cr_are_numbered_right() {
    let (_dir, db) = setup();
    refused(
        &db,
        "invoices",
        "mac.csv",
        b"invoice,customer,invoice date,amount\rM1,C1,2026-01-05,1.00\rM2,C1,2026-01-05,x\r",
        ":3: column amount: \"x\" is not an amount: it contains letters",
    );
}
