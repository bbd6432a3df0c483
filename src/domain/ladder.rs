//! The dunning ladder: which step an open invoice has reached, and when its
//! next step falls due.

use chrono::{Days, NaiveDate};
use serde::Deserialize;

use super::client::Profile;

/// What a step does to the invoice. Its name (`reminder2`) is the ladder
/// settings' and `dun queue`'s.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum StepAction {
    /// A friendly note before the due date (reminder level 0).
    Courtesy,
    Reminder1,
    Reminder2,
    Reminder3,
    /// Allowed only from reminder level 3 on.
    FormalNotice,
}

impl StepAction {
    /// The reminder level a step of this kind is logged with.
    pub fn level(self) -> Option<u8> {
        match self {
            StepAction::Courtesy => Some(0),
            StepAction::Reminder1 => Some(1),
            StepAction::Reminder2 => Some(2),
            StepAction::Reminder3 => Some(3),
            StepAction::FormalNotice => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Words for a queue line: "reminder 2", "formal notice".
    pub fn label(self) -> &'static str {
        match self {
            StepAction::Courtesy => "courtesy reminder",
            StepAction::Reminder1 => "reminder 1",
            StepAction::Reminder2 => "reminder 2",
            StepAction::Reminder3 => "reminder 3",
            StepAction::FormalNotice => "formal notice",
        }
    }
}

/// How a step reaches the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    Call,
    Email,
    Letter,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One rung: `offset` days from the due date (negative = before it).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub offset: i32,
    pub action: StepAction,
    pub channel: Channel,
    /// Letter template name (`assets/templates/LANG/NAME.txt`).
    pub template: String,
    /// Days the letter gives to pay, counted from the day it is sent (a
    /// courtesy note's deadline is the due date itself).
    #[serde(default = "default_deadline")]
    pub deadline_days: u32,
    /// Sent by registered mail, waiting for an acknowledgment of receipt.
    #[serde(default)]
    pub registered: bool,
}

fn default_deadline() -> u32 {
    8
}

fn default_grace() -> u32 {
    1
}

/// Bounds of a ladder's numbers: a step from two months before the due
/// date to a year after it, at most 90 days to pay, at most 60 days of
/// pause or grace.
pub const OFFSET_RANGE: std::ops::RangeInclusive<i32> = -60..=365;
pub const DEADLINE_RANGE: std::ops::RangeInclusive<u32> = 1..=90;
pub const PAUSE_RANGE: std::ops::RangeInclusive<u32> = 0..=60;
pub const GRACE_RANGE: std::ops::RangeInclusive<u32> = 1..=30;

/// The steps of one profile and the pauses between contacts.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    /// No ladder step sooner than this many days after the last contact
    /// with the same client.
    pub min_gap_days: u32,
    /// Days after a promised date before the promise counts as broken.
    pub promise_grace_days: u32,
    /// Days after a letter's deadline before the next step may go: the
    /// next letter never goes before the client's time to pay is over.
    #[serde(default = "default_grace")]
    pub grace_days: u32,
    pub steps: Vec<Step>,
}

/// Why a ladder is not well formed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LadderError {
    #[error("a ladder needs at least one step")]
    NoSteps,
    #[error("{0} must be between {1} and {2}, not {3}")]
    OutOfRange(String, i64, i64, i64),
    #[error("a courtesy note comes before the due date (offset below 0), reminders after it")]
    CourtesyAfterDue,
    #[error(
        "{0} on day {1} comes before the deadline of {2} (day {3}) and the grace after it ({4} days) have passed: the client would get it while still within the time given to pay"
    )]
    BeforeDeadline(String, i32, String, i64, u32),
    #[error("steps must be in order of offset and action: {0} comes after a later step")]
    Order(String),
    #[error("the same step appears twice: {0}")]
    Twice(String),
    #[error("a formal notice must come after reminder 3")]
    NoticeTooEarly,
    #[error(
        "the gaps between reminders must not grow: {0} is {1} days after the step before it, more than the {2} days before"
    )]
    GapGrows(String, i32, i32),
}

impl Ladder {
    /// The business ladder of `assets/ladders.toml`: courtesy −3, reminders
    /// +7 (10 days to pay), +18 (8 days), +27 (7 days), formal notice +35
    /// (8 days), three days' gap and grace, one day after each deadline.
    #[cfg(test)]
    pub(crate) fn example() -> Ladder {
        let step = |offset, action: StepAction, deadline_days| Step {
            offset,
            action,
            channel: Channel::Letter,
            template: action.as_str().into(),
            deadline_days,
            registered: false,
        };
        Ladder {
            min_gap_days: 3,
            promise_grace_days: 3,
            grace_days: 1,
            steps: vec![
                step(-3, StepAction::Courtesy, 8),
                step(7, StepAction::Reminder1, 10),
                step(18, StepAction::Reminder2, 8),
                step(27, StepAction::Reminder3, 7),
                step(35, StepAction::FormalNotice, 8),
            ],
        }
    }

    /// A ladder with no steps: nothing is ever due.
    pub fn empty() -> Ladder {
        Ladder {
            min_gap_days: 0,
            promise_grace_days: 0,
            grace_days: 1,
            steps: Vec::new(),
        }
    }

    /// Checks the rules every ladder follows: at least one step, numbers in
    /// range, steps in order, each action once, a formal notice only after
    /// reminder 3, gaps that do not grow as the debt ages, and no step
    /// before the deadline of the one before it has passed.
    pub fn check(&self) -> Result<(), LadderError> {
        if self.steps.is_empty() {
            return Err(LadderError::NoSteps);
        }
        let range = |what: String, v: i64, lo: i64, hi: i64| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(LadderError::OutOfRange(what, lo, hi, v))
            }
        };
        let u = |r: &std::ops::RangeInclusive<u32>| (i64::from(*r.start()), i64::from(*r.end()));
        let (lo, hi) = u(&PAUSE_RANGE);
        range("min_gap_days".into(), self.min_gap_days.into(), lo, hi)?;
        range(
            "promise_grace_days".into(),
            self.promise_grace_days.into(),
            lo,
            hi,
        )?;
        let (lo, hi) = u(&GRACE_RANGE);
        range("grace_days".into(), self.grace_days.into(), lo, hi)?;
        for s in &self.steps {
            let name = s.action.as_str();
            range(
                format!("{name}: offset"),
                s.offset.into(),
                (*OFFSET_RANGE.start()).into(),
                (*OFFSET_RANGE.end()).into(),
            )?;
            let (lo, hi) = u(&DEADLINE_RANGE);
            range(
                format!("{name}: deadline_days"),
                s.deadline_days.into(),
                lo,
                hi,
            )?;
            if (s.action == StepAction::Courtesy) != (s.offset < 0) {
                return Err(LadderError::CourtesyAfterDue);
            }
        }
        for w in self.steps.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.action == b.action {
                return Err(LadderError::Twice(b.action.label().into()));
            }
            if b.offset < a.offset || b.action < a.action {
                return Err(LadderError::Order(b.action.label().into()));
            }
        }
        let has = |x| self.steps.iter().any(|s| s.action == x);
        if has(StepAction::FormalNotice) && !has(StepAction::Reminder3) {
            return Err(LadderError::NoticeTooEarly);
        }
        let after_due: Vec<&Step> = self
            .steps
            .iter()
            .filter(|s| s.action != StepAction::Courtesy)
            .collect();
        for w in after_due.windows(3) {
            let (g1, g2) = (w[1].offset - w[0].offset, w[2].offset - w[1].offset);
            if g2 > g1 {
                return Err(LadderError::GapGrows(w[2].action.label().into(), g2, g1));
            }
        }
        for w in after_due.windows(2) {
            let (a, b) = (w[0], w[1]);
            let deadline = i64::from(a.offset) + i64::from(a.deadline_days);
            if i64::from(b.offset) < deadline + i64::from(self.grace_days) {
                return Err(LadderError::BeforeDeadline(
                    b.action.label().into(),
                    b.offset,
                    a.action.label().into(),
                    deadline,
                    self.grace_days,
                ));
            }
        }
        Ok(())
    }

    /// The step of `action`, if the ladder has one.
    pub fn step(&self, action: StepAction) -> Option<&Step> {
        self.steps.iter().find(|s| s.action == action)
    }
}

/// Where one open invoice stands, as of a date, read from the journal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceStanding {
    pub due_on: NaiveDate,
    /// Reminders of level 1 or more.
    pub reminder_level: u32,
    pub courtesy_on: Option<NaiveDate>,
    /// Latest reminder of any level or formal notice.
    pub reminded_on: Option<NaiveDate>,
    pub notice_on: Option<NaiveDate>,
    /// Date of the latest promise to pay.
    pub promised_for: Option<NaiveDate>,
    /// That promise was kept ([`crate::domain::promise::verdict`]): the
    /// money promised came, so it no longer holds the invoice. Known to
    /// whoever reads the payments (the queue); `false` otherwise.
    pub promise_kept: bool,
    pub disputed: bool,
}

/// What pauses dunning for a client as a whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientPause {
    /// No dunning before this date (the client's hold or a `hold` entry).
    pub hold_until: Option<NaiveDate>,
    /// Latest contact: the minimum gap counts from it.
    pub last_contact_on: Option<NaiveDate>,
}

/// Why dunning waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pause {
    Disputed,
    /// Promised for this date; paused until it plus the grace days.
    Promised(NaiveDate),
    Hold(NaiveDate),
}

/// `d` moved by `days` (back when negative); `d` itself past the calendar's end.
pub fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(d)
}

/// Days a letter of `step` gives to pay, at least what the debtor's law
/// asks for:
/// - Norway: a collection notice (inkassovarsel, inkassoloven § 9) and a
///   reminder that carries a fee (inkassoforskriften § 1-3) give 14 days;
/// - United Kingdom: the formal notice to an individual (sole traders
///   included) is a Letter of Claim under the Pre-Action Protocol for Debt
///   Claims, 30 days to reply; to a business or public body it is a letter
///   before action, 14 days (Practice Direction – Pre-Action Conduct, para 6).
pub fn deadline_days(
    step: &Step,
    country: Option<&str>,
    profile: Profile,
    carries_fee: bool,
) -> u32 {
    let country = country.map(|c| c.trim().to_ascii_uppercase());
    let notice = step.action == StepAction::FormalNotice;
    let least = match country.as_deref() {
        Some("NO") if notice || carries_fee => 14,
        Some("GB" | "UK") if notice && profile == Profile::Individual => 30,
        Some("GB" | "UK") if notice => 14,
        _ => 0,
    };
    step.deadline_days.max(least)
}

/// Refuses a formal notice before the invoice's third reminder.
pub fn formal_notice_allowed(reminder_level: u32) -> Result<(), String> {
    if reminder_level >= 3 {
        Ok(())
    } else {
        Err(format!(
            "a formal notice needs at least three reminders first; this invoice has had {reminder_level}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(offset: i32, action: StepAction) -> Step {
        Step {
            offset,
            action,
            channel: Channel::Letter,
            template: action.as_str().into(),
            deadline_days: 8,
            registered: false,
        }
    }

    fn business() -> Ladder {
        Ladder::example()
    }

    #[test]
    fn a_step_before_the_previous_deadline_is_refused() {
        let mut l = business();
        // Reminder 1 on day 7 gives 10 days: reminder 2 on day 17 would
        // reach the client on the last day they were given.
        l.steps[2].offset = 17;
        assert!(
            matches!(l.check(), Err(LadderError::BeforeDeadline(..))),
            "{:?}",
            l.check()
        );
        let mut l = business();
        l.steps[1].deadline_days = 4_294_967_295;
        assert!(matches!(l.check(), Err(LadderError::OutOfRange(..))));
        let mut l = business();
        l.steps.clear();
        assert_eq!(l.check(), Err(LadderError::NoSteps));
        let mut l = business();
        l.steps[0].offset = 2;
        assert!(l.check().is_err());
    }

    #[test]
    fn the_shipped_ladders_keep_every_deadline() {
        let c = crate::team::TeamSettings::default().ladders;
        for l in [&c.administration, &c.business, &c.individual] {
            assert_eq!(l.check(), Ok(()));
            assert_eq!(l.steps.len(), 5);
        }
    }

    #[test]
    fn norwegian_collection_notices_give_at_least_fourteen_days() {
        let b = Profile::Business;
        let notice = step(29, StepAction::FormalNotice);
        assert_eq!(deadline_days(&notice, Some("NO"), b, false), 14);
        assert_eq!(deadline_days(&notice, Some("FR"), b, false), 8);
        let reminder = step(18, StepAction::Reminder2);
        assert_eq!(deadline_days(&reminder, Some("NO"), b, false), 8);
        // A Norwegian reminder with a fee gives 14 days (§ 1-3).
        assert_eq!(deadline_days(&reminder, Some("NO"), b, true), 14);
    }

    #[test]
    fn british_formal_notices_give_thirty_days_to_individuals_and_fourteen_to_businesses() {
        // The shipped ladders give 14 days (individuals) and 8 (businesses)
        // on the formal notice: a Letter of Claim gives 30 (Pre-Action
        // Protocol for Debt Claims), a letter before action 14 (PD-PAC 6).
        let ladders = crate::team::TeamSettings::default().ladders;
        let notice = |l: &Ladder| l.step(StepAction::FormalNotice).unwrap().clone();
        let (person, firm, body) = (
            notice(&ladders.individual),
            notice(&ladders.business),
            notice(&ladders.administration),
        );
        let i = Profile::Individual;
        assert_eq!(deadline_days(&person, Some("GB"), i, false), 30);
        assert_eq!(deadline_days(&person, Some("UK"), i, false), 30);
        assert_eq!(
            deadline_days(&firm, Some("GB"), Profile::Business, false),
            14
        );
        // A public body's ladder already gives 15.
        let a = Profile::Administration;
        assert_eq!(deadline_days(&body, Some("GB"), a, false), 15);
        // Elsewhere, and for the reminders, the ladder's own days.
        assert_eq!(deadline_days(&person, Some("FR"), i, false), 14);
        let reminder = ladders.individual.step(StepAction::Reminder3).unwrap();
        assert_eq!(deadline_days(reminder, Some("GB"), i, false), 7);
        // A longer ladder deadline stays.
        let mut long = person.clone();
        long.deadline_days = 45;
        assert_eq!(deadline_days(&long, Some("GB"), i, false), 45);
    }

    #[test]
    fn badly_formed_ladders_are_refused() {
        assert_eq!(business().check(), Ok(()));
        let mut l = business();
        l.steps.remove(3);
        assert_eq!(l.check(), Err(LadderError::NoticeTooEarly));
        let mut l = business();
        l.steps[4].offset = 45;
        assert!(matches!(l.check(), Err(LadderError::GapGrows(..))));
        let mut l = business();
        l.steps.swap(1, 2);
        assert!(matches!(l.check(), Err(LadderError::Order(_))));
    }
}
