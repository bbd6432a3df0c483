//! Why a penalty could not be computed.

use std::fmt;

use super::rate_key::{RateKey, RatePeriod};

/// One of the reference-rate tables in [`super::RateTables`]: a series of
/// `dun rates`. Orders as [`RateTable::ALL`].
/// Its key (`uk_bank_rate`) is the series' name in `assets/rates.toml`,
/// the database and `dun rates`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum RateTable {
    Ecb,
    FranceLegal,
    Spain,
    NorwayInterest,
    NorwayCompensation,
    UkBankRate,
}

impl RateTable {
    pub const ALL: &[RateTable] = <RateTable as strum::VariantArray>::VARIANTS;

    /// The series' name in `assets/rates.toml` and `dun rates`.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The table's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            RateTable::Ecb => "ECB rate",
            RateTable::FranceLegal => "France legal rate",
            RateTable::Spain => "Spain late-payment rate",
            RateTable::NorwayInterest => "Norway forsinkelsesrente",
            RateTable::NorwayCompensation => "Norway standardkompensasjon",
            RateTable::UkBankRate => "UK Bank Rate",
        }
    }

    pub fn from_key(key: &str) -> Option<RateTable> {
        key.parse().ok()
    }
}

impl fmt::Display for RateTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PenaltyError {
    /// A period has no known rate: never guessed, never carried forward.
    /// `period` reads `2026 H2`, or a date such as `2026-06-30` for the UK.
    #[error(
        "no reference rate for {period} ({table}) — dun rates set {} {} VALUE --source TEXT",
        table.key(),
        period.key()
    )]
    MissingRate {
        period: RatePeriod,
        table: RateTable,
    },
    #[error("contractual terms: {0}")]
    Contract(String),
    #[error("late-payment interest is too large to compute")]
    Overflow,
}

impl PenaltyError {
    /// The rate this error says is missing, if it says so.
    pub fn missing_rate(&self) -> Option<RateKey> {
        match self {
            PenaltyError::MissingRate { period, table } => Some(RateKey {
                table: *table,
                period: *period,
            }),
            _ => None,
        }
    }
}
