//! The client page: what it shows about one client, and its scrolling.

use crate::domain::client::Client;
use crate::domain::solvency::SolvencyNote;
use crate::record::Target;
use crate::report::penalties::PenaltyView;
use crate::store::aging::AgingLine;
use crate::store::journal::JournalEntry;

/// Timeline entries the client page keeps.
pub const TIMELINE_LINES: u32 = 200;

/// Everything the client page shows about one client.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientPage {
    pub client: Client,
    /// Newest first.
    pub notes: Vec<SolvencyNote>,
    /// Most overdue first.
    pub open: Vec<AgingLine>,
    /// The late-payment penalties of each of `open`.
    pub penalties: Vec<PenaltyView>,
    /// Newest first.
    pub timeline: Vec<JournalEntry>,
    /// What governs the client today: its queue lines (held ones marked),
    /// and where each of `open` stands in its case and what comes next.
    pub today: Vec<crate::store::queue::FollowUp>,
    pub outlook: Vec<Option<crate::domain::outlook::Outlook>>,
    /// What else governs the client now (a snooze, a hold, a next action,
    /// a planned visit, an open promise, each case's last letter and its
    /// deadline), each once: what no line of today says.
    pub governs: Vec<crate::domain::governs::Fact>,
}

/// The open client page: which client, what was read, how far scrolled.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub code: String,
    /// `None` until it is read.
    pub data: Option<ClientPage>,
    pub scroll: usize,
}

impl Page {
    pub fn new(code: String) -> Page {
        Page {
            code,
            data: None,
            scroll: 0,
        }
    }

    /// Scrolls by a key; `rows` is a page.
    pub fn scroll(&mut self, action: super::Action, rows: usize) {
        use super::Action;
        self.scroll = match action {
            Action::Down => self.scroll + 1,
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll + rows,
            Action::PageUp => self.scroll.saturating_sub(rows),
            Action::Top => 0,
            Action::Bottom => usize::MAX / 2,
            _ => self.scroll,
        };
    }

    /// What a form opened from the page is about: its most overdue invoice,
    /// with what the client owes overdue in that currency.
    pub fn target(&self) -> Option<Target> {
        let page = self.data.as_ref()?;
        let first = page.open.first()?;
        let overdue_invoices: Vec<(String, i64, bool)> = page
            .open
            .iter()
            .filter(|l| l.currency == first.currency && l.days_overdue > 0)
            .map(|l| (l.invoice.clone(), l.outstanding, l.disputed))
            .collect();
        let overdue = overdue_invoices.iter().map(|i| i.1).sum();
        Some(Target {
            client: page.client.code.clone(),
            client_name: page.client.name.clone(),
            invoice: Some(first.invoice.clone()),
            currency: first.currency,
            invoice_outstanding: first.outstanding,
            overdue,
            reminder_level: first.reminder_level,
            line_invoices: Vec::new(),
            overdue_invoices,
        })
    }
}
