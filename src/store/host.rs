//! What the operating system says about files, users and groups: the facts
//! the pure decisions of `access` and `fs_kind` are made on.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Group, Uid, User};

use super::access::{Files, Node, Verdict, Who, verdict};
use crate::fault::io_reason;

/// The user dun runs as: effective user, effective and supplementary
/// groups; the name is looked up only when `named`.
fn who_named(named: bool) -> Who {
    let uid = nix::unistd::geteuid().as_raw();
    let mut gids = vec![nix::unistd::getegid().as_raw()];
    if let Ok(more) = nix::unistd::getgroups() {
        gids.extend(more.iter().map(|g| g.as_raw()));
    }
    let name = if named { user_name(uid) } else { String::new() };
    Who { uid, gids, name }
}

/// [`who_named`] with the name.
pub fn who() -> Who {
    who_named(true)
}

/// The login of `uid`, or the number when it has none.
pub fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(u)) => u.name,
        _ => uid.to_string(),
    }
}

/// The name of group `gid`, or the number when it has none.
pub fn group_name(gid: u32) -> String {
    match Group::from_gid(Gid::from_raw(gid)) {
        Ok(Some(g)) => g.name,
        _ => gid.to_string(),
    }
}

/// The id of the group called `name` (a number is taken as an id).
pub fn group_id(name: &str) -> Option<u32> {
    match Group::from_name(name) {
        Ok(Some(g)) => Some(g.gid.as_raw()),
        _ => name
            .parse::<u32>()
            .ok()
            .filter(|gid| Group::from_gid(Gid::from_raw(*gid)).is_ok_and(|g| g.is_some())),
    }
}

/// `path` as `stat` sees it, with its owner's and group's names;
/// `None` when it does not exist.
pub fn node(path: &Path) -> Result<Option<Node>, String> {
    node_named(path, true)
}

/// [`node`], the names looked up only when `named` (they may come from a
/// directory service, and are only needed to explain a refusal).
fn node_named(path: &Path, named: bool) -> Result<Option<Node>, String> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(Some(Node {
            path: path.to_path_buf(),
            uid: m.uid(),
            gid: m.gid(),
            mode: m.permissions().mode() & 0o7777,
            owner: if named {
                user_name(m.uid())
            } else {
                String::new()
            },
            group: if named {
                group_name(m.gid())
            } else {
                String::new()
            },
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {}", path.display(), io_reason(&e))),
    }
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with `suffix` appended to its file name (`team.db` → `team.db-wal`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// What the current user may do with the existing database at `path`.
pub fn access(path: &Path) -> Result<Verdict, String> {
    let first = access_named(path, false)?;
    if first == Verdict::ReadWrite {
        return Ok(first);
    }
    // Again with the names, for the message.
    access_named(path, true)
}

fn access_named(path: &Path, named: bool) -> Result<Verdict, String> {
    let missing = || format!("{}: no such file or directory", path.display());
    let files = Files {
        db: node_named(path, named)?.ok_or_else(missing)?,
        wal: node_named(&sibling(path, "-wal"), named)?,
        shm: node_named(&sibling(path, "-shm"), named)?,
        dir: node_named(&parent_dir(path), named)?.ok_or_else(missing)?,
    };
    Ok(verdict(&files, &who_named(named)))
}

/// Mode for a new file in `dir`: 0660 in a shared (setgid, group-writable)
/// directory, else 0600.
pub fn new_file_mode(dir: &Path) -> u32 {
    std::fs::metadata(dir).map_or(0o600, |m| {
        super::access::new_file_mode(m.permissions().mode())
    })
}
