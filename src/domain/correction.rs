//! Corrections: a mistake in the journal is undone by a new entry of kind
//! `correction` that refers to it. The rule of what still counts, and what
//! may be corrected, on entries alone (the store's view
//! `activities_in_force` is the same rule in SQL; a property test compares
//! them).

use std::collections::{BTreeSet, HashMap};

use super::activity::ActivityKind;

/// What the rules need of one journal entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub id: i64,
    pub kind: ActivityKind,
    /// The entry it refers to (a correction: the one it corrects; an
    /// acknowledgment: its letter; a write-off: what made it, or the
    /// write-off it gives back part of).
    pub refers_to: Option<i64>,
    /// Minor units, for a write-off (negative: part of one given back).
    pub amount: Option<i64>,
}

/// The entries a correction undid.
pub fn corrected(entries: &[Link]) -> BTreeSet<i64> {
    entries
        .iter()
        .filter(|e| e.kind == ActivityKind::Correction)
        .filter_map(|e| e.refers_to)
        .collect()
}

/// The entries that count, by id: every one no correction refers to (the
/// corrections themselves included; they count for nothing but the
/// listing).
pub fn in_force(entries: &[Link]) -> BTreeSet<i64> {
    let undone = corrected(entries);
    entries
        .iter()
        .map(|e| e.id)
        .filter(|id| !undone.contains(id))
        .collect()
}

/// Whether entry `target` may be corrected, and if not, why: it must
/// exist, not be a correction (nor the give-back of a write-off, which is
/// one), not be a change to a client's file (changed back by editing the
/// client) nor a solvency note (append-only, replaced by a newer one), and
/// not be corrected already.
pub fn may_correct(entries: &[Link], target: i64) -> Result<(), String> {
    let Some(e) = entries.iter().find(|e| e.id == target) else {
        return Err(format!("refers-to: there is no journal entry {target}"));
    };
    if e.kind == ActivityKind::Correction {
        return Err(format!(
            "refers-to: journal entry {target} is a correction itself: a correction is not corrected"
        ));
    }
    if e.kind == ActivityKind::WriteOff && e.amount.is_some_and(|a| a < 0) {
        return Err(format!(
            "refers-to: journal entry {target} gives back part of write-off {}: it is a correction itself; correct the write-off to undo both",
            e.refers_to.unwrap_or(0)
        ));
    }
    if e.kind == ActivityKind::CreditCheck {
        return Err(format!(
            "refers-to: journal entry {target} added a solvency note, which stays: add a newer note instead (dun log credit_check)"
        ));
    }
    if e.kind == ActivityKind::ClientChange {
        return Err(format!(
            "refers-to: journal entry {target} changed the client's file: change it back with dun client edit"
        ));
    }
    if let Some(by) = entries
        .iter()
        .find(|c| c.kind == ActivityKind::Correction && c.refers_to == Some(target))
    {
        return Err(format!(
            "refers-to: journal entry {target} was corrected already (entry {})",
            by.id
        ));
    }
    Ok(())
}

/// What correcting `target` undoes besides itself: the entries in force
/// that follow from it, at any depth (a letter's acknowledgment of
/// receipt, the write-offs an upheld dispute made, the part of a
/// write-off given back), parents before children.
pub fn consequences(entries: &[Link], target: i64) -> Vec<i64> {
    let live = in_force(entries);
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for e in entries {
        if let Some(parent) = e.refers_to
            && e.kind != ActivityKind::Correction
            && live.contains(&e.id)
        {
            children.entry(parent).or_default().push(e.id);
        }
    }
    let mut out = Vec::new();
    let mut next = vec![target];
    while !next.is_empty() {
        let mut after = Vec::new();
        for id in next {
            let mut kids = children.get(&id).cloned().unwrap_or_default();
            kids.sort_unstable();
            for k in kids {
                if k != target && !out.contains(&k) {
                    out.push(k);
                    after.push(k);
                }
            }
        }
        next = after;
    }
    out
}

/// What is left of write-off `id` to give back: its amount and the parts
/// of it already given back (negative write-offs in force that refer to
/// it); nothing once it is corrected.
pub fn write_off_left(entries: &[Link], id: i64) -> i64 {
    let live = in_force(entries);
    let Some(w) = entries.iter().find(|e| e.id == id && live.contains(&e.id)) else {
        return 0;
    };
    let given_back: i64 = entries
        .iter()
        .filter(|e| {
            e.kind == ActivityKind::WriteOff
                && e.refers_to == Some(id)
                && e.amount.is_some_and(|a| a < 0)
                && live.contains(&e.id)
        })
        .filter_map(|e| e.amount)
        .sum();
    w.amount.unwrap_or(0) + given_back
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: i64, kind: ActivityKind, refers_to: Option<i64>, amount: Option<i64>) -> Link {
        Link {
            id,
            kind,
            refers_to,
            amount,
        }
    }

    #[test]
    fn a_corrected_entry_and_what_follows_from_it_no_longer_count() {
        use ActivityKind::*;
        let j = vec![
            link(1, Letter, None, None),
            link(2, Letter, Some(1), None),
            link(3, DisputeResolved, None, None),
            link(4, WriteOff, Some(3), Some(500)),
            link(5, WriteOff, Some(4), Some(-200)),
            link(6, Correction, Some(2), None),
        ];
        assert_eq!(in_force(&j), BTreeSet::from([1, 3, 4, 5, 6]));
        assert_eq!(consequences(&j, 3), vec![4, 5]);
        assert_eq!(consequences(&j, 1), Vec::<i64>::new());
        assert_eq!(write_off_left(&j, 4), 300);
        let mut undone = j.clone();
        undone.push(link(7, Correction, Some(4), None));
        assert_eq!(write_off_left(&undone, 4), 0);
        assert!(
            may_correct(&j, 2)
                .unwrap_err()
                .contains("corrected already (entry 6)")
        );
        assert!(
            may_correct(&j, 6)
                .unwrap_err()
                .contains("is a correction itself")
        );
        assert!(may_correct(&j, 5).unwrap_err().contains("write-off 4"));
        assert!(
            may_correct(&j, 9)
                .unwrap_err()
                .contains("no journal entry 9")
        );
        assert!(may_correct(&j, 4).is_ok());
    }
}
