//! How domain types are written to and read from SQLite columns.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::activity::ActivityKind;
use crate::domain::client::{Profile, Rating};
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
                Ok(ToSqlOutput::from(self.$to().to_string()))
            }
        }
        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                text(v, $from, $what)
            }
        }
    };
}

sql_text!(Currency, code, |s| Currency::from_code(s).ok(), "currency");
sql_text!(Profile, as_str, Profile::parse, "profile");
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

/// A date written as `YYYY-MM-DD` without going through a format string:
/// bulk imports write millions of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SqlDate(pub NaiveDate);

impl ToSql for SqlDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(iso_date(self.0)))
    }
}

/// `YYYY-MM-DD` for years 0–9999, the same text chrono writes.
pub fn iso_date(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut b = [0u8; 10];
    let y = y as u32;
    b[0] = b'0' + (y / 1000) as u8;
    b[1] = b'0' + (y / 100 % 10) as u8;
    b[2] = b'0' + (y / 10 % 10) as u8;
    b[3] = b'0' + (y % 10) as u8;
    b[4] = b'-';
    b[5] = b'0' + (m / 10) as u8;
    b[6] = b'0' + (m % 10) as u8;
    b[7] = b'-';
    b[8] = b'0' + (day / 10) as u8;
    b[9] = b'0' + (day % 10) as u8;
    String::from_utf8_lossy(&b).into_owned()
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
        assert_eq!(iso_date(far), far.format("%Y-%m-%d").to_string());
    }
}
