//! Why a client is in the follow-up queue: the reasons, in the order a
//! clerk works through them, with their words and what answers each.

use chrono::NaiveDate;
use serde::Serialize;

use super::ladder::StepAction;

/// Why a client is in the queue, in the order a clerk works through them.
/// Its kind (`broken_promise`) is the name `dun queue --format json` gives.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum Reason {
    /// A promised date passed (with its grace days) and the invoice is unpaid.
    BrokenPromise(NaiveDate),
    /// A payment plan's instalment of this date passed (with its grace
    /// days) unpaid.
    BrokenPlan(NaiveDate),
    /// The invoice has had three reminders: a formal notice can go.
    FormalNoticeReady,
    /// The formal notice's deadline passed unpaid: escalate the case (to
    /// an agency or a court), or agree a plan, write off, take a promise.
    Escalate,
    /// A reminder of the ladder is due.
    Reminder(u8),
    /// A promise falls due: check that the money came.
    PromiseDue(NaiveDate),
    /// A payment plan's instalment falls due: check that the money came.
    InstalmentDue(NaiveDate),
    /// A dispute's review date was reached: resolve it (upheld or
    /// rejected) or set another review.
    DisputeReview(NaiveDate),
    /// An escalated case's review date was reached: record the agency's
    /// or court's outcome, or the next review.
    EscalationReview(NaiveDate),
    /// The date a clerk set to act again was reached.
    NextAction(NaiveDate),
    /// A visit planned on this date has passed with no outcome recorded.
    VisitOutcome(NaiveDate),
    /// A visit is planned on this date: call to confirm it.
    ConfirmVisit(NaiveDate),
    /// A letter sent by registered mail on this date has no acknowledgment
    /// of receipt yet.
    NoAcknowledgment(NaiveDate),
    /// The free pilot ends on this date: tell the client.
    PilotEnds(NaiveDate),
    /// New invoices of a client whose rating or terms ask for a deposit,
    /// and no deposit invoice issued for them.
    DepositNeeded,
    /// A deposit request is due and unpaid.
    UnpaidDeposit,
    /// A friendly note before the due date.
    Courtesy,
    /// What is overdue is below the team's minimum: write it off or
    /// collect it another way, it is not chased.
    SmallBalance,
}

/// `{"kind": "reminder", "level": 2}`, `{"kind": "broken_promise", "date":
/// "2026-11-05"}`, `{"kind": "courtesy"}`.
impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (kind, date, level) = self.parts();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", kind)?;
        if let Some(d) = date {
            m.serialize_entry("date", &d)?;
        }
        if let Some(n) = level {
            m.serialize_entry("level", &n)?;
        }
        m.end()
    }
}

impl Reason {
    /// The date the reason is about (a promise's, a review's, a visit's…),
    /// for the reasons that have one.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Reason::BrokenPromise(d)
            | Reason::BrokenPlan(d)
            | Reason::InstalmentDue(d)
            | Reason::DisputeReview(d)
            | Reason::EscalationReview(d)
            | Reason::PromiseDue(d)
            | Reason::NextAction(d)
            | Reason::VisitOutcome(d)
            | Reason::ConfirmVisit(d)
            | Reason::NoAcknowledgment(d)
            | Reason::PilotEnds(d) => Some(d),
            Reason::FormalNoticeReady
            | Reason::Escalate
            | Reason::Reminder(_)
            | Reason::DepositNeeded
            | Reason::UnpaidDeposit
            | Reason::Courtesy
            | Reason::SmallBalance => None,
        }
    }

    /// Words for the queue line.
    pub fn describe(self) -> String {
        match self {
            Reason::BrokenPromise(d) => format!("broken promise ({d})"),
            Reason::BrokenPlan(d) => format!("broken payment plan ({d})"),
            Reason::Escalate => "formal notice unanswered: escalate".into(),
            Reason::InstalmentDue(d) => format!("instalment due {d}"),
            Reason::DisputeReview(d) => format!("dispute to review ({d})"),
            Reason::EscalationReview(d) => format!("escalation to review ({d})"),
            Reason::FormalNoticeReady => "formal notice ready".into(),
            Reason::Reminder(n) => format!("reminder {n} due"),
            Reason::PromiseDue(d) => format!("promise due {d}"),
            Reason::NextAction(d) => format!("next action ({d})"),
            Reason::VisitOutcome(d) => format!("record the visit of {d}"),
            Reason::ConfirmVisit(d) => format!("confirm visit of {d}"),
            Reason::NoAcknowledgment(d) => format!("no acknowledgment of receipt ({d})"),
            Reason::PilotEnds(d) => format!("pilot ends {d}"),
            Reason::DepositNeeded => "deposit needed: no deposit invoice".into(),
            Reason::UnpaidDeposit => "deposit unpaid".into(),
            Reason::Courtesy => "courtesy reminder".into(),
            Reason::SmallBalance => "small balance".into(),
        }
    }

    /// A few words for a narrow column (at most 14 characters).
    pub fn label(self) -> &'static str {
        match self {
            Reason::BrokenPromise(_) => "broken promise",
            Reason::BrokenPlan(_) => "broken plan",
            Reason::Escalate => "escalate",
            Reason::InstalmentDue(_) => "instalment due",
            Reason::DisputeReview(_) => "dispute review",
            Reason::EscalationReview(_) => "escalated",
            Reason::FormalNoticeReady => "formal notice",
            Reason::Reminder(1) => "reminder 1",
            Reason::Reminder(2) => "reminder 2",
            Reason::Reminder(_) => "reminder 3",
            Reason::PromiseDue(_) => "promise due",
            Reason::NextAction(_) => "next action",
            Reason::VisitOutcome(_) => "record visit",
            Reason::ConfirmVisit(_) => "confirm visit",
            Reason::NoAcknowledgment(_) => "no receipt",
            Reason::PilotEnds(_) => "pilot ends",
            Reason::DepositNeeded => "deposit needed",
            Reason::UnpaidDeposit => "deposit unpaid",
            Reason::Courtesy => "courtesy",
            Reason::SmallBalance => "small balance",
        }
    }

    /// What answers a line of this reason, in the workbench's keys.
    pub fn answered_by(self) -> &'static str {
        match self {
            Reason::BrokenPromise(_) => "a call (c) or a new promise (p)",
            Reason::BrokenPlan(_) => "a call (c), a new plan (L) or a promise (p)",
            Reason::Escalate => {
                "an escalation (e), a payment plan (L), a write-off (W) or a new promise (p)"
            }
            Reason::InstalmentDue(_) => "the payment ($) or a call (c)",
            Reason::DisputeReview(_) => {
                "the dispute resolved, upheld or rejected (R), or another review (d)"
            }
            Reason::EscalationReview(_) => "the escalation's outcome or next review (e)",
            Reason::FormalNoticeReady | Reason::Reminder(_) | Reason::Courtesy => {
                "the ladder's letter (r)"
            }
            Reason::PromiseDue(_) => "the payment ($) or a call (c)",
            Reason::NextAction(_) => "a call (c) or another contact",
            Reason::VisitOutcome(_) => "the visit's outcome, done or cancelled (v)",
            Reason::ConfirmVisit(_) => "a call that reaches the client (c 1)",
            Reason::NoAcknowledgment(_) => "the signed receipt (Journal, a on the letter)",
            Reason::PilotEnds(_) => "the pilot-end notice (r) or a call that reaches the client",
            Reason::DepositNeeded => "the deposit invoice, once it is imported",
            Reason::UnpaidDeposit => "the deposit request (r), a call, or the payment",
            Reason::SmallBalance => {
                "a payment ($), a write-off (W) or a note (n): it is not chased"
            }
        }
    }

    /// Whether the line asks for urgent attention.
    pub fn is_alert(self) -> bool {
        matches!(
            self,
            Reason::BrokenPromise(_)
                | Reason::BrokenPlan(_)
                | Reason::FormalNoticeReady
                | Reason::Escalate
        )
    }

    /// The ladder step this reason asks for, if any.
    pub fn step(self) -> Option<StepAction> {
        match self {
            Reason::FormalNoticeReady => Some(StepAction::FormalNotice),
            Reason::Reminder(1) => Some(StepAction::Reminder1),
            Reason::Reminder(2) => Some(StepAction::Reminder2),
            Reason::Reminder(3) => Some(StepAction::Reminder3),
            Reason::Courtesy => Some(StepAction::Courtesy),
            _ => None,
        }
    }

    /// The kind's name, as `dun queue --format json` gives it.
    pub fn kind(self) -> &'static str {
        self.into()
    }

    /// Its kind, date and reminder level: what `dun queue --format json`
    /// writes, and what [`Reason::from_parts`] reads back.
    pub fn parts(self) -> (&'static str, Option<NaiveDate>, Option<u8>) {
        let level = match self {
            Reason::Reminder(n) => Some(n),
            _ => None,
        };
        (self.kind(), self.date(), level)
    }

    /// The reason of these [`Reason::parts`]; `None` for an unknown kind,
    /// or a date or level missing where the kind has one.
    pub fn from_parts(kind: &str, date: Option<NaiveDate>, level: Option<u8>) -> Option<Reason> {
        // The kind's name read by strum, its date or level left default,
        // then given.
        let blank: Reason = kind.parse().ok()?;
        Some(match blank {
            Reason::Reminder(_) => Reason::Reminder(level?),
            r if r.date().is_some() => r.with_date(date?),
            r => r,
        })
    }

    /// The same reason about another day (itself, for a reason with none).
    fn with_date(self, d: NaiveDate) -> Reason {
        match self {
            Reason::BrokenPromise(_) => Reason::BrokenPromise(d),
            Reason::BrokenPlan(_) => Reason::BrokenPlan(d),
            Reason::InstalmentDue(_) => Reason::InstalmentDue(d),
            Reason::DisputeReview(_) => Reason::DisputeReview(d),
            Reason::EscalationReview(_) => Reason::EscalationReview(d),
            Reason::PromiseDue(_) => Reason::PromiseDue(d),
            Reason::NextAction(_) => Reason::NextAction(d),
            Reason::VisitOutcome(_) => Reason::VisitOutcome(d),
            Reason::ConfirmVisit(_) => Reason::ConfirmVisit(d),
            Reason::NoAcknowledgment(_) => Reason::NoAcknowledgment(d),
            Reason::PilotEnds(_) => Reason::PilotEnds(d),
            other => other,
        }
    }

    pub fn rank(self) -> u8 {
        match self {
            Reason::BrokenPromise(_) | Reason::BrokenPlan(_) => 0,
            Reason::FormalNoticeReady => 1,
            Reason::Escalate => 2,
            Reason::Reminder(_) => 3,
            Reason::PromiseDue(_) | Reason::InstalmentDue(_) => 4,
            Reason::DisputeReview(_) | Reason::EscalationReview(_) => 5,
            Reason::NextAction(_) => 6,
            Reason::VisitOutcome(_) => 7,
            Reason::ConfirmVisit(_) => 8,
            Reason::NoAcknowledgment(_) => 9,
            Reason::PilotEnds(_) => 10,
            Reason::DepositNeeded => 11,
            Reason::UnpaidDeposit => 12,
            Reason::Courtesy => 13,
            Reason::SmallBalance => 14,
        }
    }
}
