//! What every command needs: the database path, today, the user, the
//! personal config, and the team settings of the database once opened.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use chrono::NaiveDate;

use super::Cli;
use crate::config::Config;
use crate::paths;
use crate::store::Store;
use crate::team::{Clock, TeamSettings};

pub struct Context {
    pub db: PathBuf,
    pub today: NaiveDate,
    pub user: String,
    pub config: Config,
    pub config_path: Option<PathBuf>,
    /// Today as given by `--today` or `DUN_TODAY`; otherwise `today` is
    /// the team's day, read from the database's time zone once opened.
    pub fixed_today: Option<NaiveDate>,
    /// The team settings of the database (the shipped ones until
    /// [`Context::open`] or [`Context::open_read`]).
    pub team: TeamSettings,
}

impl Context {
    pub fn new(cli: &Cli) -> anyhow::Result<Context> {
        let config_path = paths::config_file();
        let config = Config::load(config_path.as_deref())?;
        let db = match (&cli.db, config.database.path.trim()) {
            (Some(p), _) => paths::expand_home(p)?,
            (None, "") => paths::default_database().ok_or_else(|| {
                anyhow!("no home directory to keep the database in; give --db PATH")
            })?,
            (None, p) => paths::expand_home(Path::new(p))?,
        };
        Ok(Context {
            db,
            today: cli
                .today
                .unwrap_or_else(|| Clock::new("").today(chrono::Utc::now())),
            user: paths::current_user(),
            config,
            config_path,
            fixed_today: cli.today,
            team: TeamSettings::default(),
        })
    }

    /// Opens the existing database for writing and reads its team
    /// settings; a missing one is refused, and nothing is created.
    pub fn open(&mut self) -> anyhow::Result<Store> {
        let mut store = Store::open_existing(&self.db)?;
        self.use_team_of(&mut store)?;
        Ok(store)
    }

    /// [`Context::open`] for the commands that fill a database (`dun
    /// import`, `dun demo`): a missing one is created. Also says whether
    /// it was.
    pub fn open_or_create(&mut self) -> anyhow::Result<(Store, bool)> {
        let created = !self.db.try_exists().unwrap_or(true);
        let mut store = Store::open(&self.db)?;
        self.use_team_of(&mut store)?;
        Ok((store, created))
    }

    /// Takes the team settings of `store`'s database, and its day as today
    /// unless a date was given.
    pub fn use_team_of(&mut self, store: &mut Store) -> anyhow::Result<()> {
        self.team = crate::team::load(store)?;
        if self.fixed_today.is_none() {
            self.today = self.team.today(chrono::Utc::now());
        }
        Ok(())
    }

    /// The team's clock, when today is not fixed by `--today`/`DUN_TODAY`.
    pub fn clock(&self) -> Option<Clock> {
        self.fixed_today.is_none().then(|| self.team.clock())
    }

    /// For commands that only read: read-only, with a note on stderr, when
    /// the user may read the database but not write it. A missing database
    /// is refused, and nothing is created.
    pub fn open_read(&mut self) -> anyhow::Result<Store> {
        let mut store = Store::open_read(&self.db)?;
        self.use_team_of(&mut store)?;
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
