//! The only module that speaks SQL: opens the database with its pragmas,
//! runs the migrations and offers typed queries. Every write is one short
//! `BEGIN IMMEDIATE` transaction.

pub mod access;
pub mod activities;
pub mod aging;
pub mod backup;
mod bulk;
pub mod case_life;
pub mod changes;
pub mod client_list;
pub mod clients;
pub mod corrections;
pub mod dunning;
pub mod error;
pub mod fs_kind;
pub mod governs;
pub mod host;
pub mod invoice_history;
pub mod invoices;
pub mod journal;
pub mod journal_page;
pub mod migrations;
pub mod payments;
pub mod penalty_facts;
pub mod promises;
pub mod queue;
pub mod queue_kept;
pub mod rates;
mod read_only;
pub mod settings;
pub mod solvency;
pub mod sql;
pub mod summary;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use error::{Result, StoreError, require_existing};

/// How long a writer waits for another clerk's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// From this many rows a write rebuilds the secondary indexes instead of
/// updating them row by row.
pub const BULK_ROWS: usize = 50_000;

/// Page cache of each connection, in KiB (see [`configure_session`]).
pub const PAGE_CACHE_KIB: i64 = 12 * 1024;

/// Oldest bundled SQLite accepted: 3.51.3 fixes the WAL-reset bug.
const MIN_SQLITE: i32 = 3_051_003;

/// An open dun database.
/// What the use cases outside `store` read and write through: a read
/// snapshot or a write transaction handed out by [`Store`]. They pass it
/// to the `store` functions, which alone run SQL on it.
pub type Snapshot = Connection;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Why the database is open for reading only, when it is.
    read_only: Option<String>,
}

impl Store {
    /// Opens the database at `path` for reading and writing, creating it
    /// when missing (only `dun init`, `dun demo` and imports ask for that;
    /// see [`Store::open_existing`]) (mode 0600, or 0660 in a shared directory), and brings
    /// its schema up to date. Refuses, before SQLite writes anything, a
    /// network file system and files the user cannot write, saying what to
    /// fix.
    pub fn open(path: &Path) -> Result<Store> {
        check_sqlite_version()?;
        fs_kind::check(path).map_err(StoreError::Access)?;
        if path.exists() {
            match host::access(path).map_err(StoreError::Access)? {
                access::Verdict::ReadWrite => {}
                access::Verdict::ReadOnly(why) | access::Verdict::Denied(why) => {
                    return Err(StoreError::Access(why));
                }
            }
        } else {
            create_file(path, host::new_file_mode(&host::parent_dir(path)))?;
        }
        Store::open_checked(path)
    }

    /// [`Store::open`] for a database that must exist already: a missing
    /// one is [`StoreError::Missing`], and nothing is created.
    pub fn open_existing(path: &Path) -> Result<Store> {
        require_existing(path)?;
        Store::open(path)
    }

    /// Opens for reading and writing, once the checks are done.
    fn open_checked(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        wait_for_lock(&mut conn)?;
        let opening = |e| match e {
            StoreError::Sqlite(e) | StoreError::Corrupt(e) => open_error(path, e),
            other => other,
        };
        // Another program's database, or a newer dun's, is refused before
        // anything (the switch to WAL mode) writes to it.
        migrations::check(&conn, path).map_err(opening)?;
        configure(&conn).map_err(|e| open_error(path, e))?;
        migrations::migrate(&mut conn, path).map_err(opening)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why this store is open for reading only (what to fix to write), or
    /// `None` when it may write.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed when `f`
    /// returns `Ok`, rolled back (nothing written) when it returns `Err`.
    /// Before the commit, the cached standings of the clients and invoices
    /// the new journal entries are about are brought up to date.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.transaction(|tx| {
            let journal_end = dunning::journal_end(tx)?;
            let value = f(tx)?;
            dunning::refresh_after_write(tx, journal_end)?;
            summary::refresh(tx)?;
            Ok(value)
        })
    }

    /// Writes what the store keeps to read faster (the kept queue), in one
    /// `BEGIN IMMEDIATE` transaction: none of the ledger changes, so nothing
    /// of [`Store::write`]'s upkeep runs, and no reader is told of a change.
    /// It never waits for another writer: while one holds the lock, it is
    /// refused as busy at once (a reader that keeps what it built must not
    /// wait for writers).
    pub fn write_kept<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.conn
            .busy_timeout(Duration::ZERO)
            .map_err(StoreError::from)?;
        let result = self.transaction(f);
        wait_for_lock(&mut self.conn).map_err(StoreError::from)?;
        result
    }

    /// One `BEGIN IMMEDIATE` transaction around `f`, and nothing more.
    fn transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Like [`Store::write`], for writes of many thousands of rows: the
    /// secondary indexes of the ledger tables are dropped at the start of the
    /// transaction and built again, by sorting, before it commits. Readers
    /// keep seeing the previous state until then; a failure rolls the
    /// indexes back with everything else.
    pub fn write_bulk<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // Foreign keys are checked once, set-wise, before the commit rather
        // than by one parent lookup per row (the pragma only takes effect
        // outside a transaction).
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(StoreError::from)?;
        let result = self.transaction(|tx| {
            let journal_end = dunning::journal_end(tx)?;
            let indexes = bulk::drop_indexes(tx)?;
            // One row of `changes` says everything changed, rather than
            // one per row written.
            let triggers = bulk::drop_change_triggers(tx)?;
            let value = f(tx)?;
            // The standings, set-wise, while the indexes are down: rows
            // change without index upkeep.
            if dunning::journal_end(tx)? > journal_end {
                dunning::refresh_all_set_wise(tx)?;
            }
            bulk::create_indexes(tx, &indexes)?;
            bulk::create_indexes(tx, &triggers)?;
            changes::everything(tx)?;
            summary::refresh(tx)?;
            bulk::check_foreign_keys(tx)?;
            Ok(value)
        });
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(StoreError::from)?;
        result
    }

    /// [`Store::write_bulk`] for filling a database just created, that
    /// nobody else has open (the demo):
    /// with a rollback journal instead of the WAL, every page is written
    /// once, straight into the file, instead of to the WAL and then again
    /// by the checkpoint. WAL mode is back before this returns. When
    /// another connection has the file open, this is a plain bulk write.
    pub fn write_alone<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // Leaving WAL mode needs the file to ourselves: ask without waiting.
        self.conn
            .busy_timeout(Duration::ZERO)
            .map_err(StoreError::from)?;
        let alone = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        wait_for_lock(&mut self.conn).map_err(StoreError::from)?;
        let result = self.write_bulk(f);
        if alone {
            // Committed either way; should this fail, the next open of the
            // file switches it back to WAL mode.
            let _ = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        }
        result
    }

    /// [`Store::write_bulk`] for `rows` of at least [`BULK_ROWS`], else
    /// [`Store::write`]. Both stay in WAL mode, so other clerks keep reading.
    pub fn write_rows<T, E: From<StoreError>>(
        &mut self,
        rows: usize,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if rows >= BULK_ROWS {
            self.write_bulk(f)
        } else {
            self.write(f)
        }
    }

    /// Runs `f` on one consistent snapshot of the database.
    pub fn read<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.finish().map_err(StoreError::from)?;
        Ok(value)
    }

    /// The raw connection, for read-only queries outside a transaction.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A number that changes whenever another connection commits to the
    /// database (SQLite's `data_version`): one cheap read tells an open
    /// workbench whether anything needs reading again.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Gives back the memory of this connection's page cache (SQLite's
    /// `shrink_memory`): for a connection that reads much now and then and
    /// sits idle in between.
    pub fn shrink_memory(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        Ok(())
    }
}

/// Makes `conn` wait up to [`BUSY_TIMEOUT`] for another connection's lock,
/// trying again every millisecond. SQLite's own busy timeout tries less and
/// less often, every tenth of a second after the first third: while other
/// clerks write one short transaction after another, a writer could miss
/// every moment the lock was free and be refused as busy.
fn wait_for_lock(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut since = Instant::now();
    conn.busy_handler(Some(move |tries: i32| {
        if tries == 0 {
            since = Instant::now();
        }
        if since.elapsed() >= BUSY_TIMEOUT {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
        true
    }))
}

fn check_sqlite_version() -> Result<()> {
    if rusqlite::version_number() < MIN_SQLITE {
        return Err(StoreError::OldSqlite {
            found: rusqlite::version().to_string(),
        });
    }
    Ok(())
}

/// Creates the empty file of a new database with exactly `mode` (whatever
/// the umask); an existing file is left as it is.
pub fn create_file(path: &Path, mode: u32) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Create {
            path: path.to_path_buf(),
            reason: crate::fault::io_reason(&e),
        })?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
    {
        Ok(file) => {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(|e| StoreError::Create {
                    path: path.to_path_buf(),
                    reason: crate::fault::io_reason(&e),
                })
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Create {
            path: path.to_path_buf(),
            reason: crate::fault::io_reason(&e),
        }),
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "cannot switch to WAL mode (got {mode})"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    configure_session(conn)
}

/// The settings of one connection, which write nothing to the file.
fn configure_session(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 12 MiB of page cache per connection (3,072 pages of 4 KiB): one
    // clerk's workbench among ten on a shared server. What it reads a page
    // at a time (a screen of clients, journal entries or invoices, through
    // their indexes) touches far fewer pages; the queue's pass over the
    // open invoices' covering index (about 10 MiB on the 1M demo) stays
    // in it. Anything larger is read again from the operating system's
    // file cache, which all clerks share, not from the disk.
    conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
    // The search rule (src/domain/search.rs) as the SQL function
    // `dun_fold(text)`, for the columns no key is stored for.
    conn.create_scalar_function(
        "dun_fold",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            use rusqlite::types::ValueRef;
            let text = match ctx.get_raw(0) {
                ValueRef::Null => return Ok(None),
                ValueRef::Integer(i) => i.to_string(),
                ValueRef::Real(f) => f.to_string(),
                ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
            };
            Ok(Some(crate::domain::search::fold(&text)))
        },
    )?;
    // Statement journals (needed by the payment triggers) stay in memory.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Keep each prepared statement's plan: otherwise a query on a table with
    // partial indexes is prepared again every time its parameters change.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    let message = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "not a database file".to_string(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            "the database file is corrupt; restore it from a backup".to_string()
        }
        Some(rusqlite::ErrorCode::ReadOnly) => "the database is read-only for you".to_string(),
        Some(rusqlite::ErrorCode::CannotOpen) => "cannot open the database file".to_string(),
        Some(rusqlite::ErrorCode::DiskFull) => "the disk is full".to_string(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            return StoreError::Busy;
        }
        _ => e.to_string(),
    };
    StoreError::Open {
        path: path.to_path_buf(),
        message,
    }
}
