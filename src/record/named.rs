//! An invoice a promise or a payment plan names: one of the client's own,
//! in the case's currency, that still owes something. One check for both.

use super::submission::Target;
use crate::domain::currency::Currency;
use crate::store::invoices::StoredInvoice;
use crate::store::{self, StoreError};

/// The invoice numbered `n`, named in `field` (`invoices`, `--invoice`)
/// for `what` (`the promise`, `the plan`) in `currency`; refused with the
/// reason when it is not the client's, not in that currency, or owes
/// nothing.
pub fn named_invoice(
    tx: &store::Snapshot,
    field: &str,
    n: &str,
    target: &Target,
    currency: Currency,
    what: &str,
) -> Result<StoredInvoice, StoreError> {
    let Some(inv) = store::invoices::find(tx, n)? else {
        return Err(StoreError::Invalid(format!("{field}: no invoice {n}")));
    };
    if inv.invoice.client_code != target.client {
        return Err(StoreError::Invalid(format!(
            "{field}: invoice {n} is {}'s, not {}'s",
            inv.invoice.client_code, target.client
        )));
    }
    if inv.invoice.amount.currency != currency {
        return Err(StoreError::Invalid(format!(
            "{field}: invoice {n} is in {}, {what} in {currency}",
            inv.invoice.amount.currency
        )));
    }
    if inv.outstanding() <= 0 {
        return Err(StoreError::Invalid(format!(
            "{field}: invoice {n} owes nothing"
        )));
    }
    Ok(inv)
}
