//! The rates' rules: periods, values, sources, the shipped file, listing.

use super::*;

fn h(s: &str) -> HalfYear {
    HalfYear::parse(s).unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn stored(series: &str, period: &str, value: &str) -> StoredRate {
    StoredRate {
        series: series.into(),
        period: period.into(),
        value: value.into(),
        source: "ECB press release".into(),
        set_by: "marie".into(),
        set_at: "2026-11-20T09:30:00Z".into(),
    }
}

#[test]
fn the_shipped_tables_hold_every_period_of_the_reference() {
    let t = shipped_tables().unwrap();
    assert_eq!(t.ecb.len(), 29);
    assert_eq!(t.france_legal.len(), 23);
    assert_eq!(t.spain.len(), 15);
    assert_eq!(t.norway_interest.len(), 27);
    assert_eq!(t.norway_compensation.len(), 17);
    assert_eq!(t.uk_bank_rate.len(), 28);
    assert_eq!(t.ecb[&h("2019-H2")], d("0.00"));
    assert_eq!(t.france_legal[&h("2024-H1")], d("5.07"));
    assert_eq!(t.norway_compensation[&h("2026-H1")], 46_000);
    let ref_date = NaiveDate::from_ymd_opt(2014, 12, 31).unwrap();
    assert_eq!(t.uk_bank_rate[&ref_date], d("0.50"));
}

#[test]
fn nothing_is_carried_forward() {
    let t = shipped_tables().unwrap();
    assert!(!t.norway_compensation.contains_key(&h("2023-H2")));
    assert!(!t.norway_compensation.contains_key(&h("2015-H1")));
    assert!(!t.spain.contains_key(&h("2015-H2")));
    for table in [&t.ecb, &t.france_legal, &t.spain, &t.norway_interest] {
        assert!(!table.contains_key(&h("2026-H2")));
    }
    assert!(!t.norway_compensation.contains_key(&h("2026-H2")));
    assert_eq!(
        t.uk_bank_rate
            .keys()
            .last()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2025-12-31")
    );
}

#[test]
fn every_shipped_rate_has_a_source() {
    let s = shipped().unwrap();
    assert_eq!(s.rows.len(), 29 + 23 + 15 + 27 + 17 + 28);
    for (key, (value, source)) in &s.rows {
        assert!(!value.is_empty() && !source.trim().is_empty(), "{key}");
    }
    let source = |series, period: &str| {
        let table = series_of(series);
        let key = RateKey {
            table,
            period: super::period(table, period).unwrap(),
        };
        s.rows[&key].1.clone()
    };
    assert!(source("ecb", "2025-H2").contains("ECB"));
    assert!(source("spain", "2020-H1").contains("BOE-A-2019-18736"));
    assert!(source("norway_interest", "2024-H2").starts_with("Derived"));
    assert!(source("uk_bank_rate", "2025-12-31").contains("Bank of England"));
}

fn series_of(name: &str) -> RateTable {
    series(name).unwrap()
}

#[test]
fn a_stored_rate_replaces_one_period_only() {
    let t = tables(&[stored("ecb", "2025-H2", "2.10")]).unwrap();
    assert_eq!(t.ecb[&h("2025-H2")], d("2.10"));
    assert_eq!(t.ecb[&h("2025-H1")], d("3.15"));
    let t = tables(&[
        stored("ecb", "2026-H2", "2.15"),
        stored("norway_compensation", "2026-H2", "470.50"),
        stored("uk_bank_rate", "2026-06-30", "3.75"),
    ])
    .unwrap();
    assert_eq!(t.ecb[&h("2026-H2")], d("2.15"));
    assert_eq!(t.norway_compensation[&h("2026-H2")], 47_050);
    assert_eq!(
        t.uk_bank_rate[&NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()],
        d("3.75")
    );
    // The shipped tables stay as shipped.
    assert!(!shipped_tables().unwrap().ecb.contains_key(&h("2026-H2")));
}

#[test]
fn a_bad_stored_rate_is_refused_naming_it() {
    let e = tables(&[stored("ecb", "2026-H2", "1e2")])
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "the reference rate ecb 2026-H2 stored in the database: not a decimal number \
         (write it like 2.15); correct it with `dun rates set`"
    );
    let e = tables(&[stored("ecbb", "2026-H2", "2")]).unwrap_err();
    assert!(e.to_string().contains("ecbb"), "{e}");
}

#[test]
fn bad_entries_are_refused_with_the_key_and_the_reason() {
    let err = |s: &str, p: &str, v: &str| check(s, p, v).unwrap_err().to_string();
    assert_eq!(
        err("ecb", "2026H2", "2.15"),
        "ecb \"2026H2\": not a half-year (write it like 2026-H2)"
    );
    assert!(err("ecb", "2026-H2", "-1").contains("negative"));
    assert_eq!(
        err("ecb", "2026-H2", "2,15"),
        "ecb 2026-H2 = \"2,15\": not a decimal number (write it like 2.15)"
    );
    assert!(err("ecb", "2026-H2", "1e2").contains("not a decimal"));
    assert!(err("ecb", "2026-H2", "").contains("not a decimal"));
    assert!(err("ecb", "2026-H2", "+2").contains("not a decimal"));
    assert!(err("uk_bank_rate", "2026-03-31", "3.75").contains("30 June"));
    assert!(err("uk_bank_rate", "2026-H1", "3.75").contains("not a date"));
    assert!(err("ecb", "2026-06-30", "3.75").contains("not a half-year"));
    assert!(err("norway_compensation", "2026-H2", "460.001").contains("NOK"));
    let e = err("frnace_legal", "2026-H2", "2.50");
    assert!(e.contains("\"frnace_legal\""), "{e}");
    assert!(e.contains("france_legal, spain"), "{e}");
    // Hostile values are refused, never an overflow later.
    assert!(err("ecb", "2026-H2", "79228162514264337593543950335").contains("100"));
    assert!(err("norway_compensation", "2026-H2", "92233720368547758.07").contains("NOK"));
    // A half-year is written either case, and kept as shipped.
    assert_eq!(
        check("ecb", "2026-h2", " 2.15 ").unwrap().0.period.key(),
        "2026-H2"
    );
    assert_eq!(check("ecb", "2026-h2", " 2.15 ").unwrap().2, "2.15");
}

#[test]
fn a_shipped_value_must_be_text_and_every_series_needs_a_source() {
    let e = parse_shipped("[sources]\necb = \"ECB\"\n[ecb]\n\"2026-H2\" = 2.15\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("as a string"), "{e}");
    let e = parse_shipped("[ecb]\n\"2026-H2\" = \"2.15\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no source for ecb"), "{e}");
    let e = parse_shipped("ecb = \"2.15\"\n").unwrap_err().to_string();
    assert!(e.contains("expected a table"), "{e}");
    let e = parse_shipped("[sources]\necb = \"ECB\"\n[period_sources.ecb]\n\"2026-H1\" = \"x\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no such rate"), "{e}");
}

#[test]
fn a_period_after_the_next_half_year_is_refused() {
    let today: NaiveDate = "2026-11-30".parse().unwrap();
    let key = |s, p| check(s, p, "1").unwrap().0;
    assert!(check_not_ahead(key("ecb", "2026-H2"), today).is_ok());
    assert!(check_not_ahead(key("ecb", "2027-H1"), today).is_ok());
    let e = check_not_ahead(key("ecb", "2027-H2"), today).unwrap_err();
    assert!(
        e.to_string().contains("after the next half-year (2027-H1)"),
        "{e}"
    );
    assert!(check_not_ahead(key("uk_bank_rate", "2026-12-31"), today).is_ok());
    assert!(check_not_ahead(key("uk_bank_rate", "2027-06-30"), today).is_err());
}

#[test]
fn a_source_is_one_line_of_text() {
    assert_eq!(check_source("  ECB  ").unwrap(), "ECB");
    assert!(check_source(" ").is_err());
    assert!(check_source("a\nb").is_err());
    assert!(check_source(&"x".repeat(MAX_SOURCE + 1)).is_err());
}

#[test]
fn the_listing_gives_each_rate_its_origin_and_derives_spain_from_the_ecb_rate() {
    let rows = listing(&[
        stored("ecb", "2026-H2", "2.15"),
        stored("france_legal", "2026-H1", "2.60"),
    ])
    .unwrap();
    let row = |series: &str, period: &str| {
        rows.iter()
            .find(|r| r.key.to_string() == format!("{series} {period}"))
            .unwrap_or_else(|| panic!("no row {series} {period}"))
            .clone()
    };
    let ecb = row("ecb", "2026-H2");
    assert_eq!(
        (ecb.value.as_str(), ecb.source.as_str()),
        ("2.15", "ECB press release")
    );
    assert_eq!(ecb.origin.to_string(), "set by marie on 2026-11-20");
    let corrected = row("france_legal", "2026-H1");
    assert_eq!(corrected.value, "2.60");
    assert!(matches!(corrected.origin, Origin::Set { .. }));
    let shipped = row("ecb", "2026-H1");
    assert_eq!(
        (shipped.value.as_str(), &shipped.origin),
        ("2.15", &Origin::Shipped)
    );
    assert!(shipped.source.contains("ECB"), "{}", shipped.source);
    // Spain 2026 H2 is not in the BOE table: the ECB rate set + 8.
    let spain = row("spain", "2026-H2");
    assert_eq!(
        (spain.value.as_str(), &spain.origin),
        ("10.15", &Origin::Derived)
    );
    assert!(
        spain.source.starts_with("ECB rate 2.15 + 8 points"),
        "{}",
        spain.source
    );
    // 2015 H2 neither: ECB 0.05 + 8; 2019 H1: 0.00 + 8, written 8.00.
    assert_eq!(row("spain", "2015-H2").value, "8.05");
    assert_eq!(row("spain", "2019-H1").value, "8.00");
    // Published half-years are not derived.
    assert_eq!(row("spain", "2025-H1").origin, Origin::Shipped);
    // Every row once, in order of series then period.
    let keys: Vec<RateKey> = rows.iter().map(|r| r.key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(keys, sorted);
    // Without an ECB rate for 2026 H2, no Spanish one either.
    let rows = listing(&[]).unwrap();
    assert!(!rows.iter().any(|r| r.key.to_string() == "spain 2026-H2"));
}
