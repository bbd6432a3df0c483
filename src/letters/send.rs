//! Sending a composed letter: the text file (and the e-mail, when the
//! client has an address) written beside each other, and one journal entry
//! per invoice, in one write transaction.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::compose::Composed;
use super::eml::eml;
use crate::config::CompanyConfig;
use crate::domain::activity::Activity;
use crate::domain::text::printable;
use crate::store::{self, Store, StoreError};

/// What sending wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub files: Vec<PathBuf>,
    /// Journal entries added, one per invoice.
    pub entries: usize,
    /// Why there is no e-mail, when there is none.
    pub no_email: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Letter(#[from] super::LetterError),
}

/// A file name made of letters, digits, `-`, `_` and `.` only.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SendError + '_ {
    move |e| SendError::File {
        path: path.to_path_buf(),
        reason: crate::fault::io_reason(&e),
    }
}

/// Writes `c` under `out/AS_OF/` and records it as sent by `user`.
///
/// The files are written under temporary names first; the journal entries
/// are recorded in one transaction that first checks nobody sent a letter
/// for these invoices meanwhile; only then do the files get their names.
/// Should anything fail, nothing is recorded and no file is left.
pub fn send(
    store: &mut Store,
    c: &Composed,
    as_of: NaiveDate,
    out: &Path,
    company: &CompanyConfig,
    user: &str,
    now: DateTime<Utc>,
) -> Result<Sent, SendError> {
    let dir = out.join(as_of.to_string());
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let stem = format!("{}-{}", safe(&c.client.code), c.kind.as_str());
    let text = format!("Subject: {}\n\n{}", c.letter.subject, c.letter.body);
    let mut files = vec![(dir.join(format!("{stem}.txt")), text)];
    let to = c.client.email.as_deref().map(str::trim).unwrap_or("");
    let from = company.email.trim();
    let no_email = match (to.is_empty(), from.is_empty()) {
        (true, _) => Some("the client has no e-mail address".to_string()),
        (false, true) => Some(
            "no sender address: set one with `dun settings set company.email ADDRESS`".to_string(),
        ),
        (false, false) => {
            let seed = format!("{}-{}-{}", c.client.code, c.kind.as_str(), as_of);
            let message = eml(
                &company.name,
                from,
                // Shown as the letter shows it, rather than refused.
                &printable(&c.client.name),
                to,
                &c.letter.subject,
                &c.letter.body,
                now,
                &seed,
            )?;
            files.push((dir.join(format!("{stem}.eml")), message));
            None
        }
    };
    let temps: Vec<PathBuf> = files
        .iter()
        .map(|(p, _)| {
            // This process's own name: two clerks writing to one directory
            // never touch each other's unfinished files.
            p.with_extension(format!(
                "{}.{}.part",
                p.extension().and_then(|e| e.to_str()).unwrap_or(""),
                std::process::id()
            ))
        })
        .collect();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for ((_, content), temp) in files.iter().zip(&temps) {
        if let Err(e) = std::fs::write(temp, content).map_err(io(temp)) {
            cleanup(&temps);
            return Err(e);
        }
    }
    let entries = match record(store, c, as_of, user, now, &stem) {
        Ok(n) => n,
        Err(e) => {
            cleanup(&temps);
            return Err(e.into());
        }
    };
    for ((path, _), temp) in files.iter().zip(&temps) {
        std::fs::rename(temp, path).map_err(|e| SendError::File {
            path: path.clone(),
            reason: format!(
                "{}; the letter is logged as sent, its text is in {}",
                crate::fault::io_reason(&e),
                temp.display()
            ),
        })?;
    }
    Ok(Sent {
        files: files.into_iter().map(|(p, _)| p).collect(),
        entries,
        no_email,
    })
}

/// One journal entry per invoice: the reminder of the step's level, or the
/// formal notice; refused when an invoice moved on since the letter was
/// written (another clerk sent it).
fn record(
    store: &mut Store,
    c: &Composed,
    as_of: NaiveDate,
    user: &str,
    now: DateTime<Utc>,
    stem: &str,
) -> Result<usize, StoreError> {
    store.write(|tx| {
        let (client_id, _) = store::clients::find(tx, &c.client.code)?
            .ok_or_else(|| StoreError::Invalid(format!("client {} is gone", c.client.code)))?;
        if c.invoices.is_empty() {
            // A statement, a pilot-end notice: one entry for the client.
            let mut a = Activity::new(c.logs, &c.client.code, now, as_of, user);
            a.reason = c.reason.map(String::from);
            a.date = (c.deadline > as_of).then_some(c.deadline);
            a.note = format!("{} sent by {} ({stem})", c.label, c.channel.as_str());
            store::activities::insert(tx, client_id, None, None, &a)?;
            return Ok(1);
        }
        for ((number, standing), (kind, level)) in
            c.invoices.iter().zip(&c.standings).zip(&c.steps)
        {
            let inv = store::invoices::find(tx, number)?
                .ok_or_else(|| StoreError::Invalid(format!("invoice {number} is gone")))?;
            if store::dunning::invoice_standing(tx, number)? != *standing {
                return Err(StoreError::Invalid(format!(
                    "invoice {number} changed since the letter was written (another clerk logged a reminder, a notice, a promise or a dispute): nothing was sent"
                )));
            }
            let mut a = Activity::new(*kind, &c.client.code, now, as_of, user);
            a.reason = c.reason.map(String::from);
            a.invoice_number = Some(number.clone());
            a.level = *level;
            a.date = Some(c.deadline);
            a.registered = c.registered;
            a.note = format!("{} sent by {} ({stem})", c.label, c.channel.as_str());
            store::activities::insert(tx, client_id, Some(inv.id), Some(inv.invoice.amount.currency), &a)?;
        }
        Ok(c.invoices.len())
    })
}
