//! A case: a client's overdue invoices in one currency, dunned as one. Its
//! stage, the letter it asks for next, and the day that letter falls due.

use chrono::NaiveDate;

use super::ladder::{ClientPause, InvoiceStanding, Ladder, Pause, Step, StepAction, plus};

/// The letters a client was sent in one currency: the latest day each step
/// went (a letter's step is the highest level any of its invoices reached)
/// and the latest deadline given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CaseLetters {
    pub courtesy_on: Option<NaiveDate>,
    /// Reminders 1, 2 and 3.
    pub reminder_on: [Option<NaiveDate>; 3],
    pub notice_on: Option<NaiveDate>,
    pub deadline_on: Option<NaiveDate>,
}

impl CaseLetters {
    /// The most advanced step sent to a case opened on `since` (the due
    /// date of its oldest open invoice), with the day it went. Letters of
    /// an earlier case, closed since, do not count.
    pub fn stage(&self, since: NaiveDate) -> Option<(StepAction, NaiveDate)> {
        let steps = [
            (StepAction::FormalNotice, self.notice_on),
            (StepAction::Reminder3, self.reminder_on[2]),
            (StepAction::Reminder2, self.reminder_on[1]),
            (StepAction::Reminder1, self.reminder_on[0]),
        ];
        steps
            .into_iter()
            .find_map(|(a, d)| d.filter(|d| *d >= since).map(|d| (a, d)))
    }
}

/// One open invoice of a client in the case's currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member<'a> {
    pub standing: &'a InvoiceStanding,
    pub outstanding: i64,
}

/// Where an invoice's promise to pay stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    /// No promise covers it (or the client was contacted after it broke).
    None,
    /// Promised for this date, not yet reached: dunning waits.
    Pending(NaiveDate),
    /// The promised date was reached, within its grace days: check the money came.
    Due(NaiveDate),
    /// The date and its grace days passed unpaid, and nobody called since.
    Broken(NaiveDate),
}

impl PromiseState {
    /// Whether it keeps the ladder waiting (a broken promise goes to the
    /// top of the queue instead of the ladder's next letter).
    pub fn holds_the_ladder(self) -> bool {
        !matches!(self, PromiseState::None)
    }
}

/// The promise state of `inv` on `as_of`, by the one rule of
/// [`crate::domain::promise::verdict`]: a promise kept (its money came,
/// `inv.promise_kept`) holds nothing; one not kept runs until its date
/// and `grace_days` passed, and is broken after. An invoice not yet due on
/// the promised date was not part of the promise. A broken promise the
/// clerk spoke to the client about since (a contact after its grace)
/// leaves the queue: the ladder resumes.
pub fn promise_state(
    inv: &InvoiceStanding,
    client: &ClientPause,
    grace_days: u32,
    as_of: NaiveDate,
) -> PromiseState {
    let Some(p) = inv.promised_for else {
        return PromiseState::None;
    };
    if inv.due_on > p || inv.promise_kept {
        return PromiseState::None;
    }
    let grace = i64::from(grace_days);
    let days = (as_of - p).num_days();
    if days < 0 {
        PromiseState::Pending(p)
    } else if days <= grace {
        PromiseState::Due(p)
    } else if client
        .last_contact_on
        .is_some_and(|d| (d - p).num_days() > grace)
    {
        PromiseState::None
    } else {
        PromiseState::Broken(p)
    }
}

/// What a case asks for on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next<'a> {
    /// The letter of `step` is due since `since` (it may have been due for
    /// days: a step missed while nobody looked is still due). It covers
    /// `members` (indexes into the members given), each at its own level.
    Due {
        step: &'a Step,
        since: NaiveDate,
        members: Vec<usize>,
    },
    /// The letter of `step` comes on `on`.
    Later { step: &'a Step, on: NaiveDate },
    /// Nothing to chase now, for this reason.
    Paused(Pause),
    /// What the case owes is below the team's minimum: not chased.
    Small,
    /// A formal notice went on this day: the ladder has no letter left for
    /// the case until it is closed.
    Noticed(NaiveDate),
    /// The ladder has no further step.
    Finished,
}

/// Whether an overdue invoice takes part in the case's next letter.
fn active(m: &Member<'_>, ladder: &Ladder, client: &ClientPause, as_of: NaiveDate) -> bool {
    !m.standing.disputed
        && !promise_state(m.standing, client, ladder.promise_grace_days, as_of).holds_the_ladder()
}

/// The case's next step on `as_of`. `members` are the client's open
/// invoices in the currency that are overdue on `as_of`; `letters` what
/// the client was sent in that currency; `minimum` the smallest amount
/// worth chasing, in minor units.
///
/// The next step follows the most advanced step sent in the case. It falls
/// due `offset` days after the oldest member's due date, and never sooner
/// than the ladder's own gap after the step sent before it, the day after
/// the previous letter's deadline plus the ladder's grace days, nor
/// `min_gap_days` after the last contact with the client. Disputes,
/// promises and holds keep an invoice out; after a formal notice no letter
/// goes in the case.
pub fn next<'a>(
    ladder: &'a Ladder,
    members: &[Member<'_>],
    letters: &CaseLetters,
    client: &ClientPause,
    minimum: i64,
    as_of: NaiveDate,
) -> Next<'a> {
    let Some(since) = members.iter().map(|m| m.standing.due_on).min() else {
        return Next::Finished;
    };
    let noticed = letters
        .notice_on
        .filter(|d| *d >= since)
        .or_else(|| members.iter().filter_map(|m| m.standing.notice_on).max());
    if let Some(n) = noticed {
        return Next::Noticed(n);
    }
    if let Some(h) = client.hold_until.filter(|h| *h > as_of) {
        return Next::Paused(Pause::Hold(h));
    }
    let act: Vec<usize> = (0..members.len())
        .filter(|&k| active(&members[k], ladder, client, as_of))
        .collect();
    let Some(first_due) = act.iter().map(|&k| members[k].standing.due_on).min() else {
        let m = members[0].standing;
        return Next::Paused(match m.promised_for {
            Some(p) if !m.disputed => Pause::Promised(p),
            _ => Pause::Disputed,
        });
    };
    let owed = act
        .iter()
        .fold(0i64, |t, &k| t.saturating_add(members[k].outstanding));
    if owed < minimum {
        return Next::Small;
    }
    let stage = letters.stage(since);
    let top = act
        .iter()
        .map(|&k| members[k].standing.reminder_level)
        .max()
        .unwrap_or(0);
    let after = stage.map(|(a, _)| a);
    let mut candidates = ladder
        .steps
        .iter()
        .filter(|s| s.action != StepAction::Courtesy && after.is_none_or(|a| s.action > a));
    let Some(mut step) = candidates.next() else {
        return Next::Finished;
    };
    if step.action == StepAction::FormalNotice && top < 3 {
        // The third reminder went to an invoice that now waits (disputed,
        // promised): the others take their next reminder instead.
        let level = match top {
            0 => StepAction::Reminder1,
            1 => StepAction::Reminder2,
            _ => StepAction::Reminder3,
        };
        match ladder.step(level) {
            Some(s) => step = s,
            None => return Next::Finished,
        }
    }
    let mut on = plus(first_due, i64::from(step.offset));
    if let Some((prev, sent)) = stage
        && let Some(p) = ladder.step(prev)
    {
        on = on.max(plus(sent, i64::from(step.offset - p.offset).max(0)));
    }
    if let Some(d) = letters.deadline_on {
        on = on.max(plus(d, i64::from(ladder.grace_days)));
    }
    if let Some(c) = client.last_contact_on {
        on = on.max(plus(c, i64::from(ladder.min_gap_days)));
    }
    if on <= as_of {
        Next::Due {
            step,
            since: on,
            members: act,
        }
    } else {
        Next::Later { step, on }
    }
}

/// The courtesy note a client with no open case in a currency may get:
/// the members (invoices not yet due) whose note is due on `as_of`, if the
/// ladder has the step. Too late once the invoice is due.
pub fn courtesy<'a>(
    ladder: &'a Ladder,
    not_due: &[Member<'_>],
    client: &ClientPause,
    minimum: i64,
    as_of: NaiveDate,
) -> Option<(&'a Step, Vec<usize>)> {
    let step = ladder.step(StepAction::Courtesy)?;
    if client.hold_until.is_some_and(|h| h > as_of) {
        return None;
    }
    let gap = client
        .last_contact_on
        .map(|c| plus(c, i64::from(ladder.min_gap_days)));
    let due: Vec<usize> = (0..not_due.len())
        .filter(|&k| {
            let s = not_due[k].standing;
            let on = plus(s.due_on, i64::from(step.offset)).max(gap.unwrap_or(NaiveDate::MIN));
            s.courtesy_on.is_none()
                && !s.disputed
                && s.promised_for.is_none()
                && s.due_on >= as_of
                && on <= as_of
                && on < s.due_on
        })
        .collect();
    let owed = due
        .iter()
        .fold(0i64, |t, &k| t.saturating_add(not_due[k].outstanding));
    (!due.is_empty() && owed >= minimum).then_some((step, due))
}

#[cfg(test)]
#[path = "case_tests.rs"]
mod tests;
