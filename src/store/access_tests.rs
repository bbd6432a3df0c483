//! The access decision on made-up owners and modes: tests run as root, for
//! whom the kernel ignores the mode bits, so the decision is tested pure.

use super::*;

const ALICE: u32 = 1001;
const BOB: u32 = 1002;
const ROOT: u32 = 0;
const TEAM: u32 = 2000;
const ALICE_G: u32 = 1001;
const BOB_G: u32 = 1002;

fn group_name(gid: u32) -> &'static str {
    match gid {
        TEAM => "collections",
        ALICE_G => "alice",
        BOB_G => "bob",
        _ => "root",
    }
}

fn user_name(uid: u32) -> &'static str {
    match uid {
        ALICE => "alice",
        BOB => "bob",
        _ => "root",
    }
}

fn node(path: &str, uid: u32, gid: u32, mode: u32) -> Node {
    Node {
        path: PathBuf::from(path),
        uid,
        gid,
        mode,
        owner: user_name(uid).to_string(),
        group: group_name(gid).to_string(),
    }
}

fn bob_in_team() -> Who {
    Who {
        uid: BOB,
        gids: vec![BOB_G, TEAM],
        name: "bob".into(),
    }
}

fn bob_alone() -> Who {
    Who {
        uid: BOB,
        gids: vec![BOB_G],
        name: "bob".into(),
    }
}

/// A correct team set-up: setgid 2770 directory, 0660 files of the group.
fn team_files() -> Files {
    Files {
        db: node("/srv/dun/team.db", ALICE, TEAM, 0o660),
        wal: Some(node("/srv/dun/team.db-wal", ALICE, TEAM, 0o660)),
        shm: Some(node("/srv/dun/team.db-shm", ALICE, TEAM, 0o660)),
        dir: node("/srv/dun", ROOT, TEAM, 0o2770),
    }
}

#[test]
fn a_correct_team_setup_is_read_write_for_a_member() {
    assert_eq!(verdict(&team_files(), &bob_in_team()), Verdict::ReadWrite);
}

#[test]
fn a_wal_left_private_by_another_clerk_names_file_owner_group_mode_and_fix() {
    let mut files = team_files();
    files.wal = Some(node("/srv/dun/team.db-wal", ALICE, ALICE_G, 0o600));
    let Verdict::Denied(why) = verdict(&files, &bob_in_team()) else {
        panic!("a -wal bob cannot read must stop him");
    };
    assert_eq!(
        why,
        "/srv/dun/team.db-wal: owned by alice:alice mode 0600, you (bob) cannot read it — run: chmod 660 /srv/dun/team.db-wal && chgrp collections /srv/dun/team.db-wal (or ask alice)"
    );
}

#[test]
fn a_readable_but_not_writable_wal_leaves_reading_possible() {
    let mut files = team_files();
    files.wal = Some(node("/srv/dun/team.db-wal", ALICE, TEAM, 0o640));
    let Verdict::ReadOnly(why) = verdict(&files, &bob_in_team()) else {
        panic!("bob can read but not write");
    };
    assert_eq!(
        why,
        "/srv/dun/team.db-wal: owned by alice:collections mode 0640, you (bob) cannot write it — run: chmod 660 /srv/dun/team.db-wal (or ask alice)"
    );
}

#[test]
fn the_database_file_is_checked_before_its_wal() {
    let mut files = team_files();
    files.db = node("/srv/dun/team.db", ALICE, TEAM, 0o640);
    files.wal = Some(node("/srv/dun/team.db-wal", ALICE, TEAM, 0o640));
    let Verdict::ReadOnly(why) = verdict(&files, &bob_in_team()) else {
        panic!("read-only expected");
    };
    assert!(why.starts_with("/srv/dun/team.db: owned by"), "{why}");
}

#[test]
fn the_shm_is_checked_too() {
    let mut files = team_files();
    files.shm = Some(node("/srv/dun/team.db-shm", ALICE, ALICE_G, 0o644));
    let Verdict::ReadOnly(why) = verdict(&files, &bob_in_team()) else {
        panic!("read-only expected");
    };
    assert!(
        why.starts_with("/srv/dun/team.db-shm: owned by alice:alice mode 0644, you (bob) cannot write it — run: chmod 660 /srv/dun/team.db-shm && chgrp collections /srv/dun/team.db-shm"),
        "{why}"
    );
}

#[test]
fn a_directory_without_group_write_stops_writers() {
    let mut files = team_files();
    files.dir = node("/srv/dun", ROOT, TEAM, 0o2750);
    let Verdict::ReadOnly(why) = verdict(&files, &bob_in_team()) else {
        panic!("the -wal and -shm exist: reading works, writing does not");
    };
    assert_eq!(
        why,
        "/srv/dun: directory owned by root:collections mode 2750, you (bob) cannot create files in it (SQLite creates the database's -wal and -shm there) — run: chmod 2770 /srv/dun (or ask root)"
    );
}

#[test]
fn without_wal_and_shm_a_closed_directory_stops_readers_too() {
    let mut files = team_files();
    files.dir = node("/srv/dun", ROOT, TEAM, 0o2750);
    files.wal = None;
    files.shm = None;
    assert!(matches!(
        verdict(&files, &bob_in_team()),
        Verdict::Denied(why) if why.starts_with("/srv/dun: directory owned by root:collections mode 2750")
    ));
}

#[test]
fn a_clerk_outside_the_group_is_told_to_join_it() {
    let Verdict::Denied(why) = verdict(&team_files(), &bob_alone()) else {
        panic!("bob is not in the group");
    };
    assert_eq!(
        why,
        "/srv/dun/team.db: owned by alice:collections mode 0660, you (bob) cannot read it: you are not in group collections — ask an administrator to run: usermod -aG collections bob, then log in again"
    );
}

#[test]
fn a_private_database_of_another_clerk_is_not_shared() {
    let files = Files {
        db: node("/home/alice/dun.db", ALICE, ALICE_G, 0o600),
        wal: None,
        shm: None,
        dir: node("/home/alice", ALICE, ALICE_G, 0o755),
    };
    let Verdict::Denied(why) = verdict(&files, &bob_alone()) else {
        panic!("alice's private file");
    };
    assert!(
        why.contains("alice's private file, shared with no group"),
        "{why}"
    );
    assert!(why.contains("dun init --shared"), "{why}");
}

#[test]
fn an_owner_who_removed_their_own_write_bit_is_told_to_restore_it() {
    let files = Files {
        db: node("/home/bob/dun.db", BOB, BOB_G, 0o400),
        wal: None,
        shm: None,
        dir: node("/home/bob", BOB, BOB_G, 0o755),
    };
    let why = "/home/bob/dun.db: owned by bob:bob mode 0400, you (bob) cannot write it — run: chmod 600 /home/bob/dun.db";
    // No -wal or -shm to read through: reading would create them.
    assert_eq!(verdict(&files, &bob_alone()), Verdict::Denied(why.into()));
    let files = Files {
        wal: Some(node("/home/bob/dun.db-wal", BOB, BOB_G, 0o600)),
        shm: Some(node("/home/bob/dun.db-shm", BOB, BOB_G, 0o600)),
        ..files
    };
    assert_eq!(verdict(&files, &bob_alone()), Verdict::ReadOnly(why.into()));
}

#[test]
fn the_owner_class_wins_over_the_group_class() {
    // Owner bits r--, group bits rw-: the kernel uses the owner's only.
    let n = node("/x", BOB, TEAM, 0o460);
    assert!(!allows(&n, &bob_in_team(), WRITE));
    assert!(allows(&n, &bob_in_team(), READ));
    // Likewise a member gets the group's bits even when others have more.
    let n = node("/x", ALICE, TEAM, 0o606);
    assert!(!allows(&n, &bob_in_team(), READ));
    assert!(allows(&n, &bob_alone(), READ | WRITE));
}

#[test]
fn root_may_read_and_write_anything() {
    let root = Who {
        uid: ROOT,
        gids: vec![0],
        name: "root".into(),
    };
    let mut files = team_files();
    files.db.mode = 0;
    files.dir.mode = 0o500;
    assert_eq!(verdict(&files, &root), Verdict::ReadWrite);
}

#[test]
fn files_are_created_0660_only_in_a_setgid_group_writable_directory() {
    assert_eq!(new_file_mode(0o2770), 0o660);
    assert_eq!(new_file_mode(0o2775), 0o660);
    assert_eq!(
        new_file_mode(0o770),
        0o600,
        "no setgid: not a shared set-up"
    );
    assert_eq!(new_file_mode(0o2750), 0o600, "the group cannot write there");
    assert_eq!(new_file_mode(0o755), 0o600);
    assert_eq!(new_file_mode(0o1777), 0o600, "/tmp is not shared this way");
}

#[test]
fn paths_with_spaces_are_quoted_in_the_fix() {
    assert_eq!(
        shell_quote(Path::new("/srv/dun/team.db")),
        "/srv/dun/team.db"
    );
    assert_eq!(
        shell_quote(Path::new("/srv/my dun/a'b")),
        r"'/srv/my dun/a'\''b'"
    );
    let mut files = team_files();
    files.db = node("/srv/my dun/team.db", ALICE, ALICE_G, 0o640);
    let Verdict::Denied(why) = verdict(&files, &bob_in_team()) else {
        panic!("bob cannot read it");
    };
    assert!(
        why.ends_with("run: chmod 660 '/srv/my dun/team.db' && chgrp collections '/srv/my dun/team.db' (or ask alice)"),
        "{why}"
    );
}
