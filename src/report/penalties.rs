//! Late-payment penalties of an invoice as of a date: the domain's rules
//! fed with the invoice's history and the client's contract.

use chrono::NaiveDate;

use crate::store::Snapshot;

use crate::domain::money::Money;
use crate::domain::penalty::{
    Contract, MAX_REMINDER_FEES, Penalty, PenaltyError, PenaltyInput, REMINDER_FEE,
    REMINDER_FEE_AFTER_DAYS, RateTables, compensation, penalty,
};
use crate::store::StoreError;
use crate::store::invoice_history::{InvoiceHistory, history};
use crate::store::penalty_facts::PenaltyFacts;
use rust_decimal::Decimal;

/// The penalties of one invoice as a screen shows them: the figures, or
/// why there are none.
pub type PenaltyView = Result<Penalty, String>;

/// [`penalty_of`] for the invoice `number`, read from the store.
pub fn penalty_view(
    conn: &Snapshot,
    number: &str,
    as_of: NaiveDate,
    rates: &RateTables,
) -> Result<PenaltyView, StoreError> {
    Ok(match history(conn, number, as_of)? {
        Some(h) => penalty_of(&h, as_of, rates).map_err(|e| e.to_string()),
        None => Err(format!("no invoice {number}")),
    })
}

/// Interest and compensation on `h` as of `as_of`.
pub fn penalty_of(
    h: &InvoiceHistory,
    as_of: NaiveDate,
    rates: &RateTables,
) -> Result<Penalty, PenaltyError> {
    penalty(&input_of(h, as_of), rates)
}

/// The fixed compensation alone on `h` as of `as_of`: it needs no interest
/// rate, so it stands when [`penalty_of`] fails for a missing rate.
pub fn compensation_of(
    h: &InvoiceHistory,
    as_of: NaiveDate,
    rates: &RateTables,
) -> Result<Option<Money>, PenaltyError> {
    compensation(&input_of(h, as_of), rates)
}

/// The client's contractual terms, when it has any.
fn contract(late_rate: Option<Decimal>, late_fee: Option<i64>) -> Option<Contract> {
    (late_rate.is_some() || late_fee.is_some()).then_some(Contract {
        annual_rate: late_rate,
        fee: late_fee,
    })
}

/// The penalties of an open invoice known by its [`PenaltyFacts`] only, as
/// of `as_of`: the same rules and the same reference rates as
/// [`penalty_of`], on the balance owed that day. It tells which rates the
/// penalties need; the amounts it gives leave out the reminder fees
/// already claimed (Norway) and the balance's history.
pub fn penalty_of_facts(
    f: &PenaltyFacts,
    as_of: NaiveDate,
    rates: &RateTables,
) -> Result<Penalty, PenaltyError> {
    penalty(
        &PenaltyInput {
            country: f.country.as_deref(),
            profile: f.profile,
            currency: f.currency,
            amount: f.outstanding,
            due_on: f.due_on,
            payments: &[],
            as_of,
            formal_notice_on: f.notice_on,
            contract: contract(f.late_rate, f.late_fee),
            fees_claimed: None,
        },
        rates,
    )
}

fn input_of(h: &InvoiceHistory, as_of: NaiveDate) -> PenaltyInput<'_> {
    let c = &h.client;
    let contract = contract(c.late_rate, c.late_fee);
    PenaltyInput {
        country: c.country.as_deref(),
        profile: c.profile,
        currency: h.stored.invoice.amount.currency,
        amount: h.stored.invoice.amount.minor,
        due_on: h.stored.invoice.due_on,
        payments: &h.reductions,
        as_of,
        formal_notice_on: h.notice_on,
        contract,
        fees_claimed: fees_claimed(h),
    }
}

/// Norway: the reminder fees the invoice's reminders could carry (NOK 35 for
/// a reminder sent 14 days or more after the due date, at most two).
fn fees_claimed(h: &InvoiceHistory) -> Option<Money> {
    let norway = h
        .client
        .country
        .as_deref()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("NO"));
    if !norway {
        return None;
    }
    let due = h.stored.invoice.due_on;
    let charged = h
        .reminders
        .iter()
        .filter(|(level, on)| *level >= 1 && (*on - due).num_days() >= REMINDER_FEE_AFTER_DAYS)
        .count()
        .min(MAX_REMINDER_FEES as usize);
    let charged = i64::try_from(charged).unwrap_or(0);
    (charged > 0).then(|| Money::new(REMINDER_FEE.minor * charged, REMINDER_FEE.currency))
}
