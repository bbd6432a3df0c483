//! Generators of spreadsheet cells: dates and amounts as people write them,
//! near-valid ones (wrong ranges, stray characters, years of 1900 and 2200)
//! and arbitrary text.

#![allow(dead_code)]

use proptest::prelude::*;

/// A year, mostly around the range dun accepts (1970–2099) and its edges.
pub fn year() -> impl Strategy<Value = i32> {
    prop_oneof![
        4 => 1960i32..2110,
        1 => Just(1900),
        1 => Just(2200),
        1 => 0i32..10_000,
    ]
}

/// `(year, month, day)` with months and days a little out of range too.
pub fn ymd() -> impl Strategy<Value = (i32, u32, u32)> {
    (year(), 0u32..14, 0u32..33)
}

/// How a date is written: ISO, day first, month first, with or without
/// zero padding, with `/ . -`, a two-digit year, a time after it.
#[derive(Clone, Copy, Debug)]
pub enum DateStyle {
    Iso,
    DayFirst(char, bool),
    MonthFirst(char, bool),
    ShortYear(char),
}

pub fn date_style() -> impl Strategy<Value = DateStyle> {
    let sep = prop::sample::select(vec!['/', '.', '-']);
    prop_oneof![
        Just(DateStyle::Iso),
        (sep.clone(), any::<bool>()).prop_map(|(s, p)| DateStyle::DayFirst(s, p)),
        (sep.clone(), any::<bool>()).prop_map(|(s, p)| DateStyle::MonthFirst(s, p)),
        sep.prop_map(DateStyle::ShortYear),
    ]
}

pub fn write_date((y, m, d): (i32, u32, u32), style: DateStyle, tail: &str) -> String {
    let two = |n: u32, pad: bool| {
        if pad {
            format!("{n:02}")
        } else {
            n.to_string()
        }
    };
    let date = match style {
        DateStyle::Iso => format!("{y:04}-{m:02}-{d:02}"),
        DateStyle::DayFirst(s, p) => format!("{}{s}{}{s}{y:04}", two(d, p), two(m, p)),
        DateStyle::MonthFirst(s, p) => format!("{}{s}{}{s}{y:04}", two(m, p), two(d, p)),
        DateStyle::ShortYear(s) => format!("{d:02}{s}{m:02}{s}{:02}", y.rem_euclid(100)),
    };
    format!("{date}{tail}")
}

/// What may follow a date: nothing, a time, or junk.
pub fn date_tail() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        1 => Just(" 10:00".to_string()),
        1 => Just("T10:00:00Z".to_string()),
        1 => "[ T:0-9a-z]{0,4}",
    ]
}

/// A date cell: written in some style, near-valid, or anything.
pub fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (ymd(), date_style(), date_tail()).prop_map(|(v, s, t)| write_date(v, s, &t)),
        2 => "[0-9/.\\-: T]{0,14}",
        1 => any::<String>(),
    ]
}

/// How an amount is written: decimal separator, grouping, sign, currency.
#[derive(Clone, Debug)]
pub struct AmountStyle {
    pub comma_decimal: bool,
    /// `None`: no grouping; else the character between groups of three.
    pub group: Option<char>,
    pub sign: u8,
    pub symbol: u8,
}

pub fn amount_style() -> impl Strategy<Value = AmountStyle> {
    (
        any::<bool>(),
        prop::sample::select(vec![None, Some('G'), Some(' '), Some('\u{a0}'), Some('\'')]),
        0u8..4,
        0u8..4,
    )
        .prop_map(|(comma_decimal, group, sign, symbol)| AmountStyle {
            comma_decimal,
            group,
            sign,
            symbol,
        })
}

/// `minor` units with `exponent` decimals written in `style` (`G` in the
/// style stands for the grouping one of `.` and `,`).
pub fn write_amount(minor: i64, exponent: u32, style: &AmountStyle) -> String {
    let (decimal, grouping) = if style.comma_decimal {
        (',', '.')
    } else {
        ('.', ',')
    };
    let digits = minor.unsigned_abs().to_string();
    let exp = exponent as usize;
    let digits = format!("{digits:0>width$}", width = exp + 1);
    let (int, frac) = digits.split_at(digits.len() - exp);
    let mut body = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0
            && (int.len() - i) % 3 == 0
            && let Some(g) = style.group
        {
            body.push(if g == 'G' { grouping } else { g });
        }
        body.push(c);
    }
    if exp > 0 {
        body.push(decimal);
        body.push_str(frac);
    }
    let body = match (minor < 0, style.sign) {
        (false, 1) => format!("+{body}"),
        (false, _) => body,
        (true, 0 | 1) => format!("-{body}"),
        (true, 2) => format!("({body})"),
        (true, _) => format!("{body}-"),
    };
    match style.symbol {
        1 => format!("€{body}"),
        2 => format!("{body} EUR"),
        _ => body,
    }
}

/// An amount cell: written in some style, near-valid, or anything.
pub fn amount_text() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (-10_000_000_000i64..10_000_000_000, 0u32..4, amount_style())
            .prop_map(|(m, e, s)| write_amount(m, e, &s)),
        3 => "[0-9.,' ()+\\-€$EURkr]{0,18}",
        1 => any::<String>(),
    ]
}
