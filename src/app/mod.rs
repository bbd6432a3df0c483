//! The workbench's state and how actions change it. Screens render from
//! `&App` alone; what has to come from the database is asked for by
//! [`App::update`] and fetched by [`App::load`].

pub mod action;
pub mod keymap;

use chrono::NaiveDate;

pub use action::{Action, Tab};

use crate::domain::aging::AgingReport;
use crate::domain::client::Client;
use crate::store::aging::AgingLine;
use crate::store::journal::JournalEntry;
use crate::store::queue::OverdueClient;
use crate::store::{self, Store, StoreError};

/// What the screen needs fetched after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// Everything (start, or another clerk changed the database).
    All,
    Queue,
    /// The visible window of the aging list.
    AgingWindow,
}

pub struct App {
    pub today: NaiveDate,
    pub user: String,
    /// Shown on the top line: `DEMO` or the database file's name.
    pub database: String,
    pub tab: Tab,
    pub help: bool,
    pub quit: bool,
    /// Result or error of the last thing done, for the message line.
    pub message: String,
    pub mine_only: bool,
    pub queue: Vec<OverdueClient>,
    pub queue_selected: usize,
    pub aging: AgingReport,
    /// Open invoices in the aging list.
    pub aging_count: usize,
    pub aging_selected: usize,
    /// Position of the first visible aging line, and the visible lines.
    pub aging_top: usize,
    pub aging_rows: Vec<AgingLine>,
    pub clients: Vec<Client>,
    pub clients_selected: usize,
    /// The latest entries of the journal, newest first.
    pub journal: Vec<JournalEntry>,
    pub journal_selected: usize,
    /// Lines a list shows at once; the terminal sets it when drawing.
    pub list_height: usize,
}

/// Journal entries the Journal screen keeps.
pub const JOURNAL_LINES: u32 = 500;

impl App {
    pub fn new(today: NaiveDate, user: &str, database: &str) -> App {
        App {
            today,
            user: user.to_string(),
            database: database.to_string(),
            tab: Tab::Queue,
            help: false,
            quit: false,
            message: String::new(),
            mine_only: false,
            queue: Vec::new(),
            queue_selected: 0,
            aging: AgingReport::new(today),
            aging_count: 0,
            aging_selected: 0,
            aging_top: 0,
            aging_rows: Vec::new(),
            clients: Vec::new(),
            clients_selected: 0,
            journal: Vec::new(),
            journal_selected: 0,
            list_height: 10,
        }
    }

    /// Applies an action; returns what must be fetched for the next frame.
    pub fn update(&mut self, action: Action) -> Option<Load> {
        match action {
            Action::Quit => {
                self.quit = true;
                None
            }
            Action::Help => {
                self.help = !self.help;
                None
            }
            Action::Back => {
                self.help = false;
                None
            }
            Action::Show(tab) => {
                self.help = false;
                self.tab = tab;
                self.message.clear();
                None
            }
            Action::ToggleMine => {
                self.mine_only = !self.mine_only;
                self.queue_selected = 0;
                self.message = if self.mine_only {
                    format!("Queue: clients of {}", self.user)
                } else {
                    "Queue: everyone's clients".to_string()
                };
                Some(Load::Queue)
            }
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => self.move_selection(action),
        }
    }

    fn move_selection(&mut self, action: Action) -> Option<Load> {
        let page = self.list_height.max(1);
        let (selected, count) = match self.tab {
            Tab::Queue => (&mut self.queue_selected, self.queue.len()),
            Tab::Aging => (&mut self.aging_selected, self.aging_count),
            Tab::Clients => (&mut self.clients_selected, self.clients.len()),
            Tab::Journal => (&mut self.journal_selected, self.journal.len()),
        };
        if count == 0 {
            return None;
        }
        let last = count - 1;
        *selected = match action {
            Action::Down => (*selected + 1).min(last),
            Action::Up => selected.saturating_sub(1),
            Action::PageDown => (*selected + page).min(last),
            Action::PageUp => selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => *selected,
        };
        if self.tab == Tab::Aging {
            let s = self.aging_selected;
            if s < self.aging_top || s >= self.aging_top + page {
                self.aging_top = s - s % page;
                return Some(Load::AgingWindow);
            }
        }
        None
    }

    /// Fetches what `load` names, in one read transaction.
    pub fn load(&mut self, store: &mut Store, load: Load) -> Result<(), StoreError> {
        let today = self.today;
        let clerk = self.mine_only.then(|| self.user.clone());
        let page = u32::try_from(self.list_height.max(1)).unwrap_or(u32::MAX);
        let top = u32::try_from(self.aging_top).unwrap_or(u32::MAX);
        store.read(|tx| {
            if matches!(load, Load::All | Load::Queue) {
                self.queue = store::queue::queue(tx, today, clerk.as_deref())?;
                self.queue_selected = self.queue_selected.min(self.queue.len().saturating_sub(1));
            }
            if load == Load::All {
                self.aging = store::aging::report(tx, today)?;
                let count: u64 = self.aging.totals.iter().map(|t| t.count()).sum();
                self.aging_count = usize::try_from(count).unwrap_or(usize::MAX);
                self.aging_selected = self.aging_selected.min(self.aging_count.saturating_sub(1));
            }
            if matches!(load, Load::All | Load::AgingWindow) {
                self.aging_rows = store::aging::page(tx, today, top, page)?;
            }
            if load == Load::All {
                self.clients = store::clients::all(tx)?;
                self.clients_selected = self
                    .clients_selected
                    .min(self.clients.len().saturating_sub(1));
                self.journal = store::journal::latest(tx, Some(JOURNAL_LINES))?;
                self.journal_selected = self
                    .journal_selected
                    .min(self.journal.len().saturating_sub(1));
            }
            Ok(())
        })
    }
}
