//! A column's decimal separator, decided from every amount in it.

use super::{AmountError, DecimalSeparator, strip};

/// What one value says about the decimal separator, if anything.
fn evidence(body: &str) -> Option<DecimalSeparator> {
    let kind = |c: char| {
        if c == '.' {
            DecimalSeparator::Dot
        } else {
            DecimalSeparator::Comma
        }
    };
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    match (last_dot, last_comma) {
        (None, None) => None,
        (Some(d), Some(c)) => Some(if d > c {
            DecimalSeparator::Dot
        } else {
            DecimalSeparator::Comma
        }),
        (Some(pos), None) | (None, Some(pos)) => {
            let c = char::from(body.as_bytes()[pos]);
            if body.matches(c).nth(1).is_some() {
                // Seen twice or more: it groups thousands, so the other one is decimal.
                Some(match kind(c) {
                    DecimalSeparator::Dot => DecimalSeparator::Comma,
                    DecimalSeparator::Comma => DecimalSeparator::Dot,
                })
            } else {
                let after = body[pos + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .count();
                match after {
                    0 | 3 => None, // `1,234` could be grouping
                    _ => Some(kind(c)),
                }
            }
        }
    }
}

/// Decides the decimal separator of a whole column.
///
/// A value with both `.` and `,` has its decimal separator last; one kind seen
/// twice or more (`1.234.567`) groups thousands, so the other is decimal; a
/// single separator followed by 1, 2 or 4+ digits is decimal; one followed by
/// exactly 3 digits (`1,234`) proves nothing. Values that disagree are an error
/// citing one of each; no evidence at all gives [`DecimalSeparator::Dot`].
/// Values that are not amounts at all are skipped here ([`parse_amount`](super::parse_amount) reports them).
pub fn detect_decimal_separator(values: &[&str]) -> Result<DecimalSeparator, AmountError> {
    Ok(column_separator(values)?.unwrap_or(DecimalSeparator::Dot))
}

/// Like [`detect_decimal_separator`], but `None` when no value gives any
/// evidence: then each value that could be read two ways ([`ambiguous_separator`](super::ambiguous_separator))
/// must be decided on its own.
pub fn column_separator(values: &[&str]) -> Result<Option<DecimalSeparator>, AmountError> {
    let mut dot: Option<&str> = None;
    let mut comma: Option<&str> = None;
    for v in values {
        let Ok(stripped) = strip(v) else { continue };
        match evidence(stripped.body) {
            Some(DecimalSeparator::Dot) => {
                dot.get_or_insert(v.trim());
            }
            Some(DecimalSeparator::Comma) => {
                comma.get_or_insert(v.trim());
            }
            None => {}
        }
        if let (Some(d), Some(c)) = (dot, comma) {
            return Err(AmountError::ConflictingSeparators {
                dot_example: d.to_string(),
                comma_example: c.to_string(),
            });
        }
    }
    Ok(if comma.is_some() {
        Some(DecimalSeparator::Comma)
    } else if dot.is_some() {
        Some(DecimalSeparator::Dot)
    } else {
        None
    })
}
