//! Correcting a journal entry and editing or adding a client: the forms
//! opened, their keys, and what their effects bring back.

use super::event::Effect;
use super::form::{ClientForm, CorrectionForm};
use super::mode::Mode;
use super::page::Page;
use super::{Action, App, Tab};

impl App {
    /// `x` on a journal entry: the correction's form, and a read of what
    /// it would undo.
    pub(super) fn open_correction(&mut self) -> Vec<Effect> {
        let Some(e) = self.journal.entry() else {
            return Vec::new();
        };
        let id = e.id;
        self.mode = Mode::Correct(Box::new(CorrectionForm::new(id, &e.client)));
        vec![Effect::PreviewCorrection(id)]
    }

    /// `e`: the file of the client shown (the page) or selected (Clients).
    pub(super) fn edit_client(&mut self) -> Vec<Effect> {
        let client = match (&self.page, self.tab) {
            (Some(_), _) => self.client_page().map(|p| &p.client),
            (None, Tab::Clients) => self.clients.line().map(|l| &l.client),
            _ => None,
        };
        let Some(client) = client else {
            return Vec::new();
        };
        self.mode = Mode::ClientForm(Box::new(ClientForm::edit(client)));
        Vec::new()
    }

    /// `A` on Clients: the same form, empty.
    pub(super) fn add_client(&mut self) -> Vec<Effect> {
        self.mode = Mode::ClientForm(Box::new(ClientForm::add()));
        Vec::new()
    }

    /// A key in the correction's form: the reason typed, Enter to record
    /// it, Esc to leave the entry as it is.
    pub(super) fn on_correct(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        let base = self.base();
        let Mode::Correct(form) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Cancel => {
                self.mode = base;
                self.messages.say("Cancelled: nothing corrected.");
            }
            Action::Confirm => match form.correction() {
                Ok(c) => return vec![Effect::Correct(c)],
                Err(why) => form.error = Some(why),
            },
            Action::Erase => form.backspace(),
            Action::Type => {
                if let Some(c) = typed {
                    form.type_char(c);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// A key in a client's form: typing, moving between fields, Enter to
    /// save the fields changed (or add the client), Esc to cancel.
    pub(super) fn on_client_form(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        let base = self.base();
        let Mode::ClientForm(form) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Cancel => {
                self.mode = base;
                self.messages.say("Cancelled: nothing saved.");
            }
            Action::Confirm => match form.client_edit() {
                Some(edit) if edit.changes.is_empty() => {
                    self.mode = base;
                    self.messages.say("Nothing changed.");
                }
                Some(edit) => return vec![Effect::EditClient(edit)],
                None => match form.new_client() {
                    Ok(new) => return vec![Effect::AddClient(new)],
                    Err(why) => form.error = Some(why),
                },
            },
            Action::NextField => form.next_field(),
            Action::PreviousField => form.previous_field(),
            Action::Erase => form.backspace(),
            Action::Type => {
                if let Some(c) = typed {
                    form.type_char(c);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// What correcting the entry would undo, shown in its form; an entry
    /// that cannot be corrected closes the form and says why.
    pub(super) fn correction_preview(
        &mut self,
        refers_to: i64,
        undoes: Result<String, String>,
    ) -> Vec<Effect> {
        let base = self.base();
        let Mode::Correct(form) = &mut self.mode else {
            return Vec::new();
        };
        if form.refers_to != refers_to {
            return Vec::new();
        }
        match undoes {
            Ok(words) => form.undoes = Some(words),
            Err(why) => {
                self.mode = base;
                self.messages.say(not_corrected(&why));
            }
        }
        Vec::new()
    }

    /// A correction recorded, or refused: the form closes either way, the
    /// message line says what was done or why not (nothing was written).
    pub(super) fn corrected(&mut self, result: Result<String, String>) -> Vec<Effect> {
        if matches!(self.mode, Mode::Correct(_)) {
            self.mode = self.base();
        }
        match result {
            Ok(done) => {
                self.messages.say(done);
                // A correction may touch several clients' lines.
                self.queue.fresh = false;
                vec![Effect::Load(self.load_all())]
            }
            Err(why) => {
                self.messages.say(not_corrected(&why));
                Vec::new()
            }
        }
    }

    /// A client's file saved: the form closes, the message line says what
    /// changed (old → new), the screen is read again; a new client's page
    /// opens. Refused: the form stays open with the reason.
    pub(super) fn client_saved(&mut self, result: Result<(String, String), String>) -> Vec<Effect> {
        let Mode::ClientForm(form) = &mut self.mode else {
            if let Err(why) = result {
                self.messages.say(why);
            }
            return Vec::new();
        };
        match result {
            Ok((code, text)) => {
                if form.adding() {
                    self.page = Some(Page::new(code.clone()));
                    self.mode = Mode::Page;
                } else {
                    self.mode = self.base();
                }
                self.queue.stale.insert(code.clone());
                self.messages.say(format!("{code}: {text}"));
                vec![Effect::Load(self.load_all())]
            }
            Err(why) => {
                form.error = Some(why);
                Vec::new()
            }
        }
    }
}

/// Why an entry is not corrected, for the message line: the reason
/// without the command line's flag name (`refers-to: `).
fn not_corrected(why: &str) -> String {
    format!(
        "Not corrected: {}",
        why.strip_prefix("refers-to: ").unwrap_or(why)
    )
}
