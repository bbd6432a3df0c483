//! Broken databases through the real binary: another program's file, a
//! newer schema, a corrupt file, a read-only one, a full disk. Each gives
//! one line on standard error and a non-zero exit, never a panic, and
//! leaves the file as it was.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-22";
const IBM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/ibm-accounts-receivable.csv"
);

fn command(db: &Path, args: &[&str]) -> Command {
    let home = db.parent().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_dun"));
    c.args(args)
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    c
}

fn dun(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().unwrap()
}

/// The one line of a failure (exit status 1, no panic).
fn failure(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn temp(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(name);
    (dir, db)
}

/// A dun database with the demo portfolio.
fn demo(db: &Path) {
    let out = dun(db, &["demo", "--scale", "400"]);
    assert!(out.status.success(), "{out:?}");
}

/// A client of the database, to log against.
fn a_client(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT code FROM clients ORDER BY code LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap()
}

fn bytes(db: &Path) -> Vec<u8> {
    std::fs::read(db).unwrap()
}

#[test]
fn another_programs_database_is_refused_and_left_byte_for_byte() {
    let (_dir, db) = temp("notes.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('milk');")
            .unwrap();
    }
    let before = bytes(&db);
    for args in [
        &["aging"][..],
        &["import", "invoices", IBM, "--currency", "USD"],
    ] {
        let err = failure(&dun(&db, args));
        assert_eq!(
            err,
            format!(
                "{}: not a dun database (it has tables of another program)\n",
                db.display()
            )
        );
    }
    assert!(bytes(&db) == before, "the file was written to");
}

#[test]
fn a_newer_schema_is_refused_and_left_byte_for_byte() {
    let (_dir, db) = temp("dun.db");
    demo(&db);
    let newer = dun::store::migrations::latest() + 1;
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let before = bytes(&db);
    for args in [
        &["queue"][..],
        &["log", "note", "--client", "X", "--note", "n"],
    ] {
        let err = failure(&dun(&db, args));
        assert_eq!(
            err,
            format!(
                "{}: the database was written by a newer dun (schema {newer}, this dun knows {}); upgrade dun\n",
                db.display(),
                newer - 1
            )
        );
    }
    assert!(bytes(&db) == before, "the file was written to");
}

#[test]
fn files_that_are_not_databases_are_refused() {
    let (_dir, db) = temp("dun.db");
    let mut header = b"SQLite format 3\0".to_vec();
    header.extend(std::iter::repeat_n(0xA5u8, 4096));
    for content in [
        &b"a shopping list, long enough to pass for a header......"[..],
        &header,
    ] {
        std::fs::write(&db, content).unwrap();
        let err = failure(&dun(&db, &["aging"]));
        assert_eq!(err, format!("{}: not a database file\n", db.display()));
        assert!(bytes(&db) == content, "the file was written to");
    }
}

#[test]
fn a_corrupt_database_is_named_so_and_never_written() {
    let (dir, db) = temp("dun.db");
    demo(&db);
    let client = a_client(&db);
    // Garbage over the middle half: the header and the schema stay readable.
    let mut b = bytes(&db);
    let n = b.len();
    for (i, byte) in b.iter_mut().enumerate().take(3 * n / 4).skip(n / 4) {
        *byte = (i * 7919 % 251) as u8;
    }
    std::fs::write(&db, &b).unwrap();
    let letters = dir.path().join("letters");
    let commands: [&[&str]; 8] = [
        &["aging"],
        &["queue", "--format", "json"],
        &["export", "aging"],
        &["export", "journal", "--format", "json"],
        &["invoice", "INV-2026-00001"],
        &["import", "invoices", IBM, "--currency", "USD"],
        &["log", "note", "--client", &client, "--note", "n"],
        &["letters", "--out", letters.to_str().unwrap()],
    ];
    let mut corrupt = 0;
    for args in commands {
        let out = dun(&db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if !out.status.success() {
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        }
        if err.contains("the database file is corrupt") {
            assert!(err.ends_with("; restore it from a backup\n"), "{err}");
            corrupt += 1;
        }
        assert!(bytes(&db) == b, "{args:?} wrote to the file");
    }
    assert!(corrupt >= 3, "only {corrupt} commands saw the damage");
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `args` run by someone who may read the file but not write it: as root,
/// whose permission bits are not checked, by the user `nobody`.
fn as_reader(db: &Path, args: &[&str]) -> Option<Output> {
    let mut c = command(db, args);
    if is_root() {
        use std::os::unix::process::CommandExt;
        c.uid(65534).gid(65534);
    }
    match c.output() {
        Ok(out) => Some(out),
        Err(e) => {
            println!("note: read-only case skipped, cannot run as another user: {e}");
            None
        }
    }
}

#[test]
fn a_read_only_database_is_explained_and_never_written() {
    let (dir, db) = temp("dun.db");
    demo(&db);
    let client = a_client(&db);
    let before = bytes(&db);
    let mode =
        |p: &Path, m: u32| std::fs::set_permissions(p, PermissionsExt::from_mode(m)).unwrap();
    mode(&db, 0o444);
    // A directory the reader cannot write either: SQLite cannot even set up
    // its shared memory beside the file.
    mode(dir.path(), 0o755);
    let Some(out) = as_reader(&db, &["aging"]) else {
        return;
    };
    let err = failure(&out);
    assert!(
        err.starts_with(&format!(
            "{}: owned by root:root mode 0444, you (nobody) cannot write it",
            db.display()
        )),
        "{err}"
    );
    // An open directory changes nothing: a reader never creates the
    // `-wal` and `-shm` files the writers would then share with it, and a
    // write is refused with what to fix.
    mode(dir.path(), 0o777);
    for args in [
        vec!["aging"],
        vec!["log", "note", "--client", client.as_str(), "--note", "n"],
    ] {
        let out = as_reader(&db, &args).unwrap();
        let err = failure(&out);
        assert!(
            err.contains("cannot write it") && err.contains("ask root"),
            "{err}"
        );
    }
    mode(dir.path(), 0o700);
    assert!(bytes(&db) == before, "the file was written to");
}

#[test]
fn a_full_disk_is_reported_and_the_database_stays_whole() {
    let (_dir, db) = temp("dun.db");
    let out = dun(&db, &["init"]);
    assert!(out.status.success());
    let before = bytes(&db);
    // A file size limit of 150 KiB: the import's write-ahead log outgrows it.
    let c = command(&db, &["import", "invoices", IBM, "--currency", "USD"]);
    let program = c.get_program().to_owned();
    let args: Vec<_> = c.get_args().map(ToOwned::to_owned).collect();
    let mut limited = Command::new("bash");
    limited
        .arg("-c")
        .arg("ulimit -f 150 && exec \"$@\"")
        .arg("bash")
        .arg(program)
        .args(args)
        .envs(c.get_envs().filter_map(|(k, v)| Some((k, v?))));
    let out = match limited.output() {
        Ok(out) => out,
        Err(e) => {
            println!("note: full-disk case skipped, no bash: {e}");
            return;
        }
    };
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), None, "killed by a signal: {out:?}");
    let err = failure(&out);
    assert_eq!(err, "database error: disk I/O error\n");
    assert!(bytes(&db) == before, "the file was written to");
    let c = rusqlite::Connection::open(&db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let invoices: i64 = c
        .query_row("SELECT count(*) FROM invoices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(invoices, 0);
}
