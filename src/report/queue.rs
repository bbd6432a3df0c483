//! The whole follow-up queue as the workbench and `dun queue` read it: the
//! store's lines with the held letters marked, taken from the queue kept
//! in the database for the same day, rules and rates, brought up to date
//! with the clients changed since; built whole otherwise. What was built
//! is kept afterwards ([`keep`]), once the clerk sees the lines; an open
//! workbench also keeps the next days' queues ready ([`keep_ahead`]).

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

/// How the queue of a day is read: as kept, brought up to date with the
/// clients changed since it was kept, or built whole.
enum Way {
    Kept,
    Clients { kept: KeptMark, codes: Vec<String> },
    Whole,
}

/// Where the database stands for the queue of `as_of`, and how that
/// queue is read from what is kept.
fn way(
    tx: &Snapshot,
    as_of: NaiveDate,
    rules: &Rules,
    rates: &RateTables,
) -> Result<(KeptMark, Way), StoreError> {
    let now = KeptMark {
        as_of,
        fingerprint: fingerprint(rules, rates),
        seq: changes::end(tx)?,
    };
    let Some(kept) = queue_kept::mark(tx, as_of)? else {
        return Ok((now, Way::Whole));
    };
    if kept.fingerprint != now.fingerprint {
        return Ok((now, Way::Whole));
    }
    if kept.seq == now.seq {
        return Ok((now, Way::Kept));
    }
    let changed = changes::since(tx, kept.seq)?;
    if changed.everything || changed.team || changed.clients.len() > MOST_CLIENTS {
        return Ok((now, Way::Whole));
    }
    let codes = changed.clients.into_iter().collect();
    Ok((now, Way::Clients { kept, codes }))
}

/// The lines of the clients `codes` as of `as_of`, held letters marked:
/// what an open workbench reads again after other clerks' writes.
pub fn lines_of(
    tx: &Snapshot,
    as_of: NaiveDate,
    codes: &[String],
    rules: &Rules,
    rates: &RateTables,
) -> Result<Vec<FollowUp>, StoreError> {
    let mut fresh = queue::queue_of(tx, as_of, codes, None, rules)?;
    hold::mark(tx, &mut fresh, as_of, &rules.ladders, rates)?;
    Ok(fresh)
}

/// The whole queue as of `as_of`, held letters marked.
fn built(
    tx: &Snapshot,
    as_of: NaiveDate,
    rules: &Rules,
    rates: &RateTables,
) -> Result<Vec<FollowUp>, StoreError> {
    let mut lines = queue::queue(tx, as_of, None, rules)?;
    hold::mark(tx, &mut lines, as_of, &rules.ladders, rates)?;
    Ok(lines)
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
    let (now, way) = way(tx, as_of, rules, rates)?;
    Ok(match way {
        Way::Kept => QueueRead {
            lines: queue_kept::lines(tx, as_of)?,
            keep: None,
        },
        Way::Clients { kept, codes } => {
            let mut lines = queue_kept::lines(tx, as_of)?;
            let fresh = lines_of(tx, as_of, &codes, rules, rates)?;
            let keep = Keep::Clients {
                from: kept,
                mark: now,
                codes: codes.clone(),
                lines: fresh.clone(),
            };
            queue::replace_clients(&mut lines, &codes, fresh);
            QueueRead {
                lines,
                keep: Some(keep),
            }
        }
        Way::Whole => {
            let lines = built(tx, as_of, rules, rates)?;
            QueueRead {
                keep: Some(Keep::All {
                    mark: now,
                    lines: lines.clone(),
                }),
                lines,
            }
        }
    })
}

/// What would bring the queue kept for `as_of` up to date, without
/// reading back the lines kept: [`read`]'s `keep`, for a day nobody
/// looks at yet.
pub fn to_keep(
    tx: &Snapshot,
    as_of: NaiveDate,
    rules: &Rules,
    rates: &RateTables,
) -> Result<Option<Keep>, StoreError> {
    let (now, way) = way(tx, as_of, rules, rates)?;
    Ok(match way {
        Way::Kept => None,
        Way::Clients { kept, codes } => Some(Keep::Clients {
            lines: lines_of(tx, as_of, &codes, rules, rates)?,
            from: kept,
            mark: now,
            codes,
        }),
        Way::Whole => Some(Keep::All {
            lines: built(tx, as_of, rules, rates)?,
            mark: now,
        }),
    })
}

/// How many days after today an open workbench keeps the queue of, built
/// ahead: over a weekend, Friday's workbench keeps Monday's.
pub const DAYS_AHEAD: u64 = 3;

/// What a round of [`keep_ahead`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ahead {
    /// Days whose queue was kept anew.
    pub kept: usize,
    /// Days left as they were, to try again: another clerk was writing,
    /// or the round was asked to stop.
    pub left: usize,
}

/// Brings the queues kept for the [`DAYS_AHEAD`] days after `today` up to
/// date, each in a short write of its own, and forgets those of days
/// past; `stop` is asked between days. The first workbench of a morning
/// then finds its day's queue kept, and builds again only the clients
/// changed overnight.
pub fn keep_ahead(
    store: &mut Store,
    today: NaiveDate,
    rules: &Rules,
    rates: &RateTables,
    stop: &dyn Fn() -> bool,
) -> Result<Ahead, StoreError> {
    let mut round = Ahead::default();
    if store.read_only().is_some() {
        return Ok(round);
    }
    // Busy (another clerk writing): forgotten at the next round.
    let _ = store.write_kept(|tx| queue_kept::forget_before(tx, today));
    for ahead in 1..=DAYS_AHEAD {
        if stop() {
            round.left += 1;
            continue;
        }
        let Some(day) = today.checked_add_days(chrono::Days::new(ahead)) else {
            break;
        };
        let Some(k) = store.read(|tx| to_keep(tx, day, rules, rates))? else {
            continue;
        };
        match keep(store, &k) {
            Ok(true) => round.kept += 1,
            // Another reader kept a later state: nothing left to do.
            Ok(false) => {}
            Err(_) => round.left += 1,
        }
    }
    Ok(round)
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
