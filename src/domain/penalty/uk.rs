//! United Kingdom (Late Payment of Commercial Debts (Interest) Act 1998,
//! SI 2002/1675).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::PenaltyInput;
use super::Rule;
use super::interest::{Balance, Basis};
use super::plan::{Compensation, Plan};
use super::rates::RateTables;
use crate::domain::client::Profile;
use crate::domain::currency::Currency;
use crate::domain::money::Money;

/// The 30 June or 31 December immediately (strictly) before `start`, the
/// day interest starts: its Bank Rate sets the rate of the whole debt.
pub fn reference_date(start: NaiveDate) -> Option<NaiveDate> {
    let year = start.year();
    let june = NaiveDate::from_ymd_opt(year, 6, 30)?;
    if start > june {
        Some(june)
    } else {
        NaiveDate::from_ymd_opt(year - 1, 12, 31)
    }
}

/// The fixed sum by the size of a debt in GBP minor units: 40 below 1,000,
/// 70 from 1,000 to 9,999.99, 100 from 10,000.
pub fn fixed_sum(debt_pence: i64) -> Money {
    let pounds = match debt_pence {
        ..100_000 => 40,
        100_000..1_000_000 => 70,
        _ => 100,
    };
    Money::new(pounds * 100, Currency::GBP)
}

/// Business and administration debtors: Bank Rate on the reference date
/// plus 8 points, fixed for the debt, and the fixed sum by the qualifying
/// debt on which statutory interest began to run (s. 5A): what was still
/// unpaid the day after the due date, not the invoice total.
/// The Act sets the fixed sum by the debt in pounds; an invoice in another
/// currency gets no fixed sum (there is no exchange rate to apply here),
/// and a note says so. Individuals: the Act covers business debts only.
pub(crate) fn plan<'a>(input: &PenaltyInput, rates: &'a RateTables) -> Plan<'a> {
    if input.profile == Profile::Individual {
        return Plan::none(
            "the Late Payment of Commercial Debts Act covers business debts only: \
             no statutory penalty for consumers",
        );
    }
    let start = input.due_on.succ_opt();
    let (compensation, note) = if input.currency == Currency::GBP {
        let debt = start.map_or(input.amount, |d| {
            Balance::new(input.amount, input.payments).at_start_of(d)
        });
        (Compensation::Fixed(fixed_sum(debt)), None)
    } else {
        (
            Compensation::None,
            Some(format!(
                "no fixed sum: the Act sets it by the size of the debt in GBP \
                 and this invoice is in {}",
                input.currency
            )),
        )
    };
    let basis = Basis::fixed_lookup(move || {
        let reference = start
            .and_then(reference_date)
            .ok_or(super::PenaltyError::Overflow)?;
        Ok(rates.uk_bank_rate_on(reference)? + Decimal::from(8))
    });
    let mut plan = Plan::statutory(Rule::UnitedKingdom, input.due_on, basis, compensation);
    plan.note = note;
    plan
}
