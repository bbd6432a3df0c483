//! The workbench's state and the one way it changes: [`App::handle`] takes
//! an [`Event`] (a key, a tick, a change by another clerk, a resize, what
//! an effect read or wrote) and returns the [`Effect`]s to perform, each
//! with its data. Screens draw from `&App`; nothing here reads a database,
//! a file or the clock. `tui::perform` performs the effects and hands what
//! came of them back as events.
//!
//! Adding to it:
//! - a list screen: a [`Tab`], a struct in `screens/` with its lines,
//!   selection and what it asks to read (a field of [`Load`] and of
//!   [`Loaded`], read in `tui/read.rs`), its keys in `keymap/table.rs`
//!   under `Scope::List(tab)`, and a draw function in `tui/screens/`;
//! - a mode (a form of its own, a confirmation): a [`Mode`] variant and a
//!   [`Scope`], its keys in the table, its handling in `keys.rs`, and what
//!   it draws over the screen in `tui/draw.rs`; the help test in
//!   `tests/app.rs` then checks every key it lists;
//! - a form: a [`form::FormKind`], its fields in `form/fields.rs`, its check
//!   into a submission in `form/check.rs`, and the key that opens it.
//! - a form of its own mode (the correction, a client's file): its state
//!   in `form/`, its keys handled in `editing.rs`;
//! - an effect: an [`Effect`] variant with its data, performed in
//!   `tui/perform.rs`, its outcome an [`Event`] handled in `results.rs`.

pub mod action;
pub mod event;
pub mod form;
pub mod keymap;
pub mod messages;
pub mod mode;
pub mod page;
pub mod preview;
pub mod screens;
pub mod size;
pub mod tab;

mod editing;
mod keys;
mod results;
mod typing;

use chrono::NaiveDate;
use crossterm::event::KeyEventKind;

pub use action::Action;
pub use event::{Effect, Event, Load, Loaded};
pub use messages::Messages;
pub use mode::{Mode, Scope};
pub use page::{ClientPage, Page, TIMELINE_LINES};
pub use tab::Tab;

use crate::domain::penalty::{RateKey, RateTables};
use crate::record::Target;
use screens::aging::Aging;
use screens::clients::Clients;
use screens::journal::Journal;
use screens::queue::Queue;

pub use screens::journal::JOURNAL_LINES;

#[derive(Clone, Debug, PartialEq)]
pub struct App {
    pub today: NaiveDate,
    /// Tells the team's day, so that an open workbench moves to the next
    /// day at midnight; `None` when today was fixed (`--today`).
    pub clock: Option<crate::team::Clock>,
    pub user: String,
    /// Shown on the top line: `DEMO` or the database file's name.
    pub database: String,
    /// The rules the queue follows: ladders, minimums, receipt days (from
    /// the team settings).
    pub rules: crate::domain::queue::Rules,
    /// Reference rates for penalties: the shipped ones with the team's over
    /// them, read again with everything else (another clerk may set one).
    pub rates: RateTables,
    /// The rates needed today for the open overdue invoices that `rates`
    /// lacks, in order; a line under the tabs names them.
    pub missing_rates: Vec<RateKey>,
    /// What the keys go to.
    pub mode: Mode,
    /// The list shown (under the client page, when one is open).
    pub tab: Tab,
    pub queue: Queue,
    pub aging: Aging,
    pub clients: Clients,
    pub journal: Journal,
    /// The client page, when open (over the list it was opened from).
    pub page: Option<Page>,
    /// The message line, and the last messages in full.
    pub messages: Messages,
    /// The terminal's size; 0 until told.
    pub width: u16,
    pub height: u16,
    /// Lines a list shows at once.
    pub list_height: usize,
    pub quit: bool,
}

impl App {
    pub fn new(today: NaiveDate, user: &str, database: &str) -> App {
        App {
            today,
            clock: None,
            user: user.to_string(),
            database: database.to_string(),
            rules: crate::team::TeamSettings::default().rules(),
            rates: crate::rates::shipped_tables().unwrap_or_default(),
            missing_rates: Vec::new(),
            mode: Mode::List,
            tab: Tab::Queue,
            queue: Queue::default(),
            aging: Aging::new(today),
            clients: Clients::default(),
            journal: Journal::default(),
            page: None,
            messages: Messages::default(),
            width: 0,
            height: 0,
            list_height: 10,
            quit: false,
        }
    }

    /// Everything the workbench does starts here.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let mut effects = match event {
            Event::Start => vec![Effect::Load(self.load_all())],
            Event::Key(key) if key.kind == KeyEventKind::Press => self.key(key),
            Event::Key(_) => Vec::new(),
            Event::Tick(now) => self.tick(now),
            Event::DataChanged(changes) => self.data_changed(changes),
            Event::Resize { width, height } => {
                self.width = width;
                self.height = height;
                Vec::new()
            }
            Event::Team(team) => self.team(*team),
            Event::Loaded(loaded) => self.loaded(*loaded),
            Event::Recorded(result) => self.recorded(result),
            Event::CorrectionPreview { refers_to, undoes } => {
                self.correction_preview(refers_to, undoes)
            }
            Event::Corrected(result) => self.corrected(result),
            Event::ClientSaved(result) => self.client_saved(result),
            Event::Composed(result) => self.composed(result),
            Event::Sent(what) => {
                self.messages.say(what);
                self.queue.fresh = false;
                vec![Effect::Load(self.load_all())]
            }
            Event::Failed(why) => {
                self.messages.say(why);
                Vec::new()
            }
        };
        effects.extend(self.refit());
        effects
    }

    /// The message line now.
    pub fn message(&self) -> &str {
        &self.messages.current
    }

    /// The keymap's scope of the current mode.
    pub fn scope(&self) -> Scope {
        self.mode.scope(self.tab)
    }

    /// The screen under whatever is open: the client page or the list.
    pub fn base(&self) -> Mode {
        if self.page.is_some() {
            Mode::Page
        } else {
            Mode::List
        }
    }

    /// Whether a line under the tabs names a missing rate.
    pub fn warning(&self) -> bool {
        !self.missing_rates.is_empty()
    }

    /// The client page's data, when open and read.
    pub fn client_page(&self) -> Option<&ClientPage> {
        self.page.as_ref().and_then(|p| p.data.as_ref())
    }

    /// What to read for everything the current screen shows: the other
    /// lists are read when they are shown.
    pub fn load_all(&self) -> Load {
        let here = |tab: Tab| self.tab == tab;
        Load {
            rates: true,
            queue: if here(Tab::Queue) {
                self.queue.wanted(&self.user)
            } else {
                None
            },
            aging: here(Tab::Aging).then(|| self.aging.load_all(self.list_height)),
            clients: here(Tab::Clients).then(|| self.clients.reload(self.list_height)),
            journal: here(Tab::Journal).then(|| self.journal.load()),
            page: self.page.as_ref().map(|p| p.code.clone()),
            // A search kept on the queue finds its clients again.
            queue_search: (here(Tab::Queue) && !self.queue.search.trim().is_empty())
                .then(|| self.queue.search.clone()),
        }
    }

    /// What a form opened now would be about: the client page's most
    /// overdue invoice, or the selected line.
    pub fn target(&self) -> Option<Target> {
        if let Some(page) = &self.page {
            return page.target();
        }
        match self.tab {
            Tab::Queue => self.queue.target(),
            Tab::Aging => self.aging.target(),
            Tab::Clients | Tab::Journal => None,
        }
    }

    /// Sets the list's lines from the terminal's height; true when they
    /// changed.
    fn fit_rows(&mut self) -> bool {
        if self.height == 0 {
            return false;
        }
        let rows = size::list_rows(self.tab, self.height, self.warning());
        let changed = rows != self.list_height;
        self.list_height = rows;
        changed
    }

    /// Keeps the lists in step with the terminal: the aging window is read
    /// again when its lines changed.
    fn refit(&mut self) -> Vec<Effect> {
        if !self.fit_rows() || self.tab != Tab::Aging {
            return Vec::new();
        }
        self.aging.refit(self.list_height);
        vec![Effect::Load(Load {
            aging: Some(self.aging.load_window(self.list_height)),
            ..Load::default()
        })]
    }
}

#[cfg(test)]
mod tests;
