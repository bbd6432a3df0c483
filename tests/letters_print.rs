//! `dun letters --print`: the letters for the post go to the team's print
//! command before they are recorded; a print that fails leaves them due.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dun(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dun"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUN_TODAY")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A print command that keeps a copy of each file it is given.
fn printer(dir: &Path, fails: bool) -> PathBuf {
    let spool = dir.join("spool");
    std::fs::create_dir_all(&spool).unwrap();
    let script = dir.join(if fails { "broken-lp" } else { "fake-lp" });
    let body = if fails {
        "#!/bin/sh\necho 'lp: printer on fire' >&2\nexit 1\n".to_string()
    } else {
        format!("#!/bin/sh\ncp \"$1\" {}/\n", spool.display())
    };
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn notes(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT note FROM activities WHERE on_date = '2026-11-30' ORDER BY id")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn letters_for_the_post_are_printed_then_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(dun(&db, &["--today", "2026-11-29", "demo"]));
    let lp = printer(dir.path(), false);
    ok(dun(
        &db,
        &["settings", "set", "print.command", lp.to_str().unwrap()],
    ));
    let out = ok(dun(
        &db,
        &[
            "--today",
            "2026-11-30",
            "letters",
            "--print",
            "--as-of",
            "2026-11-30",
        ],
    ));
    assert!(out.contains("(printed)"), "{out}");
    let printed: Vec<PathBuf> = std::fs::read_dir(dir.path().join("spool"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!printed.is_empty());
    for f in &printed {
        assert!(std::fs::read(f).unwrap().starts_with(b"%PDF"), "{f:?}");
    }
    let notes = notes(&db);
    let posted: Vec<&String> = notes
        .iter()
        .filter(|n| n.contains("printed for the post with"))
        .collect();
    assert!(!posted.is_empty(), "{notes:?}");
    // Every printed letter is journaled as printed (one entry per invoice).
    assert!(posted.len() >= printed.len(), "{posted:?} {printed:?}");
}

#[test]
fn a_print_that_fails_leaves_the_letter_due() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(dun(&db, &["--today", "2026-11-29", "demo"]));
    let lp = printer(dir.path(), true);
    ok(dun(
        &db,
        &["settings", "set", "print.command", lp.to_str().unwrap()],
    ));
    let before = ok(dun(
        &db,
        &["queue", "--as-of", "2026-11-30", "--format", "json"],
    ));
    let out = dun(
        &db,
        &[
            "--today",
            "2026-11-30",
            "letters",
            "--print",
            "--as-of",
            "2026-11-30",
        ],
    );
    assert!(!out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("printer on fire"), "{shown}");
    // A letter by post that could not be printed is neither recorded nor
    // left in the folder: the queue still asks for it.
    let after = ok(dun(
        &db,
        &["queue", "--as-of", "2026-11-30", "--format", "json"],
    ));
    let kinds = |q: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(q).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|l| l["reason"]["kind"] == "formal_notice_ready")
            .map(|l| l["client"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!kinds(&before).is_empty());
    assert_eq!(kinds(&before), kinds(&after));
    assert!(
        !notes(&db).iter().any(|n| n.contains("formal notice")),
        "{:?}",
        notes(&db)
    );
}
