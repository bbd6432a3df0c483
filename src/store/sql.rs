//! How domain types are written to and read from SQLite columns.

use chrono::{DateTime, SecondsFormat, Utc};
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

/// Now, as stored in `created_at` columns.
pub fn now() -> String {
    instant(Utc::now())
}
