//! Spain (Ley 3/2004, art. 7–8).

use super::PenaltyInput;
use super::Rule;
use super::eu;
use super::interest::Basis;
use super::plan::{Compensation, Plan};
use super::rates::RateTables;
use crate::domain::client::Profile;

/// Business and administration debtors: the half-year rate published in the
/// BOE, or ECB + 8 marked derived for a half-year the table lacks (see
/// [`RateTables::spain_rate`]); EUR 40 per invoice. Individuals: none.
pub(crate) fn plan<'a>(input: &PenaltyInput, rates: &'a RateTables) -> Plan<'a> {
    match input.profile {
        Profile::Business | Profile::Administration => Plan::statutory(
            Rule::Spain,
            input.due_on,
            Basis::half_yearly(move |h| rates.spain_rate(h)),
            Compensation::Fixed(eu::COMPENSATION),
        ),
        Profile::Individual => {
            Plan::none("Ley 3/2004 covers business debts only: no statutory penalty for consumers")
        }
    }
}
