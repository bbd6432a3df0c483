//! The help: every key of the mode it was opened over, in two columns,
//! straight from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Borders, Clear, Row, Table};

use super::theme::Theme;
use crate::app::{Scope, keymap};
use crate::domain::text::display_width;

pub fn draw(f: &mut Frame<'_>, body: Rect, scope: Scope, theme: &Theme) {
    let all: Vec<_> = keymap::bindings(scope).collect();
    let half = all.len().div_ceil(2);
    let (left, right) = all.split_at(half);
    let rows: Vec<Row<'_>> = (0..half)
        .map(|i| {
            let mut cells = vec![left[i].label.to_string(), left[i].help.to_string()];
            if let Some(b) = right.get(i) {
                cells.push(b.label.to_string());
                cells.push(b.help.to_string());
            }
            Row::new(cells)
        })
        .collect();
    let height = u16::try_from(rows.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(body.height);
    let width = 78.min(body.width);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    f.render_widget(Clear, area);
    let title = format!(" Keys on {} — Esc closes ", scope.title());
    // Two columns of a key and what it does within the frame.
    let key = all
        .iter()
        .map(|b| display_width(b.label))
        .max()
        .unwrap_or(1);
    let key = u16::try_from(key).unwrap_or(5).max(5);
    let what = width.saturating_sub(2 + 3 + 2 * key) / 2;
    let widths = [
        Constraint::Length(key),
        Constraint::Length(what),
        Constraint::Length(key),
        Constraint::Length(what),
    ];
    let table = Table::new(rows, widths).block(
        Block::default()
            .borders(Borders::ALL)
            .title(title)
            .title_style(theme.header),
    );
    f.render_widget(table, area);
}
