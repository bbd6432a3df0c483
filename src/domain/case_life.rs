//! The rest of a case's life, besides the ladder's letters: a dispute
//! with its owner and review date, an escalation to a collection agency
//! or a court with its review date, a payment plan's instalments, and the
//! amounts written off. Read from the journal as of a date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::activity::ActivityKind;
use super::currency::Currency;
use super::ladder::plus;

/// One journal entry of a kind that shapes a case's life (`dispute`,
/// `dispute_resolved`, `escalation`, `payment_plan`, `write_off`), with
/// the fields those kinds use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LifeEntry {
    /// The journal entry's id: insertion order breaks ties of a day.
    pub id: i64,
    pub kind: Option<ActivityKind>,
    pub on: NaiveDate,
    /// The invoice's number, and its row id where the store knows it.
    pub invoice: Option<String>,
    pub invoice_id: Option<i64>,
    /// The currency of the case it is about.
    pub currency: Option<Currency>,
    /// Review date (dispute, escalation).
    pub date: Option<NaiveDate>,
    /// A dispute's resolution (upheld, rejected); an escalation's outcome.
    pub outcome: Option<String>,
    /// A dispute's reason code; where an escalation goes (agency, court).
    pub reason: Option<String>,
    /// The clerk who owns a dispute.
    pub assignee: Option<String>,
    /// Minor units: the amount written off.
    pub amount: Option<i64>,
    /// The invoices a payment plan covers, and its instalments.
    pub plan: Option<Plan>,
}

/// An open dispute on an invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispute {
    pub since: NaiveDate,
    /// The day it comes back to the queue for review.
    pub review_on: NaiveDate,
    /// The clerk who owns it.
    pub owner: Option<String>,
}

/// Where an escalated case went, until its outcome closes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escalation {
    pub on: NaiveDate,
    /// `agency` or `court`.
    pub to: String,
    /// The day it comes back to the queue.
    pub review_on: NaiveDate,
}

/// One dated amount of a payment plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Instalment {
    pub on: NaiveDate,
    /// Minor units.
    pub amount: i64,
}

/// Instalments agreed with the client for some of its invoices.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    /// The day it was agreed (its journal entry's day).
    #[serde(skip)]
    pub on: NaiveDate,
    /// The invoice numbers it covers.
    pub invoices: Vec<String>,
    /// In date order; they add up to what the invoices owed then.
    pub instalments: Vec<Instalment>,
}

/// What is recorded of a case (a client's invoices in one currency)
/// besides its letters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseLife {
    pub escalation: Option<Escalation>,
    pub plan: Option<Plan>,
}

/// The outcomes of an escalation: the first two close it, the others set
/// its next review.
pub const ESCALATION_CLOSES: [&str; 2] = ["paid", "uncollectable"];
pub const ESCALATION_OUTCOMES: [&str; 4] = ["paid", "partly_paid", "judgment", "uncollectable"];
/// Where a case is escalated to.
pub const ESCALATION_TO: [&str; 2] = ["agency", "court"];
/// The procedures an escalation may follow.
pub const PROCEDURES: [&str; 6] = [
    "injonction_de_payer",
    "procedimiento_monitorio",
    "inkasso",
    "county_court_claim",
    "european_payment_order",
    "administrative_route",
];
/// How a dispute is resolved: upheld (the invoice is credited, a
/// write-off of the disputed amount), or rejected (dunning resumes).
pub const DISPUTE_UPHELD: &str = "upheld";
pub const DISPUTE_REJECTED: &str = "rejected";

fn latest<'a>(entries: impl Iterator<Item = &'a LifeEntry>) -> Option<&'a LifeEntry> {
    entries.max_by_key(|e| (e.on, e.id))
}

/// The open dispute of invoice `number` as of `as_of`: the latest
/// `dispute` entry, unless a `dispute_resolved` came after it. With no
/// review date of its own, it comes back `review_days` after it was raised.
pub fn open_dispute(
    entries: &[LifeEntry],
    number: &str,
    review_days: u32,
    as_of: NaiveDate,
) -> Option<Dispute> {
    let e = latest(entries.iter().filter(|e| {
        e.on <= as_of
            && e.invoice.as_deref() == Some(number)
            && matches!(
                e.kind,
                Some(ActivityKind::Dispute | ActivityKind::DisputeResolved)
            )
    }))?;
    (e.kind == Some(ActivityKind::Dispute)).then(|| Dispute {
        since: e.on,
        review_on: e.date.unwrap_or_else(|| plus(e.on, i64::from(review_days))),
        owner: e.assignee.clone(),
    })
}

/// What was written off invoice `number` by `as_of`, in minor units.
pub fn written_off(entries: &[LifeEntry], number: &str, as_of: NaiveDate) -> i64 {
    entries
        .iter()
        .filter(|e| {
            e.on <= as_of
                && e.kind == Some(ActivityKind::WriteOff)
                && e.invoice.as_deref() == Some(number)
        })
        .fold(0i64, |t, e| t.saturating_add(e.amount.unwrap_or(0)))
}

/// The escalation and payment plan of each of a client's cases as of
/// `as_of`, from the client's entries: the latest escalation entry of a
/// currency is open unless its outcome closed it; the latest plan of a
/// currency stands until paid off (the queue sees that) or replaced.
pub fn cases(entries: &[LifeEntry], as_of: NaiveDate) -> Vec<(Currency, CaseLife)> {
    let mut out: BTreeMap<Currency, CaseLife> = BTreeMap::new();
    let seen = |k: ActivityKind, cur: Currency| {
        entries
            .iter()
            .filter(move |e| e.on <= as_of && e.kind == Some(k) && e.currency == Some(cur))
    };
    let currencies: Vec<Currency> = entries.iter().filter_map(|e| e.currency).collect();
    for cur in currencies {
        if out.contains_key(&cur) {
            continue;
        }
        let escalation = latest(seen(ActivityKind::Escalation, cur)).and_then(|e| {
            let closed = e
                .outcome
                .as_deref()
                .is_some_and(|o| ESCALATION_CLOSES.contains(&o));
            let opened =
                latest(seen(ActivityKind::Escalation, cur).filter(|o| o.outcome.is_none()))?;
            (!closed).then(|| Escalation {
                on: opened.on,
                to: opened.reason.clone().unwrap_or_default(),
                review_on: e.date.unwrap_or(e.on),
            })
        });
        let plan = latest(seen(ActivityKind::PaymentPlan, cur)).and_then(|e| e.plan.clone());
        out.insert(cur, CaseLife { escalation, plan });
    }
    out.into_iter()
        .filter(|(_, l)| l.escalation.is_some() || l.plan.is_some())
        .collect()
}

/// Where a payment plan stands on `as_of`, given what its invoices still
/// owe (`owed`, minor units) and the days of grace after an instalment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanState {
    /// Paid off: the plan is closed.
    Done,
    /// The next instalment not yet covered by what was paid.
    Next(Instalment),
    /// An instalment passed with its grace days, unpaid.
    Broken(Instalment),
}

/// Instalments are met in order: whatever was paid since the plan counts
/// towards the earliest.
pub fn plan_state(plan: &Plan, owed: i64, grace_days: u32, as_of: NaiveDate) -> PlanState {
    if owed <= 0 {
        return PlanState::Done;
    }
    let total = plan
        .instalments
        .iter()
        .fold(0i64, |t, i| t.saturating_add(i.amount));
    let mut through = 0i64;
    for i in &plan.instalments {
        through = through.saturating_add(i.amount);
        // What may still be owed once this one is paid.
        if owed > total - through {
            let broken = plus(i.on, i64::from(grace_days)) < as_of;
            return if broken {
                PlanState::Broken(*i)
            } else {
                PlanState::Next(*i)
            };
        }
    }
    match plan.instalments.last() {
        Some(i) => PlanState::Broken(*i),
        None => PlanState::Done,
    }
}

/// Reads `"2026-12-15:500.00,2027-01-15:500.00"`: each instalment's date
/// and amount text, in order, or why not. A comma inside an amount
/// (`500,00`, `1,234.56`) stays with it: an instalment starts with a date.
pub fn instalments_text(text: &str) -> Result<Vec<(NaiveDate, String)>, String> {
    let mut parts: Vec<String> = Vec::new();
    for piece in text.split(',') {
        match parts.last_mut() {
            Some(prev) if !piece.contains(':') => {
                prev.push(',');
                prev.push_str(piece);
            }
            _ => parts.push(piece.to_string()),
        }
    }
    let mut out = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let part = part.trim();
        let Some((date, amount)) = part.split_once(':') else {
            return Err(format!(
                "instalment {}: {part:?} is not DATE:AMOUNT (2026-12-15:500.00)",
                k + 1
            ));
        };
        let date: NaiveDate = date
            .trim()
            .parse()
            .map_err(|_| format!("instalment {}: {date:?} is not a date (YYYY-MM-DD)", k + 1))?;
        if let Some((prev, _)) = out.last()
            && date <= *prev
        {
            return Err(format!(
                "instalment {}: {date} is not after the instalment before it ({prev})",
                k + 1
            ));
        }
        out.push((date, amount.trim().to_string()));
    }
    Ok(out)
}

/// Equal monthly instalments from `first` that add up to `total` (minor
/// units), the remainder on the last one.
pub fn equal_monthly(total: i64, count: u32, first: NaiveDate) -> Vec<Instalment> {
    let count = count.max(1);
    let each = total / i64::from(count);
    (0..count)
        .map(|k| Instalment {
            on: first
                .checked_add_months(chrono::Months::new(k))
                .unwrap_or(first),
            amount: if k + 1 == count {
                total - each * i64::from(count - 1)
            } else {
                each
            },
        })
        .collect()
}

#[cfg(test)]
#[path = "case_life_tests.rs"]
mod tests;
