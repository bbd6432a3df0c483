//! Keys in what is open over a screen: the search being typed, a form, a
//! letter shown before it is sent, the help and the messages.

use super::event::Effect;
use super::mode::Mode;
use super::{Action, App};

impl App {
    /// A key while typing the aging list's search: the list follows each
    /// letter; Enter keeps the search, Esc clears it.
    pub(super) fn on_search(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        if self.tab == super::Tab::Clients {
            return self.on_clients_search(action, typed);
        }
        if self.tab == super::Tab::Queue {
            return self.on_queue_search(action, typed);
        }
        if self.tab == super::Tab::Journal {
            return self.on_journal_search(action, typed);
        }
        match action {
            Action::Confirm => {
                self.mode = Mode::List;
                Vec::new()
            }
            Action::Cancel => {
                self.mode = Mode::List;
                self.aging_query(|a, _| a.query.search.clear())
            }
            Action::Erase => self.aging_query(|a, _| {
                a.query.search.pop();
            }),
            Action::Type => match typed {
                Some(c) if self.aging.type_char(c) => self.aging_query(|_, _| {}),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// A key while typing the queue's search: the lines of the clients it
    /// finds (code, name, e-mail, phone) or with an invoice numbered so
    /// follow each letter.
    fn on_queue_search(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        let q = &mut self.queue;
        match action {
            Action::Confirm => {
                self.mode = Mode::List;
                return Vec::new();
            }
            Action::Cancel => {
                self.mode = Mode::List;
                q.search.clear();
            }
            Action::Erase => {
                q.search.pop();
            }
            Action::Type => match typed {
                Some(c) if !c.is_control() && q.search.chars().count() < 60 => q.search.push(c),
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
        q.found = None;
        q.filter();
        if q.search.trim().is_empty() {
            return Vec::new();
        }
        vec![Effect::Load(super::event::Load {
            queue_search: Some(q.search.clone()),
            ..super::event::Load::default()
        })]
    }

    /// A key while typing the journal's search: the entries about the
    /// clients it finds follow each letter.
    fn on_journal_search(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        let j = &mut self.journal;
        match action {
            Action::Confirm => {
                self.mode = Mode::List;
                return Vec::new();
            }
            Action::Cancel => {
                self.mode = Mode::List;
                j.search.clear();
            }
            Action::Erase => {
                j.search.pop();
            }
            Action::Type => match typed {
                Some(c) if !c.is_control() && j.search.chars().count() < 60 => j.search.push(c),
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
        j.selected = 0;
        vec![Effect::Load(super::event::Load {
            journal: Some(j.load()),
            ..super::event::Load::default()
        })]
    }

    /// A key while typing the clients list's search: case and accents
    /// aside, the first page of what it finds follows each letter.
    fn on_clients_search(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                self.mode = Mode::List;
                Vec::new()
            }
            Action::Cancel => {
                self.mode = Mode::List;
                self.clients_query(|q, _| q.search.clear())
            }
            Action::Erase => self.clients_query(|q, _| {
                q.search.pop();
            }),
            Action::Type => match typed {
                Some(c) if !c.is_control() && self.clients.query.search.chars().count() < 60 => {
                    self.clients_query(|q, _| q.search.push(c))
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// A key while a form is open: typing, moving between fields, Enter to
    /// record (when the fields check out), Esc to cancel.
    pub(super) fn on_form(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        let base = self.base();
        let Mode::Form(form) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Cancel => {
                self.mode = base;
                self.messages.say("Cancelled: nothing recorded.");
            }
            Action::Confirm => match form.submission(self.today) {
                Ok(submission) => {
                    return vec![Effect::Record {
                        target: form.target.clone(),
                        submission,
                    }];
                }
                Err(reason) => form.error = Some(reason),
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

    /// A key while a letter is shown: Enter sends it, Esc puts it away,
    /// the arrows scroll it.
    pub(super) fn on_preview(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Help {
            self.mode = Mode::Help(Box::new(self.mode.clone()));
            return Vec::new();
        }
        let base = self.base();
        let Mode::Preview(preview) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Confirm => {
                let letter = preview.letter.clone();
                self.mode = base;
                return vec![Effect::SendLetter(Box::new(letter))];
            }
            Action::Cancel => {
                self.mode = base;
                self.messages.say("Letter not sent.");
            }
            Action::Down => preview.down(1),
            Action::Up => preview.up(1),
            Action::PageDown => preview.page_down(),
            Action::PageUp => preview.page_up(),
            _ => {}
        }
        Vec::new()
    }

    /// A key in the help or the messages: back to where they were opened,
    /// or scrolling the messages.
    pub(super) fn on_overlay(&mut self, action: Action) -> Vec<Effect> {
        match (&mut self.mode, action) {
            (Mode::Help(over), Action::Back) => self.mode = (**over).clone(),
            (Mode::Messages { over, .. }, Action::Back) => self.mode = (**over).clone(),
            (Mode::Messages { scroll, .. }, Action::Down) => *scroll = scroll.saturating_add(1),
            (Mode::Messages { scroll, .. }, Action::Up) => *scroll = scroll.saturating_sub(1),
            _ => {}
        }
        Vec::new()
    }
}
