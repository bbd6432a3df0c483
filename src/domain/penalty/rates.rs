//! The reference rates the penalty rules read, one table per source, and
//! their look-ups, which report a missing period instead of guessing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::{PenaltyError, RateTable};
use super::half_year::HalfYear;
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

fn missing(period: impl ToString, table: RateTable) -> PenaltyError {
    PenaltyError::MissingRate {
        period: period.to_string(),
        table,
    }
}

fn half_year<T: Copy>(
    map: &BTreeMap<HalfYear, T>,
    h: HalfYear,
    table: RateTable,
) -> Result<T, PenaltyError> {
    map.get(&h).copied().ok_or_else(|| missing(h, table))
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
            None => Err(missing(h, RateTable::Spain)),
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
            .ok_or_else(|| missing(date, RateTable::UkBankRate))
    }
}
