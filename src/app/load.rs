//! Fetching what the screens show, in one read transaction a time, and
//! writing a checked form.

use super::{App, ClientPage, JOURNAL_LINES, Load, TIMELINE_LINES, Tab};
use crate::letters::answer::letter_for;
use crate::letters::compose::compose_statement;
use crate::letters::folder::Folder;
use crate::letters::mail::Mailer;
use crate::letters::recover::recover;
use crate::letters::send::{Outbox, send_with};
use crate::record as log;
use crate::report::penalties::penalty_view;
use crate::store::{self, Store, StoreError};

impl App {
    /// Fetches what `load` names, in one read transaction (after writing
    /// the checked form, for [`Load::Save`]).
    pub fn load(&mut self, store: &mut Store, load: Load) -> Result<(), StoreError> {
        if matches!(load, Load::LetterPreview | Load::StatementPreview) {
            let today = self.today;
            let composed = if load == Load::StatementPreview {
                let Some(client) = self.statement_for.take() else {
                    return Ok(());
                };
                store.read(|tx| {
                    Ok::<_, StoreError>(compose_statement(
                        tx,
                        &client,
                        today,
                        &self.company,
                        &self.rates,
                    ))
                })?
            } else {
                let Some(line) = self.queue.get(self.queue_selected).cloned() else {
                    return Ok(());
                };
                store.read(|tx| {
                    Ok::<_, StoreError>(letter_for(
                        tx,
                        &line,
                        today,
                        &self.company,
                        &self.rules.ladders,
                        &self.rates,
                    ))
                })?
            };
            match composed {
                Ok(c) if c.held.is_some() => {
                    if let Some(m) = &c.held {
                        // The first 80 columns say what Enter does.
                        self.message = format!(
                            "Held: {}. Enter sends it anyway, Esc does not. Or set it: {}",
                            m.missing(),
                            m.command()
                        );
                    }
                    self.preview = Some((c, 0));
                }
                Ok(c) => {
                    self.message = match &c.penalty_note {
                        Some(n) => format!("Enter sends it, Esc does not. No penalties in it: {n}"),
                        None => "Enter sends it, Esc does not.".into(),
                    };
                    self.preview = Some((c, 0));
                }
                Err(e) => self.message = e.to_string(),
            }
            return Ok(());
        }
        if load == Load::SendLetter {
            let Some((c, _)) = self.preview.take() else {
                return Ok(());
            };
            let folder = Folder::beside(store.path(), &self.letters_dir);
            // What a killed run left: finished or removed first.
            if let Err(e) = recover(store, &folder) {
                self.message = format!("Not sent: {e}");
                return self.load(store, Load::All);
            }
            let mailer = match &self.smtp.url {
                None => Err("no mail server is set (smtp.url)".to_string()),
                Some(url) => Mailer::new(url, &self.smtp.credentials),
            };
            let outbox = Outbox {
                folder: &folder,
                company: &self.company,
                mailer: mailer.as_ref().map_err(Clone::clone),
                // Letters for the post are printed by `dun letters --print`.
                printer: None,
            };
            let sent = send_with(
                store,
                &c,
                self.today,
                &outbox,
                &self.user,
                chrono::Utc::now(),
            );
            self.message = match sent {
                Ok(s) => {
                    let names: Vec<String> = s
                        .files
                        .iter()
                        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .collect();
                    let (done, mail) = match (s.message_id, s.no_email) {
                        (Some(id), _) => ("e-mailed to", format!("; {id}")),
                        (None, Some(w)) => ("written to post to", format!("; not e-mailed: {w}")),
                        (None, None) => ("written to post to", String::new()),
                    };
                    let what = c.label;
                    let mut first = what.chars();
                    let what: String = first
                        .next()
                        .map(|f| f.to_uppercase().chain(first).collect())
                        .unwrap_or_default();
                    format!(
                        "{what} {done} {} and logged ({}){mail}",
                        c.client.code,
                        names.join(", ")
                    )
                }
                Err(e) => format!("Not sent: {e}"),
            };
            return self.load(store, Load::All);
        }
        if load == Load::Save {
            let Some((target, submission)) = self.pending.take() else {
                return Ok(());
            };
            match log::save(
                store,
                &target,
                &submission,
                &self.user,
                self.today,
                chrono::Utc::now(),
            ) {
                Ok(done) => {
                    self.form = None;
                    self.message = done;
                }
                Err(e) => {
                    // The form stays open with the reason; nothing was written.
                    match self.form.as_mut() {
                        Some(form) => form.error = Some(e.to_string()),
                        None => self.message = e.to_string(),
                    }
                    return Ok(());
                }
            }
            return self.load(store, Load::All);
        }
        let today = self.today;
        let clerk = self.mine_only.then(|| self.user.clone());
        let page = u32::try_from(self.list_height.max(1)).unwrap_or(u32::MAX);
        let top = u32::try_from(self.aging_top).unwrap_or(u32::MAX);
        // `All` means everything the current screen shows: the other
        // screens load when they are shown.
        let here = |tab: Tab| load == Load::All && self.tab == tab;
        let (queue, aging, clients, journal) = (
            here(Tab::Queue),
            here(Tab::Aging),
            here(Tab::Clients),
            here(Tab::Journal),
        );
        store.read(|tx| {
            if load == Load::All {
                // The team's rates first: the penalties below use them.
                let stored = store::rates::all(tx)?;
                match crate::rates::tables(&stored) {
                    Ok(rates) => self.rates = rates,
                    Err(e) => self.message = e.to_string(),
                }
                self.missing_rates = crate::rates::missing_today(tx, &self.rates, today)?;
            }
            if queue || load == Load::Queue {
                self.queue = store::queue::queue(tx, today, clerk.as_deref(), &self.rules)?;
                crate::letters::hold::mark(
                    tx,
                    &mut self.queue,
                    today,
                    &self.rules.ladders,
                    &self.rates,
                )?;
                self.queue_selected = self.queue_selected.min(self.queue.len().saturating_sub(1));
            }
            if aging {
                self.aging = store::aging::report(tx, today)?;
            }
            if aging || load == Load::AgingQuery {
                let count = store::aging::count(tx, today, &self.aging_query)?;
                self.aging_count = usize::try_from(count).unwrap_or(usize::MAX);
                self.aging_selected = self.aging_selected.min(self.aging_count.saturating_sub(1));
            }
            if aging || matches!(load, Load::AgingWindow | Load::AgingQuery) {
                let total = u32::try_from(self.aging_count).ok();
                self.aging_rows =
                    store::aging::page(tx, today, &self.aging_query, top, page, total)?;
            }
            if aging
                || matches!(
                    load,
                    Load::AgingWindow | Load::AgingQuery | Load::AgingPenalty
                )
            {
                let number = self.aging_line().map(|l| l.invoice.clone());
                let known = self.aging_penalty.as_ref().map(|(n, _)| n) == number.as_ref();
                // Everything reloads after a write: the figures may have moved.
                if !known || load == Load::All {
                    self.aging_penalty = match number {
                        Some(n) => Some((n.clone(), penalty_view(tx, &n, today, &self.rates)?)),
                        None => None,
                    };
                }
            }
            if matches!(load, Load::All | Load::ClientPage)
                && let Some(code) = &self.page_code
            {
                self.page = match store::clients::find(tx, code)? {
                    Some((_, client)) => Some({
                        let open = store::aging::for_client(tx, today, code)?;
                        ClientPage {
                            notes: store::solvency::for_client(tx, code)?,
                            penalties: open
                                .iter()
                                .map(|l| penalty_view(tx, &l.invoice, today, &self.rates))
                                .collect::<Result<_, _>>()?,
                            open,
                            timeline: store::journal::for_client(tx, code, TIMELINE_LINES)?,
                            client,
                        }
                    }),
                    None => None,
                };
            }
            if clients {
                self.clients = store::clients::overview(tx, today)?;
                self.clients_selected = self
                    .clients_selected
                    .min(self.clients.len().saturating_sub(1));
            }
            if journal {
                self.journal = store::journal::filtered(
                    tx,
                    self.journal_user.as_deref(),
                    self.journal_kind,
                    JOURNAL_LINES,
                )?;
                self.journal_selected = self
                    .journal_selected
                    .min(self.journal.len().saturating_sub(1));
            }
            Ok(())
        })
    }
}
