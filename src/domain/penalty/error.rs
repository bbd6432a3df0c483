//! Why a penalty could not be computed.

use std::fmt;

/// One of the reference-rate tables in [`super::RateTables`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RateTable {
    Ecb,
    FranceLegal,
    Spain,
    NorwayInterest,
    NorwayCompensation,
    UkBankRate,
}

impl RateTable {
    pub const ALL: [RateTable; 6] = [
        RateTable::Ecb,
        RateTable::FranceLegal,
        RateTable::Spain,
        RateTable::NorwayInterest,
        RateTable::NorwayCompensation,
        RateTable::UkBankRate,
    ];

    /// The table's name under `[rates]` in `config.toml`.
    pub fn key(self) -> &'static str {
        match self {
            RateTable::Ecb => "ecb",
            RateTable::FranceLegal => "france_legal",
            RateTable::Spain => "spain",
            RateTable::NorwayInterest => "norway_interest",
            RateTable::NorwayCompensation => "norway_compensation",
            RateTable::UkBankRate => "uk_bank_rate",
        }
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
        RateTable::ALL.into_iter().find(|t| t.key() == key)
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
    #[error("no reference rate for {period} ({table}) — set it in config.toml")]
    MissingRate { period: String, table: RateTable },
    #[error("contractual terms: {0}")]
    Contract(String),
    #[error("late-payment interest is too large to compute")]
    Overflow,
}

impl PenaltyError {
    /// The reference rate this error says is missing, if that is what it
    /// says.
    pub fn missing_rate(&self) -> Option<MissingRate> {
        match self {
            PenaltyError::MissingRate { period, table } => Some(MissingRate {
                table: *table,
                period: period.replace(' ', "-"),
            }),
            _ => None,
        }
    }
}

/// A reference rate the penalty rules need and the tables lack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingRate {
    pub table: RateTable,
    /// The period as the tables name it: `2026-H2`, or the Bank Rate's
    /// reference date `2026-06-30`.
    pub period: String,
}

impl MissingRate {
    /// The command that sets it.
    pub fn command(&self) -> String {
        format!(
            "dun rates set {} {} VALUE --source TEXT",
            self.table.key(),
            self.period
        )
    }
}

impl fmt::Display for MissingRate {
    /// `no ECB rate for 2026-H2`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no {} for {}", self.table.name(), self.period)
    }
}

/// `{"series": "ecb", "period": "2026-H2", "text": "no ECB rate for
/// 2026-H2", "command": "dun rates set ecb 2026-H2 VALUE --source TEXT"}`
impl serde::Serialize for MissingRate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("series", self.table.key())?;
        m.serialize_entry("period", &self.period)?;
        m.serialize_entry("text", &self.to_string())?;
        m.serialize_entry("command", &self.command())?;
        m.end()
    }
}
