//! The tables shipped in `assets/rates.toml`, each series with its source.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::*;

const SHIPPED: &str = include_str!("../../assets/rates.toml");

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
