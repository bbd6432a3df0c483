//! The four list screens, one file each, and what their tables share.

mod aging;
mod clients;
mod journal;
mod queue;

pub use aging::aging;
pub use clients::clients;
pub use journal::journal;
pub use queue::queue;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::domain::currency::Currency;
use crate::domain::language::Language;
use crate::domain::money_format::format_number;

/// `1,234.56 EUR`, for tables.
pub(crate) fn money(minor: i64, currency: Currency) -> String {
    format!(
        "{} {}",
        format_number(minor, currency.exponent(), Language::En),
        currency.code()
    )
}

pub(super) use crate::domain::text::shortened as fit;

/// A date column as wide as its widest date on the page: 5 for `12-18`,
/// 10 when one carries its year.
pub(super) fn date_width(dates: &[String]) -> u16 {
    if dates.iter().any(|d| d.len() > 5) {
        10
    } else {
        5
    }
}

/// The page of `items` that holds `selected`, and where `selected` is on it.
/// Lists scroll a page at a time: moving down a line redraws two lines, not
/// the whole list (what an SSH link carries), and only what is on screen is
/// ever turned into rows.
pub(super) fn window<T>(items: &[T], selected: usize, area: Rect) -> (&[T], Option<usize>) {
    let height = usize::from(area.height.saturating_sub(1)).max(1);
    if items.is_empty() {
        return (items, None);
    }
    let selected = selected.min(items.len() - 1);
    let top = selected - selected % height;
    let end = (top + height).min(items.len());
    (&items[top..end], Some(selected - top))
}

pub(super) fn list<'a>(
    f: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    header: &[&'a str],
    widths: &[Constraint],
    rows: Vec<Row<'a>>,
    selected: Option<usize>,
) {
    let empty = rows.is_empty();
    let table = Table::new(rows, widths.to_vec())
        .header(Row::new(header.to_vec()).style(theme.header))
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, area, &mut state);
    if empty {
        let below = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        f.render_widget(
            Paragraph::new(Span::styled("  Nothing here.", theme.muted)),
            below,
        );
    }
}
