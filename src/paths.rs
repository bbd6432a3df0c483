//! Where dun keeps its files, and who is acting.

use std::path::{Component, Path, PathBuf};

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "dun")
}

/// The default database: `dun.db` in the data directory.
pub fn default_database() -> Option<PathBuf> {
    project().map(|p| p.data_dir().join("dun.db"))
}

/// The user's configuration file (it may not exist).
pub fn config_file() -> Option<PathBuf> {
    project().map(|p| p.config_dir().join("config.toml"))
}

/// The OS login of the person running dun, read from the password database
/// (not from `$USER`, which anyone can set).
pub fn current_user() -> String {
    whoami::fallible::username().unwrap_or_else(|_| format!("uid{}", uid()))
}

/// The process's user id, read from `/proc/self` (no unsafe code).
fn uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(u32::MAX, |m| m.uid())
}

/// Where `dun letters` writes when no `--out` is given: `letters/` in the
/// data directory.
pub fn default_letters_dir() -> Option<PathBuf> {
    project().map(|p| p.data_dir().join("letters"))
}

/// `path` with a leading `~` (alone or before `/`) replaced by the home
/// directory, as a shell would; any other path unchanged. A configured
/// `~/dun/team.db` is never taken as a folder named `~`.
pub fn expand_home(path: &Path) -> anyhow::Result<PathBuf> {
    let mut parts = path.components();
    match parts.next() {
        Some(Component::Normal(first)) if first == "~" => {
            let home = home_dir().ok_or_else(|| {
                anyhow::anyhow!("{}: no home directory to put in place of ~", path.display())
            })?;
            Ok(home.join(parts.as_path()))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// The home directory: `$HOME`, or the password database's.
fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new()
        .map(|b| b.home_dir().to_path_buf())
        .filter(|h| h.is_absolute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let Some(home) = home_dir() else { return };
        assert_eq!(expand_home(Path::new("~")).unwrap(), home);
        assert_eq!(
            expand_home(Path::new("~/dun/team.db")).unwrap(),
            home.join("dun/team.db")
        );
        for kept in ["/srv/dun/team.db", "team.db", "./~/x", "~bob/x", "a/~/b"] {
            assert_eq!(expand_home(Path::new(kept)).unwrap(), Path::new(kept));
        }
    }
}
