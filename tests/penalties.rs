//! Late-payment penalties by country and profile, with figures computed by
//! hand in the comments, the rates the team sets over the shipped tables,
//! and the laws every penalty obeys (proptest).
//!
//! Interest = Σ balance × rate % × days / 365, rounded once at the end,
//! half away from zero. A payment day still bears interest on the balance
//! before the payment.

#[path = "penalties/europe.rs"]
mod europe;
#[path = "penalties/france.rs"]
mod france;
#[path = "penalties/norway_uk.rs"]
mod norway_uk;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use dun::domain::client::Profile;
use dun::domain::currency::Currency;
use dun::domain::money::Money;
use dun::domain::penalty::{
    HalfYear, Penalty, PenaltyError, PenaltyInput, RatePeriod, RateTable, RateTables, penalty,
};
use dun::rates;
use dun::store::Store;

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

pub fn defaults() -> RateTables {
    rates::shipped_tables().unwrap()
}

/// An invoice of `amount` minor units, unpaid, no notice, no contract.
pub fn invoice(
    country: &'static str,
    profile: Profile,
    currency: Currency,
    amount: i64,
    due_on: &str,
    as_of: &str,
) -> PenaltyInput<'static> {
    PenaltyInput {
        country: Some(country),
        profile,
        currency,
        amount,
        due_on: day(due_on),
        payments: &[],
        as_of: day(as_of),
        formal_notice_on: None,
        contract: None,
        fees_claimed: None,
    }
}

pub fn run(input: &PenaltyInput) -> Penalty {
    penalty(input, &defaults()).unwrap()
}

/// A database of the test's own, where the team's rates are kept.
fn team_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("rates.db")).unwrap();
    (dir, store)
}

/// Sets one rate for the team through the store API, as `dun rates set`
/// does (as of 2026-11-22), and gives the tables then in force.
fn set_rate(
    store: &mut Store,
    series: &str,
    period: &str,
    value: &str,
) -> Result<RateTables, rates::SetError> {
    let new = rates::NewRate {
        series,
        period,
        value,
        source: "test",
    };
    rates::set(store, new, "tester", chrono::Utc::now(), day("2026-11-22"))?;
    Ok(rates::load(store).unwrap())
}

/// EUR 10,000.00, due 2026-06-20, formal notice 2026-06-25, as of 2026-07-10:
/// the legal rate for 2026 H2 is not known yet.
fn french_individual_into_2026_h2() -> PenaltyInput<'static> {
    PenaltyInput {
        formal_notice_on: Some(day("2026-06-25")),
        ..invoice(
            "FR",
            Profile::Individual,
            Currency::EUR,
            1_000_000,
            "2026-06-20",
            "2026-07-10",
        )
    }
}

#[test]
fn a_missing_half_year_is_an_error_never_a_guess() {
    let e = penalty(&french_individual_into_2026_h2(), &defaults()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no reference rate for 2026 H2 (France legal rate) — \
         dun rates set france_legal 2026-H2 VALUE --source TEXT"
    );
    assert_eq!(
        e,
        PenaltyError::MissingRate {
            period: RatePeriod::Half(HalfYear::new(2026, 2).unwrap()),
            table: RateTable::FranceLegal
        }
    );
    // The same invoice as of 2026-06-30 needs only 2026 H1:
    // 26–30 June = 5 days at 2.62 %: 10,000 × 2.62 % × 5 / 365 = 3.5890… → 3.59.
    let h1 = PenaltyInput {
        as_of: day("2026-06-30"),
        ..french_individual_into_2026_h2()
    };
    assert_eq!(run(&h1).interest, eur(359));
    // A business debtor needs the ECB rate first.
    let business = invoice(
        "FR",
        Profile::Business,
        Currency::EUR,
        1_000_000,
        "2026-06-20",
        "2026-07-10",
    );
    assert_eq!(
        penalty(&business, &defaults()).unwrap_err().to_string(),
        "no reference rate for 2026 H2 (ECB rate) — dun rates set ecb 2026-H2 VALUE --source TEXT"
    );
}

#[test]
fn a_rate_the_team_sets_adds_2026_h2() {
    let (_dir, mut store) = team_store();
    let rates = set_rate(&mut store, "france_legal", "2026-H2", "2.50").unwrap();
    let p = penalty(&french_individual_into_2026_h2(), &rates).unwrap();
    // 26–30 June: 5 days at 2.62 %; 1–10 July: 10 days at 2.50 %.
    // 10,000 × (2.62 × 5 + 2.50 × 10) / 36,500 = 381,000 / 36,500 = 10.4383… → 10.44
    assert_eq!(p.interest, eur(1044));
    assert_eq!(p.rate, Some(dec("2.50")));
    assert_eq!(p.periods.len(), 2);
    assert_eq!(p.from, Some(day("2026-06-26")));
}

#[test]
fn unknown_series_bad_periods_and_bad_values_are_refused_and_nothing_is_written() {
    let (_dir, mut store) = team_store();
    let e = set_rate(&mut store, "france_legal", "2026H2", "2.50").unwrap_err();
    assert_eq!(
        e.to_string(),
        "france_legal \"2026H2\": not a half-year (write it like 2026-H2)"
    );
    let e = set_rate(&mut store, "frnace_legal", "2026-H2", "2.50").unwrap_err();
    assert!(e.to_string().contains("\"frnace_legal\""), "{e}");
    assert!(e.to_string().contains("france_legal"), "{e}");
    let e = set_rate(&mut store, "ecb", "2026-H2", "2,15").unwrap_err();
    assert!(e.to_string().starts_with("ecb 2026-H2 = \"2,15\": "), "{e}");
    let stored = store.read(|tx| dun::store::rates::all(tx)).unwrap();
    assert!(stored.is_empty(), "{stored:?}");
    let history = dun::store::rates::changes(store.conn()).unwrap();
    assert!(history.is_empty(), "{history:?}");
}

#[test]
fn unknown_or_missing_country_has_no_rule() {
    let p = run(&invoice(
        "US",
        Profile::Business,
        Currency::USD,
        100_000,
        "2025-01-31",
        "2025-03-31",
    ));
    assert_eq!(
        p.rule,
        dun::domain::penalty::Rule::None("no late-payment rule known for country US".into())
    );
    assert_eq!(p.interest, Money::zero(Currency::USD));
    assert_eq!((p.compensation, p.rate, p.from), (None, None, None));
    let none = PenaltyInput {
        country: None,
        ..invoice(
            "US",
            Profile::Business,
            Currency::USD,
            100_000,
            "2025-01-31",
            "2025-03-31",
        )
    };
    assert!(matches!(
        run(&none).rule,
        dun::domain::penalty::Rule::None(_)
    ));
}

// ---- laws ----

const COUNTRIES: [&str; 5] = ["FR", "ES", "NO", "GB", "DE"];

/// The defaults with a test value in every Norwegian compensation gap, so
/// that any due date from 2015 on is computable.
fn complete_rates() -> RateTables {
    let mut rates = defaults();
    let mut h = HalfYear::new(2015, 1).unwrap();
    while h <= HalfYear::new(2026, 1).unwrap() {
        rates.norway_compensation.entry(h).or_insert(40_000);
        h = h.next();
    }
    rates
}

/// Country index, profile index, amount, due date (days from 2015-01-01),
/// payments (days from 30 days before the due date, minor units), formal
/// notice (days after the due date).
type Drawn = (usize, usize, i64, u64, Vec<(u64, i64)>, Option<u64>);

fn any_input() -> impl Strategy<Value = Drawn> {
    (
        0..COUNTRIES.len(),
        0..Profile::ALL.len(),
        0i64..100_000_000,
        0u64..3_800, // due date: 2015-01-01 + n days, up to mid-2025
        prop::collection::vec((0u64..500, 0i64..50_000_000), 0..4),
        prop::option::of(0u64..200),
    )
}

proptest! {
    #[test]
    fn interest_never_falls_as_time_passes_and_is_zero_until_due(
        (c, pr, amount, due, pays, notice) in any_input(),
        before in 0u64..60,
        first in 0u64..200,
        more in 0u64..200,
    ) {
        let rates = complete_rates();
        let due_on = day("2015-01-01") + Days::new(due);
        let payments: Vec<(NaiveDate, i64)> =
            pays.iter().map(|(d, m)| (due_on - Days::new(30) + Days::new(*d), *m)).collect();
        let at = |as_of: NaiveDate| PenaltyInput {
            country: Some(COUNTRIES[c]),
            profile: Profile::ALL[pr],
            currency: Currency::EUR,
            amount,
            due_on,
            payments: &payments,
            as_of,
            formal_notice_on: notice.map(|n| due_on + Days::new(n)),
            contract: None,
            fees_claimed: None,
        };
        let early = penalty(&at(due_on - Days::new(before)), &rates).unwrap();
        prop_assert_eq!(early.interest.minor, 0);
        prop_assert!(early.periods.is_empty());
        prop_assert_eq!(early.compensation, None);
        let a = penalty(&at(due_on + Days::new(first)), &rates).unwrap();
        let b = penalty(&at(due_on + Days::new(first + more)), &rates).unwrap();
        prop_assert!(a.interest.minor >= 0);
        prop_assert!(a.interest.minor <= b.interest.minor, "{:?} then {:?}", a.interest, b.interest);
        let days: i64 = b.periods.iter().map(|p| p.days).sum();
        prop_assert!(days <= (first + more) as i64);
    }
}
