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
