//! Sending a shown letter: mailed or written for the post, and logged;
//! what was done, in words for the message line.

use super::perform::Env;
use crate::app::App;
use crate::letters::compose::Composed;
use crate::letters::folder::Folder;
use crate::letters::mail::Mailer;
use crate::letters::recover::recover;
use crate::letters::send::{Outbox, send_with};

impl Env<'_> {
    pub(super) fn send(&mut self, app: &App, c: &Composed) -> String {
        let folder = Folder::beside(self.store.path(), &self.letters_dir);
        // What a killed run left: finished or removed first.
        if let Err(e) = recover(self.store, &folder) {
            return format!("Not sent: {e}");
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
            self.store,
            c,
            app.today,
            &outbox,
            &app.user,
            chrono::Utc::now(),
        );
        match sent {
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
                let mut first = c.label.chars();
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
        }
    }
}
