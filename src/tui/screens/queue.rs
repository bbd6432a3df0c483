//! The follow-up queue: one line per client and reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use super::super::theme::Theme;
use super::{date_width, fit, list, money, window};
use crate::app::App;

use crate::domain::date_format::short_date;
use crate::domain::queue::Reason;
use crate::domain::text::display_width;

pub fn queue(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (visible, selected) = window(app.queue.shown(), app.queue.selected, area);
    let lasts: Vec<String> = visible
        .iter()
        .map(|c| {
            c.last_contact
                .map_or("-".to_string(), |d| short_date(d, app.today))
        })
        .collect();
    // A date with its year takes its room from the name, so the row still
    // fits 80 columns and a name is cut with `…`, never mid-letter.
    let last_width = date_width(&lasts);
    // A wider terminal gives the reason room for its words and date, as
    // `dun queue` writes them (up to 26 more columns), then the name.
    let extra = area.width.saturating_sub(80);
    let wide = extra >= 10;
    // Narrower, the reason's few words and its date, as the workbench
    // writes dates (`broken promise 11-05`), in a column as wide as the
    // page's widest; the name has the rest. Below 87 columns there is no
    // room for the clerk's column (`m` shows one's own clients).
    let short: Vec<String> = visible
        .iter()
        .map(|c| match (c.held, c.reason.date()) {
            (Some(_), _) => match c.reason {
                // Waits for a reference rate: `r` says which.
                Reason::FormalNoticeReady => "notice held".to_string(),
                _ => "reminder held".to_string(),
            },
            (None, Some(d)) => format!("{} {}", c.reason.label(), short_date(d, app.today)),
            (None, None) => c.reason.label().to_string(),
        })
        .collect();
    let base_name = 20 - (last_width - 5);
    let clerk = extra >= 7;
    let (reason_width, name_width) = if wide {
        (14 + extra.min(26), base_name + (extra - extra.min(26)))
    } else {
        let needed = short.iter().map(|s| display_width(s)).max().unwrap_or(0);
        // At most 25 (14 for the words, 11 for a date with its year).
        let needed = u16::try_from(needed).unwrap_or(u16::MAX).clamp(14, 25);
        // Without the clerk's column, its 6 columns and its gap.
        let room = base_name + 14 + extra + if clerk { 0 } else { 7 };
        (needed, room.saturating_sub(needed))
    };
    let rows = visible
        .iter()
        .zip(&lasts)
        .zip(&short)
        .map(|((c, last), words)| {
            // Wide, the reason's words as `dun queue` writes them; narrow,
            // the short ones. A held letter is muted, an alert stands out.
            let words = if wide {
                fit(&c.reason_text(), usize::from(reason_width))
            } else {
                words.clone()
            };
            let reason = if c.held.is_some() {
                Span::styled(words, theme.muted)
            } else if c.reason.is_alert() {
                Span::styled(words, theme.alert)
            } else {
                Span::raw(words)
            };
            let mut cells = vec![
                Line::from(fit(&c.code, 8)),
                Line::from(fit(&c.name, usize::from(name_width))),
                Line::from(reason),
                // A next action for a client with nothing open is about no
                // amount (as `dun queue` shows it).
                Line::from(if c.amount == 0 {
                    "-".to_string()
                } else {
                    money(c.amount, c.currency)
                })
                .right_aligned(),
                Line::from(
                    c.oldest_due_on
                        .map_or("-".to_string(), |d| (app.today - d).num_days().to_string()),
                )
                .right_aligned(),
                Line::from(last.clone()),
            ];
            if clerk {
                cells.push(Line::from(fit(c.clerk.as_deref().unwrap_or("-"), 6)));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(8),
        Constraint::Length(name_width),
        Constraint::Length(reason_width),
        Constraint::Length(16),
        Constraint::Length(4),
        Constraint::Length(last_width),
        Constraint::Length(6),
    ];
    let mut header = vec![
        "Client", "Name", "Reason", "Amount", "Days", "Last", "Clerk",
    ];
    if !clerk {
        widths.pop();
        header.pop();
    }
    list(f, area, theme, &header, &widths, rows, selected);
}
