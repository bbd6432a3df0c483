//! Structured payment references a client quotes when paying: the RF
//! creditor reference (ISO 11649) and the Norwegian KID (MOD10).

use super::currency::Currency;

/// Most characters after `RF` and the check digits in an RF reference.
pub const RF_MAX_BASE: usize = 21;
/// Most digits of a KID, its check digit included.
pub const KID_MAX: usize = 25;

/// Which reference a team gives its invoices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// The RF creditor reference for every invoice.
    Rf,
    /// The KID for invoices in NOK, the RF reference for the others.
    KidForNok,
}

/// The reference of invoice `number` in `currency` under `scheme`, or
/// `None` when the number has nothing to build one from (no letter or
/// digit, or too many of them).
pub fn for_invoice(number: &str, currency: Currency, scheme: Scheme) -> Option<String> {
    match scheme {
        Scheme::KidForNok if currency == Currency::NOK => kid(number),
        _ => rf(number),
    }
}

/// The ASCII letters and digits of `number`, upper-cased: what an RF
/// reference carries.
pub fn rf_base(number: &str) -> String {
    number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The RF creditor reference of invoice `number` in its electronic form
/// (`RF18539007547034`): `RF`, two check digits, then the number's letters
/// and digits. `None` when it has none, or more than 21.
pub fn rf(number: &str) -> Option<String> {
    let base = rf_base(number);
    if base.is_empty() || base.len() > RF_MAX_BASE {
        return None;
    }
    let check = 98 - mod97(base.bytes().chain(*b"RF00"));
    Some(format!("RF{check:02}{base}"))
}

/// Whether `reference` (spaces allowed) is a valid RF creditor reference.
pub fn is_valid_rf(reference: &str) -> bool {
    let compact: String = reference.chars().filter(|c| *c != ' ').collect();
    let bytes = compact.as_bytes();
    if bytes.len() < 5 || bytes.len() > 4 + RF_MAX_BASE || !compact.starts_with("RF") {
        return false;
    }
    if !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes[4..]
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return false;
    }
    mod97(bytes[4..].iter().chain(&bytes[..4]).copied()) == 1
}

/// ISO 7064 MOD 97-10 over characters where a digit is itself and a letter
/// `A`–`Z` is 10–35.
pub fn mod97(chars: impl IntoIterator<Item = u8>) -> u32 {
    chars.into_iter().fold(0u32, |acc, b| match b {
        b'0'..=b'9' => (acc * 10 + u32::from(b - b'0')) % 97,
        b'A'..=b'Z' => (acc * 100 + u32::from(b - b'A') + 10) % 97,
        b'a'..=b'z' => (acc * 100 + u32::from(b - b'a') + 10) % 97,
        _ => acc,
    })
}

/// `reference` in groups of four for print: `RF18 5390 0754 7034`.
pub fn grouped(reference: &str) -> String {
    let chars: Vec<char> = reference.chars().filter(|c| *c != ' ').collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The KID of invoice `number`: its digits followed by a MOD10 (Luhn)
/// check digit. `None` when it has no digit, or more than 24.
pub fn kid(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() >= KID_MAX {
        return None;
    }
    let check = luhn_check_digit(&digits);
    Some(format!("{digits}{check}"))
}

/// Whether `kid` is 2 to 25 digits whose last is the MOD10 check digit of
/// the others.
pub fn is_valid_kid(kid: &str) -> bool {
    let n = kid.len();
    (2..=KID_MAX).contains(&n)
        && kid.bytes().all(|b| b.is_ascii_digit())
        && luhn_check_digit(&kid[..n - 1]) == kid.as_bytes()[n - 1] - b'0'
}

/// The MOD10 check digit of `digits` (ASCII digits only): every second
/// digit from the right, starting with the last, doubled (and its digits
/// summed).
fn luhn_check_digit(digits: &str) -> u8 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b.saturating_sub(b'0'));
            if i % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

#[cfg(test)]
#[path = "payment_reference_tests.rs"]
mod tests;
