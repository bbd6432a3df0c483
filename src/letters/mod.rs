//! The letters a clerk sends — courtesy note, reminders 1–3, formal notice,
//! account statement, visit confirmation — and their e-mail form.

mod eml;
mod kind;

pub use eml::eml;
pub use kind::{Law, LetterKind};

use std::path::PathBuf;

/// Why a letter could not be written.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// A template that does not compile or render, or lacks its subject line.
    #[error("template {template}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Template {
        template: String,
        line: Option<usize>,
        message: String,
    },
    /// An override template that exists but cannot be read.
    #[error("{}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    /// A mail header value that would break the message (a line break, an
    /// address that is not one).
    #[error("e-mail header {header}: {reason}")]
    Header {
        header: &'static str,
        reason: String,
    },
}
