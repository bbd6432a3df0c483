//! Reads amounts as written in spreadsheets (`1234.56`, `1 234,56`, `1.234,56`,
//! `(12.50)`, `€1,234.56`) into minor units, and detects a column's decimal separator.

/// The character between the units and the decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalSeparator {
    /// `1234.56`; `,` may group thousands.
    Dot,
    /// `1234,56`; `.` may group thousands.
    Comma,
}

impl DecimalSeparator {
    /// The decimal separator itself.
    pub fn as_char(self) -> char {
        match self {
            DecimalSeparator::Dot => '.',
            DecimalSeparator::Comma => ',',
        }
    }

    /// The other one of `.` and `,`, which groups thousands.
    pub fn grouping_char(self) -> char {
        match self {
            DecimalSeparator::Dot => ',',
            DecimalSeparator::Comma => '.',
        }
    }

    /// `dot` or `comma`, for messages.
    pub fn label(self) -> &'static str {
        match self {
            DecimalSeparator::Dot => "dot",
            DecimalSeparator::Comma => "comma",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("the amount is empty")]
    Empty,
    #[error("{value:?} is not an amount: {reason}")]
    NotAnAmount { value: String, reason: &'static str },
    #[error("{value:?}: {}", too_precise(*decimals, *exponent))]
    TooPrecise {
        value: String,
        decimals: u32,
        exponent: u32,
    },
    #[error("{value:?} is in {written}, not {currency}")]
    WrongCurrency {
        value: String,
        written: String,
        currency: String,
    },
    #[error("{0:?} could be read either way (is `.` or `,` a decimal or a thousands separator?)")]
    Ambiguous(String),
    #[error("{0:?} is too large")]
    TooLarge(String),
    #[error(
        "amounts disagree on the decimal separator: {dot_example:?} has a decimal dot, \
         {comma_example:?} a decimal comma"
    )]
    ConflictingSeparators {
        dot_example: String,
        comma_example: String,
    },
}

/// `three decimals in a currency of two`, for messages.
fn too_precise(decimals: u32, exponent: u32) -> String {
    const WORDS: [&str; 5] = ["none", "one", "two", "three", "four"];
    let word = |n: u32| {
        usize::try_from(n)
            .ok()
            .and_then(|i| WORDS.get(i))
            .map_or_else(|| n.to_string(), |w| (*w).to_string())
    };
    let plural = if decimals == 1 { "" } else { "s" };
    format!(
        "{} decimal{plural} in a currency of {}",
        word(decimals),
        word(exponent)
    )
}

/// Currency symbols accepted (and ignored) before or after an amount, longest
/// first where one is the start of another. Any 3 ASCII letters (`EUR`, `nok`)
/// are accepted too.
const SYMBOLS: &[&str] = &[
    "US$", "CA$", "AU$", "NZ$", "HK$", "R$", "C$", "A$", "S$", "kr.", "Kr.", "kr", "Kr", "KR",
    "Rs.", "Rs", "Fr.", "zł", "€", "$", "£", "¥", "₹", "₩", "₽", "₺", "₪", "₫", "₴", "₦", "₱", "¢",
];

/// Spaces and apostrophes (`'`, `’`) that may group thousands, besides the
/// non-decimal one of `.` and `,`.
const GROUP_SPACES: [char; 6] = [' ', '\u{00A0}', '\u{202F}', '\u{2009}', '\'', '\u{2019}'];

/// An amount with its sign and currency decorations removed.
struct Stripped<'a> {
    body: &'a str,
    negative: bool,
    /// The currency symbol or code written with the amount, if any.
    marker: Option<&'a str>,
}

fn not_an_amount(value: &str, reason: &'static str) -> AmountError {
    AmountError::NotAnAmount {
        value: value.to_string(),
        reason,
    }
}

fn is_minus(c: char) -> bool {
    c == '-' || c == '\u{2212}'
}

/// `(marker, rest)` when `t` starts with a currency symbol or code.
fn currency_prefix(t: &str) -> Option<(&str, &str)> {
    for sym in SYMBOLS {
        if let Some(rest) = t.strip_prefix(sym) {
            return Some((sym, rest));
        }
    }
    let b = t.as_bytes();
    if b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_alphabetic)
        && !t[3..].starts_with(char::is_alphabetic)
    {
        return Some((&t[..3], &t[3..]));
    }
    None
}

/// `(marker, rest)` when `t` ends with a currency symbol or code.
fn currency_suffix(t: &str) -> Option<(&str, &str)> {
    for sym in SYMBOLS {
        if let Some(rest) = t.strip_suffix(sym) {
            return Some((sym, rest));
        }
    }
    let b = t.as_bytes();
    let n = b.len();
    if n >= 3
        && b[n - 3..].iter().all(u8::is_ascii_alphabetic)
        && !t[..n - 3].ends_with(char::is_alphabetic)
    {
        return Some((&t[n - 3..], &t[..n - 3]));
    }
    None
}

/// Removes a sign (`-`, `+`, trailing `-`, accounting parentheses) and one
/// currency symbol or code, in any reasonable order.
fn strip(value: &str) -> Result<Stripped<'_>, AmountError> {
    let mut t = value.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut signs = 0;
    let mut negative = false;
    let mut parens = false;
    let mut marker: Option<&str> = None;
    loop {
        t = t.trim();
        if !parens && t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
            parens = true;
            signs += 1;
            negative = true;
            t = &t[1..t.len() - 1];
            continue;
        }
        if let Some(c) = t.chars().next()
            && (is_minus(c) || c == '+')
        {
            signs += 1;
            negative = is_minus(c);
            t = &t[c.len_utf8()..];
            continue;
        }
        if let Some(c) = t.chars().next_back()
            && is_minus(c)
        {
            signs += 1;
            negative = true;
            t = &t[..t.len() - c.len_utf8()];
            continue;
        }
        if marker.is_none()
            && let Some((m, rest)) = currency_prefix(t).or_else(|| currency_suffix(t))
        {
            marker = Some(m);
            t = rest;
            continue;
        }
        break;
    }
    if signs > 1 {
        return Err(not_an_amount(value, "it has more than one sign"));
    }
    if t.is_empty() {
        return Err(not_an_amount(value, "there are no digits"));
    }
    if t.contains(['(', ')']) {
        return Err(not_an_amount(value, "the parentheses do not match"));
    }
    Ok(Stripped {
        body: t,
        negative,
        marker,
    })
}

/// Reads an amount into minor units of a currency with `exponent` decimals.
///
/// Accepts a leading `-` or `+`, a trailing `-`, or accounting parentheses for
/// negatives; a currency symbol or 3-letter code before or after (ignored: the
/// caller deals with the currency); thousands grouped by the other one of
/// `.`/`,`, a space (also no-break, narrow no-break and thin) or `'`/`’`, always in
/// groups of 3 digits. More decimals than `exponent` are refused, even zeros
/// (`12.500` is not a EUR amount). Never rounds, never uses floats.
pub fn parse_amount(s: &str, sep: DecimalSeparator, exponent: u32) -> Result<i64, AmountError> {
    let Stripped { body, negative, .. } = strip(s)?;
    let decimal = sep.as_char();
    let grouping = sep.grouping_char();
    let too_large = || AmountError::TooLarge(s.trim().to_string());

    let mut units: u128 = 0;
    let mut fraction: u128 = 0;
    let mut fraction_len: u32 = 0;
    let mut in_fraction = false;
    // Digits in the current group of the integer part, and in the first one.
    let mut group_len = 0u32;
    let mut first_group = true;
    let mut group_char: Option<char> = None;
    let mut prev_digit = false;

    for c in body.chars() {
        if let Some(d) = c.to_digit(10) {
            if in_fraction {
                if fraction_len < exponent {
                    fraction = fraction
                        .checked_mul(10)
                        .and_then(|f| f.checked_add(u128::from(d)))
                        .ok_or_else(too_large)?;
                }
                fraction_len += 1;
            } else {
                units = units
                    .checked_mul(10)
                    .and_then(|u| u.checked_add(u128::from(d)))
                    .ok_or_else(too_large)?;
                group_len += 1;
            }
            prev_digit = true;
        } else if c == decimal {
            if in_fraction {
                return Err(not_an_amount(s, "it has more than one decimal separator"));
            }
            if !prev_digit {
                return Err(not_an_amount(
                    s,
                    "a digit must come before the decimal separator",
                ));
            }
            if group_char.is_some() && group_len != 3 {
                return Err(not_an_amount(s, "digit groups must have 3 digits"));
            }
            in_fraction = true;
            prev_digit = false;
        } else if c == grouping || GROUP_SPACES.contains(&c) {
            if in_fraction {
                return Err(not_an_amount(
                    s,
                    if c == grouping {
                        "it has more than one decimal separator"
                    } else {
                        "digits after the decimal separator cannot be grouped"
                    },
                ));
            }
            if !prev_digit {
                return Err(not_an_amount(s, "a digit group is empty"));
            }
            if group_char.is_some_and(|g| g != c) {
                return Err(not_an_amount(
                    s,
                    "it mixes different digit grouping characters",
                ));
            }
            let ok = if first_group {
                (1..=3).contains(&group_len)
            } else {
                group_len == 3
            };
            if !ok {
                return Err(not_an_amount(s, "digit groups must have 3 digits"));
            }
            group_char = Some(c);
            first_group = false;
            group_len = 0;
            prev_digit = false;
        } else if c.is_alphabetic() {
            return Err(not_an_amount(s, "it contains letters"));
        } else {
            return Err(not_an_amount(
                s,
                "it contains a character that is not a digit or separator",
            ));
        }
    }
    if !prev_digit {
        return Err(if in_fraction {
            not_an_amount(s, "digits must follow the decimal separator")
        } else {
            not_an_amount(s, "it ends with a separator")
        });
    }
    if !in_fraction && group_char.is_some() && group_len != 3 {
        return Err(not_an_amount(s, "digit groups must have 3 digits"));
    }
    if fraction_len > exponent {
        return Err(AmountError::TooPrecise {
            value: s.trim().to_string(),
            decimals: fraction_len,
            exponent,
        });
    }
    let scale = 10u128.checked_pow(exponent).ok_or_else(too_large)?;
    let pad = 10u128
        .checked_pow(exponent - fraction_len.min(exponent))
        .ok_or_else(too_large)?;
    let magnitude = units
        .checked_mul(scale)
        .and_then(|u| fraction.checked_mul(pad).and_then(|f| u.checked_add(f)))
        .and_then(|m| i128::try_from(m).ok())
        .ok_or_else(too_large)?;
    let signed = if negative { -magnitude } else { magnitude };
    i64::try_from(signed).map_err(|_| too_large())
}

mod column;
pub use column::{column_separator, detect_decimal_separator};
mod typed;
pub use typed::{
    ambiguous_separator, check_currency, check_marker, parse_in, parse_typed, separator_for,
    written_as,
};

#[cfg(test)]
mod tests;
