//! Configuration: the defaults embedded from `assets/config.toml`, overridden
//! key by key by the user's `config.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

const DEFAULTS: &str = include_str!("../assets/config.toml");

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
        if let Some(text) = user {
            merge(&mut merged, parse(text, user_path)?);
        }
        toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::Parse {
                path: user_path.to_path_buf(),
                message: e.to_string(),
            })
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
