//! Norway (forsinkelsesrenteloven, inkassoloven, inkassoforskriften).

use super::PenaltyInput;
use super::Rule;
use super::half_year::HalfYear;
use super::interest::Basis;
use super::plan::{Compensation, Plan};
use super::rates::{RateTables, TableRate};
use crate::domain::client::Profile;
use crate::domain::currency::Currency;
use crate::domain::money::Money;

/// Purregebyr: 1/20 of the inkassosats of NOK 700 (inkassoforskriften § 1-2).
pub const REMINDER_FEE: Money = Money::new(3500, Currency::NOK);

/// A reminder fee may be charged for a reminder sent this many days after
/// the due date or later.
pub const REMINDER_FEE_AFTER_DAYS: i64 = 14;

/// Fees for at most this many reminders (§ 1-3).
pub const MAX_REMINDER_FEES: u32 = 2;

/// All profiles: the forsinkelsesrente of each day's half-year.
/// Business and administration debtors also owe the standardkompensasjon
/// of the half-year in which the claim fell due (the due date's half-year):
/// the amount in force when the debt became late, less the reminder fees
/// and collection costs already claimed (§ 3a); none once they reach it.
/// Individuals do not.
pub(crate) fn plan<'a>(input: &PenaltyInput, rates: &'a RateTables) -> Plan<'a> {
    let less = input
        .fees_claimed
        .filter(|f| f.currency == Currency::NOK)
        .map_or(0, |f| f.minor);
    let compensation = match input.profile {
        Profile::Business | Profile::Administration => Compensation::NorwayTable {
            half: HalfYear::of(input.due_on),
            less,
        },
        Profile::Individual => Compensation::None,
    };
    Plan::statutory(
        Rule::Norway,
        input.due_on,
        Basis::half_yearly(move |h| {
            rates.norway_rate(h).map(|percent| TableRate {
                percent,
                derived: false,
            })
        }),
        compensation,
    )
}

/// The fee that may be added to a reminder sent `days_after_due` days after
/// the due date when `fees_already_charged` reminder fees were charged on the
/// invoice before. Norway only: NOK 35 from the 14th day, for at most two
/// reminders. Other countries: None.
pub fn reminder_fee(
    country: Option<&str>,
    days_after_due: i64,
    fees_already_charged: u32,
) -> Option<Money> {
    let norway = country.is_some_and(|c| c.trim().eq_ignore_ascii_case("NO"));
    (norway
        && days_after_due >= REMINDER_FEE_AFTER_DAYS
        && fees_already_charged < MAX_REMINDER_FEES)
        .then_some(REMINDER_FEE)
}
