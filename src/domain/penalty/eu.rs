//! The EU default (Directive 2011/7/EU) for member states without a rule of
//! their own here: ECB rate + 8 points and EUR 40 per invoice paid late.

use rust_decimal::Decimal;

use super::PenaltyInput;
use super::Rule;
use super::error::PenaltyError;
use super::half_year::HalfYear;
use super::interest::Basis;
use super::plan::{Compensation, Plan};
use super::rates::{RateTables, TableRate};
use crate::domain::client::Profile;
use crate::domain::currency::Currency;
use crate::domain::money::Money;

/// The 27 EU member states, ISO 3166-1 alpha-2 (Greece is `GR`).
pub const MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The Directive's fixed compensation for recovery costs (Art. 6).
pub const COMPENSATION: Money = Money::new(4000, Currency::EUR);

pub fn is_member(country: &str) -> bool {
    MEMBERS.contains(&country)
}

/// ECB rate of the half-year + 8 points (Art. 2(6), 2(7)).
pub(crate) fn directive_rate(rates: &RateTables, h: HalfYear) -> Result<TableRate, PenaltyError> {
    Ok(TableRate {
        percent: rates.ecb_rate(h)? + Decimal::from(8),
        derived: false,
    })
}

/// Business and administration debtors: ECB + 8 for each day's half-year
/// and EUR 40. Individuals are outside the Directive.
///
/// The reference gives the ECB rate as the reference rate for every member;
/// the Directive lets a member outside the euro area use its national
/// central bank's rate instead, which the rate tables do not hold.
pub(crate) fn plan<'a>(input: &PenaltyInput, rates: &'a RateTables) -> Plan<'a> {
    match input.profile {
        Profile::Business | Profile::Administration => Plan::statutory(
            Rule::EuDefault,
            input.due_on,
            Basis::half_yearly(move |h| directive_rate(rates, h)),
            Compensation::Fixed(COMPENSATION),
        ),
        Profile::Individual => {
            Plan::none("consumers are outside Directive 2011/7/EU: no statutory penalty")
        }
    }
}
