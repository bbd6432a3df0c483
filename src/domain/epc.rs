//! Bank details and the EPC payment code (EPC069-12, the "GiroCode" a
//! banking app scans): IBAN and BIC checks and the code's text.

use super::currency::Currency;
use super::money::Money;
use super::payment_reference::{is_valid_rf, mod97};

/// `iban` without spaces, upper-cased, when it is a valid IBAN (country
/// code, check digits that pass ISO 7064 MOD 97-10, 15 to 34 characters).
pub fn normalize_iban(iban: &str) -> Result<String, String> {
    let compact: String = iban
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let b = compact.as_bytes();
    if !(15..=34).contains(&b.len()) {
        return Err(format!(
            "an IBAN has 15 to 34 characters, not {}",
            compact.chars().count()
        ));
    }
    if !b[..2].iter().all(u8::is_ascii_uppercase) || !b[2..4].iter().all(u8::is_ascii_digit) {
        return Err("an IBAN starts with a country code and two check digits".into());
    }
    if !b.iter().all(u8::is_ascii_alphanumeric) {
        return Err("an IBAN has only letters and digits".into());
    }
    if mod97(b[4..].iter().chain(&b[..4]).copied()) != 1 {
        return Err("the IBAN's check digits are wrong (a typing error?)".into());
    }
    Ok(compact)
}

/// `bic` upper-cased when it is a BIC: 4 letters (bank), 2 letters
/// (country), 2 letters or digits (place), optionally 3 more (branch).
pub fn normalize_bic(bic: &str) -> Result<String, String> {
    let b = bic.trim().to_ascii_uppercase();
    let bytes = b.as_bytes();
    let ok = matches!(bytes.len(), 8 | 11)
        && bytes[..6].iter().all(u8::is_ascii_uppercase)
        && bytes[6..].iter().all(u8::is_ascii_alphanumeric);
    if ok {
        Ok(b)
    } else {
        Err("a BIC has 8 or 11 letters and digits (AAAABBCC or AAAABBCCDDD)".into())
    }
}

/// What the EPC code asks the payer's bank to transfer.
#[derive(Clone, Debug, PartialEq)]
pub struct Transfer<'a> {
    /// The beneficiary: the company's name.
    pub name: &'a str,
    pub iban: &'a str,
    pub bic: &'a str,
    pub amount: Money,
    /// An RF creditor reference (electronic form), when there is one.
    pub reference: Option<&'a str>,
    /// Free text for the payee when there is no reference (invoice numbers).
    pub text: &'a str,
}

/// The text of the EPC069-12 code (version 002, UTF-8, SEPA credit
/// transfer), or `None` when the transfer cannot be one: not in euros, an
/// amount out of 0.01–999 999 999.99, a bad IBAN or BIC, no name.
pub fn epc_payload(t: &Transfer) -> Option<String> {
    if t.amount.currency != Currency::EUR || t.amount.minor < 1 || t.amount.minor > 99_999_999_999 {
        return None;
    }
    let iban = normalize_iban(t.iban).ok()?;
    let bic = normalize_bic(t.bic).ok()?;
    let name: String = clip(t.name, 70);
    if name.is_empty() {
        return None;
    }
    let reference = t
        .reference
        .map(|r| r.replace(' ', ""))
        .filter(|r| is_valid_rf(r));
    let text = if reference.is_some() {
        String::new()
    } else {
        clip(t.text, 140)
    };
    let lines = [
        "BCD".to_string(),
        "002".into(),
        "1".into(),
        "SCT".into(),
        bic,
        name,
        iban,
        format!("EUR{}", t.amount.decimal_string()),
        String::new(),
        reference.unwrap_or_default(),
        text,
    ];
    Some(lines.join("\n").trim_end_matches('\n').to_string())
}

/// At most `n` characters of `s` on one line, without control characters.
fn clip(s: &str, n: usize) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(n)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checked() {
        assert_eq!(
            normalize_iban("fr76 3000 6000 0112 3456 7890 189").unwrap(),
            "FR7630006000011234567890189"
        );
        assert!(normalize_iban("GB82 WEST 1234 5698 7654 32").is_ok());
        assert!(normalize_iban("NO93 8601 1117 947").is_ok());
        assert!(normalize_iban("GB82 WEST 1234 5698 7654 33").is_err());
        assert!(normalize_iban("FR76").is_err());
        assert!(normalize_iban("7676 3000 6000 0112 3456 7890 189").is_err());
    }

    #[test]
    fn bics_are_checked() {
        assert_eq!(normalize_bic("bnpafrpp").unwrap(), "BNPAFRPP");
        assert!(normalize_bic("DEUTDEFF500").is_ok());
        assert!(normalize_bic("BNPAFR").is_err());
        assert!(normalize_bic("1NPAFRPP").is_err());
    }

    #[test]
    fn the_payload_follows_the_epc_layout() {
        let t = Transfer {
            name: "Atelier Boréal SARL",
            iban: "FR76 3000 6000 0112 3456 7890 189",
            bic: "BNPAFRPP",
            amount: Money::new(545_000, Currency::EUR),
            reference: Some("RF18 5390 0754 7034"),
            text: "F-1, F-2",
        };
        assert_eq!(
            epc_payload(&t).unwrap(),
            "BCD\n002\n1\nSCT\nBNPAFRPP\nAtelier Boréal SARL\nFR7630006000011234567890189\nEUR5450.00\n\nRF18539007547034"
        );
        let no_ref = Transfer {
            reference: None,
            ..t.clone()
        };
        assert!(
            epc_payload(&no_ref)
                .unwrap()
                .ends_with("EUR5450.00\n\n\nF-1, F-2")
        );
        let gbp = Transfer {
            amount: Money::new(100, Currency::GBP),
            ..t.clone()
        };
        assert_eq!(epc_payload(&gbp), None);
        let bad = Transfer {
            iban: "FR77 3000 6000 0112 3456 7890 189",
            ..t
        };
        assert_eq!(epc_payload(&bad), None);
    }
}
