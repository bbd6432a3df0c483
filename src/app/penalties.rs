//! Late-payment penalties of an invoice as of a date: the domain's rules
//! fed with the invoice's history and the client's contract.

use chrono::NaiveDate;

use rusqlite::Connection;

use crate::domain::money::Money;
use crate::domain::penalty::{
    Contract, MAX_REMINDER_FEES, Penalty, PenaltyError, PenaltyInput, REMINDER_FEE,
    REMINDER_FEE_AFTER_DAYS, RateTables, compensation, penalty,
};
use crate::store::StoreError;
use crate::store::invoice_history::{InvoiceHistory, history};

/// The penalties of one invoice as a screen shows them: the figures, or
/// why there are none.
pub type PenaltyView = Result<Penalty, String>;

/// [`penalty_of`] for the invoice `number`, read from the store.
pub fn penalty_view(
    conn: &Connection,
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

fn input_of(h: &InvoiceHistory, as_of: NaiveDate) -> PenaltyInput<'_> {
    let c = &h.client;
    let contract = (c.late_rate.is_some() || c.late_fee.is_some()).then_some(Contract {
        annual_rate: c.late_rate,
        fee: c.late_fee,
    });
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
