//! The reference rates the penalty rules read, one table per source, and
//! their look-ups, which report a missing period instead of guessing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::{PenaltyError, RateTable};
use super::half_year::HalfYear;
use super::rate_key::{RateKey, RatePeriod};
use crate::domain::currency::Currency;
use crate::domain::money::Money;

/// Reference rates, all percentages a year except the NOK amounts.
///
/// Every period holds only the value the reference gives for it: a value
/// for one half-year is not carried into the next one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateTables {
    /// ECB main refinancing rate in force on 1 January / 1 July.
    pub ecb: BTreeMap<HalfYear, Decimal>,
    /// French legal interest rate, "autres cas" column.
    pub france_legal: BTreeMap<HalfYear, Decimal>,
    /// Spanish late-payment rate published in the BOE (ECB + 8).
    pub spain: BTreeMap<HalfYear, Decimal>,
    /// Norwegian forsinkelsesrente.
    pub norway_interest: BTreeMap<HalfYear, Decimal>,
    /// Norwegian standardkompensasjon, NOK minor units.
    pub norway_compensation: BTreeMap<HalfYear, i64>,
    /// Bank of England Bank Rate in force on 30 June / 31 December.
    pub uk_bank_rate: BTreeMap<NaiveDate, Decimal>,
}

/// A half-year's rate and whether it was derived from the ECB rate rather
/// than read from the published table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableRate {
    pub percent: Decimal,
    pub derived: bool,
}

fn missing(period: RatePeriod, table: RateTable) -> PenaltyError {
    PenaltyError::MissingRate { period, table }
}

fn half_year<T: Copy>(
    map: &BTreeMap<HalfYear, T>,
    h: HalfYear,
    table: RateTable,
) -> Result<T, PenaltyError> {
    map.get(&h)
        .copied()
        .ok_or_else(|| missing(RatePeriod::Half(h), table))
}

impl RateTables {
    pub fn ecb_rate(&self, h: HalfYear) -> Result<Decimal, PenaltyError> {
        half_year(&self.ecb, h, RateTable::Ecb)
    }

    pub fn france_legal_rate(&self, h: HalfYear) -> Result<Decimal, PenaltyError> {
        half_year(&self.france_legal, h, RateTable::FranceLegal)
    }

    /// The published Spanish rate; for a half-year the table lacks, ECB + 8
    /// marked derived (Ley 3/2004 art. 7); with neither, the Spanish table is
    /// reported missing.
    pub fn spain_rate(&self, h: HalfYear) -> Result<TableRate, PenaltyError> {
        if let Some(percent) = self.spain.get(&h) {
            return Ok(TableRate {
                percent: *percent,
                derived: false,
            });
        }
        match self.ecb.get(&h) {
            Some(ecb) => Ok(TableRate {
                percent: ecb + Decimal::from(8),
                derived: true,
            }),
            None => Err(missing(RatePeriod::Half(h), RateTable::Spain)),
        }
    }

    pub fn norway_rate(&self, h: HalfYear) -> Result<Decimal, PenaltyError> {
        half_year(&self.norway_interest, h, RateTable::NorwayInterest)
    }

    pub fn norway_compensation(&self, h: HalfYear) -> Result<Money, PenaltyError> {
        half_year(&self.norway_compensation, h, RateTable::NorwayCompensation)
            .map(|minor| Money::new(minor, Currency::NOK))
    }

    /// The Bank Rate on a reference date (30 June or 31 December).
    pub fn uk_bank_rate_on(&self, date: NaiveDate) -> Result<Decimal, PenaltyError> {
        self.uk_bank_rate
            .get(&date)
            .copied()
            .ok_or_else(|| missing(RatePeriod::Day(date), RateTable::UkBankRate))
    }

    /// Whether a computation that needs `key` finds a rate: for Spain, the
    /// published one or the ECB rate it is derived from.
    pub fn knows(&self, key: RateKey) -> bool {
        match (key.table, key.period) {
            (RateTable::Ecb, RatePeriod::Half(h)) => self.ecb.contains_key(&h),
            (RateTable::FranceLegal, RatePeriod::Half(h)) => self.france_legal.contains_key(&h),
            (RateTable::Spain, RatePeriod::Half(h)) => {
                self.spain.contains_key(&h) || self.ecb.contains_key(&h)
            }
            (RateTable::NorwayInterest, RatePeriod::Half(h)) => {
                self.norway_interest.contains_key(&h)
            }
            (RateTable::NorwayCompensation, RatePeriod::Half(h)) => {
                self.norway_compensation.contains_key(&h)
            }
            (RateTable::UkBankRate, RatePeriod::Day(d)) => self.uk_bank_rate.contains_key(&d),
            _ => false,
        }
    }

    /// Puts `value` in as `key`'s rate: a percentage, or NOK minor units for
    /// the standardkompensasjon (whose value is rounded to whole øre). A
    /// key of the wrong kind of period (a date for a half-yearly series)
    /// is left out; say whether it was put in.
    pub fn insert(&mut self, key: RateKey, value: Decimal) -> bool {
        match (key.table, key.period) {
            (RateTable::Ecb, RatePeriod::Half(h)) => self.ecb.insert(h, value),
            (RateTable::FranceLegal, RatePeriod::Half(h)) => self.france_legal.insert(h, value),
            (RateTable::Spain, RatePeriod::Half(h)) => self.spain.insert(h, value),
            (RateTable::NorwayInterest, RatePeriod::Half(h)) => {
                self.norway_interest.insert(h, value)
            }
            (RateTable::NorwayCompensation, RatePeriod::Half(h)) => {
                let minor = (value * Decimal::ONE_HUNDRED).round();
                let Ok(minor) = i64::try_from(minor) else {
                    return false;
                };
                self.norway_compensation.insert(h, minor);
                return true;
            }
            (RateTable::UkBankRate, RatePeriod::Day(d)) => self.uk_bank_rate.insert(d, value),
            _ => return false,
        };
        true
    }
}
