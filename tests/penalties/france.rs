//! France: business (ECB + 10, floor 3 × legal rate), administration,
//! individuals (legal rate from the formal notice), contractual rates.

use dun::domain::client::Profile;
use dun::domain::currency::Currency;
use dun::domain::money::Money;
use dun::domain::penalty::{Contract, PenaltyInput, Period, Rule};

use super::{day, dec, eur, invoice, run};

#[test]
fn business_across_a_half_year_takes_each_half_years_rate() {
    // EUR 10,000.00 due 2025-06-20, as of 2025-07-10.
    // 2025 H1: ECB 3.15 + 10 = 13.15 (floor 3 × 3.71 = 11.13), 21–30 June = 10 days.
    // 2025 H2: ECB 2.15 + 10 = 12.15 (floor 3 × 2.76 = 8.28), 1–10 July = 10 days.
    // 10,000 × (13.15 × 10 + 12.15 × 10) / 36,500 = 2,530,000 / 36,500 = 69.3150… → 69.32
    let p = run(&invoice(
        "FR",
        Profile::Business,
        Currency::EUR,
        1_000_000,
        "2025-06-20",
        "2025-07-10",
    ));
    assert_eq!(p.rule, Rule::France);
    assert_eq!(p.interest, eur(6932));
    assert_eq!(p.compensation, Some(eur(4000)));
    assert_eq!(p.rate, Some(dec("12.15")));
    assert_eq!(p.from, Some(day("2025-06-21")));
    assert_eq!(
        p.periods,
        vec![
            Period {
                from: day("2025-06-21"),
                to: day("2025-06-30"),
                days: 10,
                rate: dec("13.15"),
                balance: eur(1_000_000),
                derived: false,
            },
            Period {
                from: day("2025-07-01"),
                to: day("2025-07-10"),
                days: 10,
                rate: dec("12.15"),
                balance: eur(1_000_000),
                derived: false,
            },
        ]
    );
}

#[test]
fn business_never_pays_less_than_three_times_the_legal_rate() {
    // In 2024 both halves have 3 × legal above ECB + 10 (the only such
    // half-years in the reference):
    // 2024 H1: 4.50 + 10 = 14.50 < 3 × 5.07 = 15.21; 2024 H2: 4.25 + 10 = 14.25 < 3 × 4.92 = 14.76.
    // EUR 10,000.00 due 2024-06-20, as of 2024-07-10: 10 days in each half (a leap
    // year, still over 365).
    // 10,000 × (15.21 × 10 + 14.76 × 10) / 36,500 = 2,997,000 / 36,500 = 82.1095… → 82.11
    let p = run(&invoice(
        "FR",
        Profile::Business,
        Currency::EUR,
        1_000_000,
        "2024-06-20",
        "2024-07-10",
    ));
    assert_eq!(p.interest, eur(8211));
    let rates: Vec<_> = p.periods.iter().map(|x| x.rate).collect();
    assert_eq!(rates, vec![dec("15.21"), dec("14.76")]);
}

#[test]
fn a_contractual_rate_wins_but_not_below_the_french_floor() {
    // EUR 10,000.00 due 2025-03-31, as of 2025-04-30: 30 days in 2025 H1.
    let with = |rate: &str, fee: Option<i64>| PenaltyInput {
        contract: Some(Contract {
            annual_rate: Some(dec(rate)),
            fee,
        }),
        ..invoice(
            "FR",
            Profile::Business,
            Currency::EUR,
            1_000_000,
            "2025-03-31",
            "2025-04-30",
        )
    };
    // 5 % is raised to 3 × 3.71 = 11.13: 10,000 × 11.13 × 30 / 36,500 = 91.4794… → 91.48
    let p = run(&with("5", None));
    assert_eq!(p.rule, Rule::Contract);
    assert_eq!(p.interest, eur(9148));
    assert_eq!(p.rate, Some(dec("11.13")));
    assert_eq!(
        p.compensation,
        Some(eur(4000)),
        "no fee: the statutory EUR 40 stays"
    );
    // 12 % is above the floor and replaces ECB + 10 (13.15):
    // 10,000 × 12 × 30 / 36,500 = 98.6301… → 98.63; a fee of EUR 15.00 cannot
    // lower the statutory EUR 40, a fee of EUR 60.00 replaces it.
    let p = run(&with("12", Some(1500)));
    assert_eq!(p.interest, eur(9863));
    assert_eq!(p.compensation, Some(eur(4000)));
    assert_eq!(run(&with("12", Some(6000))).compensation, Some(eur(6000)));
    // Elsewhere a contract makes interest run even without a statute:
    // USD 10,000.00 at 5 %: 10,000 × 5 × 30 / 36,500 = 41.0958… → 41.10
    let us = PenaltyInput {
        contract: Some(Contract {
            annual_rate: Some(dec("5")),
            fee: None,
        }),
        ..invoice(
            "US",
            Profile::Individual,
            Currency::USD,
            1_000_000,
            "2025-03-31",
            "2025-04-30",
        )
    };
    let p = run(&us);
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::Contract, Money::new(4110, Currency::USD), None)
    );
}

#[test]
fn public_bodies_pay_the_rate_of_the_half_year_interest_began_fixed() {
    // 2025 H1: ECB 3.15 + 8 = 11.15. EUR 10,000.00, 30 days:
    // 10,000 × 11.15 × 30 / 36,500 = 91.6438… → 91.64
    let p = run(&invoice(
        "FR",
        Profile::Administration,
        Currency::EUR,
        1_000_000,
        "2025-03-31",
        "2025-04-30",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::France, eur(9164), Some(eur(4000)))
    );
    // France public body, EUR 25,000.00 due 2025-06-15, as of 2025-08-14.
    // Interest began 16 June 2025 (2025 H1): ECB of 1 Jan 2025, 3.15, + 8 = 11.15 %,
    // fixed for the whole late period, also after 1 July (2025 H2 ECB 2.15 is not used).
    // 16–30 June 15 d + July 31 d + 1–14 Aug 14 d = 60 days:
    // 25,000 × 11.15 × 60 / 36,500 = 458.2191… → 458.22; indemnity EUR 40.
    let p = run(&invoice(
        "FR",
        Profile::Administration,
        Currency::EUR,
        2_500_000,
        "2025-06-15",
        "2025-08-14",
    ));
    assert_eq!(
        (p.rule, p.interest, p.compensation),
        (Rule::France, eur(45_822), Some(eur(4000)))
    );
    assert_eq!(p.periods.len(), 1);
    assert_eq!(p.rate, Some(dec("11.15")));
}

#[test]
fn individuals_owe_the_legal_rate_only_from_the_formal_notice() {
    // EUR 1,000.00 due 2025-03-31, formal notice 2025-05-15, as of 2025-06-14.
    // Interest from 16 May to 14 June = 16 + 14 = 30 days at the 2025 H1 legal rate 3.71:
    // 1,000 × 3.71 × 30 / 36,500 = 3.0493… → 3.05; no compensation.
    let base = invoice(
        "FR",
        Profile::Individual,
        Currency::EUR,
        100_000,
        "2025-03-31",
        "2025-06-14",
    );
    let p = run(&PenaltyInput {
        formal_notice_on: Some(day("2025-05-15")),
        ..base
    });
    assert_eq!(p.rule, Rule::France);
    assert_eq!(p.interest, eur(305));
    assert_eq!(p.from, Some(day("2025-05-16")));
    assert_eq!(p.compensation, None);
    // Without a formal notice: nothing, and a note saying why.
    let p = run(&base);
    assert_eq!(
        (p.rule, p.interest, p.compensation, p.from),
        (Rule::France, eur(0), None, None)
    );
    assert!(p.note.unwrap().contains("formal notice"));
}

#[test]
fn a_contract_never_lowers_the_statutory_eur_40() {
    // France B2B, contract 5 % and fee EUR 25, EUR 6,000.00 due 2025-05-31, as of 2025-08-31.
    // 5 % is below 3 × the legal rate, so the floor applies each half-year:
    // 1–30 June: 30 d at 3 × 3.71 = 11.13 %; 1 July–31 Aug: 62 d at 3 × 2.76 = 8.28 %.
    // 6,000 × 11.13 × 30 / 36,500 + 6,000 × 8.28 × 62 / 36,500
    // = (2,003,400 + 3,080,160) / 36,500 = 139.2756… → 139.28; indemnity EUR 40 (not 25).
    let contract = Some(Contract {
        annual_rate: Some(dec("5")),
        fee: Some(2500),
    });
    let p = run(&PenaltyInput {
        contract,
        ..invoice(
            "FR",
            Profile::Business,
            Currency::EUR,
            600_000,
            "2025-05-31",
            "2025-08-31",
        )
    });
    assert_eq!(p.rule, Rule::Contract);
    assert_eq!((p.interest, p.compensation), (eur(13_928), Some(eur(4000))));
    let rates: Vec<_> = p.periods.iter().map(|x| (x.days, x.rate)).collect();
    assert_eq!(rates, vec![(30, dec("11.13")), (62, dec("8.28"))]);
    // Each period's own interest: 2,003,400 / 36,500 = 54.8876… → 54.89 and
    // 3,080,160 / 36,500 = 84.3879… → 84.39.
    let each: Vec<_> = p.periods.iter().map(|x| x.interest().unwrap()).collect();
    assert_eq!(each, vec![eur(5489), eur(8439)]);
    // Spain and the Directive elsewhere: the same floor.
    for country in ["ES", "DE"] {
        let p = run(&PenaltyInput {
            contract: Some(Contract {
                annual_rate: None,
                fee: Some(2500),
            }),
            ..invoice(
                country,
                Profile::Business,
                Currency::EUR,
                600_000,
                "2025-05-31",
                "2025-08-31",
            )
        });
        assert_eq!(p.compensation, Some(eur(4000)), "{country}");
    }
    // A fee in another currency cannot be weighed against EUR 40: the EUR 40
    // stays, and a note says why.
    let p = run(&PenaltyInput {
        contract: Some(Contract {
            annual_rate: None,
            fee: Some(6000),
        }),
        ..invoice(
            "FR",
            Profile::Business,
            Currency::USD,
            600_000,
            "2025-05-31",
            "2025-08-31",
        )
    });
    assert_eq!(p.compensation, Some(eur(4000)));
    assert!(p.note.unwrap().contains("cannot lower"));
}
