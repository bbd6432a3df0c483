//! The journal: the latest entries, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::Row;

use super::super::theme::Theme;
use super::{date_width, fit, list, window};
use crate::app::App;
use crate::store::journal::JournalEntry;

use crate::domain::date_format::short_date;

pub fn journal(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (visible, selected) = window(&app.journal.entries, app.journal.selected, area);
    let days: Vec<String> = visible
        .iter()
        .map(|e| short_date(e.on, app.today))
        .collect();
    let day_width = date_width(&days);
    let note_width = usize::from(28 - (day_width - 5));
    let rows = visible
        .iter()
        .zip(&days)
        .map(|(e, day)| {
            let (kind, what) = shown(e);
            Row::new(vec![
                Line::from(day.clone()),
                Line::from(fit(&e.user, 6)),
                Line::from(fit(&kind, 13)),
                Line::from(fit(&e.client, 8)),
                Line::from(fit(&e.invoice_shown(), 12)),
                Line::from(fit(&what, note_width)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(day_width),
        Constraint::Length(6),
        Constraint::Length(13),
        Constraint::Length(8),
        Constraint::Length(12),
        Constraint::Min(10),
    ];
    let header = ["Day", "Who", "What", "Client", "Invoice", "Note"];
    list(f, area, theme, &header, &widths, rows, selected);
}

/// An entry's kind and note; a corrected entry is marked `✗` and says
/// first which entry corrected it, so that a narrow note column keeps it.
fn shown(e: &JournalEntry) -> (String, String) {
    match e.corrected_by {
        Some(by) => {
            let mut plain = e.clone();
            plain.corrected_by = None;
            let rest = plain.summary();
            let note = if rest.is_empty() {
                format!("corrected by {by}")
            } else {
                format!("corrected by {by} · {rest}")
            };
            (format!("✗ {}", e.kind), note)
        }
        None => (e.kind.clone(), e.summary()),
    }
}
