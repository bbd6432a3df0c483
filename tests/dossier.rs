//! `dun dossier`: a case's evidence file, written whole into a new folder
//! from the journal and the letters folder, reading only.

#[path = "common/binary.rs"]
mod binary;

use std::path::Path;

use binary::{TODAY, dun, ok};

fn journal(db: &Path) -> Vec<serde_json::Value> {
    let out = ok(&dun(db, &["export", "journal", "--format", "json"]));
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_evidence_file_holds_the_account_the_letters_and_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("case.db");
    ok(&dun(&db, &["demo"]));
    ok(&dun(
        &db,
        &[
            "settings",
            "set",
            "company.terms",
            "https://example.com/terms-2026.pdf",
        ],
    ));
    // Today's formal notices go out (with the interest to be specified where
    // the tables lack a rate), written into the letters folder.
    ok(&dun(&db, &["letters", "--incomplete"]));
    let entries = journal(&db);
    let notice = entries
        .iter()
        .find(|e| e["kind"] == "formal_notice" && e["on"] == TODAY)
        .expect("a formal notice sent today");
    let client = notice["client"].as_str().unwrap();
    let before = std::fs::read(&db).unwrap();

    let out = dir.path().join("evidence");
    let said = ok(&dun(
        &db,
        &["dossier", client, "--out", out.to_str().unwrap()],
    ));
    assert!(
        said.starts_with(&format!("Evidence file of {client} (")),
        "{said}"
    );
    // It reads only.
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database changed");

    // index.txt: creditor with the general conditions, the debtor, the
    // invoices, the penalties, the letters with their copies, every contact.
    let index = std::fs::read_to_string(out.join("index.txt")).unwrap();
    for part in [
        "CREDITOR",
        "https://example.com/terms-2026.pdf",
        "DEBTOR",
        "INVOICES",
        "LATE-PAYMENT INTEREST AND COMPENSATION AS OF",
        "LETTERS SENT",
        "EVERY CONTACT AND ENTRY, OLDEST FIRST",
        client,
    ] {
        assert!(index.contains(part), "{part}:\n{index}");
    }
    let invoice = notice["invoice"].as_str().unwrap();
    assert!(index.contains(invoice), "{index}");
    assert!(
        index.contains(&format!("{TODAY} formal notice (by post, deadline ")),
        "{index}"
    );

    // The letter's copies are the files the letters folder holds.
    let folder = dir.path().join("letters").join(TODAY);
    let mut copies = 0;
    for e in std::fs::read_dir(&folder).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with(client) {
            continue;
        }
        let copy = out.join("letters").join(format!("{TODAY}-{name}"));
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            std::fs::read(e.path()).unwrap(),
            "{name}"
        );
        copies += 1;
    }
    assert!(copies >= 2, "the text and the PDF at least: {copies}");

    // The journal extract: the client's entries, each with who recorded it.
    let csv = std::fs::read_to_string(out.join("journal.csv")).unwrap();
    // With the byte-order mark spreadsheets need to read UTF-8.
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(
        csv.starts_with("id,at,on,user,kind,client,invoice"),
        "{csv}"
    );
    let extract: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("journal.json")).unwrap()).unwrap();
    assert!(!extract.is_empty());
    assert!(extract.iter().all(|e| e["client"] == client));
    assert!(
        extract
            .iter()
            .all(|e| e["user"].as_str().is_some_and(|u| !u.is_empty()))
    );
    assert_eq!(csv.lines().count(), extract.len() + 1);

    // claim.json: creditor, debtor, the principal as the invoices owe it,
    // the costs, the evidence listed.
    let claim: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("claim.json")).unwrap()).unwrap();
    assert_eq!(claim["debtor"]["code"], client);
    assert_eq!(
        claim["general_conditions"],
        "https://example.com/terms-2026.pdf"
    );
    let invoices = claim["invoices"].as_array().unwrap();
    assert!(invoices.iter().any(|i| i["number"] == invoice));
    for c in claim["claims"].as_array().unwrap() {
        let cur = c["currency"].as_str().unwrap();
        // The principal is the sum of the invoices' outstanding amounts,
        // added as decimal strings of the same scale.
        let sum: i128 = invoices
            .iter()
            .filter(|i| i["currency"] == cur)
            .map(|i| {
                i["outstanding"]
                    .as_str()
                    .unwrap()
                    .replace('.', "")
                    .parse::<i128>()
                    .unwrap()
            })
            .sum();
        let principal: i128 = c["principal"]
            .as_str()
            .unwrap()
            .replace('.', "")
            .parse()
            .unwrap();
        assert_eq!(principal, sum, "{c}");
    }
    let evidence: Vec<&str> = claim["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    for f in ["index.txt", "journal.csv", "journal.json", "claim.json"] {
        assert!(evidence.contains(&f), "{evidence:?}");
    }
    assert!(
        evidence.iter().any(|e| e.starts_with("letters/")),
        "{evidence:?}"
    );
    // Nothing else was left beside it.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".part"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn an_unknown_client_another_clients_invoice_or_a_used_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("case.db");
    ok(&dun(&db, &["demo"]));
    let aging: serde_json::Value =
        serde_json::from_str(&ok(&dun(&db, &["export", "aging", "--format", "json"]))).unwrap();
    let lines = aging.as_array().unwrap();
    let first = &lines[0];
    let other = lines
        .iter()
        .find(|l| l["client"] != first["client"])
        .unwrap();
    let (client, theirs) = (
        first["client"].as_str().unwrap(),
        other["invoice"].as_str().unwrap(),
    );
    let out = dir.path().join("evidence");
    let o = out.to_str().unwrap();
    let refused = |args: &[&str], why: &str| {
        let r = dun(&db, args);
        assert!(!r.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains(why), "{args:?}: {err}");
    };
    refused(&["dossier", "NOBODY", "--out", o], "no client NOBODY");
    refused(
        &["dossier", client, "--invoice", theirs, "--out", o],
        &format!(
            "invoice {theirs} is {}'s, not {client}'s",
            other["client"].as_str().unwrap()
        ),
    );
    refused(
        &["dossier", client, "--invoice", "NO-SUCH-1", "--out", o],
        "no invoice NO-SUCH-1",
    );
    assert!(!out.exists(), "nothing written for a refused request");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    refused(&["dossier", client, "--out", o], "the folder is not empty");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // An empty folder is taken.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    ok(&dun(
        &db,
        &["dossier", client, "--out", empty.to_str().unwrap()],
    ));
    assert!(empty.join("index.txt").exists());
}
