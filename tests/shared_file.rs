//! One database file for a team: `dun init --shared`, the checks at start-up
//! (run as `nobody` when the tests run as root, since root ignores the mode
//! bits), and `dun backup` while another clerk keeps writing.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[path = "common/binary.rs"]
mod binary;
use binary::{ok, refused};

const DUN: &str = env!("CARGO_BIN_EXE_dun");

/// Runs `prefix… dun args…` with the database `db` and a home in `home`.
fn run(prefix: &[&str], home: &Path, db: &Path, args: &[&str]) -> Output {
    let all: Vec<&str> = prefix
        .iter()
        .copied()
        .chain([DUN])
        .chain(args.iter().copied())
        .collect();
    Command::new(all[0])
        .args(&all[1..])
        .env("DUN_DB", db)
        .env("DUN_TODAY", "2026-11-22")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("DUN_ALLOW_NETWORK_FS")
        .output()
        .expect("run dun")
}

/// `dun` with the umask at 077, the strictest a clerk may have.
fn dun(home: &Path, db: &Path, args: &[&str]) -> Output {
    run(
        &["sh", "-c", "umask 077 && exec \"$0\" \"$@\""],
        home,
        db,
        args,
    )
}

/// A temporary home the clerks (and `nobody`) can pass through.
fn home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

fn id(flag: &str) -> String {
    let out = Command::new("id").arg(flag).output().expect("id");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn mode_gid(p: &Path) -> (u32, u32) {
    let m = std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    (m.permissions().mode() & 0o7777, m.gid())
}

fn sibling(p: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", p.display()))
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// Checks a team set-up: the directory 2770, the database 0660, and the
/// -wal and -shm SQLite creates (here by another process) 0660, all of `gid`.
fn assert_team_files(db: &Path, gid: u32) {
    assert_eq!(mode_gid(db.parent().expect("dir")), (0o2770, gid));
    assert_eq!(mode_gid(db), (0o660, gid));
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch("CREATE TEMP TABLE t(x); SELECT count(*) FROM clients;")
        .expect("read");
    for suffix in ["-wal", "-shm"] {
        assert_eq!(mode_gid(&sibling(db, suffix)), (0o660, gid), "{suffix}");
    }
}

#[test]
fn init_shared_makes_a_setgid_2770_directory_and_0660_files_of_the_group() {
    let home = home();
    let db = home.path().join("srv/dun/team.db");
    let group = id("-gn");
    let out = ok(&dun(
        home.path(),
        &db,
        &["init", "--shared", &group, db.to_str().expect("utf-8")],
    ));
    assert!(out.contains("umask 007"), "{out}");
    assert!(
        out.contains(&format!("export DUN_DB={}", db.display())),
        "{out}"
    );
    let gid: u32 = id("-g").parse().expect("gid");
    assert_team_files(&db, gid);
    // The parent made on the way can be passed through by the clerks.
    assert_eq!(mode_gid(&home.path().join("srv")).0, 0o755);
    // Again: nothing to do, nothing changed.
    let again = ok(&dun(
        home.path(),
        &db,
        &["init", "--shared", &group, db.to_str().expect("utf-8")],
    ));
    assert!(again.contains("already a shared dun database"), "{again}");
    // Broken by hand: reported with the fix, not repaired behind one's back.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let err = refused(&dun(
        home.path(),
        &db,
        &["init", "--shared", &group, db.to_str().expect("utf-8")],
    ));
    assert!(
        err.contains(&format!("run: chmod 660 {}", db.display())),
        "{err}"
    );
    assert_eq!(mode_gid(&db).0, 0o600);
}

/// As root, another group than root's own: the files get it from the
/// setgid directory, not from whoever creates them.
#[test]
fn as_root_files_created_later_get_the_directory_s_group() {
    if id("-u") != "0" {
        eprintln!("skipped: needs root to give files to another group");
        return;
    }
    let own: u32 = id("-g").parse().expect("gid");
    let Some((group, gid)) = ["users", "daemon", "nogroup"].iter().find_map(|g| {
        let out = Command::new("getent").args(["group", g]).output().ok()?;
        let line = String::from_utf8_lossy(&out.stdout).into_owned();
        let gid: u32 = line.split(':').nth(2)?.parse().ok()?;
        (gid != own).then(|| (g.to_string(), gid))
    }) else {
        eprintln!("skipped: no group other than root's own");
        return;
    };
    let home = home();
    let team = home.path().join("team/team.db");
    ok(&dun(
        home.path(),
        &team,
        &["init", "--shared", &group, team.to_str().expect("utf-8")],
    ));
    assert_team_files(&team, gid);
    // A database dun creates in a shared directory is the group's, 0660.
    let other = home.path().join("team/other.db");
    ok(&dun(home.path(), &other, &["demo", "--scale", "20"]));
    assert_eq!(mode_gid(&other), (0o660, gid));
    // An export of the team's database is the team's, whatever the umask.
    let csv = home.path().join("team/aging.csv");
    ok(&dun(
        home.path(),
        &team,
        &["export", "aging", "-o", csv.to_str().expect("utf-8")],
    ));
    assert_eq!(mode_gid(&csv), (0o660, gid));
    // A backup there too.
    let copy = home.path().join("team/copy.db");
    ok(&dun(
        home.path(),
        &team,
        &["backup", copy.to_str().expect("utf-8")],
    ));
    assert_eq!(mode_gid(&copy), (0o660, gid));
}

#[test]
fn init_refuses_what_is_not_a_dun_database_and_leaves_it_untouched() {
    let home = home();
    let text = home.path().join("notes.db");
    std::fs::write(
        &text,
        "shopping list: milk, eggs, and a line longer than a header",
    )
    .expect("write");
    let other = home.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).expect("open");
    conn.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE orders(id INTEGER);")
        .expect("create");
    drop(conn);
    let empty = home.path().join("empty.db");
    std::fs::write(&empty, "").expect("write");
    let group = id("-gn");
    for path in [&text, &other, &empty] {
        let before = std::fs::read(path).expect("read");
        let p = path.to_str().expect("utf-8");
        for args in [vec!["init", p], vec!["init", "--shared", &group, p]] {
            let err = refused(&dun(home.path(), path, &args));
            assert!(err.starts_with(&format!("{}: ", path.display())), "{err}");
            assert!(err.contains("not a"), "{err}");
            assert_eq!(std::fs::read(path).expect("read"), before);
            assert!(!sibling(path, "-wal").exists() && !sibling(path, "-shm").exists());
        }
    }
    let db = home.path().join("x/team.db");
    let err = refused(&dun(
        home.path(),
        &db,
        &[
            "init",
            "--shared",
            "no-such-group-dun",
            db.to_str().expect("utf-8"),
        ],
    ));
    assert!(err.contains("unknown group \"no-such-group-dun\""), "{err}");
    assert!(!db.parent().expect("dir").exists());
}

#[test]
fn init_without_shared_is_private_whatever_the_umask() {
    let home = home();
    let db = home.path().join("mine.db");
    let out = run(
        &["sh", "-c", "umask 000 && exec \"$0\" \"$@\""],
        home.path(),
        &db,
        &["init"],
    );
    assert!(ok(&out).contains("new dun database, mode 0600"));
    assert_eq!(mode_gid(&db).0, 0o600);
    assert!(ok(&dun(home.path(), &db, &["init"])).contains("already a dun database"));
}

#[path = "shared_file/as_nobody.rs"]
mod as_nobody;
#[path = "shared_file/backup.rs"]
mod backup;
