//! The rule for each field of a client's file, whoever gives it: a clients
//! import (`import/clients.rs`), `dun client edit` and `dun client add`,
//! the workbench's client form. One rule each; the reason a value is
//! refused is the same everywhere.

use super::client::{Profile, Title, country_code};
use super::language::Language;
use super::text::{is_unsafe, printable};

/// A client's code or another identifier: at most 64 characters, no
/// control characters.
pub fn code(v: &str) -> Result<&str, String> {
    let v = v.trim();
    if v.is_empty() {
        return Err("is empty".into());
    }
    if v.chars().count() > 64 {
        return Err("is longer than 64 characters".into());
    }
    if v.chars().any(is_unsafe) {
        return Err(format!("{:?} contains control characters", printable(v)));
    }
    Ok(v)
}

/// A name: printable text, not empty.
pub fn name(v: &str) -> Result<String, String> {
    let v = printable(v.trim()).trim().to_string();
    if v.is_empty() {
        return Err("a client needs a name".into());
    }
    Ok(v)
}

/// Free text of one line (a phone number, a contact person, a clerk's
/// login): printable; `None` when empty.
pub fn text(v: &str) -> Option<String> {
    let v = printable(v.trim()).trim().to_string();
    (!v.is_empty()).then_some(v)
}

/// A postal address: each line printable and trimmed, blank lines
/// dropped, joined by `\n` (a `\r\n` or `\r` is a line break too); `None`
/// when no line is left.
pub fn address(v: &str) -> Option<String> {
    let lines: Vec<String> = v
        .split(['\n', '\r'])
        .map(|l| printable(l.trim()).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// An ISO 3166 country code (`fr` is FR).
pub fn country(v: &str) -> Result<String, String> {
    country_code(v)
        .ok_or_else(|| format!("{v:?} is not an ISO 3166 country code (FR, NO, ES, GB…)"))
}

pub fn profile(v: &str) -> Result<Profile, String> {
    Profile::parse(v).ok_or_else(|| format!("{v:?} is not administration, business or individual"))
}

pub fn language(v: &str) -> Result<Language, String> {
    Language::parse(v).ok_or_else(|| format!("{v:?} is not a language dun writes (en, fr, nb, es)"))
}

/// Payment terms in days, 0–365 (`30 days` is 30).
pub fn terms_days(v: &str) -> Result<u32, String> {
    v.trim_end_matches(|ch: char| !ch.is_ascii_digit())
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= 365)
        .ok_or_else(|| format!("{v:?} is not a number of days (0–365)"))
}

/// A deposit percentage, 0–100 (`30 %` is 30).
pub fn deposit_pct(v: &str) -> Result<u8, String> {
    v.trim_end_matches(['%', ' '])
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| format!("{v:?} is not a percentage (0–100)"))
}

/// An e-mail address: one `@`, no spaces.
pub fn email(v: &str) -> Result<String, String> {
    let e = printable(v.trim()).into_owned();
    if !e.contains('@') || e.contains(char::is_whitespace) {
        return Err(format!("{e:?} is not an email address"));
    }
    Ok(e)
}

/// A contact person's title, as letters greet them.
pub fn title(v: &str) -> Result<Option<Title>, String> {
    Title::parse(v).map_err(|_| {
        format!(
            "{:?} is not a title dun knows (Mr, Ms, Mrs, M., Mme, Sr., Sra., Herr, Fru, or none)",
            printable(v)
        )
    })
}

/// An amount that cannot be negative (a credit limit, a fee).
pub fn not_negative(minor: i64) -> Result<i64, String> {
    if minor < 0 {
        return Err("cannot be negative".into());
    }
    Ok(minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_refuses_with_its_reason() {
        assert_eq!(country("fr").unwrap(), "FR");
        assert!(country("France").unwrap_err().contains("ISO 3166"));
        assert!(email("a b@x").unwrap_err().contains("not an email"));
        assert_eq!(terms_days("45 days").unwrap(), 45);
        assert!(terms_days("400").is_err());
        assert_eq!(deposit_pct("30 %").unwrap(), 30);
        assert!(language("de").unwrap_err().contains("en, fr, nb, es"));
        assert_eq!(
            address("1 rue X\r\n\n75001 Paris").unwrap(),
            "1 rue X\n75001 Paris"
        );
        assert!(name("  ").is_err());
        assert!(not_negative(-1).is_err());
    }
}
