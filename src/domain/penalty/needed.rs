//! Which reference rates a computation needs and lacks: the rates needed
//! today for the clients with open overdue invoices (the workbench's top
//! line and `dun rates` name those missing), and the rates one invoice's
//! penalties lack.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::{PenaltyError, RateTable};
use super::half_year::HalfYear;
use super::rate_key::{RateKey, RatePeriod};
use super::rates::RateTables;
use super::{PenaltyInput, eu, penalty, uk};
use crate::domain::client::Profile;

/// What decides the reference rates a client's overdue invoices need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debtor {
    /// ISO 3166-1 alpha-2 (`UK` is read as `GB`); `None` when not set.
    pub country: Option<String>,
    pub profile: Profile,
    /// The contract sets its own annual rate (no reference rate, but in
    /// France the floor of 3 × the legal rate).
    pub contract_rate: bool,
    /// The contract sets its own fee (Norway: no standardkompensasjon).
    pub contract_fee: bool,
}

/// The reference rates needed today for clients like `debtors` (those
/// with open overdue invoices): the current period of each series their
/// country and profile use.
///
/// - France: businesses the ECB rate and, for the floor of 3 × the legal
///   rate, the legal rate; public bodies the ECB rate; individuals the
///   legal rate (from a formal notice).
/// - Spain (businesses and public bodies): the Spanish rate, or the ECB
///   rate it is derived from (see [`RateTables::knows`]).
/// - Norway: the forsinkelsesrente; businesses and public bodies also the
///   standardkompensasjon.
/// - United Kingdom (businesses and public bodies): the Bank Rate of the
///   reference date before today (30 June or 31 December).
/// - Other EU states (businesses and public bodies): the ECB rate.
///
/// A contract's own rate replaces the reference rate (in France, the
/// legal rate stays, for the floor); its own fee replaces the Norwegian
/// table. Countries without a rule need nothing.
pub fn needed_today<'a>(
    today: NaiveDate,
    debtors: impl IntoIterator<Item = &'a Debtor>,
) -> BTreeSet<RateKey> {
    let half = HalfYear::of(today);
    let at = |table| RateKey::half(table, half);
    let mut needed = BTreeSet::new();
    for d in debtors {
        let country = d
            .country
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .unwrap_or_default();
        let statute = !d.contract_rate;
        let organisation = matches!(d.profile, Profile::Business | Profile::Administration);
        let mut need = |table| {
            needed.insert(at(table));
        };
        match (country.as_str(), d.profile) {
            ("FR", Profile::Business) => {
                if statute {
                    need(RateTable::Ecb);
                }
                need(RateTable::FranceLegal);
            }
            ("FR", Profile::Administration) if statute => need(RateTable::Ecb),
            ("FR", Profile::Individual) if statute => need(RateTable::FranceLegal),
            ("ES", _) if organisation && statute => need(RateTable::Spain),
            ("NO", profile) => {
                if statute {
                    need(RateTable::NorwayInterest);
                }
                if profile != Profile::Individual && !d.contract_fee {
                    need(RateTable::NorwayCompensation);
                }
            }
            ("GB" | "UK", _) if organisation && statute => {
                if let Some(date) = uk::reference_date(today) {
                    needed.insert(RateKey {
                        table: RateTable::UkBankRate,
                        period: RatePeriod::Day(date),
                    });
                }
            }
            (c, _) if eu::is_member(c) && organisation && statute => need(RateTable::Ecb),
            _ => {}
        }
    }
    needed
}

/// The current period of every series on `today`: whatever the debtors,
/// [`needed_today`] needs no other rate. When `rates` knows all of these,
/// nothing needed today can be missing and no debtor need be looked at.
pub fn current_periods(today: NaiveDate) -> BTreeSet<RateKey> {
    let half = HalfYear::of(today);
    RateTable::ALL
        .iter()
        .copied()
        .filter_map(|table| match table {
            RateTable::UkBankRate => uk::reference_date(today).map(|date| RateKey {
                table,
                period: RatePeriod::Day(date),
            }),
            _ => Some(RateKey::half(table, half)),
        })
        .collect()
}

/// Those of `needed` that `rates` cannot give, in order (series, period).
pub fn missing(rates: &RateTables, needed: &BTreeSet<RateKey>) -> Vec<RateKey> {
    needed
        .iter()
        .copied()
        .filter(|k| !rates.knows(*k))
        .collect()
}

/// Every reference rate the penalties of `input` need and `rates` lack,
/// in order (series, period); empty when they can be stated in full.
///
/// [`penalty`] stops at the first missing rate; this goes on, trying again
/// with a stand-in for each rate found missing, so that every one is named
/// (a clerk sets them all at once). Other errors end the search.
pub fn missing_for(input: &PenaltyInput, rates: &RateTables) -> Vec<RateKey> {
    let mut tables = rates.clone();
    let mut found = BTreeSet::new();
    // Each turn fills at least one rate; a late period spans at most a few
    // dozen half-years, and a bound keeps a surprise from looping.
    for _ in 0..256 {
        let newly: Vec<RateKey> = match penalty(input, &tables) {
            Ok(p) => p
                .missing
                .iter()
                .filter_map(PenaltyError::missing_rate)
                .collect(),
            Err(e) => e.missing_rate().into_iter().collect(),
        };
        let newly: Vec<RateKey> = newly.into_iter().filter(|k| found.insert(*k)).collect();
        if newly.is_empty() {
            break;
        }
        for k in newly {
            tables.insert(k, Decimal::ZERO);
        }
    }
    found.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::currency::Currency;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn h(s: &str) -> HalfYear {
        HalfYear::parse(s).unwrap()
    }

    fn debtor(country: &str, profile: Profile) -> Debtor {
        Debtor {
            country: Some(country.to_string()),
            profile,
            contract_rate: false,
            contract_fee: false,
        }
    }

    fn keys(needed: &BTreeSet<RateKey>) -> Vec<String> {
        needed.iter().map(ToString::to_string).collect()
    }

    /// Every shipped rate up to 2026 H1, none after.
    fn shipped() -> RateTables {
        let mut t = RateTables::default();
        for table in [
            RateTable::Ecb,
            RateTable::FranceLegal,
            RateTable::NorwayInterest,
            RateTable::NorwayCompensation,
        ] {
            t.insert(RateKey::half(table, h("2026-H1")), Decimal::ONE);
            t.insert(RateKey::half(table, h("2025-H2")), Decimal::ONE);
        }
        t.uk_bank_rate.insert(day("2025-12-31"), Decimal::ONE);
        t
    }

    #[test]
    fn each_country_and_profile_needs_its_series_of_the_current_half_year() {
        let today = day("2026-11-30");
        let one = |d: Debtor| keys(&needed_today(today, &[d]));
        assert_eq!(
            one(debtor("FR", Profile::Business)),
            ["ecb 2026-H2", "france_legal 2026-H2"]
        );
        assert_eq!(one(debtor("FR", Profile::Administration)), ["ecb 2026-H2"]);
        assert_eq!(
            one(debtor("FR", Profile::Individual)),
            ["france_legal 2026-H2"]
        );
        assert_eq!(one(debtor("ES", Profile::Business)), ["spain 2026-H2"]);
        assert_eq!(
            one(debtor("ES", Profile::Administration)),
            ["spain 2026-H2"]
        );
        assert!(one(debtor("ES", Profile::Individual)).is_empty());
        assert_eq!(
            one(debtor("NO", Profile::Business)),
            ["norway_interest 2026-H2", "norway_compensation 2026-H2"]
        );
        assert_eq!(
            one(debtor("NO", Profile::Individual)),
            ["norway_interest 2026-H2"]
        );
        // The Bank Rate of 30 June for a day after it; of 31 December of
        // the year before for a day up to 30 June.
        assert_eq!(
            one(debtor("GB", Profile::Business)),
            ["uk_bank_rate 2026-06-30"]
        );
        assert_eq!(
            keys(&needed_today(
                day("2026-06-30"),
                &[debtor("UK", Profile::Administration)]
            )),
            ["uk_bank_rate 2025-12-31"]
        );
        assert!(one(debtor("GB", Profile::Individual)).is_empty());
        assert_eq!(one(debtor("de", Profile::Business)), ["ecb 2026-H2"]);
        assert!(one(debtor("DE", Profile::Individual)).is_empty());
        assert!(one(debtor("US", Profile::Business)).is_empty());
        assert!(
            one(Debtor {
                country: None,
                ..debtor("FR", Profile::Business)
            })
            .is_empty()
        );
        // The first half-year from 1 January.
        assert_eq!(
            keys(&needed_today(
                day("2027-01-01"),
                &[debtor("FR", Profile::Administration)]
            )),
            ["ecb 2027-H1"]
        );
    }

    #[test]
    fn no_debtor_needs_more_than_the_current_period_of_each_series() {
        let today = day("2026-11-30");
        let current = current_periods(today);
        assert_eq!(
            keys(&current),
            [
                "ecb 2026-H2",
                "france_legal 2026-H2",
                "spain 2026-H2",
                "norway_interest 2026-H2",
                "norway_compensation 2026-H2",
                "uk_bank_rate 2026-06-30"
            ]
        );
        let mut every = Vec::new();
        for country in ["FR", "ES", "NO", "GB", "UK", "DE", "US", ""] {
            for &profile in Profile::ALL {
                for (contract_rate, contract_fee) in
                    [(false, false), (true, false), (false, true), (true, true)]
                {
                    every.push(Debtor {
                        country: Some(country.to_string()),
                        profile,
                        contract_rate,
                        contract_fee,
                    });
                }
            }
        }
        assert!(needed_today(today, &every).is_subset(&current));
    }

    #[test]
    fn a_contract_s_own_rate_or_fee_needs_no_reference_rate_for_it() {
        let today = day("2026-11-30");
        let rate = |country, profile| Debtor {
            contract_rate: true,
            ..debtor(country, profile)
        };
        let one = |d: Debtor| keys(&needed_today(today, &[d]));
        // France keeps the floor of 3 × the legal rate under a contract.
        assert_eq!(one(rate("FR", Profile::Business)), ["france_legal 2026-H2"]);
        assert!(one(rate("DE", Profile::Business)).is_empty());
        assert!(one(rate("GB", Profile::Business)).is_empty());
        assert_eq!(
            one(rate("NO", Profile::Business)),
            ["norway_compensation 2026-H2"]
        );
        let both = Debtor {
            contract_fee: true,
            ..rate("NO", Profile::Business)
        };
        assert!(one(both).is_empty());
    }

    #[test]
    fn several_debtors_need_each_rate_once_in_series_order() {
        let all = [
            debtor("GB", Profile::Business),
            debtor("DE", Profile::Business),
            debtor("FR", Profile::Administration),
            debtor("FR", Profile::Business),
        ];
        assert_eq!(
            keys(&needed_today(day("2026-11-30"), &all)),
            [
                "ecb 2026-H2",
                "france_legal 2026-H2",
                "uk_bank_rate 2026-06-30"
            ]
        );
    }

    #[test]
    fn missing_names_what_the_tables_lack_and_spain_falls_back_on_the_ecb_rate() {
        let needed = needed_today(
            day("2026-11-30"),
            &[
                debtor("ES", Profile::Business),
                debtor("NO", Profile::Business),
            ],
        );
        let mut rates = shipped();
        assert_eq!(
            missing(&rates, &needed)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                "spain 2026-H2",
                "norway_interest 2026-H2",
                "norway_compensation 2026-H2"
            ]
        );
        // An ECB rate for 2026 H2 gives Spain's, derived.
        rates.insert(RateKey::half(RateTable::Ecb, h("2026-H2")), Decimal::TWO);
        assert_eq!(missing(&rates, &needed).len(), 2);
        assert!(
            missing(
                &rates,
                &needed_today(day("2026-03-01"), &[debtor("ES", Profile::Business)])
            )
            .is_empty()
        );
    }

    #[test]
    fn missing_for_names_every_rate_an_invoice_lacks() {
        let input = PenaltyInput {
            country: Some("FR"),
            profile: Profile::Business,
            currency: Currency::EUR,
            amount: 100_000,
            due_on: day("2026-05-31"),
            payments: &[],
            as_of: day("2027-01-15"),
            formal_notice_on: None,
            contract: None,
            fees_claimed: None,
        };
        let rates = shipped();
        let names: Vec<String> = missing_for(&input, &rates)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            names,
            [
                "ecb 2026-H2",
                "ecb 2027-H1",
                "france_legal 2026-H2",
                "france_legal 2027-H1"
            ]
        );
        // Norway: the interest and the compensation of the due date's half-year.
        let norway = PenaltyInput {
            country: Some("NO"),
            currency: Currency::NOK,
            due_on: day("2026-08-31"),
            as_of: day("2026-11-30"),
            ..input
        };
        let names: Vec<String> = missing_for(&norway, &rates)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            names,
            ["norway_interest 2026-H2", "norway_compensation 2026-H2"]
        );
        // Within the known half-years nothing is missing.
        let known = PenaltyInput {
            as_of: day("2026-06-30"),
            ..input
        };
        assert!(missing_for(&known, &rates).is_empty());
    }
}
