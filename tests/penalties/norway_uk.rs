//! Norway (forsinkelsesrente, standardkompensasjon, reminder fee) and the
//! United Kingdom (rate fixed at the start, fixed sums by debt size).

use dun::domain::client::Profile;
use dun::domain::currency::Currency;
use dun::domain::money::Money;
use dun::domain::penalty::{
    HalfYear, PenaltyError, RatePeriod, RateTable, Rule, compensation, penalty, reminder_fee,
};

use super::{dec, defaults, eur, invoice, run};

fn nok(minor: i64) -> Money {
    Money::new(minor, Currency::NOK)
}

fn gbp(minor: i64) -> Money {
    Money::new(minor, Currency::GBP)
}

#[test]
fn norway_charges_interest_to_all_and_compensation_to_businesses() {
    // 2025 H1: 12.50 %. NOK 20,000.00 due 2025-01-31, as of 2025-03-02: 28 + 2 = 30 days:
    // 20,000 × 12.5 × 30 / 36,500 = 205.4794… → 205.48; standardkompensasjon 2025 H1: NOK 470.
    let p = run(&invoice(
        "NO",
        Profile::Business,
        Currency::NOK,
        2_000_000,
        "2025-01-31",
        "2025-03-02",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::Norway, nok(20548), Some(nok(47000)))
    );
    let p = run(&invoice(
        "NO",
        Profile::Individual,
        Currency::NOK,
        2_000_000,
        "2025-01-31",
        "2025-03-02",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::Norway, nok(20548), None)
    );
}

#[test]
fn a_missing_standardkompensasjon_withholds_only_itself() {
    // Norway business, NOK 10,000.00 due 2025-08-15, as of 2025-10-31.
    // 16–31 Aug 16 d + Sep 30 d + Oct 31 d = 77 days at 2025 H2 12.25 %:
    // 10,000 × 12.25 × 77 / 36,500 = 258.4246… → 258.42.
    // The reference gives no standardkompensasjon for 2025 H2: it is reported
    // missing (never carried from 2025 H1), and the interest is still given.
    let i = invoice(
        "NO",
        Profile::Business,
        Currency::NOK,
        1_000_000,
        "2025-08-15",
        "2025-10-31",
    );
    let p = penalty(&i, &defaults()).unwrap();
    assert_eq!((p.interest, p.compensation), (nok(25_842), None));
    assert_eq!(
        p.missing,
        vec![PenaltyError::MissingRate {
            period: RatePeriod::Half(HalfYear::new(2025, 2).unwrap()),
            table: RateTable::NorwayCompensation
        }]
    );
    assert_eq!(
        compensation(&i, &defaults()).unwrap_err(),
        p.missing[0].clone()
    );
}

#[test]
fn a_missing_reference_rate_does_not_withhold_the_fixed_sum() {
    // France B2B, EUR 10,000.00 due 2026-06-20, as of 2026-07-10: the ECB rate
    // for 2026 H2 is not known, so no interest; the EUR 40 needs no rate.
    let i = invoice(
        "FR",
        Profile::Business,
        Currency::EUR,
        1_000_000,
        "2026-06-20",
        "2026-07-10",
    );
    assert!(penalty(&i, &defaults()).is_err());
    assert_eq!(compensation(&i, &defaults()), Ok(Some(eur(4000))));
}

#[test]
fn rounding_is_half_away_from_zero_once_at_the_end() {
    // 2024 H1: 12.50 %. NOK 1,474.60 for 1 day (due 2024-03-01, as of 2024-03-02):
    // 147,460 øre × 12.5 × 1 / 36,500 = 50.5 øre exactly → 51 øre (half to even would give 50).
    let p = run(&invoice(
        "NO",
        Profile::Individual,
        Currency::NOK,
        147_460,
        "2024-03-01",
        "2024-03-02",
    ));
    assert_eq!(p.interest, nok(51));
}

#[test]
fn norway_reminder_fee_from_day_14_for_two_reminders() {
    assert_eq!(reminder_fee(Some("NO"), 13, 0), None);
    assert_eq!(reminder_fee(Some("NO"), 14, 0), Some(nok(3500)));
    assert_eq!(reminder_fee(Some("NO"), 30, 1), Some(nok(3500)));
    assert_eq!(reminder_fee(Some("NO"), 30, 2), None, "a third fee");
    assert_eq!(reminder_fee(Some("FR"), 30, 0), None);
    assert_eq!(reminder_fee(None, 30, 0), None);
}

#[test]
fn uk_rate_is_fixed_when_interest_starts() {
    // Due 2025-06-29: interest starts 30 June, so the reference date is
    // 31 Dec 2024 (4.75), not 30 June 2025 (4.25): 4.75 + 8 = 12.75 for the whole debt,
    // also after 1 July. GBP 5,000.00 as of 2025-07-29: 1 + 29 = 30 days:
    // 5,000 × 12.75 × 30 / 36,500 = 52.3972… → 52.40; fixed sum GBP 70.
    let p = run(&invoice(
        "GB",
        Profile::Business,
        Currency::GBP,
        500_000,
        "2025-06-29",
        "2025-07-29",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::UnitedKingdom, gbp(5240), Some(gbp(7000)))
    );
    assert_eq!(p.periods.len(), 1);
    assert_eq!(p.rate, Some(dec("12.75")));
    // Due 2025-06-30: starts 1 July, reference 30 June 2025: 4.25 + 8 = 12.25, 30 days to 2025-07-30:
    // 5,000 × 12.25 × 30 / 36,500 = 50.3424… → 50.34
    let p = run(&invoice(
        "GB",
        Profile::Administration,
        Currency::GBP,
        500_000,
        "2025-06-30",
        "2025-07-30",
    ));
    assert_eq!(p.interest, gbp(5034));
    // The fixed rate needs no later table: due 2026-05-31 (reference 31 Dec 2025, 3.75 + 8 = 11.75),
    // as of 2026-08-29: 30 + 31 + 29 = 90 days on GBP 1,000.00:
    // 1,000 × 11.75 × 90 / 36,500 = 28.9726… → 28.97
    let p = run(&invoice(
        "GB",
        Profile::Business,
        Currency::GBP,
        100_000,
        "2026-05-31",
        "2026-08-29",
    ));
    assert_eq!(p.interest, gbp(2897));
    let p = run(&invoice(
        "GB",
        Profile::Individual,
        Currency::GBP,
        100_000,
        "2025-05-31",
        "2025-08-29",
    ));
    assert!(matches!(p.rule, Rule::None(_)));
}

#[test]
fn uk_fixed_sums_follow_the_size_of_the_debt() {
    let sum = |pence| {
        run(&invoice(
            "GB",
            Profile::Business,
            Currency::GBP,
            pence,
            "2025-03-31",
            "2025-04-30",
        ))
        .compensation
    };
    assert_eq!(sum(99_999), Some(gbp(4000)));
    assert_eq!(sum(100_000), Some(gbp(7000)));
    assert_eq!(sum(999_999), Some(gbp(7000)));
    assert_eq!(sum(1_000_000), Some(gbp(10_000)));
    // Not in pounds: no fixed sum, and a note saying why; interest still runs.
    let p = run(&invoice(
        "GB",
        Profile::Business,
        Currency::EUR,
        1_000_000,
        "2025-03-31",
        "2025-04-30",
    ));
    assert_eq!(p.compensation, None);
    assert!(p.note.unwrap().contains("GBP"));
    // 2024-12-31: 4.75 + 8 = 12.75; 10,000 × 12.75 × 30 / 36,500 = 104.7945… → EUR 104.79
    assert_eq!(p.interest, eur(10_479));
}

#[test]
fn uk_fixed_sum_is_sized_by_what_was_unpaid_the_day_after_the_due_date() {
    // GBP 1,500.00 due 2025-08-31, GBP 600.00 paid on 2025-08-31, as of 2025-11-30.
    // Interest starts 1 Sep 2025; reference 30 Jun 2025: 4.25 + 8 = 12.25 %.
    // 1 Sep–30 Nov = 30 + 31 + 30 = 91 days on GBP 900.00:
    // 900 × 12.25 × 91 / 36,500 = 27.4869… → 27.49.
    // The qualifying debt is GBP 900 (< 1,000): fixed sum GBP 40, not GBP 70.
    let payments = [(super::day("2025-08-31"), 60_000)];
    let p = run(&dun::domain::penalty::PenaltyInput {
        payments: &payments,
        ..invoice(
            "GB",
            Profile::Business,
            Currency::GBP,
            150_000,
            "2025-08-31",
            "2025-11-30",
        )
    });
    assert_eq!((p.interest, p.compensation), (gbp(2749), Some(gbp(4000))));
    // Paid the day after the due date instead: GBP 1,500 was unpaid then, GBP 70.
    let payments = [(super::day("2025-09-01"), 60_000)];
    let p = run(&dun::domain::penalty::PenaltyInput {
        payments: &payments,
        ..invoice(
            "GB",
            Profile::Business,
            Currency::GBP,
            150_000,
            "2025-08-31",
            "2025-11-30",
        )
    });
    assert_eq!(p.compensation, Some(gbp(7000)));
}

#[test]
fn norway_deducts_reminder_fees_already_claimed_from_the_compensation() {
    // NOK 20,000.00 due 2025-01-31, as of 2025-03-02 (2025 H1: NOK 470).
    // Two reminder fees of NOK 35 already claimed: 470 − 2 × 35 = NOK 400 (§ 3a);
    // the interest is untouched: 20,000 × 12.5 × 30 / 36,500 = 205.4794… → 205.48.
    let with = |fees: Option<Money>| {
        run(&dun::domain::penalty::PenaltyInput {
            fees_claimed: fees,
            ..invoice(
                "NO",
                Profile::Business,
                Currency::NOK,
                2_000_000,
                "2025-01-31",
                "2025-03-02",
            )
        })
    };
    let p = with(Some(nok(7000)));
    assert_eq!(
        (p.interest, p.compensation),
        (nok(20548), Some(nok(40_000)))
    );
    // Fees reaching the standardkompensasjon leave none.
    assert_eq!(with(Some(nok(50_000))).compensation, None);
    assert_eq!(with(None).compensation, Some(nok(47_000)));
}
