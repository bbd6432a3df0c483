//! The details of a letter, end to end with the real binary: the contact
//! person imported from a French clients file is greeted "Madame,", the
//! address keeps the lines it was given, the printed letter has no
//! Subject: line and its e-mail is dated the letter's day; a broken
//! promise is named in the next letter; a client in the United States
//! gets American dates and closings.

#[path = "common/binary.rs"]
mod binary;

use std::fs;
use std::path::{Path, PathBuf};

use binary::{dun, ok};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

fn setup(dir: &Path, clients: &str, invoices: &str) -> PathBuf {
    let db = dir.join("dun.db");
    let c = write(dir, "clients.csv", clients);
    let i = write(dir, "invoices.csv", invoices);
    ok(&dun(&db, &["import", "clients", c.to_str().unwrap()]));
    ok(&dun(&db, &["import", "invoices", i.to_str().unwrap()]));
    ok(&dun(
        &db,
        &["settings", "set", "company.email", "compta@nous.example"],
    ));
    db
}

/// The one file of `ext` the letters run wrote under `out`.
fn file(out: &Path, ext: &str) -> String {
    let mut found = Vec::new();
    for day in fs::read_dir(out).unwrap() {
        let day = day.unwrap().path();
        if !day.is_dir() {
            continue;
        }
        for f in fs::read_dir(day).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == ext) {
                found.push(p);
            }
        }
    }
    assert_eq!(found.len(), 1, "{found:?}");
    fs::read_to_string(&found[0]).unwrap()
}

#[test]
fn a_contact_in_a_french_clients_file_is_greeted_madame() {
    let dir = tempfile::tempdir().unwrap();
    // French headers: interlocuteur, civilité; the address on three lines
    // in a quoted cell, the first with a comma of its own.
    let db = setup(
        dir.path(),
        "Code client;Raison sociale;Pays;Profil;Interlocuteur;Civilité;Adresse;Courriel\n\
         C-1;Dumas Logistique SAS;FR;entreprise;Claire Dubois;Mme;\"ZA des Platières, bât. B\n14 allée des Érables\n38200 Vienne\";factures@dumas.example\n",
        "Facture;Client;Date facture;Échéance;Montant;Devise\n\
         F-1;C-1;2026-10-01;2026-11-10;1 250,00;EUR\n",
    );
    let dry = ok(&dun(&db, &["letters", "--dry-run"]));
    assert!(dry.contains("C-1") && dry.contains("reminder1"), "{dry}");
    let out = dir.path().join("out");
    ok(&dun(&db, &["letters", "--out", out.to_str().unwrap()]));
    let txt = file(&out, "txt");
    assert!(txt.contains("\nMadame,\n"), "{txt}");
    assert!(
        txt.contains("Veuillez agréer, Madame, l'expression de nos salutations distinguées."),
        "{txt}"
    );
    assert!(
        txt.contains("À l'attention de Mme Claire Dubois\n"),
        "{txt}"
    );
    // The lines as given: the comma does not split the first one.
    assert!(
        txt.contains("\nZA des Platières, bât. B\n14 allée des Érables\n38200 Vienne\n"),
        "{txt}"
    );
    // The printable letter has no e-mail subject line; its own heading
    // has a no-break space before the colon, as has the invoice's n°.
    assert!(!txt.contains("Subject:"), "{txt}");
    assert!(txt.contains("Objet\u{a0}:"), "{txt}");
    assert!(txt.contains("n°\u{a0}F-1"), "{txt}");
    assert!(!txt.contains(" :") && !txt.contains("n° "), "{txt}");
    // The e-mail is dated the letter's day (dun's today, 22 November), not
    // the day the test runs.
    let eml = file(&out, "eml");
    assert!(eml.contains("Date: Sun, 22 Nov 2026 "), "{eml}");
}

#[test]
fn a_broken_promise_is_named_in_a_us_clients_next_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(
        dir.path(),
        "code,name,country,language,profile,contact,title,address,email,currency\n\
         US-1,Lakeside Supply Inc.,US,en,business,John Smith,Mr.,\"400 Lake Street, Suite 12\nChicago, IL 60601\",ap@lakeside.example,USD\n",
        "invoice,customer,invoice date,due date,amount,currency\n\
         INV-1,US-1,2026-09-20,2026-10-20,\"1,250.00\",USD\n",
    );
    // On 4 November the client promised $650.00 by 12 November; nothing
    // came. Three days' grace (business ladder) ended on 15 November; a
    // call on 20 November reached the client, which lets the ladder go on
    // 5 days (min_gap_days) later.
    ok(&dun(
        &db,
        &[
            "log",
            "promise",
            "--client",
            "US-1",
            "--invoice",
            "INV-1",
            "--on",
            "2026-11-04",
            "--date",
            "2026-11-12",
            "--amount",
            "650.00",
        ],
    ));
    ok(&dun(
        &db,
        &[
            "log",
            "call",
            "--client",
            "US-1",
            "--on",
            "2026-11-20",
            "--outcome",
            "reached",
        ],
    ));
    let out = dir.path().join("out");
    ok(&dun(
        &db,
        &[
            "--today",
            "2026-11-26",
            "letters",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let txt = file(&out, "txt");
    assert!(
        txt.contains(
            "on November 4, 2026 you promised to pay $650.00 by November 12, 2026, and this payment has not reached us."
        ),
        "{txt}"
    );
    // American usage: month first, a colon after the salutation, Mr. with
    // its period, "Sincerely,".
    assert!(txt.contains("\nNovember 26, 2026\n"), "{txt}");
    assert!(txt.contains("\nDear Mr. Smith:\n"), "{txt}");
    assert!(txt.contains("\nSincerely,\n"), "{txt}");
    assert!(txt.contains("$1,250.00"), "{txt}");
    assert!(
        txt.contains(
            "Mr. John Smith\nLakeside Supply Inc.\n400 Lake Street, Suite 12\nChicago, IL 60601\n"
        ),
        "{txt}"
    );
}

#[test]
fn a_kept_promise_is_not_mentioned() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(
        dir.path(),
        "code,name,country,profile,address,email,currency\n\
         GB-1,Brightwater Ltd,GB,business,\"Unit 7, Riverside Park\nManchester M17 1WA\",ap@bw.example,GBP\n",
        "invoice,customer,invoice date,due date,amount,currency\n\
         INV-1,GB-1,2026-09-20,2026-10-20,1250.00,GBP\n",
    );
    // £650 promised by 12 November and paid on the 11th: kept, though
    // £600 remain (the queue asks for a call about the rest: made on the
    // 16th, and the ladder goes on).
    ok(&dun(
        &db,
        &[
            "log",
            "promise",
            "--client",
            "GB-1",
            "--invoice",
            "INV-1",
            "--on",
            "2026-11-04",
            "--date",
            "2026-11-12",
            "--amount",
            "650.00",
        ],
    ));
    ok(&dun(
        &db,
        &[
            "log",
            "payment",
            "--client",
            "GB-1",
            "--invoice",
            "INV-1",
            "--date",
            "2026-11-11",
            "--amount",
            "650.00",
        ],
    ));
    ok(&dun(
        &db,
        &[
            "log",
            "call",
            "--client",
            "GB-1",
            "--on",
            "2026-11-16",
            "--outcome",
            "reached",
        ],
    ));
    let out = dir.path().join("out");
    let run = ok(&dun(&db, &["letters", "--out", out.to_str().unwrap()]));
    assert!(run.contains("GB-1"), "{run}");
    let txt = file(&out, "txt");
    assert!(!txt.contains("promised"), "{txt}");
    // Nobody named: the generic salutation and its closing.
    assert!(txt.contains("\nDear Sir or Madam,\n"), "{txt}");
    assert!(txt.contains("\nYours faithfully,\n"), "{txt}");
    assert!(
        txt.contains("Brightwater Ltd\nUnit 7, Riverside Park\nManchester M17 1WA\n"),
        "{txt}"
    );
}

#[test]
fn an_unknown_title_stops_the_import_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dun.db");
    let first = write(
        dir.path(),
        "first.csv",
        "code,name,country,contact,title\nC-1,Acme Ltd,GB,Ann Hughes,Ms\n",
    );
    ok(&dun(&db, &["import", "clients", first.to_str().unwrap()]));
    let bad = write(
        dir.path(),
        "bad.csv",
        "code,name,country,contact,title\nC-1,Acme Ltd,GB,Ann Hughes,Mrs\nC-2,Bolt Ltd,GB,Tom Bell,Lord\n",
    );
    let out = dun(&db, &["import", "clients", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.csv:3")
            && err.contains("title")
            && err.contains("\"Lord\" is not a title"),
        "{err}"
    );
    // All or nothing: C-1 is still Ms, C-2 was not created.
    let journal = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    assert!(!journal.contains("C-2"), "{journal}");
    let store = dun::store::Store::open(&db).unwrap();
    let (_, c) = dun::store::clients::find(store.conn(), "C-1")
        .unwrap()
        .unwrap();
    assert_eq!(c.contact_title, Some(dun::domain::client::Title::Ms));
    assert!(
        dun::store::clients::find(store.conn(), "C-2")
            .unwrap()
            .is_none()
    );
}
