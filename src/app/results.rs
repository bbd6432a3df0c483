//! What effects bring back, and the day and the team's settings moving on.

use chrono::{DateTime, Utc};

use super::App;
use super::Tab;
use super::event::{Effect, Load, Loaded, Team};
use super::mode::Mode;
use super::preview::Preview;
use crate::letters::compose::Composed;
use crate::store::changes::Changes;

impl App {
    /// At the team's midnight the workbench moves to the new day (unless
    /// today was fixed).
    pub(super) fn tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(today) = self.clock.map(|c| c.today(now)) else {
            return Vec::new();
        };
        if today == self.today {
            return Vec::new();
        }
        self.today = today;
        self.queue.fresh = false;
        vec![Effect::Load(self.load_all())]
    }

    /// The team's settings read again: the rules change what is read.
    pub(super) fn team(&mut self, team: Result<Team, String>) -> Vec<Effect> {
        match team {
            Ok(team) => {
                if self.clock.is_some() {
                    self.clock = Some(team.clock);
                }
                self.rules = team.rules;
            }
            Err(why) => self.messages.say(why),
        }
        self.queue.fresh = false;
        vec![Effect::Load(self.load_all())]
    }

    /// Another clerk wrote: only what shows and what changed is read
    /// again (nothing when nothing on screen did); the queue's lines of
    /// the clients touched, when the queue shows or next time it does.
    pub(super) fn data_changed(&mut self, changes: Changes) -> Vec<Effect> {
        if changes.everything || changes.team {
            // The rules or the rates may have changed: everything again.
            return vec![Effect::ReadTeam];
        }
        self.queue.stale.extend(changes.clients.iter().cloned());
        let touched = !changes.clients.is_empty();
        let here = |tab: Tab| self.mode != Mode::Page && self.tab == tab;
        let load = Load {
            queue: if self.tab == Tab::Queue {
                self.queue.wanted(&self.user)
            } else {
                None
            },
            aging: (here(Tab::Aging) && touched).then(|| self.aging.load_all(self.list_height)),
            clients: (here(Tab::Clients) && touched).then(|| self.clients.reload(self.list_height)),
            journal: (here(Tab::Journal) && changes.journal).then(|| self.journal.load()),
            page: self
                .page
                .as_ref()
                .filter(|p| changes.clients.contains(&p.code))
                .map(|p| p.code.clone()),
            ..Load::default()
        };
        if load.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Load(load)]
        }
    }

    pub(super) fn loaded(&mut self, mut l: Loaded) -> Vec<Effect> {
        if let Some((rates, missing)) = l.rates.take() {
            match rates {
                Ok(rates) => self.rates = rates,
                Err(why) => self.messages.say(why),
            }
            self.missing_rates = missing;
        }
        if let Some(lines) = l.queue.take() {
            self.queue.loaded(lines);
        }
        if let Some((typed, codes)) = l.queue_found.take() {
            self.queue.found(&typed, codes);
        }
        if let Some((codes, lines)) = l.queue_of.take() {
            self.queue.loaded_of(&codes, lines);
        }
        self.aging.loaded(&mut l);
        if let Some((window, count, lines)) = l.clients.take() {
            self.clients.loaded(window, count, lines);
            if std::mem::take(&mut self.clients.announce) {
                self.messages.show(self.clients.words(&self.user));
            }
        }
        if let Some((read, entries)) = l.journal.take() {
            self.journal.loaded(&read, entries);
        }
        if let Some(entries) = l.journal_more.take() {
            self.journal.loaded_more(entries);
        }
        if let Some((code, data)) = l.page.take()
            && let Some(page) = self.page.as_mut().filter(|p| p.code == code)
        {
            match data {
                Some(data) => page.data = Some(data),
                None => {
                    self.page = None;
                    if self.mode == Mode::Page {
                        self.mode = Mode::List;
                    }
                }
            }
        }
        Vec::new()
    }

    /// A form written: closed, with what was done; or refused: open, with
    /// the reason (nothing was written).
    pub(super) fn recorded(&mut self, result: Result<String, String>) -> Vec<Effect> {
        match result {
            Ok(done) => {
                if let Mode::Form(form) = &self.mode {
                    self.queue.stale.insert(form.target.client.clone());
                    self.mode = self.base();
                }
                self.messages.say(done);
                vec![Effect::Load(self.load_all())]
            }
            Err(why) => {
                match &mut self.mode {
                    Mode::Form(form) => form.error = Some(why),
                    _ => self.messages.say(why),
                }
                Vec::new()
            }
        }
    }

    /// A letter to show before it is sent; the message line says what
    /// Enter does, and why a letter is held.
    pub(super) fn composed(&mut self, result: Result<Box<Composed>, String>) -> Vec<Effect> {
        match result {
            Ok(c) => {
                let said = match (&c.held, &c.penalty_note) {
                    // The first 80 columns say what Enter does.
                    (Some(m), _) => format!(
                        "Held: {}. Enter sends it anyway, Esc does not. Or set it: {}",
                        m.missing(),
                        m.command()
                    ),
                    (None, Some(n)) => {
                        format!("Enter sends it, Esc does not. No penalties in it: {n}")
                    }
                    (None, None) => "Enter sends it, Esc does not.".to_string(),
                };
                self.messages.say(said);
                self.mode = Mode::Preview(Box::new(Preview::new(*c)));
            }
            Err(why) => self.messages.say(why),
        }
        Vec::new()
    }
}
