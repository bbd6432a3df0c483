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
    let reason_width = 14 + extra.min(26);
    let name_width = 20 - (last_width - 5) + (extra - extra.min(26));
    let wide = reason_width >= 24;
    let rows = visible
        .iter()
        .zip(&lasts)
        .map(|(c, last)| {
            let reason = if let Some(m) = c.held.filter(|_| wide) {
                Span::styled(
                    fit(
                        &format!(
                            "{} held: {}",
                            c.reason.step().map_or("letter", |s| s.label()),
                            m.missing()
                        ),
                        usize::from(reason_width),
                    ),
                    theme.muted,
                )
            } else if c.held.is_some() {
                // Waits for a reference rate: `r` says which.
                Span::styled(
                    match c.reason {
                        Reason::FormalNoticeReady => "notice held",
                        _ => "reminder held",
                    },
                    theme.muted,
                )
            } else {
                let words = if wide {
                    fit(&c.reason.describe(), usize::from(reason_width))
                } else {
                    c.reason.label().to_string()
                };
                if c.reason.is_alert() {
                    Span::styled(words, theme.alert)
                } else {
                    Span::raw(words)
                }
            };
            Row::new(vec![
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
                Line::from(fit(c.clerk.as_deref().unwrap_or("-"), 6)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Length(name_width),
        Constraint::Length(reason_width),
        Constraint::Length(16),
        Constraint::Length(4),
        Constraint::Length(last_width),
        Constraint::Length(6),
    ];
    let header = [
        "Client", "Name", "Reason", "Amount", "Days", "Last", "Clerk",
    ];
    list(f, area, theme, &header, &widths, rows, selected);
}
