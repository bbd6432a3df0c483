//! Where a client, its invoices and its cases stand, read from the journal
//! as of a date: the rule the store caches in SQL for speed. This is the
//! oracle a property test holds the SQL to.

use chrono::NaiveDate;

use super::activity::{ACKNOWLEDGED, Activity, ActivityKind};
use super::case::CaseLetters;
use super::currency::Currency;
use super::ladder::InvoiceStanding;

/// Outcomes of a call that did not reach anyone who could answer for the
/// client: recorded, but not a contact.
pub const NOT_REACHED: [&str; 3] = ["no_answer", "voicemail", "wrong_number"];

/// A pilot-end notice, a deposit request: the `reason` of the letter entry.
pub const PILOT_END_NOTICE: &str = "pilot_end_notice";
pub const DEPOSIT_REQUEST: &str = "deposit_request";

/// Whether `a` is a contact with its client: a call that reached someone
/// (or refused), an e-mail, a letter sent (not a receipt coming back), a
/// reminder, formal notice or statement, a visit done.
pub fn is_contact(a: &Activity) -> bool {
    let outcome = a.outcome.as_deref();
    match a.kind {
        ActivityKind::Email
        | ActivityKind::Reminder
        | ActivityKind::FormalNotice
        | ActivityKind::Statement => true,
        ActivityKind::Call => !outcome.is_some_and(|o| NOT_REACHED.contains(&o)),
        ActivityKind::Letter => outcome != Some(ACKNOWLEDGED),
        ActivityKind::Visit => outcome == Some("done"),
        _ => false,
    }
}

/// What the queue needs of a client, besides its invoices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientFacts {
    pub last_contact_on: Option<NaiveDate>,
    pub next_action_on: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
    /// A planned visit not yet done or cancelled.
    pub visit_on: Option<NaiveDate>,
    pub held_until: Option<NaiveDate>,
    pub reached_on: Option<NaiveDate>,
    pub pilot_notice_on: Option<NaiveDate>,
    pub deposit_request_until: Option<NaiveDate>,
    pub registered_on: Option<NaiveDate>,
    /// The day of the latest letter whose acknowledgment of receipt came back.
    pub acknowledged_on: Option<NaiveDate>,
}

/// A journal entry with its id (insertion order breaks ties of a day).
pub type Entry<'a> = (i64, &'a Activity);

/// The latest of `entries` by day then insertion.
fn latest<'a>(entries: impl Iterator<Item = Entry<'a>>) -> Option<&'a Activity> {
    entries.max_by_key(|(id, a)| (a.on, *id)).map(|(_, a)| a)
}

/// The facts of the client whose `entries` these are, as of `as_of`.
pub fn client_facts(entries: &[Entry<'_>], as_of: NaiveDate) -> ClientFacts {
    let seen = || entries.iter().copied().filter(|(_, a)| a.on <= as_of);
    let max_on =
        |f: &dyn Fn(&Activity) -> bool| seen().filter(|(_, a)| f(a)).map(|(_, a)| a.on).max();
    let max_date = |k: ActivityKind| {
        seen()
            .filter(|(_, a)| a.kind == k)
            .filter_map(|(_, a)| a.date)
            .max()
    };
    let letter = |reason: &str, a: &Activity| {
        a.kind == ActivityKind::Letter && a.reason.as_deref() == Some(reason)
    };
    let registered = |a: &Activity| a.registered && a.outcome.as_deref() != Some(ACKNOWLEDGED);
    ClientFacts {
        last_contact_on: max_on(&is_contact),
        next_action_on: latest(seen().filter(|(_, a)| a.next_action_on.is_some()))
            .and_then(|a| a.next_action_on),
        snoozed_until: max_date(ActivityKind::Snooze),
        visit_on: latest(seen().filter(|(_, a)| a.kind == ActivityKind::Visit))
            .filter(|a| a.outcome.as_deref() == Some("planned"))
            .and_then(|a| a.date),
        held_until: max_date(ActivityKind::Hold),
        reached_on: max_on(&|a| {
            a.kind == ActivityKind::Call && a.outcome.as_deref() == Some("reached")
        }),
        pilot_notice_on: max_on(&|a| letter(PILOT_END_NOTICE, a)),
        deposit_request_until: seen()
            .filter(|(_, a)| letter(DEPOSIT_REQUEST, a))
            .map(|(_, a)| a.date.unwrap_or(a.on))
            .max(),
        registered_on: max_on(&registered),
        acknowledged_on: seen()
            .filter(|(_, a)| a.outcome.as_deref() == Some(ACKNOWLEDGED))
            .filter_map(|(_, a)| a.refers_to)
            .filter_map(|r| entries.iter().find(|(id, _)| *id == r))
            .map(|(_, a)| a.on)
            .max(),
    }
}

/// An invoice as the journal sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceFacts<'a> {
    pub number: &'a str,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub currency: Currency,
}

/// Where invoice `inv` of the client whose `entries` these are stands as of
/// `as_of`. A promise for the whole account covers the invoices issued by
/// the day it was made; one naming several invoices covers those.
pub fn invoice_standing(
    entries: &[Entry<'_>],
    inv: &InvoiceFacts<'_>,
    as_of: NaiveDate,
) -> InvoiceStanding {
    let own = || {
        entries
            .iter()
            .copied()
            .filter(|(_, a)| a.on <= as_of && a.invoice_number.as_deref() == Some(inv.number))
    };
    let reminders = || own().filter(|(_, a)| a.kind == ActivityKind::Reminder);
    let level = reminders()
        .filter(|(_, a)| a.level.unwrap_or(0) >= 1)
        .count();
    let promise = latest(entries.iter().copied().filter(|(_, a)| {
        a.on <= as_of
            && a.kind == ActivityKind::Promise
            && match &a.invoice_number {
                Some(n) => n == inv.number,
                None if !a.covers.is_empty() => a.covers.iter().any(|n| n == inv.number),
                None => a.on >= inv.issued_on,
            }
    }));
    InvoiceStanding {
        due_on: inv.due_on,
        reminder_level: u32::try_from(level).unwrap_or(u32::MAX),
        courtesy_on: reminders()
            .filter(|(_, a)| a.level == Some(0))
            .map(|(_, a)| a.on)
            .max(),
        reminded_on: own()
            .filter(|(_, a)| matches!(a.kind, ActivityKind::Reminder | ActivityKind::FormalNotice))
            .map(|(_, a)| a.on)
            .max(),
        notice_on: own()
            .filter(|(_, a)| a.kind == ActivityKind::FormalNotice)
            .map(|(_, a)| a.on)
            .max(),
        promised_for: promise.and_then(|a| a.date),
        promise_kept: false,
        disputed: latest(own().filter(|(_, a)| {
            matches!(
                a.kind,
                ActivityKind::Dispute | ActivityKind::DisputeResolved
            )
        }))
        .is_some_and(|a| a.kind == ActivityKind::Dispute),
    }
}

/// The letters the client whose `entries` these are was sent in `currency`
/// as of `as_of`; `None` when it was sent none. `invoices` are the
/// client's invoices (their currency decides the case).
pub fn case_letters(
    entries: &[Entry<'_>],
    invoices: &[InvoiceFacts<'_>],
    currency: Currency,
    as_of: NaiveDate,
) -> Option<CaseLetters> {
    let letters: Vec<&Activity> = entries
        .iter()
        .map(|(_, a)| *a)
        .filter(|a| {
            a.on <= as_of
                && matches!(a.kind, ActivityKind::Reminder | ActivityKind::FormalNotice)
                && a.invoice_number.as_deref().is_some_and(|n| {
                    invoices
                        .iter()
                        .any(|i| i.number == n && i.currency == currency)
                })
        })
        .collect();
    if letters.is_empty() {
        return None;
    }
    let reminder = |f: &dyn Fn(u8) -> bool| {
        letters
            .iter()
            .filter(|a| a.kind == ActivityKind::Reminder && a.level.is_some_and(f))
            .map(|a| a.on)
            .max()
    };
    Some(CaseLetters {
        courtesy_on: reminder(&|l| l == 0),
        reminder_on: [
            reminder(&|l| l == 1),
            reminder(&|l| l == 2),
            reminder(&|l| l >= 3),
        ],
        notice_on: letters
            .iter()
            .filter(|a| a.kind == ActivityKind::FormalNotice)
            .map(|a| a.on)
            .max(),
        deadline_on: letters.iter().map(|a| a.date.unwrap_or(a.on)).max(),
    })
}
