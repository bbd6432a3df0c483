//! Money written for people, per client language, and read back from what a
//! person types.
//!
//! | language | example        | group   | decimal | symbol                  |
//! |----------|----------------|---------|---------|-------------------------|
//! | en       | `£1,234.56`    | `,`     | `.`     | before, no space        |
//! | fr       | `1 234,56 €`   | U+202F  | `,`     | after, U+00A0           |
//! | nb       | `kr 1 234,56`  | U+00A0  | `,`     | before, U+00A0          |
//! | es       | `1.234,56 €`   | `.`     | `,`     | after, U+00A0           |
//!
//! Currencies without a symbol here are written with their ISO code and a
//! U+00A0 space (`CHF 1,234.56`, `1 234,56 CHF`). So are the kroner outside
//! Norwegian, where `kr` would not say which krone: `NOK 25,000.00`,
//! `25 000,00 NOK`. A negative amount starts
//! with `-` before everything (`-£1,234.56`, `-kr 1 234,56`). Exactly the
//! currency's minor digits are written (none for JPY, three for BHD).
//!
//! Reading never rounds: more decimals than the currency allows is refused,
//! even trailing zeros (`12,340` is not a EUR amount: it is more likely a
//! mistyped `12.340` in another convention).

use rust_decimal::Decimal;

use super::currency::Currency;
use super::language::Language;
use super::money::{Money, MoneyError};

/// No-break space: between symbol and number, and the nb group separator.
const NBSP: char = '\u{a0}';
/// Narrow no-break space: the fr group separator.
const NNBSP: char = '\u{202f}';
/// Thin space, accepted as a group separator when reading.
const THIN: char = '\u{2009}';

/// Space-like group separators accepted when reading fr, nb and es amounts.
const SPACES: [char; 4] = [' ', NBSP, NNBSP, THIN];

/// Currencies written with a symbol rather than their ISO code.
const SYMBOLS: &[(&str, &str)] = &[
    ("EUR", "€"),
    ("GBP", "£"),
    ("USD", "$"),
    ("NOK", "kr"),
    ("SEK", "kr"),
    ("DKK", "kr"),
    ("JPY", "¥"),
];

/// The symbol dun writes for a currency (`€`, `£`, `$`, `kr`, `¥`), or `None`
/// when it is written with its ISO code.
pub fn currency_symbol(currency: Currency) -> Option<&'static str> {
    SYMBOLS
        .iter()
        .find(|(code, _)| *code == currency.code())
        .map(|(_, symbol)| *symbol)
}

fn group_separator(lang: Language) -> char {
    match lang {
        Language::En => ',',
        Language::Fr => NNBSP,
        Language::Nb => NBSP,
        Language::Es => '.',
    }
}

fn decimal_separator(lang: Language) -> char {
    match lang {
        Language::En => '.',
        Language::Fr | Language::Nb | Language::Es => ',',
    }
}

/// Whether `c` is accepted as a group separator when reading `lang`.
fn is_group_separator(c: char, lang: Language) -> bool {
    match lang {
        Language::En => c == ',',
        Language::Fr | Language::Nb => SPACES.contains(&c),
        Language::Es => c == '.' || SPACES.contains(&c),
    }
}

/// An unsigned count of minor units, grouped, with exactly `exponent` decimals.
fn unsigned_number(abs: u64, exponent: u32, lang: Language) -> String {
    let raw = abs.to_string();
    let exp = exponent as usize;
    let padded = if raw.len() <= exp {
        format!("{}{raw}", "0".repeat(exp + 1 - raw.len()))
    } else {
        raw
    };
    let (int, frac) = padded.split_at(padded.len() - exp);
    let group = group_separator(lang);
    let mut out = String::with_capacity(padded.len() + padded.len() / 3 * 3 + 2);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if exp > 0 {
        out.push(decimal_separator(lang));
        out.push_str(frac);
    }
    out
}

/// `minor` units at `exponent` digits, grouped and with the decimal separator
/// of `lang`, without a currency: `-1 234,56` (fr), `1,234.56` (en).
pub fn format_number(minor: i64, exponent: u32, lang: Language) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        unsigned_number(minor.unsigned_abs(), exponent, lang)
    )
}

/// Money as a person of `lang` writes it: `£1,234.56`, `1 234,56 €`,
/// `kr 1 234,56`, `1.234,56 €` (see the module documentation).
pub fn format_money(m: Money, lang: Language) -> String {
    let sign = if m.minor < 0 { "-" } else { "" };
    let number = unsigned_number(m.minor.unsigned_abs(), m.currency.exponent(), lang);
    let symbol = currency_symbol(m.currency).filter(|s| *s != "kr" || lang == Language::Nb);
    let unit = symbol.unwrap_or(m.currency.code());
    match (lang, symbol) {
        (Language::En, Some(symbol)) => format!("{sign}{symbol}{number}"),
        (Language::En | Language::Nb, _) => format!("{sign}{unit}{NBSP}{number}"),
        (Language::Fr | Language::Es, _) => format!("{sign}{number}{NBSP}{unit}"),
    }
}

fn is_sign(c: char) -> bool {
    matches!(c, '-' | '+' | '\u{2212}')
}

/// `Some(negative)` when `c` is a sign.
fn sign_of(c: char) -> Option<bool> {
    match c {
        '-' | '\u{2212}' => Some(true),
        '+' => Some(false),
        _ => None,
    }
}

/// Splits what comes before the digits into a sign and a currency unit:
/// `-`, `-£`, `£-`, `- kr `, `CHF`. `None` when there is more than one sign.
fn read_prefix(prefix: &str) -> Option<(bool, &str)> {
    let p = prefix.trim();
    let mut chars = p.chars();
    let (negative, unit) = if let Some(neg) = chars.next().and_then(sign_of) {
        (neg, chars.as_str().trim())
    } else if let Some(neg) = chars.next_back().and_then(sign_of) {
        (neg, p[..p.len() - 1].trim())
    } else {
        (false, p)
    };
    if unit.contains(is_sign) {
        return None;
    }
    Some((negative, unit))
}

/// Accepts an empty unit, the currency's symbol or its ISO code. The symbol
/// or code of another currency is a mismatch; anything else is not an amount.
fn check_unit(unit: &str, currency: Currency, input: &str) -> Result<(), MoneyError> {
    if unit.is_empty()
        || unit.eq_ignore_ascii_case(currency.code())
        || currency_symbol(currency).is_some_and(|s| s.eq_ignore_ascii_case(unit))
    {
        return Ok(());
    }
    let another_currency = SYMBOLS.iter().any(|(_, s)| s.eq_ignore_ascii_case(unit))
        || (unit.len() == 3 && Currency::from_code(unit).is_ok());
    if another_currency {
        Err(MoneyError::CurrencyMismatch(
            unit.to_string(),
            currency.code().to_string(),
        ))
    } else {
        Err(MoneyError::NotAnAmount(input.to_string()))
    }
}

/// The integer digits (group separators removed) and the decimal digits of
/// the number part; `None` when separators are misplaced or a character is
/// neither a digit nor a separator of `lang`.
fn read_number(body: &str, lang: Language) -> Option<(String, &str)> {
    let dec = decimal_separator(lang);
    let (int, frac) = match body.split_once(dec) {
        Some((int, frac)) => (int, frac),
        None => (body, ""),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if body.contains(dec) && !all_digits(frac) {
        return None;
    }
    let groups: Vec<&str> = int.split(|c| is_group_separator(c, lang)).collect();
    let grouped = groups.len() > 1;
    for (i, g) in groups.iter().enumerate() {
        if !all_digits(g) || (grouped && ((i == 0 && g.len() > 3) || (i > 0 && g.len() != 3))) {
            return None;
        }
    }
    Some((groups.concat(), frac))
}

/// Reads an amount as a person of `lang` types it, or as [`format_money`]
/// wrote it: an optional sign, an optional symbol or ISO code before or after
/// the number, group separators (`,` in en; spaces U+0020, U+00A0, U+202F,
/// U+2009 in fr and nb; `.` and those spaces in es; groups of exactly three
/// digits) and the language's decimal separator.
///
/// Refuses letters, a second decimal separator, misplaced group separators,
/// the symbol or code of another currency, and more decimals than `currency`
/// allows ([`MoneyError::TooPrecise`]; never rounds).
pub fn parse_money(s: &str, lang: Language, currency: Currency) -> Result<Money, MoneyError> {
    let bad = || MoneyError::NotAnAmount(s.to_string());
    let t = s.trim();
    let first = t.find(|c: char| c.is_ascii_digit()).ok_or_else(bad)?;
    let last = t.rfind(|c: char| c.is_ascii_digit()).ok_or_else(bad)?;
    // ASCII digits are one byte long, so `last + 1` is a character boundary.
    let (prefix, rest) = t.split_at(first);
    let (body, suffix) = rest.split_at(last + 1 - first);
    let (negative, before) = read_prefix(prefix).ok_or_else(bad)?;
    let after = suffix.trim();
    let unit = match (before, after) {
        ("", unit) | (unit, "") => unit,
        _ => return Err(bad()),
    };
    check_unit(unit, currency, s)?;
    let (int, frac) = read_number(body, lang).ok_or_else(bad)?;
    let exponent = currency.exponent();
    if frac.len() > exponent as usize {
        return Err(MoneyError::TooPrecise {
            amount: t.to_string(),
            currency: currency.code().to_string(),
            exponent,
        });
    }
    let int = match int.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    let text = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    let value = Decimal::from_str_exact(&text).map_err(|_| MoneyError::Overflow(t.to_string()))?;
    let value = if negative { -value } else { value };
    Money::from_decimal_exact(value, currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }

    fn fmt(minor: i64, code: &str, lang: Language) -> String {
        format_money(Money::new(minor, cur(code)), lang)
    }

    fn parse(s: &str, lang: Language, code: &str) -> Result<i64, MoneyError> {
        parse_money(s, lang, cur(code)).map(|m| m.minor)
    }

    #[test]
    fn english() {
        let en = Language::En;
        assert_eq!(fmt(123456, "GBP", en), "£1,234.56");
        assert_eq!(fmt(123456, "EUR", en), "€1,234.56");
        assert_eq!(fmt(123456, "USD", en), "$1,234.56");
        assert_eq!(fmt(123456, "CHF", en), "CHF\u{a0}1,234.56");
        assert_eq!(fmt(-123456, "GBP", en), "-£1,234.56");
        assert_eq!(fmt(-123456, "CHF", en), "-CHF\u{a0}1,234.56");
        assert_eq!(fmt(5, "EUR", en), "€0.05");
        assert_eq!(fmt(0, "EUR", en), "€0.00");
        assert_eq!(fmt(123456789, "EUR", en), "€1,234,567.89");
        assert_eq!(fmt(100000, "EUR", en), "€1,000.00");
        assert_eq!(fmt(1234567, "JPY", en), "¥1,234,567");
        assert_eq!(fmt(1234567, "BHD", en), "BHD\u{a0}1,234.567");
        // Kroner in English by their code, never `kr` (issue 11).
        assert_eq!(fmt(2_500_000, "NOK", en), "NOK\u{a0}25,000.00");
        assert_eq!(fmt(123456, "SEK", en), "SEK\u{a0}1,234.56");
        assert_eq!(parse("NOK 25,000.00", en, "NOK"), Ok(2_500_000));

        assert_eq!(parse("£1,234.56", en, "GBP"), Ok(123456));
        assert_eq!(parse("1234.56", en, "GBP"), Ok(123456));
        assert_eq!(parse("-£1,234.56", en, "GBP"), Ok(-123456));
        assert_eq!(parse("£-1,234.56", en, "GBP"), Ok(-123456));
        assert_eq!(parse(" 1,234.5 GBP ", en, "GBP"), Ok(123450));
        assert_eq!(parse("gbp 12", en, "GBP"), Ok(1200));
        assert_eq!(parse("CHF\u{a0}1,234.56", en, "CHF"), Ok(123456));
        assert_eq!(parse("+12", en, "EUR"), Ok(1200));
        assert_eq!(parse("\u{2212}12", en, "EUR"), Ok(-1200));
        assert_eq!(parse("0.05", en, "EUR"), Ok(5));
        assert_eq!(parse("1,000,000", en, "EUR"), Ok(100_000_000));
    }

    #[test]
    fn french() {
        let fr = Language::Fr;
        assert_eq!(fmt(123456, "EUR", fr), "1\u{202f}234,56\u{a0}€");
        assert_eq!(fmt(-123456, "EUR", fr), "-1\u{202f}234,56\u{a0}€");
        assert_eq!(fmt(123456, "CHF", fr), "1\u{202f}234,56\u{a0}CHF");
        assert_eq!(fmt(-50, "EUR", fr), "-0,50\u{a0}€");
        assert_eq!(fmt(1234567, "JPY", fr), "1\u{202f}234\u{202f}567\u{a0}¥");
        assert_eq!(fmt(123456, "NOK", fr), "1\u{202f}234,56\u{a0}NOK");

        assert_eq!(parse("1\u{202f}234,56\u{a0}€", fr, "EUR"), Ok(123456));
        assert_eq!(parse("-1\u{202f}234,56\u{a0}€", fr, "EUR"), Ok(-123456));
        assert_eq!(parse("1 234,56 €", fr, "EUR"), Ok(123456));
        assert_eq!(parse("1\u{a0}234,5", fr, "EUR"), Ok(123450));
        assert_eq!(parse("1\u{2009}234", fr, "EUR"), Ok(123400));
        assert_eq!(parse("1234,56€", fr, "EUR"), Ok(123456));
        assert_eq!(parse("12 EUR", fr, "EUR"), Ok(1200));
    }

    #[test]
    fn norwegian() {
        let nb = Language::Nb;
        assert_eq!(fmt(123456, "NOK", nb), "kr\u{a0}1\u{a0}234,56");
        assert_eq!(fmt(-123456, "NOK", nb), "-kr\u{a0}1\u{a0}234,56");
        assert_eq!(fmt(123456, "EUR", nb), "€\u{a0}1\u{a0}234,56");
        assert_eq!(fmt(123456, "CHF", nb), "CHF\u{a0}1\u{a0}234,56");
        assert_eq!(fmt(123456, "SEK", nb), "kr\u{a0}1\u{a0}234,56");

        assert_eq!(parse("kr\u{a0}1\u{a0}234,56", nb, "NOK"), Ok(123456));
        assert_eq!(parse("-kr\u{a0}1\u{a0}234,56", nb, "NOK"), Ok(-123456));
        assert_eq!(parse("kr -1 234,56", nb, "NOK"), Ok(-123456));
        assert_eq!(parse("1 234,56 NOK", nb, "NOK"), Ok(123456));
        assert_eq!(parse("Kr 50", nb, "NOK"), Ok(5000));
        assert_eq!(parse("€\u{a0}1\u{a0}234,56", nb, "EUR"), Ok(123456));
    }

    #[test]
    fn spanish() {
        let es = Language::Es;
        assert_eq!(fmt(123456, "EUR", es), "1.234,56\u{a0}€");
        assert_eq!(fmt(-123456, "EUR", es), "-1.234,56\u{a0}€");
        assert_eq!(fmt(99999, "EUR", es), "999,99\u{a0}€");
        assert_eq!(fmt(123456, "USD", es), "1.234,56\u{a0}$");

        assert_eq!(parse("1.234,56\u{a0}€", es, "EUR"), Ok(123456));
        assert_eq!(parse("-1.234,56 €", es, "EUR"), Ok(-123456));
        assert_eq!(parse("1 234,56", es, "EUR"), Ok(123456));
        assert_eq!(parse("1234,56", es, "EUR"), Ok(123456));
        assert_eq!(parse("1.234.567", es, "EUR"), Ok(123456700));
    }

    #[test]
    fn minor_digits_follow_the_currency() {
        assert_eq!(fmt(1234, "JPY", Language::En), "¥1,234");
        assert_eq!(fmt(-1234, "JPY", Language::Nb), "-¥\u{a0}1\u{a0}234");
        assert_eq!(fmt(1234, "BHD", Language::Fr), "1,234\u{a0}BHD");
        assert_eq!(fmt(1234567, "BHD", Language::Es), "1.234,567\u{a0}BHD");
        assert_eq!(fmt(5, "BHD", Language::En), "BHD\u{a0}0.005");
        assert_eq!(fmt(5, "CLF", Language::En), "CLF\u{a0}0.0005");
        assert_eq!(format_number(-123456, 2, Language::Fr), "-1\u{202f}234,56");
        assert_eq!(format_number(123456, 0, Language::En), "123,456");
        assert_eq!(format_number(7, 3, Language::Es), "0,007");
        assert_eq!(format_number(0, 0, Language::Nb), "0");
        assert_eq!(
            format_number(i64::MIN, 2, Language::En),
            "-92,233,720,368,547,758.08"
        );

        assert_eq!(parse("¥1,234", Language::En, "JPY"), Ok(1234));
        assert_eq!(parse("1 234 ¥", Language::Fr, "JPY"), Ok(1234));
        assert_eq!(parse("1,234 BHD", Language::Fr, "BHD"), Ok(1234));
        assert_eq!(parse("1.234,567", Language::Es, "BHD"), Ok(1234567));
        assert!(matches!(
            parse("1,5", Language::Fr, "JPY"),
            Err(MoneyError::TooPrecise { exponent: 0, .. })
        ));
        assert!(matches!(
            parse("1.2345", Language::En, "BHD"),
            Err(MoneyError::TooPrecise { exponent: 3, .. })
        ));
    }

    #[test]
    fn refusals() {
        let not_an_amount = |s: &str, lang, code| {
            assert_eq!(
                parse(s, lang, code),
                Err(MoneyError::NotAnAmount(s.to_string())),
                "{s:?} in {lang}"
            );
        };
        not_an_amount("12a", Language::En, "EUR");
        not_an_amount("12a", Language::Fr, "EUR");
        not_an_amount("1a2", Language::Fr, "EUR");
        not_an_amount("1,2,3", Language::Fr, "EUR");
        not_an_amount("1.234.5", Language::Es, "EUR");
        not_an_amount("1.2.3", Language::En, "EUR");
        not_an_amount("12,34", Language::En, "EUR");
        not_an_amount("1234,567.00", Language::En, "EUR");
        not_an_amount("1,,234", Language::En, "EUR");
        not_an_amount("12 34", Language::Fr, "EUR");
        not_an_amount("12.50", Language::Fr, "EUR");
        not_an_amount("1 234,5 6", Language::Fr, "EUR");
        not_an_amount("", Language::En, "EUR");
        not_an_amount("   ", Language::En, "EUR");
        not_an_amount("€", Language::En, "EUR");
        not_an_amount("-", Language::En, "EUR");
        not_an_amount("--12", Language::En, "EUR");
        not_an_amount("-+12", Language::En, "EUR");
        not_an_amount("12-", Language::En, "EUR");
        not_an_amount(".5", Language::En, "EUR");
        not_an_amount("12.", Language::En, "EUR");
        not_an_amount(",5", Language::Fr, "EUR");
        not_an_amount("€12€", Language::En, "EUR");
        not_an_amount("EUR 12 EUR", Language::En, "EUR");
        not_an_amount("１２", Language::En, "EUR");
        not_an_amount("1e5", Language::En, "EUR");
        assert_eq!(
            parse("12.345", Language::En, "EUR"),
            Err(MoneyError::TooPrecise {
                amount: "12.345".into(),
                currency: "EUR".into(),
                exponent: 2
            })
        );
        // Trailing zeros are still too many decimals: never guess.
        assert!(matches!(
            parse("12,340", Language::Fr, "EUR"),
            Err(MoneyError::TooPrecise { .. })
        ));
        assert_eq!(
            parse("£12", Language::En, "EUR"),
            Err(MoneyError::CurrencyMismatch("£".into(), "EUR".into()))
        );
        assert_eq!(
            parse("12 USD", Language::En, "EUR"),
            Err(MoneyError::CurrencyMismatch("USD".into(), "EUR".into()))
        );
        assert_eq!(
            parse("kr 12", Language::Nb, "EUR"),
            Err(MoneyError::CurrencyMismatch("kr".into(), "EUR".into()))
        );
    }

    #[test]
    fn extremes_round_trip_or_overflow() {
        for &lang in Language::ALL {
            for m in [
                Money::new(i64::MAX, Currency::EUR),
                Money::new(i64::MIN, Currency::EUR),
                Money::new(i64::MIN, Currency::JPY),
                Money::new(i64::MAX, cur("CLF")),
            ] {
                assert_eq!(parse_money(&format_money(m, lang), lang, m.currency), Ok(m));
            }
        }
        assert!(matches!(
            parse("92233720368547758.08", Language::En, "EUR"),
            Err(MoneyError::Overflow(_))
        ));
        assert!(matches!(
            parse(&"9".repeat(40), Language::En, "EUR"),
            Err(MoneyError::Overflow(_))
        ));
        assert_eq!(
            parse(&format!("{}1", "0".repeat(40)), Language::En, "EUR"),
            Ok(100)
        );
    }
}
