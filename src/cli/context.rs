//! What every command needs: the database path, today, the user, the config.

use std::path::PathBuf;

use anyhow::anyhow;
use chrono::NaiveDate;

use super::Cli;
use crate::config::Config;
use crate::paths;
use crate::store::Store;

pub struct Context {
    pub db: PathBuf,
    pub today: NaiveDate,
    pub user: String,
    pub config: Config,
    pub config_path: Option<PathBuf>,
}

impl Context {
    pub fn new(cli: &Cli) -> anyhow::Result<Context> {
        let config_path = paths::config_file();
        let config = Config::load(config_path.as_deref())?;
        let db = match (&cli.db, config.database.path.trim()) {
            (Some(p), _) => p.clone(),
            (None, "") => paths::default_database().ok_or_else(|| {
                anyhow!("no home directory to keep the database in; give --db PATH")
            })?,
            (None, p) => PathBuf::from(p),
        };
        Ok(Context {
            db,
            today: cli
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            user: paths::current_user(),
            config,
            config_path,
        })
    }

    pub fn open(&self) -> anyhow::Result<Store> {
        Ok(Store::open(&self.db)?)
    }

    /// For commands that only read: read-only, with a note on stderr, when
    /// the user may read the database but not write it.
    pub fn open_read(&self) -> anyhow::Result<Store> {
        let store = Store::open_read(&self.db)?;
        if let Some(why) = store.read_only() {
            eprintln!(
                "note: reading only, nothing will be written: {}",
                crate::domain::text::printable(why)
            );
        }
        Ok(store)
    }

    pub fn default_currency(&self) -> Option<String> {
        let c = self.config.import.currency.trim();
        (!c.is_empty()).then(|| c.to_string())
    }
}
