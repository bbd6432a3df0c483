//! How domain types are written to and read from SQLite columns.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::activity::ActivityKind;
use crate::domain::client::{Profile, Rating, Title};
use crate::domain::currency::Currency;
use crate::domain::language::Language;
use crate::domain::payment::PaymentMethod;
use crate::domain::solvency::SolvencySource;

fn text<T>(v: ValueRef<'_>, parse: impl FnOnce(&str) -> Option<T>, what: &str) -> FromSqlResult<T> {
    let s = v.as_str()?;
    parse(s).ok_or_else(|| FromSqlError::Other(format!("unknown {what} {s:?}").into()))
}

macro_rules! sql_text {
    ($t:ty, $to:ident, $from:expr, $what:literal) => {
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.$to().as_bytes())))
            }
        }
        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                text(v, $from, $what)
            }
        }
    };
}

sql_text!(Currency, code, stored_currency, "currency");
sql_text!(Profile, as_str, stored_profile, "profile");
sql_text!(Title, as_str, stored_title, "title");

/// A contact's title as dun stores it (`mr`, `ms`, `mrs`).
fn stored_title(s: &str) -> Option<Title> {
    s.parse().ok()
}

/// A currency code as dun stores it. A million rows hold a handful of
/// codes: those already seen are found without the full table.
fn stored_currency(s: &str) -> Option<Currency> {
    thread_local! {
        static SEEN: std::cell::RefCell<Vec<Currency>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(c) = seen.iter().find(|c| c.code() == s) {
            return Some(*c);
        }
        let c = Currency::from_code(s).ok()?;
        if seen.len() < 64 {
            seen.push(c);
        }
        Some(c)
    })
}

/// A profile as dun stores it, without the multilingual parsing.
fn stored_profile(s: &str) -> Option<Profile> {
    s.parse().ok().or_else(|| Profile::parse(s))
}
sql_text!(Rating, as_str, Rating::parse, "rating");
sql_text!(Language, code, Language::parse, "language");
sql_text!(ActivityKind, as_str, ActivityKind::parse, "activity kind");
sql_text!(
    PaymentMethod,
    as_str,
    |s| Some(PaymentMethod::parse(s)),
    "payment method"
);
sql_text!(
    SolvencySource,
    as_str,
    SolvencySource::parse,
    "solvency source"
);

/// An instant as stored: RFC 3339 in UTC with milliseconds, `2026-11-22T09:15:02.123Z`.
pub fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Now, to the second, as stored in `created_at` columns. Formatted once a
/// second at most: bulk writes stamp millions of rows.
pub fn now() -> String {
    thread_local! {
        static STAMP: std::cell::RefCell<(i64, String)> = const { std::cell::RefCell::new((i64::MIN, String::new())) };
    }
    let t = Utc::now();
    STAMP.with(|cell| {
        let mut stamp = cell.borrow_mut();
        if stamp.0 != t.timestamp() {
            *stamp = (t.timestamp(), t.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
        stamp.1.clone()
    })
}

/// A date written as `YYYY-MM-DD` text without a format string or an
/// allocation: bulk imports write millions of them. Years outside 0–9999
/// (which dun refuses long before) are written as `0000-01-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SqlDate([u8; 10]);

impl SqlDate {
    pub fn new(d: NaiveDate) -> SqlDate {
        let (y, m, day) = match u32::try_from(d.year()) {
            Ok(y) if y <= 9999 => (y, d.month(), d.day()),
            _ => (0, 1, 1),
        };
        let digit = |v: u32| b'0' + (v % 10) as u8;
        SqlDate([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("0000-01-01")
    }
}

impl ToSql for SqlDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(&self.0)))
    }
}

/// A date read from a column, parsed without chrono's format machinery
/// (the queue reads hundreds of thousands).
pub struct Day(pub NaiveDate);

impl FromSql for Day {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        let b = v.as_bytes()?;
        let num = |r: std::ops::Range<usize>| {
            b.get(r).and_then(|d| {
                d.iter().try_fold(0u32, |n, c| {
                    c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
                })
            })
        };
        let fast = match (b.len(), b.get(4), b.get(7)) {
            (10, Some(b'-'), Some(b'-')) => match (num(0..4), num(5..7), num(8..10)) {
                (Some(y), Some(m), Some(d)) => i32::try_from(y)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
                _ => None,
            },
            _ => None,
        };
        match fast {
            Some(d) => Ok(Day(d)),
            None => NaiveDate::column_result(v).map(Day),
        }
    }
}

/// Column `i` of `r` as an optional date, read fast.
pub fn day(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(r.get::<_, Option<Day>>(i)?.map(|d| d.0))
}

/// `YYYY-MM-DD`, the same text chrono writes for years 0–9999.
pub fn iso_date(d: NaiveDate) -> String {
    SqlDate::new(d).as_str().to_string()
}

/// Column `i` of `r` as an exact decimal stored as text (a contractual
/// rate, `12.5`), or `None` for NULL; text that is no decimal is an error
/// naming the column.
pub fn decimal(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<rust_decimal::Decimal>> {
    r.get::<_, Option<String>>(i)?
        .map(|t| {
            t.parse::<rust_decimal::Decimal>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_match_chrono() {
        let mut d = NaiveDate::from_ymd_opt(1969, 12, 25).unwrap();
        while d.year() < 2101 {
            assert_eq!(iso_date(d), d.format("%Y-%m-%d").to_string());
            d += chrono::Duration::days(17);
        }
        let far = NaiveDate::from_ymd_opt(12345, 1, 2).unwrap();
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for text in [
            "2026-02-28",
            "1970-01-01",
            "2026-02-30",
            "20260228",
            "2026-1-05",
        ] {
            let fast: rusqlite::Result<Day> = conn.query_row("SELECT ?1", [text], |r| r.get(0));
            let chrono: rusqlite::Result<NaiveDate> =
                conn.query_row("SELECT ?1", [text], |r| r.get(0));
            assert_eq!(fast.ok().map(|d| d.0), chrono.ok(), "{text}");
        }
        assert_eq!(iso_date(far), "0000-01-01");
    }
}
