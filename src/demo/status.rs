//! Which invoices are still open today: a chance that falls with the days
//! overdue, calibrated so the open share fits the scale, then a few forced
//! cases so every aging bucket has something in it.

use super::invoices::InvoicePlan;
use super::rng::{Rng, log_interp};
use crate::domain::aging::Bucket;

/// Share of invoices still open today: about 30 % at demo scale (full
/// screens), 8 % from 100,000 invoices on (a realistic ledger).
pub fn open_share(invoices: usize) -> f64 {
    log_interp(invoices, 1_000.0, 100_000.0, 0.30, 0.08)
}

/// Relative chance that an invoice `age` days past due is still unpaid;
/// also the survival curve of payment delays (see `payments`).
pub fn unpaid_curve(age: i32) -> f64 {
    if age <= 0 {
        1.0
    } else {
        (1.0 + f64::from(age) / 20.0).powf(-1.5)
    }
}

const CAP: f64 = 0.97;

/// Marks invoices open: chance `min(CAP, c × curve(age))` with `c` solved so
/// that the expected open count is the target share. `forced` stays open.
pub fn decide_open(plans: &mut [InvoicePlan], today: i32, forced: Option<usize>, rng: &mut Rng) {
    let n = plans.len();
    if n == 0 {
        return;
    }
    let ages = plans.iter().map(|p| today - p.due);
    let (lo, hi) = ages.fold((i32::MAX, i32::MIN), |(lo, hi), a| (lo.min(a), hi.max(a)));
    let mut hist = vec![0u64; (hi - lo + 1) as usize];
    for p in plans.iter() {
        if let Some(h) = hist.get_mut((today - p.due - lo) as usize) {
            *h += 1;
        }
    }
    let curve: Vec<f64> = (lo..=hi).map(unpaid_curve).collect();
    let expected = |c: f64| -> f64 {
        hist.iter()
            .zip(&curve)
            .map(|(&k, &g)| k as f64 * (c * g).min(CAP))
            .sum()
    };
    let target = open_share(n) * n as f64;
    let (mut a, mut b) = (0.0f64, 10_000.0f64);
    for _ in 0..60 {
        let mid = (a + b) / 2.0;
        if expected(mid) < target {
            a = mid;
        } else {
            b = mid;
        }
    }
    let chance: Vec<f64> = curve.iter().map(|g| (a * g).min(CAP)).collect();
    for p in plans.iter_mut() {
        let c = chance
            .get((today - p.due - lo) as usize)
            .copied()
            .unwrap_or(0.0);
        p.open = rng.chance(c);
    }
    if let Some(p) = forced.and_then(|i| plans.get_mut(i)) {
        p.open = true;
    }
    fill_buckets(plans, today);
}

/// Every aging bucket gets at least one open invoice when one can be there:
/// the most recent invoice whose days overdue fall in an empty bucket is
/// left unpaid.
fn fill_buckets(plans: &mut [InvoicePlan], today: i32) {
    let mut seen = [false; 5];
    for p in plans.iter().filter(|p| p.open) {
        seen[Bucket::for_days(i64::from(today - p.due)).index()] = true;
    }
    for &b in Bucket::ALL {
        if seen[b.index()] {
            continue;
        }
        if let Some(p) = plans
            .iter_mut()
            .rev()
            .find(|p| Bucket::for_days(i64::from(today - p.due)) == b)
        {
            p.open = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_moves_from_demo_to_ledger() {
        assert!((open_share(400) - 0.30).abs() < 1e-9);
        assert!((open_share(1_000_000) - 0.08).abs() < 1e-9);
        assert!(open_share(10_000) < 0.30 && open_share(10_000) > 0.08);
    }

    #[test]
    fn curve_falls_with_age() {
        assert_eq!(unpaid_curve(-5), 1.0);
        assert!(unpaid_curve(1) > unpaid_curve(30));
        assert!(unpaid_curve(30) > unpaid_curve(365));
    }
}
