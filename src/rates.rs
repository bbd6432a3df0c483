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
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::domain::currency::Currency;
use crate::domain::money::Money;
use crate::domain::penalty::needed::{current_periods, missing, needed_today};
use crate::domain::penalty::{HalfYear, RateKey, RatePeriod, RateTable, RateTables};
use crate::store::rates::{Before, StoredRate};
use crate::store::{Store, StoreError};

const SHIPPED: &str = include_str!("../assets/rates.toml");

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
        known: RateTable::ALL.map(RateTable::key).join(", "),
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

// ---- the shipped tables ----

/// `assets/rates.toml` read: its rates with their sources, and the tables.
#[derive(Clone, Debug)]
pub struct Shipped {
    /// By series and period.
    pub rows: BTreeMap<RateKey, (String, String)>,
    pub tables: RateTables,
}

/// Reads a rates file laid out as `assets/rates.toml`: a table per series
/// of `"period" = "value"`, `[sources]` with a source per series, and
/// `[period_sources.SERIES]` with the source of single periods where it
/// differs.
pub fn parse_shipped(text: &str) -> Result<Shipped, RatesError> {
    let file: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| RatesError::Shipped(e.message().trim().to_string()))?;
    let strings =
        |name: &str, value: &toml::Value| -> Result<BTreeMap<String, String>, RatesError> {
            let table = value.as_table().ok_or_else(|| {
                RatesError::Shipped(format!("[{name}]: expected a table of \"key\" = \"text\""))
            })?;
            table
                .iter()
                .map(|(k, v)| match v.as_str() {
                    Some(s) => Ok((k.clone(), s.to_string())),
                    None => Err(RatesError::Shipped(format!(
                        "[{name}] {k:?}: expected text"
                    ))),
                })
                .collect()
        };
    let mut sources = BTreeMap::new();
    let mut period_sources: BTreeMap<RateKey, String> = BTreeMap::new();
    let mut values: Vec<(RateKey, String)> = Vec::new();
    for (name, value) in &file {
        match name.as_str() {
            "sources" => {
                for (s, text) in strings(name, value)? {
                    sources.insert(series(&s)?, text);
                }
            }
            "period_sources" => {
                let by_series = value.as_table().ok_or_else(|| {
                    RatesError::Shipped("[period_sources]: expected a table per series".into())
                })?;
                for (s, periods) in by_series {
                    let table = series(s)?;
                    for (p, text) in strings(&format!("period_sources.{s}"), periods)? {
                        let key = RateKey {
                            table,
                            period: period(table, &p)?,
                        };
                        period_sources.insert(key, text);
                    }
                }
            }
            _ => {
                let table = series(name)?;
                let entries = value.as_table().ok_or_else(|| {
                    RatesError::Shipped(format!(
                        "[{name}]: expected a table of \"period\" = \"rate\" entries"
                    ))
                })?;
                for (p, v) in entries {
                    let key = RateKey {
                        table,
                        period: period(table, p)?,
                    };
                    let text = v.as_str().ok_or_else(|| RatesError::BadValue {
                        series: table.key(),
                        period: key.period.key(),
                        value: v.to_string(),
                        reason:
                            "write the number as a string, e.g. \"2.15\", so that it stays exact"
                                .into(),
                    })?;
                    values.push((key, text.to_string()));
                }
            }
        }
    }
    let mut shipped = Shipped {
        rows: BTreeMap::new(),
        tables: RateTables::default(),
    };
    for (key, text) in values {
        let value = value_of(key, &text, &format!("{text:?}"))?;
        let source = match period_sources.get(&key).or_else(|| sources.get(&key.table)) {
            Some(s) => s.clone(),
            None => {
                return Err(RatesError::Shipped(format!(
                    "[sources] has no source for {}",
                    key.table.key()
                )));
            }
        };
        shipped.tables.insert(key, value);
        shipped.rows.insert(key, (text.trim().to_string(), source));
    }
    if let Some(key) = period_sources
        .keys()
        .find(|k| !shipped.rows.contains_key(k))
    {
        return Err(RatesError::Shipped(format!(
            "[period_sources.{}] {:?}: no such rate",
            key.table.key(),
            key.period.key()
        )));
    }
    Ok(shipped)
}

/// The shipped tables, read once.
pub fn shipped() -> Result<&'static Shipped, RatesError> {
    static SHIPPED_TABLES: OnceLock<Result<Shipped, RatesError>> = OnceLock::new();
    SHIPPED_TABLES
        .get_or_init(|| parse_shipped(SHIPPED))
        .as_ref()
        .map_err(Clone::clone)
}

/// The shipped tables alone (as a database where no clerk set a rate).
pub fn shipped_tables() -> Result<RateTables, RatesError> {
    Ok(shipped()?.tables.clone())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> HalfYear {
        HalfYear::parse(s).unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn stored(series: &str, period: &str, value: &str) -> StoredRate {
        StoredRate {
            series: series.into(),
            period: period.into(),
            value: value.into(),
            source: "ECB press release".into(),
            set_by: "marie".into(),
            set_at: "2026-11-20T09:30:00Z".into(),
        }
    }

    #[test]
    fn the_shipped_tables_hold_every_period_of_the_reference() {
        let t = shipped_tables().unwrap();
        assert_eq!(t.ecb.len(), 29);
        assert_eq!(t.france_legal.len(), 23);
        assert_eq!(t.spain.len(), 15);
        assert_eq!(t.norway_interest.len(), 27);
        assert_eq!(t.norway_compensation.len(), 17);
        assert_eq!(t.uk_bank_rate.len(), 28);
        assert_eq!(t.ecb[&h("2019-H2")], d("0.00"));
        assert_eq!(t.france_legal[&h("2024-H1")], d("5.07"));
        assert_eq!(t.norway_compensation[&h("2026-H1")], 46_000);
        let ref_date = NaiveDate::from_ymd_opt(2014, 12, 31).unwrap();
        assert_eq!(t.uk_bank_rate[&ref_date], d("0.50"));
    }

    #[test]
    fn nothing_is_carried_forward() {
        let t = shipped_tables().unwrap();
        assert!(!t.norway_compensation.contains_key(&h("2023-H2")));
        assert!(!t.norway_compensation.contains_key(&h("2015-H1")));
        assert!(!t.spain.contains_key(&h("2015-H2")));
        for table in [&t.ecb, &t.france_legal, &t.spain, &t.norway_interest] {
            assert!(!table.contains_key(&h("2026-H2")));
        }
        assert!(!t.norway_compensation.contains_key(&h("2026-H2")));
        assert_eq!(
            t.uk_bank_rate
                .keys()
                .last()
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-12-31")
        );
    }

    #[test]
    fn every_shipped_rate_has_a_source() {
        let s = shipped().unwrap();
        assert_eq!(s.rows.len(), 29 + 23 + 15 + 27 + 17 + 28);
        for (key, (value, source)) in &s.rows {
            assert!(!value.is_empty() && !source.trim().is_empty(), "{key}");
        }
        let source = |series, period: &str| {
            let table = series_of(series);
            let key = RateKey {
                table,
                period: super::period(table, period).unwrap(),
            };
            s.rows[&key].1.clone()
        };
        assert!(source("ecb", "2025-H2").contains("ECB"));
        assert!(source("spain", "2020-H1").contains("BOE-A-2019-18736"));
        assert!(source("norway_interest", "2024-H2").starts_with("Derived"));
        assert!(source("uk_bank_rate", "2025-12-31").contains("Bank of England"));
    }

    fn series_of(name: &str) -> RateTable {
        series(name).unwrap()
    }

    #[test]
    fn a_stored_rate_replaces_one_period_only() {
        let t = tables(&[stored("ecb", "2025-H2", "2.10")]).unwrap();
        assert_eq!(t.ecb[&h("2025-H2")], d("2.10"));
        assert_eq!(t.ecb[&h("2025-H1")], d("3.15"));
        let t = tables(&[
            stored("ecb", "2026-H2", "2.15"),
            stored("norway_compensation", "2026-H2", "470.50"),
            stored("uk_bank_rate", "2026-06-30", "3.75"),
        ])
        .unwrap();
        assert_eq!(t.ecb[&h("2026-H2")], d("2.15"));
        assert_eq!(t.norway_compensation[&h("2026-H2")], 47_050);
        assert_eq!(
            t.uk_bank_rate[&NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()],
            d("3.75")
        );
        // The shipped tables stay as shipped.
        assert!(!shipped_tables().unwrap().ecb.contains_key(&h("2026-H2")));
    }

    #[test]
    fn a_bad_stored_rate_is_refused_naming_it() {
        let e = tables(&[stored("ecb", "2026-H2", "1e2")])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "the reference rate ecb 2026-H2 stored in the database: not a decimal number \
             (write it like 2.15); correct it with `dun rates set`"
        );
        let e = tables(&[stored("ecbb", "2026-H2", "2")]).unwrap_err();
        assert!(e.to_string().contains("ecbb"), "{e}");
    }

    #[test]
    fn bad_entries_are_refused_with_the_key_and_the_reason() {
        let err = |s: &str, p: &str, v: &str| check(s, p, v).unwrap_err().to_string();
        assert_eq!(
            err("ecb", "2026H2", "2.15"),
            "ecb \"2026H2\": not a half-year (write it like 2026-H2)"
        );
        assert!(err("ecb", "2026-H2", "-1").contains("negative"));
        assert_eq!(
            err("ecb", "2026-H2", "2,15"),
            "ecb 2026-H2 = \"2,15\": not a decimal number (write it like 2.15)"
        );
        assert!(err("ecb", "2026-H2", "1e2").contains("not a decimal"));
        assert!(err("ecb", "2026-H2", "").contains("not a decimal"));
        assert!(err("ecb", "2026-H2", "+2").contains("not a decimal"));
        assert!(err("uk_bank_rate", "2026-03-31", "3.75").contains("30 June"));
        assert!(err("uk_bank_rate", "2026-H1", "3.75").contains("not a date"));
        assert!(err("ecb", "2026-06-30", "3.75").contains("not a half-year"));
        assert!(err("norway_compensation", "2026-H2", "460.001").contains("NOK"));
        let e = err("frnace_legal", "2026-H2", "2.50");
        assert!(e.contains("\"frnace_legal\""), "{e}");
        assert!(e.contains("france_legal, spain"), "{e}");
        // Hostile values are refused, never an overflow later.
        assert!(err("ecb", "2026-H2", "79228162514264337593543950335").contains("100"));
        assert!(err("norway_compensation", "2026-H2", "92233720368547758.07").contains("NOK"));
        // A half-year is written either case, and kept as shipped.
        assert_eq!(
            check("ecb", "2026-h2", " 2.15 ").unwrap().0.period.key(),
            "2026-H2"
        );
        assert_eq!(check("ecb", "2026-h2", " 2.15 ").unwrap().2, "2.15");
    }

    #[test]
    fn a_shipped_value_must_be_text_and_every_series_needs_a_source() {
        let e = parse_shipped("[sources]\necb = \"ECB\"\n[ecb]\n\"2026-H2\" = 2.15\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("as a string"), "{e}");
        let e = parse_shipped("[ecb]\n\"2026-H2\" = \"2.15\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no source for ecb"), "{e}");
        let e = parse_shipped("ecb = \"2.15\"\n").unwrap_err().to_string();
        assert!(e.contains("expected a table"), "{e}");
        let e =
            parse_shipped("[sources]\necb = \"ECB\"\n[period_sources.ecb]\n\"2026-H1\" = \"x\"\n")
                .unwrap_err()
                .to_string();
        assert!(e.contains("no such rate"), "{e}");
    }

    #[test]
    fn a_period_after_the_next_half_year_is_refused() {
        let today: NaiveDate = "2026-11-30".parse().unwrap();
        let key = |s, p| check(s, p, "1").unwrap().0;
        assert!(check_not_ahead(key("ecb", "2026-H2"), today).is_ok());
        assert!(check_not_ahead(key("ecb", "2027-H1"), today).is_ok());
        let e = check_not_ahead(key("ecb", "2027-H2"), today).unwrap_err();
        assert!(
            e.to_string().contains("after the next half-year (2027-H1)"),
            "{e}"
        );
        assert!(check_not_ahead(key("uk_bank_rate", "2026-12-31"), today).is_ok());
        assert!(check_not_ahead(key("uk_bank_rate", "2027-06-30"), today).is_err());
    }

    #[test]
    fn a_source_is_one_line_of_text() {
        assert_eq!(check_source("  ECB  ").unwrap(), "ECB");
        assert!(check_source(" ").is_err());
        assert!(check_source("a\nb").is_err());
        assert!(check_source(&"x".repeat(MAX_SOURCE + 1)).is_err());
    }

    #[test]
    fn the_listing_gives_each_rate_its_origin_and_derives_spain_from_the_ecb_rate() {
        let rows = listing(&[
            stored("ecb", "2026-H2", "2.15"),
            stored("france_legal", "2026-H1", "2.60"),
        ])
        .unwrap();
        let row = |series: &str, period: &str| {
            rows.iter()
                .find(|r| r.key.to_string() == format!("{series} {period}"))
                .unwrap_or_else(|| panic!("no row {series} {period}"))
                .clone()
        };
        let ecb = row("ecb", "2026-H2");
        assert_eq!(
            (ecb.value.as_str(), ecb.source.as_str()),
            ("2.15", "ECB press release")
        );
        assert_eq!(ecb.origin.to_string(), "set by marie on 2026-11-20");
        let corrected = row("france_legal", "2026-H1");
        assert_eq!(corrected.value, "2.60");
        assert!(matches!(corrected.origin, Origin::Set { .. }));
        let shipped = row("ecb", "2026-H1");
        assert_eq!(
            (shipped.value.as_str(), &shipped.origin),
            ("2.15", &Origin::Shipped)
        );
        assert!(shipped.source.contains("ECB"), "{}", shipped.source);
        // Spain 2026 H2 is not in the BOE table: the ECB rate set + 8.
        let spain = row("spain", "2026-H2");
        assert_eq!(
            (spain.value.as_str(), &spain.origin),
            ("10.15", &Origin::Derived)
        );
        assert!(
            spain.source.starts_with("ECB rate 2.15 + 8 points"),
            "{}",
            spain.source
        );
        // 2015 H2 neither: ECB 0.05 + 8; 2019 H1: 0.00 + 8, written 8.00.
        assert_eq!(row("spain", "2015-H2").value, "8.05");
        assert_eq!(row("spain", "2019-H1").value, "8.00");
        // Published half-years are not derived.
        assert_eq!(row("spain", "2025-H1").origin, Origin::Shipped);
        // Every row once, in order of series then period.
        let keys: Vec<RateKey> = rows.iter().map(|r| r.key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted);
        // Without an ECB rate for 2026 H2, no Spanish one either.
        let rows = listing(&[]).unwrap();
        assert!(!rows.iter().any(|r| r.key.to_string() == "spain 2026-H2"));
    }
}
