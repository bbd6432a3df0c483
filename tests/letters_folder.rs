//! The letters folder under attack: client codes that would share a file
//! name, symlinks planted where a letter goes, clerks' odd umasks.

#[path = "common/folder.rs"]
mod folder;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::NaiveDate;
use dun::letters::folder::{Folder, decode, encode};
use folder::{TODAY, check_folder, demo, dun, ok};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn no_two_codes_share_a_name_and_the_name_gives_the_code_back() {
    let codes = [
        "a/b",
        "a b",
        "a_b",
        "..",
        ".",
        "",
        "a%2Fb",
        "a-b",
        "Ødegård",
        "a\u{0}b",
        "A/B",
    ];
    let names: Vec<String> = codes.iter().map(|c| encode(c)).collect();
    for (code, name) in codes.iter().zip(&names) {
        assert_eq!(decode(name).as_deref(), Some(*code));
        assert!(!name.contains('/') && name != "." && name != "..", "{name}");
        assert!(name.bytes().all(|b| b.is_ascii_graphic()), "{name}");
    }
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
}

#[test]
fn every_code_gets_its_own_files_and_a_second_letter_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let folder = Folder::beside(&dir.path().join("team.db"), &dir.path().join("letters"));
    let today = folder.day(day()).unwrap();
    let mut placed = Vec::new();
    for code in ["a/b", "a b", "a_b", "..", "a/b"] {
        let stem = format!("{}-reminder1", encode(code));
        let mut claim = folder.claim(&today, &stem, &["txt", "eml"]).unwrap();
        claim.write(&[code.as_bytes(), b"mail"]).unwrap();
        placed.extend(claim.place().unwrap());
    }
    let mut names: Vec<String> = std::fs::read_dir(&today)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10, "{names:?}");
    assert!(
        names.contains(&"a%2Fb-reminder1-2.txt".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"%2E%2E-reminder1.txt".to_string()),
        "{names:?}"
    );
    assert_eq!(
        std::fs::read_to_string(today.join("a%5Fb-reminder1.txt")).unwrap(),
        "a_b"
    );
    // Nothing outside the day's folder.
    let root: Vec<_> = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(root.len(), 1, "{root:?}");
}

#[test]
fn a_planted_symlink_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let folder = Folder::beside(&dir.path().join("team.db"), &dir.path().join("letters"));
    let today = folder.day(day()).unwrap();
    // At the temporary name and at the final name: another name is taken.
    std::os::unix::fs::symlink(&victim, today.join("x-reminder1.txt.part")).unwrap();
    std::os::unix::fs::symlink(&victim, today.join("x-reminder1-2.txt")).unwrap();
    let mut claim = folder.claim(&today, "x-reminder1", &["txt"]).unwrap();
    claim.write(&[b"letter"]).unwrap();
    let files = claim.place().unwrap();
    assert_eq!(files, [today.join("x-reminder1-3.txt")]);
    // Planted between the writing and the naming: refused, not followed.
    let mut claim = folder.claim(&today, "y-reminder1", &["txt"]).unwrap();
    claim.write(&[b"letter"]).unwrap();
    std::os::unix::fs::symlink(&victim, today.join("y-reminder1.txt")).unwrap();
    let e = claim.place().unwrap_err().to_string();
    assert!(e.contains("already exists"), "{e}");
    // A day's folder that is a symlink.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("letters/2026-12-01")).unwrap();
    let e = folder
        .day(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .unwrap_err();
    assert!(e.to_string().contains("symlink"), "{e}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// `dun letters` under `umask`, with the database's directory `shared`
/// or not: the modes of what it writes.
fn modes_under(umask: &str, shared: bool) -> (u32, u32, u32) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("team");
    std::fs::create_dir(&home).unwrap();
    let dir_mode = if shared { 0o2770 } else { 0o755 };
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(dir_mode)).unwrap();
    let db = demo(&home, "30");
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_dun"))
        .args(dun(&db, &["letters", "--as-of", TODAY]).get_args());
    ok(sh.output().unwrap());
    let root = home.join("letters");
    assert!(check_folder(&db, &root) > 0);
    let today = root.join(TODAY);
    let file = std::fs::read_dir(&today)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    (mode(&root), mode(&today), mode(&file))
}

#[test]
fn modes_follow_the_database_whatever_the_umask() {
    for umask in ["0077", "0000"] {
        assert_eq!(modes_under(umask, false), (0o700, 0o700, 0o600), "{umask}");
        assert_eq!(modes_under(umask, true), (0o2770, 0o2770, 0o660), "{umask}");
    }
}
