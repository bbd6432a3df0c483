//! The personal configuration: the defaults embedded from
//! `assets/config.toml`, overridden key by key by the clerk's own
//! `config.toml`. What the team shares is not here but in the database
//! (see [`crate::team`]).

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use crate::team::CompanyConfig;

const DEFAULTS: &str = include_str!("../assets/config.toml");

/// Largest `config.toml` read.
pub const MAX_CONFIG: u64 = 256 * 1024;

/// Tables of a `config.toml` that are team settings, kept in the database.
const TEAM_TABLES: [&str; 8] = [
    "company", "ladder", "letters", "team", "dunning", "solvency", "payments", "print",
];

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

impl Config {
    /// The embedded defaults merged with the file at `path`, if it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        // A FIFO, a device, a directory or a huge file is refused, never
        // waited on or read whole.
        let user = match path {
            Some(p) if p.symlink_metadata().is_ok() => Some((
                p,
                crate::small_file::read(p, MAX_CONFIG).map_err(|reason| ConfigError::Read {
                    path: p.to_path_buf(),
                    reason,
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
        if let Some(text) = user {
            let table = parse(text, user_path)?;
            refuse_team_keys(&table, user_path)?;
            refuse_rates(&table, user_path)?;
            merge(&mut merged, table);
        }
        let config: Config =
            toml::Value::Table(merged)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Parse {
                    path: user_path.to_path_buf(),
                    message: e.to_string(),
                })?;
        Ok(config)
    }
}

/// Refuses a team setting in a personal file, saying how to set it.
fn refuse_team_keys(table: &toml::Table, path: &Path) -> Result<(), ConfigError> {
    for name in TEAM_TABLES {
        if let Some(value) = table.get(name) {
            let example = match value {
                toml::Value::Table(t) => crate::team::file::flatten(t.clone())
                    .into_iter()
                    .next()
                    .map_or(format!("{name}.KEY"), |(k, _)| format!("{name}.{k}")),
                _ => format!("{name}.KEY"),
            };
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!(
                    "[{name}] is a team setting, kept in the team's database for every clerk: use `dun settings set {example} VALUE` instead"
                ),
            });
        }
    }
    Ok(())
}

/// Refuses reference rates in a personal file: they are the team's, so
/// that every clerk computes the same interest. Says how to set the first
/// one found for the whole team.
fn refuse_rates(table: &toml::Table, path: &Path) -> Result<(), ConfigError> {
    let Some(value) = table.get("rates") else {
        return Ok(());
    };
    let first = value
        .as_table()
        .and_then(|t| t.iter().next())
        .and_then(|(series, periods)| {
            let (period, value) = periods.as_table()?.iter().next()?;
            Some((series.clone(), period.clone(), value.as_str()))
        });
    let example = match first {
        Some((series, period, Some(value))) => {
            format!("{series} {period} {} --source TEXT", value.trim())
        }
        Some((series, period, None)) => format!("{series} {period} VALUE --source TEXT"),
        None => "SERIES PERIOD VALUE --source TEXT".to_string(),
    };
    Err(ConfigError::Parse {
        path: path.to_path_buf(),
        message: format!(
            "[rates]: reference rates are the team's, kept in the team's database so that every clerk computes the same interest: take [rates] out of this file and use `dun rates set {example}` instead (`dun rates` lists them)"
        ),
    })
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
        assert_eq!(c.database.path, "");
        assert_eq!(c.import.currency, "");
    }

    #[test]
    fn user_values_override_one_key_at_a_time() {
        let c = Config::from_texts(Some("[import]\ncurrency = \"EUR\"\n"), Path::new("x")).unwrap();
        assert_eq!(c.import.currency, "EUR");
        assert_eq!(c.database.path, "");
    }

    #[test]
    fn a_team_setting_is_refused_with_the_command_to_use() {
        for text in [
            "[company]\nname = \"Acme\"\n",
            "[ladder.business]\nmin_gap_days = 5\n",
            "[team]\ntime_zone = \"Europe/Paris\"\n",
        ] {
            let e = Config::from_texts(Some(text), Path::new("/home/x/config.toml"))
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("/home/x/config.toml: ["), "{e}");
            assert!(e.contains("`dun settings set "), "{e}");
        }
        let e = Config::from_texts(Some("[company]\nname = \"Acme\"\n"), Path::new("x"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("dun settings set company.name VALUE"), "{e}");
    }

    #[test]
    fn reference_rates_are_refused_with_the_command_that_sets_them_for_the_team() {
        let e = Config::from_texts(
            Some("[rates.ecb]\n\"2026-H2\" = \"2.15\"\n"),
            Path::new("/home/x/config.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("/home/x/config.toml: [rates]: "), "{e}");
        assert!(
            e.contains("use `dun rates set ecb 2026-H2 2.15 --source TEXT` instead"),
            "{e}"
        );
        for text in [
            "[rates]\n",
            "rates = 1\n",
            "[rates.ecb]\n\"2026-H2\" = 2.15\n",
        ] {
            let e = Config::from_texts(Some(text), Path::new("x"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("`dun rates set "), "{e}");
        }
    }

    #[test]
    fn unknown_keys_are_refused_with_the_file_name() {
        let e = Config::from_texts(
            Some("[import]\ncurency = \"EUR\"\n"),
            Path::new("/etc/x.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("/etc/x.toml: "), "{e}");
        assert!(e.contains("curency"), "{e}");
    }
}
