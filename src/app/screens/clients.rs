//! The clients: balance, oldest open invoice, credit limit and flags, a
//! page at a time (keyset paging on the list's order), searched, sorted,
//! narrowed to the clerk's clients or to those over their credit limit.

use crate::store::client_list::{ClientQuery, ClientWindow};
use crate::store::clients::ClientLine;

use super::super::event::ClientsLoad;

#[derive(Clone, Debug, PartialEq)]
pub struct Clients {
    /// The lines shown: one window of the list.
    pub lines: Vec<ClientLine>,
    pub selected: usize,
    /// How many clients the query finds.
    pub count: u64,
    pub query: ClientQuery,
    /// Which window `lines` are, read again as it is after a change.
    pub shown: ClientWindow,
    /// The query changed: say what the list shows once it is read.
    pub announce: bool,
}

impl Default for Clients {
    fn default() -> Clients {
        Clients {
            lines: Vec::new(),
            selected: 0,
            count: 0,
            query: ClientQuery::default(),
            shown: ClientWindow::First,
            announce: false,
        }
    }
}

impl Clients {
    pub fn line(&self) -> Option<&ClientLine> {
        self.lines.get(self.selected)
    }

    /// What to read: `window` of the list, `rows` lines.
    pub fn load(&self, window: ClientWindow, rows: usize) -> ClientsLoad {
        ClientsLoad {
            query: self.query.clone(),
            window,
            limit: u32::try_from(rows.max(1)).unwrap_or(u32::MAX),
        }
    }

    /// The window shown, read again.
    pub fn reload(&self, rows: usize) -> ClientsLoad {
        self.load(self.shown.clone(), rows)
    }

    /// A window read. One past either end of the list is empty: the lines
    /// shown stay.
    pub fn loaded(&mut self, window: ClientWindow, count: u64, lines: Vec<ClientLine>) {
        self.count = count;
        let beyond = matches!(window, ClientWindow::After(_) | ClientWindow::Before(_));
        if lines.is_empty() && beyond && count > 0 {
            return;
        }
        self.lines = lines;
        self.shown = window;
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
    }

    /// The window a move asks for, and where the selection goes; `None`
    /// when the move stays within the lines shown.
    pub fn moved(&mut self, action: super::super::Action, rows: usize) -> Option<ClientWindow> {
        use super::super::Action;
        let sort = self.query.sort;
        let last = self.lines.len().saturating_sub(1);
        let full = self.lines.len() >= rows;
        match action {
            Action::Down if self.selected < last => {
                self.selected += 1;
                None
            }
            // One line further: the window after its first line.
            Action::Down => full.then(|| ClientWindow::After(self.lines[0].key(sort))),
            Action::Up if self.selected > 0 => {
                self.selected -= 1;
                None
            }
            Action::Up => self
                .lines
                .last()
                .filter(|_| full)
                .map(|l| ClientWindow::Before(l.key(sort))),
            Action::PageDown => self.lines.last().map(|l| ClientWindow::After(l.key(sort))),
            Action::PageUp => self
                .lines
                .first()
                .map(|l| ClientWindow::Before(l.key(sort))),
            Action::Top => {
                self.selected = 0;
                Some(ClientWindow::First)
            }
            Action::Bottom => {
                self.selected = rows;
                Some(ClientWindow::Last)
            }
            _ => None,
        }
    }

    /// What the list shows, in words, for the message line.
    pub fn words(&self, user: &str) -> String {
        let mut w = format!(
            "Clients: {} found, by {}",
            self.count,
            self.query.sort.label()
        );
        if self.query.clerk.is_some() {
            w.push_str(&format!(", of {user}"));
        }
        if self.query.over_limit {
            w.push_str(", over their credit limit");
        }
        w
    }
}
