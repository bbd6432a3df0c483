//! One reference rate by name: its series (`ecb`, `uk_bank_rate`…) and its
//! period (a half-year, or a reference date for the Bank Rate), written as
//! `assets/rates.toml` and `dun rates set` write them.

use std::fmt;

use chrono::NaiveDate;

use super::error::RateTable;
use super::half_year::HalfYear;

/// The period a reference rate is fixed for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RatePeriod {
    /// Every series but the Bank Rate: `2026-H2`.
    Half(HalfYear),
    /// The Bank Rate on a reference date (30 June or 31 December).
    Day(NaiveDate),
}

impl RatePeriod {
    /// As keyed in `assets/rates.toml` and typed in `dun rates set`:
    /// `2026-H2`, `2026-06-30`.
    pub fn key(self) -> String {
        match self {
            RatePeriod::Half(h) => h.key(),
            RatePeriod::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Reads [`RatePeriod::key`] back: `2026-H2`, `2026-06-30`.
    pub fn parse(key: &str) -> Option<RatePeriod> {
        HalfYear::parse(key)
            .map(RatePeriod::Half)
            .or_else(|| key.trim().parse().ok().map(RatePeriod::Day))
    }
}

impl fmt::Display for RatePeriod {
    /// As messages and letters write it: `2026 H2`, `2026-06-30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RatePeriod::Half(h) => h.fmt(f),
            RatePeriod::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// A series and one of its periods: the name of one reference rate.
/// Orders by series (as [`RateTable::ALL`]), then chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RateKey {
    pub table: RateTable,
    pub period: RatePeriod,
}

impl RateKey {
    pub fn half(table: RateTable, h: HalfYear) -> RateKey {
        RateKey {
            table,
            period: RatePeriod::Half(h),
        }
    }

    /// Reads back a series' key and a period's key, as [`fmt::Display`]
    /// writes them (`ecb`, `2026-H2`).
    pub fn parse(table: &str, period: &str) -> Option<RateKey> {
        Some(RateKey {
            table: RateTable::from_key(table)?,
            period: RatePeriod::parse(period)?,
        })
    }

    /// The command that sets this rate, with the value and source to fill in.
    pub fn command(self) -> String {
        format!(
            "dun rates set {} {} VALUE --source TEXT",
            self.table.key(),
            self.period.key()
        )
    }
}

impl RateKey {
    /// As a queue line or a message says it is missing: `no ECB rate for
    /// 2026-H2`.
    pub fn missing(self) -> String {
        format!("no {} for {}", self.table.name(), self.period.key())
    }
}

/// A missing rate as scripts read it: `{"series": "ecb", "period":
/// "2026-H2", "text": "no ECB rate for 2026-H2", "command": "dun rates set
/// ecb 2026-H2 VALUE --source TEXT"}`.
impl serde::Serialize for RateKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("series", self.table.key())?;
        m.serialize_entry("period", &self.period.key())?;
        m.serialize_entry("text", &self.missing())?;
        m.serialize_entry("command", &self.command())?;
        m.end()
    }
}

impl fmt::Display for RateKey {
    /// `ecb 2026-H2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.table.key(), self.period.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_as_typed_and_order_by_series_then_period() {
        let h = |s: &str| HalfYear::parse(s).unwrap();
        let ecb = RateKey::half(RateTable::Ecb, h("2026-H2"));
        assert_eq!(ecb.to_string(), "ecb 2026-H2");
        assert_eq!(ecb.period.to_string(), "2026 H2");
        assert_eq!(
            ecb.command(),
            "dun rates set ecb 2026-H2 VALUE --source TEXT"
        );
        let uk = RateKey {
            table: RateTable::UkBankRate,
            period: RatePeriod::Day("2026-06-30".parse().unwrap()),
        };
        assert_eq!(uk.to_string(), "uk_bank_rate 2026-06-30");
        assert!(RateKey::half(RateTable::Ecb, h("2026-H1")) < ecb);
        assert!(ecb < RateKey::half(RateTable::FranceLegal, h("2012-H1")));
        assert!(RateKey::half(RateTable::NorwayCompensation, h("2026-H2")) < uk);
        for key in [ecb, uk] {
            let (table, period) = (key.table.key(), key.period.key());
            assert_eq!(RateKey::parse(table, &period), Some(key));
        }
        assert_eq!(RateKey::parse("ecb", "2026-H3"), None);
        assert_eq!(RateKey::parse("libor", "2026-H2"), None);
    }
}
