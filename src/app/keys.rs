//! A key, through the keymap of the current mode, to what it does.

use crossterm::event::{KeyCode, KeyEvent};

use super::event::{Effect, Load};
use super::form::{Form, FormKind};
use super::mode::{Mode, Scope};
use super::page::Page;
use super::screens::moved;
use super::{Action, App, Tab, keymap};
use crate::domain::activity::{ACKNOWLEDGED, ActivityKind};
use crate::domain::currency::Currency;
use crate::letters::answer::{Answer, answer};
use crate::record::{Submission, Target};

impl App {
    pub(super) fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let scope = self.scope();
        let Some(action) = keymap::action_for(scope, key) else {
            return Vec::new();
        };
        let typed = match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        };
        match action {
            Action::Quit => {
                self.quit = true;
                Vec::new()
            }
            Action::Suspend => vec![Effect::Suspend],
            _ => match scope {
                Scope::List(_) | Scope::Page => self.on_screen(action),
                Scope::Search => self.on_search(action, typed),
                Scope::Form => self.on_form(action, typed),
                Scope::Correct => self.on_correct(action, typed),
                Scope::ClientForm => self.on_client_form(action, typed),
                Scope::Preview => self.on_preview(action),
                Scope::Help | Scope::Messages => self.on_overlay(action),
            },
        }
    }

    /// A key on a list or the client page.
    fn on_screen(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Help => {
                self.mode = Mode::Help(Box::new(self.mode.clone()));
                Vec::new()
            }
            Action::Messages => {
                let over = Box::new(self.mode.clone());
                self.mode = Mode::Messages { over, scroll: 0 };
                Vec::new()
            }
            Action::Back => {
                self.page = None;
                self.mode = Mode::List;
                Vec::new()
            }
            Action::Show(tab) => {
                self.page = None;
                self.mode = Mode::List;
                self.tab = tab;
                self.messages.clear();
                self.fit_rows();
                vec![Effect::Load(self.load_all())]
            }
            Action::Open => self.open(),
            Action::Search => {
                self.mode = Mode::Search;
                Vec::new()
            }
            Action::CycleBucket => self.aging_query(|a, _| a.cycle_bucket()),
            Action::ToggleDisputed => {
                self.aging_query(|a, _| a.query.disputed_only = !a.query.disputed_only)
            }
            Action::CycleSort if self.tab == Tab::Clients => {
                self.clients_query(|c, _| c.sort = c.sort.next())
            }
            Action::CycleSort => self.aging_query(|a, _| a.cycle_sort()),
            Action::ToggleOverLimit => self.clients_query(|c, _| c.over_limit = !c.over_limit),
            Action::ToggleMine if self.tab == Tab::Clients => self.clients_query(|c, user| {
                c.clerk = match c.clerk {
                    Some(_) => None,
                    None => Some(user.to_string()),
                }
            }),
            Action::CycleProfile => self.aging_query(|a, _| a.cycle_profile()),
            Action::CycleCurrency => self.aging_query(|a, _| a.cycle_currency()),
            Action::ToggleMine if self.tab == Tab::Aging => {
                self.aging_query(|a, user| a.toggle_mine(user))
            }
            Action::ToggleMine if self.tab == Tab::Journal => {
                self.journal.toggle_mine(&self.user);
                self.messages.show(self.journal.words());
                vec![Effect::Load(self.load_all())]
            }
            Action::ToggleMine => {
                self.queue.mine = !self.queue.mine;
                self.queue.selected = 0;
                self.messages.show(if self.queue.mine {
                    format!("Queue: clients of {}", self.user)
                } else {
                    "Queue: everyone's clients".to_string()
                });
                vec![Effect::Load(Load {
                    queue: Some(self.queue.load(&self.user)),
                    ..Load::default()
                })]
            }
            Action::CycleKind => {
                self.journal.cycle_kind();
                self.messages.show(self.journal.words());
                vec![Effect::Load(self.load_all())]
            }
            Action::Acknowledge => self.acknowledge(),
            Action::Correct => self.open_correction(),
            Action::EditClient => self.edit_client(),
            Action::AddClient => self.add_client(),
            Action::Statement => match self.target() {
                Some(t) => vec![Effect::ComposeStatement(t.client)],
                None => {
                    self.messages
                        .say("Open the client (Enter) for its statement.");
                    Vec::new()
                }
            },
            Action::Log(kind) => self.log(kind),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => self.move_selection(action),
            _ => Vec::new(),
        }
    }

    /// The clients list's query changed: its first page, read again.
    pub(super) fn clients_query(
        &mut self,
        change: impl FnOnce(&mut crate::store::client_list::ClientQuery, &str),
    ) -> Vec<Effect> {
        change(&mut self.clients.query, &self.user);
        self.clients.selected = 0;
        self.clients.announce = true;
        vec![Effect::Load(Load {
            clients: Some(self.clients.load(
                crate::store::client_list::ClientWindow::First,
                self.list_height,
            )),
            ..Load::default()
        })]
    }

    /// Opens the page of the selected line's client.
    fn open(&mut self) -> Vec<Effect> {
        let code = match self.tab {
            Tab::Queue => self.queue.line().map(|c| c.code.clone()),
            Tab::Aging => self.aging.line().map(|l| l.client.clone()),
            Tab::Clients => self.clients.line().map(|c| c.client.code.clone()),
            Tab::Journal => self.journal.entry().map(|e| e.client.clone()),
        };
        let Some(code) = code else {
            return Vec::new();
        };
        self.page = Some(Page::new(code.clone()));
        self.mode = Mode::Page;
        vec![Effect::OpenClient(code)]
    }

    /// Changes the aging list's query and reads it from its first line.
    pub(super) fn aging_query(
        &mut self,
        change: impl FnOnce(&mut super::Aging, &str),
    ) -> Vec<Effect> {
        change(&mut self.aging, &self.user);
        self.aging.restart();
        self.messages.show(self.aging.words());
        vec![Effect::Load(Load {
            aging: Some(self.aging.load_query(self.list_height)),
            ..Load::default()
        })]
    }

    /// Opens a form, or the letter that answers a queue line.
    fn log(&mut self, kind: FormKind) -> Vec<Effect> {
        let on_queue = self.tab == Tab::Queue && self.page.is_none();
        if kind == FormKind::Reminder
            && on_queue
            && let Some(line) = self.queue.line()
        {
            // From the queue, `r` shows the letter that answers the line:
            // the case's ladder letter, a pilot-end notice, a deposit
            // request, a visit confirmation; a line no letter answers says
            // what does.
            if answer(line, &self.rules.ladders) != Answer::NoLetter {
                return vec![Effect::ComposeLetter(Box::new(line.clone()))];
            }
            let said = format!(
                "No letter answers “{}”: {}.",
                line.reason.label(),
                line.reason.answered_by()
            );
            self.messages.say(said);
            return Vec::new();
        }
        let Some(mut target) = self.target() else {
            self.messages.say("Nothing selected to log against.");
            return Vec::new();
        };
        // From the queue or a client page, a promise is for what the
        // client owes in all, never for one (perhaps disputed) invoice.
        if (self.tab == Tab::Queue || self.page.is_some()) && kind == FormKind::Promise {
            target.invoice = None;
        }
        // An escalation and a plan are about the case as a whole; on an
        // escalated case's review, `e` records its outcome.
        let reviewing = on_queue
            && self.queue.line().is_some_and(|l| {
                matches!(l.reason, crate::domain::queue::Reason::EscalationReview(_))
            });
        let kind = match kind {
            FormKind::Escalation if reviewing => FormKind::EscalationOutcome,
            k => k,
        };
        if matches!(
            kind,
            FormKind::Escalation | FormKind::EscalationOutcome | FormKind::PaymentPlan
        ) {
            target.invoice = None;
        }
        self.mode = Mode::Form(Box::new(Form::new(kind, target, self.today)));
        Vec::new()
    }

    /// Records that the selected registered letter was received: one key,
    /// dated today, referring to the letter's entry.
    fn acknowledge(&mut self) -> Vec<Effect> {
        let Some(e) = self.journal.entry() else {
            return Vec::new();
        };
        if !e.registered {
            self.messages
                .say("Only a letter sent by registered mail has an acknowledgment.");
            return Vec::new();
        }
        if let Some(d) = e.acknowledged_on {
            self.messages.say(format!("Acknowledged already, on {d}."));
            return Vec::new();
        }
        let mut s = Submission::new(ActivityKind::Letter);
        s.outcome = Some(ACKNOWLEDGED.to_string());
        s.date = Some(self.today);
        s.refers_to = Some(e.id);
        s.note = format!(
            "acknowledgment of receipt of the {} of {}",
            e.kind.replace('_', " "),
            e.on
        );
        let target = Target {
            client: e.client.clone(),
            client_name: e.client.clone(),
            invoice: e.invoice.clone(),
            currency: e
                .currency
                .as_deref()
                .and_then(|c| Currency::from_code(c).ok())
                .unwrap_or(Currency::EUR),
            invoice_outstanding: 0,
            overdue: 0,
            reminder_level: 0,
            line_invoices: Vec::new(),
            overdue_invoices: Vec::new(),
        };
        vec![Effect::Record {
            target,
            submission: s,
        }]
    }

    fn move_selection(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.list_height.max(1);
        if let Some(page) = &mut self.page {
            page.scroll(action, rows);
            return Vec::new();
        }
        match self.tab {
            Tab::Queue => {
                let q = &mut self.queue;
                q.selected = moved(q.selected, q.shown().len(), action, rows);
            }
            Tab::Clients => {
                return self
                    .clients
                    .moved(action, rows)
                    .map(|w| {
                        Effect::Load(Load {
                            clients: Some(self.clients.load(w, rows)),
                            ..Load::default()
                        })
                    })
                    .into_iter()
                    .collect();
            }
            Tab::Journal => {
                let j = &mut self.journal;
                j.selected = moved(j.selected, j.entries.len(), action, rows);
                if let Some(more) = j.more(rows) {
                    return vec![Effect::Load(Load {
                        journal: Some(more),
                        ..Load::default()
                    })];
                }
            }
            Tab::Aging => {
                if self.aging.count == 0 {
                    return Vec::new();
                }
                let to = moved(self.aging.selected, self.aging.count, action, rows);
                let aging = if self.aging.select(to, rows) {
                    Some(self.aging.load_window(rows))
                } else {
                    self.aging.load_penalty()
                };
                return aging
                    .map(|a| {
                        Effect::Load(Load {
                            aging: Some(a),
                            ..Load::default()
                        })
                    })
                    .into_iter()
                    .collect();
            }
        }
        Vec::new()
    }
}
