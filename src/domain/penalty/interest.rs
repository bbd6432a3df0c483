//! Simple interest, actual days over 365, on the balance outstanding each
//! day, summed exactly and rounded once at the end.
//!
//! Day convention: interest runs for every day from the start to `as_of`
//! inclusive on the balance outstanding at the start of that day, i.e. the
//! amount less the payments received *before* it. A payment received on a
//! day therefore still bears that day's interest and reduces the balance from
//! the next day, so an invoice paid `n` days after its due date bears `n`
//! days of interest (the "payment date − due date" count the French rule
//! states), and one paid on its due date none. In the words of DESIGN §2,
//! day `d` bears interest on `outstanding(d − 1)`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Period;
use super::error::PenaltyError;
use super::half_year::HalfYear;
use super::rates::TableRate;
use crate::domain::currency::Currency;
use crate::domain::money::Money;

type RateFn<'a> = Box<dyn Fn(NaiveDate) -> Result<TableRate, PenaltyError> + 'a>;

/// How the annual rate of a day is found.
pub(crate) struct Basis<'a> {
    /// Periods end at each half-year's end (each day takes its half-year's rate).
    per_half_year: bool,
    rate: RateFn<'a>,
}

impl<'a> Basis<'a> {
    /// One known rate for the whole debt.
    pub fn fixed(percent: Decimal) -> Basis<'a> {
        Basis {
            per_half_year: false,
            rate: Box::new(move |_| {
                Ok(TableRate {
                    percent,
                    derived: false,
                })
            }),
        }
    }

    /// One rate for the whole debt, looked up only when interest accrues.
    pub fn fixed_lookup(f: impl Fn() -> Result<Decimal, PenaltyError> + 'a) -> Basis<'a> {
        Basis {
            per_half_year: false,
            rate: Box::new(move |_| {
                f().map(|percent| TableRate {
                    percent,
                    derived: false,
                })
            }),
        }
    }

    /// Each day takes its half-year's rate.
    pub fn half_yearly(f: impl Fn(HalfYear) -> Result<TableRate, PenaltyError> + 'a) -> Basis<'a> {
        Basis {
            per_half_year: true,
            rate: Box::new(move |day| f(HalfYear::of(day))),
        }
    }

    pub fn rate_on(&self, day: NaiveDate) -> Result<TableRate, PenaltyError> {
        (self.rate)(day)
    }
}

/// The invoice amount and its payments, for the balance of any day.
pub(crate) struct Balance<'a> {
    amount: i64,
    payments: &'a [(NaiveDate, i64)],
}

impl<'a> Balance<'a> {
    pub fn new(amount: i64, payments: &'a [(NaiveDate, i64)]) -> Balance<'a> {
        Balance { amount, payments }
    }

    /// Outstanding at the start of `day`: the amount less the payments
    /// received before it, never below zero.
    pub fn at_start_of(&self, day: NaiveDate) -> i64 {
        let paid: i128 = self
            .payments
            .iter()
            .filter(|(on, _)| *on < day)
            .map(|(_, minor)| i128::from(*minor))
            .sum();
        let left = i128::from(self.amount) - paid;
        i64::try_from(left.max(0)).unwrap_or(i64::MAX)
    }

    /// The last day the balance of `day` holds unchanged: the first payment
    /// date on or after `day`, if any.
    fn holds_until(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.payments
            .iter()
            .map(|(on, _)| *on)
            .filter(|on| *on >= day)
            .min()
    }
}

/// Interest and the periods it was computed over.
pub(crate) struct Accrual {
    pub periods: Vec<Period>,
    pub interest: Money,
}

impl Accrual {
    pub fn zero(currency: Currency) -> Accrual {
        Accrual {
            periods: Vec::new(),
            interest: Money::zero(currency),
        }
    }
}

/// Interest from `start` to `as_of` inclusive. Days with a zero balance
/// need no rate, so a settled debt never asks for a missing one.
pub(crate) fn accrue(
    balance: &Balance,
    start: NaiveDate,
    as_of: NaiveDate,
    basis: &Basis,
    currency: Currency,
) -> Result<Accrual, PenaltyError> {
    let mut periods = Vec::new();
    // Σ balance (minor units) × rate (%) × days: exact.
    let mut sum = Decimal::ZERO;
    let mut day = start;
    while day <= as_of {
        let owed = balance.at_start_of(day);
        let mut to = as_of;
        if let Some(until) = balance.holds_until(day) {
            to = to.min(until);
        }
        if owed > 0 {
            let rate = basis.rate_on(day)?;
            if basis.per_half_year
                && let Some(end) = HalfYear::of(day).last_day()
            {
                to = to.min(end);
            }
            let days = (to - day).num_days() + 1;
            let term = Decimal::from(owed)
                .checked_mul(rate.percent)
                .and_then(|x| x.checked_mul(Decimal::from(days)))
                .ok_or(PenaltyError::Overflow)?;
            sum = sum.checked_add(term).ok_or(PenaltyError::Overflow)?;
            periods.push(Period {
                from: day,
                to,
                days,
                rate: rate.percent,
                balance: Money::new(owed, currency),
                derived: rate.derived,
            });
        }
        match to.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    Ok(Accrual {
        periods,
        interest: round_once(sum, currency)?,
    })
}

/// `sum` / (100 % × 365 days) minor units, rounded half away from zero.
pub(crate) fn round_once(sum: Decimal, currency: Currency) -> Result<Money, PenaltyError> {
    let minor_units = Decimal::from(10i64.pow(currency.exponent()));
    let major = sum
        .checked_div(Decimal::from(36_500))
        .and_then(|x| x.checked_div(minor_units))
        .ok_or(PenaltyError::Overflow)?;
    Money::from_decimal_rounded(major, currency).map_err(|_| PenaltyError::Overflow)
}
