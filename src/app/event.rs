//! What comes into the workbench ([`Event`]) and what it asks the loop to
//! do ([`Effect`]), each with its data: the workbench itself reads no
//! database, file or clock.

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::domain::activity::ActivityKind;
use crate::domain::aging::AgingReport;
use crate::domain::penalty::{RateKey, RateTables};
use crate::letters::compose::Composed;
use crate::record::client::{ClientEdit, NewClient};
use crate::record::{Correction, Submission, Target};
use crate::report::penalties::PenaltyView;
use crate::store::aging::{AgingLine, AgingQuery};
use crate::store::client_list::{ClientQuery, ClientWindow};
use crate::store::clients::ClientLine;
use crate::store::journal::JournalEntry;
use crate::store::queue::FollowUp;

use super::page::ClientPage;

#[derive(Clone, Debug)]
pub enum Event {
    /// The workbench opens: everything the first screen shows is read.
    Start,
    Key(KeyEvent),
    /// The time now, about once a second: at the team's midnight the
    /// workbench moves to the new day.
    Tick(DateTime<Utc>),
    /// Another clerk wrote to the database: what changed.
    DataChanged(crate::store::changes::Changes),
    /// The terminal's size, in columns and lines.
    Resize {
        width: u16,
        height: u16,
    },
    /// The team's settings, read again after a change (or why not).
    Team(Box<Result<Team, String>>),
    /// What an [`Effect::Load`] or [`Effect::OpenClient`] read.
    Loaded(Box<Loaded>),
    /// An [`Effect::Record`] wrote (what to say) or refused (why).
    Recorded(Result<String, String>),
    /// What an [`Effect::PreviewCorrection`] read: what correcting the
    /// entry would undo, or why it cannot be corrected.
    CorrectionPreview {
        refers_to: i64,
        undoes: Result<String, String>,
    },
    /// An [`Effect::Correct`] wrote (what it undid) or refused (why).
    Corrected(Result<String, String>),
    /// An [`Effect::EditClient`] or [`Effect::AddClient`] wrote (the
    /// client's code and what changed) or refused (why).
    ClientSaved(Result<(String, String), String>),
    /// An [`Effect::ComposeLetter`] or [`Effect::ComposeStatement`] gave a
    /// letter to show, or why not.
    Composed(Result<Box<Composed>, String>),
    /// An [`Effect::SendLetter`] ended: what was done, or why not.
    Sent(String),
    /// An effect failed (a busy database): the reason, for the message line.
    Failed(String),
}

/// The team's settings the workbench follows.
#[derive(Clone, Debug)]
pub struct Team {
    pub rules: crate::domain::queue::Rules,
    /// The team's clock, for a workbench whose day is not fixed.
    pub clock: crate::team::Clock,
}

/// A few at a time and short-lived: a write's data is kept inline.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Read what a screen shows.
    Load(Load),
    /// Read a client's page.
    OpenClient(String),
    /// Write a checked activity in one transaction.
    Record {
        target: Target,
        submission: Submission,
    },
    /// Read what correcting a journal entry would undo, or why not.
    PreviewCorrection(i64),
    /// Record a correction in one transaction.
    Correct(Correction),
    /// Change a client's file in one transaction.
    EditClient(ClientEdit),
    /// Add a client in one transaction.
    AddClient(NewClient),
    /// Write the letter that answers a queue line, to show before sending.
    ComposeLetter(Box<FollowUp>),
    /// Write a client's account statement, to show before sending.
    ComposeStatement(String),
    /// Send a shown letter (mail it or write it for the post) and log it.
    SendLetter(Box<Composed>),
    /// Read the team's settings again (another clerk may have changed them).
    ReadTeam,
    /// Give the terminal back until `fg`.
    Suspend,
}

/// What to read, in one read transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Load {
    /// The team's reference rates first, and those missing today: the
    /// penalties below use them.
    pub rates: bool,
    /// The follow-up queue, of this clerk's clients or everyone's.
    pub queue: Option<QueueLoad>,
    pub aging: Option<AgingLoad>,
    pub clients: Option<ClientsLoad>,
    /// The clients a search of the queue finds (code, name, e-mail,
    /// phone, an invoice number).
    pub queue_search: Option<String>,
    pub journal: Option<JournalLoad>,
    /// The open client page, read again.
    pub page: Option<String>,
}

/// A window of the clients list.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientsLoad {
    pub query: ClientQuery,
    pub window: ClientWindow,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QueueLoad {
    pub clerk: Option<String>,
    /// Only these clients' lines (another clerk's write touched them).
    pub only: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgingLoad {
    /// The bands' counts and amounts.
    pub report: bool,
    /// How many lines the query finds.
    pub count: bool,
    pub query: AgingQuery,
    /// The lines from `top`, `rows` of them; none when only the penalty
    /// of a known line is asked for.
    pub window: Option<(u32, u32)>,
    /// Whose penalties to compute.
    pub penalty: PenaltyOf,
}

/// The aging line whose late-payment penalties the band shows.
#[derive(Clone, Debug, PartialEq)]
pub enum PenaltyOf {
    /// This invoice's.
    Invoice(String),
    /// The line at `selected` of the window read (kept within the count),
    /// unless it is `known` already.
    Selected {
        selected: usize,
        known: Option<String>,
    },
    None,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JournalLoad {
    pub user: Option<String>,
    pub kind: Option<ActivityKind>,
    /// The entries about the clients a search finds (empty: all).
    pub search: String,
    /// The entries older than this one (more, below those shown), when
    /// set; else the newest.
    pub after: Option<crate::store::journal_page::JournalKey>,
    pub limit: u32,
}

/// What a [`Load`] read; `None` where it was not asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// The team's rates (or why they could not be read) and those missing.
    pub rates: Option<(Result<RateTables, String>, Vec<RateKey>)>,
    pub queue: Option<Vec<FollowUp>>,
    /// The clients a search of the queue finds: what was typed, and them.
    pub queue_found: Option<(String, std::collections::HashSet<String>)>,
    /// The lines of some clients only, read again: their codes and lines.
    pub queue_of: Option<(Vec<String>, Vec<FollowUp>)>,
    pub aging_report: Option<AgingReport>,
    pub aging_count: Option<usize>,
    /// The window read: its first line's position and its lines.
    pub aging_rows: Option<(usize, Vec<AgingLine>)>,
    /// The penalties of the invoice named, when computed.
    pub aging_penalty: Option<Option<(String, PenaltyView)>>,
    /// The window asked for, how many clients the query finds, the lines.
    pub clients: Option<(ClientWindow, u64, Vec<ClientLine>)>,
    /// The newest entries, and the load that read them (its filters).
    pub journal: Option<(JournalLoad, Vec<JournalEntry>)>,
    /// The entries below those shown, read as the selection neared them.
    pub journal_more: Option<Vec<JournalEntry>>,
    /// The client page read: its code, and the page (none: no such client).
    pub page: Option<(String, Option<ClientPage>)>,
}

impl Load {
    /// True when nothing is asked for.
    pub fn is_empty(&self) -> bool {
        *self == Load::default()
    }
}
