//! Known references, a second way to compute the check digits, and
//! properties over generated invoice numbers.

use proptest::prelude::*;

use super::*;

/// MOD 97 the long way: the whole number written out as decimal digits,
/// reduced nine digits at a time.
fn mod97_by_text(s: &str) -> u64 {
    let digits: String = s
        .chars()
        .map(|c| match c.to_digit(36) {
            Some(v) => v.to_string(),
            None => String::new(),
        })
        .collect();
    let mut rest = String::new();
    for ch in digits.chars() {
        rest.push(ch);
        if rest.len() >= 9 {
            rest = (rest.parse::<u64>().unwrap() % 97).to_string();
        }
    }
    rest.parse::<u64>().unwrap_or(0) % 97
}

/// Luhn validation as usually written: double every second digit from the
/// right of the whole number, check digit included.
fn luhn_ok(s: &str) -> bool {
    let mut sum = 0;
    for (i, c) in s.chars().rev().enumerate() {
        let mut d = c.to_digit(10).unwrap();
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

#[test]
fn the_published_rf_examples_validate() {
    assert!(is_valid_rf("RF18539007547034"));
    assert!(is_valid_rf("RF18 5390 0754 7034"));
    assert!(is_valid_rf("RF712348231"));
    assert!(!is_valid_rf("RF19539007547034"));
    assert!(!is_valid_rf("RF18539007547035"));
    assert!(!is_valid_rf("XX18539007547034"));
    assert!(!is_valid_rf("RF18"));
    assert_eq!(rf("539007547034").as_deref(), Some("RF18539007547034"));
    assert_eq!(rf("2348231").as_deref(), Some("RF712348231"));
    assert_eq!(grouped("RF18539007547034"), "RF18 5390 0754 7034");
}

#[test]
fn an_invoice_number_keeps_its_letters_and_digits() {
    let r = rf("INV-2026/0418").unwrap();
    assert!(r.ends_with("INV20260418"), "{r}");
    assert!(is_valid_rf(&r));
    assert_eq!(rf("inv-2026-0418"), rf("INV 2026 0418"));
    assert_eq!(rf("---"), None);
    assert_eq!(rf(&"9".repeat(22)), None);
    assert!(rf(&"9".repeat(21)).is_some());
}

#[test]
fn kid_examples() {
    assert_eq!(kid("1234567").as_deref(), Some("12345674"));
    assert!(is_valid_kid("12345674"));
    assert!(!is_valid_kid("12345675"));
    assert!(!is_valid_kid("1"));
    assert_eq!(kid("FAK-2026-0418").as_deref(), Some("202604187"));
    assert!(luhn_ok("202604187"));
    assert_eq!(kid("ABC"), None);
    assert_eq!(
        for_invoice("F-1", Currency::NOK, Scheme::KidForNok).as_deref(),
        Some("18")
    );
    assert!(
        for_invoice("F-1", Currency::EUR, Scheme::KidForNok)
            .unwrap()
            .starts_with("RF")
    );
    assert!(
        for_invoice("F-1", Currency::NOK, Scheme::Rf)
            .unwrap()
            .starts_with("RF")
    );
}

proptest! {
    #[test]
    fn every_rf_reference_validates(number in "[A-Za-z0-9 /._-]{1,30}") {
        if let Some(r) = rf(&number) {
            prop_assert!(is_valid_rf(&r), "{r}");
            prop_assert!(is_valid_rf(&grouped(&r)), "{r}");
            // The same check by a second computation.
            let moved = format!("{}{}", &r[4..], &r[..4]);
            prop_assert_eq!(mod97_by_text(&moved), 1);
        } else {
            let base = rf_base(&number);
            prop_assert!(base.is_empty() || base.len() > RF_MAX_BASE);
        }
    }

    #[test]
    fn different_numbers_give_different_references(
        a in "[A-Z0-9-]{1,21}",
        b in "[A-Z0-9-]{1,21}",
    ) {
        if let (Some(ra), Some(rb)) = (rf(&a), rf(&b)) {
            prop_assert_eq!(ra == rb, rf_base(&a) == rf_base(&b));
        }
    }

    #[test]
    fn every_kid_validates(number in "[A-Z0-9-]{1,30}") {
        if let Some(k) = kid(&number) {
            prop_assert!(is_valid_kid(&k), "{k}");
            prop_assert!(luhn_ok(&k), "{k}");
        }
    }

    #[test]
    fn one_changed_digit_breaks_a_kid(digits in "[0-9]{1,20}", at in 0usize..20, to in 0u8..10) {
        let k = kid(&digits).unwrap();
        let at = at % k.len();
        let mut bytes = k.clone().into_bytes();
        prop_assume!(bytes[at] != b'0' + to);
        bytes[at] = b'0' + to;
        prop_assert!(!is_valid_kid(&String::from_utf8(bytes).unwrap()));
    }
}
