//! Editing and adding a client through the real binary: `dun client edit
//! CODE --FIELD VALUE…` changes only the fields given, journaled old → new;
//! a value the import would refuse is refused the same way, nothing
//! written; an edit made on values another clerk changed meanwhile is
//! refused; `dun client add` needs a new code, a name, a language, a
//! country and a profile.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
use binary::{dun, ok};

use dun::record::client::{Change, ClientEdit, ClientField, edit};
use dun::store::Store;

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dun.db");
    let clients = dir.path().join("clients.csv");
    std::fs::write(
        &clients,
        "client,name,profile,currency,clerk,country,email,phone\n\
         C1,Atelier Un,business,EUR,alice,FR,compta@un.fr,01 23 45 67 89\n",
    )
    .unwrap();
    ok(&dun(&db, &["import", "clients", clients.to_str().unwrap()]));
    (dir, db)
}

fn journal(db: &Path) -> Vec<Value> {
    serde_json::from_str::<Value>(&ok(&dun(db, &["export", "journal", "--format", "json"])))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The client's file as the store has it.
fn client(db: &Path, code: &str) -> Option<dun::domain::client::Client> {
    let mut store = Store::open(db).unwrap();
    store
        .read(|tx| dun::store::clients::find(tx, code))
        .unwrap()
        .map(|(_, c)| c)
}

fn refused(db: &Path, args: &[&str], words: &str) {
    let before = journal(db);
    let file = client(db, "C1");
    let out = dun(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
    assert_eq!(journal(db), before, "{args:?} wrote to the journal");
    assert_eq!(client(db, "C1"), file, "{args:?} changed the client");
}

#[test]
fn an_edit_changes_only_the_fields_given_and_journals_old_and_new() {
    let (_dir, db) = fixture();
    let out = ok(&dun(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--email",
            "factures@un.fr",
            "--phone",
            "04 72 00 00 00",
            "--credit-limit",
            "5000",
            "--address",
            "12 rue des Tanneurs|69001 Lyon",
            "--title",
            "Mme",
            "--contact",
            "Claire Dubois",
        ],
    ));
    let text = "contact person: (none) → Claire Dubois; title: (none) → ms; \
                phone: 01 23 45 67 89 → 04 72 00 00 00; e-mail: compta@un.fr → factures@un.fr; \
                address: (none) → 12 rue des Tanneurs / 69001 Lyon; credit limit: (none) → 5000.00";
    assert_eq!(out.trim(), format!("C1: {text} (journal entry 1)"));
    let e = &journal(&db)[0];
    assert_eq!(e["kind"], "client_change", "{e}");
    assert_eq!(e["client"], "C1", "{e}");
    assert_eq!(e["note"], text, "{e}");
    let c = client(&db, "C1").unwrap();
    assert_eq!(c.email.as_deref(), Some("factures@un.fr"));
    assert_eq!(
        c.address.as_deref(),
        Some("12 rue des Tanneurs\n69001 Lyon")
    );
    assert_eq!(c.credit_limit, Some(500_000));
    assert_eq!(c.name, "Atelier Un");
    assert_eq!(c.clerk.as_deref(), Some("alice"));

    // Clearing a field, changing the clerk and the hold.
    let out = ok(&dun(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--phone",
            "",
            "--clerk",
            "bob",
            "--hold",
            "2026-12-31",
        ],
    ));
    assert!(
        out.contains(
            "phone: 04 72 00 00 00 → (none); hold: (none) → 2026-12-31; assigned clerk: alice → bob"
        ),
        "{out}"
    );
    // The same values again change nothing and journal nothing.
    let out = ok(&dun(&db, &["client", "edit", "C1", "--clerk", "bob"]));
    assert_eq!(out.trim(), "C1: nothing changed");
    assert_eq!(journal(&db).len(), 2);
}

#[test]
fn a_bad_value_is_refused_with_its_field_and_reason_as_the_import_refuses_it() {
    let (dir, db) = fixture();
    refused(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--phone",
            "1",
            "--email",
            "not an address",
        ],
        "e-mail: \"not an address\" is not an email address",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--country", "France"],
        "country: \"France\" is not an ISO 3166 country code",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--language", "de"],
        "language: \"de\" is not a language dun writes (en, fr, nb, es)",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--terms", "400"],
        "payment terms: \"400\" is not a number of days (0–365)",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--deposit", "120"],
        "deposit %: \"120\" is not a percentage (0–100)",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--credit-limit=-5"],
        "credit limit: cannot be negative",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--pilot-end", "31/12/2026"],
        "pilot end: \"31/12/2026\" is not a date (YYYY-MM-DD)",
    );
    refused(
        &db,
        &["client", "edit", "C1", "--name", " "],
        "name: a client needs a name",
    );
    refused(
        &db,
        &["client", "edit", "C9", "--phone", "1"],
        "no client C9",
    );
    // The import says the same of the same value.
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "client,email\nC1,not an address\n").unwrap();
    let out = dun(&db, &["import", "clients", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"not an address\" is not an email address"),
        "{err}"
    );
}

#[test]
fn an_edit_on_a_value_another_clerk_changed_meanwhile_is_refused() {
    let (_dir, db) = fixture();
    // Two clerks looked at compta@un.fr; the first one's edit goes in.
    ok(&dun(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--email",
            "b@un.fr",
            "--was",
            "email=compta@un.fr",
        ],
    ));
    refused(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--email",
            "c@un.fr",
            "--was",
            "email=compta@un.fr",
        ],
        "e-mail: changed by ",
    );
    let out = dun(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--email",
            "c@un.fr",
            "--was",
            "email=compta@un.fr",
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("meanwhile: now b@un.fr"),
        "{out:?}"
    );
    // Another field of the same client is not in the way.
    ok(&dun(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--phone",
            "2",
            "--was",
            "phone=01 23 45 67 89",
        ],
    ));
    refused(
        &db,
        &[
            "client",
            "edit",
            "C1",
            "--phone",
            "3",
            "--was",
            "email=b@un.fr",
        ],
        "--was email: that field is not changed here",
    );
}

#[test]
fn the_clerk_who_changed_it_is_named() {
    let (_dir, db) = fixture();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut store = Store::open(&db).unwrap();
    let change = |seen: &str, new: &str| ClientEdit {
        code: "C1".into(),
        changes: vec![Change {
            field: ClientField::Email,
            seen: Some(seen.into()),
            new: new.into(),
        }],
    };
    edit(
        &mut store,
        &change("compta@un.fr", "bob@un.fr"),
        "bob",
        today,
        Utc::now(),
    )
    .unwrap();
    let e = edit(
        &mut store,
        &change("compta@un.fr", "ann@un.fr"),
        "ann",
        today,
        Utc::now(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("e-mail: changed by bob meanwhile: now bob@un.fr"),
        "{e}"
    );
}

#[test]
fn a_client_is_added_with_a_new_code_and_what_it_needs() {
    let (_dir, db) = fixture();
    let out = ok(&dun(
        &db,
        &[
            "client",
            "add",
            "NO-7",
            "--name",
            "Fjord Bygg AS",
            "--language",
            "nb",
            "--country",
            "no",
            "--profile",
            "business",
            "--terms",
            "14",
            "--email",
            "faktura@fjord.no",
        ],
    ));
    assert!(
        out.starts_with("NO-7: client added (NOK): name: Fjord Bygg AS; e-mail: faktura@fjord.no; language: nb; country: NO; profile: business; payment terms: 14"),
        "{out}"
    );
    let e = &journal(&db)[0];
    assert_eq!(e["kind"], "client_change");
    assert_eq!(e["client"], "NO-7");
    assert!(e["note"].as_str().unwrap().starts_with("client added"));
    let c = client(&db, "NO-7").unwrap();
    assert_eq!(c.currency.code(), "NOK");
    assert_eq!(c.terms_days, 14);
    // It is a client like the others: it can be edited.
    ok(&dun(
        &db,
        &["client", "edit", "NO-7", "--phone", "+47 22 00 00 00"],
    ));

    refused(
        &db,
        &[
            "client",
            "add",
            "C1",
            "--name",
            "X",
            "--language",
            "fr",
            "--country",
            "FR",
            "--profile",
            "business",
        ],
        "code: client C1 exists already",
    );
    refused(
        &db,
        &[
            "client",
            "add",
            "C2",
            "--name",
            "X",
            "--language",
            "fr",
            "--country",
            "FR",
        ],
        "profile: a new client needs its profile (--profile)",
    );
    refused(
        &db,
        &[
            "client",
            "add",
            "C2",
            "--name",
            "X",
            "--language",
            "fr",
            "--country",
            "FR",
            "--profile",
            "shop",
        ],
        "profile: \"shop\" is not administration, business or individual",
    );
    refused(
        &db,
        &[
            "client",
            "add",
            "C2",
            "--name",
            "X",
            "--language",
            "en",
            "--country",
            "JP",
            "--profile",
            "business",
        ],
        "currency: no currency known for JP",
    );
    assert!(client(&db, "C2").is_none());
    ok(&dun(
        &db,
        &[
            "client",
            "add",
            "C2",
            "--name",
            "X KK",
            "--language",
            "en",
            "--country",
            "JP",
            "--profile",
            "business",
            "--currency",
            "jpy",
        ],
    ));
}
