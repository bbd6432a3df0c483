//! The lines around the screen's body: the tabs with the day, clerk and
//! database; the missing rate's line; the message line; the key hints.
//! Laid out by display width, so that wide or invisible characters in a
//! name never push a line past the edge.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::missing_rates;
use super::theme::Theme;
use crate::app::{App, Mode, Tab, keymap};
use crate::domain::text::{display_width, printable, shortened};

/// The tabs on the left; the day, the clerk and the database on the right,
/// cut to the room the tabs leave.
pub fn top_line(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (i, tab) in Tab::ALL.iter().copied().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        spans.push(if tab == app.tab {
            Span::styled(label, theme.tab_active)
        } else {
            Span::raw(label)
        });
    }
    let tabs: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let right = format!("{}  {}  {} ", app.today, app.user, app.database);
    let room = usize::from(area.width).saturating_sub(tabs + 1);
    let right = shortened(&right, room);
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    f.render_widget(
        Paragraph::new(Span::styled(right, theme.header)).alignment(Alignment::Right),
        area,
    );
}

/// The rate needed today that nobody has set, with the command that sets
/// it, on a line of its own under the tabs.
pub fn warning(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if let Some(text) = missing_rates::cut_to(&app.missing_rates, usize::from(area.width)) {
        f.render_widget(Paragraph::new(Span::styled(text, theme.alert)), area);
    }
}

/// The search being typed, or the last message, cut with `…` when wider
/// than the terminal (`M` shows it whole).
pub fn status(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let line = if app.mode == Mode::Search {
        Line::from(vec![
            Span::styled("Search: ", theme.header),
            Span::raw(format!("{}▏", printable(app.search()))),
            Span::styled("  (Enter keeps it, Esc clears it)", theme.muted),
        ])
    } else {
        Line::from(shortened(app.message(), usize::from(area.width)))
    };
    f.render_widget(Paragraph::new(line), area);
}

/// The hints of the current mode, whole ones only: one that does not fit
/// is left out, not cut.
pub fn footer(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (label, word) in keymap::hints(app.scope()) {
        let width = display_width(label) + display_width(word) + 3;
        if used + width > usize::from(area.width) + 2 {
            break;
        }
        used += width;
        spans.push(Span::styled(label, theme.header));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
