//! A letter shown before it is sent, over the queue it was opened from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::domain::text::printable;
use crate::letters::compose::Composed;

pub fn draw(f: &mut Frame<'_>, body: Rect, c: &Composed, scroll: u16, theme: &Theme) {
    let area = body;
    let registered = if c.registered {
        ", registered mail"
    } else {
        ""
    };
    let title = format!(
        " {} to {} by {}{registered} ",
        c.label,
        printable(&c.client.code),
        c.channel.as_str()
    );
    let mut lines = vec![
        Line::from(Span::styled(
            format!("Subject: {}", printable(&c.letter.subject)),
            theme.header,
        )),
        Line::from(""),
    ];
    lines.extend(
        c.letter
            .body
            .lines()
            .map(|l| Line::from(printable(l).into_owned())),
    );
    // What the envelope encloses (a Letter of Claim's statement of account).
    if let Some(e) = &c.enclosure {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Enclosed: {}", printable(&e.subject)),
            theme.header,
        )));
        lines.push(Line::from(""));
        lines.extend(
            e.body
                .lines()
                .map(|l| Line::from(printable(l).into_owned())),
        );
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(format!(
            " {} ",
            crate::app::keymap::hint_line(crate::app::Scope::Preview)
        ));
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
