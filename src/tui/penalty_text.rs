//! Late-payment penalties in a few words, for the aging line and the
//! client page.

use super::screens::money;
use crate::domain::money::Money;
use crate::domain::penalty::Rule;
use crate::report::penalties::PenaltyView;

fn amount(m: Money) -> String {
    money(m.minor, m.currency)
}

/// "interest 34.50 NOK at 12 % · fixed 460.00 NOK" (the fixed
/// compensation), "no late-payment penalty: …", or why the figures are
/// missing: short enough for the aging list's line.
pub fn describe(p: &PenaltyView) -> String {
    words(p, "fixed")
}

fn words(p: &PenaltyView, compensation: &str) -> String {
    match p {
        Err(why) => why.split(" — ").next().unwrap_or(why).to_string(),
        Ok(p) => {
            if let Rule::None(why) = &p.rule {
                return format!("no late-payment penalty: {why}");
            }
            let mut parts = Vec::new();
            if p.interest.minor > 0 {
                let rate = p
                    .rate
                    .map_or(String::new(), |r| format!(" at {} %", r.normalize()));
                parts.push(format!("interest {}{rate}", amount(p.interest)));
            }
            if let Some(c) = p.compensation {
                parts.push(format!("{compensation} {}", amount(c)));
            }
            if parts.is_empty() {
                "no late-payment penalty yet".to_string()
            } else {
                parts.join(" · ")
            }
        }
    }
}

/// [`describe`], with the whole reason when a figure is missing (what to
/// set in the configuration).
pub fn describe_full(p: &PenaltyView) -> String {
    match p {
        Err(why) => why.clone(),
        Ok(q) => {
            let mut text = words(p, "fixed compensation");
            for e in &q.missing {
                text.push_str(&format!(" · {e}"));
            }
            text
        }
    }
}

/// The interest alone, for a column: "34.50", "-" or "?" (rate missing).
pub fn interest_cell(p: &PenaltyView) -> String {
    match p {
        Err(_) => "?".to_string(),
        Ok(p) if p.interest.minor > 0 => crate::domain::money_format::format_number(
            p.interest.minor,
            p.interest.currency.exponent(),
            crate::domain::language::Language::En,
        ),
        Ok(_) => "-".to_string(),
    }
}
