//! Whether the client broke its last promise to pay: what a letter after
//! it says ("on 4 March you promised payment by 12 March…").

use chrono::NaiveDate;

/// A promise to pay, as the journal holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PromiseMade {
    /// The day the promise was made (logged).
    pub made_on: NaiveDate,
    /// The day payment was promised by.
    pub by: NaiveDate,
    /// Minor units promised; `None` when the whole balance was.
    pub amount: Option<i64>,
}

/// The last promise made before `as_of`, when it is broken: its date and
/// `grace_days` passed before `as_of` and the payments received from the
/// day it was made to the end of its grace came short of the amount
/// promised (of anything, when no amount was). A later promise that is
/// kept, or still running, means no broken promise is mentioned.
/// `promises` in any order; `payments` as (received on, minor units) on
/// the invoices the promise covered.
pub fn last_broken(
    promises: &[PromiseMade],
    payments: &[(NaiveDate, i64)],
    grace_days: u32,
    as_of: NaiveDate,
) -> Option<PromiseMade> {
    let last = promises
        .iter()
        .filter(|p| p.made_on <= as_of)
        .max_by_key(|p| (p.made_on, p.by))?;
    let end = last
        .by
        .checked_add_days(chrono::Days::new(u64::from(grace_days)))?;
    if end >= as_of {
        return None;
    }
    let paid: i64 = payments
        .iter()
        .filter(|(on, _)| *on >= last.made_on && *on <= end)
        .map(|(_, a)| a)
        .sum();
    (paid < last.amount.unwrap_or(1)).then_some(*last)
}

/// The last promise made on or before `as_of`, unless it was kept: the
/// payments received since it was made reached the amount promised. A
/// promise still running counts, as one broken does: what a visit to the
/// client will talk about.
pub fn last_unkept(
    promises: &[PromiseMade],
    payments: &[(NaiveDate, i64)],
    as_of: NaiveDate,
) -> Option<PromiseMade> {
    let last = promises
        .iter()
        .filter(|p| p.made_on <= as_of)
        .max_by_key(|p| (p.made_on, p.by))?;
    let paid: i64 = payments
        .iter()
        .filter(|(on, _)| *on >= last.made_on && *on <= as_of)
        .map(|(_, a)| a)
        .sum();
    (paid < last.amount.unwrap_or(1)).then_some(*last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(made: &str, by: &str, amount: Option<i64>) -> PromiseMade {
        PromiseMade {
            made_on: d(made),
            by: d(by),
            amount,
        }
    }

    #[test]
    fn a_promise_past_its_grace_and_unpaid_is_broken() {
        // Promised on 4 March to pay 650.00 by 12 March, 3 days' grace:
        // broken from 16 March on, when only 200.00 came.
        let promises = [p("2026-03-04", "2026-03-12", Some(65_000))];
        let paid = [(d("2026-03-10"), 20_000)];
        assert_eq!(last_broken(&promises, &paid, 3, d("2026-03-15")), None);
        assert_eq!(
            last_broken(&promises, &paid, 3, d("2026-03-16")),
            Some(promises[0])
        );
        // 650.00 paid by the 15th: kept.
        let paid = [(d("2026-03-10"), 20_000), (d("2026-03-15"), 45_000)];
        assert_eq!(last_broken(&promises, &paid, 3, d("2026-03-20")), None);
        // Paid before the promise was made: not this promise's payment.
        let paid = [(d("2026-03-01"), 65_000)];
        assert!(last_broken(&promises, &paid, 3, d("2026-03-20")).is_some());
    }

    #[test]
    fn a_visit_talks_about_a_promise_running_or_broken_not_one_kept() {
        let promises = [p("2026-03-04", "2026-03-12", Some(65_000))];
        assert_eq!(
            last_unkept(&promises, &[], d("2026-03-08")),
            Some(promises[0])
        );
        assert_eq!(
            last_unkept(&promises, &[], d("2026-04-01")),
            Some(promises[0])
        );
        let paid = [(d("2026-03-09"), 65_000)];
        assert_eq!(last_unkept(&promises, &paid, d("2026-03-10")), None);
    }

    #[test]
    fn only_the_last_promise_counts() {
        // The second instalment (by 12 April) was missed; the first was kept.
        let promises = [
            p("2026-03-04", "2026-03-12", Some(30_000)),
            p("2026-03-04", "2026-04-12", Some(30_000)),
        ];
        let paid = [(d("2026-03-11"), 30_000)];
        // The two were made the same day: the later date is the last one,
        // and the payment made for the first counts toward it too (300.00
        // of the 300.00 promised).
        assert_eq!(last_broken(&promises, &paid, 0, d("2026-04-20")), None);
        let promises = [
            p("2026-03-04", "2026-03-12", Some(30_000)),
            p("2026-03-13", "2026-04-12", Some(30_000)),
        ];
        assert_eq!(
            last_broken(&promises, &paid, 0, d("2026-04-20")),
            Some(promises[1])
        );
        // A newer promise still running: nothing broken to mention.
        let promises = [
            p("2026-03-04", "2026-03-12", Some(30_000)),
            p("2026-03-20", "2026-04-30", None),
        ];
        assert_eq!(last_broken(&promises, &[], 0, d("2026-04-20")), None);
        assert_eq!(last_broken(&[], &[], 0, d("2026-04-20")), None);
    }
}
