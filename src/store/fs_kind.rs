//! Refuses a database on a network file system (NFS, SMB/CIFS, sshfs), where
//! SQLite's locks and the WAL's shared memory do not hold between clerks.
//! The decision is pure; `check` gathers the file system type with statfs.

use std::path::{Path, PathBuf};

/// Set to `1` to use a database on a network file system all the same.
pub const ALLOW_VAR: &str = "DUN_ALLOW_NETWORK_FS";

const NFS: u32 = 0x6969;
const CIFS: u32 = 0xFF53_4D42;
const SMB2: u32 = 0xFE53_4D42;
const SMB: u32 = 0x517B;
const FUSE: u32 = 0x6573_5546;

/// The network file system the magic number (and, for FUSE, the mount's
/// type from `/proc/mounts`) stands for, if any.
pub fn network_fs(magic: u32, fuse_type: Option<&str>) -> Option<&'static str> {
    match magic {
        NFS => Some("NFS"),
        CIFS | SMB2 | SMB => Some("SMB/CIFS"),
        FUSE if fuse_type.is_some_and(|t| t == "fuse.sshfs" || t == "sshfs") => Some("sshfs"),
        _ => None,
    }
}

/// The one-line refusal for a database in `dir`, or `None` when the file
/// system is local or the refusal is overridden.
pub fn refusal(dir: &Path, magic: u32, fuse_type: Option<&str>, allow: bool) -> Option<String> {
    let fs = network_fs(magic, fuse_type)?;
    (!allow).then(|| {
        format!(
            "{}: on a network file system ({fs}): SQLite's locking is not reliable over {fs}: keep the database on a local disk of the server",
            dir.display()
        )
    })
}

/// The type of the mount holding `path`, from the text of `/proc/mounts`
/// (the longest mount point that is a prefix of `path`; the last one
/// mounted when several share it).
pub fn mount_type(mounts: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_), Some(point), Some(kind)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let point = unescape(point);
        if path.starts_with(&point) {
            let len = point.as_os_str().len();
            if best.as_ref().is_none_or(|(l, _)| len >= *l) {
                best = Some((len, kind.to_string()));
            }
        }
    }
    best.map(|(_, kind)| kind)
}

/// `/proc/mounts` writes a space as `\040`, a tab `\011`, a backslash `\134`.
fn unescape(field: &str) -> PathBuf {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 4);
        match code.and_then(|c| u8::from_str_radix(c, 8).ok()) {
            Some(b) => {
                out.push(char::from(b));
                rest = &rest[i + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    PathBuf::from(out)
}

/// Refuses when the database at `path` is, or would be, on a network file
/// system, unless `DUN_ALLOW_NETWORK_FS=1`.
pub fn check(path: &Path) -> Result<(), String> {
    let dir = super::host::parent_dir(path);
    // The nearest directory that exists: the database's may not yet.
    let Some(existing) = dir.ancestors().find(|d| d.exists()) else {
        return Ok(());
    };
    let Ok(fs) = nix::sys::statfs::statfs(existing) else {
        return Ok(());
    };
    // The magic is a 32-bit number in a wider field on some platforms.
    let magic = fs.filesystem_type().0 as u32;
    let fuse_type = if magic == FUSE {
        let abs = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
        std::fs::read_to_string("/proc/mounts")
            .ok()
            .and_then(|m| mount_type(&m, &abs))
    } else {
        None
    };
    let allow = std::env::var(ALLOW_VAR).is_ok_and(|v| v.trim() == "1");
    match refusal(&dir, magic, fuse_type.as_deref(), allow) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfs_and_smb_are_refused_with_the_reason() {
        let dir = Path::new("/mnt/share");
        let why = refusal(dir, 0x6969, None, false).expect("NFS is refused");
        assert_eq!(
            why,
            "/mnt/share: on a network file system (NFS): SQLite's locking is not reliable over NFS: keep the database on a local disk of the server"
        );
        for magic in [0xFF53_4D42, 0xFE53_4D42, 0x517B] {
            let why = refusal(dir, magic, None, false).expect("SMB is refused");
            assert!(why.contains("(SMB/CIFS)"), "{why}");
        }
    }

    #[test]
    fn local_file_systems_pass() {
        // ext4, xfs, btrfs, tmpfs, zfs, overlayfs
        for magic in [
            0xEF53,
            0x5846_5342,
            0x9123_683E,
            0x0102_1994,
            0x2FC1_2FC1,
            0x794C_7630,
        ] {
            assert_eq!(refusal(Path::new("/srv"), magic, None, false), None);
        }
    }

    #[test]
    fn fuse_is_refused_only_for_sshfs() {
        assert_eq!(network_fs(FUSE, Some("fuse.sshfs")), Some("sshfs"));
        assert_eq!(network_fs(FUSE, Some("fuse.gocryptfs")), None);
        assert_eq!(network_fs(FUSE, None), None);
    }

    #[test]
    fn the_override_lets_it_through() {
        assert_eq!(refusal(Path::new("/mnt"), 0x6969, None, true), None);
    }

    #[test]
    fn the_mount_of_a_path_is_the_longest_matching_mount_point() {
        let mounts = "\
/dev/vda / ext4 rw,relatime 0 0
server:/export /srv nfs4 rw 0 0
alice@host:/data /srv/dun\\040team fuse.sshfs rw 0 0
tmpfs /srv/dunnage tmpfs rw 0 0
";
        let t = |p: &str| mount_type(mounts, Path::new(p));
        assert_eq!(t("/srv/dun team/a.db").as_deref(), Some("fuse.sshfs"));
        assert_eq!(t("/srv/dun/a.db").as_deref(), Some("nfs4"));
        assert_eq!(t("/srv/dunnage/a.db").as_deref(), Some("tmpfs"));
        assert_eq!(t("/home/a.db").as_deref(), Some("ext4"));
    }

    #[test]
    fn the_test_machine_s_own_disk_is_not_refused() {
        let dir = std::env::temp_dir();
        assert_eq!(check(&dir.join("x.db")), Ok(()));
    }
}
