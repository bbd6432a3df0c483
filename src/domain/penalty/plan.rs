//! What a country rule decides before any arithmetic: the rule, when
//! interest starts, how each day's rate is found and the fixed compensation.

use chrono::NaiveDate;

use super::Rule;
use super::error::PenaltyError;
use super::half_year::HalfYear;
use super::interest::Basis;
use super::rates::RateTables;
use crate::domain::money::Money;

/// The fixed compensation a rule grants for an invoice paid late.
pub(crate) enum Compensation {
    None,
    Fixed(Money),
    /// Norway's standardkompensasjon of that half-year, read when needed,
    /// less the fees already claimed (NOK minor units), never below zero.
    NorwayTable {
        half: HalfYear,
        less: i64,
    },
}

impl Compensation {
    pub fn resolve(&self, rates: &RateTables) -> Result<Option<Money>, PenaltyError> {
        match self {
            Compensation::None => Ok(None),
            Compensation::Fixed(m) => Ok(Some(*m)),
            Compensation::NorwayTable { half, less } => {
                let full = rates.norway_compensation(*half)?;
                let left = full.minor.saturating_sub((*less).max(0));
                Ok((left > 0).then(|| Money::new(left, full.currency)))
            }
        }
    }
}

pub(crate) struct Plan<'a> {
    pub rule: Rule,
    /// First day interest may run; None when no interest runs at all.
    pub start: Option<NaiveDate>,
    pub basis: Basis<'a>,
    pub compensation: Compensation,
    pub note: Option<String>,
}

impl<'a> Plan<'a> {
    /// No statutory penalty, for `reason`.
    pub fn none(reason: impl Into<String>) -> Plan<'a> {
        Plan {
            rule: Rule::None(reason.into()),
            start: None,
            basis: Basis::fixed(rust_decimal::Decimal::ZERO),
            compensation: Compensation::None,
            note: None,
        }
    }

    /// Interest from the day after `due_on` under `rule`.
    pub fn statutory(
        rule: Rule,
        due_on: NaiveDate,
        basis: Basis<'a>,
        compensation: Compensation,
    ) -> Plan<'a> {
        Plan {
            rule,
            start: due_on.succ_opt(),
            basis,
            compensation,
            note: None,
        }
    }
}
