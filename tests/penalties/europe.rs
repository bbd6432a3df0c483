//! The EU default (Germany here), Spain, and the balance rules: partial
//! payments, payment days, leap years.

use dun::domain::client::Profile;
use dun::domain::currency::Currency;
use dun::domain::money::Money;
use dun::domain::penalty::{PenaltyInput, Rule};

use super::{day, dec, eur, invoice, run};

#[test]
fn germany_business_takes_ecb_plus_8_and_eur_40() {
    // 2023 H2: ECB 4.00 + 8 = 12.00. EUR 3,650.00 due 2023-09-30, as of 2023-10-30: 30 days.
    // 3,650 × 12 × 30 / 36,500 = 36.00
    let p = run(&invoice(
        "DE",
        Profile::Business,
        Currency::EUR,
        365_000,
        "2023-09-30",
        "2023-10-30",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::EuDefault, eur(3600), Some(eur(4000)))
    );
    assert_eq!(p.rate, Some(dec("12.00")));
    // On a USD invoice the interest is in USD and the EUR 40 stays EUR 40.
    let p = run(&invoice(
        "DE",
        Profile::Business,
        Currency::USD,
        365_000,
        "2023-09-30",
        "2023-10-30",
    ));
    assert_eq!(p.interest, Money::new(3600, Currency::USD));
    assert_eq!(p.compensation, Some(eur(4000)));
    // Individuals are outside the Directive.
    let p = run(&invoice(
        "DE",
        Profile::Individual,
        Currency::EUR,
        365_000,
        "2023-09-30",
        "2023-10-30",
    ));
    assert!(matches!(p.rule, Rule::None(_)));
    assert_eq!((p.interest, p.compensation), (eur(0), None));
}

#[test]
fn a_leap_year_still_counts_over_365() {
    // 2024 H1: ECB 4.50 + 8 = 12.50. EUR 36,500.00 due 2024-02-28, as of 2024-03-01:
    // 29 Feb and 1 Mar = 2 days: 36,500 × 12.5 × 2 / 36,500 = 25.00 (over 366: 24.93)
    let p = run(&invoice(
        "AT",
        Profile::Administration,
        Currency::EUR,
        3_650_000,
        "2024-02-28",
        "2024-03-01",
    ));
    assert_eq!(p.interest, eur(2500));
}

#[test]
fn spain_business_uses_the_published_rate() {
    // 2024 H2 published 12.25. EUR 5,000.00 due 2024-09-30, as of 2024-12-31:
    // 31 + 30 + 31 = 92 days: 5,000 × 12.25 × 92 / 36,500 = 154.3835… → 154.38
    let p = run(&invoice(
        "ES",
        Profile::Business,
        Currency::EUR,
        500_000,
        "2024-09-30",
        "2024-12-31",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::Spain, eur(15438), Some(eur(4000)))
    );
    assert!(!p.periods[0].derived);
    // 2021 H1 is not in the published table: ECB 0.00 + 8 = 8.00, marked derived.
    // EUR 3,650.00 due 2021-01-31, as of 2021-03-02: 28 + 2 = 30 days:
    // 3,650 × 8 × 30 / 36,500 = 24.00
    let p = run(&invoice(
        "ES",
        Profile::Administration,
        Currency::EUR,
        365_000,
        "2021-01-31",
        "2021-03-02",
    ));
    assert_eq!(p.interest, eur(2400));
    assert_eq!(p.rate, Some(dec("8.00")));
    assert!(p.periods[0].derived);
    let p = run(&invoice(
        "ES",
        Profile::Individual,
        Currency::EUR,
        500_000,
        "2024-09-30",
        "2024-12-31",
    ));
    assert!(matches!(p.rule, Rule::None(_)));
}

#[test]
fn a_partial_payment_lowers_the_balance_from_the_next_day() {
    // DE business, 12.00 % (2023 H2), EUR 3,650.00 due 2023-09-30, as of 2023-10-30;
    // payments given out of order: 1,825.00 on 15 Oct, 1,000.00 on 20 Oct.
    //  1–15 Oct: 15 days on 3,650.00: 3,650 × 12 × 15 / 36,500 = 18.00
    // 16–20 Oct:  5 days on 1,825.00: 1,825 × 12 ×  5 / 36,500 =  3.00
    // 21–30 Oct: 10 days on   825.00:   825 × 12 × 10 / 36,500 =  2.7123…
    // total 23.7123… → 23.71
    let payments = [(day("2023-10-20"), 100_000), (day("2023-10-15"), 182_500)];
    let p = run(&PenaltyInput {
        payments: &payments,
        ..invoice(
            "DE",
            Profile::Business,
            Currency::EUR,
            365_000,
            "2023-09-30",
            "2023-10-30",
        )
    });
    assert_eq!(p.interest, eur(2371));
    let spans: Vec<_> = p
        .periods
        .iter()
        .map(|x| (x.from, x.to, x.days, x.balance))
        .collect();
    assert_eq!(
        spans,
        vec![
            (day("2023-10-01"), day("2023-10-15"), 15, eur(365_000)),
            (day("2023-10-16"), day("2023-10-20"), 5, eur(182_500)),
            (day("2023-10-21"), day("2023-10-30"), 10, eur(82_500)),
        ]
    );
}

#[test]
fn paid_on_the_due_date_is_not_late_and_a_day_after_is() {
    let paid = |on: &str| {
        let payments = [(day(on), 365_000)];
        run(&PenaltyInput {
            payments: &payments,
            ..invoice(
                "DE",
                Profile::Business,
                Currency::EUR,
                365_000,
                "2023-09-30",
                "2023-12-31",
            )
        })
    };
    let p = paid("2023-09-30");
    assert_eq!((p.interest, p.compensation, p.from), (eur(0), None, None));
    // Paid on 1 Oct: one day late: 3,650 × 12 × 1 / 36,500 = 1.20, and EUR 40.
    let p = paid("2023-10-01");
    assert_eq!((p.interest, p.compensation), (eur(120), Some(eur(4000))));
    assert_eq!(p.periods.len(), 1);
}

#[test]
fn nothing_runs_until_the_day_after_the_due_date() {
    let p = run(&invoice(
        "DE",
        Profile::Business,
        Currency::EUR,
        365_000,
        "2023-09-30",
        "2023-09-30",
    ));
    assert_eq!((p.interest, p.compensation, p.from), (eur(0), None, None));
    assert!(p.periods.is_empty());
    // The rate that will apply is known before any interest runs.
    assert_eq!(p.rate, Some(dec("12.00")));
}
