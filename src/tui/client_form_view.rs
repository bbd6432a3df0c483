//! A client's file being edited (or a new client), drawn over the screen
//! it was opened from: one line a field, scrolled to keep the focused one
//! in sight; values cut to the frame by display width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::Scope;
use crate::app::form::ClientForm;
use crate::domain::text::{display_width, for_column, printable, shortened};

/// The labels' column: the longest label and a mark for a required one.
const LABEL: usize = 16;

pub fn draw(f: &mut Frame<'_>, body: Rect, form: &ClientForm, theme: &Theme) {
    let width = 76.min(body.width);
    // The frame, the line naming the client, the hint or the error (which
    // wraps: a refusal is read whole).
    let inner = usize::from(width).saturating_sub(2).max(1);
    let error_lines = form
        .error
        .as_deref()
        .map_or(1, |e| display_width(&printable(e)).div_ceil(inner).max(1));
    let room = usize::from(body.height)
        .saturating_sub(3 + error_lines)
        .max(1);
    let shown = form.fields.len().min(room);
    let top = form.focus.saturating_sub(shown - 1);
    let value_width = usize::from(width).saturating_sub(LABEL + 5);
    let mut lines = vec![Line::from(Span::styled(
        match &form.code {
            Some(code) => shortened(
                &format!("{} {}", code, form.name),
                usize::from(width).saturating_sub(2),
            ),
            None => "* required".to_string(),
        },
        theme.muted,
    ))];
    for (i, field) in form.fields.iter().enumerate().skip(top).take(shown) {
        let focused = i == form.focus;
        let mark = if form.required(i) { "*" } else { " " };
        let label = Span::styled(
            format!("{:>w$}{mark} ", field.label(), w = LABEL - 1),
            theme.header,
        );
        let value = if focused {
            Span::styled(
                format!("{}▏", tail(&field.value, value_width.saturating_sub(1))),
                theme.selected,
            )
        } else {
            Span::raw(shortened(&field.value, value_width))
        };
        lines.push(Line::from(vec![label, value]));
    }
    let more = match (top > 0, top + shown < form.fields.len()) {
        (true, true) => " ↑↓ more",
        (true, false) => " ↑ more",
        (false, true) => " ↓ more",
        (false, false) => "",
    };
    lines.push(match &form.error {
        Some(e) => Line::from(Span::styled(printable(e).into_owned(), theme.alert)),
        None => Line::from(Span::styled(
            format!("{}{more}", crate::app::keymap::hint_line(Scope::ClientForm)),
            theme.muted,
        )),
    });
    let height = u16::try_from(lines.len() + 1 + error_lines)
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    f.render_widget(Clear, area);
    let title = match &form.code {
        Some(_) => " Edit the client ",
        None => " Add a client ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme.header);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The end of `s` that fits in `max` cells, `…` first when cut: the
/// focused field shows where the typing goes.
fn tail(s: &str, max: usize) -> String {
    let clean = for_column(s);
    if display_width(&clean) <= max {
        return clean;
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in clean.chars().rev() {
        let w = display_width(&c.to_string());
        if used + w > max {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}
