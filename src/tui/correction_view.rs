//! The correction of a journal entry, drawn over the journal: the entry,
//! what correcting it would undo, and the reason being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::Scope;
use crate::app::form::CorrectionForm;
use crate::domain::text::printable;

pub fn draw(f: &mut Frame<'_>, body: Rect, form: &CorrectionForm, theme: &Theme) {
    let undoes = form.undoes.as_deref().map_or_else(
        || "(reading what it would undo…)".to_string(),
        |w| printable(w).into_owned(),
    );
    let reason = format!("{}▏", printable(&form.reason));
    let mut lines = vec![
        Line::from(format!(
            "Entry {} of {}",
            form.refers_to,
            printable(&form.client)
        )),
        Line::from(vec![
            Span::styled("  Undoes  ", theme.header),
            Span::raw(undoes),
        ]),
        Line::from(Span::styled(
            "  The entry stays in the journal, marked corrected.",
            theme.muted,
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("  Reason  ", theme.header),
            Span::styled(reason, theme.selected),
        ]),
        Line::from(""),
    ];
    lines.push(match &form.error {
        Some(e) => Line::from(Span::styled(printable(e).into_owned(), theme.alert)),
        None => Line::from(Span::styled(
            crate::app::keymap::hint_line(Scope::Correct),
            theme.muted,
        )),
    });
    let width = 72.min(body.width);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    f.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Correct an entry ")
        .title_style(theme.header);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
