//! Configuration: the defaults embedded from `assets/config.toml`, overridden
//! key by key by the user's `config.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::ladder::Ladder;
use crate::domain::penalty::RateTables;
use crate::domain::queue::Ladders;

const DEFAULTS: &str = include_str!("../assets/config.toml");
/// The default dunning ladders, merged under the same keys.
const LADDERS: &str = include_str!("../assets/ladders.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub database: DatabaseConfig,
    pub import: ImportConfig,
    pub company: CompanyConfig,
    pub ladder: LadderConfig,
    /// Reference rates added or corrected over `assets/rates.toml`.
    #[serde(default)]
    pub rates: toml::Table,
}

/// The dunning ladder of each profile.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LadderConfig {
    pub administration: Ladder,
    pub business: Ladder,
    pub individual: Ladder,
}

impl Default for LadderConfig {
    fn default() -> Self {
        let table: toml::Table = LADDERS.parse().unwrap_or_default();
        table
            .get("ladder")
            .cloned()
            .and_then(|v| v.try_into().ok())
            .unwrap_or(LadderConfig {
                administration: Ladder::empty(),
                business: Ladder::empty(),
                individual: Ladder::empty(),
            })
    }
}

impl LadderConfig {
    pub fn ladders(&self) -> Ladders {
        Ladders {
            administration: self.administration.clone(),
            business: self.business.clone(),
            individual: self.individual.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    pub path: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    pub currency: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CompanyConfig {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub bank_account: String,
    pub signature: String,
}

impl Config {
    /// The reference-rate tables: the shipped ones with this file's
    /// `[rates]` over them (checked when the file was loaded).
    pub fn rate_tables(&self) -> Result<RateTables, crate::rates::RatesError> {
        crate::rates::load(Some(&self.rates))
    }

    /// The embedded defaults merged with the file at `path`, if it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let user = match path {
            Some(p) if p.exists() => Some((
                p,
                std::fs::read_to_string(p).map_err(|e| ConfigError::Read {
                    path: p.to_path_buf(),
                    reason: crate::fault::io_reason(&e),
                })?,
            )),
            _ => None,
        };
        let (user_path, user_text) = match &user {
            Some((p, t)) => (*p, Some(t.as_str())),
            None => (Path::new("config.toml"), None),
        };
        Config::from_texts(user_text, user_path)
    }

    fn from_texts(user: Option<&str>, user_path: &Path) -> Result<Config, ConfigError> {
        let parse = |text: &str, path: &Path| {
            text.parse::<toml::Table>().map_err(|e| ConfigError::Parse {
                path: path.to_path_buf(),
                message: e.to_string(),
            })
        };
        let mut merged = parse(DEFAULTS, Path::new("assets/config.toml"))?;
        merge(
            &mut merged,
            parse(LADDERS, Path::new("assets/ladders.toml"))?,
        );
        if let Some(text) = user {
            merge(&mut merged, parse(text, user_path)?);
        }
        let config: Config =
            toml::Value::Table(merged)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Parse {
                    path: user_path.to_path_buf(),
                    message: e.to_string(),
                })?;
        for (name, ladder) in [
            ("administration", &config.ladder.administration),
            ("business", &config.ladder.business),
            ("individual", &config.ladder.individual),
        ] {
            ladder.check().map_err(|e| ConfigError::Parse {
                path: user_path.to_path_buf(),
                message: format!("[ladder.{name}]: {e}"),
            })?;
        }
        crate::rates::load(Some(&config.rates)).map_err(|e| ConfigError::Parse {
            path: user_path.to_path_buf(),
            message: format!("[rates]: {e}"),
        })?;
        Ok(config)
    }
}

/// Overrides `base` with `over`, descending into tables.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let c = Config::from_texts(None, Path::new("x")).unwrap();
        assert_eq!(c.company.signature, "Accounts Receivable");
        assert_eq!(c.database.path, "");
        assert_eq!(c.ladder.business.steps.len(), 5);
        assert_eq!(c.ladder, LadderConfig::default());
    }

    #[test]
    fn a_ladder_is_overridden_key_by_key_and_checked() {
        let c = Config::from_texts(
            Some("[ladder.business]\nmin_gap_days = 5\n"),
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(c.ladder.business.min_gap_days, 5);
        assert_eq!(c.ladder.business.steps.len(), 5);
        let e = Config::from_texts(
            Some(
                "[ladder.business]\nsteps = [{ offset = 1, action = \"reminder1\", channel = \"email\", template = \"reminder1\" }, { offset = 2, action = \"formal_notice\", channel = \"letter\", template = \"formal_notice\" }]\n",
            ),
            Path::new("/home/x/config.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("[ladder.business]") && e.contains("reminder 3"),
            "{e}"
        );
    }

    #[test]
    fn user_values_override_one_key_at_a_time() {
        let c = Config::from_texts(Some("[company]\nname = \"Acme\"\n"), Path::new("x")).unwrap();
        assert_eq!(c.company.name, "Acme");
        assert_eq!(c.company.signature, "Accounts Receivable");
    }

    #[test]
    fn unknown_keys_are_refused_with_the_file_name() {
        let e = Config::from_texts(
            Some("[company]\nnmae = \"Acme\"\n"),
            Path::new("/etc/x.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("/etc/x.toml: "), "{e}");
        assert!(e.contains("nmae"), "{e}");
    }
}
