//! How urgent a client is in the follow-up queue.

use super::client::Rating;

/// A broken promise outranks any amount.
const BROKEN_PROMISE: i128 = 1_000_000_000_000_000;

/// Priority of a client in the queue: the overdue amount in major units,
/// raised by how old the debt is and how risky the client; broken promises
/// first. Higher is more urgent.
pub fn follow_up_priority(
    overdue_minor: i64,
    exponent: u32,
    oldest_days_overdue: i64,
    rating: Option<Rating>,
    broken_promise: bool,
) -> i128 {
    let major = i128::from(overdue_minor) / 10i128.pow(exponent);
    let days = i128::from(oldest_days_overdue.max(0));
    let risk = match rating {
        Some(Rating::D) => 4,
        Some(Rating::C) => 3,
        Some(Rating::B) => 2,
        _ => 1,
    };
    let base = major.saturating_mul(30 + days).saturating_mul(risk);
    if broken_promise {
        BROKEN_PROMISE.saturating_add(base)
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_promises_come_first_then_amount_age_and_risk() {
        let small_broken = follow_up_priority(1_000, 2, 1, None, true);
        let big = follow_up_priority(100_000_000, 2, 300, Some(Rating::D), false);
        assert!(small_broken > big);
        let older = follow_up_priority(100_000, 2, 90, None, false);
        let newer = follow_up_priority(100_000, 2, 10, None, false);
        assert!(older > newer);
        let risky = follow_up_priority(100_000, 2, 10, Some(Rating::C), false);
        assert!(risky > newer);
    }
}
