//! `dun export … -o FILE` with the real binary: FILE is replaced whole
//! through a temporary file of its own (never through a link planted at its
//! name), with the database's mode whatever the umask; a failure names FILE
//! and leaves the old one as it was, and no temporary file behind.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const DUN: &str = env!("CARGO_BIN_EXE_dun");

/// `prefix… dun args…` on the database `db`, with the umask `umask`.
fn run(prefix: &[&str], umask: &str, db: &Path, args: &[&str]) -> Output {
    let home = db.parent().unwrap();
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$@\""))
        .arg("sh")
        .args(prefix)
        .arg(DUN)
        .args(args)
        .env("DUN_DB", db)
        .env("DUN_TODAY", "2026-11-22")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap()
}

fn dun(db: &Path, args: &[&str]) -> Output {
    run(&[], "022", db, args)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failed(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// A demo database in a temporary directory.
fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dun.db");
    ok(&dun(&db, &["demo", "--scale", "200"]));
    (dir, db)
}

#[test]
fn an_existing_file_is_replaced_whole_and_a_planted_link_is_not_followed() {
    let (dir, db) = demo();
    let out = dir.path().join("aging.csv");
    std::fs::write(&out, "last week's aging\n").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Someone plants a link at the temporary name, to a file of theirs.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "not to be written\n").unwrap();
    let planted = dir.path().join(".aging.csv.dun-tmp");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let before = names(dir.path());

    let o = out.to_str().unwrap();
    assert_eq!(ok(&run(&[], "000", &db, &["export", "aging", "-o", o])), "");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.trim_start_matches('\u{feff}').starts_with("client,"),
        "{csv}"
    );
    assert_eq!(csv, ok(&dun(&db, &["export", "aging"])));
    assert_eq!(
        mode(&out),
        0o600,
        "private, as the database, whatever the umask"
    );
    assert_eq!(std::fs::read(&victim).unwrap(), b"not to be written\n");
    assert!(planted.is_symlink(), "the planted link is left as it was");
    assert_eq!(names(dir.path()), before, "no temporary file left");

    // The settings too.
    let toml = dir.path().join("settings.toml");
    std::fs::write(&toml, "old").unwrap();
    let t = toml.to_str().unwrap();
    ok(&dun(&db, &["settings", "export", "-o", t]));
    assert!(
        std::fs::read_to_string(&toml)
            .unwrap()
            .contains("[company]")
    );
    assert_eq!(mode(&toml), 0o600);
}

#[test]
fn a_write_that_fails_names_the_file_and_keeps_the_old_one() {
    let (dir, db) = demo();
    let out = dir.path().join("journal.json");
    std::fs::write(&out, "yesterday's journal\n").unwrap();
    let before = names(dir.path());
    let o = out.to_str().unwrap();
    // A file size limit of 64 KiB (SQLite's shared memory file fits): the
    // journal of the demo is larger.
    let limited = run(
        &["sh", "-c", "ulimit -f 64 && exec \"$@\"", "sh"],
        "022",
        &db,
        &["export", "journal", "--format", "json", "-o", o],
    );
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(limited.status.signal(), None, "{limited:?}");
    let err = failed(&limited);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("{o}: ")), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"yesterday's journal\n");
    assert_eq!(names(dir.path()), before, "no temporary file left");

    // A directory that is not there.
    let nowhere = dir.path().join("nowhere").join("aging.csv");
    let n = nowhere.to_str().unwrap();
    let err = failed(&dun(&db, &["export", "aging", "-o", n]));
    assert!(err.starts_with(&format!("{n}: ")), "{err}");
    assert!(err.contains("no such file or directory"), "{err}");
}

#[test]
fn a_read_only_directory_is_an_error_naming_the_file() {
    let (dir, db) = demo();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let out = ro.join("aging.csv");
    std::fs::write(&out, "kept\n").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores the mode bits: run as nobody then, who may use the database.
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let prefix: &[&str] = if root {
        &[
            "setpriv",
            "--reuid=nobody",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    if root {
        for p in [dir.path(), &db] {
            let m = if p.is_dir() { 0o777 } else { 0o666 };
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
        }
        let works = Command::new("setpriv")
            .args(&prefix[1..])
            .args([DUN, "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !works {
            eprintln!("skipped: setpriv cannot run dun as nobody here");
            return;
        }
    }
    let o = out.to_str().unwrap();
    let err = failed(&run(prefix, "022", &db, &["export", "aging", "-o", o]));
    let line = err.lines().last().unwrap();
    assert!(line.starts_with(&format!("{o}: ")), "{err}");
    assert!(line.contains("permission denied"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"kept\n");
    assert_eq!(names(&ro), ["aging.csv"]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_link_is_followed_and_a_pipe_or_device_is_written_in_place() {
    let (dir, db) = demo();
    let expected = ok(&dun(&db, &["export", "aging"]));
    // A link to a file: the file is replaced, the link kept.
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    ok(&dun(
        &db,
        &["export", "aging", "-o", link.to_str().unwrap()],
    ));
    assert!(link.is_symlink());
    assert_eq!(std::fs::read_to_string(&real).unwrap(), expected);
    // Standard output, a pipe here, and a device.
    assert_eq!(
        ok(&dun(&db, &["export", "aging", "-o", "/dev/stdout"])),
        expected
    );
    assert!(Path::new("/dev/stdout").is_symlink());
    ok(&dun(&db, &["export", "aging", "-o", "/dev/null"]));
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(!null.is_file(), "/dev/null is still the device");
}
