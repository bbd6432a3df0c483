//! The workbench's state and how actions change it. Screens render from
//! `&App` alone; what has to come from the database is asked for by
//! [`App::update`] and fetched by [`App::load`].

pub mod action;
pub mod form;
pub mod keymap;
mod load;

mod typing;

use chrono::NaiveDate;

pub use action::{Action, Tab};

use crate::record::{Submission, Target};
use form::{Form, FormKind};

use crate::config::CompanyConfig;
use crate::domain::activity::{ACKNOWLEDGED, ActivityKind};
use crate::domain::aging::AgingReport;
use crate::domain::aging::Bucket;
use crate::domain::client::{Client, Profile};
use crate::domain::currency::Currency;
use crate::domain::penalty::{RateKey, RateTables};
use crate::domain::solvency::SolvencyNote;
use crate::letters::answer::answer;
use crate::letters::compose::Composed;
use crate::report::penalties::PenaltyView;
use crate::store::aging::{AgingLine, AgingQuery, AgingSort};
use crate::store::clients::ClientLine;
use crate::store::journal::JournalEntry;
use crate::store::queue::FollowUp;
use std::path::PathBuf;

/// What the screen needs fetched after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// Everything (start, or another clerk changed the database).
    All,
    Queue,
    /// The visible window of the aging list.
    AgingWindow,
    /// Write the checked form, then load everything.
    Save,
    /// The client page of `App::page_code`.
    ClientPage,
    /// Write the letter of the selected queue line for a preview.
    LetterPreview,
    /// Send the previewed letter, then load everything.
    SendLetter,
    /// The penalties of the selected aging line.
    AgingPenalty,
    /// Write the account statement of `App::statement_for` for a preview.
    StatementPreview,
    /// The aging list from its first line, after its query changed.
    AgingQuery,
}

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
}

/// Timeline entries the client page keeps.
pub const TIMELINE_LINES: u32 = 200;

pub struct App {
    pub today: NaiveDate,
    /// Tells the team's day, so that an open workbench moves to the next
    /// day at midnight; `None` when today was fixed (`--today`).
    pub clock: Option<crate::team::Clock>,
    pub user: String,
    /// Shown on the top line: `DEMO` or the database file's name.
    pub database: String,
    pub tab: Tab,
    pub help: bool,
    pub quit: bool,
    /// Result or error of the last thing done, for the message line.
    pub message: String,
    pub mine_only: bool,
    pub queue: Vec<FollowUp>,
    /// The rules the queue follows: ladders, minimums, receipt days (from
    /// the team settings).
    pub rules: crate::domain::queue::Rules,
    pub queue_selected: usize,
    pub aging: AgingReport,
    /// Open invoices in the aging list.
    pub aging_count: usize,
    pub aging_selected: usize,
    /// Position of the first visible aging line, and the visible lines.
    pub aging_top: usize,
    pub aging_rows: Vec<AgingLine>,
    /// The late-payment penalties of the selected aging line's invoice.
    pub aging_penalty: Option<(String, PenaltyView)>,
    /// Reference rates for penalties: the shipped ones with the team's over
    /// them, read again with everything else (another clerk may set one).
    pub rates: RateTables,
    /// The rates needed today for the open overdue invoices that `rates`
    /// lacks, in order; the top line names them.
    pub missing_rates: Vec<RateKey>,
    /// The sender of letters (from the team settings).
    pub company: CompanyConfig,
    /// Where sent letters are written.
    pub letters_dir: PathBuf,
    /// The team's mail server, for e-mail letters sent with Enter.
    pub smtp: crate::team::SmtpSettings,
    /// A letter shown before it is sent, and how far it is scrolled.
    pub preview: Option<(Composed, u16)>,
    /// The client whose statement is asked for.
    pub statement_for: Option<String>,
    /// Search, filters and order of the aging list.
    pub aging_query: AgingQuery,
    /// Keys go to the aging search while true.
    pub searching: bool,
    /// The journal shows only this clerk's entries, when set.
    pub journal_user: Option<String>,
    /// The journal shows only this kind, when set.
    pub journal_kind: Option<ActivityKind>,
    pub clients: Vec<ClientLine>,
    pub clients_selected: usize,
    /// The latest entries of the journal, newest first.
    pub journal: Vec<JournalEntry>,
    pub journal_selected: usize,
    /// Lines a list shows at once; the terminal sets it when drawing.
    pub list_height: usize,
    /// The client page, when open (over the screen it was opened from).
    pub page: Option<ClientPage>,
    /// Which client the page shows (kept while it loads).
    pub page_code: Option<String>,
    /// Lines scrolled on the client page.
    pub page_scroll: usize,
    /// The logging form, when one is open: keys go to it.
    pub form: Option<Form>,
    /// A checked form waiting to be written by [`Load::Save`].
    pending: Option<(Target, Submission)>,
}

/// Journal entries the Journal screen keeps.
pub const JOURNAL_LINES: u32 = 500;

impl App {
    pub fn new(today: NaiveDate, user: &str, database: &str) -> App {
        App {
            today,
            clock: None,
            user: user.to_string(),
            database: database.to_string(),
            tab: Tab::Queue,
            help: false,
            quit: false,
            message: String::new(),
            mine_only: false,
            queue: Vec::new(),
            rules: crate::team::TeamSettings::default().rules(),
            queue_selected: 0,
            aging: AgingReport::new(today),
            aging_count: 0,
            aging_selected: 0,
            aging_top: 0,
            aging_rows: Vec::new(),
            aging_penalty: None,
            rates: crate::rates::shipped_tables().unwrap_or_default(),
            missing_rates: Vec::new(),
            company: crate::team::TeamSettings::default().company,
            letters_dir: crate::paths::default_letters_dir()
                .unwrap_or_else(|| std::env::temp_dir().join("dun-letters")),
            smtp: crate::team::SmtpSettings::default(),
            preview: None,
            statement_for: None,
            aging_query: AgingQuery::default(),
            searching: false,
            journal_user: None,
            journal_kind: None,
            clients: Vec::new(),
            clients_selected: 0,
            journal: Vec::new(),
            journal_selected: 0,
            list_height: 10,
            page: None,
            page_code: None,
            page_scroll: 0,
            form: None,
            pending: None,
        }
    }

    /// Records that the selected registered letter was received: one key,
    /// dated today, referring to the letter's entry.
    fn acknowledge(&mut self) -> Option<Load> {
        let e = self.journal.get(self.journal_selected)?;
        if !e.registered {
            self.message = "Only a letter sent by registered mail has an acknowledgment.".into();
            return None;
        }
        if let Some(d) = e.acknowledged_on {
            self.message = format!("Acknowledged already, on {d}.");
            return None;
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
        };
        self.pending = Some((target, s));
        Some(Load::Save)
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
                if self.help {
                    self.help = false;
                } else {
                    self.page = None;
                    self.page_code = None;
                }
                None
            }
            Action::Open => {
                let code = match self.tab {
                    Tab::Queue => self.queue.get(self.queue_selected).map(|c| c.code.clone()),
                    Tab::Aging => self
                        .aging_selected
                        .checked_sub(self.aging_top)
                        .and_then(|i| self.aging_rows.get(i))
                        .map(|l| l.client.clone()),
                    Tab::Clients => self
                        .clients
                        .get(self.clients_selected)
                        .map(|c| c.client.code.clone()),
                    Tab::Journal => self
                        .journal
                        .get(self.journal_selected)
                        .map(|e| e.client.clone()),
                };
                self.page_code = code;
                self.page_scroll = 0;
                self.page_code.is_some().then_some(Load::ClientPage)
            }
            Action::Show(tab) => {
                self.help = false;
                self.page = None;
                self.page_code = None;
                self.tab = tab;
                self.message.clear();
                Some(Load::All)
            }
            Action::Search => {
                self.searching = true;
                None
            }
            Action::CycleBucket => {
                let next = match self.aging_query.bucket {
                    None => Some(Bucket::Current),
                    Some(b) => Bucket::ALL.get(b.index() + 1).copied(),
                };
                self.aging_query.bucket = next;
                Some(self.aging_query_changed())
            }
            Action::ToggleDisputed => {
                self.aging_query.disputed_only = !self.aging_query.disputed_only;
                Some(self.aging_query_changed())
            }
            Action::CycleSort => {
                self.aging_query.sort = match self.aging_query.sort {
                    AgingSort::Days => AgingSort::Amount,
                    AgingSort::Amount => AgingSort::Client,
                    AgingSort::Client => AgingSort::Days,
                };
                Some(self.aging_query_changed())
            }
            Action::Acknowledge => self.acknowledge(),
            Action::Statement => match self.target() {
                Some(t) => {
                    self.statement_for = Some(t.client);
                    Some(Load::StatementPreview)
                }
                None => {
                    self.message = "Open the client (Enter) for its statement.".into();
                    None
                }
            },
            Action::ToggleMine if self.tab == Tab::Journal => {
                self.journal_user = match self.journal_user {
                    Some(_) => None,
                    None => Some(self.user.clone()),
                };
                self.journal_selected = 0;
                self.message = self.journal_words();
                Some(Load::All)
            }
            Action::CycleKind => {
                self.journal_kind = match self.journal_kind {
                    None => ActivityKind::ALL.first().copied(),
                    Some(k) => {
                        let i = ActivityKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
                        ActivityKind::ALL.get(i + 1).copied()
                    }
                };
                self.journal_selected = 0;
                self.message = self.journal_words();
                Some(Load::All)
            }
            Action::CycleProfile => {
                self.aging_query.profile = match self.aging_query.profile {
                    None => Some(Profile::ALL[0]),
                    Some(p) => {
                        let i = Profile::ALL.iter().position(|x| *x == p).unwrap_or(0);
                        Profile::ALL.get(i + 1).copied()
                    }
                };
                Some(self.aging_query_changed())
            }
            Action::CycleCurrency => {
                let codes: Vec<_> = self.aging.totals.iter().map(|t| t.currency).collect();
                self.aging_query.currency = match self.aging_query.currency {
                    None => codes.first().copied(),
                    Some(c) => {
                        let i = codes.iter().position(|x| *x == c).unwrap_or(codes.len());
                        codes.get(i + 1).copied()
                    }
                };
                Some(self.aging_query_changed())
            }
            Action::ToggleMine if self.tab == Tab::Aging => {
                self.aging_query.clerk = match self.aging_query.clerk {
                    Some(_) => None,
                    None => Some(self.user.clone()),
                };
                Some(self.aging_query_changed())
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
            // From the queue, `r` shows the letter that answers the line:
            // the case's ladder letter, a pilot-end notice, a deposit
            // request, a visit confirmation.
            Action::Log(FormKind::Reminder)
                if self.tab == Tab::Queue
                    && self.page.is_none()
                    && self.queue.get(self.queue_selected).is_some_and(|l| {
                        answer(l, &self.rules.ladders) != crate::letters::answer::Answer::NoLetter
                    }) =>
            {
                Some(Load::LetterPreview)
            }
            // A line no letter answers says what does, rather than a
            // reminder form about one of its invoices.
            Action::Log(FormKind::Reminder)
                if self.tab == Tab::Queue && self.page.is_none() && !self.queue.is_empty() =>
            {
                if let Some(l) = self.queue.get(self.queue_selected) {
                    self.message = format!(
                        "No letter answers “{}”: {}.",
                        l.reason.label(),
                        l.reason.answered_by()
                    );
                }
                None
            }
            Action::Log(kind) => {
                match self.target() {
                    Some(mut target) => {
                        // From the queue, a promise is for what the client owes in all.
                        if self.tab == Tab::Queue && kind == FormKind::Promise {
                            target.invoice = None;
                        }
                        // An escalation and a plan are about the case as a whole;
                        // on an escalated case's review, `e` records its outcome.
                        let kind = match kind {
                            FormKind::Escalation if self.reviewing_escalation() => {
                                FormKind::EscalationOutcome
                            }
                            k => k,
                        };
                        if matches!(
                            kind,
                            FormKind::Escalation
                                | FormKind::EscalationOutcome
                                | FormKind::PaymentPlan
                        ) {
                            target.invoice = None;
                        }
                        self.form = Some(Form::new(kind, target, self.today));
                    }
                    None if self.tab == Tab::Clients => {
                        self.message = "Open the client (Enter) to log against it.".to_string();
                    }
                    None => self.message = "Nothing selected to log against.".to_string(),
                }
                None
            }
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => self.move_selection(action),
        }
    }

    /// Keeps the lists in step with a terminal whose current screen shows
    /// `rows` list lines; returns what to fetch when that changed.
    pub fn fit(&mut self, rows: usize) -> Option<Load> {
        let rows = rows.max(1);
        if rows == self.list_height {
            return None;
        }
        self.list_height = rows;
        if self.tab != Tab::Aging {
            return None;
        }
        self.aging_top = self.aging_selected - self.aging_selected % rows;
        Some(Load::AgingWindow)
    }

    /// Back to the top of the aging list after its query changed.
    fn aging_query_changed(&mut self) -> Load {
        self.aging_selected = 0;
        self.aging_top = 0;
        self.message = self.aging_query_words();
        Load::AgingQuery
    }

    /// The aging list's query in words, for the message line.
    pub fn aging_query_words(&self) -> String {
        let q = &self.aging_query;
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

    /// The journal's filter in words, for the message line.
    pub fn journal_words(&self) -> String {
        format!(
            "Journal: {} by {}",
            self.journal_kind.map_or("every kind", |k| k.as_str()),
            self.journal_user.as_deref().unwrap_or("everyone")
        )
    }

    /// Whether the selected queue line is an escalated case's review.
    fn reviewing_escalation(&self) -> bool {
        self.tab == Tab::Queue
            && self.page.is_none()
            && self.queue.get(self.queue_selected).is_some_and(|l| {
                matches!(l.reason, crate::domain::queue::Reason::EscalationReview(_))
            })
    }

    /// What a form opened now would be about: the client page's most
    /// overdue invoice, or the selected line.
    pub fn target(&self) -> Option<Target> {
        if let Some(page) = &self.page {
            let first = page.open.first()?;
            let overdue = page
                .open
                .iter()
                .filter(|l| l.currency == first.currency && l.days_overdue > 0)
                .map(|l| l.outstanding)
                .sum();
            return Some(Target {
                client: page.client.code.clone(),
                client_name: page.client.name.clone(),
                invoice: Some(first.invoice.clone()),
                currency: first.currency,
                invoice_outstanding: first.outstanding,
                overdue,
                reminder_level: first.reminder_level,
                line_invoices: Vec::new(),
            });
        }
        match self.tab {
            Tab::Queue => self.queue.get(self.queue_selected).map(|c| Target {
                client: c.code.clone(),
                client_name: c.name.clone(),
                invoice: c.invoice.clone(),
                currency: c.currency,
                invoice_outstanding: c.invoice_outstanding,
                overdue: c.amount,
                reminder_level: c.reminder_level,
                line_invoices: c.invoices.clone(),
            }),
            Tab::Aging => self
                .aging_selected
                .checked_sub(self.aging_top)
                .and_then(|i| self.aging_rows.get(i))
                .map(|l| Target {
                    client: l.client.clone(),
                    client_name: l.client_name.clone(),
                    invoice: Some(l.invoice.clone()),
                    currency: l.currency,
                    invoice_outstanding: l.outstanding,
                    overdue: l.outstanding,
                    reminder_level: l.reminder_level,
                    line_invoices: vec![l.invoice.clone()],
                }),
            Tab::Clients | Tab::Journal => None,
        }
    }

    fn move_selection(&mut self, action: Action) -> Option<Load> {
        let page = self.list_height.max(1);
        if self.page.is_some() {
            self.page_scroll = match action {
                Action::Down => self.page_scroll + 1,
                Action::Up => self.page_scroll.saturating_sub(1),
                Action::PageDown => self.page_scroll + page,
                Action::PageUp => self.page_scroll.saturating_sub(page),
                Action::Top => 0,
                Action::Bottom => usize::MAX / 2,
                _ => self.page_scroll,
            };
            return None;
        }
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
            return Some(Load::AgingPenalty);
        }
        None
    }

    /// The aging line under the selection, if it is loaded.
    pub fn aging_line(&self) -> Option<&AgingLine> {
        self.aging_selected
            .checked_sub(self.aging_top)
            .and_then(|i| self.aging_rows.get(i))
    }
}
