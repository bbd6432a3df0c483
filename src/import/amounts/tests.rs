//! Tests of `import::amounts` (built only under #[cfg(test)], see `amounts.rs`).

use super::*;
use DecimalSeparator::{Comma, Dot};
use proptest::prelude::*;

fn eur(s: &str, sep: DecimalSeparator) -> Result<i64, AmountError> {
    parse_amount(s, sep, 2)
}

#[test]
fn plain_and_grouped_amounts() {
    assert_eq!(eur("1234.56", Dot).unwrap(), 123456);
    assert_eq!(eur("1234,56", Comma).unwrap(), 123456);
    for space in [' ', '\u{00A0}', '\u{202F}', '\u{2009}'] {
        let s = format!("1{space}234,56");
        assert_eq!(eur(&s, Comma).unwrap(), 123456, "{s:?}");
        let s = format!("1{space}234{space}567.5");
        assert_eq!(eur(&s, Dot).unwrap(), 123456750, "{s:?}");
    }
    assert_eq!(eur("1.234,56", Comma).unwrap(), 123456);
    assert_eq!(eur("1,234.56", Dot).unwrap(), 123456);
    assert_eq!(eur("1'234.56", Dot).unwrap(), 123456);
    assert_eq!(eur("1\u{2019}234.56", Dot).unwrap(), 123456);
    assert_eq!(eur("12,345,678.90", Dot).unwrap(), 1234567890);
    assert_eq!(eur("0.05", Dot).unwrap(), 5);
    assert_eq!(eur("12", Dot).unwrap(), 1200);
    assert_eq!(eur(" 12.5 ", Dot).unwrap(), 1250);
}

#[test]
fn signs() {
    assert_eq!(eur("-12.5", Dot).unwrap(), -1250);
    assert_eq!(eur("+12.5", Dot).unwrap(), 1250);
    assert_eq!(eur("(12.50)", Dot).unwrap(), -1250);
    assert_eq!(eur("(1 234,56)", Comma).unwrap(), -123456);
    assert_eq!(eur("12.50-", Dot).unwrap(), -1250);
    assert_eq!(eur("\u{2212}12.50", Dot).unwrap(), -1250);
    assert_eq!(eur("- 12.50", Dot).unwrap(), -1250);
    assert_eq!(eur("-0.00", Dot).unwrap(), 0);
    for bad in ["--12", "-(12)", "-12-", "(12", "12)", "+-1", "(-12)"] {
        assert!(
            matches!(eur(bad, Dot), Err(AmountError::NotAnAmount { .. })),
            "{bad}"
        );
    }
}

#[test]
fn currency_decorations_are_ignored() {
    assert_eq!(eur("€1,234.56", Dot).unwrap(), 123456);
    assert_eq!(eur("1 234,56 €", Comma).unwrap(), 123456);
    assert_eq!(eur("1 234,56€", Comma).unwrap(), 123456);
    assert_eq!(eur("$12.50", Dot).unwrap(), 1250);
    assert_eq!(eur("-$12.50", Dot).unwrap(), -1250);
    assert_eq!(eur("$-12.50", Dot).unwrap(), -1250);
    assert_eq!(eur("($12.50)", Dot).unwrap(), -1250);
    assert_eq!(eur("(12.50) $", Dot).unwrap(), -1250);
    assert_eq!(eur("£ 99.99", Dot).unwrap(), 9999);
    assert_eq!(eur("kr 1 234,50", Comma).unwrap(), 123450);
    assert_eq!(eur("kr. 1.234,50", Comma).unwrap(), 123450);
    assert_eq!(eur("1 234,50 kr", Comma).unwrap(), 123450);
    assert_eq!(eur("EUR 12.50", Dot).unwrap(), 1250);
    assert_eq!(eur("12,50 NOK", Comma).unwrap(), 1250);
    assert_eq!(eur("12.50USD", Dot).unwrap(), 1250);
    assert_eq!(eur("12,50 EUR-", Comma).unwrap(), -1250);
    assert_eq!(eur("US$1,000", Dot).unwrap(), 100000);
    assert!(eur("€12 €", Dot).is_err());
    assert!(eur("EUR 12 USD", Dot).is_err());
    assert!(eur("EURO 12", Dot).is_err());
}

#[test]
fn other_currency_exponents() {
    assert_eq!(parse_amount("1,234", Dot, 0).unwrap(), 1234);
    assert_eq!(parse_amount("1.234", Comma, 0).unwrap(), 1234);
    assert_eq!(parse_amount("1.234", Dot, 3).unwrap(), 1234);
    assert!(parse_amount("1234.00", Dot, 0).is_err());
    assert_eq!(parse_amount("1.5", Dot, 3).unwrap(), 1500);
    assert_eq!(
        parse_amount("12.5", Dot, 0).unwrap_err().to_string(),
        "\"12.5\": one decimal in a currency of none"
    );
}

#[test]
fn more_decimals_than_the_currency_has_are_refused_even_zeros() {
    for (v, sep, decimals) in [
        ("12.500", Dot, 3),
        ("12,5000", Comma, 4),
        ("12.345", Dot, 3),
    ] {
        assert_eq!(
            eur(v, sep),
            Err(AmountError::TooPrecise {
                value: v.into(),
                decimals,
                exponent: 2
            })
        );
    }
    assert_eq!(
        eur("0.500", Dot).unwrap_err().to_string(),
        "\"0.500\": three decimals in a currency of two"
    );
}

#[test]
fn a_typed_amount_is_read_like_a_lone_cell_and_in_its_own_currency() {
    use crate::domain::currency::Currency;
    let cur = |c: &str| Currency::from_code(c).unwrap();
    let typed = |v: &str, c: &str| parse_typed(v, cur(c));
    assert_eq!(typed("£100", "GBP"), Ok(10000));
    assert_eq!(typed("$50.00", "USD"), Ok(5000));
    assert_eq!(typed("50,00 €", "EUR"), Ok(5000));
    assert_eq!(typed("NOK 1 000", "NOK"), Ok(100000));
    assert_eq!(typed("100 JPY", "JPY"), Ok(100));
    assert_eq!(typed("1.000", "EUR"), Ok(100000));
    assert_eq!(typed("1,000", "JPY"), Ok(1000));
    assert!(matches!(
        typed("1.000", "BHD"),
        Err(AmountError::Ambiguous(_))
    ));
    assert_eq!(typed("0.500", "BHD"), Ok(500));
    assert_eq!(
        typed("0.500", "EUR").unwrap_err().to_string(),
        "\"0.500\": three decimals in a currency of two"
    );
    assert!(matches!(
        typed("0,500", "EUR"),
        Err(AmountError::TooPrecise { .. })
    ));
    for (v, c, written) in [
        ("100 JPY", "EUR", "JPY"),
        ("£100", "EUR", "£ (GBP)"),
        ("$50.00", "EUR", "$ (a dollar or peso)"),
        ("50,00 €", "GBP", "€ (EUR)"),
        ("NOK 1 000", "SEK", "NOK"),
    ] {
        assert_eq!(
            typed(v, c).unwrap_err().to_string(),
            format!("{v:?} is in {written}, not {c}")
        );
    }
}

#[test]
fn malformed_amounts_are_refused() {
    let reason = |s: &str, sep| match eur(s, sep) {
        Err(AmountError::NotAnAmount { reason, .. }) => reason,
        other => panic!("{s:?}: {other:?}"),
    };
    assert_eq!(reason("1 23,45", Comma), "digit groups must have 3 digits");
    assert_eq!(reason("1,23.45", Dot), "digit groups must have 3 digits");
    assert_eq!(
        reason("1234,567.00", Dot),
        "digit groups must have 3 digits"
    );
    assert_eq!(reason("1,2345", Dot), "digit groups must have 3 digits");
    assert_eq!(
        reason("1.2.3", Dot),
        "it has more than one decimal separator"
    );
    assert_eq!(
        reason("1,234.56", Comma),
        "it has more than one decimal separator"
    );
    assert_eq!(reason("12a", Dot), "it contains letters");
    assert_eq!(reason("12 ab", Dot), "it contains letters");
    assert_eq!(reason("N/A", Dot), "it contains letters");
    assert_eq!(
        reason("12/5", Dot),
        "it contains a character that is not a digit or separator"
    );
    assert_eq!(
        reason(".5", Dot),
        "a digit must come before the decimal separator"
    );
    assert_eq!(
        reason("12.", Dot),
        "digits must follow the decimal separator"
    );
    assert_eq!(reason("1,234,", Dot), "it ends with a separator");
    assert_eq!(reason("1  234", Dot), "a digit group is empty");
    assert_eq!(
        reason("1 234,567.5", Dot),
        "it mixes different digit grouping characters"
    );
    assert_eq!(
        reason("1.234,5 6", Comma),
        "digits after the decimal separator cannot be grouped"
    );
    assert_eq!(reason("€", Dot), "there are no digits");
    assert_eq!(reason("-", Dot), "there are no digits");
    assert_eq!(eur("", Dot).unwrap_err(), AmountError::Empty);
    assert_eq!(
        eur("  ", Dot).unwrap_err().to_string(),
        "the amount is empty"
    );
    assert_eq!(
        eur("12a", Dot).unwrap_err().to_string(),
        "\"12a\" is not an amount: it contains letters"
    );
}

#[test]
fn overflow_is_an_error() {
    assert_eq!(eur("92233720368547758.07", Dot).unwrap(), i64::MAX);
    assert_eq!(eur("-92233720368547758.08", Dot).unwrap(), i64::MIN);
    assert!(matches!(
        eur("92233720368547758.08", Dot),
        Err(AmountError::TooLarge(_))
    ));
    assert!(matches!(
        eur("999999999999999999999999999999999999999999999", Dot),
        Err(AmountError::TooLarge(_))
    ));
    assert!(matches!(
        parse_amount("1", Dot, 60),
        Err(AmountError::TooLarge(_))
    ));
}

#[test]
fn detect_from_the_column() {
    assert_eq!(detect_decimal_separator(&["1234.56", "12"]).unwrap(), Dot);
    assert_eq!(
        detect_decimal_separator(&["1 234,56", "12"]).unwrap(),
        Comma
    );
    assert_eq!(detect_decimal_separator(&["1.234,56"]).unwrap(), Comma);
    assert_eq!(detect_decimal_separator(&["1,234.56"]).unwrap(), Dot);
    assert_eq!(detect_decimal_separator(&["1.234.567"]).unwrap(), Comma);
    assert_eq!(detect_decimal_separator(&["1,234,567"]).unwrap(), Dot);
    assert_eq!(detect_decimal_separator(&["12,5"]).unwrap(), Comma);
    assert_eq!(detect_decimal_separator(&["12,50"]).unwrap(), Comma);
    assert_eq!(detect_decimal_separator(&["0,1234"]).unwrap(), Comma);
    assert_eq!(
        detect_decimal_separator(&["1,234", "12,50"]).unwrap(),
        Comma
    );
    assert_eq!(detect_decimal_separator(&["1,234", "1.5"]).unwrap(), Dot);
    assert_eq!(
        detect_decimal_separator(&["kr. 1.234", "kr. 5"]).unwrap(),
        Dot
    );
    assert_eq!(detect_decimal_separator(&["kr. 12,50"]).unwrap(), Comma);
    assert_eq!(detect_decimal_separator(&["(12,50) €", ""]).unwrap(), Comma);
    // No evidence at all.
    assert_eq!(detect_decimal_separator(&[]).unwrap(), Dot);
    assert_eq!(
        detect_decimal_separator(&["1,234", "12", "n/a"]).unwrap(),
        Dot
    );
}

#[test]
fn detect_refuses_contradictions() {
    let err = detect_decimal_separator(&["1,234.56", "7", "12,50", "3.5"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "amounts disagree on the decimal separator: \"1,234.56\" has a decimal dot, \"12,50\" a decimal comma"
    );
    assert!(detect_decimal_separator(&["1.234.567", "1,234,567"]).is_err());
}

#[test]
fn the_ibm_sample_amounts() {
    let Ok(text) = std::fs::read_to_string("/work/shared/data/ibm-accounts-receivable.csv") else {
        return;
    };
    let values: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(6))
        .collect();
    assert_eq!(values.len(), 2466);
    assert_eq!(detect_decimal_separator(&values).unwrap(), Dot);
    let total: i64 = values.iter().map(|v| eur(v, Dot).unwrap()).sum();
    assert!(total > 0);
}

/// Formats minor units with grouping, as a spreadsheet would.
fn format_amount(
    minor: i64,
    exponent: u32,
    sep: DecimalSeparator,
    group: &str,
    style: u8,
) -> String {
    let abs = minor.unsigned_abs();
    let scale = 10u64.pow(exponent);
    let digits = (abs / scale).to_string();
    let mut int = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            int.push_str(group);
        }
        int.push(c);
    }
    let mut body = int;
    if exponent > 0 {
        body.push(sep.as_char());
        body.push_str(&format!("{:0w$}", abs % scale, w = exponent as usize));
    }
    match (minor < 0, style % 4) {
        (false, 0) => body,
        (false, 1) => format!("+{body}"),
        (false, 2) => format!("€{body}"),
        (false, _) => format!("{body} EUR"),
        (true, 0) => format!("-{body}"),
        (true, 1) => format!("({body})"),
        (true, 2) => format!("{body}-"),
        (true, _) => format!("-{body} kr"),
    }
}

fn group_for(sep: DecimalSeparator, i: usize) -> &'static str {
    let groups: [&str; 6] = match sep {
        Dot => [",", " ", "\u{a0}", "\u{202f}", "'", ""],
        Comma => [".", " ", "\u{a0}", "\u{2009}", "'", ""],
    };
    groups[i % groups.len()]
}

proptest! {
    #[test]
    fn formatted_amounts_parse_back(
        minor in any::<i64>(),
        exponent in 0u32..=3,
        comma in any::<bool>(),
        group in 0usize..6,
        style in any::<u8>(),
    ) {
        let sep = if comma { Comma } else { Dot };
        let s = format_amount(minor, exponent, sep, group_for(sep, group), style);
        prop_assert_eq!(parse_amount(&s, sep, exponent).unwrap(), minor, "{:?}", s);
    }

    #[test]
    fn two_decimals_reveal_the_separator(
        minor in any::<i64>(),
        comma in any::<bool>(),
        group in 0usize..6,
        style in any::<u8>(),
    ) {
        let sep = if comma { Comma } else { Dot };
        let s = format_amount(minor, 2, sep, group_for(sep, group), style);
        prop_assert_eq!(detect_decimal_separator(&[&s]).unwrap(), sep, "{:?}", s);
    }
}
