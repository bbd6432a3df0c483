//! The rules every entry follows, whoever types it (a form or `dun log`):
//! checked before anything is written.

use chrono::NaiveDate;

use super::submission::Submission;
use crate::domain::activity::ActivityKind;
use crate::domain::case_life::{
    DISPUTE_REJECTED, DISPUTE_UPHELD, ESCALATION_CLOSES, ESCALATION_OUTCOMES, ESCALATION_TO,
    PROCEDURES,
};
use crate::domain::ladder::formal_notice_allowed;
use crate::domain::money::Money;
use crate::store::invoices::StoredInvoice;

/// Where the invoice an entry is about stood before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    /// Reminders of level 1 or more.
    pub level: u32,
    /// The same, counting only those dated on or before the entry's date.
    pub level_on: u32,
    /// When its open dispute was raised, if one is open.
    pub dispute_since: Option<NaiveDate>,
}

/// The rules every entry follows, whoever types it (a form or `dun log`).
pub fn check(
    s: &Submission,
    invoice: Option<&StoredInvoice>,
    standing: &Standing,
    today: NaiveDate,
) -> Result<(), String> {
    let level = standing.level;
    let on = s.on.unwrap_or(today);
    if on > today {
        return Err(format!(
            "{on} is in the future: log what happened, on the day it happened"
        ));
    }
    if s.keep_limit.is_some() && s.solvency.is_none() {
        return Err("keeping the credit limit goes with a solvency note (credit_check)".into());
    }
    if s.next_action_on.is_some_and(|d| d < on) {
        return Err("the next action date is before the entry's own date".into());
    }
    let needs_invoice = matches!(
        s.kind,
        ActivityKind::Reminder
            | ActivityKind::FormalNotice
            | ActivityKind::Payment
            | ActivityKind::Dispute
            | ActivityKind::DisputeResolved
            | ActivityKind::WriteOff
    );
    if needs_invoice && invoice.is_none() {
        return Err(format!(
            "a {} is about one invoice: name it",
            s.kind.as_str().replace('_', " ")
        ));
    }
    if let Some(inv) = invoice
        && inv.settled_on.is_some_and(|d| d <= on)
        && matches!(
            s.kind,
            ActivityKind::Reminder | ActivityKind::FormalNotice | ActivityKind::Promise
        )
    {
        return Err(format!("invoice {} is paid in full", inv.invoice.number));
    }
    match s.kind {
        ActivityKind::Correction => {
            return Err(
                "a correction is recorded with the entry it corrects and why (dun log correction --refers-to ID --reason TEXT)".into(),
            );
        }
        ActivityKind::ClientChange => {
            return Err("a client's file is changed with dun client edit".into());
        }
        // The reminders that count are those sent by the notice's date.
        ActivityKind::FormalNotice => formal_notice_allowed(standing.level_on)?,
        ActivityKind::Reminder => match s.level {
            None => return Err("a reminder needs its level: 0 (courtesy) to 3".into()),
            Some(0) => {}
            Some(l) if l > 3 => {
                return Err(format!(
                    "reminder level {l}: levels go from 0 (courtesy) to 3"
                ));
            }
            Some(_) if level >= 3 => {
                return Err(
                    "this invoice has had its three reminders: a formal notice comes next".into(),
                );
            }
            Some(l) if u32::from(l) > level + 1 => {
                return Err(format!(
                    "reminder {l} needs reminder {} first; this invoice has had {level}",
                    l - 1
                ));
            }
            Some(l) if u32::from(l) <= level => {
                return Err(format!(
                    "reminder {l} was sent already; this invoice has had {level}, the next is {}",
                    level + 1
                ));
            }
            Some(l) if standing.level_on < level => {
                return Err(format!(
                    "reminder {l} dated {on} would come before reminder {level}, sent later"
                ));
            }
            Some(_) => {}
        },
        ActivityKind::DisputeResolved => {
            match standing.dispute_since {
                None => return Err("this invoice has no open dispute to resolve".into()),
                Some(d) if on < d => {
                    return Err(format!("the dispute was raised on {d}, after {on}"));
                }
                Some(_) => {}
            }
            match s.outcome.as_deref() {
                None | Some(DISPUTE_UPHELD | DISPUTE_REJECTED) => {}
                Some(o) => {
                    return Err(format!(
                        "outcome: {o:?} — a dispute is resolved {DISPUTE_UPHELD} (the invoice is credited) or {DISPUTE_REJECTED} (dunning resumes)"
                    ));
                }
            }
        }
        ActivityKind::Dispute => {
            if s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err("reason: a dispute needs its reason code (--reason)".into());
            }
            review_date(s.date, today)?;
        }
        ActivityKind::WriteOff => {
            let (Some(amount), Some(inv)) = (s.amount, invoice) else {
                return Err("amount: a write-off needs its amount (--amount)".into());
            };
            let cur = inv.invoice.amount.currency;
            if amount < 0 {
                // A correction: a new entry that gives back part of an
                // earlier write-off (the journal is never changed).
                if s.refers_to.is_none() {
                    return Err(
                        "refers-to: a correction (a negative amount) names the write-off it corrects (--refers-to ID)".into(),
                    );
                }
                if -amount > inv.written_off {
                    return Err(format!(
                        "amount: a correction gives back at most the {} written off {}",
                        Money::new(inv.written_off, cur),
                        inv.invoice.number
                    ));
                }
            }
            if amount == 0 {
                return Err("amount: a write-off is more than zero".into());
            }
            if amount > inv.outstanding() {
                return Err(format!(
                    "amount: {} is more than the {} outstanding on {}: a write-off never exceeds it",
                    Money::new(amount, cur),
                    Money::new(inv.outstanding(), cur),
                    inv.invoice.number
                ));
            }
            if s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err("reason: a write-off says why (--reason)".into());
            }
        }
        ActivityKind::Escalation => match s.outcome.as_deref() {
            None => {
                match s.reason.as_deref() {
                    Some(t) if ESCALATION_TO.contains(&t) => {}
                    Some(t) => {
                        return Err(format!(
                            "to: {t:?} — a case is escalated to an agency or a court (agency, court)"
                        ));
                    }
                    None => return Err("to: where the case goes, agency or court (--to)".into()),
                }
                if let Some(p) = s.procedure.as_deref()
                    && !PROCEDURES.contains(&p)
                {
                    return Err(format!(
                        "procedure: {p:?} is not one of {}",
                        PROCEDURES.join(", ")
                    ));
                }
                if s.reference.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    return Err(
                        "reference: the agency's or court's file reference (--reference)".into(),
                    );
                }
                match s.date {
                    None => return Err("review: when the case comes back (--review DATE)".into()),
                    d => review_date(d, today)?,
                }
            }
            Some(o) if ESCALATION_OUTCOMES.contains(&o) => {
                if !ESCALATION_CLOSES.contains(&o) {
                    match s.date {
                        None => {
                            return Err(format!(
                                "review: after {o}, when the case comes back (--review DATE)"
                            ));
                        }
                        d => review_date(d, today)?,
                    }
                }
            }
            Some(o) => {
                return Err(format!(
                    "outcome: {o:?} is not one of {}",
                    ESCALATION_OUTCOMES.join(", ")
                ));
            }
        },
        ActivityKind::PaymentPlan => {
            let Some((_, instalments)) = &s.plan else {
                return Err("instalments: a payment plan needs its instalments".into());
            };
            let Some(first) = instalments.first() else {
                return Err("instalments: a payment plan needs at least one instalment".into());
            };
            if first.on < on {
                return Err(format!(
                    "instalments: the first, on {}, is before the plan ({on})",
                    first.on
                ));
            }
            if let Some(i) = instalments.iter().find(|i| i.amount <= 0) {
                return Err(format!(
                    "instalments: the one of {} is not more than zero",
                    i.on
                ));
            }
        }
        ActivityKind::Call | ActivityKind::Visit => {
            let allowed = s.kind.outcomes();
            match s.outcome.as_deref() {
                Some(o) if allowed.contains(&o) => {}
                _ => return Err(format!("the outcome is one of: {}", allowed.join(", "))),
            }
            if s.kind == ActivityKind::Visit && s.outcome.as_deref() == Some("planned") {
                match s.date {
                    Some(d) if d >= today => {}
                    Some(_) => return Err("a planned visit is for today or later".into()),
                    None => return Err("a planned visit needs its date".into()),
                }
            }
        }
        ActivityKind::Promise => {
            match s.date {
                Some(d) if d >= on => {}
                Some(_) => return Err("a promise is for the day it was made or later".into()),
                None => return Err("a promise needs the date promised".into()),
            }
            if s.amount.is_none_or(|a| a <= 0) {
                return Err("a promise needs an amount more than zero".into());
            }
        }
        ActivityKind::Payment => {
            let (Some(amount), Some(inv)) = (s.amount, invoice) else {
                return Err("a payment needs its amount".into());
            };
            let due = inv.outstanding();
            if amount <= 0 {
                return Err("a payment is more than zero".into());
            }
            if s.date.is_some_and(|d| d > today) {
                return Err("a payment is recorded once received, not before".into());
            }
            if amount > due {
                let cur = inv.invoice.amount.currency;
                return Err(format!(
                    "{} is more than the {} still due on {}",
                    Money::new(amount, cur),
                    Money::new(due, cur),
                    inv.invoice.number
                ));
            }
        }
        ActivityKind::Snooze | ActivityKind::Hold => match s.date {
            Some(d) if d > on => {}
            _ => {
                return Err(format!(
                    "a {} needs the date it ends, after today",
                    s.kind.as_str()
                ));
            }
        },
        _ => {}
    }
    Ok(())
}

/// Refuses a review date in the past.
fn review_date(date: Option<NaiveDate>, today: NaiveDate) -> Result<(), String> {
    match date {
        Some(d) if d < today => Err(format!(
            "review: {d} is in the past: a review is today or later"
        )),
        _ => Ok(()),
    }
}
