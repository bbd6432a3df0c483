//! A consistent copy of the live database with SQLite's online backup API,
//! while other clerks keep writing: the copy is taken from one read snapshot
//! (in WAL mode a reader never blocks writers), a chunk of pages at a time
//! with a short pause between chunks, into a file of its own that is checked
//! with `PRAGMA integrity_check` before the caller puts it in place.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError};

/// Pages copied per step (4 MiB of 4 KiB pages).
const PAGES_PER_STEP: i32 = 1024;
/// Pause between steps, leaving the disk to the clerks.
const PAUSE: Duration = Duration::from_millis(2);
/// How many times in a row a step may find the source locked before the
/// backup gives up (about the busy timeout).
const MAX_BUSY_STEPS: u32 = 100;

/// What a finished copy holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Copied {
    pub pages: i64,
    /// Steps taken (a chunk of pages each).
    pub steps: u32,
}

impl Store {
    /// Copies the database into `dest`, a new empty file the caller created
    /// (and removes when this fails). The copy is in rollback-journal mode,
    /// a single self-contained file, and passed `PRAGMA integrity_check`.
    pub fn backup_into(&self, dest: &Path) -> Result<Copied> {
        self.backup_into_with(dest, &mut || {})
    }

    /// [`Store::backup_into`], calling `between_steps` after each chunk of
    /// pages (for progress, or a test that writes meanwhile).
    pub fn backup_into_with(&self, dest: &Path, between_steps: &mut dyn FnMut()) -> Result<Copied> {
        // Never through a link put in the file's place since it was created.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_NOFOLLOW;
        let mut copy = Connection::open_with_flags(dest, flags)?;
        let mut steps = 0;
        {
            // One read transaction over every step: each step sees the same
            // snapshot, so writes committed meanwhile neither restart the
            // copy nor mix into it, and in WAL mode nobody waits for us.
            let snapshot = self.conn.unchecked_transaction()?;
            snapshot.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })?;
            let backup = Backup::new(&snapshot, &mut copy)?;
            let mut busy = 0;
            loop {
                match backup.step(PAGES_PER_STEP)? {
                    StepResult::Done => {
                        steps += 1;
                        break;
                    }
                    StepResult::Busy | StepResult::Locked => {
                        busy += 1;
                        if busy > MAX_BUSY_STEPS {
                            return Err(StoreError::Busy);
                        }
                        std::thread::sleep(super::BUSY_TIMEOUT / MAX_BUSY_STEPS);
                        continue;
                    }
                    _ => {
                        steps += 1;
                        busy = 0;
                    }
                }
                between_steps();
                std::thread::sleep(PAUSE);
            }
            drop(backup);
            snapshot.finish()?;
        }
        // The copy of a WAL database is in WAL mode too: make it one file.
        copy.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })?;
        let pages: i64 = copy.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let problems = integrity_problems(&copy)?;
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        if !problems.is_empty() {
            return Err(StoreError::Invalid(format!(
                "{}: integrity check of the copy failed: {}",
                dest.display(),
                problems.join("; ")
            )));
        }
        Ok(Copied { pages, steps })
    }
}

/// What `PRAGMA integrity_check` finds wrong (nothing: an empty list).
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let line = row?;
        if line != "ok" {
            problems.push(line);
        }
    }
    Ok(problems)
}
