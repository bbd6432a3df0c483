//! A tiny deterministic random generator (splitmix64) and the day-number
//! helpers the demo generator works in.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};

/// splitmix64: fast, good enough for demo data, and the same on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// An independent stream for one phase of the generation, so that a change
    /// in one phase does not reshuffle the others.
    pub fn fork(&self, stream: u64) -> Rng {
        let mut r = Rng(self.0 ^ stream.wrapping_mul(GOLDEN).rotate_left(17));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index in `0..n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`; `lo` when the range is empty.
    pub fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        let span = (i64::from(hi) - i64::from(lo) + 1) as u64;
        (i64::from(lo) + self.below(span) as i64) as i32
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element, uniformly; the default value for an empty slice.
    pub fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let i = self.index(items.len());
        items.get(i).copied().unwrap_or_default()
    }

    /// One element with probability proportional to its weight.
    pub fn weighted<T: Copy, const N: usize>(&mut self, items: [(T, u32); N]) -> T {
        const { assert!(N > 0) };
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            let w = u64::from(w);
            if x < w {
                return item;
            }
            x -= w;
        }
        items[0].0
    }

    /// Log-uniform in `[lo, hi)`: small amounts are as common as large ones
    /// per order of magnitude, as invoice amounts are.
    pub fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp()
    }
}

/// Day number of a date (days since 0001-12-31, so 0001-01-01 is 1).
pub fn num(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The date of a day number.
pub fn day(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}

/// Day of the week of a day number, Monday = 0 … Sunday = 6.
pub fn weekday(n: i32) -> i32 {
    (n - 1).rem_euclid(7)
}

/// The day itself on weekdays; the Friday before on Saturdays and Sundays
/// (nobody invoices, banks nor logs a call at the weekend).
pub fn working_day(n: i32) -> i32 {
    n - (weekday(n) - 4).max(0)
}

/// A plausible office time on day `n`, between 08:00 and 17:00 UTC.
pub fn office_time(n: i32, rng: &mut Rng) -> chrono::DateTime<Utc> {
    let minutes = 8 * 60 + rng.below(9 * 60) as i64;
    (day(n).and_time(NaiveTime::MIN) + TimeDelta::minutes(minutes)).and_utc()
}

/// Linear interpolation of `a`→`b` on the log of `n` between `n0` and `n1`,
/// flat outside: how a figure moves from the demo scale to the benchmark scale.
pub fn log_interp(n: usize, n0: f64, n1: f64, a: f64, b: f64) -> f64 {
    let x = (n.max(1) as f64).ln();
    let t = ((x - n0.ln()) / (n1.ln() - n0.ln())).clamp(0.0, 1.0);
    a + (b - a) * t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(
            Rng::new(7).fork(1).next_u64(),
            Rng::new(7).fork(2).next_u64()
        );
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            let x = r.range(-3, 5);
            assert!((-3..=5).contains(&x));
            assert!(r.unit() < 1.0);
            assert!(r.below(10) < 10);
        }
        assert_eq!(r.range(4, 2), 4);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.pick::<u8>(&[]), 0);
    }

    #[test]
    fn day_numbers_round_trip() {
        let d: NaiveDate = "2026-03-16".parse().unwrap();
        assert_eq!(day(num(d)), d);
        assert_eq!(weekday(num(d)), 0, "2026-03-16 is a Monday");
        assert_eq!(
            working_day(num(d) - 1),
            num(d) - 3,
            "Sunday goes back to Friday"
        );
        assert_eq!(working_day(num(d)), num(d));
    }
}
