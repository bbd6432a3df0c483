//! Where an open invoice stands in its case's life on a date, and the day
//! it next needs a clerk: the rule that nothing waits without an end date.

use chrono::NaiveDate;

use super::ladder::StepAction;
use super::reason::Reason;

/// How far an invoice's case has gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Not yet due.
    Current,
    /// Overdue, no letter of the ladder yet in its case.
    Overdue,
    /// The most advanced step sent in its case.
    Step(StepAction),
    /// Handed to a collection agency or a court.
    Escalated,
    /// Covered by a payment plan.
    Plan,
    /// Disputed by the client.
    Disputed,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Current => "current",
            Stage::Overdue => "overdue",
            Stage::Step(a) => a.as_str(),
            Stage::Escalated => "escalated",
            Stage::Plan => "plan",
            Stage::Disputed => "disputed",
        }
    }
}

/// An invoice's stage, and the queue line it is on today (`next_on` is
/// the day asked about) or the one it waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outlook {
    pub stage: Stage,
    /// Today or later: the day it next needs a clerk.
    pub next_on: NaiveDate,
    /// What it needs then: the queue line it will be on.
    pub next: Reason,
}

impl Outlook {
    /// What comes next, in a word: the ladder's step (`reminder2`,
    /// `formal_notice`), else the queue line's kind (`dispute_review`,
    /// `escalate`, `instalment_due`, …).
    pub fn next_name(&self) -> &'static str {
        match self.next.step() {
            Some(a) => a.as_str(),
            None => self.next.kind(),
        }
    }
}
