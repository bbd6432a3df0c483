//! One amount as a person or a cell writes it, in a known currency: the
//! currency symbol or code checked against it, a lone `.` or `,` before three
//! digits decided, the digits read. The import's cells and the amounts typed
//! in `dun log` and the workbench's forms are read by these same rules.

use super::{AmountError, DecimalSeparator, column_separator, parse_amount, strip};
use crate::domain::currency::Currency;
use crate::domain::invoice::MAX_AMOUNT;

/// Reads an amount typed for `currency` into its minor units, by the rules
/// an import applies to a column holding only this value: a currency symbol
/// or code must be `currency`'s ([`AmountError::WrongCurrency`]); a decimal
/// separator the value shows is taken; `1.000` or `1,000` is a thousand in
/// a currency of two decimals or none, `0.500` is three decimals
/// (refused there); more than [`MAX_AMOUNT`] is refused.
pub fn parse_typed(s: &str, currency: Currency) -> Result<i64, AmountError> {
    check_currency(s, currency)?;
    let sep = separator_for(s, column_separator(&[s])?, currency.exponent())?;
    parse_in(s, sep, currency)
}

/// [`parse_amount`] in `currency`, refusing more than [`MAX_AMOUNT`].
pub fn parse_in(s: &str, sep: DecimalSeparator, currency: Currency) -> Result<i64, AmountError> {
    let minor = parse_amount(s, sep, currency.exponent())?;
    if minor.unsigned_abs() > MAX_AMOUNT.unsigned_abs() {
        return Err(AmountError::TooLarge(s.trim().to_string()));
    }
    Ok(minor)
}

/// `Err(WrongCurrency)` when `s` is written with the symbol or code of
/// another currency than `currency`.
pub fn check_currency(s: &str, currency: Currency) -> Result<(), AmountError> {
    check_marker(s, currency.code()).map_err(|marker| AmountError::WrongCurrency {
        value: s.trim().to_string(),
        written: written_as(&marker),
        currency: currency.code().to_string(),
    })
}

/// The decimal separator to read `s` with, given its column's (`None` when
/// no value of the column shows it). A value that could be read either way
/// (one `.` or `,` before three digits) in such a column: after `0` it is a
/// decimal separator (`0.500`); otherwise it groups thousands when three
/// decimals do not fit the currency (`1.000` EUR is a thousand), and where
/// they would fit (BHD) nobody can tell ([`AmountError::Ambiguous`]).
pub fn separator_for(
    s: &str,
    column: Option<DecimalSeparator>,
    exponent: u32,
) -> Result<DecimalSeparator, AmountError> {
    let written = match (column, ambiguous_separator(s)) {
        (Some(sep), _) => return Ok(sep),
        (None, None) => return Ok(DecimalSeparator::Dot),
        (None, Some(written)) => written,
    };
    let zero_units = strip(s).is_ok_and(|st| {
        st.body
            .split(written.as_char())
            .next()
            .is_some_and(|units| units.bytes().all(|b| b == b'0'))
    });
    if zero_units {
        Ok(written)
    } else if exponent < 3 {
        Ok(match written {
            DecimalSeparator::Dot => DecimalSeparator::Comma,
            DecimalSeparator::Comma => DecimalSeparator::Dot,
        })
    } else {
        Err(AmountError::Ambiguous(s.trim().to_string()))
    }
}

/// What a currency symbol or code names, for messages: `JPY`, `£ (GBP)`,
/// `$ (a dollar)`, `kr (NOK, SEK, DKK or ISK)`.
pub fn written_as(marker: &str) -> String {
    let names = match marker {
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY or CNY",
        "US$" => "USD",
        "CA$" | "C$" => "CAD",
        "AU$" | "A$" => "AUD",
        "NZ$" => "NZD",
        "HK$" => "HKD",
        "S$" => "SGD",
        "R$" => "BRL",
        "$" => "a dollar or peso",
        "kr" | "kr." | "Kr" | "Kr." | "KR" => "NOK, SEK, DKK or ISK",
        "Fr." => "CHF",
        "zł" => "PLN",
        "₹" | "Rs" | "Rs." => "INR, PKR or LKR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        "₫" => "VND",
        "₴" => "UAH",
        "₦" => "NGN",
        "₱" => "PHP",
        code => return code.to_ascii_uppercase(),
    };
    format!("{marker} ({names})")
}

/// The separator a value would have to use as its decimal point to be read
/// as a decimal, when it could as well be grouping thousands: one `.` or one
/// `,`, followed by exactly three digits (`1.000`, `12,500`). `None` for any
/// other value.
pub fn ambiguous_separator(s: &str) -> Option<DecimalSeparator> {
    let body = strip(s).ok()?.body;
    let single = |c: char| body.matches(c).count() == 1;
    let (pos, sep) = match (body.find('.'), body.find(',')) {
        (Some(p), None) if single('.') => (p, DecimalSeparator::Dot),
        (None, Some(p)) if single(',') => (p, DecimalSeparator::Comma),
        _ => return None,
    };
    let after = &body[pos + 1..];
    (after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit())).then_some(sep)
}

/// Whether a currency symbol or code written with an amount fits the
/// currency `code` (`€` EUR, `£` GBP, `kr` NOK/SEK/DKK/ISK, `$` any dollar…).
/// `Err` names what was written when it does not.
pub fn check_marker(s: &str, code: &str) -> Result<(), String> {
    let Some(marker) = strip(s).ok().and_then(|st| st.marker) else {
        return Ok(());
    };
    let fits = match marker {
        "€" => code == "EUR",
        "£" => code == "GBP",
        "¥" => code == "JPY" || code == "CNY",
        "US$" => code == "USD",
        "CA$" | "C$" => code == "CAD",
        "AU$" | "A$" => code == "AUD",
        "NZ$" => code == "NZD",
        "HK$" => code == "HKD",
        "S$" => code == "SGD",
        "R$" => code == "BRL",
        "$" => {
            code.ends_with('D') || code == "MXN" || code == "ARS" || code == "CLP" || code == "COP"
        }
        "kr" | "kr." | "Kr" | "Kr." | "KR" => matches!(code, "NOK" | "SEK" | "DKK" | "ISK"),
        "Fr." => code == "CHF",
        "zł" => code == "PLN",
        "₹" | "Rs" | "Rs." => code == "INR" || code == "PKR" || code == "LKR",
        "₩" => code == "KRW",
        "₽" => code == "RUB",
        "₺" => code == "TRY",
        "₪" => code == "ILS",
        "₫" => code == "VND",
        "₴" => code == "UAH",
        "₦" => code == "NGN",
        "₱" => code == "PHP",
        other if other.len() == 3 => other.eq_ignore_ascii_case(code),
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(marker.to_string())
    }
}
