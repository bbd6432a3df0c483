//! Writing a file that may replace a good one (`dun export -o`, `dun
//! settings export -o`): into a temporary file of its own in the same
//! directory, created exclusively (never through a link someone put there),
//! synced, then renamed over the old one. A full disk, a kill or a power cut
//! leaves the old file or the new one, never a truncated one. A device or a
//! pipe (`/dev/stdout`) is written in place.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::fault::io_reason;
use crate::store::host;

/// How many temporary names are tried before giving up.
const NAMES: u32 = 100;

/// Writes `path` with what `write` puts out, through a temporary file, with
/// exactly `mode` whatever the umask. Every I/O failure names `path` (an
/// error of `write` that is not one is returned as it is); the temporary
/// file is gone afterwards, written or not.
pub fn replace(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let fail = |reason: String| anyhow!("{}: {reason}", path.display());
    if is_special(path) {
        return write_through(path, write).map_err(|e| match e {
            Failure::Io(e) => fail(io_reason(&e)),
            Failure::Other(e) => named(e, &fail),
        });
    }
    // A link (`/dev/stdout` to a file too) is followed to the file it
    // names: that file is replaced, the link is left as it is.
    let real;
    let path = if is_link(path) {
        real = std::fs::canonicalize(path).map_err(|e| fail(io_reason(&e)))?;
        real.as_path()
    } else {
        path
    };
    let name = path
        .file_name()
        .ok_or_else(|| fail("not a file name".into()))?;
    let dir = host::parent_dir(path);
    let (tmp, file) = create_temporary(&dir, name, mode).map_err(fail)?;
    let written =
        fill(file, mode, write).and_then(|()| std::fs::rename(&tmp, path).map_err(Failure::Io));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(match e {
            Failure::Io(e) => fail(io_reason(&e)),
            Failure::Other(e) => named(e, &fail),
        });
    }
    // The rename itself, durable.
    let _ = File::open(&dir).and_then(|d| d.sync_all());
    Ok(())
}

/// `e` named after the file when it is an I/O error, else as it is.
fn named(e: anyhow::Error, fail: &dyn Fn(String) -> anyhow::Error) -> anyhow::Error {
    match e.chain().find_map(|c| c.downcast_ref::<std::io::Error>()) {
        Some(io) => fail(io_reason(io)),
        None => e,
    }
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether `path` is there and neither a regular file nor a directory: a
/// device (`/dev/null`), a pipe or terminal (`/dev/stdout`), written in
/// place since it cannot be replaced.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes straight into the device or pipe at `path`.
fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> Result<(), Failure> {
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(Failure::Io)?;
    let mut out = BufWriter::new(file);
    write(&mut out).map_err(Failure::Other)?;
    out.flush().map_err(Failure::Io)
}

enum Failure {
    Io(std::io::Error),
    Other(anyhow::Error),
}

/// Sets the mode, writes, flushes and syncs.
fn fill(
    file: File,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> Result<(), Failure> {
    file.set_permissions(std::fs::Permissions::from_mode(mode))
        .map_err(Failure::Io)?;
    let mut out = BufWriter::new(file);
    write(&mut out).map_err(Failure::Other)?;
    let file = out.into_inner().map_err(|e| Failure::Io(e.into_error()))?;
    file.sync_all().map_err(Failure::Io)
}

/// A new file `.NAME.dun-tmp` (or `.NAME.dun-tmp-PID-N` when that name is
/// taken) in `dir`: `O_EXCL` and `O_NOFOLLOW`, so that nothing already
/// there, a link least of all, is opened.
fn create_temporary(
    dir: &Path,
    name: &std::ffi::OsStr,
    mode: u32,
) -> Result<(PathBuf, File), String> {
    let nofollow = nix::fcntl::OFlag::O_NOFOLLOW.bits() | nix::fcntl::OFlag::O_CLOEXEC.bits();
    for n in 0..NAMES {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        if n == 0 {
            tmp_name.push(".dun-tmp");
        } else {
            tmp_name.push(format!(".dun-tmp-{}-{n}", std::process::id()));
        }
        let tmp = dir.join(tmp_name);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(nofollow)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(format!(
                    "cannot write a file in {}: {}",
                    dir.display(),
                    io_reason(&e)
                ));
            }
        }
    }
    Err(format!(
        "cannot write a file in {}: {NAMES} temporary names taken",
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "good").unwrap();
        let err = replace(&path, 0o600, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull).into())
        })
        .unwrap_err();
        let named = format!("{}: the disk is full", path.display());
        assert_eq!(format!("{err:#}"), named);
        assert_eq!(std::fs::read(&path).unwrap(), b"good");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_device_is_written_in_place_never_replaced() {
        let null = Path::new("/dev/null");
        if !is_special(null) {
            return;
        }
        replace(null, 0o600, |w| Ok(w.write_all(b"gone")?)).unwrap();
        assert!(is_special(null), "/dev/null is still the device");
    }

    #[test]
    fn the_new_file_has_the_mode_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        replace(&path, 0o660, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o660);
    }
}
