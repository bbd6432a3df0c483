//! Import errors: every one names the file, and where it can, the line and column.

use std::path::PathBuf;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// `FILE:LINE: column COLUMN: reason`
    #[error("{file}:{line}: column {column}: {reason}")]
    Cell {
        file: String,
        line: u64,
        column: String,
        reason: String,
    },
    /// `FILE:LINE: reason`
    #[error("{file}:{line}: {reason}")]
    Line {
        file: String,
        line: u64,
        reason: String,
    },
    /// `FILE: reason`
    #[error("{file}: {reason}")]
    File { file: String, reason: String },
    #[error("{file}: {reason}")]
    Io { file: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}
