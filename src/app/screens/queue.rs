//! The follow-up queue: today's work, one line per client and reason.

use crate::record::Target;
use crate::store::queue::FollowUp;

use super::super::event::QueueLoad;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    pub lines: Vec<FollowUp>,
    pub selected: usize,
    /// Only the clerk's own clients.
    pub mine: bool,
}

impl Queue {
    pub fn line(&self) -> Option<&FollowUp> {
        self.lines.get(self.selected)
    }

    /// What to read for the clerk `user`.
    pub fn load(&self, user: &str) -> QueueLoad {
        QueueLoad {
            clerk: self.mine.then(|| user.to_string()),
        }
    }

    pub fn loaded(&mut self, lines: Vec<FollowUp>) {
        self.lines = lines;
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
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
        })
    }
}
