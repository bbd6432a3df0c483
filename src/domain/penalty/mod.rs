//! Statutory late-payment interest and fixed compensation by the debtor's
//! country and profile, or the client's contractual terms: pure functions.
//!
//! Figures and rules follow `reference/late-payment-law.md`. Interest is
//! simple, actual days over 365 (leap years too), on each day's balance
//! (see [`interest`] for the day convention), summed exactly and rounded
//! once, half away from zero. A rate the tables lack is an error, never a
//! guess.

mod contract;
mod error;
mod eu;
mod france;
mod half_year;
mod interest;
pub mod needed;
mod norway;
mod plan;
mod rate_key;
mod rates;
mod spain;
mod uk;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::client::Profile;
use super::currency::Currency;
use super::money::Money;
use interest::{Accrual, Balance};

pub use error::{PenaltyError, RateTable};
pub use eu::{COMPENSATION as EU_COMPENSATION, MEMBERS as EU_MEMBERS};
pub use half_year::HalfYear;
pub use norway::{MAX_REMINDER_FEES, REMINDER_FEE, REMINDER_FEE_AFTER_DAYS, reminder_fee};
pub use rate_key::{RateKey, RatePeriod};
pub use rates::{RateTables, TableRate};
pub use uk::{fixed_sum as uk_fixed_sum, reference_date as uk_reference_date};

/// What [`penalty`] needs to know about one invoice.
#[derive(Clone, Copy, Debug)]
pub struct PenaltyInput<'a> {
    /// The debtor's country, ISO 3166-1 alpha-2 (`FR`, `GB`; `UK` is also read).
    pub country: Option<&'a str>,
    /// The debtor's profile.
    pub profile: Profile,
    /// The invoice currency.
    pub currency: Currency,
    /// Invoice amount, minor units of `currency`.
    pub amount: i64,
    pub due_on: NaiveDate,
    /// Payments received (date, minor units), in any order.
    pub payments: &'a [(NaiveDate, i64)],
    pub as_of: NaiveDate,
    /// When the formal notice was sent (French individuals owe interest
    /// only from it).
    pub formal_notice_on: Option<NaiveDate>,
    /// The client's contractual terms, which win where set.
    pub contract: Option<Contract>,
    /// Reminder fees and collection costs already claimed on the invoice
    /// (Norway deducts NOK amounts from the standardkompensasjon, § 3a).
    pub fees_claimed: Option<Money>,
}

/// Contractual late-payment terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Contract {
    /// Annual rate, percent.
    pub annual_rate: Option<Decimal>,
    /// Fixed fee per invoice paid late, minor units of the invoice currency.
    pub fee: Option<i64>,
}

/// Which rule gave the penalty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    France,
    Spain,
    Norway,
    UnitedKingdom,
    /// Directive 2011/7/EU in another EU member state.
    EuDefault,
    /// The client's contractual rate and/or fee.
    Contract,
    /// No late-payment penalty, and why.
    None(String),
}

/// A stretch of days at one rate and one balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub days: i64,
    /// Annual rate, percent.
    pub rate: Decimal,
    /// Balance outstanding on each of these days.
    pub balance: Money,
    /// The rate was derived (Spain: ECB + 8) rather than read from a table.
    pub derived: bool,
}

impl Period {
    /// This period's interest alone, rounded half away from zero. The
    /// penalty's interest is the exact sum rounded once, so the periods'
    /// figures may differ from it by a minor unit or so.
    pub fn interest(&self) -> Result<Money, PenaltyError> {
        let sum = Decimal::from(self.balance.minor)
            .checked_mul(self.rate)
            .and_then(|x| x.checked_mul(Decimal::from(self.days)))
            .ok_or(PenaltyError::Overflow)?;
        interest::round_once(sum, self.balance.currency)
    }
}

/// Late-payment penalties of one invoice as of a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Penalty {
    pub rule: Rule,
    /// In the invoice currency, rounded once, half away from zero.
    pub interest: Money,
    /// Fixed compensation, in its own currency (EUR 40 stays EUR on a USD
    /// invoice). None when not owed or not paid late.
    pub compensation: Option<Money>,
    /// Annual rate, percent, of the latest period; before any interest has
    /// run, the rate of the first day interest would run, when known.
    pub rate: Option<Decimal>,
    pub periods: Vec<Period>,
    /// First day of interest.
    pub from: Option<NaiveDate>,
    /// Why something is missing or differs from the usual case.
    pub note: Option<String>,
    /// Figures that could not be given, each with why: a missing fixed
    /// compensation (a table lacks its period) leaves the interest standing.
    pub missing: Vec<PenaltyError>,
}

/// The penalties `input`'s invoice carries as of `input.as_of`.
///
/// Interest runs from the day after the due date (or the rule's later
/// start) to `as_of` inclusive; none when `as_of <= due_on`. The fixed
/// compensation is owed for an invoice paid late: `as_of` is after the due
/// date and something was still outstanding on the day after it.
pub fn penalty(input: &PenaltyInput, rates: &RateTables) -> Result<Penalty, PenaltyError> {
    contract::check(input.contract)?;
    let plan = full_plan(input, rates);
    let balance = Balance::new(input.amount, input.payments);
    let accrual = match plan.start {
        Some(start) if start <= input.as_of => {
            interest::accrue(&balance, start, input.as_of, &plan.basis, input.currency)?
        }
        _ => Accrual::zero(input.currency),
    };
    let mut missing = Vec::new();
    let compensation = owed_compensation(input, &plan, &balance, rates).unwrap_or_else(|e| {
        missing.push(e);
        None
    });
    let rate = match accrual.periods.last() {
        Some(p) => Some(p.rate),
        None => plan
            .start
            .and_then(|s| plan.basis.rate_on(s).ok())
            .map(|r| r.percent),
    };
    Ok(Penalty {
        rule: plan.rule,
        interest: accrual.interest,
        compensation,
        rate,
        from: accrual.periods.first().map(|p| p.from),
        periods: accrual.periods,
        note: plan.note,
        missing,
    })
}

/// The fixed compensation alone, which needs no interest rate: given even
/// when [`penalty`] fails for a missing rate.
pub fn compensation(
    input: &PenaltyInput,
    rates: &RateTables,
) -> Result<Option<Money>, PenaltyError> {
    contract::check(input.contract)?;
    let plan = full_plan(input, rates);
    let balance = Balance::new(input.amount, input.payments);
    owed_compensation(input, &plan, &balance, rates)
}

fn full_plan<'a>(input: &PenaltyInput, rates: &'a RateTables) -> plan::Plan<'a> {
    let country = input
        .country
        .map(|c| c.trim().to_ascii_uppercase())
        .unwrap_or_default();
    contract::apply(country_plan(input, &country, rates), input, &country, rates)
}

/// Owed for an invoice paid late: `as_of` is after the due date and
/// something was still outstanding on the day after it.
fn owed_compensation(
    input: &PenaltyInput,
    plan: &plan::Plan,
    balance: &Balance,
    rates: &RateTables,
) -> Result<Option<Money>, PenaltyError> {
    let late = input.as_of > input.due_on
        && input
            .due_on
            .succ_opt()
            .is_some_and(|d| balance.at_start_of(d) > 0);
    if late {
        plan.compensation.resolve(rates)
    } else {
        Ok(None)
    }
}

fn country_plan<'a>(input: &PenaltyInput, country: &str, rates: &'a RateTables) -> plan::Plan<'a> {
    match country {
        "" => plan::Plan::none("no country set for the client"),
        "FR" => france::plan(input, rates),
        "ES" => spain::plan(input, rates),
        "NO" => norway::plan(input, rates),
        "GB" | "UK" => uk::plan(input, rates),
        c if eu::is_member(c) => eu::plan(input, rates),
        c => plan::Plan::none(format!("no late-payment rule known for country {c}")),
    }
}
