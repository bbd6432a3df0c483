//! The letters a clerk sends — courtesy note, reminders 1–3, formal notice,
//! account statement, visit confirmation, pilot-end notice, deposit
//! request — in English, French, Norwegian
//! Bokmål and Spanish, rendered from templates and wrapped as e-mail;
//! written into the team's letters folder ([`folder`]), e-mailed through
//! the team's mail server ([`mail`]) and journaled ([`send`]).
//!
//! # Templates
//!
//! One plain-text template per language and kind,
//! `assets/templates/{lang}/{kind}.txt` (`lang`: `en`, `fr`, `nb`, `es`;
//! `kind`: see [`LetterKind::as_str`]), embedded in the binary. A file at the
//! same relative path under the override directory (the user's copy) is used
//! instead.
//!
//! - The first line is `Subject: …` (the keyword stays English in every
//!   language), then a blank line, then the body. Leading blank lines (a
//!   `{# comment #}` at the top, say) are ignored.
//! - The syntax is MiniJinja (Jinja2): `{{ client.name }}`,
//!   `{% if interest %}…{% endif %}`, `{% for inv in invoices %}…{% endfor %}`
//!   and the built-in filters and tests (`length`, `join`, `is none`).
//! - The variables are the fields of [`LetterContext`], already written for
//!   the client's language: templates only place text. Optional fields are
//!   `none` when absent, so `{% if rate %}` tests them.
//! - Undefined variables are errors naming the template, the line and the
//!   expression, never blank text. Nothing is escaped (plain text).
//! - A block tag alone on its line leaves no line behind (`trim_blocks`,
//!   `lstrip_blocks`). A block tag that ends a line of text would take the
//!   line break with it: write that one `{% endif +%}`.
//! - Trailing spaces are dropped and runs of blank lines become one, so an
//!   optional paragraph can sit between blank lines of its own.
//! - Whatever the template, the output never holds control characters other than the line break:
//!   other C0 and C1 controls, DEL and bidi marks become U+FFFD, tabs a space.

mod addressee;
pub mod answer;
mod builder;
mod cast;
pub mod compose;
pub mod compose_client;
mod context;
mod eml;
pub mod folder;
pub mod hold;
mod kind;
pub mod mail;
pub mod pdf;
pub mod print;
pub mod recover;
mod render;
mod salutation;
mod sample;
pub mod send;
mod statement;
mod writing;

pub use builder::{Penalties, address_lines, format_rate};
pub use context::{
    ClientDetails, CompanyDetails, InvoiceLine, LetterContext, Pilot, PreviousReminder, Promise,
    Visit,
};
pub use eml::{Envelope, eml, message};
pub use kind::{Law, LetterKind};
pub use render::{Letter, embedded_template, render, template_name};
pub use salutation::{Greeting, greeting};
pub use sample::sample;
pub use writing::Writing;

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
    /// The PDF for the post could not be made.
    #[error("PDF letter: {0}")]
    Pdf(String),
}
