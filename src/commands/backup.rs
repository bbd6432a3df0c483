//! `dun backup FILE`: a consistent copy of the live database while the
//! clerks keep working, written under a temporary name, checked, then put in
//! place; an existing FILE is replaced only with `--force`, and never with
//! the copy of a database that holds nothing (a new one, made by mistake).

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};

use crate::fault::io_reason;
use crate::store::{Store, host};

pub fn run(store: &Store, dest: &Path, force: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let name = dest
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a file name", dest.display()))?;
    // Only a file is replaced: a link (`/dev/stdout`) would be replaced
    // itself, and a device (`/dev/null`) too.
    if let Ok(meta) = std::fs::symlink_metadata(dest) {
        if meta.file_type().is_symlink() {
            bail!(
                "{}: a link; give the path of the file itself",
                dest.display()
            );
        }
        if !meta.is_file() {
            bail!("{}: not a file; a backup is a file", dest.display());
        }
    }
    if dest.exists() && !force {
        bail!(
            "{}: already exists; give --force to replace it",
            dest.display()
        );
    }
    if dest.exists() && holds_nothing(store)? {
        bail!(
            "{}: holds no invoices and no journal: not replacing {} with it",
            store.path().display(),
            dest.display()
        );
    }
    let dir = host::parent_dir(dest);
    let real_dir =
        std::fs::canonicalize(&dir).map_err(|e| anyhow!("{}: {}", dir.display(), io_reason(&e)))?;
    if let Ok(db) = std::fs::canonicalize(store.path()) {
        let target = real_dir.join(name);
        let taken = ["", "-wal", "-shm", "-journal"]
            .iter()
            .any(|s| host::sibling(&db, s) == target);
        if taken {
            bail!(
                "{}: that is the database itself, or one of its files",
                dest.display()
            );
        }
    }
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".dun-backup-{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    create_new(&tmp, host::new_file_mode(&dir)).map_err(|reason| {
        anyhow!(
            "{}: cannot write a file in {}: {reason}",
            dest.display(),
            dir.display()
        )
    })?;
    let result = copy_and_place(store, &tmp, dest, force);
    for suffix in ["", "-journal", "-wal", "-shm"] {
        // Gone already once the copy is in place.
        let _ = std::fs::remove_file(host::sibling(&tmp, suffix));
    }
    let pages = result?;
    writeln!(out, "{}: {pages} pages, integrity ok", dest.display())?;
    Ok(())
}

/// Whether the database has neither invoices nor journal entries.
fn holds_nothing(store: &Store) -> anyhow::Result<bool> {
    let conn = store.conn();
    Ok(crate::store::invoices::count(conn)? == 0 && crate::store::activities::count(conn)? == 0)
}

/// Copies into `tmp`, makes it durable, and moves it to `dest`.
fn copy_and_place(store: &Store, tmp: &Path, dest: &Path, force: bool) -> anyhow::Result<i64> {
    // SQLite's errors say what, not where: the copy is.
    let copied = store.backup_into(tmp).map_err(|e| match e {
        crate::store::StoreError::Sqlite(e) => anyhow!("{}: {e}", dest.display()),
        other => other.into(),
    })?;
    let io = |p: &Path, e: std::io::Error| anyhow!("{}: {}", p.display(), io_reason(&e));
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(tmp, e))?;
    if force {
        std::fs::rename(tmp, dest).map_err(|e| io(dest, e))?;
    } else {
        // A link never replaces an existing file: a FILE that appeared
        // meanwhile is kept.
        match std::fs::hard_link(tmp, dest) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!(
                    "{}: already exists; give --force to replace it",
                    dest.display()
                )
            }
            // File systems without hard links (a USB stick).
            Err(_) if !dest.exists() => std::fs::rename(tmp, dest).map_err(|e| io(dest, e))?,
            Err(e) => return Err(io(dest, e)),
        }
    }
    // The rename itself, durable.
    let _ = std::fs::File::open(host::parent_dir(dest)).and_then(|d| d.sync_all());
    Ok(copied.pages)
}

/// A new empty file of exactly `mode` (`O_EXCL`: nothing already there, a
/// link least of all, is opened), or why not.
fn create_new(path: &PathBuf, mode: u32) -> Result<(), String> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(nix::fcntl::OFlag::O_NOFOLLOW.bits())
        .open(path)
        .map_err(|e| io_reason(&e))?;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
        .map_err(|e| io_reason(&e))
}
