//! A reminder 3 or formal notice whose penalties need a reference rate the
//! tables lack is held: its queue line names the rate and the command that
//! sets it, `dun letters` leaves it, and `dun letters --incomplete` sends it
//! with the figures known and the interest "to be specified".

#[path = "common/binary.rs"]
mod binary;

use binary::{TODAY, dun, ok};

/// The words that say "to be specified" in each language's formal notice.
const TO_BE_SPECIFIED: [&str; 4] = [
    "to be specified",
    "montant à préciser",
    "importe por determinar",
    "spesifisert senere",
];

#[test]
fn a_letter_missing_a_rate_waits_until_a_clerk_sends_it_anyway() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hold.db");
    let out = dir.path().join("letters");
    let out_arg = out.to_str().unwrap();
    ok(&dun(&db, &["demo"]));

    // The shipped tables have no value for 2026 H2 (nor the Bank Rate of
    // 30 June 2026): the demo's formal notices late in 2026 are held.
    let queue: serde_json::Value =
        serde_json::from_str(&ok(&dun(&db, &["queue", "--format", "json"]))).unwrap();
    let held: Vec<&serde_json::Value> = queue
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| !l["held"].is_null())
        .collect();
    assert!(!held.is_empty(), "{queue:#}");
    for l in &held {
        let kind = l["reason"]["kind"].as_str().unwrap();
        assert!(
            kind == "formal_notice_ready" || (kind == "reminder" && l["reason"]["level"] == 3),
            "{l}"
        );
        let h = &l["held"];
        let (series, period) = (h["series"].as_str().unwrap(), h["period"].as_str().unwrap());
        assert!(
            [
                "ecb",
                "france_legal",
                "spain",
                "norway_interest",
                "norway_compensation",
                "uk_bank_rate"
            ]
            .contains(&series),
            "{h}"
        );
        assert!(period == "2026-H2" || period == "2026-06-30", "{h}");
        assert_eq!(
            h["command"],
            format!("dun rates set {series} {period} VALUE --source TEXT"),
            "{h}"
        );
        assert!(h["text"].as_str().unwrap().starts_with("no "), "{h}");
    }
    let table = ok(&dun(&db, &["queue"]));
    assert!(table.contains("formal notice held: no "), "{table}");
    assert!(
        table.contains("held for a missing reference rate"),
        "{table}"
    );

    // A run of the day writes none of them and journals nothing for them.
    let run = ok(&dun(&db, &["letters", "--out", out_arg]));
    assert!(run.contains("held for a missing reference rate"), "{run}");
    assert!(run.contains("VALUE --source TEXT"), "{run}");
    let day = out.join(TODAY);
    let held_codes: Vec<&str> = held.iter().map(|l| l["client"].as_str().unwrap()).collect();
    let files_of = |code: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&day)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(code))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for code in &held_codes {
        assert!(files_of(code).is_empty(), "{code}: {:?}", files_of(code));
    }
    let journal = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    let journal: serde_json::Value = serde_json::from_str(&journal).unwrap();
    let notices_today = |code: &str| {
        journal
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["client"] == code && e["on"] == TODAY && e["kind"] == "formal_notice")
            .count()
    };
    for code in &held_codes {
        assert_eq!(notices_today(code), 0, "{code}");
    }
    // Still on the queue, still held: nothing was lost.
    let again = ok(&dun(&db, &["queue"]));
    for code in &held_codes {
        assert!(
            again
                .lines()
                .any(|l| l.starts_with(code) && l.contains("held: no ")),
            "{code}: {again}"
        );
    }

    // Sent anyway: the letter states what is known and the rest "to be
    // specified", and is journaled.
    let run = ok(&dun(&db, &["letters", "--out", out_arg, "--incomplete"]));
    assert!(run.contains("interest to be specified: no "), "{run}");
    let journal = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    let journal: serde_json::Value = serde_json::from_str(&journal).unwrap();
    let mut notices = 0;
    for l in &held {
        let code = l["client"].as_str().unwrap();
        let txt = files_of(code)
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "txt"))
            .unwrap_or_else(|| panic!("{code}: no letter written: {run}"));
        let text = std::fs::read_to_string(&txt).unwrap();
        assert!(
            TO_BE_SPECIFIED.iter().any(|w| text.contains(w)),
            "{code}: {text}"
        );
        if l["reason"]["kind"] == "formal_notice_ready" {
            notices += 1;
            assert!(
                journal
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["client"] == code
                        && e["on"] == TODAY
                        && e["kind"] == "formal_notice"),
                "{code}"
            );
        }
    }
    assert!(notices > 0);
    let after = ok(&dun(&db, &["queue"]));
    assert!(
        !after.contains("held for a missing reference rate"),
        "{after}"
    );
}

/// The queue tells a held line from the facts of its invoices read in one
/// statement; the letter, composed anyway with `--incomplete`, from each
/// invoice's whole history. Both go through the same rules: on the demo, on
/// several days, they hold the same letters.
#[test]
fn the_queue_and_the_letter_agree_on_what_is_held() {
    use std::collections::{BTreeMap, BTreeSet};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hold.db");
    ok(&dun(&db, &["demo"]));
    let mut compared = 0;
    for day in ["2026-11-22", "2026-12-12", "2027-01-06", "2027-02-20"] {
        let queue: serde_json::Value = serde_json::from_str(&ok(&dun(
            &db,
            &["queue", "--as-of", day, "--format", "json"],
        )))
        .unwrap();
        // Per client, in the queue's order: its held lines' texts.
        let mut queue_held: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for l in queue.as_array().unwrap() {
            if let Some(text) = l["held"]["text"].as_str() {
                queue_held
                    .entry(l["client"].as_str().unwrap().to_string())
                    .or_default()
                    .push(text.to_string());
            }
        }
        // Sent anyway, each letter says which figure it lacks: composed
        // from the invoices' whole histories, not from the queue's mark.
        let run = ok(&dun(
            &db,
            &["letters", "--as-of", day, "--dry-run", "--incomplete"],
        ));
        let mut letter_held: BTreeSet<(String, String)> = BTreeSet::new();
        for line in run.lines() {
            if let Some((head, text)) = line.split_once("interest to be specified: ") {
                let client = head.split_whitespace().next().unwrap().to_string();
                letter_held.insert((client, text.trim().to_string()));
            }
        }
        for (client, text) in &letter_held {
            assert!(
                queue_held.get(client).is_some_and(|t| t.contains(text)),
                "{day}: the letter of {client} is held ({text}) but its queue line is not\n{run}"
            );
            compared += 1;
        }
        // A client whose first line is held has that letter held too.
        let first_lines: BTreeMap<String, &serde_json::Value> = queue
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .map(|l| (l["client"].as_str().unwrap().to_string(), l))
            .collect();
        for (client, l) in first_lines {
            if let Some(text) = l["held"]["text"].as_str() {
                assert!(
                    letter_held.contains(&(client.clone(), text.to_string())),
                    "{day}: {client}'s queue line is held ({text}) but its letter is not\n{run}"
                );
            }
        }
    }
    assert!(compared > 0);
}
