//! The team's letters folder: one `DATE/` folder a day, file names that no
//! two client codes share, the database's group and modes whatever the
//! clerk's umask, and files created exclusively (never through a symlink),
//! written, synced, and given their final names only once journaled.
//!
//! # What a kill at any moment leaves
//!
//! A letter's files are first written as `NAME.part` (created exclusively,
//! which also claims `NAME`: nobody else writes a part of that name, so no
//! one can place a `NAME` meanwhile), synced, and the folder synced. Then
//! its journal entry is committed, naming every final file (`DATE/NAME`).
//! Then each part is linked to its final name (a link never replaces a
//! file) and unlinked, and the folder synced again. Every writer holds a
//! shared lock on the folder's `.dun-letters.lock` while it does so.
//!
//! [`super::recover::recover`], run by `dun letters` and by the workbench
//! before they send, takes that lock exclusively (so no writer is at
//! work: every part left is a dead process's) and finishes: a part whose
//! final name exists is removed (the kill came between link and unlink);
//! one whose name a journal entry holds is placed; any other is removed.
//! So after a kill and the next run, every entry names files that exist,
//! every letter file has its entry, and no part is left.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use nix::fcntl::{Flock, FlockArg, OFlag};

use crate::fault::io_reason;

/// The lock every writer holds, shared, while it writes and places files.
pub const LOCK: &str = ".dun-letters.lock";
/// The ending of a file not yet given its name.
pub const PART: &str = ".part";

/// A letters folder and the modes its files get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folder {
    pub root: PathBuf,
    /// The group of the database's directory, when a group shares it.
    shared: Option<u32>,
}

/// An I/O failure, naming its file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct FolderError {
    pub path: PathBuf,
    pub reason: String,
}

pub(crate) fn fail(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |e| FolderError {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    }
}

impl Folder {
    /// The folder `root`, with the modes of the database at `db`: shared
    /// with its directory's group when that directory is setgid and
    /// group-writable, private otherwise.
    pub fn beside(db: &Path, root: &Path) -> Folder {
        let dir = crate::store::host::parent_dir(db);
        let shared = std::fs::metadata(&dir).ok().and_then(|m| {
            (crate::store::access::new_file_mode(m.mode()) == 0o660).then_some(m.gid())
        });
        Folder {
            root: root.to_path_buf(),
            shared,
        }
    }

    pub fn file_mode(&self) -> u32 {
        if self.shared.is_some() { 0o660 } else { 0o600 }
    }

    pub fn dir_mode(&self) -> u32 {
        if self.shared.is_some() { 0o2770 } else { 0o700 }
    }

    /// The day's folder, made (with the root) when missing.
    pub fn day(&self, day: NaiveDate) -> Result<PathBuf, FolderError> {
        self.make_dir(&self.root)?;
        let dir = self.root.join(day.to_string());
        self.make_dir(&dir)?;
        Ok(dir)
    }

    /// Makes `dir` with the folder's mode and group, or checks that the one
    /// there is a directory and no symlink.
    fn make_dir(&self, dir: &Path) -> Result<(), FolderError> {
        match DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {
                let d = open_dir(dir)?;
                self.own(&d, dir, self.dir_mode())?;
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => open_dir(dir).map(drop),
            Err(e) => Err(fail(dir)(e)),
        }
    }

    /// Gives `file` the folder's group and exactly `mode`.
    fn own(&self, file: &File, path: &Path, mode: u32) -> Result<(), FolderError> {
        if let Some(gid) = self.shared
            && file.metadata().map_err(fail(path))?.gid() != gid
        {
            std::os::unix::fs::fchown(file, None, Some(gid)).map_err(fail(path))?;
        }
        file.set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(fail(path))
    }

    /// The folder's lock, shared for a writer, exclusive for recovery;
    /// `None` when `wait` is false and someone else holds it.
    pub fn lock(&self, exclusive: bool, wait: bool) -> Result<Option<Flock<File>>, FolderError> {
        self.make_dir(&self.root)?;
        let path = self.root.join(LOCK);
        // Read-only is enough to lock: a clerk needs no write access to it.
        let opened = OpenOptions::new()
            .read(true)
            .custom_flags(OFlag::O_NOFOLLOW.bits())
            .open(&path);
        let file = match opened {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let f = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .mode(self.file_mode())
                    .custom_flags(OFlag::O_NOFOLLOW.bits())
                    .open(&path)
                    .map_err(fail(&path))?;
                if f.metadata().map_err(fail(&path))?.uid() == nix::unistd::geteuid().as_raw() {
                    self.own(&f, &path, self.file_mode())?;
                }
                f
            }
            Err(e) => return Err(fail(&path)(e)),
        };
        let arg = match (exclusive, wait) {
            (true, true) => FlockArg::LockExclusive,
            (true, false) => FlockArg::LockExclusiveNonblock,
            (false, true) => FlockArg::LockShared,
            (false, false) => FlockArg::LockSharedNonblock,
        };
        match Flock::lock(file, arg) {
            Ok(l) => Ok(Some(l)),
            Err((_, nix::errno::Errno::EWOULDBLOCK)) if !wait => Ok(None),
            Err((_, e)) => Err(fail(&path)(std::io::Error::from(e))),
        }
    }

    /// Claims the first free name `STEM[-N].EXT` for every one of `exts`,
    /// the same `N` for all, by creating each `NAME.part` exclusively. An
    /// ext written `-WORD.EXT` names a part beside the letter,
    /// `STEM[-N]-WORD.EXT` (its enclosed statement).
    pub fn claim(&self, dir: &Path, stem: &str, exts: &[&str]) -> Result<Claim, FolderError> {
        for n in 1..10_000u32 {
            let base = if n == 1 {
                stem.to_string()
            } else {
                format!("{stem}-{n}")
            };
            let mut claim = Claim {
                dir: dir.to_path_buf(),
                finals: Vec::new(),
                parts: Vec::new(),
                files: Vec::new(),
            };
            let mut taken = false;
            for ext in exts {
                let name = match ext.strip_prefix('-') {
                    Some(beside) => format!("{base}-{beside}"),
                    None => format!("{base}.{ext}"),
                };
                let part = dir.join(format!("{name}{PART}"));
                match create_new(&part, self.file_mode()) {
                    Ok(f) => {
                        claim.parts.push(part);
                        claim.files.push(f);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        taken = true;
                        break;
                    }
                    Err(e) => {
                        claim.abandon();
                        return Err(fail(&part)(e));
                    }
                }
                let last = claim.files.len() - 1;
                if let Err(e) = self.own(&claim.files[last], &claim.parts[last], self.file_mode()) {
                    claim.abandon();
                    return Err(e);
                }
                let final_path = dir.join(&name);
                claim.finals.push(final_path.clone());
                // Held parts are the only way to a name: one placed earlier
                // stays, and this number is taken.
                if std::fs::symlink_metadata(&final_path).is_ok() {
                    taken = true;
                    break;
                }
            }
            if !taken {
                return Ok(claim);
            }
            claim.abandon();
        }
        Err(FolderError {
            path: dir.join(stem),
            reason: "no free name left for this letter today".into(),
        })
    }
}

/// Opens a directory, refusing a symlink.
fn open_dir(dir: &Path) -> Result<File, FolderError> {
    OpenOptions::new()
        .read(true)
        .custom_flags((OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW).bits())
        .open(dir)
        .map_err(|e| match e.raw_os_error() {
            Some(code) if code == nix::libc::ELOOP || code == nix::libc::ENOTDIR => FolderError {
                path: dir.to_path_buf(),
                reason: "not a directory (a symlink or a file): refused".into(),
            },
            _ => fail(dir)(e),
        })
}

/// A new file, created exclusively, never through a symlink.
fn create_new(path: &Path, mode: u32) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(OFlag::O_NOFOLLOW.bits())
        .open(path)
}

/// Syncs the directory `dir` (what was created, linked or removed in it).
pub fn sync_dir(dir: &Path) -> Result<(), FolderError> {
    open_dir(dir)?.sync_all().map_err(fail(dir))
}

/// Gives the part `part` its final name `name` without ever replacing a
/// file, and removes the part.
pub fn place(part: &Path, name: &Path) -> Result<(), FolderError> {
    match std::fs::hard_link(part, name) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(FolderError {
                path: name.to_path_buf(),
                reason: format!("already exists; the letter is in {}", part.display()),
            });
        }
        Err(e) => return Err(fail(name)(e)),
    }
    std::fs::remove_file(part).map_err(fail(part))
}

/// Names claimed in a day's folder: the parts, open, and their final names.
#[derive(Debug)]
pub struct Claim {
    dir: PathBuf,
    finals: Vec<PathBuf>,
    parts: Vec<PathBuf>,
    files: Vec<File>,
}

impl Claim {
    /// Writes each content into its part, syncs them and the folder.
    pub fn write(&mut self, contents: &[&[u8]]) -> Result<(), FolderError> {
        for ((file, part), content) in self.files.iter_mut().zip(&self.parts).zip(contents) {
            file.write_all(content).map_err(fail(part))?;
            file.sync_all().map_err(fail(part))?;
        }
        sync_dir(&self.dir)
    }

    /// The unfinished file that will be named `*.EXT`, written and synced
    /// once [`Claim::write`] returned (what is printed before the letter
    /// is recorded).
    pub fn part(&self, ext: &str) -> Option<&Path> {
        self.finals
            .iter()
            .zip(&self.parts)
            .find(|(f, _)| f.extension().is_some_and(|e| e == ext))
            .map(|(_, p)| p.as_path())
    }

    /// The final names, as the journal holds them: `DATE/NAME`.
    pub fn names(&self) -> Vec<String> {
        let day = self
            .dir
            .file_name()
            .map(|d| d.to_string_lossy().into_owned());
        self.finals
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| format!("{}/{}", day.as_deref().unwrap_or(""), n.to_string_lossy()))
            .collect()
    }

    /// Gives every part its name; returns the files.
    pub fn place(self) -> Result<Vec<PathBuf>, FolderError> {
        for (part, name) in self.parts.iter().zip(&self.finals) {
            place(part, name)?;
        }
        sync_dir(&self.dir)?;
        Ok(self.finals.clone())
    }

    /// Removes the parts: nothing of the letter is left.
    pub fn abandon(self) {
        for part in &self.parts {
            let _ = std::fs::remove_file(part);
        }
        let _ = sync_dir(&self.dir);
    }
}

/// `code` as a file name: every byte outside `A-Z a-z 0-9 -` as `%XX`, so
/// that no two codes share a name and the name gives the code back.
pub fn encode(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The code [`encode`] made `name` of.
pub fn decode(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
