//! Changing the team settings: one key (`dun settings set`) or a whole file
//! (`dun settings import`), each checked with every other key in force and
//! written with its history in one transaction, or not at all.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{TeamError, entries, from_entries, keys};
use crate::store::Store;

/// Largest settings file `import` reads.
pub const MAX_FILE: u64 = 1024 * 1024;

/// Sets `key` to `raw` (a TOML literal; for a text key a bare word is the
/// text) as `user`. Returns whether the value changed.
pub fn set(
    store: &mut Store,
    key: &str,
    raw: &str,
    user: &str,
    now: DateTime<Utc>,
) -> Result<bool, TeamError> {
    let refuse = |reason: String| TeamError::Key {
        key: key.to_string(),
        reason,
    };
    let kind = keys::kind(key).ok_or_else(|| refuse(keys::unknown(key)))?;
    let value = keys::parse_literal(kind, raw).map_err(refuse)?;
    let value = keys::check(kind, value).map_err(refuse)?;
    let changed = apply(store, vec![(key.to_string(), value)], user, now, |k, r| {
        TeamError::Key { key: k, reason: r }
    })?;
    Ok(changed > 0)
}

/// Sets every key of the TOML file at `path` (nested tables or dotted
/// keys, as `export` writes): all or nothing. Returns how many changed.
pub fn import(
    store: &mut Store,
    path: &Path,
    user: &str,
    now: DateTime<Utc>,
) -> Result<usize, TeamError> {
    let file = path.to_path_buf();
    let text = crate::small_file::read(path, MAX_FILE).map_err(|reason| TeamError::File {
        file: file.clone(),
        reason,
    })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| TeamError::File {
        file: file.clone(),
        reason: format!("not a TOML file: {}", e.message().trim()),
    })?;
    let refuse = |key: String, reason: String| TeamError::FileKey {
        file: file.clone(),
        key,
        reason,
    };
    let mut changes = Vec::new();
    for (key, value) in super::file::flatten(table) {
        let Some(kind) = keys::kind(&key) else {
            let reason = keys::unknown(&key);
            return Err(refuse(key, reason));
        };
        match keys::check(kind, value) {
            Ok(v) => changes.push((key, v)),
            Err(reason) => return Err(refuse(key, reason)),
        }
    }
    apply(store, changes, user, now, refuse)
}

/// Writes `changes` in one transaction once the settings they make, with
/// every other key in force, pass the checks. A ladder refused as a whole
/// is reported under the changed key of that ladder.
fn apply(
    store: &mut Store,
    changes: Vec<(String, toml::Value)>,
    user: &str,
    now: DateTime<Utc>,
    refuse: impl Fn(String, String) -> TeamError,
) -> Result<usize, TeamError> {
    store.write(|tx| {
        let stored = crate::store::settings::all(tx)?;
        let mut all = entries(&stored)?;
        for (key, value) in &changes {
            match all.iter_mut().find(|e| &e.key == key) {
                Some(e) => e.value = value.clone(),
                None => all.push(super::Entry {
                    key: key.clone(),
                    value: value.clone(),
                    source: super::Source::Default,
                }),
            }
        }
        if let Err((key, reason)) = from_entries(&all) {
            let key = if changes.iter().any(|(k, _)| *k == key) {
                key
            } else {
                let ladder = key.rsplit_once('.').map_or("", |(l, _)| l);
                changes
                    .iter()
                    .map(|(k, _)| k)
                    .find(|k| k.rsplit_once('.').is_some_and(|(l, _)| l == ladder))
                    .cloned()
                    .unwrap_or(key)
            };
            return Err(refuse(key, reason));
        }
        let mut changed = 0;
        for (key, value) in &changes {
            if crate::store::settings::put(tx, key, &super::file::inline(value), user, now)? {
                changed += 1;
            }
        }
        Ok(changed)
    })
}
