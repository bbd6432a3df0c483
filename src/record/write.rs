//! Recording a checked form: one `BEGIN IMMEDIATE` transaction that appends
//! the activity (and the payment or solvency note it carries, with the
//! credit limit the note sets).

use chrono::{DateTime, NaiveDate, Utc};

use super::check::{Standing, check};
use super::submission::{Submission, Target};
use crate::domain::activity::{ACKNOWLEDGED, Activity, ActivityKind};
use crate::domain::case_life::{DISPUTE_UPHELD, Plan, cases};
use crate::domain::correction::{in_force, write_off_left};
use crate::domain::ladder::{StepAction, deadline_days};
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
    let promised = (s.kind == ActivityKind::Promise)
        .then(|| super::promise::one_invoice_is_the_invoice(target, s));
    let (target, s) = match &promised {
        Some((t, s)) => (t, s),
        None => (target, s),
    };
    if s.kind != ActivityKind::Promise && !s.covers.is_empty() {
        return Err(StoreError::Invalid(format!(
            "invoices: only a promise covers several invoices, not a {}",
            s.kind.as_str().replace('_', " ")
        )));
    }
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
        if s.kind == ActivityKind::Promise {
            super::promise::check_covers(tx, s, client_id, target, on)?;
        }
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
            if let Some(by) = store::corrections::corrected_by(tx, id)? {
                return Err(StoreError::Invalid(format!(
                    "refers-to: journal entry {id} was corrected (entry {by}): it no longer counts"
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
        a.covers = s.covers.clone();
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
            a.payment_id =
                store::payments::insert_id(tx, inv.id, &payment, target.currency, None, user)?;
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
    tx: &crate::store::Snapshot,
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
    tx: &crate::store::Snapshot,
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
            // What is left of that write-off to give back, by the rule a
            // correction of it follows too.
            if let (Some(id), Some(amount)) = (s.refers_to, s.amount) {
                let links = store::corrections::links_around(tx, id)?;
                let left = write_off_left(&links, id);
                if !in_force(&links).contains(&id) || -amount > left {
                    return Err(StoreError::Invalid(format!(
                        "amount: a correction gives back at most the {} left of write-off {id}",
                        Money::new(left.max(0), target.currency)
                    )));
                }
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
                    let inv =
                        super::named::named_invoice(tx, "--invoice", n, target, cur, "the plan")?;
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
        tx: &crate::store::Snapshot,
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

fn summary(target: &Target, s: &Submission) -> String {
    let what = match s.kind {
        ActivityKind::Call => format!("Call logged ({})", s.outcome.as_deref().unwrap_or("")),
        ActivityKind::Promise if !s.covers.is_empty() => format!(
            "Promise logged for {} ({})",
            s.date.map_or(String::new(), |d| d.to_string()),
            s.covers.join(", ")
        ),
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
        ActivityKind::Correction => "Correction logged".to_string(),
        ActivityKind::ClientChange => "Client changed".to_string(),
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
