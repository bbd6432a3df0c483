//! The last messages in full, newest first, over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::domain::text::printable;

pub fn draw(f: &mut Frame<'_>, body: Rect, app: &App, scroll: u16, theme: &Theme) {
    let mut lines = Vec::new();
    for m in app.messages.newest_first() {
        lines.push(Line::from(format!("• {}", printable(m))));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled("No message yet.", theme.muted)));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Last messages, newest first — Esc back ")
        .title_style(theme.header);
    f.render_widget(Clear, body);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        body,
    );
}
