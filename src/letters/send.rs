//! Sending a composed letter: its files (the text, the PDF when there is
//! one, the e-mail message when the client has an address) written into
//! the day's folder of the letters folder, the e-mail handed to the mail
//! server when asked for, and one journal entry per invoice naming the
//! files. See [`super::folder`] for what a kill at any moment leaves.
//!
//! An e-mail letter is journaled "sent by e-mail" only once the server
//! accepted it, with its Message-ID; a server that refuses or cannot be
//! reached leaves the letter due and nothing written. Without a mail
//! server (or without `--send`) the letter is journaled as written to be
//! sent by post, with why the e-mail was not sent. Should dun be killed
//! between the server's acceptance and the journal entry, the entry is
//! missing and the next run sends the e-mail again: a letter twice rather
//! than a letter logged that never left.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::compose::Composed;
use super::eml::{Envelope, message};
use super::folder::{Folder, FolderError, encode};
use super::mail::Mailer;
use crate::config::CompanyConfig;
use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::text::printable;
use crate::store::{self, Store, StoreError};

/// What sending wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub files: Vec<PathBuf>,
    /// Journal entries added, one per invoice.
    pub entries: usize,
    /// The e-mail's Message-ID, when the mail server accepted it.
    pub message_id: Option<String>,
    /// Why no e-mail went out, when none did.
    pub no_email: Option<String>,
    /// Whether the letter was printed for the post.
    pub printed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    File(#[from] FolderError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Letter(#[from] super::LetterError),
    /// The print command failed: the letter is not recorded.
    #[error("{0}")]
    Print(#[from] super::print::PrintError),
    /// The mail server refused the message or could not be reached.
    #[error("e-mail to {to}: {reason}")]
    Mail {
        to: String,
        reason: super::mail::MailError,
    },
}

/// The `Date` of a letter's e-mail: the letter's date, at the time of
/// writing when that is today, otherwise at noon UTC (the same day in
/// every time zone of Europe and the Americas).
pub fn letter_date(as_of: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    if now.date_naive() == as_of {
        now
    } else {
        as_of.and_hms_opt(12, 0, 0).map_or(now, |t| t.and_utc())
    }
}

/// Where letters go and how e-mail leaves.
pub struct Outbox<'a> {
    pub folder: &'a Folder,
    pub company: &'a CompanyConfig,
    /// The mail server; `Err` says why e-mail is not sent.
    pub mailer: Result<&'a Mailer, String>,
    /// The command that prints letters for the post (`lp`), when they are
    /// to be printed now.
    pub printer: Option<&'a str>,
}

/// Writes `c` into the folder `out` (with the modes of `store`'s database)
/// and records it as written by `user`; no e-mail is sent.
pub fn send(
    store: &mut Store,
    c: &Composed,
    as_of: NaiveDate,
    out: &Path,
    company: &CompanyConfig,
    user: &str,
    now: DateTime<Utc>,
) -> Result<Sent, SendError> {
    let folder = Folder::beside(store.path(), out);
    let outbox = Outbox {
        folder: &folder,
        company,
        mailer: Err("no mail server is set (smtp.url)".into()),
        printer: None,
    };
    send_with(store, c, as_of, &outbox, user, now)
}

/// Writes `c` into the day's folder, sends its e-mail through the outbox's
/// mail server, and records it: the files under their temporary names,
/// then the e-mail, then the journal entries (checking in the same
/// transaction that nobody sent a letter for these invoices meanwhile),
/// then the files' names. Should anything fail, nothing is recorded and
/// no file is left.
pub fn send_with(
    store: &mut Store,
    c: &Composed,
    as_of: NaiveDate,
    outbox: &Outbox<'_>,
    user: &str,
    now: DateTime<Utc>,
) -> Result<Sent, SendError> {
    let stem = format!("{}-{}", encode(&c.client.code), c.kind.as_str());
    // The printable letter: the e-mail's subject is no part of it.
    let text = c.letter.body.clone();
    let mut exts = vec!["txt"];
    let mut contents: Vec<Vec<u8>> = vec![text.into_bytes()];
    if let Some(e) = &c.enclosure {
        exts.push("-statement.txt");
        // Printed, it is headed by its title, not by an e-mail subject.
        contents.push(format!("{}\n\n{}", e.subject, e.body).into_bytes());
    }
    // The e-mail carries what the envelope encloses after the letter.
    let body = match &c.enclosure {
        Some(e) => format!("{}\n\n{}\n\n{}", c.letter.body, e.subject, e.body),
        None => c.letter.body.clone(),
    };
    if let Some(pdf) = &c.pdf {
        exts.push("pdf");
        contents.push(pdf.clone());
    }
    let to = c.client.email.as_deref().map(str::trim).unwrap_or("");
    let from = outbox.company.email.trim();
    let seed = format!(
        "{}-{}-{}-{}-{}",
        c.client.code,
        c.kind.as_str(),
        as_of,
        now.timestamp_nanos_opt().unwrap_or(0),
        std::process::id()
    );
    let mail = match (to.is_empty(), from.is_empty()) {
        (true, _) => Err("the client has no e-mail address".to_string()),
        (false, true) => Err(
            "no sender address: set one with `dun settings set company.email ADDRESS`".to_string(),
        ),
        (false, false) => {
            let m = message(&Envelope {
                from_name: &outbox.company.name,
                from_email: from,
                // Shown as the letter shows it, rather than refused.
                to_name: &printable(&c.client.name),
                to_email: to,
                bcc: Some(from),
                subject: &c.letter.subject,
                body: &body,
                date: letter_date(as_of, now),
                seed: &seed,
            })?;
            exts.push("eml");
            contents.push(m.formatted());
            Ok(m)
        }
    };
    // Nobody sent it meanwhile: checked before anything is written or
    // leaves, and again when it is recorded.
    store.read(|tx| {
        store::dunning::unchanged(tx, &c.invoices, &c.standings)?;
        once_a_day(c).map_or(Ok(()), |(kind, reason)| {
            store::dunning::not_sent_today(tx, &c.client.code, kind, reason, as_of)
        })
    })?;
    let dir = outbox.folder.day(as_of)?;
    let _writing = outbox.folder.lock(false, true)?;
    let mut claim = outbox.folder.claim(&dir, &stem, &exts)?;
    let refs: Vec<&[u8]> = contents.iter().map(Vec::as_slice).collect();
    if let Err(e) = claim.write(&refs) {
        claim.abandon();
        return Err(e.into());
    }
    let names = claim.names().join(" ");
    let (note, message_id, no_email) = match (&mail, &outbox.mailer) {
        (Ok(m), Ok(mailer)) => {
            if let Err(reason) = mailer.send(m) {
                claim.abandon();
                return Err(SendError::Mail {
                    to: to.to_string(),
                    reason,
                });
            }
            let id = m
                .headers()
                .get_raw("Message-ID")
                .unwrap_or_default()
                .to_string();
            let post = if c.registered {
                " (a copy: the registered letter goes by post)"
            } else {
                ""
            };
            let note = format!(
                "{} sent by e-mail to {to}{post}, Message-ID {id}; files: {names}",
                c.label
            );
            (note, Some(id), None)
        }
        (Ok(_), Err(why)) | (Err(why), _) => {
            let note = match c.channel.as_str() {
                "email" => format!(
                    "{} written to be sent by post (e-mail not sent: {why}); files: {names}",
                    c.label
                ),
                _ => format!("{} written to be sent by post; files: {names}", c.label),
            };
            (note, None, Some(why.clone()))
        }
    };
    // A letter by post (the ladder's channel, a registered letter, or no
    // e-mail sent) is printed before it is recorded: a print that fails
    // leaves it due.
    let by_post = c.channel.as_str() != "email" || c.registered || message_id.is_none();
    let note = match (outbox.printer, claim.part("pdf")) {
        (Some(command), Some(pdf)) if by_post => {
            if let Err(e) = super::print::print(pdf, command) {
                claim.abandon();
                return Err(e.into());
            }
            note.replacen(
                "; files:",
                &format!("; printed for the post with `{command}`; files:"),
                1,
            )
        }
        _ => note,
    };
    let printed = note.contains("; printed for the post");
    let entries = match record(store, c, as_of, user, now, &note) {
        Ok(n) => n,
        Err(e) => {
            claim.abandon();
            return Err(e.into());
        }
    };
    let files = claim.place()?;
    Ok(Sent {
        files,
        entries,
        message_id,
        no_email,
        printed,
    })
}

/// What the client gets at most once a day: every letter but an account
/// statement, which a clerk may send again on request.
fn once_a_day(c: &Composed) -> Option<(ActivityKind, Option<&'static str>)> {
    (c.logs != ActivityKind::Statement).then_some((c.logs, c.reason))
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
    note: &str,
) -> Result<usize, StoreError> {
    store.write(|tx| {
        let (client_id, _) = store::clients::find(tx, &c.client.code)?
            .ok_or_else(|| StoreError::Invalid(format!("client {} is gone", c.client.code)))?;
        // Nobody sent it meanwhile (checked again, now for good).
        store::dunning::unchanged(tx, &c.invoices, &c.standings)?;
        if let Some((kind, reason)) = once_a_day(c) {
            store::dunning::not_sent_today(tx, &c.client.code, kind, reason, as_of)?;
        }
        if c.invoices.is_empty() {
            // A statement, a pilot-end notice: one entry for the client.
            let mut a = Activity::new(c.logs, &c.client.code, now, as_of, user);
            a.reason = c.reason.map(String::from);
            a.date = (c.deadline > as_of).then_some(c.deadline);
            a.note = note.to_string();
            store::activities::insert(tx, client_id, None, None, &a)?;
            return Ok(1);
        }
        for ((number, _), (kind, level)) in c.invoices.iter().zip(&c.standings).zip(&c.steps) {
            let inv = store::invoices::find(tx, number)?
                .ok_or_else(|| StoreError::Invalid(format!("invoice {number} is gone")))?;
            let mut a = Activity::new(*kind, &c.client.code, now, as_of, user);
            a.reason = c.reason.map(String::from);
            a.invoice_number = Some(number.clone());
            a.level = *level;
            a.date = Some(c.deadline);
            a.registered = c.registered;
            a.note = note.to_string();
            store::activities::insert(
                tx,
                client_id,
                Some(inv.id),
                Some(inv.invoice.amount.currency),
                &a,
            )?;
        }
        Ok(c.invoices.len())
    })
}

#[cfg(test)]
mod tests {
    use super::letter_date;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn the_email_is_dated_the_letters_day() {
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 8, 15, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(letter_date(today, now), now);
        // Written on the 30th as of the 22nd: dated the 22nd, at noon UTC.
        let earlier = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            letter_date(earlier, now),
            Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap()
        );
    }
}
