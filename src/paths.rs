//! Where dun keeps its files, and who is acting.

use std::path::PathBuf;

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
