//! Team settings: what every clerk of a team shares (ladders, minimum
//! amounts, company details, letters folder, time zone), kept in the
//! database over the shipped defaults and changed by `dun settings`.

pub mod change;
pub mod clock;
mod error;
pub mod file;
pub mod keys;
pub mod ladders;
pub mod smtp;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::client::Rating;
use crate::domain::currency::Currency;
use crate::domain::queue::Ladders;
use crate::store::Store;
use crate::store::settings::StoredSetting;

pub use change::{import, set};
pub use clock::Clock;
pub use error::TeamError;

/// The shipped ladders.
const LADDERS: &str = include_str!("../../assets/ladders.toml");
/// The shipped values of the other team settings.
const TEAM: &str = include_str!("../../assets/team.toml");

/// The sender of letters: the company's own details.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CompanyConfig {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub bank_account: String,
    pub signature: String,
    /// The IBAN for transfers, compact; empty when not set.
    #[serde(default)]
    pub iban: String,
    /// The bank's BIC; empty when not set.
    #[serde(default)]
    pub bic: String,
    /// Where the general conditions the client accepted are: a file name
    /// or an address, quoted in the evidence file; empty when not set.
    #[serde(default)]
    pub terms: String,
}

/// Dunning beyond the ladders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DunningSettings {
    /// Days to wait for a registered letter's acknowledgment of receipt.
    pub ack_days: u32,
    /// Days after which an open dispute comes back for review.
    pub dispute_review_days: u32,
    /// The minimum amount to dun, in minor units, of the currencies set.
    pub minimums: BTreeMap<Currency, i64>,
}

/// The team settings in force: the defaults with what the team set over them.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamSettings {
    pub ladders: Ladders,
    pub company: CompanyConfig,
    /// Where letters go; empty: `letters/` beside the database.
    pub letters_folder: String,
    /// An IANA zone name; empty: the server's zone.
    pub time_zone: String,
    pub dunning: DunningSettings,
    /// The deposit % each rating requires, A to D.
    pub deposit: [u8; 4],
    pub smtp: SmtpSettings,
    /// Whether invoices in NOK get a KID rather than an RF reference.
    pub payments_kid: bool,
    /// The command that prints a PDF letter (`lp`), given the file.
    pub print_command: String,
}

/// Where e-mail letters go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SmtpSettings {
    /// The mail server; `None`: e-mail letters are written, not sent.
    pub url: Option<smtp::SmtpUrl>,
    /// The file with `user:password`; empty: no login.
    pub credentials: String,
}

/// Where a key's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Default,
    /// Set by this login at this instant (RFC 3339).
    Set {
        by: String,
        at: String,
    },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::Set { by, at } => {
                let by: String = by.chars().filter(|c| !c.is_control()).collect();
                let day = at.get(..10).unwrap_or(at);
                write!(f, "set by {by} on {day}")
            }
        }
    }
}

/// One key with its value in force and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: toml::Value,
    pub source: Source,
}

impl TeamSettings {
    /// The minimum amount worth dunning in `currency`, in minor units.
    pub fn minimum(&self, currency: Currency) -> i64 {
        self.dunning
            .minimums
            .get(&currency)
            .copied()
            .unwrap_or_else(|| crate::domain::queue::default_minimum(currency))
    }

    /// The rules the follow-up queue follows: the ladders, the minimums,
    /// the days to wait for an acknowledgment of receipt, the deposit each
    /// rating asks for.
    pub fn rules(&self) -> crate::domain::queue::Rules {
        crate::domain::queue::Rules {
            ladders: self.ladders.clone(),
            minimum: self.dunning.minimums.clone(),
            ack_days: self.dunning.ack_days,
            deposits: self.deposit,
            dispute_review_days: self.dunning.dispute_review_days,
        }
    }

    /// The deposit, in percent of an order, that `rating` requires.
    pub fn deposit_pct(&self, rating: Rating) -> u8 {
        let i = Rating::ALL.iter().position(|r| *r == rating).unwrap_or(0);
        self.deposit[i]
    }

    /// The team's clock (its time zone).
    pub fn clock(&self) -> Clock {
        Clock::new(&self.time_zone)
    }

    /// Today in the team's time zone.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        self.clock().today(now)
    }

    /// The letters folder for the database at `db`: `letters.folder` (a
    /// leading `~` the home directory), a relative one taken from the
    /// database's directory, or `letters/` beside the database when empty.
    pub fn letters_dir(&self, db: &Path) -> anyhow::Result<PathBuf> {
        let base = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Ok(match self.letters_folder.trim() {
            "" => base.join("letters"),
            f => base.join(crate::paths::expand_home(Path::new(f))?),
        })
    }

    /// Builds the settings from every key's checked value.
    fn build(map: &BTreeMap<String, toml::Value>) -> Result<TeamSettings, (String, String)> {
        let text = |key: &str| -> Result<String, (String, String)> {
            map.get(key)
                .and_then(toml::Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| (key.to_string(), "missing or not text".to_string()))
        };
        let whole = |key: &str| -> Result<u32, (String, String)> {
            map.get(key)
                .and_then(toml::Value::as_integer)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| (key.to_string(), "missing or not a whole number".to_string()))
        };
        let mut minimums = BTreeMap::new();
        for (key, value) in map.range("dunning.minimum.".to_string()..) {
            let Some(code) = key.strip_prefix("dunning.minimum.") else {
                break;
            };
            let Some(keys::Kind::Amount(currency)) = keys::kind(key) else {
                return Err((key.clone(), keys::unknown(key)));
            };
            let m = keys::amount(value, currency).map_err(|r| (key.clone(), r))?;
            debug_assert_eq!(code, currency.code());
            minimums.insert(currency, m.minor);
        }
        let mut deposit = [0u8; 4];
        for (slot, r) in deposit.iter_mut().zip(Rating::ALL) {
            let key = format!("solvency.deposit.{}", r.as_str());
            *slot = u8::try_from(whole(&key)?)
                .ok()
                .filter(|p| *p <= 100)
                .ok_or_else(|| (key.clone(), "must be between 0 and 100".to_string()))?;
        }
        let time_zone = text("team.time_zone")?;
        clock::zone(&time_zone).map_err(|r| ("team.time_zone".to_string(), r))?;
        Ok(TeamSettings {
            ladders: ladders::build(map)?,
            company: CompanyConfig {
                name: text("company.name")?,
                address: text("company.address")?,
                phone: text("company.phone")?,
                email: text("company.email")?,
                bank_account: text("company.bank_account")?,
                signature: text("company.signature")?,
                iban: text("company.iban")?,
                bic: text("company.bic")?,
                terms: text("company.terms")?,
            },
            payments_kid: map
                .get("payments.kid")
                .and_then(toml::Value::as_bool)
                .ok_or_else(|| {
                    (
                        "payments.kid".to_string(),
                        "missing or not true/false".to_string(),
                    )
                })?,
            print_command: text("print.command")?,
            letters_folder: text("letters.folder")?,
            time_zone,
            dunning: DunningSettings {
                ack_days: whole("dunning.ack_days")?,
                dispute_review_days: whole("dunning.dispute_review_days")?,
                minimums,
            },
            deposit,
            smtp: SmtpSettings {
                url: smtp::parse(&text("smtp.url")?).map_err(|r| ("smtp.url".to_string(), r))?,
                credentials: text("smtp.credentials")?,
            },
        })
    }
}

impl Default for TeamSettings {
    /// The shipped settings.
    fn default() -> TeamSettings {
        let map: BTreeMap<String, toml::Value> = defaults().into_iter().collect();
        // The shipped files are checked by the tests; should they ever not
        // build, an empty ladder sends nothing rather than stopping dun.
        TeamSettings::build(&map).unwrap_or_else(|_| TeamSettings {
            ladders: Ladders {
                administration: crate::domain::ladder::Ladder::empty(),
                business: crate::domain::ladder::Ladder::empty(),
                individual: crate::domain::ladder::Ladder::empty(),
            },
            company: CompanyConfig::default(),
            letters_folder: String::new(),
            time_zone: String::new(),
            dunning: DunningSettings {
                ack_days: 10,
                dispute_review_days: 14,
                minimums: BTreeMap::new(),
            },
            deposit: [0, 0, 30, 50],
            smtp: SmtpSettings::default(),
            payments_kid: false,
            print_command: "lp".to_string(),
        })
    }
}

/// The shipped value of every key, checked, in key order.
pub fn defaults() -> Vec<(String, toml::Value)> {
    let mut out = BTreeMap::new();
    for text in [LADDERS, TEAM] {
        let table: toml::Table = text.parse().unwrap_or_default();
        for (key, value) in file::flatten(table) {
            let checked = keys::kind(&key).and_then(|k| keys::check(k, value).ok());
            if let Some(v) = checked {
                out.insert(key, v);
            }
        }
    }
    out.into_iter().collect()
}

/// Every key in force: the defaults, and over them what is stored.
/// A stored key this dun does not know is left out.
pub fn entries(stored: &[StoredSetting]) -> Result<Vec<Entry>, TeamError> {
    let mut map: BTreeMap<String, Entry> = defaults()
        .into_iter()
        .map(|(key, value)| {
            let e = Entry {
                key: key.clone(),
                value,
                source: Source::Default,
            };
            (key, e)
        })
        .collect();
    for s in stored {
        let Some(kind) = keys::kind(&s.key) else {
            continue;
        };
        let stored_err = |reason: String| TeamError::Stored {
            key: s.key.clone(),
            reason,
        };
        let value = s
            .value
            .parse::<toml::Value>()
            .map_err(|e| stored_err(e.message().trim().to_string()))?;
        let value = keys::check(kind, value).map_err(stored_err)?;
        let source = Source::Set {
            by: s.set_by.clone(),
            at: s.set_at.clone(),
        };
        map.insert(
            s.key.clone(),
            Entry {
                key: s.key.clone(),
                value,
                source,
            },
        );
    }
    Ok(map.into_values().collect())
}

/// The settings of these entries, checked as a whole.
pub fn from_entries(entries: &[Entry]) -> Result<TeamSettings, (String, String)> {
    let map: BTreeMap<String, toml::Value> = entries
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    TeamSettings::build(&map)
}

/// The team settings in force in `store`'s database.
pub fn load(store: &mut Store) -> Result<TeamSettings, TeamError> {
    let stored = store.read(|tx| crate::store::settings::all(tx))?;
    from_stored(&stored)
}

/// The team settings of the stored values (a write that needs the team's
/// rules reads them in its own transaction).
pub fn from_stored(stored: &[StoredSetting]) -> Result<TeamSettings, TeamError> {
    let entries = entries(stored)?;
    from_entries(&entries).map_err(|(key, reason)| TeamError::Stored { key, reason })
}

/// Every key in force in `store`'s database, with its source.
pub fn load_entries(store: &mut Store) -> Result<Vec<Entry>, TeamError> {
    let stored = store.read(|tx| crate::store::settings::all(tx))?;
    entries(&stored)
}

#[cfg(test)]
mod tests;
