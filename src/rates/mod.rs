//! The reference rates every clerk's computations use: the tables shipped
//! in `assets/rates.toml` (each series with its source), overlaid by the
//! rates the team's clerks set in the database with `dun rates set`, one
//! period at a time.
//!
//! A series is named as in `assets/rates.toml` (`ecb`, `france_legal`,
//! `spain`, `norway_interest`, `norway_compensation`, `uk_bank_rate`); a
//! period is a half-year `2026-H2`, or for the Bank Rate a reference date
//! `2026-06-30`; a value is exact decimal text: `2.15` (percent a year) or
//! `460` (`norway_compensation`, NOK).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::domain::currency::Currency;
use crate::domain::money::Money;
use crate::domain::penalty::needed::{current_periods, missing, needed_today};
use crate::domain::penalty::{HalfYear, RateKey, RatePeriod, RateTable, RateTables};
use crate::store::rates::{Before, StoredRate};
use crate::store::{Store, StoreError};

/// Longest source text kept with a rate.
pub const MAX_SOURCE: usize = 300;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RatesError {
    #[error("assets/rates.toml: {0}")]
    Shipped(String),
    #[error("no series {series:?} (known: {known})")]
    UnknownSeries { series: String, known: String },
    #[error("{series} {period:?}: {reason}")]
    BadPeriod {
        series: &'static str,
        period: String,
        reason: String,
    },
    /// `value` as it was given (quoted text, or a TOML literal).
    #[error("{series} {period} = {value}: {reason}")]
    BadValue {
        series: &'static str,
        period: String,
        value: String,
        reason: String,
    },
    #[error("--source: {0}")]
    BadSource(String),
    /// A rate stored in the database that does not pass the checks (written
    /// by something other than dun).
    #[error(
        "the reference rate {series} {period} stored in the database: {reason}; \
         correct it with `dun rates set`"
    )]
    Stored {
        series: String,
        period: String,
        reason: String,
    },
}

/// Why `dun rates set` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum SetError {
    #[error(transparent)]
    Rates(#[from] RatesError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where a rate in force comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `assets/rates.toml`, built into dun.
    Shipped,
    /// Set by a clerk (`login`), at an instant (RFC 3339).
    Set { by: String, at: String },
    /// Not published: a Spanish half-year the BOE table lacks, the ECB rate
    /// + 8 points (Ley 3/2004 art. 7).
    Derived,
}

impl std::fmt::Display for Origin {
    /// `shipped`, `set by marie on 2026-11-22`, `derived`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Shipped => f.write_str("shipped"),
            Origin::Set { by, at } => {
                let by: String = by.chars().filter(|c| !c.is_control()).collect();
                write!(f, "set by {by} on {}", at.get(..10).unwrap_or(at))
            }
            Origin::Derived => f.write_str("derived"),
        }
    }
}

/// One rate in force, as `dun rates` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateRow {
    pub key: RateKey,
    /// The exact decimal text.
    pub value: String,
    pub source: String,
    pub origin: Origin,
}

// ---- names, periods and values ----

/// The series named `name`, exactly as in `assets/rates.toml`.
pub fn series(name: &str) -> Result<RateTable, RatesError> {
    RateTable::from_key(name.trim()).ok_or_else(|| RatesError::UnknownSeries {
        series: name.to_string(),
        known: RateTable::ALL
            .iter()
            .map(|t| t.key())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// The period `text` of `table`: a half-year `2026-H2`, or for the Bank
/// Rate a reference date (30 June or 31 December).
pub fn period(table: RateTable, text: &str) -> Result<RatePeriod, RatesError> {
    let bad = |reason: &str| RatesError::BadPeriod {
        series: table.key(),
        period: text.to_string(),
        reason: reason.to_string(),
    };
    if table == RateTable::UkBankRate {
        let t = text.trim();
        let date = NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .filter(|_| t.len() == 10)
            .ok_or_else(|| {
                bad("not a date (write it like 2025-12-31): the Bank Rate is read on 30 June and 31 December")
            })?;
        if (date.month(), date.day()) == (6, 30) || (date.month(), date.day()) == (12, 31) {
            Ok(RatePeriod::Day(date))
        } else {
            Err(bad("the Bank Rate is read on 30 June and 31 December only"))
        }
    } else {
        HalfYear::parse(text)
            .map(RatePeriod::Half)
            .ok_or_else(|| bad("not a half-year (write it like 2026-H2)"))
    }
}

/// A reference rate, in percent a year: no central bank's rate is above
/// 100, and the interest computed from it must not overflow.
const MAX_PERCENT: Decimal = Decimal::ONE_HUNDRED;

/// The Norwegian fixed compensation: a few hundred crowns, at most 10,000.
const MAX_NOK_MINOR: i64 = 1_000_000;

/// The value `text` for `key`: a plain non-negative decimal (`2.15`); for
/// the standardkompensasjon NOK with at most two decimals. `shown` is how
/// the value was given, for the message.
fn value_of(key: RateKey, text: &str, shown: &str) -> Result<Decimal, RatesError> {
    let bad = |reason: &str| RatesError::BadValue {
        series: key.table.key(),
        period: key.period.key(),
        value: shown.to_string(),
        reason: reason.to_string(),
    };
    let text = text.trim();
    if text.starts_with('-') {
        return Err(bad("cannot be negative"));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return Err(bad("not a decimal number (write it like 2.15)"));
    }
    if key.table == RateTable::NorwayCompensation {
        let m = Money::parse_plain(text, Currency::NOK).map_err(|e| bad(&e.to_string()))?;
        if m.minor > MAX_NOK_MINOR {
            return Err(bad("above NOK 10,000: not a standardkompensasjon"));
        }
        return Ok(Decimal::new(m.minor, 2));
    }
    let p: Decimal = text
        .parse()
        .map_err(|_| bad("not a decimal number (write it like 2.15)"))?;
    if p > MAX_PERCENT {
        return Err(bad("a yearly rate above 100 % is not a reference rate"));
    }
    Ok(p)
}

/// Checks one rate as `dun rates set` is given it: the series, the period
/// and the value. Returns the rate's name, its value and its text as kept.
pub fn check(
    series_name: &str,
    period_text: &str,
    value_text: &str,
) -> Result<(RateKey, Decimal, String), RatesError> {
    let table = series(series_name)?;
    let key = RateKey {
        table,
        period: period(table, period_text)?,
    };
    let value = value_of(key, value_text, &format!("{value_text:?}"))?;
    Ok((key, value, value_text.trim().to_string()))
}

/// Refuses a period that has not begun by the next half-year: a rate is
/// published for the current half-year or the next one, and a year typed
/// wrong (`2062-H2`) would otherwise be kept.
pub fn check_not_ahead(key: RateKey, today: NaiveDate) -> Result<(), RatesError> {
    let now = HalfYear::of(today);
    let ahead = match key.period {
        RatePeriod::Half(h) => h > now.next(),
        RatePeriod::Day(d) => now.last_day().is_some_and(|last| d > last),
    };
    if ahead {
        return Err(RatesError::BadPeriod {
            series: key.table.key(),
            period: key.period.key(),
            reason: format!(
                "after the next half-year ({}): rates are published for the current or the next half-year",
                now.next().key()
            ),
        });
    }
    Ok(())
}

/// The source as kept: one line of text, not empty.
pub fn check_source(source: &str) -> Result<String, RatesError> {
    let s = source.trim();
    if s.is_empty() {
        return Err(RatesError::BadSource(
            "say where the value was read (e.g. \"ECB press release of 5 June 2026\")".into(),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(RatesError::BadSource(
            "one line of text, without control characters".into(),
        ));
    }
    if s.chars().count() > MAX_SOURCE {
        return Err(RatesError::BadSource(format!(
            "at most {MAX_SOURCE} characters"
        )));
    }
    Ok(s.to_string())
}

mod shipped;
#[cfg(test)]
mod tests;

pub use shipped::{Shipped, parse_shipped, shipped, shipped_tables};

// ---- the team's rates ----

/// A stored rate, checked again as it is read.
fn stored_rate(s: &StoredRate) -> Result<(RateKey, Decimal), RatesError> {
    let refuse = |e: RatesError| RatesError::Stored {
        series: s.series.clone(),
        period: s.period.clone(),
        reason: match e {
            RatesError::BadPeriod { reason, .. } | RatesError::BadValue { reason, .. } => reason,
            other => other.to_string(),
        },
    };
    let (key, value, _) = check(&s.series, &s.period, &s.value).map_err(refuse)?;
    Ok((key, value))
}

/// The rate tables every command and the workbench use: the shipped ones
/// with the rates the team set laid over them, one period at a time.
pub fn tables(stored: &[StoredRate]) -> Result<RateTables, RatesError> {
    let mut tables = shipped_tables()?;
    for s in stored {
        let (key, value) = stored_rate(s)?;
        tables.insert(key, value);
    }
    Ok(tables)
}

/// The rate tables in force in `store`'s database.
pub fn load(store: &mut Store) -> anyhow::Result<RateTables> {
    let stored = store.read(|tx| crate::store::rates::all(tx))?;
    Ok(tables(&stored)?)
}

/// The rates needed on `today` for the open overdue invoices (see
/// [`needed_today`]) that `rates` lacks, in order.
///
/// Read as little as it can, since the workbench asks at every reload:
/// nothing when `rates` knows the current period of every series (as once
/// the team has set the half-year's rates); else the kinds of clients, and
/// for each kind that would need a rate not yet found missing, whether one
/// of its clients is overdue (the oldest open invoices first, so found at
/// once). A kind with nothing overdue has read all the open invoices: the
/// kinds left are then found in one more such pass.
pub fn missing_today(
    conn: &crate::store::Snapshot,
    rates: &RateTables,
    today: NaiveDate,
) -> Result<Vec<RateKey>, StoreError> {
    if missing(rates, &current_periods(today)).is_empty() {
        return Ok(Vec::new());
    }
    let mut found = std::collections::BTreeSet::new();
    for kind in crate::store::rates::client_kinds(conn)? {
        let lacks = missing(rates, &needed_today(today, [&kind]));
        if lacks.iter().all(|k| found.contains(k)) {
            continue;
        }
        if !crate::store::rates::kind_overdue(conn, &kind, today)? {
            let debtors = crate::store::rates::overdue_debtors(conn, today)?;
            return Ok(missing(rates, &needed_today(today, &debtors)));
        }
        found.extend(lacks);
    }
    Ok(found.into_iter().collect())
}

/// Every rate in force with its value, source and origin, by series and
/// period: the shipped ones, those the team set over them, and the Spanish
/// half-years the BOE table lacks, derived from the ECB rate in force.
pub fn listing(stored: &[StoredRate]) -> Result<Vec<RateRow>, RatesError> {
    let mut rows: BTreeMap<RateKey, RateRow> = shipped()?
        .rows
        .iter()
        .map(|(key, (value, source))| {
            let row = RateRow {
                key: *key,
                value: value.clone(),
                source: source.clone(),
                origin: Origin::Shipped,
            };
            (*key, row)
        })
        .collect();
    for s in stored {
        let (key, _) = stored_rate(s)?;
        rows.insert(
            key,
            RateRow {
                key,
                value: s.value.clone(),
                source: s.source.clone(),
                origin: Origin::Set {
                    by: s.set_by.clone(),
                    at: s.set_at.clone(),
                },
            },
        );
    }
    let tables = tables(stored)?;
    for (h, ecb) in &tables.ecb {
        if tables.spain.contains_key(h) {
            continue;
        }
        let key = RateKey::half(RateTable::Spain, *h);
        let ecb_text = rows
            .get(&RateKey::half(RateTable::Ecb, *h))
            .map_or_else(|| ecb.to_string(), |r| r.value.clone());
        // As many decimals as the ECB rate (0.00 + 8 is 8.00, not 8).
        let mut value = ecb + Decimal::from(8);
        if value.scale() < ecb.scale() {
            value.rescale(ecb.scale());
        }
        rows.insert(
            key,
            RateRow {
                key,
                value: value.to_string(),
                source: format!(
                    "ECB rate {ecb_text} + 8 points (Ley 3/2004 art. 7): not in the BOE table"
                ),
                origin: Origin::Derived,
            },
        );
    }
    Ok(rows.into_values().collect())
}

/// What `dun rates set` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetOutcome {
    pub key: RateKey,
    /// The value and source now in force, as kept.
    pub value: String,
    pub source: String,
    /// What was in force before: value, source and origin; `None` when no
    /// rate was known for the period.
    pub before: Option<(String, String, Origin)>,
    /// False when the value and source were in force already: nothing was
    /// written.
    pub changed: bool,
}

/// One rate to set: series, period and value as typed, and where it was read.
#[derive(Clone, Copy, Debug)]
pub struct NewRate<'a> {
    pub series: &'a str,
    pub period: &'a str,
    pub value: &'a str,
    pub source: &'a str,
}

/// Adds or corrects one rate for the whole team, as `user`, with its
/// history, in one `BEGIN IMMEDIATE` transaction; a bad series, period,
/// value or source is refused before anything is written. Setting the
/// value and source in force already writes nothing.
pub fn set(
    store: &mut Store,
    new: NewRate<'_>,
    user: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<SetOutcome, SetError> {
    let (key, value, text) = check(new.series, new.period, new.value)?;
    check_not_ahead(key, today)?;
    let source = check_source(new.source)?;
    let shipped = shipped()?;
    let (series_key, period_key) = (key.table.key(), key.period.key());
    store.write(|tx| {
        let before = match crate::store::rates::find(tx, series_key, &period_key)? {
            Some(s) => Some((
                s.value,
                s.source,
                Origin::Set {
                    by: s.set_by,
                    at: s.set_at,
                },
            )),
            None => shipped
                .rows
                .get(&key)
                .map(|(v, s)| (v.clone(), s.clone(), Origin::Shipped)),
        };
        let same = before.as_ref().is_some_and(|(v, s, _)| {
            *s == source && value_of(key, v, v).is_ok_and(|old| old == value)
        });
        if !same {
            crate::store::rates::put(
                tx,
                (series_key, &period_key),
                (&text, &source),
                before.as_ref().map(|(v, s, _)| Before {
                    value: v,
                    source: s,
                }),
                user,
                now,
            )?;
        }
        let (value, source) = match (&before, same) {
            (Some((v, s, _)), true) => (v.clone(), s.clone()),
            _ => (text.clone(), source.clone()),
        };
        Ok::<_, SetError>(SetOutcome {
            key,
            value,
            source,
            before,
            changed: !same,
        })
    })
}
