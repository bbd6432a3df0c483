//! Keys in what is open over a screen: the search being typed, a form, a
//! letter shown before it is sent, the help and the messages.

use super::event::{Effect, Load};
use super::mode::Mode;
use super::screens::aging::SEARCH_MAX;
use super::{Action, App, Tab};

impl App {
    /// A key while typing a list's search: the list follows each letter
    /// (what it finds is read again); Enter keeps the search, Esc clears it.
    pub(super) fn on_search(&mut self, action: Action, typed: Option<char>) -> Vec<Effect> {
        if matches!(action, Action::Confirm | Action::Cancel) {
            self.mode = Mode::List;
        }
        let text = self.search_mut();
        match action {
            Action::Confirm => return Vec::new(),
            Action::Cancel => text.clear(),
            Action::Erase => {
                text.pop();
            }
            Action::Type => match typed {
                Some(c) if !c.is_control() && text.chars().count() < SEARCH_MAX => text.push(c),
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
        self.searched()
    }

    /// The search of the list shown, as typed.
    pub fn search(&self) -> &str {
        match self.tab {
            Tab::Queue => &self.queue.search,
            Tab::Aging => &self.aging.query.search,
            Tab::Clients => &self.clients.query.search,
            Tab::Journal => &self.journal.search,
        }
    }

    /// The search of the list shown.
    fn search_mut(&mut self) -> &mut String {
        match self.tab {
            Tab::Queue => &mut self.queue.search,
            Tab::Aging => &mut self.aging.query.search,
            Tab::Clients => &mut self.clients.query.search,
            Tab::Journal => &mut self.journal.search,
        }
    }

    /// The search of the list shown changed: what it finds, read.
    fn searched(&mut self) -> Vec<Effect> {
        match self.tab {
            Tab::Aging => self.aging_query(|_, _| {}),
            Tab::Clients => self.clients_query(|_, _| {}),
            Tab::Journal => {
                self.journal.selected = 0;
                vec![Effect::Load(Load {
                    journal: Some(self.journal.load()),
                    ..Load::default()
                })]
            }
            Tab::Queue => {
                let q = &mut self.queue;
                q.found = None;
                q.filter();
                if q.search.trim().is_empty() {
                    return Vec::new();
                }
                vec![Effect::Load(Load {
                    queue_search: Some(q.search.clone()),
                    ..Load::default()
                })]
            }
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
