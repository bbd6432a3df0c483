//! `dun settings` with the real binary on real database files: every key
//! shown with its source, changes checked and journaled or refused with
//! nothing written, files imported all or nothing, the personal config
//! refusing team keys and hostile files, and the team's day.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dun::store::Store;

#[path = "common/binary.rs"]
mod binary;
use binary::{ok, refused};

fn command(db: &Path) -> Command {
    let home = db.parent().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_dun"));
    c.env("DUN_DB", db)
        .env("DUN_TODAY", "2026-11-22")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    c
}

fn dun(db: &Path, args: &[&str]) -> Output {
    command(db).args(args).output().unwrap()
}

/// A temporary directory with a new database, as `dun init` makes it.
fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    ok(&dun(&db, &["init"]));
    (dir, db)
}

/// The settings table and the history, as stored.
fn stored(db: &Path) -> (Vec<(String, String)>, usize) {
    let store = Store::open(db).unwrap();
    let set = dun::store::settings::all(store.conn())
        .unwrap()
        .into_iter()
        .map(|s| (s.key, s.value))
        .collect();
    let changes = dun::store::settings::changes(store.conn()).unwrap().len();
    (set, changes)
}

fn config_file(dir: &Path) -> PathBuf {
    let config = dir.join("config").join("dun");
    std::fs::create_dir_all(&config).unwrap();
    config.join("config.toml")
}

#[test]
fn show_lists_every_key_and_its_source_and_no_database_is_created() {
    let (dir, db) = temp();
    let out = ok(&dun(&db, &["settings", "show"]));
    for key in [
        "company.name",
        "company.signature",
        "letters.folder",
        "team.time_zone",
        "dunning.ack_days",
        "dunning.dispute_review_days",
        "dunning.minimum.EUR",
        "dunning.minimum.NOK",
        "solvency.deposit.C",
        "ladder.administration.steps",
        "ladder.business.grace_days",
        "ladder.individual.min_gap_days",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("{key} missing from\n{out}"));
        assert!(line.ends_with("# default"), "{line}");
    }
    assert!(out.contains("dunning.minimum.NOK"), "{out}");
    assert!(out.contains(r#""50.00""#), "{out}");
    let json = ok(&dun(&db, &["settings", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), out.lines().count());
    assert!(rows.iter().all(|r| r["source"] == "default"));
    ok(&dun(&db, &["settings", "export"]));
    let typo = dir.path().join("taem.db");
    for args in [
        &["settings"][..],
        &["settings", "show"],
        &["settings", "export"],
    ] {
        let err = refused(&dun(&typo, args));
        assert!(err.starts_with("no database at "), "{err}");
    }
    assert!(!typo.exists(), "showing the settings creates no database");
}

#[test]
fn a_setting_set_is_shown_with_who_and_when_and_journaled() {
    let (_dir, db) = temp();
    let out = ok(&dun(
        &db,
        &["settings", "set", "company.name", "Atelier Boréal"],
    ));
    assert_eq!(out.trim(), r#"company.name = "Atelier Boréal""#);
    ok(&dun(
        &db,
        &["settings", "set", "dunning.minimum.EUR", "7.5"],
    ));
    ok(&dun(
        &db,
        &["settings", "set", "team.time_zone", "Europe/Paris"],
    ));
    let out = ok(&dun(&db, &["settings", "show"]));
    let line = out
        .lines()
        .find(|l| l.starts_with("company.name "))
        .unwrap();
    assert!(line.contains(r#""Atelier Boréal""#), "{line}");
    let today = chrono::Utc::now().date_naive().to_string();
    let date_then = |l: &str| l.contains(" on ") && l.contains(&today[..4]);
    assert!(line.contains("# set by ") && date_then(line), "{line}");
    let line = out
        .lines()
        .find(|l| l.starts_with("dunning.minimum.EUR "))
        .unwrap();
    assert!(line.contains(r#""7.50""#), "{line}");
    let json = ok(&dun(&db, &["settings", "show", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let tz = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "team.time_zone")
        .unwrap();
    assert_eq!(tz["value"], "Europe/Paris");
    assert_eq!(tz["source"], "set");
    assert!(!tz["set_by"].as_str().unwrap().is_empty());
    // Each change is in the history; the same value again changes nothing.
    assert_eq!(stored(&db).1, 3);
    let again = ok(&dun(
        &db,
        &["settings", "set", "team.time_zone", "Europe/Paris"],
    ));
    assert!(again.contains("unchanged"), "{again}");
    assert_eq!(stored(&db).1, 3);
}

#[test]
fn a_bad_value_is_refused_with_its_key_and_reason_and_nothing_is_written() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["settings", "set", "company.name", "Atelier"]));
    let before = stored(&db);
    let step = |offset: i64, action: &str, deadline: u64| {
        format!(
            r#"{{ offset = {offset}, action = "{action}", channel = "letter", template = "{action}", deadline_days = {deadline} }}"#
        )
    };
    let long = "x".repeat(100_000);
    let cases: Vec<(&str, String, &str)> = vec![
        ("company.nmae", "Acme".into(), "no such setting"),
        ("ladder.retail.steps", "[]".into(), "no such setting"),
        ("dunning.ack_days", "ten".into(), "not a TOML value"),
        (
            "dunning.ack_days",
            "\"10\"".into(),
            "expected a whole number",
        ),
        (
            "dunning.ack_days",
            "99999999999999999999".into(),
            "not a TOML value",
        ),
        ("solvency.deposit.D", "101".into(), "between 0 and 100"),
        ("ladder.business.steps", "[]".into(), "at least one step"),
        (
            "ladder.business.steps",
            "7".into(),
            "expected an array of steps",
        ),
        (
            "ladder.business.steps",
            format!("[{}]", step(7, "reminder1", 4_294_967_295)),
            "deadline_days must be between 1 and 90",
        ),
        (
            "ladder.business.steps",
            format!(
                "[{}, {}]",
                step(7, "reminder1", 10),
                step(30, "formal_notice", 8)
            ),
            "formal notice must come after reminder 3",
        ),
        (
            "ladder.business.steps",
            format!(
                "[{}, {}, {}, {}]",
                step(7, "reminder1", 10),
                step(12, "reminder2", 8),
                step(17, "reminder3", 7),
                step(22, "formal_notice", 8)
            ),
            "before the deadline of reminder 1",
        ),
        (
            "dunning.minimum.EUR",
            "79228162514264337593543950335".into(),
            "too large",
        ),
        ("dunning.minimum.JPY", "5.5".into(), "more decimals"),
        ("dunning.minimum.EUR", "-1".into(), "0 or more"),
        ("team.time_zone", "Mars/Olympus".into(), "not a time zone"),
        ("company.signature", long, "too long"),
    ];
    for (key, value, reason) in &cases {
        let err = refused(&dun(&db, &["settings", "set", key, value]));
        assert!(err.starts_with(&format!("{key}: ")), "{key}: {err}");
        assert!(err.contains(reason), "{key} = {value:.80}: {err}");
        assert_eq!(stored(&db), before, "{key}: nothing written");
    }
}

#[test]
fn an_import_is_all_or_nothing() {
    let (dir, db) = temp();
    ok(&dun(&db, &["settings", "set", "company.name", "Atelier"]));
    let before = stored(&db);
    let file = dir.path().join("team.toml");
    std::fs::write(
        &file,
        "[company]\nname = \"Acme\"\n\n[dunning]\nack_days = 12\n\n[solvency.deposit]\nC = 200\n",
    )
    .unwrap();
    let err = refused(&dun(&db, &["settings", "import", file.to_str().unwrap()]));
    assert!(
        err.starts_with(&format!("{}: solvency.deposit.C: ", file.display())),
        "{err}"
    );
    assert_eq!(stored(&db), before);
    std::fs::write(&file, "[company]\nname = \"Acme\"\nnmae = \"x\"\n").unwrap();
    let err = refused(&dun(&db, &["settings", "import", file.to_str().unwrap()]));
    assert!(err.contains("company.nmae: no such setting"), "{err}");
    assert_eq!(stored(&db), before);
    // A file that is not one to read is refused as a whole.
    let big = dir.path().join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(10 * 1024 * 1024)
        .unwrap();
    let err = refused(&dun(&db, &["settings", "import", big.to_str().unwrap()]));
    assert!(err.contains("too large"), "{err}");
    std::fs::write(
        &file,
        "[company]\nname = \"Acme\"\n\n[dunning]\nack_days = 12\n",
    )
    .unwrap();
    let out = ok(&dun(&db, &["settings", "import", file.to_str().unwrap()]));
    assert!(out.ends_with(": 2 settings changed\n"), "{out}");
}

#[test]
fn export_then_import_gives_the_same_settings() {
    let (dir, db) = temp();
    ok(&dun(
        &db,
        &[
            "settings",
            "set",
            "company.address",
            "1 rue de la Paix\n75002 Paris",
        ],
    ));
    ok(&dun(
        &db,
        &["settings", "set", "ladder.business.min_gap_days", "4"],
    ));
    ok(&dun(
        &db,
        &["settings", "set", "dunning.minimum.SEK", "\"75\""],
    ));
    ok(&dun(
        &db,
        &["settings", "set", "letters.folder", "/srv/letters"],
    ));
    let file = dir.path().join("export.toml");
    ok(&dun(
        &db,
        &["settings", "export", "-o", file.to_str().unwrap()],
    ));
    let other = dir.path().join("other.db");
    ok(&dun(&other, &["init"]));
    ok(&dun(
        &other,
        &["settings", "import", file.to_str().unwrap()],
    ));
    let values = |db: &Path| {
        let json = ok(&dun(db, &["settings", "show", "--format", "json"]));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| (r["key"].clone(), r["value"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&db), values(&other));
    let shown = ok(&dun(&other, &["settings", "show"]));
    assert!(
        shown.contains(r#""1 rue de la Paix\u000A75002 Paris""#),
        "{shown}"
    );
    assert!(shown.contains(r#""75.00""#), "{shown}");
    // The export on standard output is the same file.
    let stdout = ok(&dun(&db, &["settings", "export"]));
    assert_eq!(stdout, std::fs::read_to_string(&file).unwrap());
}

#[test]
fn a_team_key_in_config_toml_is_refused_with_the_command_to_use() {
    let (dir, db) = temp();
    let config = config_file(dir.path());
    std::fs::write(&config, "[company]\nname = \"Acme\"\n").unwrap();
    let err = refused(&dun(&db, &["queue"]));
    assert!(err.starts_with(&config.display().to_string()), "{err}");
    assert!(
        err.contains("use `dun settings set company.name VALUE` instead"),
        "{err}"
    );
    std::fs::write(&config, "[ladder.business]\nmin_gap_days = 5\n").unwrap();
    let err = refused(&dun(&db, &["queue"]));
    assert!(
        err.contains("`dun settings set ladder.business.min_gap_days VALUE`"),
        "{err}"
    );
    std::fs::write(&config, "[import]\ncurrency = \"EUR\"\n").unwrap();
    ok(&dun(&db, &["queue"]));
}

/// Runs `dun queue`, which fails or succeeds within seconds: it never
/// waits on the config file.
fn within_seconds(db: &Path) -> Output {
    let mut child = command(db)
        .arg("queue")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("dun hung on its config file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Puts something hostile at a path.
type Make = dyn Fn(&Path);

#[test]
fn a_hostile_config_file_is_refused_with_its_path_and_a_reason() {
    let (dir, db) = temp();
    let config = config_file(dir.path());
    let cases: Vec<(&str, Box<Make>)> = vec![
        (
            "not a regular file",
            Box::new(|p| nix::unistd::mkfifo(p, nix::sys::stat::Mode::S_IRWXU).unwrap()),
        ),
        (
            "not a regular file",
            Box::new(|p| std::os::unix::fs::symlink("/dev/zero", p).unwrap()),
        ),
        (
            "is a directory",
            Box::new(|p| std::fs::create_dir(p).unwrap()),
        ),
        (
            "too large",
            Box::new(|p| {
                std::fs::File::create(p)
                    .unwrap()
                    .set_len(100 * 1024 * 1024)
                    .unwrap()
            }),
        ),
    ];
    for (reason, make) in cases {
        make(&config);
        let out = within_seconds(&db);
        let err = refused(&out);
        assert!(
            err.starts_with(&format!("{}: ", config.display())) && err.contains(reason),
            "{reason}: {err}"
        );
        if config.is_dir() && !config.is_symlink() {
            std::fs::remove_dir(&config).unwrap();
        } else {
            std::fs::remove_file(&config).unwrap();
        }
    }
}

#[test]
fn clerks_in_different_zones_record_the_team_s_day() {
    let (dir, db) = temp();
    let clients = dir.path().join("clients.csv");
    std::fs::write(&clients, "code,name,type,country\nX1,Acme,business,FR\n").unwrap();
    ok(&dun(&db, &["import", "clients", clients.to_str().unwrap()]));
    ok(&dun(
        &db,
        &["settings", "set", "team.time_zone", "Europe/Paris"],
    ));
    // Kiritimati is 14 hours ahead of UTC, Pago Pago 11 behind: their dates
    // always differ, the team's does not.
    for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
        let out = command(&db)
            .env_remove("DUN_TODAY")
            .env("TZ", zone)
            .args(["log", "note", "--client", "X1", "--note", zone])
            .output()
            .unwrap();
        ok(&out);
    }
    let journal = ok(&dun(&db, &["export", "journal", "--format", "json"]));
    let entries: serde_json::Value = serde_json::from_str(&journal).unwrap();
    let days: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "note")
        .map(|e| e["on"].as_str().unwrap())
        .collect();
    assert_eq!(days.len(), 2, "{journal}");
    assert_eq!(days[0], days[1], "{journal}");
    let paris = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        .to_string();
    assert_eq!(days[0], paris);
}

#[test]
fn the_history_of_changes_is_append_only() {
    let (_dir, db) = temp();
    ok(&dun(&db, &["settings", "set", "dunning.ack_days", "12"]));
    ok(&dun(&db, &["settings", "set", "dunning.ack_days", "15"]));
    let store = Store::open(&db).unwrap();
    let changes = dun::store::settings::changes(store.conn()).unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].old, None);
    assert_eq!(changes[1].old.as_deref(), Some("12"));
    assert_eq!(changes[1].new, "15");
    for sql in [
        "UPDATE settings_changes SET new = '99'",
        "DELETE FROM settings_changes",
    ] {
        let e = store.conn().execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("append-only"), "{e}");
    }
    assert_eq!(
        dun::store::settings::changes(store.conn()).unwrap().len(),
        2
    );
}
