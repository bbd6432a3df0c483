//! `dun letters`: writes every letter the queue asks for today, as a text
//! file and, for clients with an e-mail address, an `.eml` message, and logs
//! each as sent. A letter sent is off the queue, so a second run the same
//! day sends nothing twice.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::table::{Align, render};
use crate::config::CompanyConfig;
use crate::domain::penalty::RateTables;
use crate::domain::queue::Rules;
use crate::domain::text::shortened;
use crate::letters::answer::{Answer, answer, letter_for};
use crate::letters::send::send;
use crate::store::Store;
use crate::store::queue::queue;

pub struct LettersRun<'a> {
    pub as_of: NaiveDate,
    pub out: &'a Path,
    pub mine: Option<&'a str>,
    /// Show what would be sent, write and log nothing.
    pub dry_run: bool,
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
    let lines = store.read(|tx| queue(tx, run.as_of, run.mine, rules))?;
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
    for line in due {
        if !written.insert(line.code.clone()) {
            deferred += 1;
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
        let what = if run.dry_run {
            "would be sent".to_string()
        } else {
            match send(
                store, &composed, run.as_of, run.out, company, run.user, run.now,
            ) {
                Ok(sent) => {
                    let names: Vec<String> = sent
                        .files
                        .iter()
                        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .collect();
                    match sent.no_email {
                        Some(why) => format!("{} (no e-mail: {why})", names.join(" ")),
                        None => names.join(" "),
                    }
                }
                Err(e) => {
                    failed += 1;
                    format!("not sent: {e}")
                }
            }
        };
        let note = composed
            .penalty_note
            .map(|n| format!("; no penalties: {n}"))
            .unwrap_or_default();
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
        rows.len() - failed
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
    if failed > 0 {
        anyhow::bail!("{failed} letters could not be sent (see above); the others were");
    }
    Ok(())
}
