//! The team settings' keys: what kind of value each takes, and the check
//! that turns a value given by a clerk into the one stored.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::client::{Profile, Rating};
use crate::domain::currency::Currency;
use crate::domain::ladder::Step;
use crate::domain::money::Money;

/// Longest text a text setting takes (a company's address, a signature).
pub const MAX_TEXT: usize = 1_000;
/// Longest value, as written, that any setting takes.
pub const MAX_LITERAL: usize = 16_384;

/// What a key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line or a few of text.
    Text,
    /// A folder (text without control characters).
    Folder,
    /// An IANA time zone name, or empty.
    TimeZone,
    /// The mail server (`smtp://…`, `smtps://…`, `sendmail`), or empty.
    SmtpUrl,
    /// Whole days of a ladder (its range is the ladder's check).
    LadderDays,
    /// A ladder's steps, replaced as a whole.
    Steps,
    /// Whole days from 1 to 365.
    Days,
    /// A percentage from 0 to 100.
    Percent,
    /// An amount in this currency, written as a string (`"5.00"`).
    Amount(Currency),
    /// An IBAN (checked, stored without spaces), or empty.
    Iban,
    /// A BIC, or empty.
    Bic,
    /// `true` or `false`.
    Flag,
    /// A command name or path, without control characters.
    Command,
}

/// The kind of `key`, or `None` when dun knows no such key.
pub fn kind(key: &str) -> Option<Kind> {
    let parts: Vec<&str> = key.split('.').collect();
    Some(match parts.as_slice() {
        [
            "company",
            "name" | "address" | "phone" | "email" | "bank_account" | "signature" | "terms",
        ] => Kind::Text,
        ["company", "iban"] => Kind::Iban,
        ["company", "bic"] => Kind::Bic,
        ["payments", "kid"] => Kind::Flag,
        ["print", "command"] => Kind::Command,
        ["letters", "folder"] => Kind::Folder,
        ["team", "time_zone"] => Kind::TimeZone,
        ["smtp", "url"] => Kind::SmtpUrl,
        ["smtp", "credentials"] => Kind::Folder,
        ["ladder", p, field] if Profile::ALL.iter().any(|x| x.as_str() == *p) => match *field {
            "min_gap_days" | "promise_grace_days" | "grace_days" => Kind::LadderDays,
            "steps" => Kind::Steps,
            _ => return None,
        },
        ["dunning", "ack_days" | "dispute_review_days"] => Kind::Days,
        ["dunning", "minimum", code] => Kind::Amount(currency_of_key(code)?),
        ["solvency", "deposit", r] if Rating::ALL.iter().any(|x| x.as_str() == *r) => Kind::Percent,
        _ => return None,
    })
}

/// The currency of a `dunning.minimum.CODE` key: an upper-case ISO code.
fn currency_of_key(code: &str) -> Option<Currency> {
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Currency::from_code(code).ok()
}

/// Why `key` is not a key, with a hint at the near ones.
pub fn unknown(key: &str) -> String {
    let head = key.split('.').next().unwrap_or("");
    let hint = match head {
        "ladder" => {
            "ladder.PROFILE.min_gap_days|promise_grace_days|grace_days|steps, PROFILE one of administration, business, individual"
        }
        "company" => "company.name|address|phone|email|bank_account|signature|iban|bic|terms",
        "payments" => "payments.kid",
        "print" => "print.command",
        "dunning" => {
            "dunning.ack_days, dunning.dispute_review_days, dunning.minimum.CUR (an upper-case ISO 4217 code)"
        }
        "solvency" => "solvency.deposit.A|B|C|D",
        "smtp" => "smtp.url, smtp.credentials",
        _ => "see `dun settings show` for every key",
    };
    format!("no such setting ({hint})")
}

/// Reads `raw`, a value as typed on the command line, for a key of `kind`:
/// a TOML literal, or for a text key a bare word taken as the text.
pub fn parse_literal(kind: Kind, raw: &str) -> Result<toml::Value, String> {
    if raw.len() > MAX_LITERAL {
        return Err(format!(
            "the value is too long (at most {MAX_LITERAL} bytes)"
        ));
    }
    let parsed = toml::Value::from_str(raw);
    match kind {
        Kind::Text
        | Kind::Folder
        | Kind::TimeZone
        | Kind::Iban
        | Kind::Bic
        | Kind::Command
        | Kind::SmtpUrl => Ok(match parsed {
            Ok(v @ toml::Value::String(_)) => v,
            _ => toml::Value::String(raw.to_string()),
        }),
        // An amount as typed is read exactly, never through a float.
        Kind::Amount(_) if Decimal::from_str(raw.trim()).is_ok() => {
            Ok(toml::Value::String(raw.trim().to_string()))
        }
        _ => parsed.map_err(|e| {
            let reason = e.message().trim().to_string();
            format!("not a TOML value: {reason}")
        }),
    }
}

/// Checks `value` for a key of `kind` and returns it as stored (amounts as
/// a string with the currency's digits, steps in a fixed form). The whole
/// ladder is checked later, once every key of it is known.
pub fn check(kind: Kind, value: toml::Value) -> Result<toml::Value, String> {
    match kind {
        Kind::Text => Ok(toml::Value::String(text(value)?)),
        Kind::Folder => {
            let t = text(value)?;
            if t.chars().any(char::is_control) {
                return Err("a folder name has no control characters".into());
            }
            Ok(toml::Value::String(t))
        }
        Kind::TimeZone => {
            let t = text(value)?;
            super::clock::zone(&t)?;
            Ok(toml::Value::String(t))
        }
        Kind::SmtpUrl => {
            let t = text(value)?;
            super::smtp::parse(&t)?;
            Ok(toml::Value::String(t.trim().to_string()))
        }
        Kind::LadderDays => whole(&value, 0, i64::from(u32::MAX)).map(toml::Value::Integer),
        Kind::Days => whole(&value, 1, 365).map(toml::Value::Integer),
        Kind::Percent => whole(&value, 0, 100).map(toml::Value::Integer),
        Kind::Amount(currency) => {
            amount(&value, currency).map(|m| toml::Value::String(m.decimal_string()))
        }
        Kind::Steps => Ok(super::ladders::steps_value(&steps(value)?)),
        Kind::Iban => {
            let t = text(value)?;
            if t.trim().is_empty() {
                return Ok(toml::Value::String(String::new()));
            }
            crate::domain::epc::normalize_iban(&t).map(toml::Value::String)
        }
        Kind::Bic => {
            let t = text(value)?;
            if t.trim().is_empty() {
                return Ok(toml::Value::String(String::new()));
            }
            crate::domain::epc::normalize_bic(&t).map(toml::Value::String)
        }
        Kind::Flag => match value {
            toml::Value::Boolean(b) => Ok(toml::Value::Boolean(b)),
            other => Err(format!("expected true or false, not {}", other.type_str())),
        },
        Kind::Command => {
            let t = text(value)?;
            if t.trim().is_empty() || t.chars().any(char::is_control) {
                return Err(
                    "a command is a program name or path, without control characters".into(),
                );
            }
            Ok(toml::Value::String(t.trim().to_string()))
        }
    }
}

fn text(value: toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(s) if s.chars().count() <= MAX_TEXT => Ok(s),
        toml::Value::String(_) => Err(format!("too long (at most {MAX_TEXT} characters)")),
        other => Err(format!("expected text, not {}", other.type_str())),
    }
}

fn whole(value: &toml::Value, lo: i64, hi: i64) -> Result<i64, String> {
    match value {
        toml::Value::Integer(n) if (lo..=hi).contains(n) => Ok(*n),
        toml::Value::Integer(n) => Err(format!("must be between {lo} and {hi}, not {n}")),
        other => Err(format!(
            "expected a whole number from {lo} to {hi}, not {}",
            other.type_str()
        )),
    }
}

/// An amount of `currency`, 0 or more, with no more digits than it has.
pub fn amount(value: &toml::Value, currency: Currency) -> Result<Money, String> {
    let text = match value {
        toml::Value::String(s) if s.len() <= 64 => s.trim().to_string(),
        toml::Value::String(_) => return Err("not an amount (too long)".into()),
        toml::Value::Integer(n) => n.to_string(),
        // A float read from a file: its shortest exact spelling.
        toml::Value::Float(f) if f.is_finite() => f.to_string(),
        other => {
            return Err(format!(
                "expected an amount such as \"5.00\", not {}",
                other.type_str()
            ));
        }
    };
    let d = Decimal::from_str(&text).map_err(|_| format!("not an amount: {text:?}"))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(format!("must be 0 or more, not {text}"));
    }
    Money::from_decimal_exact(d, currency).map_err(|e| e.to_string())
}

fn steps(value: toml::Value) -> Result<Vec<Step>, String> {
    if !matches!(value, toml::Value::Array(_)) {
        return Err(format!(
            "expected an array of steps such as [{{ offset = 7, action = \"reminder1\", channel = \"email\", template = \"reminder1\", deadline_days = 10 }}], not {}",
            value.type_str()
        ));
    }
    value
        .try_into::<Vec<Step>>()
        .map_err(|e| e.message().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_known_by_their_full_name() {
        assert_eq!(kind("company.name"), Some(Kind::Text));
        assert_eq!(kind("ladder.business.steps"), Some(Kind::Steps));
        assert_eq!(kind("ladder.business.grace_days"), Some(Kind::LadderDays));
        assert_eq!(kind("ladder.retail.steps"), None);
        assert_eq!(
            kind("dunning.minimum.NOK"),
            Some(Kind::Amount(Currency::NOK))
        );
        assert_eq!(kind("dunning.minimum.nok"), None);
        assert_eq!(kind("dunning.minimum.XXX"), None);
        assert_eq!(kind("solvency.deposit.C"), Some(Kind::Percent));
        assert_eq!(kind("solvency.deposit.E"), None);
        assert_eq!(kind("company"), None);
        assert_eq!(kind("company.iban"), Some(Kind::Iban));
        assert_eq!(kind("payments.kid"), Some(Kind::Flag));
        assert_eq!(kind("print.command"), Some(Kind::Command));
        assert_eq!(kind("company.name.first"), None);
    }

    #[test]
    fn a_bare_word_is_text_for_a_text_key_only() {
        let v = parse_literal(Kind::TimeZone, "Europe/Paris").unwrap();
        assert_eq!(v.as_str(), Some("Europe/Paris"));
        let v = parse_literal(Kind::Text, "\"Acme SA\"").unwrap();
        assert_eq!(v.as_str(), Some("Acme SA"));
        assert!(parse_literal(Kind::Days, "ten").is_err());
        assert_eq!(
            parse_literal(Kind::Days, "10").unwrap().as_integer(),
            Some(10)
        );
    }

    #[test]
    fn amounts_are_exact_and_fit() {
        let eur = Kind::Amount(Currency::EUR);
        let v = check(eur, parse_literal(eur, "7.5").unwrap()).unwrap();
        assert_eq!(v.as_str(), Some("7.50"));
        let jpy = Kind::Amount(Currency::JPY);
        assert!(check(jpy, parse_literal(jpy, "500.5").unwrap()).is_err());
        let max = Decimal::MAX.to_string();
        let e = check(eur, parse_literal(eur, &max).unwrap()).unwrap_err();
        assert!(e.contains("too large"), "{e}");
        assert!(check(eur, parse_literal(eur, "-1").unwrap()).is_err());
        assert!(parse_literal(eur, "99999999999999999999999999999999999").is_err());
        assert!(check(eur, toml::Value::Float(f64::MAX)).is_err());
        assert!(check(eur, toml::Value::Float(f64::NAN)).is_err());
    }

    #[test]
    fn numbers_and_text_are_bounded() {
        assert!(check(Kind::Percent, toml::Value::Integer(101)).is_err());
        assert!(check(Kind::Days, toml::Value::Integer(0)).is_err());
        assert!(check(Kind::LadderDays, toml::Value::Integer(-1)).is_err());
        assert!(check(Kind::LadderDays, toml::Value::Integer(i64::MAX)).is_err());
        let long = "x".repeat(10_000_000);
        assert!(parse_literal(Kind::Text, &long).is_err());
        assert!(check(Kind::Text, toml::Value::String(long)).is_err());
        assert!(check(Kind::Folder, toml::Value::String("a\u{1b}b".into())).is_err());
        assert!(check(Kind::TimeZone, toml::Value::String("Mars/Base".into())).is_err());
        assert!(check(Kind::TimeZone, toml::Value::String(String::new())).is_ok());
        let iban = check(
            Kind::Iban,
            parse_literal(Kind::Iban, "FR76 3000 6000 0112 3456 7890 189").unwrap(),
        );
        assert_eq!(iban.unwrap().as_str(), Some("FR7630006000011234567890189"));
        assert!(
            check(
                Kind::Iban,
                toml::Value::String("FR77 3000 6000 0112 3456 7890 189".into())
            )
            .is_err()
        );
        assert!(check(Kind::Iban, toml::Value::String(String::new())).is_ok());
        assert!(check(Kind::Flag, parse_literal(Kind::Flag, "true").unwrap()).is_ok());
        assert!(check(Kind::Flag, toml::Value::Integer(1)).is_err());
        assert!(check(Kind::Command, toml::Value::String("lp\n".into())).is_err());
    }
}
