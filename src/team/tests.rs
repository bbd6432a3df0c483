//! The team settings' defaults, their checks, and what the typed value gives.

use super::*;
use crate::domain::ladder::StepAction;

fn with(overrides: &[(&str, &str)]) -> Result<TeamSettings, (String, String)> {
    let mut all = entries(&[]).unwrap();
    for (key, raw) in overrides {
        let kind = keys::kind(key).ok_or_else(|| (key.to_string(), "unknown".to_string()))?;
        let v = keys::parse_literal(kind, raw).map_err(|r| (key.to_string(), r))?;
        let v = keys::check(kind, v).map_err(|r| (key.to_string(), r))?;
        all.retain(|e| e.key != *key);
        all.push(Entry {
            key: key.to_string(),
            value: v,
            source: Source::Default,
        });
    }
    from_entries(&all)
}

#[test]
fn the_shipped_settings_build() {
    let t = with(&[]).unwrap();
    assert_eq!(t, TeamSettings::default());
    assert_eq!(t.ladders.business.steps.len(), 5);
    assert_eq!(t.ladders.business.steps[4].action, StepAction::FormalNotice);
    assert_eq!(t.company.signature, "Accounts Receivable");
    assert_eq!(t.dunning.ack_days, 10);
    assert_eq!(t.dunning.dispute_review_days, 14);
    assert_eq!(t.time_zone, "");
    assert_eq!(t.letters_folder, "");
}

#[test]
fn minimums_follow_the_currency() {
    let t = TeamSettings::default();
    let c = |code| Currency::from_code(code).unwrap();
    assert_eq!(t.minimum(Currency::EUR), 500);
    assert_eq!(t.minimum(c("PLN")), 500);
    assert_eq!(t.minimum(Currency::NOK), 5000);
    assert_eq!(t.minimum(c("SEK")), 5000);
    assert_eq!(t.minimum(c("DKK")), 5000);
    assert_eq!(t.minimum(Currency::JPY), 500);
    assert_eq!(t.minimum(c("KRW")), 500);
    assert_eq!(t.minimum(Currency::BHD), 5000);
    let t = with(&[("dunning.minimum.EUR", "12.5")]).unwrap();
    assert_eq!(t.minimum(Currency::EUR), 1250);
}

#[test]
fn deposits_follow_the_rating() {
    let t = TeamSettings::default();
    let pcts: Vec<u8> = Rating::ALL.iter().map(|r| t.deposit_pct(*r)).collect();
    assert_eq!(pcts, [0, 0, 30, 50]);
    let t = with(&[("solvency.deposit.B", "10")]).unwrap();
    assert_eq!(t.deposit_pct(Rating::B), 10);
    assert!(with(&[("solvency.deposit.B", "101")]).is_err());
}

#[test]
fn a_bad_ladder_is_refused_under_its_key() {
    let (key, reason) = with(&[("ladder.business.steps", "[]")]).unwrap_err();
    assert_eq!(key, "ladder.business.steps");
    assert!(reason.contains("at least one step"), "{reason}");
    let (key, reason) = with(&[(
        "ladder.business.steps",
        r#"[{ offset = 7, action = "reminder1", channel = "email", template = "reminder1", deadline_days = 4294967295 }]"#,
    )])
    .unwrap_err();
    assert_eq!(key, "ladder.business.steps");
    assert!(reason.contains("deadline_days"), "{reason}");
    let (key, reason) = with(&[(
        "ladder.individual.steps",
        r#"[{ offset = 7, action = "reminder1", channel = "email", template = "reminder1" }, { offset = 20, action = "formal_notice", channel = "letter", template = "formal_notice" }]"#,
    )])
    .unwrap_err();
    assert_eq!(key, "ladder.individual.steps");
    assert!(reason.contains("reminder 3"), "{reason}");
    let (key, reason) = with(&[("ladder.business.min_gap_days", "61")]).unwrap_err();
    assert_eq!(key, "ladder.business.min_gap_days");
    assert!(reason.contains("between 0 and 60"), "{reason}");
    // A step before the previous letter's deadline has passed.
    let (key, reason) = with(&[("ladder.business.grace_days", "5")]).unwrap_err();
    assert_eq!(key, "ladder.business.steps");
    assert!(reason.contains("deadline"), "{reason}");
}

#[test]
fn steps_are_stored_in_one_form_and_read_back() {
    let t = TeamSettings::default();
    let v = ladders::steps_value(&t.ladders.business.steps);
    let text = file::inline(&v);
    let again: toml::Value = text.parse().unwrap();
    assert_eq!(again, v);
    assert!(text.starts_with("[{ offset = -3"), "{text}");
}

#[test]
fn exported_settings_read_back_as_the_same_values() {
    let all = entries(&[]).unwrap();
    let text = file::export(&all);
    let table: toml::Table = text.parse().unwrap();
    let back: BTreeMap<String, toml::Value> = file::flatten(table).into_iter().collect();
    for e in &all {
        assert_eq!(back.get(&e.key), Some(&e.value), "{}", e.key);
    }
    assert_eq!(back.len(), all.len());
}

#[test]
fn stored_values_override_and_say_who() {
    let stored = [StoredSetting {
        key: "company.name".into(),
        value: "\"Atelier\"".into(),
        set_by: "marie".into(),
        set_at: "2026-11-22T09:00:00Z".into(),
    }];
    let all = entries(&stored).unwrap();
    let e = all.iter().find(|e| e.key == "company.name").unwrap();
    assert_eq!(e.value.as_str(), Some("Atelier"));
    assert_eq!(e.source.to_string(), "set by marie on 2026-11-22");
    let bad = [StoredSetting {
        value: "12".into(),
        ..stored[0].clone()
    }];
    let err = entries(&bad).unwrap_err().to_string();
    assert!(err.contains("company.name"), "{err}");
}

#[test]
fn the_letters_folder_is_beside_the_database() {
    let mut t = TeamSettings::default();
    let db = Path::new("/srv/team/dun.db");
    assert_eq!(t.letters_dir(db).unwrap(), Path::new("/srv/team/letters"));
    t.letters_folder = "out/letters".into();
    assert_eq!(
        t.letters_dir(db).unwrap(),
        Path::new("/srv/team/out/letters")
    );
    t.letters_folder = "/var/letters".into();
    assert_eq!(t.letters_dir(db).unwrap(), Path::new("/var/letters"));
    if let Some(home) = directories::BaseDirs::new() {
        t.letters_folder = "~/letters".into();
        assert_eq!(t.letters_dir(db).unwrap(), home.home_dir().join("letters"));
    }
}
