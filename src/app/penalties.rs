//! Late-payment penalties of an invoice as of a date: the domain's rules
//! fed with the invoice's history and the client's contract.

use chrono::NaiveDate;

use rusqlite::Connection;

use crate::domain::money::Money;
use crate::domain::penalty::{
    Contract, Penalty, PenaltyError, PenaltyInput, RateTables, compensation, penalty,
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
        payments: &h.payments,
        as_of,
        formal_notice_on: h.notice_on,
        contract,
    }
}
