//! The journal: the latest entries of everyone, or one clerk's, or one kind.

use crate::domain::activity::ActivityKind;
use crate::store::journal::JournalEntry;

use super::super::event::JournalLoad;

/// Journal entries the Journal screen keeps.
pub const JOURNAL_LINES: u32 = 500;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Journal {
    /// Newest first.
    pub entries: Vec<JournalEntry>,
    pub selected: usize,
    /// Only this clerk's entries, when set.
    pub user: Option<String>,
    /// Only this kind, when set.
    pub kind: Option<ActivityKind>,
    /// What was typed after `/`: the entries about the clients it finds.
    pub search: String,
    /// Every entry the filters find is shown: none older is left to read.
    pub complete: bool,
    /// The clerk, kind and search the entries shown were read with.
    pub read_with: Option<(Option<String>, Option<ActivityKind>, String)>,
}

impl Journal {
    pub fn entry(&self) -> Option<&JournalEntry> {
        self.entries.get(self.selected)
    }

    pub fn load(&self) -> JournalLoad {
        JournalLoad {
            user: self.user.clone(),
            kind: self.kind,
            search: self.search.clone(),
            after: None,
            limit: JOURNAL_LINES,
        }
    }

    /// The newest entries read with `read`'s filters. Read again with the
    /// filters shown (another clerk wrote, a tab came back), they go on
    /// top of the older entries already read, which stay, and the
    /// selection stays on its entry, pushed down by the new ones; read with
    /// other filters, they are all there is.
    pub fn loaded(&mut self, read: &JournalLoad, fresh: Vec<JournalEntry>) {
        let filters = (read.user.clone(), read.kind, read.search.clone());
        let again = self.read_with.as_ref() == Some(&filters);
        let kept = self.entry().map(|e| e.id).filter(|_| again);
        let full = fresh.len() >= read.limit as usize;
        let older: Vec<JournalEntry> = match fresh.last() {
            Some(last) if again && full => {
                let last = last.key();
                self.entries.drain(..).filter(|e| e.key() < last).collect()
            }
            _ => Vec::new(),
        };
        self.complete = if older.is_empty() {
            !full
        } else {
            self.complete
        };
        self.entries = fresh;
        self.entries.extend(older);
        self.read_with = Some(filters);
        self.selected = kept
            .and_then(|id| self.entries.iter().position(|e| e.id == id))
            .unwrap_or(self.selected)
            .min(self.entries.len().saturating_sub(1));
    }

    /// The next entries, when the selection came within a page of the
    /// last one shown and older ones may be left: read a page at a time,
    /// however long the journal.
    pub fn more(&self, rows: usize) -> Option<JournalLoad> {
        let last = self.entries.last()?;
        (!self.complete && self.selected + rows >= self.entries.len()).then(|| JournalLoad {
            after: Some(last.key()),
            ..self.load()
        })
    }

    /// Older entries read, below those shown.
    pub fn loaded_more(&mut self, entries: Vec<JournalEntry>) {
        self.complete = entries.len() < JOURNAL_LINES as usize;
        self.entries.extend(entries);
    }

    /// Everyone's entries, or `user`'s alone.
    pub fn toggle_mine(&mut self, user: &str) {
        self.user = match self.user {
            Some(_) => None,
            None => Some(user.to_string()),
        };
        self.selected = 0;
    }

    /// The next kind shown: all, then each kind in turn.
    pub fn cycle_kind(&mut self) {
        self.kind = match self.kind {
            None => ActivityKind::ALL.first().copied(),
            Some(k) => {
                let i = ActivityKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
                ActivityKind::ALL.get(i + 1).copied()
            }
        };
        self.selected = 0;
    }

    /// The filter in words, for the message line.
    pub fn words(&self) -> String {
        format!(
            "Journal: {} by {}",
            self.kind.map_or("every kind", |k| k.as_str()),
            self.user.as_deref().unwrap_or("everyone")
        )
    }
}
