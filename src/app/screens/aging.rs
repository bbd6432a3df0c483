//! The aging list: the buckets per currency, then every open invoice, a
//! window of it read at a time, with its search, filters and order.

use chrono::NaiveDate;

use crate::domain::aging::{AgingReport, Bucket};
use crate::domain::client::Profile;
use crate::record::Target;
use crate::report::penalties::PenaltyView;
use crate::store::aging::{AgingLine, AgingQuery, AgingSort};

use super::super::event::{AgingLoad, Loaded, PenaltyOf};

/// Characters a search keeps, on every list.
pub const SEARCH_MAX: usize = 40;

#[derive(Clone, Debug, PartialEq)]
pub struct Aging {
    pub report: AgingReport,
    /// Open invoices the query finds.
    pub count: usize,
    pub selected: usize,
    /// Position of the first line read, and the lines read (the window).
    pub top: usize,
    pub rows: Vec<AgingLine>,
    /// The late-payment penalties of the selected line's invoice.
    pub penalty: Option<(String, PenaltyView)>,
    /// Search, filters and order.
    pub query: AgingQuery,
}

impl Aging {
    pub fn new(today: NaiveDate) -> Aging {
        Aging {
            report: AgingReport::new(today),
            count: 0,
            selected: 0,
            top: 0,
            rows: Vec::new(),
            penalty: None,
            query: AgingQuery::default(),
        }
    }

    /// The line under the selection, if it is read.
    pub fn line(&self) -> Option<&AgingLine> {
        self.selected
            .checked_sub(self.top)
            .and_then(|i| self.rows.get(i))
    }

    /// What to read for everything the screen shows, `rows` lines a page.
    pub fn load_all(&self, rows: usize) -> AgingLoad {
        AgingLoad {
            report: true,
            count: true,
            query: self.query.clone(),
            window: Some(self.window(rows)),
            penalty: PenaltyOf::Selected {
                selected: self.selected,
                known: None,
            },
        }
    }

    /// The lines from the top of the window, after a move or a resize.
    pub fn load_window(&self, rows: usize) -> AgingLoad {
        AgingLoad {
            report: false,
            count: false,
            query: self.query.clone(),
            window: Some(self.window(rows)),
            penalty: self.penalty_of(),
        }
    }

    /// The list from its first line, after its query changed.
    pub fn load_query(&self, rows: usize) -> AgingLoad {
        AgingLoad {
            count: true,
            ..self.load_window(rows)
        }
    }

    /// The penalties of the selected line, unless known already.
    pub fn load_penalty(&self) -> Option<AgingLoad> {
        let number = self.line()?.invoice.clone();
        if self.penalty.as_ref().is_some_and(|(n, _)| *n == number) {
            return None;
        }
        Some(AgingLoad {
            report: false,
            count: false,
            query: self.query.clone(),
            window: None,
            penalty: PenaltyOf::Invoice(number),
        })
    }

    fn penalty_of(&self) -> PenaltyOf {
        PenaltyOf::Selected {
            selected: self.selected,
            known: self.penalty.as_ref().map(|(n, _)| n.clone()),
        }
    }

    fn window(&self, rows: usize) -> (u32, u32) {
        (
            u32::try_from(self.top).unwrap_or(u32::MAX),
            u32::try_from(rows.max(1)).unwrap_or(u32::MAX),
        )
    }

    /// Takes what was read.
    pub fn loaded(&mut self, l: &mut Loaded) {
        if let Some(report) = l.aging_report.take() {
            self.report = report;
        }
        if let Some(count) = l.aging_count.take() {
            self.count = count;
            self.selected = self.selected.min(count.saturating_sub(1));
        }
        if let Some((top, rows)) = l.aging_rows.take() {
            self.top = top;
            self.rows = rows;
        }
        if let Some(penalty) = l.aging_penalty.take() {
            self.penalty = penalty;
        }
    }

    /// Moves the selection; says whether the window must be read again
    /// (`true`) or only the penalties of the new line (`false`).
    pub fn select(&mut self, selected: usize, rows: usize) -> bool {
        let page = rows.max(1);
        self.selected = selected;
        let s = selected;
        if s < self.top || s >= self.top + page {
            self.top = s - s % page;
            return true;
        }
        false
    }

    /// Back to the top, after the query changed.
    pub fn restart(&mut self) {
        self.selected = 0;
        self.top = 0;
    }

    /// Keeps the window in step with `rows` lines a page.
    pub fn refit(&mut self, rows: usize) {
        let rows = rows.max(1);
        self.top = self.selected - self.selected % rows;
    }

    pub fn cycle_bucket(&mut self) {
        self.query.bucket = match self.query.bucket {
            None => Some(Bucket::Current),
            Some(b) => Bucket::ALL.get(b.index() + 1).copied(),
        };
    }

    pub fn cycle_sort(&mut self) {
        self.query.sort = match self.query.sort {
            AgingSort::Days => AgingSort::Amount,
            AgingSort::Amount => AgingSort::Client,
            AgingSort::Client => AgingSort::Days,
        };
    }

    pub fn cycle_profile(&mut self) {
        self.query.profile = match self.query.profile {
            None => Some(Profile::ALL[0]),
            Some(p) => {
                let i = Profile::ALL.iter().position(|x| *x == p).unwrap_or(0);
                Profile::ALL.get(i + 1).copied()
            }
        };
    }

    /// All, then each currency the report has.
    pub fn cycle_currency(&mut self) {
        let codes: Vec<_> = self.report.totals.iter().map(|t| t.currency).collect();
        self.query.currency = match self.query.currency {
            None => codes.first().copied(),
            Some(c) => {
                let i = codes.iter().position(|x| *x == c).unwrap_or(codes.len());
                codes.get(i + 1).copied()
            }
        };
    }

    pub fn toggle_mine(&mut self, user: &str) {
        self.query.clerk = match self.query.clerk {
            Some(_) => None,
            None => Some(user.to_string()),
        };
    }

    /// What a form opened on the selected line is about.
    pub fn target(&self) -> Option<Target> {
        self.line().map(|l| Target {
            client: l.client.clone(),
            client_name: l.client_name.clone(),
            invoice: Some(l.invoice.clone()),
            currency: l.currency,
            invoice_outstanding: l.outstanding,
            overdue: l.outstanding,
            reminder_level: l.reminder_level,
            line_invoices: vec![l.invoice.clone()],
            overdue_invoices: Vec::new(),
        })
    }

    /// The query in words, for the message line.
    pub fn words(&self) -> String {
        let q = &self.query;
        let mut words = Vec::new();
        if let Some(b) = q.bucket {
            words.push(format!("bucket {}", b.label()));
        }
        if let Some(c) = &q.clerk {
            words.push(format!("clerk {c}"));
        }
        if let Some(p) = q.profile {
            words.push(p.as_str().to_string());
        }
        if let Some(c) = q.currency {
            words.push(c.code().to_string());
        }
        if q.disputed_only {
            words.push("disputed".to_string());
        }
        if !q.search.is_empty() {
            words.push(format!("search {:?}", q.search));
        }
        let filter = if words.is_empty() {
            "all invoices".to_string()
        } else {
            words.join(" · ")
        };
        format!("Aging: {filter}, sorted by {}", q.sort.label())
    }
}
