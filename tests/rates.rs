//! The reference rates are the team's: `dun rates` lists them with their
//! source and origin and names the missing ones needed today; `dun rates
//! set` adds or corrects one for every clerk, with its history; a clerk's
//! config.toml holds none. The real binary on a database of the test's own.

#[path = "common/binary.rs"]
mod binary;

use std::path::{Path, PathBuf};

use binary::{TODAY, dun, ok, refused};
use chrono::NaiveDate;
use dun::domain::client::{Client, Profile};
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::money::Money;
use dun::domain::penalty::{RateTables, needed};
use dun::store::{self, Store, StoreError};

/// A database with one French business client (FR-1) owing EUR 10,000.00
/// on invoice F-1, issued 2026-05-31 and due 2026-06-30: every day of its
/// interest, from 1 July, falls in 2026 H2, whose rates are not shipped.
fn french_debt() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let mut s = Store::open(&db).unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    s.write(|tx| -> Result<(), StoreError> {
        let client = Client {
            name: "Atelier Boréal SARL".into(),
            profile: Profile::Business,
            country: Some("FR".into()),
            ..Client::with_code("FR-1", Currency::EUR)
        };
        let id = store::clients::insert(tx, &client)?;
        let invoice = Invoice {
            number: "F-1".into(),
            client_code: "FR-1".into(),
            issued_on: d("2026-05-31"),
            due_on: d("2026-06-30"),
            amount: Money::new(1_000_000, Currency::EUR),
            milestone: None,
            is_deposit: false,
        };
        store::invoices::insert(tx, id, &invoice)?;
        Ok(())
    })
    .unwrap();
    (dir, db)
}

fn login() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The rates the team set, and the number of changes in the history.
fn stored(db: &Path) -> (Vec<store::rates::StoredRate>, Vec<store::rates::RateChange>) {
    let mut s = Store::open(db).unwrap();
    let rates = s.read(|tx| store::rates::all(tx)).unwrap();
    let changes = store::rates::changes(s.conn()).unwrap();
    (rates, changes)
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap()
}

fn row<'a>(rows: &'a serde_json::Value, series: &str, period: &str) -> &'a serde_json::Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["series"] == series && r["period"] == period)
        .unwrap_or_else(|| panic!("no row {series} {period}: {rows}"))
}

#[test]
fn a_rate_set_is_listed_with_its_value_source_and_who_set_it() {
    let (_dir, db) = french_debt();
    let said = ok(&dun(
        &db,
        &[
            "rates",
            "set",
            "ecb",
            "2026-H2",
            "2.15",
            "--source",
            "ECB monetary policy decision of 5 June 2026",
        ],
    ));
    assert!(
        said.starts_with(
            "ecb 2026-H2 = 2.15  (source: ECB monetary policy decision of 5 June 2026)"
        ),
        "{said}"
    );
    assert!(said.contains("no rate before"), "{said}");
    let today = chrono::Utc::now().date_naive().to_string();
    let listed = ok(&dun(&db, &["rates"]));
    let line = listed
        .lines()
        .find(|l| l.starts_with("ecb ") && l.contains("2026-H2"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains(" 2.15 "), "{line}");
    assert!(
        line.contains(&format!("set by {} on {today}", login())),
        "{line}"
    );
    assert!(
        line.ends_with("ECB monetary policy decision of 5 June 2026"),
        "{line}"
    );
    // A shipped rate says so, with its source.
    let shipped = listed
        .lines()
        .find(|l| l.starts_with("ecb ") && l.contains("2026-H1"))
        .unwrap();
    assert!(shipped.contains(" shipped "), "{shipped}");
    assert!(shipped.contains("ECB key rates page"), "{shipped}");
    // The Spanish 2026 H2 the BOE table lacks: derived from it, ECB + 8.
    let spain = listed
        .lines()
        .find(|l| l.starts_with("spain ") && l.contains("2026-H2"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(spain.contains("10.15  derived"), "{spain}");

    // The same as JSON, field by field.
    let rows = json(&ok(&dun(&db, &["rates", "--format", "json"])));
    let ecb = row(&rows, "ecb", "2026-H2");
    assert_eq!(ecb["value"], "2.15");
    assert_eq!(ecb["source"], "ECB monetary policy decision of 5 June 2026");
    assert_eq!(ecb["origin"], "set");
    assert_eq!(ecb["set_by"], login().as_str());
    assert!(ecb["set_at"].as_str().unwrap().starts_with(&today), "{ecb}");
    let shipped = row(&rows, "uk_bank_rate", "2025-12-31");
    assert_eq!(
        (&shipped["value"], &shipped["origin"], &shipped["set_by"]),
        (&"3.75".into(), &"shipped".into(), &serde_json::Value::Null)
    );
    assert_eq!(row(&rows, "spain", "2026-H2")["origin"], "derived");
    for r in rows.as_array().unwrap() {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "origin", "period", "series", "set_at", "set_by", "source", "value"
            ],
            "{r}"
        );
    }
    // --series keeps one series.
    let rows = json(&ok(&dun(
        &db,
        &["rates", "--series", "uk_bank_rate", "--format", "json"],
    )));
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["series"] == "uk_bank_rate"),
        "{rows}"
    );
    assert_eq!(rows.as_array().unwrap().len(), 28);
}

#[test]
fn each_change_is_kept_in_an_append_only_history_and_the_same_value_writes_nothing() {
    let (_dir, db) = french_debt();
    let set = |value: &str, source: &str| {
        ok(&dun(
            &db,
            &["rates", "set", "ecb", "2026-H1", value, "--source", source],
        ))
    };
    // Correcting a shipped rate keeps the shipped value and source as the old.
    set("2.10", "typo check");
    // Back to 2.15 from the ECB's own page.
    set("2.15", "ECB key rates page, checked 2026-11-22");
    // The same again: nothing written, and it says so.
    let again = set("2.150", "ECB key rates page, checked 2026-11-22");
    assert!(again.contains("unchanged"), "{again}");
    assert!(again.contains("nothing written"), "{again}");
    let (rates, changes) = stored(&db);
    assert_eq!(rates.len(), 1);
    assert_eq!(rates[0].value, "2.15");
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].old_value.as_deref(), Some("2.15"));
    assert!(
        changes[0]
            .old_source
            .as_deref()
            .unwrap()
            .contains("ECB key rates page"),
        "{changes:?}"
    );
    assert_eq!(changes[0].new_value, "2.10");
    assert_eq!(changes[1].old_value.as_deref(), Some("2.10"));
    assert_eq!(changes[1].old_source.as_deref(), Some("typo check"));
    assert_eq!(changes[1].new_value, "2.15");
    assert_eq!(changes[0].user, login());
    // A period nothing was known for: no old value.
    ok(&dun(
        &db,
        &[
            "rates",
            "set",
            "uk_bank_rate",
            "2026-06-30",
            "4.00",
            "--source",
            "BoE",
        ],
    ));
    let (_, changes) = stored(&db);
    assert_eq!(changes[2].old_value, None);
    assert_eq!(changes[2].period, "2026-06-30");
    let s = Store::open(&db).unwrap();
    for sql in [
        "UPDATE reference_rate_changes SET new_value = '99'",
        "DELETE FROM reference_rate_changes",
    ] {
        let e = s.conn().execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{e}");
    }
    assert_eq!(store::rates::changes(s.conn()).unwrap().len(), 3);
}

#[test]
fn a_french_invoice_bears_interest_at_the_rates_the_team_set_for_2026_h2() {
    let (_dir, db) = french_debt();
    // Shipped only: no ECB rate for 2026 H2, so no interest, the EUR 40
    // still, and a note with the command that sets the rate.
    let before = json(&ok(&dun(&db, &["invoice", "F-1", "--format", "json"])));
    assert!(before["interest"].is_null(), "{before}");
    assert_eq!(before["compensation"], "40.00");
    assert!(
        before["note"]
            .as_str()
            .unwrap()
            .contains("no reference rate for 2026 H2 (ECB rate) — dun rates set ecb 2026-H2 VALUE --source TEXT"),
        "{before}"
    );
    for (series, value) in [("ecb", "2.15"), ("france_legal", "2.50")] {
        ok(&dun(
            &db,
            &["rates", "set", series, "2026-H2", value, "--source", "test"],
        ));
    }
    // France, business: the ECB rate + 10 = 12.15 %, above 3 × the legal
    // rate (7.50 %). From 1 July to 22 November 2026 inclusive: 31 + 31 +
    // 30 + 31 + 22 = 145 days on EUR 10,000.00:
    // 10,000 × 12.15 % × 145 / 365 = 176,175 / 365 = 482.6712… → 482.67.
    let after = json(&ok(&dun(&db, &["invoice", "F-1", "--format", "json"])));
    assert_eq!(after["as_of"], TODAY);
    assert_eq!(after["interest"], "482.67", "{after}");
    assert_eq!(after["rate"], "12.15", "{after}");
    assert_eq!(after["interest_from"], "2026-07-01");
    assert_eq!(after["compensation"], "40.00");
    let periods = after["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 1, "{after}");
    assert_eq!(periods[0]["days"], 145);
    assert_eq!(periods[0]["rate"], "12.15");
    // A legal rate whose triple passes ECB + 10 sets the floor instead:
    // 3 × 4.10 = 12.30 %: 10,000 × 12.30 % × 145 / 365 = 178,350 / 365
    // = 488.6301… → 488.63.
    ok(&dun(
        &db,
        &[
            "rates",
            "set",
            "france_legal",
            "2026-H2",
            "4.10",
            "--source",
            "test",
        ],
    ));
    let floor = json(&ok(&dun(&db, &["invoice", "F-1", "--format", "json"])));
    assert_eq!(floor["interest"], "488.63", "{floor}");
    assert_eq!(floor["rate"], "12.3", "{floor}");
}

#[test]
fn a_bad_rate_is_refused_with_the_key_and_the_reason_and_nothing_is_written() {
    let (_dir, db) = french_debt();
    let before = stored(&db);
    let cases: [(&[&str], &str); 8] = [
        (
            &["rates", "set", "ecb", "2026-H2", "2,15", "--source", "x"],
            "ecb 2026-H2 = \"2,15\": not a decimal number (write it like 2.15)",
        ),
        (
            &["rates", "set", "ecb", "2026-H2", "-0.5", "--source", "x"],
            "ecb 2026-H2 = \"-0.5\": cannot be negative",
        ),
        (
            &["rates", "set", "ecb", "2026-H2", "120", "--source", "x"],
            "above 100 %",
        ),
        (
            &["rates", "set", "ecb", "2026H2", "2.15", "--source", "x"],
            "ecb \"2026H2\": not a half-year (write it like 2026-H2)",
        ),
        (
            &["rates", "set", "ECB", "2026-H2", "2.15", "--source", "x"],
            "no series \"ECB\" (known: ecb, france_legal, spain, norway_interest, norway_compensation, uk_bank_rate)",
        ),
        (
            &[
                "rates",
                "set",
                "uk_bank_rate",
                "2026-09-30",
                "4",
                "--source",
                "x",
            ],
            "the Bank Rate is read on 30 June and 31 December only",
        ),
        (
            &[
                "rates",
                "set",
                "norway_compensation",
                "2026-H2",
                "460.005",
                "--source",
                "x",
            ],
            "norway_compensation 2026-H2 = \"460.005\"",
        ),
        (
            &["rates", "set", "ecb", "2026-H2", "2.15", "--source", "  "],
            "--source: say where the value was read",
        ),
    ];
    for (args, said) in cases {
        let err = refused(&dun(&db, args));
        assert!(err.contains(said), "{args:?}: {err}");
    }
    // No source at all: clap refuses before dun runs.
    let out = dun(&db, &["rates", "set", "ecb", "2026-H2", "2.15"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--source"));
    assert_eq!(stored(&db), before);
    assert!(before.0.is_empty() && before.1.is_empty());
}

#[test]
fn the_listing_ends_with_the_rates_needed_today_that_are_missing() {
    let (_dir, db) = french_debt();
    // FR-1 is a French business with an overdue invoice: it needs the ECB
    // rate and the legal rate of 2026 H2, neither shipped.
    let listed = ok(&dun(&db, &["rates"]));
    let tail: Vec<&str> = listed.lines().rev().take(3).collect();
    assert_eq!(
        tail,
        [
            "  france_legal 2026-H2  dun rates set france_legal 2026-H2 VALUE --source TEXT",
            "  ecb 2026-H2           dun rates set ecb 2026-H2 VALUE --source TEXT",
            "Needed today (2026-11-22) for open overdue invoices, and missing:",
        ],
        "{listed}"
    );
    let rows = json(&ok(&dun(&db, &["rates", "--format", "json"])));
    let missing: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["origin"] == "missing")
        .map(|r| format!("{} {} {}", r["series"], r["period"], r["value"]))
        .collect();
    assert_eq!(
        missing,
        [
            "\"ecb\" \"2026-H2\" null",
            "\"france_legal\" \"2026-H2\" null"
        ]
    );
    ok(&dun(
        &db,
        &["rates", "set", "ecb", "2026-H2", "2.15", "--source", "test"],
    ));
    let listed = ok(&dun(&db, &["rates", "--series", "ecb"]));
    assert!(
        listed.ends_with(
            "Every ecb rate needed today (2026-11-22) for the open overdue invoices is known.\n"
        ),
        "{listed}"
    );
    ok(&dun(
        &db,
        &[
            "rates",
            "set",
            "france_legal",
            "2026-H2",
            "2.50",
            "--source",
            "test",
        ],
    ));
    let listed = ok(&dun(&db, &["rates"]));
    assert!(
        listed.ends_with(
            "Every rate needed today (2026-11-22) for the open overdue invoices is known.\n"
        ),
        "{listed}"
    );
    let err = refused(&dun(&db, &["rates", "--series", "euribor"]));
    assert!(err.contains("no series \"euribor\""), "{err}");
}

#[test]
fn rates_in_config_toml_are_refused_naming_dun_rates_set() {
    let (dir, db) = french_debt();
    let config = dir.path().join("config").join("dun");
    std::fs::create_dir_all(&config).unwrap();
    let config = config.join("config.toml");
    std::fs::write(&config, "[rates.ecb]\n\"2026-H2\" = \"2.15\"\n").unwrap();
    for args in [&["queue"][..], &["invoice", "F-1"], &["rates"]] {
        let err = refused(&dun(&db, args));
        assert!(err.starts_with(&config.display().to_string()), "{err}");
        assert!(
            err.contains("use `dun rates set ecb 2026-H2 2.15 --source TEXT` instead"),
            "{err}"
        );
    }
    std::fs::write(&config, "[import]\ncurrency = \"EUR\"\n").unwrap();
    ok(&dun(&db, &["rates"]));
}

#[test]
fn rates_need_an_existing_database_and_create_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    for args in [
        &["rates"][..],
        &["rates", "set", "ecb", "2026-H2", "2.15", "--source", "x"],
    ] {
        let err = refused(&dun(&db, args));
        assert!(err.contains("no database at"), "{err}");
    }
    assert!(!db.exists());
}

/// What [`dun::rates::missing_today`] must answer, read the plain way: the
/// kinds of every client with an open overdue invoice.
fn missing_the_plain_way(store: &mut Store, rates: &RateTables, today: NaiveDate) -> Vec<String> {
    let debtors = store
        .read(|tx| store::rates::overdue_debtors(tx, today))
        .unwrap();
    needed::missing(rates, &needed::needed_today(today, &debtors))
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn missing_today(store: &mut Store, rates: &RateTables, today: NaiveDate) -> Vec<String> {
    store
        .read(|tx| dun::rates::missing_today(tx, rates, today))
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_rates_missing_today_are_those_of_the_clients_overdue_read_however() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db")).unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let today = d(TODAY);
    // FR-1, a French business, and NO-1, a Norwegian individual, are
    // overdue; GB-1, a British business, owes an invoice not yet due, and
    // US-1 one overdue under no rule dun knows.
    s.write(|tx| -> Result<(), StoreError> {
        for (code, country, profile, currency, due) in [
            ("FR-1", "FR", Profile::Business, Currency::EUR, "2026-10-31"),
            (
                "NO-1",
                "NO",
                Profile::Individual,
                Currency::NOK,
                "2026-09-30",
            ),
            ("GB-1", "GB", Profile::Business, Currency::GBP, "2026-11-30"),
            ("US-1", "US", Profile::Business, Currency::USD, "2026-08-31"),
        ] {
            let client = Client {
                profile,
                country: Some(country.into()),
                ..Client::with_code(code, currency)
            };
            let id = store::clients::insert(tx, &client)?;
            let invoice = Invoice {
                number: format!("{code}-A"),
                client_code: code.into(),
                issued_on: d("2026-08-01"),
                due_on: d(due),
                amount: Money::new(100_000, currency),
                milestone: None,
                is_deposit: false,
            };
            store::invoices::insert(tx, id, &invoice)?;
        }
        Ok(())
    })
    .unwrap();
    let mut rates = dun::rates::shipped_tables().unwrap();
    let expected = [
        "ecb 2026-H2",
        "france_legal 2026-H2",
        "norway_interest 2026-H2",
    ];
    // GB-1's kind is asked about and owes nothing overdue: the one pass
    // over the open invoices answers for the rest.
    assert_eq!(missing_today(&mut s, &rates, today), expected);
    assert_eq!(missing_the_plain_way(&mut s, &rates, today), expected);
    // Once GB-1's invoice is overdue, the Bank Rate of 30 June is needed.
    let later = d("2026-12-01");
    let plain = missing_the_plain_way(&mut s, &rates, later);
    assert!(
        plain.contains(&"uk_bank_rate 2026-06-30".to_string()),
        "{plain:?}"
    );
    assert_eq!(missing_today(&mut s, &rates, later), plain);
    // With every current period known, nothing is missing.
    for (series, period) in [
        ("ecb", "2026-H2"),
        ("france_legal", "2026-H2"),
        ("spain", "2026-H2"),
        ("norway_interest", "2026-H2"),
        ("norway_compensation", "2026-H2"),
    ] {
        let (key, value, _) = dun::rates::check(series, period, "1").unwrap();
        rates.insert(key, value);
    }
    // Every half-year rate known: GB-1 is not overdue yet, so nothing is
    // missing today; once it is, the Bank Rate is.
    assert!(missing_today(&mut s, &rates, today).is_empty());
    assert_eq!(
        missing_today(&mut s, &rates, later),
        ["uk_bank_rate 2026-06-30"]
    );
    let (key, value, _) = dun::rates::check("uk_bank_rate", "2026-06-30", "4").unwrap();
    rates.insert(key, value);
    assert!(missing_today(&mut s, &rates, later).is_empty());
}

#[test]
fn on_the_demo_the_rates_missing_today_are_read_the_quick_way_and_the_plain_way_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("demo.db")).unwrap();
    let today: NaiveDate = TODAY.parse().unwrap();
    dun::commands::demo::fill(&mut s, today, 400, "root").unwrap();
    let mut rates = dun::rates::shipped_tables().unwrap();
    for (series, period) in [
        ("", ""),
        ("ecb", "2026-H2"),
        ("norway_compensation", "2026-H2"),
        ("uk_bank_rate", "2026-06-30"),
        ("france_legal", "2026-H2"),
        ("norway_interest", "2026-H2"),
    ] {
        if !series.is_empty() {
            let (key, value, _) = dun::rates::check(series, period, "1").unwrap();
            rates.insert(key, value);
        }
        for day in [
            today,
            "2026-06-15".parse().unwrap(),
            "2027-02-01".parse().unwrap(),
        ] {
            assert_eq!(
                missing_today(&mut s, &rates, day),
                missing_the_plain_way(&mut s, &rates, day),
                "{day}, after {series}"
            );
        }
    }
    assert!(missing_today(&mut s, &rates, today).is_empty());
}
