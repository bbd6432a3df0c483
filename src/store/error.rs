//! What can go wrong with the database, in words a clerk can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is busy (another clerk is writing), try again")]
    Busy,
    #[error("{path}: not a dun database (it has tables of another program)")]
    NotDun { path: PathBuf },
    #[error(
        "{path}: the database was written by a newer dun (schema {found}, this dun knows {known}); upgrade dun"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "the bundled SQLite is {found}, dun needs 3.51.3 or later (earlier ones carry the WAL-reset bug)"
    )]
    OldSqlite { found: String },
    /// A command that does not create a database was given a path where
    /// there is none (a typo, most often).
    #[error(
        "no database at {} — create one with `dun init {}`",
        .path.display(),
        crate::store::access::shell_quote(.path)
    )]
    Missing { path: PathBuf },
    #[error("{path}: cannot create the database: {reason}")]
    Create { path: PathBuf, reason: String },
    #[error("{path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
    /// The file, its directory or its file system will not do: what to fix.
    #[error("{0}")]
    Access(String),
    #[error("the database file is corrupt ({0}); restore it from a backup")]
    Corrupt(rusqlite::Error),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

/// `Err(Missing)` when there is nothing at `path` (a path that cannot be
/// looked at is left to the checks that say why).
pub fn require_existing(path: &std::path::Path) -> Result<()> {
    match path.try_exists() {
        Ok(false) => Err(StoreError::Missing {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        if is_busy(&e) {
            StoreError::Busy
        } else if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        ) {
            StoreError::Corrupt(e)
        } else {
            StoreError::Sqlite(e)
        }
    }
}

/// Whether an error means another connection holds the lock.
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
