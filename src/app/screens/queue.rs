//! The follow-up queue: today's work, one line per client and reason.

use std::collections::BTreeSet;

use crate::record::Target;
use crate::store::queue::FollowUp;

use super::super::event::QueueLoad;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    /// Every line read.
    pub lines: Vec<FollowUp>,
    /// The lines a search keeps, while one is typed or kept.
    pub kept: Option<Vec<FollowUp>>,
    /// What was typed after `/`, and the clients it finds (once read).
    pub search: String,
    pub found: Option<std::collections::HashSet<String>>,
    pub selected: usize,
    /// Only the clerk's own clients.
    pub mine: bool,
    /// The lines were read whole and still hold, but for the `stale`
    /// clients'. The queue is kept while other screens show, and only the
    /// clients another clerk's write touched are read again.
    pub fresh: bool,
    pub stale: BTreeSet<String>,
}

impl Queue {
    /// The lines shown: those the search keeps, or every line.
    pub fn shown(&self) -> &[FollowUp] {
        self.kept.as_deref().unwrap_or(&self.lines)
    }

    pub fn line(&self) -> Option<&FollowUp> {
        self.shown().get(self.selected)
    }

    /// What to read for the clerk `user`: the whole queue.
    pub fn load(&self, user: &str) -> QueueLoad {
        QueueLoad {
            clerk: self.mine.then(|| user.to_string()),
            only: None,
        }
    }

    /// What to read to bring the lines up to date: everything, the stale
    /// clients' lines, or nothing.
    pub fn wanted(&self, user: &str) -> Option<QueueLoad> {
        if !self.fresh {
            return Some(self.load(user));
        }
        (!self.stale.is_empty()).then(|| QueueLoad {
            only: Some(self.stale.iter().cloned().collect()),
            ..self.load(user)
        })
    }

    pub fn loaded(&mut self, lines: Vec<FollowUp>) {
        self.lines = lines;
        self.fresh = true;
        self.stale.clear();
        self.filter();
    }

    /// The clients the search `typed` finds, read: the lines kept are
    /// theirs, or those with an invoice number holding it.
    pub fn found(&mut self, typed: &str, codes: std::collections::HashSet<String>) {
        if typed == self.search {
            if self.found.is_none() {
                self.selected = 0;
            }
            self.found = Some(codes);
            self.filter();
        }
    }

    /// The lines shown, from every line and the search.
    pub fn filter(&mut self) {
        let needle = crate::domain::search::Needle::new(&self.search);
        self.kept = match (&self.found, needle.is_empty()) {
            (Some(codes), false) => Some(
                self.lines
                    .iter()
                    .filter(|l| l.found(&needle, codes))
                    .cloned()
                    .collect(),
            ),
            _ => None,
        };
        self.keep_selection();
    }

    /// The lines of the clients `codes`, read again, in place of theirs.
    pub fn loaded_of(&mut self, codes: &[String], lines: Vec<FollowUp>) {
        let selected = self.line().map(|l| (l.code.clone(), l.reason));
        crate::store::queue::replace_clients(&mut self.lines, codes, lines);
        for c in codes {
            self.stale.remove(c);
        }
        self.filter();
        // The selection stays on its line when the line is still there.
        if let Some(k) = selected.and_then(|(code, reason)| {
            self.shown()
                .iter()
                .position(|l| l.code == code && l.reason == reason)
        }) {
            self.selected = k;
        }
        self.keep_selection();
    }

    fn keep_selection(&mut self) {
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
    }

    /// What a form opened on the selected line is about.
    pub fn target(&self) -> Option<Target> {
        self.line().map(|c| Target {
            client: c.code.clone(),
            client_name: c.name.clone(),
            invoice: c.invoice.clone(),
            currency: c.currency,
            invoice_outstanding: c.invoice_outstanding,
            overdue: c.amount,
            reminder_level: c.reminder_level,
            line_invoices: c.invoices.clone(),
            overdue_invoices: Vec::new(),
        })
    }
}
