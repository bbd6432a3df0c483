//! ISO 4217 currencies and the number of minor-unit digits each one uses.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::money::MoneyError;

/// An ISO 4217 currency: its three-letter code and its minor-unit exponent
/// (EUR 2, JPY 0, BHD 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Active ISO 4217 codes whose minor unit is not 2 digits.
const EXPONENTS: &[(&str, u8)] = &[
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("RWF", 0),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
    ("CLF", 4),
    ("UYW", 4),
];

/// Active ISO 4217 codes with a two-digit minor unit.
const TWO_DIGIT: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
    "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR",
    "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
    "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
    "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "XCG", "YER",
    "ZAR", "ZMW", "ZWG",
];

impl Currency {
    /// The currency for an ISO 4217 code (case and surrounding spaces ignored).
    pub fn from_code(code: &str) -> Result<Currency, MoneyError> {
        let upper = code.trim().to_ascii_uppercase();
        let exponent = EXPONENTS
            .iter()
            .find(|(c, _)| *c == upper)
            .map(|(_, e)| *e)
            .or_else(|| TWO_DIGIT.contains(&upper.as_str()).then_some(2))
            .ok_or_else(|| MoneyError::UnknownCurrency(code.trim().to_string()))?;
        let b = upper.as_bytes();
        Ok(Currency {
            code: [b[0], b[1], b[2]],
            exponent,
        })
    }

    /// The three-letter code, e.g. `EUR`.
    pub fn code(&self) -> &str {
        // The bytes come from the ASCII tables above.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// Number of minor-unit digits (2 for EUR, 0 for JPY, 3 for BHD).
    pub fn exponent(&self) -> u32 {
        u32::from(self.exponent)
    }

    pub const EUR: Currency = Currency {
        code: *b"EUR",
        exponent: 2,
    };
    pub const GBP: Currency = Currency {
        code: *b"GBP",
        exponent: 2,
    };
    pub const NOK: Currency = Currency {
        code: *b"NOK",
        exponent: 2,
    };
    pub const USD: Currency = Currency {
        code: *b"USD",
        exponent: 2,
    };
    pub const JPY: Currency = Currency {
        code: *b"JPY",
        exponent: 0,
    };
    pub const BHD: Currency = Currency {
        code: *b"BHD",
        exponent: 3,
    };
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Every currency this build knows, for tests and generators.
pub fn all() -> impl Iterator<Item = Currency> {
    EXPONENTS
        .iter()
        .map(|(c, _)| *c)
        .chain(TWO_DIGIT.iter().copied())
        .filter_map(|c| Currency::from_code(c).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents_follow_iso_4217() {
        assert_eq!(Currency::from_code("eur").unwrap().exponent(), 2);
        assert_eq!(Currency::from_code("JPY").unwrap().exponent(), 0);
        assert_eq!(Currency::from_code(" BHD ").unwrap().exponent(), 3);
        assert_eq!(Currency::from_code("CLF").unwrap().exponent(), 4);
        assert!(Currency::from_code("XXX").is_err());
        assert!(Currency::from_code("EU").is_err());
        assert_eq!(Currency::from_code("nok").unwrap(), Currency::NOK);
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = all().map(|c| c.code().to_string()).collect();
        let n = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }
}
