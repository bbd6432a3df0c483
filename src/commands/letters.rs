//! `dun letters`: writes every letter the queue asks for today into the
//! team's letters folder, as a text file and, for clients with an e-mail
//! address, an `.eml` message sent through the team's mail server with
//! `--send`, and journals each. A letter journaled is off the queue, so a
//! second run the same day sends nothing twice.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::table::{Align, render};
use crate::config::CompanyConfig;
use crate::domain::penalty::RateTables;
use crate::domain::queue::Rules;
use crate::domain::text::shortened;
use crate::letters::answer::{Answer, answer, letter_for};
use crate::letters::folder::Folder;
use crate::letters::mail::{MailError, Mailer};
use crate::letters::recover::recover;
use crate::letters::send::{Outbox, SendError, send_with};
use crate::store::Store;
use crate::store::queue::queue;
use crate::team::SmtpSettings;

pub struct LettersRun<'a> {
    pub as_of: NaiveDate,
    pub out: &'a Path,
    pub mine: Option<&'a str>,
    /// Show what would be sent, write and log nothing.
    pub dry_run: bool,
    /// Send e-mail letters through the team's mail server.
    pub send_mail: bool,
    /// Print the letters for the post with this command (`print.command`).
    pub print: Option<&'a str>,
    /// Also send the letters held for a missing reference rate, with the
    /// interest "to be specified".
    pub incomplete: bool,
    pub smtp: &'a SmtpSettings,
    pub user: &'a str,
    pub now: DateTime<Utc>,
}

pub fn run(
    store: &mut Store,
    run: &LettersRun<'_>,
    company: &CompanyConfig,
    rules: &Rules,
    rates: &RateTables,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let folder = Folder::beside(store.path(), run.out);
    if !run.dry_run {
        // What a killed run left: finished or removed before anything new.
        let done = recover(store, &folder)?;
        if done.placed + done.removed > 0 {
            writeln!(
                out,
                "Finished an interrupted run: {} letter files put in place, {} unfinished ones removed",
                done.placed, done.removed
            )?;
        }
    }
    let mailer = match (&run.smtp.url, run.send_mail) {
        (_, false) => Err("run `dun letters --send` to send them".to_string()),
        (None, true) => {
            Err("no mail server is set: `dun settings set smtp.url smtp://HOST:587`".to_string())
        }
        (Some(url), true) if !run.dry_run => {
            Ok(Mailer::new(url, &run.smtp.credentials).map_err(anyhow::Error::msg)?)
        }
        (Some(_), true) => Err("a dry run sends nothing".to_string()),
    };
    let outbox = Outbox {
        folder: &folder,
        company,
        mailer: mailer.as_ref().map_err(Clone::clone),
        printer: run.print.filter(|_| !run.dry_run),
    };
    let mut unsent_mail = 0;
    // Once the mail server cannot be reached, the other e-mails wait.
    let mut unreachable: Option<String> = None;
    let lines = store.read(|tx| {
        let mut lines = queue(tx, run.as_of, run.mine, rules)?;
        // A letter held for a missing rate is told from its invoices' facts
        // (one statement), without writing the letter first.
        if !run.incomplete {
            crate::letters::hold::mark(tx, &mut lines, run.as_of, &rules.ladders, rates)?;
        }
        Ok::<_, anyhow::Error>(lines)
    })?;
    // The lines a letter answers: ladder steps, pilot-end notices,
    // deposit requests (a visit is confirmed by a call).
    let due: Vec<_> = lines
        .iter()
        .filter(|l| answer(l, &rules.ladders) == Answer::Letter)
        .collect();
    let mut rows = Vec::new();
    let mut failed = 0;
    // One letter a day to a client: the most advanced step goes first (the
    // queue's order); the others wait for the ladder's gap after it.
    let mut written = std::collections::HashSet::new();
    let mut deferred = 0;
    // Reminders 3 and formal notices waiting for a reference rate.
    let mut held: Vec<crate::domain::penalty::RateKey> = Vec::new();
    for line in due {
        if !written.insert(line.code.clone()) {
            deferred += 1;
            continue;
        }
        if let Some(missing) = line.held.filter(|_| !run.incomplete) {
            // Waits for the rate: nothing written, nothing journaled, and
            // the client's letter of the day may be another one.
            written.remove(&line.code);
            held.push(missing);
            let kind = crate::letters::compose::step_for(line, &rules.ladders)
                .and_then(|s| crate::letters::LetterKind::parse(&s.template))
                .map_or("", |k| k.as_str())
                .to_string();
            rows.push(vec![
                line.code.clone(),
                kind,
                shortened(&line.invoices.join(" "), 30),
                format!("held: {}", missing.missing()),
            ]);
            continue;
        }
        let composed = match store.read(|tx| {
            letter_for(tx, line, run.as_of, company, &rules.ladders, rates)
                .map_err(anyhow::Error::from)
        }) {
            Ok(c) => c,
            Err(e) => {
                failed += 1;
                rows.push(vec![
                    line.code.clone(),
                    line.reason.label().into(),
                    "-".into(),
                    format!("not sent: {e:#}"),
                ]);
                continue;
            }
        };
        if let Some(missing) = composed.held.as_ref().filter(|_| !run.incomplete) {
            // Waits for the rate: nothing written, nothing journaled, and
            // the client's letter of the day may be another one.
            written.remove(&line.code);
            held.push(*missing);
            rows.push(vec![
                line.code.clone(),
                composed.kind.as_str().to_string(),
                shortened(&composed.invoices.join(" "), 30),
                format!("held: {}", missing.missing()),
            ]);
            continue;
        }
        let mails = composed
            .client
            .email
            .as_deref()
            .is_some_and(|e| !e.trim().is_empty())
            && !company.email.trim().is_empty()
            && outbox.mailer.is_ok();
        let what = if run.dry_run {
            "would be sent".to_string()
        } else if let Some(why) = unreachable.as_ref().filter(|_| mails) {
            // Still due: the next run tries again.
            failed += 1;
            format!("not sent: {why}")
        } else {
            match send_with(store, &composed, run.as_of, &outbox, run.user, run.now) {
                Ok(sent) => {
                    let names: Vec<String> = sent
                        .files
                        .iter()
                        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .collect();
                    let printed = if sent.printed { " (printed)" } else { "" };
                    let files = format!("{}{printed}", names.join(" "));
                    match (sent.message_id, sent.no_email) {
                        (Some(id), _) => format!("{files} (e-mailed, {id})"),
                        (None, Some(why))
                            if sent
                                .files
                                .iter()
                                .any(|f| f.extension().is_some_and(|e| e == "eml")) =>
                        {
                            unsent_mail += 1;
                            format!("{files} (e-mail not sent: {why})")
                        }
                        (None, Some(why)) => format!("{files} (no e-mail: {why})"),
                        (None, None) => files,
                    }
                }
                Err(e) => {
                    failed += 1;
                    if let SendError::Mail {
                        reason: MailError::Unreachable(why),
                        ..
                    } = &e
                    {
                        unreachable = Some(why.clone());
                    }
                    format!("not sent: {e}")
                }
            }
        };
        let note = match (&composed.held, composed.penalty_note) {
            (Some(m), _) => format!("; interest to be specified: {}", m.missing()),
            (None, Some(n)) => format!("; no penalties: {n}"),
            (None, None) => String::new(),
        };
        rows.push(vec![
            line.code.clone(),
            format!(
                "{}{}",
                composed.kind.as_str(),
                if composed.registered {
                    " (registered)"
                } else {
                    ""
                }
            ),
            shortened(&composed.invoices.join(" "), 30),
            format!("{what}{note}"),
        ]);
    }
    let verb = if run.dry_run { "due" } else { "written" };
    writeln!(
        out,
        "Letters {verb} as of {} in {}: {}",
        run.as_of,
        run.out.join(run.as_of.to_string()).display(),
        rows.len() - failed - held.len()
    )?;
    if deferred > 0 {
        writeln!(
            out,
            "{deferred} more waiting: one letter a day to a client, the next after the ladder's gap"
        )?;
    }
    if !rows.is_empty() {
        let header = [
            ("client", Align::Left),
            ("letter", Align::Left),
            ("invoices", Align::Left),
            ("files", Align::Left),
        ];
        write!(out, "{}", render(&header, &rows))?;
    }
    if !held.is_empty() {
        writeln!(
            out,
            "{} held for a missing reference rate; set it, or send {} with the interest \"to be specified\" by `dun letters --incomplete`:",
            if held.len() == 1 {
                "1 letter".to_string()
            } else {
                format!("{} letters", held.len())
            },
            if held.len() == 1 { "it" } else { "them" },
        )?;
        held.sort();
        held.dedup();
        for m in &held {
            writeln!(out, "  {}: {}", m.missing(), m.command())?;
        }
    }
    if unsent_mail > 0 {
        let why = mailer.as_ref().err().cloned().unwrap_or_default();
        writeln!(
            out,
            "{unsent_mail} e-mail letters were written but not e-mailed ({why}); they are journaled as letters to post"
        )?;
    }
    if failed > 0 {
        anyhow::bail!("{failed} letters could not be sent (see above); the others were");
    }
    Ok(())
}
