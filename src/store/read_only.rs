//! Opening without writing: never a new database, read-only for a user who
//! may read the database but not write it, and the inspection of a file
//! `dun init` will not touch.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{
    BUSY_TIMEOUT, Result, Store, StoreError, access, check_sqlite_version, configure_session,
    fs_kind, host, migrations, open_error,
};

impl Store {
    /// Opens the existing database for commands that only read: like
    /// [`Store::open`] when the user may write, read-only (see
    /// [`Store::read_only`]) when the files can only be read. Never writes
    /// in that case, and never creates a database: a missing one is
    /// [`StoreError::Missing`].
    pub fn open_read(path: &Path) -> Result<Store> {
        check_sqlite_version()?;
        super::error::require_existing(path)?;
        fs_kind::check(path).map_err(StoreError::Access)?;
        match host::access(path).map_err(StoreError::Access)? {
            access::Verdict::ReadWrite => Store::open_checked(path),
            access::Verdict::Denied(why) => Err(StoreError::Access(why)),
            access::Verdict::ReadOnly(why) => Store::open_read_only(path, why),
        }
    }

    /// Opens an existing database without writing to it, whatever the
    /// user's rights: the schema must be this dun's.
    pub fn open_read_only(path: &Path, why: String) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", "ON")
            .map_err(|e| open_error(path, e))?;
        configure_session(&conn).map_err(|e| open_error(path, e))?;
        migrations::check_current(&conn, path, &why).map_err(|e| match e {
            StoreError::Sqlite(e) | StoreError::Corrupt(e) => open_error(path, e),
            other => other,
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: Some(why),
        })
    }

    /// The schema version of the existing dun database at `path`, read
    /// without writing anything; refuses a file that is not one.
    pub fn inspect(path: &Path) -> Result<i64> {
        check_sqlite_version()?;
        let empty = std::fs::metadata(path).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            message: crate::fault::io_reason(&e),
        })?;
        if empty.len() == 0 {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                message: "an empty file, not a dun database".into(),
            });
        }
        // Immutable: no lock taken, no -wal or -shm created; the pages not
        // yet checkpointed are not seen, which the header fields do not need.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = format!("file:{}?immutable=1", uri_path(path));
        let conn = Connection::open_with_flags(uri, flags).map_err(|e| open_error(path, e))?;
        migrations::schema_version(&conn, path).map_err(|e| match e {
            StoreError::Sqlite(e) | StoreError::Corrupt(e) => open_error(path, e),
            other => other,
        })
    }
}

/// `path` for a `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut s = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => s.push_str("%25"),
            '?' => s.push_str("%3f"),
            '#' => s.push_str("%23"),
            c => s.push(c),
        }
    }
    s
}
