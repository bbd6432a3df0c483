//! The value readers fuzzed for a fixed budget: amounts and their column's
//! decimal separator, dates and a file's date format, and money as a clerk
//! types it. They never panic; what they accept reads back the same.

#[path = "common/cells.rs"]
mod cells;
#[path = "common/fuzz.rs"]
mod fuzz;

use chrono::NaiveDate;
use dun::domain::currency::{self, Currency};
use dun::domain::language::Language;
use dun::domain::money::{Money, decimal_string};
use dun::domain::money_format::{format_money, parse_money};
use dun::import::amounts::{AmountError, DecimalSeparator, column_separator, parse_amount};
use dun::import::dates::{DateError, DateFormat, detect, parse_date};
use fuzz::{check, fuzz};
use proptest::prelude::*;

const FILE: &str = "fuzz_values";

fn separator() -> impl Strategy<Value = DecimalSeparator> {
    prop::sample::select(vec![DecimalSeparator::Dot, DecimalSeparator::Comma])
}

fn format() -> impl Strategy<Value = DateFormat> {
    prop::sample::select(vec![
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
    ])
}

#[test]
fn an_accepted_amount_reads_back_the_same_from_its_plain_form() {
    let input = (cells::amount_text(), separator(), 0u32..=4);
    fuzz(FILE, "parse_amount", input, |(text, sep, exponent)| {
        if let Ok(minor) = parse_amount(&text, sep, exponent) {
            let plain = decimal_string(minor, exponent);
            let again = parse_amount(&plain, DecimalSeparator::Dot, exponent);
            check(again == Ok(minor), || {
                format!("{text:?} -> {minor} -> {plain:?} -> {again:?}")
            })?;
        }
        Ok(())
    });
}

#[test]
fn amounts_written_as_people_write_them_read_exactly() {
    let input = (
        prop_oneof![
            -1_000_000i64..1_000_000,
            -10_000_000_000_000i64..10_000_000_000_000,
        ],
        0u32..=3,
        cells::amount_style(),
    );
    fuzz(
        FILE,
        "parse_amount_styled",
        input,
        |(minor, exponent, style)| {
            let text = cells::write_amount(minor, exponent, &style);
            let sep = if style.comma_decimal {
                DecimalSeparator::Comma
            } else {
                DecimalSeparator::Dot
            };
            let read = parse_amount(&text, sep, exponent);
            check(read == Ok(minor), || format!("{text:?} read as {read:?}"))
        },
    );
}

#[test]
fn a_columns_separator_never_panics_and_cites_real_values() {
    let values = prop::collection::vec(cells::amount_text(), 0..8);
    fuzz(FILE, "column_separator", values, |values| {
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        if let Err(AmountError::ConflictingSeparators {
            dot_example,
            comma_example,
        }) = column_separator(&refs)
        {
            let cited = |e: &str| refs.iter().any(|v| v.trim() == e);
            check(cited(&dot_example) && cited(&comma_example), || {
                format!("{dot_example:?} / {comma_example:?} not among {refs:?}")
            })?;
        }
        Ok(())
    });
}

/// The exact date a style and format must give, when they agree.
fn expected(
    (y, m, d): (i32, u32, u32),
    style: cells::DateStyle,
    fmt: DateFormat,
) -> Option<Option<NaiveDate>> {
    use cells::DateStyle as S;
    let agree = matches!(
        (style, fmt),
        (S::Iso, DateFormat::Iso) | (S::DayFirst(..), DateFormat::DayMonthYear)
    ) || matches!((style, fmt), (S::MonthFirst(sep, _), DateFormat::MonthDayYear) if sep != '.');
    agree.then(|| NaiveDate::from_ymd_opt(y, m, d))
}

#[test]
fn dates_read_exactly_in_their_format_and_anything_else_never_panics() {
    let input = (
        cells::ymd(),
        cells::date_style(),
        prop::sample::select(vec!["", " 10:00", "T10:00:00Z"]),
        prop::option::weighted(0.3, format()),
        any::<String>(),
    );
    fuzz(
        FILE,
        "parse_date",
        input,
        |(ymd, style, tail, other, noise)| {
            // Mostly the format the date is written in.
            let fmt = other.unwrap_or(match style {
                cells::DateStyle::Iso => DateFormat::Iso,
                cells::DateStyle::MonthFirst(..) => DateFormat::MonthDayYear,
                _ => DateFormat::DayMonthYear,
            });
            let text = cells::write_date(ymd, style, tail);
            let read = parse_date(&text, fmt);
            if let Some(want) = expected(ymd, style, fmt) {
                check(read.as_ref().ok().copied() == want, || {
                    format!("{text:?} in {fmt:?}: {read:?}, expected {want:?}")
                })?;
            }
            if matches!(style, cells::DateStyle::ShortYear(_)) {
                check(read.is_err(), || format!("{text:?} accepted"))?;
            }
            // Noise, and a date with noise around it, is refused or read.
            for t in [
                noise.clone(),
                format!("{text}{noise}"),
                format!("{noise}{text}"),
            ] {
                if let Ok(date) = parse_date(&t, fmt) {
                    check(chrono::Datelike::year(&date) <= 9999, || format!("{t:?}"))?;
                }
            }
            Ok(())
        },
    );
}

#[test]
fn a_detected_date_format_reads_every_value() {
    let value = prop_oneof![
        8 => (cells::ymd(), cells::date_style(), cells::date_tail())
            .prop_map(|(v, s, t)| cells::write_date(v, s, &t)),
        1 => cells::date_text(),
    ];
    // Mostly one style per file, as spreadsheets write them.
    let file = (
        cells::date_style(),
        prop::collection::vec(cells::ymd(), 1..8),
    )
        .prop_map(|(s, dates)| {
            dates
                .into_iter()
                .map(|v| cells::write_date(v, s, ""))
                .collect::<Vec<_>>()
        });
    let values = prop_oneof![file, prop::collection::vec(value, 0..8)];
    fuzz(FILE, "detect_dates", values, |values| {
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        if let Ok(fmt) = detect(&refs) {
            for v in refs.iter().filter(|v| !v.trim().is_empty()) {
                let read = parse_date(v, fmt);
                check(
                    matches!(read, Ok(_) | Err(DateError::NoSuchDay { .. })),
                    || format!("{fmt:?} detected but {v:?} gives {read:?} (all: {refs:?})"),
                )?;
            }
        }
        Ok(())
    });
}

fn language() -> impl Strategy<Value = Language> {
    prop::sample::select(Language::ALL.to_vec())
}

fn any_currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(currency::all().collect::<Vec<_>>())
}

/// What a clerk types in `cur` and `lang`: a formatted amount, perhaps
/// with a character dropped, doubled or replaced, or anything at all.
fn typed(lang: Language, cur: Currency) -> impl Strategy<Value = String> {
    let formatted = prop_oneof![-1_000_000i64..1_000_000, any::<i64>()]
        .prop_map(move |m| format_money(Money::new(m / 1000, cur), lang));
    prop_oneof![
        2 => formatted.clone(),
        3 => (formatted, any::<prop::sample::Index>(), 0u8..4, any::<char>()).prop_map(
            |(s, at, how, c)| {
                let mut chars: Vec<char> = s.chars().collect();
                let i = at.index(chars.len().max(1)).min(chars.len());
                match how {
                    0 if i < chars.len() => drop(chars.remove(i)),
                    1 if i < chars.len() => chars.insert(i, chars[i]),
                    2 => chars.insert(i, c),
                    _ => {}
                }
                chars.into_iter().collect()
            }
        ),
        2 => "[0-9.,' \u{a0}\u{202f}\u{2009}€$£kr+\\-A-Z]{0,16}",
        1 => any::<String>(),
    ]
}

#[test]
fn money_a_clerk_types_never_panics_and_reads_back_from_how_dun_writes_it() {
    let input = (language(), any_currency())
        .prop_flat_map(|(lang, cur)| (typed(lang, cur), Just(lang), Just(cur)));
    fuzz(FILE, "parse_money", input, |(text, lang, cur)| {
        if let Ok(m) = parse_money(&text, lang, cur) {
            check(m.currency == cur, || format!("{text:?}: {m:?}"))?;
            let written = format_money(m, lang);
            let again = parse_money(&written, lang, cur);
            check(again.as_ref() == Ok(&m), || {
                format!("{text:?} -> {m:?} -> {written:?} -> {again:?}")
            })?;
        }
        Ok(())
    });
}
