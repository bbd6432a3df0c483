//! What governs a client now, beside its queue lines, one line a fact on
//! the client page: "Snoozed until 2026-12-09 (by alice: on holiday)",
//! "Case: reminder 2 sent 11-10; last deadline 11-24".

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::screens::money;
use super::theme::Theme;
use crate::domain::case::PromiseState;
use crate::domain::currency::Currency;
use crate::domain::date_format::short_date;
use crate::domain::governs::{Fact, Governs, Said};
use crate::domain::text::shortened;

/// The widest a fact's line gets: one line of an 80-column terminal.
const WIDTH: usize = 80;

/// One line per fact; `currency` is the client's (another case's says its own).
pub fn lines<'a>(
    facts: &[Fact],
    currency: Currency,
    today: chrono::NaiveDate,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let day = |d| short_date(d, today);
    facts
        .iter()
        .map(|f| {
            let mut style = Style::default();
            let words = match &f.what {
                Governs::Snoozed { until } => {
                    format!("Snoozed until {}{}", day(*until), by(f.said.as_ref()))
                }
                Governs::OnHold { until } => {
                    format!("On hold until {}{}", day(*until), by(f.said.as_ref()))
                }
                Governs::NextAction { on } => {
                    format!("Next action on {}{}", day(*on), by(f.said.as_ref()))
                }
                Governs::Visit { on, .. } if *on < today => {
                    format!("Visit of {}: no outcome recorded", day(*on))
                }
                Governs::Visit { on, confirmed } => format!(
                    "Visit planned {}, {}",
                    day(*on),
                    if *confirmed {
                        "confirmed by a call"
                    } else {
                        "not yet confirmed by a call"
                    }
                ),
                Governs::Promise {
                    currency: cur,
                    by: on,
                    owed,
                    state,
                } => {
                    let amount = money(
                        f.said.as_ref().and_then(|s| s.amount).unwrap_or(*owed),
                        *cur,
                    );
                    let who = by(f.said.as_ref());
                    match state {
                        PromiseState::Broken(_) => {
                            style = theme.alert;
                            format!("Broken promise: {amount} by {}{who}", day(*on))
                        }
                        PromiseState::Due(_) => format!("Promise: {amount} due {}{who}", day(*on)),
                        _ => format!("Promise: {amount} by {}{who}", day(*on)),
                    }
                }
                Governs::LastLetter {
                    currency: cur,
                    step,
                    on,
                    deadline,
                } => {
                    let case = if *cur == currency {
                        String::new()
                    } else {
                        format!(" ({} case)", cur.code())
                    };
                    let deadline = match deadline {
                        // The latest any letter of the case gave, perhaps
                        // a later one than its most advanced.
                        Some(d) if *d < today => format!("; last deadline {}, passed", day(*d)),
                        Some(d) => format!("; last deadline {}", day(*d)),
                        None => String::new(),
                    };
                    format!("Case{case}: {} sent {}{deadline}", step.label(), day(*on))
                }
            };
            Line::from(Span::styled(shortened(&words, WIDTH), style))
        })
        .collect()
}

/// " (by alice: on holiday)", " (by alice)", or nothing when no entry set it.
fn by(said: Option<&Said>) -> String {
    match said {
        Some(s) if s.note.trim().is_empty() => format!(" (by {})", s.by),
        Some(s) => format!(" (by {}: {})", s.by, s.note.trim()),
        None => String::new(),
    }
}
