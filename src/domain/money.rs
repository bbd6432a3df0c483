//! Money as an integer count of minor units plus a currency.
//!
//! Rounding rule: wherever a computed amount has more digits than the
//! currency's minor unit, it is rounded once, half away from zero
//! (`2.345 EUR` → `2.35`, `-2.345 EUR` → `-2.35`). Parsing never rounds: an
//! amount written with too many digits is refused.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::currency::Currency;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("unknown currency {0:?} (expected an ISO 4217 code such as EUR)")]
    UnknownCurrency(String),
    #[error("{amount} has more decimals than {currency} allows ({exponent})")]
    TooPrecise {
        amount: String,
        currency: String,
        exponent: u32,
    },
    #[error("amount {0} is too large")]
    Overflow(String),
    #[error("not an amount: {0:?}")]
    NotAnAmount(String),
    #[error("currencies differ: {0} and {1}")]
    CurrencyMismatch(String, String),
}

/// An amount of money: `minor` units of `currency` (cents for EUR, yen for JPY).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub const fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Converts a decimal amount that must fit the currency's minor unit exactly.
    pub fn from_decimal_exact(value: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let exp = currency.exponent();
        let normal = value.normalize();
        if normal.scale() > exp {
            return Err(MoneyError::TooPrecise {
                amount: value.to_string(),
                currency: currency.code().to_string(),
                exponent: exp,
            });
        }
        Self::to_minor(normal, currency)
    }

    /// Converts a computed decimal amount, rounding half away from zero to the minor unit.
    pub fn from_decimal_rounded(value: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let rounded = value
            .round_dp_with_strategy(currency.exponent(), RoundingStrategy::MidpointAwayFromZero);
        Self::to_minor(rounded, currency)
    }

    fn to_minor(value: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let factor = Decimal::from(10i64.pow(currency.exponent()));
        let minor = value
            .checked_mul(factor)
            .ok_or_else(|| MoneyError::Overflow(value.to_string()))?
            .normalize();
        if minor.scale() != 0 {
            return Err(MoneyError::TooPrecise {
                amount: value.to_string(),
                currency: currency.code().to_string(),
                exponent: currency.exponent(),
            });
        }
        let minor = i64::try_from(minor).map_err(|_| MoneyError::Overflow(value.to_string()))?;
        Ok(Money { minor, currency })
    }

    /// The amount as a decimal number (exact).
    pub fn to_decimal(&self) -> Decimal {
        Decimal::from_i128_with_scale(i128::from(self.minor), self.currency.exponent())
    }

    /// Plain decimal string with exactly the currency's digits: `1234.56`, `-0.50`,
    /// `1234` (JPY), `1.234` (BHD). This is the form used in CSV and JSON output.
    pub fn decimal_string(&self) -> String {
        decimal_string(self.minor, self.currency.exponent())
    }

    /// Reads the plain form written by [`Money::decimal_string`] (`-1234.5`, `12`, `0.05`).
    pub fn parse_plain(s: &str, currency: Currency) -> Result<Money, MoneyError> {
        let t = s.trim();
        let ok = !t.is_empty()
            && t.trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && t.chars().filter(|c| *c == '.').count() <= 1
            && t.trim_start_matches('-')
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
        if !ok {
            return Err(MoneyError::NotAnAmount(s.to_string()));
        }
        let d: Decimal = t
            .parse()
            .map_err(|_| MoneyError::NotAnAmount(s.to_string()))?;
        Money::from_decimal_exact(d, currency)
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.minor
            .checked_add(other.minor)
            .map(|minor| Money {
                minor,
                currency: self.currency,
            })
            .ok_or_else(|| MoneyError::Overflow(format!("{self} + {other}")))
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.minor
            .checked_sub(other.minor)
            .map(|minor| Money {
                minor,
                currency: self.currency,
            })
            .ok_or_else(|| MoneyError::Overflow(format!("{self} - {other}")))
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(
                self.currency.code().to_string(),
                other.currency.code().to_string(),
            ))
        }
    }
}

/// `minor` units at `exponent` digits as a plain decimal string.
pub fn decimal_string(minor: i64, exponent: u32) -> String {
    decimal_string_wide(i128::from(minor), exponent)
}

/// [`decimal_string`] for totals, which are added up in an `i128`.
pub fn decimal_string_wide(minor: i128, exponent: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs}");
    }
    let factor = 10u128.pow(exponent);
    format!(
        "{sign}{}.{:0width$}",
        abs / factor,
        abs % factor,
        width = exponent as usize
    )
}

impl fmt::Display for Money {
    /// `1234.56 EUR`: unambiguous, for logs and error messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.decimal_string(), self.currency)
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.decimal_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn minor_units_follow_the_currency() {
        assert_eq!(
            Money::from_decimal_exact(d("1234.56"), Currency::EUR)
                .unwrap()
                .minor,
            123456
        );
        assert_eq!(
            Money::from_decimal_exact(d("1234"), Currency::JPY)
                .unwrap()
                .minor,
            1234
        );
        assert_eq!(
            Money::from_decimal_exact(d("1.234"), Currency::BHD)
                .unwrap()
                .minor,
            1234
        );
        assert_eq!(
            Money::from_decimal_exact(d("1.50"), Currency::JPY).unwrap_err(),
            MoneyError::TooPrecise {
                amount: "1.50".into(),
                currency: "JPY".into(),
                exponent: 0
            }
        );
        assert_eq!(
            Money::from_decimal_exact(d("1.00"), Currency::JPY)
                .unwrap()
                .minor,
            1
        );
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let r = |s| {
            Money::from_decimal_rounded(d(s), Currency::EUR)
                .unwrap()
                .minor
        };
        assert_eq!(r("2.345"), 235);
        assert_eq!(r("-2.345"), -235);
        assert_eq!(r("2.3449"), 234);
        assert_eq!(r("0.005"), 1);
        assert_eq!(r("-0.005"), -1);
        assert_eq!(
            Money::from_decimal_rounded(d("0.5"), Currency::JPY)
                .unwrap()
                .minor,
            1
        );
        assert_eq!(
            Money::from_decimal_rounded(d("2.5"), Currency::JPY)
                .unwrap()
                .minor,
            3
        );
    }

    #[test]
    fn decimal_strings() {
        assert_eq!(
            Money::new(123456, Currency::EUR).decimal_string(),
            "1234.56"
        );
        assert_eq!(Money::new(-50, Currency::EUR).decimal_string(), "-0.50");
        assert_eq!(Money::new(5, Currency::EUR).decimal_string(), "0.05");
        assert_eq!(Money::new(1234, Currency::JPY).decimal_string(), "1234");
        assert_eq!(Money::new(1234, Currency::BHD).decimal_string(), "1.234");
        assert_eq!(
            Money::new(i64::MIN, Currency::EUR).decimal_string(),
            "-92233720368547758.08"
        );
    }

    #[test]
    fn plain_parse_refuses_garbage() {
        assert!(Money::parse_plain("12a", Currency::EUR).is_err());
        assert!(Money::parse_plain("", Currency::EUR).is_err());
        assert!(Money::parse_plain("1.2.3", Currency::EUR).is_err());
        assert!(Money::parse_plain(".5", Currency::EUR).is_err());
        assert_eq!(
            Money::parse_plain("-0.5", Currency::EUR).unwrap().minor,
            -50
        );
    }
}
