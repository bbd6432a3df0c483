//! Property tests of the domain rules: money round-trips through its written
//! forms, aging buckets add up to the total, and aging moves the right way
//! as the as-of date advances.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use dun::domain::aging::{AgingItem, AgingReport, Bucket, age};
use dun::domain::currency::{self, Currency};
use dun::domain::invoice::{days_overdue, outstanding};
use dun::domain::language::Language;
use dun::domain::money::Money;
use dun::domain::money_format::{format_money, format_number, parse_money};

fn all_currencies() -> Vec<Currency> {
    currency::all().collect()
}

fn any_currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(all_currencies())
}

fn any_language() -> impl Strategy<Value = Language> {
    prop::sample::select(Language::ALL.to_vec())
}

/// Minor amounts over the whole i64 range, with extra weight on the edges,
/// on zero and on everyday amounts.
fn any_minor() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        -1_000_000_000_000_000i64..1_000_000_000_000_000,
        -1_000_000i64..1_000_000,
        -1_000i64..1_000,
        Just(0i64),
        Just(i64::MIN),
        Just(i64::MAX),
        Just(i64::MIN + 1),
        Just(i64::MAX / 10_000),
        Just(i64::MIN / 10_000),
    ]
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn day(offset: i64) -> NaiveDate {
    if offset >= 0 {
        base() + Days::new(offset as u64)
    } else {
        base() - Days::new(offset.unsigned_abs())
    }
}

/// An invoice in EUR, JPY, BHD or USD issued within about four years, due
/// 0–120 days later, with payments on or after issue that never sum to more
/// than the amount (sometimes exactly the amount).
fn any_item() -> impl Strategy<Value = AgingItem> {
    let currencies = vec![Currency::EUR, Currency::JPY, Currency::BHD, Currency::USD];
    (
        prop::sample::select(currencies),
        0i64..1500,
        0i64..=120,
        prop_oneof![1i64..1_000, 1i64..10_000_000_000],
        prop::collection::vec((0i64..1500, 0u32..=1000), 0..5),
    )
        .prop_map(|(currency, issue, terms, amount, parts)| {
            let issued_on = day(issue);
            let mut remaining = amount;
            let mut payments = Vec::new();
            for (after, per_mille) in parts {
                let paid = i128::from(remaining) * i128::from(per_mille) / 1000;
                let paid = i64::try_from(paid).unwrap_or(0);
                if paid > 0 {
                    remaining -= paid;
                    payments.push((day(issue + after), paid));
                }
            }
            AgingItem {
                currency,
                issued_on,
                due_on: day(issue + terms),
                amount,
                payments,
            }
        })
}

fn any_items() -> impl Strategy<Value = Vec<AgingItem>> {
    prop::collection::vec(any_item(), 0..25)
}

fn any_as_of() -> impl Strategy<Value = NaiveDate> {
    (-100i64..1800).prop_map(day)
}

/// Items and an as-of date that is often one of their own dates (issue, due,
/// payment) or the day before, where off-by-one mistakes show.
fn items_and_as_of() -> impl Strategy<Value = (Vec<AgingItem>, NaiveDate)> {
    any_items().prop_flat_map(|items| {
        let mut dates: Vec<NaiveDate> = items
            .iter()
            .flat_map(|i| {
                let paid = i.payments.iter().map(|(on, _)| *on);
                [i.issued_on, i.due_on].into_iter().chain(paid)
            })
            .flat_map(|d| [d, d - Days::new(1)])
            .collect();
        dates.push(base());
        (
            Just(items),
            prop_oneof![any_as_of(), prop::sample::select(dates)],
        )
    })
}

/// Outstanding total per currency code straight from the report.
fn totals(report: &AgingReport) -> BTreeMap<String, i128> {
    report
        .totals
        .iter()
        .map(|t| (t.currency.code().to_string(), t.outstanding))
        .collect()
}

proptest! {
    #[test]
    fn money_round_trips_through_every_language(
        currency in any_currency(),
        minor in any_minor(),
        lang in any_language(),
    ) {
        let m = Money::new(minor, currency);
        let written = format_money(m, lang);
        prop_assert_eq!(parse_money(&written, lang, currency), Ok(m), "{:?}", written);
        let number = format_number(minor, currency.exponent(), lang);
        prop_assert_eq!(parse_money(&number, lang, currency), Ok(m), "{:?}", number);
    }

    #[test]
    fn money_round_trips_through_the_plain_form(
        currency in any_currency(),
        minor in any_minor(),
    ) {
        let m = Money::new(minor, currency);
        prop_assert_eq!(Money::parse_plain(&m.decimal_string(), currency), Ok(m));
    }

    #[test]
    fn aging_buckets_add_up_to_the_total((items, as_of) in items_and_as_of()) {
        let report = age(&items, as_of);
        prop_assert_eq!(report.as_of, as_of);

        // Direct computation: per currency, the open items' outstanding,
        // their count, and their count per bucket.
        let mut expected: BTreeMap<String, (i128, u64, [u64; 5])> = BTreeMap::new();
        for item in items.iter().filter(|i| i.issued_on <= as_of) {
            let open = outstanding(item.amount, &item.payments, as_of);
            prop_assert!(open >= 0);
            if open > 0 {
                let bucket = Bucket::for_days(days_overdue(item.due_on, open, as_of));
                let e = expected.entry(item.currency.code().to_string()).or_default();
                e.0 += i128::from(open);
                e.1 += 1;
                e.2[bucket.index()] += 1;
            }
        }

        let codes: Vec<&str> = report.totals.iter().map(|t| t.currency.code()).collect();
        let expected_codes: Vec<&str> = expected.keys().map(String::as_str).collect();
        prop_assert_eq!(codes, expected_codes);

        for entry in &report.totals {
            let buckets: Vec<Bucket> = entry.buckets.iter().map(|b| b.bucket).collect();
            prop_assert_eq!(buckets, Bucket::ALL.to_vec());
            let sum: i128 = entry.buckets.iter().map(|b| b.outstanding).sum();
            prop_assert_eq!(sum, entry.outstanding);
            prop_assert!(entry.buckets.iter().all(|b| b.outstanding >= 0));
            let (total, count, per_bucket) = expected[entry.currency.code()];
            prop_assert_eq!(entry.outstanding, total);
            prop_assert_eq!(entry.count(), count);
            let counts: Vec<u64> = entry.buckets.iter().map(|b| b.count).collect();
            prop_assert_eq!(counts, per_bucket.to_vec());
        }
    }

    #[test]
    fn aging_moves_forward_with_the_as_of_date(
        (items, d1) in items_and_as_of(),
        later in prop_oneof![0u64..3, 0u64..800],
    ) {
        let d2 = d1 + Days::new(later);
        let known: Vec<AgingItem> = items.into_iter().filter(|i| i.issued_on <= d1).collect();
        for item in &known {
            let at_d1 = outstanding(item.amount, &item.payments, d1);
            let at_d2 = outstanding(item.amount, &item.payments, d2);
            prop_assert!(at_d2 <= at_d1, "{at_d2} > {at_d1}");
            if at_d2 > 0 {
                prop_assert!(
                    days_overdue(item.due_on, at_d2, d2) >= days_overdue(item.due_on, at_d1, d1)
                );
            }
        }
        let before = totals(&age(&known, d1));
        let after = totals(&age(&known, d2));
        for (code, total) in &after {
            prop_assert!(before.get(code).is_some_and(|b| total <= b), "{code}");
        }
    }

    #[test]
    fn bucket_floors_agree_with_days_overdue(
        as_of in (0i64..47_000).prop_map(|o| day(o - 18_262)),
        far in -400i64..2_000,
    ) {
        // Every offset around the bucket edges, plus one anywhere.
        for offset in (-3i64..=95).chain([far]) {
            let due = if offset >= 0 {
                as_of - Days::new(offset as u64)
            } else {
                as_of + Days::new(offset.unsigned_abs())
            };
            let by_floor = Bucket::ALL.iter().copied()
                .find(|b| b.floor(as_of).is_none_or(|f| f <= due));
            let days = (as_of - due).num_days();
            prop_assert_eq!(days, offset);
            prop_assert_eq!(by_floor, Some(Bucket::for_days(days)), "offset {}", offset);
        }
    }
}
