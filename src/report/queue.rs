//! The whole follow-up queue as the workbench and `dun queue` read it: the
//! store's lines with the held letters marked, taken from the queue kept
//! in the database when it is of the same day, rules and rates, brought up
//! to date with the clients changed since; built whole otherwise. What was
//! built is kept afterwards ([`keep`]), once the clerk sees the lines.

use chrono::NaiveDate;

use crate::domain::penalty::RateTables;
use crate::domain::queue::Rules;
use crate::letters::hold;
use crate::store::queue::{self, FollowUp};
use crate::store::queue_kept::{self, KeptMark};
use crate::store::{Snapshot, Store, StoreError, changes};

/// Past this many clients changed since the queue was kept, it is built
/// whole again: reading so many clients one by one costs more.
const MOST_CLIENTS: usize = 2_000;

/// The queue read, and what to keep of it.
#[derive(Debug)]
pub struct QueueRead {
    /// Every clerk's lines, most urgent first.
    pub lines: Vec<FollowUp>,
    /// What was built and is not kept yet.
    pub keep: Option<Keep>,
}

/// Lines built and not kept yet.
#[derive(Clone, Debug)]
pub enum Keep {
    /// The whole queue.
    All {
        mark: KeptMark,
        lines: Vec<FollowUp>,
    },
    /// The lines of the clients `codes`, bringing the queue kept at
    /// `from` up to `mark`.
    Clients {
        from: KeptMark,
        mark: KeptMark,
        codes: Vec<String>,
        lines: Vec<FollowUp>,
    },
}

/// What the lines of a queue depend on besides the ledger and the day:
/// this dun's version, the team's rules and the reference rates. A
/// 64-bit FNV-1a of their full description, stable from one run to the
/// next (no seed).
pub fn fingerprint(rules: &Rules, rates: &RateTables) -> String {
    let text = format!("{rules:?}{rates:?}");
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{} {hash:016x}", env!("CARGO_PKG_VERSION"))
}

/// The whole queue as of `as_of`, held letters marked: what
/// [`queue::queue`] and [`hold::mark`] give (a test compares them), from
/// the kept queue when it serves.
pub fn read(
    tx: &Snapshot,
    as_of: NaiveDate,
    rules: &Rules,
    rates: &RateTables,
) -> Result<QueueRead, StoreError> {
    let now = KeptMark {
        as_of,
        fingerprint: fingerprint(rules, rates),
        seq: changes::end(tx)?,
    };
    if let Some(kept) = queue_kept::mark(tx)?
        && kept.as_of == now.as_of
        && kept.fingerprint == now.fingerprint
    {
        if kept.seq == now.seq {
            return Ok(QueueRead {
                lines: queue_kept::lines(tx)?,
                keep: None,
            });
        }
        let changed = changes::since(tx, kept.seq)?;
        if !changed.everything && !changed.team && changed.clients.len() <= MOST_CLIENTS {
            let codes: Vec<String> = changed.clients.into_iter().collect();
            let mut lines = queue_kept::lines(tx)?;
            let mut fresh = queue::queue_of(tx, as_of, &codes, None, rules)?;
            hold::mark(tx, &mut fresh, as_of, &rules.ladders, rates)?;
            let keep = Keep::Clients {
                from: kept,
                mark: now,
                codes: codes.clone(),
                lines: fresh.clone(),
            };
            queue::replace_clients(&mut lines, &codes, fresh);
            return Ok(QueueRead {
                lines,
                keep: Some(keep),
            });
        }
    }
    let mut lines = queue::queue(tx, as_of, None, rules)?;
    hold::mark(tx, &mut lines, as_of, &rules.ladders, rates)?;
    Ok(QueueRead {
        keep: Some(Keep::All {
            mark: now,
            lines: lines.clone(),
        }),
        lines,
    })
}

/// Keeps what [`read`] built, in one short write of its own; `false` when
/// another reader kept a later state first, or the database is open for
/// reading only. Nothing a clerk sees depends on it.
pub fn keep(store: &mut Store, keep: &Keep) -> Result<bool, StoreError> {
    if store.read_only().is_some() {
        return Ok(false);
    }
    store.write_kept(|tx| match keep {
        Keep::All { mark, lines } => queue_kept::keep_all(tx, mark, lines),
        Keep::Clients {
            from,
            mark,
            codes,
            lines,
        } => queue_kept::keep_clients(tx, from, mark, codes, lines),
    })
}

/// The lines of the clients assigned to `clerk`, when given.
pub fn of_clerk(lines: Vec<FollowUp>, clerk: Option<&str>) -> Vec<FollowUp> {
    match clerk {
        None => lines,
        Some(c) => lines
            .into_iter()
            .filter(|l| l.clerk.as_deref() == Some(c))
            .collect(),
    }
}
