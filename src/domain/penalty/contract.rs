//! The client's contractual late-payment terms, which replace the statutory
//! rate and fixed compensation where they are set.

use rust_decimal::Decimal;

use super::error::PenaltyError;
use super::interest::Basis;
use super::plan::{Compensation, Plan};
use super::rates::{RateTables, TableRate};
use super::{Contract, PenaltyInput, Rule};
use super::{eu, france};
use crate::domain::client::Profile;
use crate::domain::money::Money;

/// Refuses a negative rate or fee.
pub(crate) fn check(contract: Option<Contract>) -> Result<(), PenaltyError> {
    let Some(c) = contract else { return Ok(()) };
    if c.annual_rate.is_some_and(|r| r < Decimal::ZERO) {
        return Err(PenaltyError::Contract(
            "the annual rate cannot be negative".to_string(),
        ));
    }
    if c.fee.is_some_and(|f| f < 0) {
        return Err(PenaltyError::Contract(
            "the fee cannot be negative".to_string(),
        ));
    }
    Ok(())
}

/// Applies the contract over the country's plan; the rule becomes
/// [`Rule::Contract`] as soon as one term is set.
///
/// - A contractual rate replaces the statutory rate for the whole debt. For
///   a French business debtor it is still never below 3 × the legal rate of
///   each half-year (L441-10), so it then follows the half-years.
/// - It does not move the start: interest runs from the day after the due
///   date, or for French individuals from the formal notice as the law
///   says. Where the country has no statutory rule, the contract alone
///   makes interest run from the day after the due date.
/// - A contractual fee (in the invoice currency) replaces the fixed
///   compensation, and like it is owed only for an invoice paid late. For a
///   business or public debtor in the EU (France, Spain, the Directive) it
///   never lowers the statutory EUR 40: the larger of the two is owed (L441-10
///   II, Ley 3/2004 art. 8–9, Directive art. 6, 7(3)); a fee in another
///   currency cannot be compared, so the EUR 40 stays, with a note.
pub(crate) fn apply<'a>(
    plan: Plan<'a>,
    input: &PenaltyInput,
    country: &str,
    rates: &'a RateTables,
) -> Plan<'a> {
    let Some(contract) = input.contract else {
        return plan;
    };
    if contract.annual_rate.is_none() && contract.fee.is_none() {
        return plan;
    }
    let no_statute = matches!(plan.rule, Rule::None(_));
    let (start, basis) = match contract.annual_rate {
        None => (plan.start, plan.basis),
        Some(rate) => {
            let start = if no_statute {
                input.due_on.succ_opt()
            } else {
                plan.start
            };
            let french_business = country == "FR" && input.profile == Profile::Business;
            let basis = if french_business {
                Basis::half_yearly(move |h| {
                    Ok(TableRate {
                        percent: rate.max(france::legal_floor(rates, h)?),
                        derived: false,
                    })
                })
            } else {
                Basis::fixed(rate)
            };
            (start, basis)
        }
    };
    let mut note = plan.note;
    let compensation = match (contract.fee, plan.compensation) {
        (None, statutory) => statutory,
        (Some(fee), Compensation::Fixed(floor)) if eu_business(country, input.profile) => {
            if floor.currency == input.currency {
                Compensation::Fixed(Money::new(fee.max(floor.minor), input.currency))
            } else {
                note = Some(format!(
                    "the contract's fee is in {}, the statutory {} in {}: \
                     the statutory sum, which a contract cannot lower, is given",
                    input.currency,
                    floor.decimal_string(),
                    floor.currency
                ));
                Compensation::Fixed(floor)
            }
        }
        (Some(fee), _) => Compensation::Fixed(Money::new(fee, input.currency)),
    };
    Plan {
        rule: Rule::Contract,
        start,
        basis,
        compensation,
        note,
    }
}

/// A business or public debtor in an EU member state: the statutory fixed
/// compensation there is a floor no contract can lower.
fn eu_business(country: &str, profile: Profile) -> bool {
    eu::is_member(country) && matches!(profile, Profile::Business | Profile::Administration)
}
