//! The top line's word on the reference rates needed today that nobody
//! has set yet: the first one named, with the command that sets it.

use crate::domain::penalty::RateKey;
use crate::domain::text::display_width;

/// The ways of saying it, longest first: `No ECB rate for 2026-H2 — dun
/// rates set ecb 2026-H2 VALUE --source TEXT`, and with several missing how
/// many there are; the first is always named by its command.
fn candidates(missing: &[RateKey]) -> Vec<String> {
    let Some(first) = missing.first() else {
        return Vec::new();
    };
    let cmd = first.command();
    let named = format!("No {} for {}", first.table.name(), first.period.key());
    match missing.len() {
        1 => vec![
            format!("{named} — {cmd}"),
            format!("Rate missing — {cmd}"),
            cmd,
        ],
        n => vec![
            format!("{named} and {} more — {cmd}", n - 1),
            format!("{n} rates missing, the first: {cmd}"),
            format!("{n} rates missing: {cmd}"),
            format!("{n} missing: {cmd}"),
            cmd,
        ],
    }
}

/// The longest way of saying that `missing` are missing within `width`
/// columns; `None` when nothing is missing or no way fits.
pub fn fitting(missing: &[RateKey], width: usize) -> Option<String> {
    candidates(missing)
        .into_iter()
        .find(|c| display_width(c) <= width)
}

/// [`fitting`], or else the shortest way cut to `width` with `…`.
pub fn cut_to(missing: &[RateKey], width: usize) -> Option<String> {
    if let Some(line) = fitting(missing, width) {
        return Some(line);
    }
    let last = candidates(missing).pop()?;
    let keep = width.saturating_sub(1);
    Some(last.chars().take(keep).chain(['…']).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::penalty::{HalfYear, RatePeriod, RateTable};

    fn key(table: RateTable) -> RateKey {
        RateKey::half(table, HalfYear::parse("2026-H2").unwrap())
    }

    #[test]
    fn one_missing_rate_is_named_with_its_command_within_80_columns() {
        let line = fitting(&[key(RateTable::Ecb)], 80).unwrap();
        assert_eq!(
            line,
            "No ECB rate for 2026-H2 — dun rates set ecb 2026-H2 VALUE --source TEXT"
        );
        // A long series name gives way to the command.
        let line = fitting(&[key(RateTable::NorwayCompensation)], 80).unwrap();
        assert_eq!(
            line,
            "Rate missing — dun rates set norway_compensation 2026-H2 VALUE --source TEXT"
        );
        let uk = RateKey {
            table: RateTable::UkBankRate,
            period: RatePeriod::Day("2026-06-30".parse().unwrap()),
        };
        let line = fitting(&[uk], 80).unwrap();
        assert_eq!(
            line,
            "Rate missing — dun rates set uk_bank_rate 2026-06-30 VALUE --source TEXT"
        );
        assert_eq!(fitting(&[], 80), None);
    }

    #[test]
    fn several_say_how_many_and_name_the_first() {
        let all: Vec<RateKey> = RateTable::ALL
            .iter()
            .copied()
            .filter(|t| *t != RateTable::UkBankRate)
            .map(key)
            .collect();
        assert_eq!(
            fitting(&all, 80).unwrap(),
            "5 rates missing, the first: dun rates set ecb 2026-H2 VALUE --source TEXT"
        );
        assert_eq!(
            fitting(&all, 120).unwrap(),
            "No ECB rate for 2026-H2 and 4 more — dun rates set ecb 2026-H2 VALUE --source TEXT"
        );
        let long = [
            key(RateTable::NorwayCompensation),
            key(RateTable::NorwayInterest),
        ];
        let line = fitting(&long, 80).unwrap();
        assert_eq!(
            line,
            "2 rates missing: dun rates set norway_compensation 2026-H2 VALUE --source TEXT"
        );
        // Every way of saying it for every series fits in 80 columns.
        for &t in RateTable::ALL {
            let k = match t {
                RateTable::UkBankRate => RateKey {
                    table: t,
                    period: RatePeriod::Day("2026-06-30".parse().unwrap()),
                },
                _ => key(t),
            };
            for n in [1, 2, 12] {
                let keys = vec![k; n];
                let line = fitting(&keys, 80).unwrap();
                assert!(line.chars().count() <= 80, "{line}");
                assert!(line.contains(&k.command()), "{line}");
            }
        }
    }

    #[test]
    fn a_narrow_line_is_cut_never_overflowed() {
        let line = cut_to(&[key(RateTable::Ecb)], 30).unwrap();
        assert_eq!(line.chars().count(), 30);
        assert!(line.ends_with('…'));
    }
}
