//! The logging form, drawn over the screen it was opened from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::form::{Form, Input};
use crate::domain::language::Language;
use crate::domain::money_format::format_number;
use crate::domain::text::printable;

pub fn draw(f: &mut Frame<'_>, body: Rect, form: &Form, theme: &Theme) {
    let t = &form.target;
    let mut lines = vec![
        Line::from(format!(
            "{} {}  {}",
            printable(&t.client),
            printable(&t.client_name),
            t.invoice
                .as_deref()
                .map(|i| printable(i).into_owned())
                .unwrap_or_default()
        )),
        Line::from(Span::styled(
            // About the case as a whole (no invoice): what it owes overdue.
            match t.invoice {
                Some(_) => format!(
                    "due {} {}",
                    format_number(t.invoice_outstanding, t.currency.exponent(), Language::En),
                    t.currency
                ),
                None => format!(
                    "overdue {} {}",
                    format_number(t.overdue, t.currency.exponent(), Language::En),
                    t.currency
                ),
            },
            theme.muted,
        )),
        Line::from(""),
    ];
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let value = printable(&field.value).into_owned();
        let shown = if focused {
            format!("{value}▏")
        } else {
            value
        };
        let label = Span::styled(format!("{:>17}  ", field.label), theme.header);
        let value = if focused {
            Span::styled(shown, theme.selected)
        } else {
            Span::raw(shown)
        };
        lines.push(Line::from(vec![label, value]));
        if focused && field.label == "Invoices" && !t.overdue_invoices.is_empty() {
            // What may be typed: the overdue invoices, disputed ones marked.
            let known: Vec<String> = t
                .overdue_invoices
                .iter()
                .map(|(n, _, disputed)| {
                    let n = printable(n);
                    if *disputed {
                        format!("{n} (disputed)")
                    } else {
                        n.into_owned()
                    }
                })
                .collect();
            lines.push(Line::from(Span::styled(
                format!("{:>19}{}", "", known.join(" ")),
                theme.muted,
            )));
        }
        if focused && let Input::Choice(options) = &field.input {
            let choices: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(n, o)| format!("{} {o}", n + 1))
                .collect();
            lines.push(Line::from(Span::styled(
                format!("{:>19}{}", "", choices.join(" ")),
                theme.muted,
            )));
        }
    }
    lines.push(Line::from(""));
    match &form.error {
        Some(e) => lines.push(Line::from(Span::styled(
            printable(e).into_owned(),
            theme.alert,
        ))),
        None => lines.push(Line::from(Span::styled(
            crate::app::keymap::hint_line(crate::app::Scope::Form),
            theme.muted,
        ))),
    }
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(body.height);
    let width = 72.min(body.width);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    f.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", form.kind.title()))
        .title_style(theme.header);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
