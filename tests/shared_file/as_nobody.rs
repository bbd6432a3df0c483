//! The start-up check as a clerk without the rights: root ignores the mode
//! bits, so when the tests run as root these run dun as `nobody` (with
//! `setpriv`); otherwise they are skipped with a note, and the decision is
//! covered by the unit tests of `store::access`.

use super::*;

/// `setpriv` arguments that run a command as nobody in `groups`, when
/// possible here.
fn as_nobody(groups: &str) -> Option<Vec<String>> {
    if id("-u") != "0" {
        eprintln!("skipped: only root can run dun as another user");
        return None;
    }
    let mut prefix: Vec<String> = ["setpriv", "--reuid=nobody", "--regid=65534"]
        .map(String::from)
        .to_vec();
    prefix.push(if groups.is_empty() {
        "--clear-groups".into()
    } else {
        format!("--groups={groups}")
    });
    let works = Command::new(&prefix[0])
        .args(&prefix[1..])
        .args([DUN, "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        eprintln!("skipped: setpriv cannot run dun as nobody here");
        return None;
    }
    Some(prefix)
}

fn group_name(gid: u32) -> String {
    let out = Command::new("getent")
        .args(["group", &gid.to_string()])
        .output()
        .expect("getent");
    let line = String::from_utf8_lossy(&out.stdout).into_owned();
    line.split(':').next().unwrap_or_default().to_string()
}

fn listing(dir: &Path) -> Vec<(String, u64, u32)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((
                e.file_name().to_string_lossy().into_owned(),
                m.len(),
                m.mode(),
            ))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_clerk_who_cannot_write_the_wal_is_told_exactly_what_to_fix() {
    let group = id("-gn");
    let gid: u32 = id("-g").parse().expect("gid");
    let Some(nobody) = as_nobody(&gid.to_string()) else {
        return;
    };
    let nobody: Vec<&str> = nobody.iter().map(String::as_str).collect();
    let home = home();
    let db = home.path().join("team/team.db");
    ok(&dun(
        home.path(),
        &db,
        &["init", "--shared", &group, db.to_str().expect("utf-8")],
    ));
    ok(&dun(home.path(), &db, &["demo", "--scale", "50"]));
    let conn = rusqlite::Connection::open(&db).expect("open");
    let client: String = conn
        .query_row("SELECT code FROM clients LIMIT 1", [], |r| r.get(0))
        .expect("a client");
    let log = ["log", "note", "--client", &client, "--note", "from nobody"];
    // Another clerk's session holds the database open: -wal and -shm stay.
    let before = count(&db, "activities");
    let wal = sibling(&db, "-wal");
    // That clerk's -wal, left private to root (and of nobody's own group).
    std::os::unix::fs::chown(&wal, Some(0), Some(65534)).expect("chown");
    std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let w = wal.display();
    let other = group_name(65534);
    let fix = format!("run: chmod 660 {w} && chgrp {group} {w} (or ask root)");
    let err = refused(&run(&nobody, home.path(), &db, &log));
    assert_eq!(
        err.trim_end(),
        format!("{w}: owned by root:{other} mode 0600, you (nobody) cannot read it — {fix}")
    );
    let err = refused(&run(&nobody, home.path(), &db, &["aging"]));
    assert!(err.contains("cannot read it"), "{err}");

    // Readable, not writable: reports work, read-only, and say so.
    std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let files = listing(db.parent().expect("dir"));
    let out = run(&nobody, home.path(), &db, &["aging", "--format", "json"]);
    assert!(ok(&out).starts_with(r#"{"as_of":"2026-11-22","totals":[{"#));
    let note = String::from_utf8_lossy(&out.stderr).into_owned();
    let why = format!("{w}: owned by root:{other} mode 0640, you (nobody) cannot write it — {fix}");
    assert_eq!(
        note.trim_end(),
        format!("note: reading only, nothing will be written: {why}")
    );
    assert_eq!(
        listing(db.parent().expect("dir")),
        files,
        "a reader wrote nothing"
    );
    let err = refused(&run(&nobody, home.path(), &db, &log));
    assert_eq!(err.trim_end(), why);
    assert_eq!(count(&db, "activities"), before, "nothing was written");

    // Fixed as told: nobody writes.
    std::os::unix::fs::chown(&wal, Some(0), Some(gid)).expect("chgrp");
    std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o660)).expect("chmod");
    ok(&run(&nobody, home.path(), &db, &log));
    assert_eq!(count(&db, "activities"), before + 1);
    drop(conn);
}

#[test]
fn init_shared_refuses_a_group_the_user_is_not_in() {
    let Some(nobody) = as_nobody("") else {
        return;
    };
    let nobody: Vec<&str> = nobody.iter().map(String::as_str).collect();
    let home = home();
    let db = home.path().join("team/team.db");
    let group = id("-gn");
    let err = refused(&run(
        &nobody,
        home.path(),
        &db,
        &["init", "--shared", &group, db.to_str().expect("utf-8")],
    ));
    assert!(
        err.starts_with(&format!("you (nobody) are not in group {group}: ")),
        "{err}"
    );
    assert!(!db.parent().expect("dir").exists());
}
