//! Recording a checked form: one `BEGIN IMMEDIATE` transaction that appends
//! the activity (and the payment or solvency note it carries, with the
//! credit limit the note sets).

use chrono::{DateTime, NaiveDate, Utc};

use super::form::{Submission, Target};
use crate::domain::activity::{ACKNOWLEDGED, Activity, ActivityKind};
use crate::domain::case_life::{
    DISPUTE_REJECTED, DISPUTE_UPHELD, ESCALATION_CLOSES, ESCALATION_OUTCOMES, ESCALATION_TO,
    PROCEDURES, Plan, cases,
};
use crate::domain::ladder::{StepAction, deadline_days, formal_notice_allowed};
use crate::domain::money::Money;
use crate::domain::payment::Payment;
use crate::domain::solvency::{LimitChange, SolvencyNote, limit_change};
use crate::store::invoices::StoredInvoice;
use crate::store::{self, Store, StoreError};

/// Writes `s` about `target` as `user`; returns the message line's words.
pub fn save(
    store: &mut Store,
    target: &Target,
    s: &Submission,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    record(store, target, s, user, today, now).map(|(_, message)| message)
}

/// [`save`], returning the new journal entry's id with the message.
pub fn record(
    store: &mut Store,
    target: &Target,
    s: &Submission,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(i64, String), StoreError> {
    store.write(|tx| {
        let (client_id, client) = store::clients::find(tx, &target.client)?
            .ok_or_else(|| StoreError::Invalid(format!("client {} is gone", target.client)))?;
        let invoice = match &target.invoice {
            Some(n) => Some(
                store::invoices::find(tx, n)?
                    .ok_or_else(|| StoreError::Invalid(format!("invoice {n} is gone")))?,
            ),
            None => None,
        };
        let on = s.on.unwrap_or(today);
        let standing = match &invoice {
            Some(inv) => Standing {
                level: store::activities::reminder_level(tx, inv.id)?,
                level_on: store::activities::reminder_level_on(tx, inv.id, on)?,
                dispute_since: store::activities::open_dispute_since(tx, inv.id)?,
            },
            None => Standing::default(),
        };
        let filled = filled(tx, s, &client, on)?;
        let s = &filled;
        check(s, invoice.as_ref(), &standing, today).map_err(StoreError::Invalid)?;
        let life = case_entries(tx, s, client_id, target, today)?;
        if let Some(id) = s.refers_to {
            let Some((owner, registered)) = store::activities::client_of(tx, id)? else {
                return Err(StoreError::Invalid(format!("no journal entry {id}")));
            };
            if owner != client_id {
                return Err(StoreError::Invalid(format!(
                    "journal entry {id} is not one of {}'s",
                    target.client
                )));
            }
            if s.outcome.as_deref() == Some(ACKNOWLEDGED) && !registered {
                return Err(StoreError::Invalid(format!(
                    "journal entry {id} did not go by registered mail: there is no acknowledgment to record"
                )));
            }
        }
        if s.outcome.as_deref() == Some(ACKNOWLEDGED) && s.refers_to.is_none() {
            return Err(StoreError::Invalid(
                "an acknowledgment of receipt refers to the registered letter's entry (--refers-to ID)".into(),
            ));
        }
        let mut a = Activity::new(s.kind, &target.client, now, s.on.unwrap_or(today), user);
        a.registered = s.registered;
        a.refers_to = s.refers_to;
        a.invoice_number = target.invoice.clone();
        a.outcome = s.outcome.clone();
        a.level = s.level;
        a.amount = s.amount;
        a.date = s.date;
        if a.date.is_none()
            && let (Some(inv), Some(action)) = (&invoice, step_logged(s))
        {
            // The deadline the letter gave, by the team's ladder, when the
            // clerk did not say (a reminder sent from outside dun).
            let stored = store::settings::all(tx)?;
            let team = crate::team::from_stored(&stored)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            a.date = letter_deadline(&team.ladders, &client, inv, action, on);
        }
        a.next_action_on = s.next_action_on;
        a.reason = s.reason.clone();
        a.note = s.note.clone();
        a.assignee = s.assignee.clone();
        a.reference = s.reference.clone();
        a.procedure = s.procedure.clone();
        a.body = s.body.clone();
        a.plan = life.plan.clone();
        if let (ActivityKind::WriteOff, Some(inv)) = (s.kind, &invoice) {
            store::invoices::write_off(tx, inv.id, s.amount.unwrap_or(0), on)?;
        }
        if let (Some((method, reference)), Some(inv)) = (&s.payment, &invoice) {
            let payment = Payment {
                invoice_number: inv.invoice.number.clone(),
                received_on: s.date.unwrap_or(today),
                amount: s.amount.unwrap_or(0),
                method: *method,
                reference: reference.clone(),
            };
            store::payments::insert(tx, inv.id, &payment, target.currency, None, user)?;
            a.on = payment.received_on;
        }
        let mut limit_words = None;
        if let Some((source, rating, limit)) = s.solvency {
            let latest = store::solvency::is_latest(tx, client_id, on)?;
            let change = limit_change(client.credit_limit, limit, s.keep_limit.as_deref(), latest)
                .map_err(StoreError::Invalid)?;
            let n = SolvencyNote {
                client_code: target.client.clone(),
                on,
                source,
                rating,
                recommended_limit: limit,
                text: s.note.clone(),
                author: user.to_string(),
            };
            store::solvency::insert(tx, client_id, &n)?;
            if let Some(new) = change.as_ref().and_then(LimitChange::new_limit) {
                store::clients::set_credit_limit(tx, client_id, new)?;
            }
            a.reason = Some(source.as_str().to_string());
            a.outcome = Some(rating.as_str().to_string());
            a.amount = limit;
            if let Some(c) = &change {
                let words = c.describe(client.currency);
                a.note = [words.as_str(), s.note.trim()]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" — ");
                limit_words = Some(words);
            }
        }
        let id = store::activities::insert(
            tx,
            client_id,
            invoice.as_ref().map(|i| i.id),
            Some(target.currency),
            &a,
        )?;
        let mut message = match limit_words {
            Some(w) => format!("{}; {w}", summary(target, s)),
            None => summary(target, s),
        };
        if let Some(words) = life.finish(tx, id, client_id, target.currency, &a)? {
            message = format!("{message}; {words}");
        }
        Ok((id, message))
    })
}

/// A word as the journal keeps it: `partly paid` is `partly_paid`.
fn normalised(word: &str) -> String {
    word.trim().to_lowercase().replace([' ', '-'], "_")
}

/// `s` with the defaults the team and the client give and its words
/// normalised: a dispute's review date (`dunning.dispute_review_days`
/// after it was raised) and owner (the client's clerk).
fn filled(
    tx: &rusqlite::Connection,
    s: &Submission,
    client: &crate::domain::client::Client,
    on: NaiveDate,
) -> Result<Submission, StoreError> {
    let mut s = s.clone();
    if matches!(
        s.kind,
        ActivityKind::Escalation | ActivityKind::DisputeResolved
    ) {
        s.outcome = s.outcome.as_deref().map(normalised);
    }
    if s.kind == ActivityKind::Escalation {
        s.reason = s.reason.as_deref().map(normalised);
        s.procedure = s.procedure.as_deref().map(normalised);
    }
    if s.kind == ActivityKind::Dispute {
        if s.date.is_none() {
            let stored = store::settings::all(tx)?;
            let team = crate::team::from_stored(&stored)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            s.date = on.checked_add_days(chrono::Days::new(u64::from(
                team.dunning.dispute_review_days,
            )));
        }
        if s.assignee.is_none() {
            s.assignee = client.clerk.clone();
        }
    }
    Ok(s)
}

/// What an entry about a case as a whole needs besides itself: the
/// invoices a payment plan covers, the write-off an upheld dispute or an
/// uncollectable escalation makes.
#[derive(Default)]
struct CaseWork {
    /// (row id, number, outstanding) of the invoices to write off, and why.
    write_offs: Vec<(i64, String, i64)>,
    write_off_reason: String,
    /// A payment plan: the invoices it covers, and its instalments.
    plan: Option<Plan>,
}

/// Checks what an entry about a case needs from the database and says
/// what it leads to: a plan's instalments must add up to what its
/// invoices owe; an escalation's outcome needs an open escalation; an
/// upheld dispute writes off what the invoice owes.
fn case_entries(
    tx: &rusqlite::Connection,
    s: &Submission,
    client_id: i64,
    target: &Target,
    today: NaiveDate,
) -> Result<CaseWork, StoreError> {
    let mut work = CaseWork::default();
    let cur = target.currency;
    match s.kind {
        ActivityKind::WriteOff if s.amount.is_some_and(|a| a < 0) => {
            let corrected = match s.refers_to {
                Some(id) => store::activities::kind_and_invoice(tx, id)?,
                None => None,
            };
            let same = target.invoice.as_ref().and_then(|n| {
                let inv = store::invoices::find(tx, n).ok()??;
                Some(inv.id)
            });
            if !matches!(corrected, Some((ActivityKind::WriteOff, Some(i))) if Some(i) == same) {
                return Err(StoreError::Invalid(format!(
                    "refers-to: journal entry {} is not a write-off of {}",
                    s.refers_to.unwrap_or(0),
                    target.invoice.as_deref().unwrap_or("")
                )));
            }
        }
        ActivityKind::DisputeResolved if s.outcome.as_deref() == Some(DISPUTE_UPHELD) => {
            // The disputed amount (by default all it owes) is credited.
            if let Some(n) = &target.invoice
                && let Some(inv) = store::invoices::find(tx, n)?
                && inv.outstanding() > 0
            {
                let owed = inv.outstanding();
                let credit = s.amount.unwrap_or(owed);
                if credit <= 0 || credit > owed {
                    let cur = inv.invoice.amount.currency;
                    return Err(StoreError::Invalid(format!(
                        "amount: the disputed amount credited is more than zero and at most the {} {n} owes, not {}",
                        Money::new(owed, cur),
                        Money::new(credit, cur)
                    )));
                }
                work.write_offs = vec![(inv.id, n.clone(), credit)];
                work.write_off_reason = "dispute upheld: the disputed amount is credited".into();
            }
        }
        ActivityKind::Escalation => {
            let entries = store::case_life::client_entries(tx, client_id, today)?;
            let open = cases(&entries, today)
                .into_iter()
                .any(|(c, l)| c == cur && l.escalation.is_some());
            match s.outcome.as_deref() {
                None if open => {
                    return Err(StoreError::Invalid(format!(
                        "{}'s case in {cur} is escalated already: record its outcome and next review instead (--outcome; e on its review line)",
                        target.client
                    )));
                }
                Some(_) if !open => {
                    return Err(StoreError::Invalid(format!(
                        "{}'s case in {cur} is not escalated: there is no outcome to record",
                        target.client
                    )));
                }
                Some("uncollectable") => {
                    work.write_offs = store::case_life::case_invoices(tx, client_id, cur, today)?;
                    work.write_off_reason = "uncollectable, by the escalation's outcome".into();
                }
                _ => {}
            }
        }
        ActivityKind::PaymentPlan => {
            let Some((numbers, instalments)) = &s.plan else {
                return Err(StoreError::Invalid(
                    "a payment plan needs its instalments".into(),
                ));
            };
            let open = store::case_life::case_invoices(tx, client_id, cur, today)?;
            let covered: Vec<(i64, String, i64)> = if numbers.is_empty() {
                open
            } else {
                let mut covered = Vec::new();
                for n in numbers {
                    let Some(inv) = store::invoices::find(tx, n)? else {
                        return Err(StoreError::Invalid(format!("--invoice: no invoice {n}")));
                    };
                    if inv.invoice.client_code != target.client {
                        return Err(StoreError::Invalid(format!(
                            "--invoice: invoice {n} is {}'s, not {}'s",
                            inv.invoice.client_code, target.client
                        )));
                    }
                    if inv.invoice.amount.currency != cur {
                        return Err(StoreError::Invalid(format!(
                            "--invoice: invoice {n} is in {}, the plan in {cur}",
                            inv.invoice.amount.currency
                        )));
                    }
                    if inv.outstanding() <= 0 {
                        return Err(StoreError::Invalid(format!(
                            "--invoice: invoice {n} owes nothing"
                        )));
                    }
                    covered.push((inv.id, n.clone(), inv.outstanding()));
                }
                covered
            };
            if covered.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "{} has nothing overdue in {cur}: name the invoices the plan covers (--invoice)",
                    target.client
                )));
            }
            let owed = covered.iter().map(|c| c.2).sum::<i64>();
            let total = instalments.iter().map(|i| i.amount).sum::<i64>();
            if owed != total {
                return Err(StoreError::Invalid(format!(
                    "--instalments: they add up to {}, but the plan covers {} ({})",
                    Money::new(total, cur),
                    Money::new(owed, cur),
                    covered
                        .iter()
                        .map(|c| c.1.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            work.plan = Some(Plan {
                on: today,
                invoices: covered.iter().map(|c| c.1.clone()).collect(),
                instalments: instalments.clone(),
            });
        }
        _ => {}
    }
    Ok(work)
}

impl CaseWork {
    /// Writes what the entry `id` leads to; returns words for the message.
    fn finish(
        &self,
        tx: &rusqlite::Connection,
        id: i64,
        client_id: i64,
        currency: crate::domain::currency::Currency,
        entry: &Activity,
    ) -> Result<Option<String>, StoreError> {
        if let Some(p) = &self.plan {
            return Ok(Some(format!(
                "{} instalments, {}",
                p.instalments.len(),
                p.invoices.join(", ")
            )));
        }
        if self.write_offs.is_empty() {
            return Ok(None);
        }
        let mut total = 0i64;
        for (invoice_id, number, amount) in &self.write_offs {
            let mut w = Activity::new(
                ActivityKind::WriteOff,
                &entry.client_code,
                entry.at,
                entry.on,
                &entry.user,
            );
            w.invoice_number = Some(number.clone());
            w.amount = Some(*amount);
            w.reason = Some(self.write_off_reason.clone());
            w.refers_to = Some(id);
            store::invoices::write_off(tx, *invoice_id, *amount, entry.on)?;
            store::activities::insert(tx, client_id, Some(*invoice_id), Some(currency), &w)?;
            total += amount;
        }
        Ok(Some(format!("{} written off", Money::new(total, currency))))
    }
}

/// The ladder step a reminder or formal notice entry records.
fn step_logged(s: &Submission) -> Option<StepAction> {
    match (s.kind, s.level) {
        (ActivityKind::FormalNotice, _) => Some(StepAction::FormalNotice),
        (ActivityKind::Reminder, Some(0)) => Some(StepAction::Courtesy),
        (ActivityKind::Reminder, Some(1)) => Some(StepAction::Reminder1),
        (ActivityKind::Reminder, Some(2)) => Some(StepAction::Reminder2),
        (ActivityKind::Reminder, Some(_)) => Some(StepAction::Reminder3),
        _ => None,
    }
}

/// The deadline a letter of `action` sent on `on` gives for `inv`: the due
/// date for a courtesy note, otherwise the step's days to pay.
fn letter_deadline(
    ladders: &crate::domain::queue::Ladders,
    client: &crate::domain::client::Client,
    inv: &StoredInvoice,
    action: StepAction,
    on: NaiveDate,
) -> Option<NaiveDate> {
    if action == StepAction::Courtesy {
        return Some(inv.invoice.due_on.max(on));
    }
    let step = ladders.for_profile(client.profile).step(action)?;
    let days = deadline_days(step, client.country.as_deref(), client.profile, false);
    on.checked_add_days(chrono::Days::new(u64::from(days)))
}

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

fn summary(target: &Target, s: &Submission) -> String {
    let what = match s.kind {
        ActivityKind::Call => format!("Call logged ({})", s.outcome.as_deref().unwrap_or("")),
        ActivityKind::Promise => format!(
            "Promise logged for {}",
            s.date.map_or(String::new(), |d| d.to_string())
        ),
        ActivityKind::Payment => "Payment recorded".to_string(),
        ActivityKind::Letter if s.outcome.as_deref() == Some(ACKNOWLEDGED) => {
            "Acknowledgment of receipt recorded".to_string()
        }
        ActivityKind::CreditCheck => "Solvency note added".to_string(),
        ActivityKind::Dispute => format!(
            "Dispute logged (review {}{})",
            s.date.map_or(String::new(), |d| d.to_string()),
            s.assignee
                .as_deref()
                .map_or(String::new(), |o| format!(", owner {o}"))
        ),
        ActivityKind::DisputeResolved => match s.outcome.as_deref() {
            Some(o) => format!("Dispute resolved ({o})"),
            None => "Dispute resolved".to_string(),
        },
        ActivityKind::Escalation => match (s.outcome.as_deref(), s.date) {
            (None, Some(d)) => format!(
                "Escalated to {} (review {d})",
                s.reason.as_deref().unwrap_or("")
            ),
            (Some(o), Some(d)) => format!("Escalation outcome {o} (next review {d})"),
            (Some(o), None) => format!("Escalation outcome {o}: closed"),
            (None, None) => "Escalation logged".to_string(),
        },
        ActivityKind::PaymentPlan => "Payment plan logged".to_string(),
        ActivityKind::WriteOff => "Write-off logged".to_string(),
        other => format!("{} logged", capitalised(other.as_str())),
    };
    format!(
        "{what}: {} {}",
        target.client,
        target.invoice.as_deref().unwrap_or("")
    )
    .trim_end()
    .to_string()
}

fn capitalised(s: &str) -> String {
    let spaced = s.replace('_', " ");
    let mut c = spaced.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
