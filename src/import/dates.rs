//! Reads dates written as `YYYY-MM-DD`, `DD/MM/YYYY`, `DD.MM.YYYY` or `M/D/YYYY`,
//! and detects which of these a file uses.

use chrono::NaiveDate;

/// How the dates of a file are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFormat {
    /// `YYYY-MM-DD`, optionally followed by a time (`2024-01-31T10:00:00`, `2024-01-31 10:00`).
    Iso,
    /// `DD/MM/YYYY`, `DD.MM.YYYY` or `DD-MM-YYYY`; day and month of 1 or 2 digits.
    DayMonthYear,
    /// `M/D/YYYY` or `MM/DD/YYYY` (also with `-`).
    MonthDayYear,
}

/// What [`DateFormat::parse_user`] accepts, for messages.
const USER_FORMATS: &str =
    "iso, YYYY-MM-DD, dmy, DD/MM/YYYY, DD.MM.YYYY, mdy, M/D/YYYY or MM/DD/YYYY";

impl DateFormat {
    /// Reads a format given by the user (`--date-format`), case-insensitive:
    /// `iso`, `YYYY-MM-DD`, `dmy`, `DD/MM/YYYY`, `DD.MM.YYYY`, `mdy`, `M/D/YYYY`, `MM/DD/YYYY`.
    pub fn parse_user(s: &str) -> Result<DateFormat, DateError> {
        let t = s.trim();
        let is = |name: &str| t.eq_ignore_ascii_case(name);
        if is("iso") || is("YYYY-MM-DD") {
            Ok(DateFormat::Iso)
        } else if is("dmy") || is("DD/MM/YYYY") || is("DD.MM.YYYY") {
            Ok(DateFormat::DayMonthYear)
        } else if is("mdy") || is("M/D/YYYY") || is("MM/DD/YYYY") {
            Ok(DateFormat::MonthDayYear)
        } else {
            Err(DateError::UnknownFormat(s.to_string()))
        }
    }

    /// The canonical pattern: `YYYY-MM-DD`, `DD/MM/YYYY` or `M/D/YYYY`.
    pub fn label(&self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::DayMonthYear => "DD/MM/YYYY",
            DateFormat::MonthDayYear => "M/D/YYYY",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("unknown date format {0:?} (expected {USER_FORMATS})")]
    UnknownFormat(String),
    #[error("the date is empty")]
    Empty,
    #[error("{value:?} is not a date in {format}")]
    NotInFormat { value: String, format: &'static str },
    #[error("{value:?} is not a date in {format}: the year must have 4 digits")]
    ShortYear { value: String, format: &'static str },
    #[error("{value:?} is not a date: {month} {year} has {days} days")]
    NoSuchDay {
        value: String,
        month: &'static str,
        year: i32,
        days: u32,
    },
    #[error("{0:?} is not a date (expected YYYY-MM-DD, DD/MM/YYYY, DD.MM.YYYY or M/D/YYYY)")]
    Unrecognized(String),
    #[error("dates are ambiguous: {example} could be DD/MM/YYYY or M/D/YYYY; give --date-format")]
    Ambiguous { example: String },
    #[error(
        "dates mix DD/MM and MM/DD: {day_first} has the day first, {month_first} the month first"
    )]
    MixedDayMonth {
        day_first: String,
        month_first: String,
    },
    #[error("dates mix YYYY-MM-DD and other formats: {iso} and {other}")]
    MixedIso { iso: String, other: String },
}

/// The shape of one date value, read without allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `YYYY-M-D` (plus an optional time).
    Iso { y: i32, m: u32, d: u32 },
    /// `A?B?YYYY` with `?` one of `/ . -` used twice (plus an optional time).
    Numeric { a: u32, b: u32, y: i32, sep: u8 },
    /// As `Numeric` but with a 2-digit year.
    ShortYear { sep: u8 },
}

/// Reads 1 to `max` ASCII digits at `*i`.
fn digits(b: &[u8], i: &mut usize, max: usize) -> Option<(u32, usize)> {
    let start = *i;
    let mut v: u32 = 0;
    while *i < b.len() && b[*i].is_ascii_digit() && *i - start < max {
        v = v * 10 + u32::from(b[*i] - b'0');
        *i += 1;
    }
    let n = *i - start;
    // More digits than allowed is not this shape.
    if n == 0 || (*i < b.len() && b[*i].is_ascii_digit()) {
        None
    } else {
        Some((v, n))
    }
}

/// Whatever follows the date: nothing, or `T`/space and a time `H:MM...`.
fn time_tail_ok(rest: &[u8]) -> bool {
    match rest {
        [] => true,
        [b'T' | b' ', tail @ ..] => {
            let mut i = 0;
            digits(tail, &mut i, 2).is_some()
                && tail.get(i) == Some(&b':')
                && tail.get(i + 1).is_some_and(u8::is_ascii_digit)
        }
        _ => false,
    }
}

fn shape(s: &str) -> Option<Shape> {
    let b = s.as_bytes();
    let mut i = 0;
    let (first, n1) = digits(b, &mut i, 4)?;
    let sep = *b.get(i)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    i += 1;
    let (second, _) = digits(b, &mut i, 2)?;
    if b.get(i) != Some(&sep) {
        return None;
    }
    i += 1;
    if n1 == 4 {
        if sep != b'-' {
            return None;
        }
        let (third, _) = digits(b, &mut i, 2)?;
        if !time_tail_ok(&b[i..]) {
            return None;
        }
        return Some(Shape::Iso {
            y: first as i32,
            m: second,
            d: third,
        });
    }
    if n1 > 2 {
        return None;
    }
    let (third, n3) = digits(b, &mut i, 4)?;
    if !time_tail_ok(&b[i..]) {
        return None;
    }
    match n3 {
        4 => Some(Shape::Numeric {
            a: first,
            b: second,
            y: third as i32,
            sep,
        }),
        2 => Some(Shape::ShortYear { sep }),
        _ => None,
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn make_date(value: &str, y: i32, m: u32, d: u32, fmt: DateFormat) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(DateError::NotInFormat {
            value: value.to_string(),
            format: fmt.label(),
        });
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DateError::NoSuchDay {
        value: value.to_string(),
        month: crate::domain::date_format::month_name(m, crate::domain::language::Language::En),
        year: y,
        days: days_in_month(y, m),
    })
}

/// Reads one date in the given format. Surrounding whitespace is ignored; a
/// time after the date (`T10:00:00`, ` 10:00`) is accepted and dropped.
/// Years must have 4 digits; dates that do not exist (`31/02/2024`) are refused.
pub fn parse_date(s: &str, fmt: DateFormat) -> Result<NaiveDate, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(DateError::Empty);
    }
    let not_in_format = || DateError::NotInFormat {
        value: t.to_string(),
        format: fmt.label(),
    };
    match (shape(t), fmt) {
        (Some(Shape::Iso { y, m, d }), DateFormat::Iso) => make_date(t, y, m, d, fmt),
        (Some(Shape::Numeric { a, b, y, .. }), DateFormat::DayMonthYear) => {
            make_date(t, y, b, a, fmt)
        }
        (Some(Shape::Numeric { a, b, y, sep }), DateFormat::MonthDayYear) if sep != b'.' => {
            make_date(t, y, a, b, fmt)
        }
        (Some(Shape::ShortYear { sep }), DateFormat::DayMonthYear | DateFormat::MonthDayYear)
            if fmt == DateFormat::DayMonthYear || sep != b'.' =>
        {
            Err(DateError::ShortYear {
                value: t.to_string(),
                format: fmt.label(),
            })
        }
        _ => Err(not_in_format()),
    }
}

/// Detects the format from every non-empty date value of a file (all date
/// columns together).
///
/// All `YYYY-MM-DD` gives [`DateFormat::Iso`]. For `A/B/YYYY` values, a first
/// field over 12 anywhere proves day-first, a second field over 12 proves
/// month-first, and a `.` separator means day-first. Both proven, or ISO mixed
/// with other forms, is an error; neither proven is [`DateError::Ambiguous`],
/// unless every value reads the same both ways (`05/05/2024`), which gives
/// [`DateFormat::DayMonthYear`]. A value of no known shape is an error naming
/// it. With no values at all the answer is [`DateFormat::Iso`] (nothing to read).
///
/// Only the shape and the field ranges are checked here; [`parse_date`]
/// reports days that do not exist (`31/02/2024`).
pub fn detect(values: &[&str]) -> Result<DateFormat, DateError> {
    let mut iso: Option<&str> = None;
    let mut other: Option<&str> = None;
    let mut day_first: Option<&str> = None;
    let mut month_first: Option<&str> = None;
    let mut ambiguous: Option<&str> = None;
    let unrecognized = |v: &str| DateError::Unrecognized(v.to_string());

    for raw in values {
        let v = raw.trim();
        if v.is_empty() {
            continue;
        }
        match shape(v) {
            Some(Shape::Iso { m, d, .. }) => {
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return Err(unrecognized(v));
                }
                iso.get_or_insert(v);
            }
            Some(Shape::Numeric { a, b, sep, .. }) => {
                other.get_or_insert(v);
                if a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
                    return Err(unrecognized(v));
                }
                if sep == b'.' {
                    if b > 12 {
                        return Err(unrecognized(v));
                    }
                    day_first.get_or_insert(v);
                } else if a > 12 {
                    day_first.get_or_insert(v);
                } else if b > 12 {
                    month_first.get_or_insert(v);
                } else if a != b {
                    ambiguous.get_or_insert(v);
                }
            }
            Some(Shape::ShortYear { .. }) => {
                return Err(DateError::ShortYear {
                    value: v.to_string(),
                    format: "DD/MM/YYYY or M/D/YYYY",
                });
            }
            None => return Err(unrecognized(v)),
        }
        if let (Some(i), Some(o)) = (iso, other) {
            return Err(DateError::MixedIso {
                iso: i.to_string(),
                other: o.to_string(),
            });
        }
        if let (Some(d), Some(m)) = (day_first, month_first) {
            return Err(DateError::MixedDayMonth {
                day_first: d.to_string(),
                month_first: m.to_string(),
            });
        }
    }
    match (iso, other, day_first, month_first, ambiguous) {
        (_, None, ..) => Ok(DateFormat::Iso),
        (_, Some(_), Some(_), _, _) => Ok(DateFormat::DayMonthYear),
        (_, Some(_), None, Some(_), _) => Ok(DateFormat::MonthDayYear),
        (_, Some(_), None, None, Some(example)) => Err(DateError::Ambiguous {
            example: example.to_string(),
        }),
        (_, Some(_), None, None, None) => Ok(DateFormat::DayMonthYear),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn user_formats() {
        use DateFormat::*;
        for (s, f) in [
            ("iso", Iso),
            ("ISO", Iso),
            ("yyyy-mm-dd", Iso),
            ("YYYY-MM-DD", Iso),
            ("dmy", DayMonthYear),
            ("DD/MM/YYYY", DayMonthYear),
            ("dd.mm.yyyy", DayMonthYear),
            ("MDY", MonthDayYear),
            ("M/D/YYYY", MonthDayYear),
            ("mm/dd/yyyy", MonthDayYear),
            (" dmy ", DayMonthYear),
        ] {
            assert_eq!(DateFormat::parse_user(s).unwrap(), f, "{s}");
        }
        let err = DateFormat::parse_user("ymd").unwrap_err();
        assert!(err.to_string().starts_with("unknown date format \"ymd\""));
        assert_eq!(Iso.label(), "YYYY-MM-DD");
        assert_eq!(DayMonthYear.label(), "DD/MM/YYYY");
        assert_eq!(MonthDayYear.label(), "M/D/YYYY");
    }

    #[test]
    fn iso_dates() {
        let f = DateFormat::Iso;
        assert_eq!(parse_date("2024-01-31", f).unwrap(), ymd(2024, 1, 31));
        assert_eq!(parse_date(" 2024-01-31 ", f).unwrap(), ymd(2024, 1, 31));
        assert_eq!(
            parse_date("2024-01-31T10:11:12Z", f).unwrap(),
            ymd(2024, 1, 31)
        );
        assert_eq!(
            parse_date("2024-01-31T10:11:12.123+01:00", f).unwrap(),
            ymd(2024, 1, 31)
        );
        assert_eq!(parse_date("2024-01-31 10:11", f).unwrap(), ymd(2024, 1, 31));
        assert!(parse_date("2024-01-31x", f).is_err());
        assert!(parse_date("2024-01-31 noon", f).is_err());
        assert!(parse_date("24-01-31", f).is_err());
        assert!(parse_date("31/01/2024", f).is_err());
        assert_eq!(
            parse_date("2024-13-01", f).unwrap_err().to_string(),
            "\"2024-13-01\" is not a date in YYYY-MM-DD"
        );
        assert_eq!(
            parse_date("2023-02-29", f).unwrap_err().to_string(),
            "\"2023-02-29\" is not a date: February 2023 has 28 days"
        );
        assert_eq!(parse_date("  ", f).unwrap_err(), DateError::Empty);
    }

    #[test]
    fn day_month_year_dates() {
        let f = DateFormat::DayMonthYear;
        for s in [
            "31/01/2024",
            "31.01.2024",
            "31-01-2024",
            "31/1/2024",
            "31.1.2024",
        ] {
            assert_eq!(parse_date(s, f).unwrap(), ymd(2024, 1, 31), "{s}");
        }
        assert_eq!(parse_date("1/2/2024", f).unwrap(), ymd(2024, 2, 1));
        assert_eq!(
            parse_date("01/02/2024 00:00:00", f).unwrap(),
            ymd(2024, 2, 1)
        );
        assert_eq!(
            parse_date("31/13/2024", f).unwrap_err().to_string(),
            "\"31/13/2024\" is not a date in DD/MM/YYYY"
        );
        assert_eq!(
            parse_date("31/02/2024", f).unwrap_err().to_string(),
            "\"31/02/2024\" is not a date: February 2024 has 29 days"
        );
        assert_eq!(
            parse_date("31/12/24", f).unwrap_err().to_string(),
            "\"31/12/24\" is not a date in DD/MM/YYYY: the year must have 4 digits"
        );
        assert!(parse_date("31/01.2024", f).is_err());
        assert!(parse_date("031/01/2024", f).is_err());
        assert!(parse_date("31/01/20245", f).is_err());
        assert!(parse_date("2024-01-31", f).is_err());
        assert!(parse_date("00/01/2024", f).is_err());
    }

    #[test]
    fn month_day_year_dates() {
        let f = DateFormat::MonthDayYear;
        assert_eq!(parse_date("1/31/2024", f).unwrap(), ymd(2024, 1, 31));
        assert_eq!(parse_date("01/31/2024", f).unwrap(), ymd(2024, 1, 31));
        assert_eq!(parse_date("12-31-2024", f).unwrap(), ymd(2024, 12, 31));
        assert_eq!(
            parse_date("31/1/2024", f).unwrap_err().to_string(),
            "\"31/1/2024\" is not a date in M/D/YYYY"
        );
        // A dot means day first; not read as month first.
        assert!(parse_date("1.31.2024", f).is_err());
        assert!(parse_date("1.2.24", f).is_err());
    }

    #[test]
    fn detect_iso() {
        assert_eq!(
            detect(&["2024-01-31", "", "2024-02-01T00:00:00"]).unwrap(),
            DateFormat::Iso
        );
        assert_eq!(detect(&[]).unwrap(), DateFormat::Iso);
        assert_eq!(detect(&["", " "]).unwrap(), DateFormat::Iso);
    }

    #[test]
    fn detect_day_or_month_first() {
        assert_eq!(
            detect(&["01/02/2024", "13/02/2024"]).unwrap(),
            DateFormat::DayMonthYear
        );
        assert_eq!(
            detect(&["01/02/2024", "2/13/2024"]).unwrap(),
            DateFormat::MonthDayYear
        );
        assert_eq!(
            detect(&["01.02.2024", "03.04.2024"]).unwrap(),
            DateFormat::DayMonthYear
        );
        // Same meaning either way.
        assert_eq!(
            detect(&["05/05/2024", "1/1/2025"]).unwrap(),
            DateFormat::DayMonthYear
        );
    }

    #[test]
    fn detect_refusals() {
        let err = detect(&["01/02/2024", "03/04/2024"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dates are ambiguous: 01/02/2024 could be DD/MM/YYYY or M/D/YYYY; give --date-format"
        );
        let err = detect(&["13/02/2024", "2/13/2024"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dates mix DD/MM and MM/DD: 13/02/2024 has the day first, 2/13/2024 the month first"
        );
        let err = detect(&["01.02.2024", "2/13/2024"]).unwrap_err();
        assert!(matches!(err, DateError::MixedDayMonth { .. }));
        let err = detect(&["2024-01-31", "31/01/2024"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dates mix YYYY-MM-DD and other formats: 2024-01-31 and 31/01/2024"
        );
        let err = detect(&["31/01/2024", "next week"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"next week\" is not a date (expected YYYY-MM-DD, DD/MM/YYYY, DD.MM.YYYY or M/D/YYYY)"
        );
        for bad in [
            "13/13/2024",
            "32/01/2024",
            "1.13.2024",
            "2024-13-01",
            "0/1/2024",
        ] {
            assert!(
                matches!(detect(&[bad]).unwrap_err(), DateError::Unrecognized(_)),
                "{bad}"
            );
        }
        assert!(matches!(
            detect(&["31/12/24"]).unwrap_err(),
            DateError::ShortYear { .. }
        ));
    }

    #[test]
    fn detect_the_ibm_sample_dates() {
        let values = ["1/2/2013", "1/26/2013", "7/8/2012", "8/20/2012"];
        assert_eq!(detect(&values).unwrap(), DateFormat::MonthDayYear);
    }

    #[test]
    fn the_ibm_sample_file() {
        let Ok(text) = std::fs::read_to_string("/work/shared/data/ibm-accounts-receivable.csv")
        else {
            return;
        };
        let mut values = Vec::new();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            values.extend([cols[4], cols[5], cols[8]]);
        }
        assert_eq!(values.len(), 3 * 2466);
        let f = detect(&values).unwrap();
        assert_eq!(f, DateFormat::MonthDayYear);
        for v in values {
            parse_date(v, f).unwrap();
        }
    }

    #[test]
    fn detect_is_fast_on_a_million_values() {
        let owned: Vec<String> = (0..1_000_000u32)
            .map(|i| format!("{:02}/{:02}/{}", i % 28 + 1, i % 12 + 1, 2000 + i % 30))
            .collect();
        let values: Vec<&str> = owned.iter().map(String::as_str).collect();
        let start = std::time::Instant::now();
        assert_eq!(detect(&values).unwrap(), DateFormat::DayMonthYear);
        // Generous bound so it holds in a debug build on a busy machine.
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (1000i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
            let d = d.min(days_in_month(y, m));
            ymd(y, m, d)
        })
    }

    proptest! {
        #[test]
        fn formatted_dates_parse_back(date in any_date()) {
            use DateFormat::*;
            let cases = [
                (date.format("%Y-%m-%d").to_string(), Iso),
                (
                    date.and_hms_opt(23, 59, 1).unwrap().format("%Y-%m-%dT%H:%M:%S").to_string(),
                    Iso,
                ),
                (
                    date.and_hms_opt(9, 5, 0).unwrap().format("%d/%m/%Y %-H:%M").to_string(),
                    DayMonthYear,
                ),
                (date.format("%d/%m/%Y").to_string(), DayMonthYear),
                (date.format("%d.%m.%Y").to_string(), DayMonthYear),
                (date.format("%d-%m-%Y").to_string(), DayMonthYear),
                (date.format("%-d/%-m/%Y").to_string(), DayMonthYear),
                (date.format("%-d.%-m.%Y").to_string(), DayMonthYear),
                (date.format("%m/%d/%Y").to_string(), MonthDayYear),
                (date.format("%-m/%-d/%Y").to_string(), MonthDayYear),
            ];
            for (s, f) in cases {
                prop_assert_eq!(parse_date(&s, f).unwrap(), date, "{} as {:?}", s, f);
            }
        }

        #[test]
        fn detection_never_contradicts_parsing(dates in proptest::collection::vec(any_date(), 1..20)) {
            let dmy: Vec<String> = dates.iter().map(|d| d.format("%d/%m/%Y").to_string()).collect();
            let refs: Vec<&str> = dmy.iter().map(String::as_str).collect();
            match detect(&refs) {
                Ok(f) => {
                    for (s, d) in refs.iter().zip(&dates) {
                        prop_assert_eq!(parse_date(s, f).unwrap(), *d);
                    }
                }
                Err(e) => prop_assert!(matches!(e, DateError::Ambiguous { .. }), "{}", e),
            }
        }
    }
}
