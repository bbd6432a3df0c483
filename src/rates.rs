//! Reference-rate tables for the penalty rules: the defaults embedded from
//! `assets/rates.toml`, overridden key by key by the `[rates]` table of the
//! user's `config.toml`.
//!
//! Each table maps a period to a decimal string: half-year keys `"2026-H2"`
//! (`uk_bank_rate`: the reference dates `"2025-12-31"`, `"2026-06-30"`),
//! values `"2.15"` (percent) or `"460"` (`norway_compensation`, NOK).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::currency::Currency;
use crate::domain::money::Money;
use crate::domain::penalty::{HalfYear, RateTable, RateTables};

const DEFAULTS: &str = include_str!("../assets/rates.toml");

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RatesError {
    #[error("assets/rates.toml: {0}")]
    Defaults(String),
    #[error("[rates] has no table {table:?} (known: {known})")]
    UnknownTable { table: String, known: String },
    #[error("[rates] {table}: expected a table of \"period\" = \"rate\" entries")]
    NotATable { table: String },
    #[error("[rates.{table}] key {key:?}: {reason}")]
    BadKey {
        table: &'static str,
        key: String,
        reason: String,
    },
    #[error("[rates.{table}] {key:?} = {value}: {reason}")]
    BadValue {
        table: &'static str,
        key: String,
        value: String,
        reason: String,
    },
}

/// The embedded tables, with `user_override` (the contents of the user's
/// `[rates]` table) laid over them one key at a time: a user may add a
/// period or correct one. Unknown tables, bad keys and bad values are
/// refused, saying which and why.
pub fn load(user_override: Option<&toml::Table>) -> Result<RateTables, RatesError> {
    let defaults: toml::Table = DEFAULTS
        .parse()
        .map_err(|e: toml::de::Error| RatesError::Defaults(e.to_string()))?;
    let mut tables = RateTables::default();
    read_into(&mut tables, &defaults)?;
    if let Some(over) = user_override {
        read_into(&mut tables, over)?;
    }
    Ok(tables)
}

fn read_into(tables: &mut RateTables, source: &toml::Table) -> Result<(), RatesError> {
    for (name, value) in source {
        let table = RateTable::from_key(name).ok_or_else(|| RatesError::UnknownTable {
            table: name.clone(),
            known: RateTable::ALL.map(RateTable::key).join(", "),
        })?;
        let entries = value.as_table().ok_or_else(|| RatesError::NotATable {
            table: name.clone(),
        })?;
        for (key, value) in entries {
            let entry = Entry { table, key, value };
            match table {
                RateTable::Ecb => insert_half(&mut tables.ecb, &entry, percent(&entry)?)?,
                RateTable::FranceLegal => {
                    insert_half(&mut tables.france_legal, &entry, percent(&entry)?)?
                }
                RateTable::Spain => insert_half(&mut tables.spain, &entry, percent(&entry)?)?,
                RateTable::NorwayInterest => {
                    insert_half(&mut tables.norway_interest, &entry, percent(&entry)?)?
                }
                RateTable::NorwayCompensation => {
                    insert_half(&mut tables.norway_compensation, &entry, nok(&entry)?)?
                }
                RateTable::UkBankRate => {
                    tables
                        .uk_bank_rate
                        .insert(reference_date(&entry)?, percent(&entry)?);
                }
            }
        }
    }
    Ok(())
}

struct Entry<'a> {
    table: RateTable,
    key: &'a str,
    value: &'a toml::Value,
}

impl Entry<'_> {
    fn bad_key(&self, reason: &str) -> RatesError {
        RatesError::BadKey {
            table: self.table.key(),
            key: self.key.to_string(),
            reason: reason.to_string(),
        }
    }

    fn bad_value(&self, reason: &str) -> RatesError {
        RatesError::BadValue {
            table: self.table.key(),
            key: self.key.to_string(),
            value: self.value.to_string(),
            reason: reason.to_string(),
        }
    }

    /// The value as a plain non-negative decimal string.
    fn decimal_text(&self) -> Result<&str, RatesError> {
        let text = match self.value {
            toml::Value::String(s) => s.trim(),
            toml::Value::Float(_) | toml::Value::Integer(_) => {
                return Err(self.bad_value(
                    "write the number as a string, e.g. \"2.15\", so that it stays exact",
                ));
            }
            _ => return Err(self.bad_value("expected a decimal number as a string, e.g. \"2.15\"")),
        };
        if text.starts_with('-') {
            return Err(self.bad_value("cannot be negative"));
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !digits(fraction) {
            return Err(self.bad_value("not a decimal number (write it like \"2.15\")"));
        }
        Ok(text)
    }
}

fn insert_half<T>(
    map: &mut BTreeMap<HalfYear, T>,
    entry: &Entry,
    value: T,
) -> Result<(), RatesError> {
    let h = HalfYear::parse(entry.key)
        .ok_or_else(|| entry.bad_key("not a half-year (write it like \"2026-H2\")"))?;
    map.insert(h, value);
    Ok(())
}

/// A reference rate, in percent a year: no central bank's rate is above
/// 100, and the interest computed from it must not overflow.
const MAX_PERCENT: Decimal = Decimal::ONE_HUNDRED;

fn percent(entry: &Entry) -> Result<Decimal, RatesError> {
    let p: Decimal = entry
        .decimal_text()?
        .parse()
        .map_err(|_| entry.bad_value("not a decimal number (write it like \"2.15\")"))?;
    if p > MAX_PERCENT {
        return Err(entry.bad_value("a yearly rate above 100 % is not a reference rate"));
    }
    Ok(p)
}

/// The Norwegian fixed compensation: a few hundred crowns, at most 10,000.
const MAX_NOK_MINOR: i64 = 1_000_000;

fn nok(entry: &Entry) -> Result<i64, RatesError> {
    let m = Money::parse_plain(entry.decimal_text()?, Currency::NOK)
        .map(|m| m.minor)
        .map_err(|e| entry.bad_value(&e.to_string()))?;
    if m > MAX_NOK_MINOR {
        return Err(entry.bad_value("above NOK 10,000: not a standardkompensasjon"));
    }
    Ok(m)
}

fn reference_date(entry: &Entry) -> Result<NaiveDate, RatesError> {
    let date = NaiveDate::parse_from_str(entry.key.trim(), "%Y-%m-%d")
        .map_err(|_| entry.bad_key("not a date (write it like \"2025-12-31\")"))?;
    if (date.month(), date.day()) == (6, 30) || (date.month(), date.day()) == (12, 31) {
        Ok(date)
    } else {
        Err(entry.bad_key("the Bank Rate is read on 30 June and 31 December only"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> HalfYear {
        HalfYear::parse(s).unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn defaults_hold_every_period_of_the_reference() {
        let t = load(None).unwrap();
        assert_eq!(t.ecb.len(), 29);
        assert_eq!(t.france_legal.len(), 23);
        assert_eq!(t.spain.len(), 15);
        assert_eq!(t.norway_interest.len(), 27);
        assert_eq!(t.norway_compensation.len(), 17);
        assert_eq!(t.uk_bank_rate.len(), 28);
        assert_eq!(t.ecb[&h("2019-H2")], d("0.00"));
        assert_eq!(t.france_legal[&h("2024-H1")], d("5.07"));
        assert_eq!(t.norway_compensation[&h("2026-H1")], 46_000);
        let ref_date = NaiveDate::from_ymd_opt(2014, 12, 31).unwrap();
        assert_eq!(t.uk_bank_rate[&ref_date], d("0.50"));
    }

    #[test]
    fn nothing_is_carried_forward() {
        let t = load(None).unwrap();
        assert!(!t.norway_compensation.contains_key(&h("2023-H2")));
        assert!(!t.norway_compensation.contains_key(&h("2015-H1")));
        assert!(!t.spain.contains_key(&h("2015-H2")));
        for table in [&t.ecb, &t.france_legal, &t.spain, &t.norway_interest] {
            assert!(!table.contains_key(&h("2026-H2")));
        }
        assert!(!t.norway_compensation.contains_key(&h("2026-H2")));
        assert_eq!(
            t.uk_bank_rate
                .keys()
                .last()
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-12-31")
        );
    }

    #[test]
    fn a_user_value_replaces_one_period_only() {
        let over: toml::Table = "[ecb]\n\"2025-H2\" = \"2.10\"\n".parse().unwrap();
        let t = load(Some(&over)).unwrap();
        assert_eq!(t.ecb[&h("2025-H2")], d("2.10"));
        assert_eq!(t.ecb[&h("2025-H1")], d("3.15"));
    }

    #[test]
    fn bad_entries_are_refused_with_the_key_and_the_reason() {
        let err = |text: &str| {
            let over: toml::Table = text.parse().unwrap();
            load(Some(&over)).unwrap_err().to_string()
        };
        assert!(err("[ecb]\n\"2026-H2\" = 2.15\n").contains("as a string"));
        assert!(err("[ecb]\n\"2026-H2\" = \"-1\"\n").contains("negative"));
        assert!(err("[ecb]\n\"2026-H2\" = \"2,15\"\n").contains("not a decimal"));
        assert!(err("[ecb]\n\"2026-H2\" = \"1e2\"\n").contains("not a decimal"));
        assert!(err("[uk_bank_rate]\n\"2026-03-31\" = \"3.75\"\n").contains("30 June"));
        assert!(err("[norway_compensation]\n\"2026-H2\" = \"460.001\"\n").contains("NOK"));
        assert!(err("ecb = \"2.15\"\n").contains("expected a table"));
        // Hostile values are refused, never an overflow later.
        assert!(err("[ecb]\n\"2026-H2\" = \"79228162514264337593543950335\"\n").contains("100"));
        assert!(
            err("[norway_compensation]\n\"2026-H2\" = \"92233720368547758.07\"\n").contains("NOK")
        );
    }
}
