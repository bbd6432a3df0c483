//! Reading a small text file that someone else may have put there: only a
//! regular file, of bounded size, never blocking on a FIFO or a device.

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The text of the regular file at `path`, at most `cap` bytes long; the
/// reason it will not do otherwise (a FIFO, a device, a directory, too
/// large, not UTF-8, unreadable).
pub fn read(path: &Path, cap: u64) -> Result<String, String> {
    // Non-blocking: opening a FIFO with no writer returns at once.
    let nonblock = nix::fcntl::OFlag::O_NONBLOCK.bits();
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblock)
        .open(path)
        .map_err(|e| crate::fault::io_reason(&e))?;
    let meta = file.metadata().map_err(|e| crate::fault::io_reason(&e))?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(if kind.is_dir() {
            "is a directory, not a file".to_string()
        } else {
            "not a regular file (a FIFO, a socket or a device)".to_string()
        });
    }
    if meta.len() > cap {
        return Err(format!(
            "too large ({} bytes; at most {cap} expected)",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    // The file may grow after the check: never read more than the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::fault::io_reason(&e))?;
    if bytes.len() as u64 > cap {
        return Err(format!("too large (more than {cap} bytes)"));
    }
    String::from_utf8(bytes).map_err(|_| "the file is not valid UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(dir.path(), 100).unwrap_err().contains("directory"));
        assert!(
            read(Path::new("/dev/zero"), 100)
                .unwrap_err()
                .contains("regular")
        );
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; 200]).unwrap();
        assert!(read(&big, 100).unwrap_err().contains("too large"));
        assert_eq!(read(&big, 200).unwrap().len(), 200);
    }
}
