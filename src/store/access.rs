//! Whether the current user may read and write the database, its `-wal` and
//! `-shm` files and its directory, decided from owners and mode bits alone
//! (pure: the facts are gathered by `store::host`), and the one line that
//! says what to fix when not.

use std::path::{Path, PathBuf};

/// One file or directory as `stat` sees it, with its owner's and group's names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub path: PathBuf,
    pub uid: u32,
    pub gid: u32,
    /// Permission bits, setgid included (`st_mode & 0o7777`).
    pub mode: u32,
    pub owner: String,
    pub group: String,
}

/// The user dun runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    pub uid: u32,
    /// The effective group and the supplementary groups.
    pub gids: Vec<u32>,
    pub name: String,
}

impl Who {
    pub fn is_root(&self) -> bool {
        self.uid == 0
    }

    pub fn in_group(&self, gid: u32) -> bool {
        self.gids.contains(&gid)
    }
}

/// An existing database and what lies beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Files {
    pub db: Node,
    pub wal: Option<Node>,
    pub shm: Option<Node>,
    pub dir: Node,
}

/// What the user may do with the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Read and write.
    ReadWrite,
    /// Read only (the `-wal` and `-shm` exist and can be read); the reason
    /// writing is not possible, with its fix.
    ReadOnly(String),
    /// Not even reading; what to fix.
    Denied(String),
}

const READ: u32 = 4;
const WRITE: u32 = 2;
const SEARCH: u32 = 1;

/// Mode of the files dun creates in a directory of mode `dir_mode`: 0660 in
/// a shared one (setgid and group-writable: new files get its group), else
/// 0600.
pub fn new_file_mode(dir_mode: u32) -> u32 {
    if dir_mode & 0o2000 != 0 && dir_mode & 0o020 != 0 {
        0o660
    } else {
        0o600
    }
}

/// Whether `who` has all the `bits` (a mask of 4 read, 2 write, 1 search) on
/// `node`, the way the kernel decides: the owner's bits for the owner, the
/// group's for a member, the others' for the rest; root has read and write
/// everywhere (and search on directories).
pub fn allows(node: &Node, who: &Who, bits: u32) -> bool {
    if who.is_root() {
        return true;
    }
    let class = if node.uid == who.uid {
        (node.mode >> 6) & 7
    } else if who.in_group(node.gid) {
        (node.mode >> 3) & 7
    } else {
        node.mode & 7
    };
    class & bits == bits
}

/// Decides what `who` may do with the database described by `files`.
pub fn verdict(files: &Files, who: &Who) -> Verdict {
    let team = team_group(files);
    let sides = [Some(&files.db), files.wal.as_ref(), files.shm.as_ref()];
    for node in sides.iter().flatten() {
        if !allows(node, who, READ) {
            return Verdict::Denied(refusal(node, who, team.as_ref(), "read"));
        }
    }
    let mut problem = None;
    for node in sides.iter().flatten() {
        if !allows(node, who, WRITE) {
            problem = Some(refusal(node, who, team.as_ref(), "write"));
            break;
        }
    }
    if problem.is_none() && !allows(&files.dir, who, WRITE | SEARCH) {
        problem = Some(dir_refusal(&files.dir, who, team.as_ref()));
    }
    match problem {
        None => Verdict::ReadWrite,
        // SQLite reads a WAL database only when it finds both files beside
        // it, or creates them: a reader never creates files (they would be
        // theirs, with modes the writers may not share).
        Some(why) if files.wal.is_some() && files.shm.is_some() => Verdict::ReadOnly(why),
        Some(why) => Verdict::Denied(why),
    }
}

/// The group the database is shared with: the group of its setgid
/// directory, else the group of a group-writable database file.
fn team_group(files: &Files) -> Option<(u32, String)> {
    if files.dir.mode & 0o2000 != 0 {
        Some((files.dir.gid, files.dir.group.clone()))
    } else if files.db.mode & 0o020 != 0 {
        Some((files.db.gid, files.db.group.clone()))
    } else {
        None
    }
}

/// `PATH: owned by alice:alice mode 0600, you (bob) cannot write it — run: …`
fn refusal(node: &Node, who: &Who, team: Option<&(u32, String)>, verb: &str) -> String {
    let p = shell_quote(&node.path);
    let head = format!(
        "{p}: owned by {}:{} mode {:04o}, you ({}) cannot {verb} it",
        node.owner, node.group, node.mode, who.name
    );
    let Some((gid, group)) = team else {
        if node.uid == who.uid {
            return format!("{head} — run: chmod 600 {p}");
        }
        return format!(
            "{head}: it is {}'s private file, shared with no group — ask {} to share it (see `dun init --shared` in the README)",
            node.owner, node.owner
        );
    };
    if node.uid != who.uid && !who.in_group(*gid) {
        return not_member(&head, who, group);
    }
    let mut fixes = Vec::new();
    if node.mode & 0o7777 != 0o660 {
        fixes.push(format!("chmod 660 {p}"));
    }
    if node.gid != *gid {
        fixes.push(format!("chgrp {group} {p}"));
    }
    with_fixes(&head, &fixes, node, who)
}

/// The directory refuses new files (SQLite creates the `-wal` and `-shm`
/// there).
fn dir_refusal(dir: &Node, who: &Who, team: Option<&(u32, String)>) -> String {
    let p = shell_quote(&dir.path);
    let head = format!(
        "{p}: directory owned by {}:{} mode {:04o}, you ({}) cannot create files in it (SQLite creates the database's -wal and -shm there)",
        dir.owner, dir.group, dir.mode, who.name
    );
    let Some((gid, group)) = team else {
        if dir.uid == who.uid {
            return format!("{head} — run: chmod 700 {p}");
        }
        return format!(
            "{head}: it is shared with no group — ask {} to share it (see `dun init --shared` in the README)",
            dir.owner
        );
    };
    if dir.uid != who.uid && !who.in_group(*gid) {
        return not_member(&head, who, group);
    }
    let mut fixes = Vec::new();
    if dir.mode & 0o7777 != 0o2770 {
        fixes.push(format!("chmod 2770 {p}"));
    }
    if dir.gid != *gid {
        fixes.push(format!("chgrp {group} {p}"));
    }
    with_fixes(&head, &fixes, dir, who)
}

/// `HEAD — run: FIX && FIX (or ask OWNER)`; the owner is asked only when
/// someone else has the problem.
fn with_fixes(head: &str, fixes: &[String], node: &Node, who: &Who) -> String {
    match (fixes.is_empty(), node.uid == who.uid) {
        (true, _) => format!("{head} — ask {}", node.owner),
        (false, true) => format!("{head} — run: {}", fixes.join(" && ")),
        (false, false) => format!(
            "{head} — run: {} (or ask {})",
            fixes.join(" && "),
            node.owner
        ),
    }
}

fn not_member(head: &str, who: &Who, group: &str) -> String {
    format!(
        "{head}: you are not in group {group} — ask an administrator to run: usermod -aG {group} {}, then log in again",
        who.name
    )
}

/// The path as a shell word: as it is when plain, else in single quotes.
pub fn shell_quote(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
