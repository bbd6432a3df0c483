//! `dun backup` while a clerk keeps writing, and its refusals.

use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use dun::commands::log::{LogRequest, run as log};
use dun::store::Store;

use super::*;

/// A clerk recording notes one after the other until told to stop.
fn writer(
    db: PathBuf,
    client: String,
    stop: Arc<AtomicBool>,
    written: Arc<AtomicUsize>,
) -> Result<(), String> {
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    // As fast as it can: a copy that restarted on every write would never end.
    store
        .conn()
        .pragma_update(None, "synchronous", "OFF")
        .map_err(|e| e.to_string())?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).ok_or("date")?;
    let req = LogRequest {
        kind: "note".into(),
        client: Some(client),
        note: Some("written during the backup".into()),
        ..LogRequest::default()
    };
    while !stop.load(Ordering::Relaxed) {
        log(
            &mut store,
            &req,
            "writer",
            today,
            chrono::Utc::now(),
            &mut Vec::new(),
        )
        .map_err(|e| e.to_string())?;
        written.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

#[test]
fn a_backup_taken_while_a_clerk_keeps_writing_is_whole_and_consistent() {
    let home = home();
    let db = home.path().join("live.db");
    ok(&dun(home.path(), &db, &["demo", "--scale", "15000"]));
    let client: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT code FROM clients LIMIT 1", [], |r| r.get(0)))
        .expect("a client");
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let clerk = {
        let (db, stop, written) = (db.clone(), stop.clone(), written.clone());
        std::thread::spawn(move || writer(db, client, stop, written))
    };
    let started = Instant::now();
    while written.load(Ordering::Relaxed) < 3 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let before = count(&db, "activities");
    let copy = home.path().join("copy.db");
    let at_start = written.load(Ordering::Relaxed);
    let out = dun(home.path(), &db, &["backup", copy.to_str().expect("utf-8")]);
    let during = written.load(Ordering::Relaxed) - at_start;
    stop.store(true, Ordering::Relaxed);
    let result = clerk.join().expect("the writer thread");
    assert_eq!(result, Ok(()), "the writer was never refused");
    let line = ok(&out);
    let pages: i64 = line
        .strip_prefix(&format!("{}: ", copy.display()))
        .and_then(|rest| rest.strip_suffix(" pages, integrity ok\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected: {line}"));
    assert!(pages > 2048, "several steps of the copy: {pages} pages");
    eprintln!("{during} notes written during the backup");

    let conn = rusqlite::Connection::open(&copy).expect("the copy opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete", "the copy is one self-contained file");
    drop(conn);
    let copied = count(&copy, "activities");
    assert!(
        copied >= before,
        "{copied} rows in the copy, {before} before the backup"
    );
    assert!(copied <= count(&db, "activities"));
    assert_eq!(mode_gid(&copy).0, 0o600);
    // It is a dun database, and no temporary file was left behind.
    ok(&dun(home.path(), &copy, &["aging"]));
    let mut names: Vec<String> = std::fs::read_dir(home.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    names.sort();
    assert_eq!(names, Vec::<String>::new());
}

#[test]
fn backup_replaces_a_file_only_with_force_and_never_the_database() {
    let home = home();
    let db = home.path().join("live.db");
    ok(&dun(home.path(), &db, &["demo", "--scale", "50"]));
    let copy = home.path().join("copy.db");
    std::fs::write(&copy, "yesterday's copy").expect("write");
    let c = copy.to_str().expect("utf-8");
    let err = refused(&dun(home.path(), &db, &["backup", c]));
    assert_eq!(
        err.trim_end(),
        format!("{c}: already exists; give --force to replace it")
    );
    assert_eq!(std::fs::read(&copy).expect("read"), b"yesterday's copy");
    let out = ok(&dun(home.path(), &db, &["backup", c, "--force"]));
    assert!(out.ends_with(" pages, integrity ok\n"), "{out}");
    assert_eq!(count(&copy, "clients"), count(&db, "clients"));
    let d = db.to_str().expect("utf-8");
    let err = refused(&dun(home.path(), &db, &["backup", d, "--force"]));
    assert!(err.contains("that is the database itself"), "{err}");
    let dotted = home.path().join(".").join("live.db-wal");
    let err = refused(&dun(
        home.path(),
        &db,
        &["backup", dotted.to_str().expect("utf-8"), "--force"],
    ));
    assert!(err.contains("that is the database itself"), "{err}");
}

/// A write lands between every two steps of the copy: the copy still ends,
/// in as many steps as it has chunks, and holds the database as it was
/// when it began (a copy that restarted on each write would hold the
/// later rows, or never end).
#[test]
fn the_copy_is_one_snapshot_however_often_others_write_between_its_steps() {
    let home = home();
    let db = home.path().join("live.db");
    ok(&dun(home.path(), &db, &["demo", "--scale", "15000"]));
    let client: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT code FROM clients LIMIT 1", [], |r| r.get(0)))
        .expect("a client");
    let source = Store::open(&db).expect("open");
    let mut clerk = Store::open(&db).expect("open");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let req = LogRequest {
        kind: "note".into(),
        client: Some(client),
        note: Some("between two steps".into()),
        ..LogRequest::default()
    };
    let before = count(&db, "activities");
    let copy = home.path().join("copy.db");
    std::fs::write(&copy, "").expect("create");
    let mut writes = 0;
    let copied = source
        .backup_into_with(&copy, &mut || {
            // Bounded, so that a copy that restarts still ends and fails below.
            if writes < 50 {
                log(
                    &mut clerk,
                    &req,
                    "clerk",
                    today,
                    chrono::Utc::now(),
                    &mut Vec::new(),
                )
                .expect("the clerk writes");
                writes += 1;
            }
        })
        .expect("backup");
    assert!(copied.steps >= 3, "several steps: {copied:?}");
    assert_eq!(
        i64::from(copied.steps),
        (copied.pages + 1023) / 1024,
        "no restart: {copied:?}"
    );
    assert_eq!(
        count(&copy, "activities"),
        before,
        "the snapshot of the start"
    );
    assert_eq!(
        count(&db, "activities"),
        before + i64::from(copied.steps) - 1
    );
}
