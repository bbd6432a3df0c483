//! What can go wrong with the team settings, naming the key and the reason.

use std::path::PathBuf;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// A value given for `key` is refused; nothing was written.
    #[error("{key}: {reason}")]
    Key { key: String, reason: String },
    /// A key of an imported file is refused; nothing was written.
    #[error("{file}: {key}: {reason}")]
    FileKey {
        file: PathBuf,
        key: String,
        reason: String,
    },
    /// The imported file will not do as a whole.
    #[error("{file}: {reason}")]
    File { file: PathBuf, reason: String },
    /// A value stored in the database is not one this dun takes.
    #[error(
        "the team settings in the database: {key}: {reason} (set it again with `dun settings set {key} VALUE`)"
    )]
    Stored { key: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}
