//! Finishing what a killed run left in the letters folder: a letter whose
//! journal entry exists gets its name, any other part is removed (see
//! [`super::folder`] for why that is all there is to do).

use std::path::Path;

use super::folder::{Folder, FolderError, PART, fail, place, sync_dir};
use crate::store::{Store, StoreError};

/// What recovery did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// Letters journaled before the kill, now in place.
    pub placed: usize,
    /// Parts of letters never journaled, removed.
    pub removed: usize,
    /// Another clerk was writing letters: nothing was looked at.
    pub busy: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum RecoverError {
    #[error("{0}")]
    Folder(#[from] FolderError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Finishes or removes every part in `folder`'s day folders, unless a
/// writer is at work (then the next run does it).
pub fn recover(store: &mut Store, folder: &Folder) -> Result<Recovered, RecoverError> {
    let mut done = Recovered::default();
    if std::fs::symlink_metadata(&folder.root).is_err() {
        return Ok(done);
    }
    let Some(_lock) = folder.lock(true, false)? else {
        done.busy = true;
        return Ok(done);
    };
    let days = std::fs::read_dir(&folder.root).map_err(fail(&folder.root))?;
    for day in days {
        let day = day.map_err(fail(&folder.root))?;
        // Only real folders: a symlink planted here is not followed.
        if day.file_type().map_err(fail(&day.path()))?.is_dir() {
            recover_day(store, &day.path(), &mut done)?;
        }
    }
    Ok(done)
}

fn recover_day(store: &mut Store, dir: &Path, done: &mut Recovered) -> Result<(), RecoverError> {
    let day = dir
        .file_name()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut changed = false;
    for entry in std::fs::read_dir(dir).map_err(fail(dir))? {
        let entry = entry.map_err(fail(dir))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(name) = file_name.strip_suffix(PART) else {
            continue;
        };
        let part = entry.path();
        let target = dir.join(name);
        let journaled = std::fs::symlink_metadata(&target).is_err() && {
            let word = format!("{day}/{name}");
            store.read(|tx| crate::store::journal::names_file(tx, &word))?
        };
        if journaled {
            place(&part, &target)?;
            done.placed += 1;
        } else {
            std::fs::remove_file(&part).map_err(fail(&part))?;
            done.removed += 1;
        }
        changed = true;
    }
    if changed {
        sync_dir(dir)?;
    }
    Ok(())
}
