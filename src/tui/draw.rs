//! Draws the whole screen from `&App`: top line, the current screen, the
//! message line, the key hints, and the help over it when asked.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table};

use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::screens;
use super::theme::Theme;
use crate::app::keymap;
use crate::app::{App, Tab};
use crate::domain::text::printable;

pub fn draw(f: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = f.area();
    if layout::too_small(area) {
        let text = format!(
            "Enlarge the window to {MIN_WIDTH}×{MIN_HEIGHT} (it is {}×{}).",
            area.width, area.height
        );
        f.render_widget(Paragraph::new(text).alignment(Alignment::Center), area);
        return;
    }
    let a = layout::areas(area);
    top_line(f, a.top, app, theme);
    match app.tab {
        _ if app.page.is_some() => {
            if let Some(page) = &app.page {
                super::client_page::draw(
                    f,
                    a.body,
                    page,
                    &app.rules.deposits,
                    app.page_scroll,
                    theme,
                );
            }
        }
        Tab::Queue => screens::queue(f, a.body, app, theme),
        Tab::Aging => screens::aging(f, a.body, app, theme),
        Tab::Clients => screens::clients(f, a.body, app, theme),
        Tab::Journal => screens::journal(f, a.body, app, theme),
    }
    let message = if app.searching {
        Line::from(vec![
            Span::styled("Search: ", theme.header),
            Span::raw(format!("{}▏", printable(&app.aging_query.search))),
            Span::styled("  (Enter keeps it, Esc clears it)", theme.muted),
        ])
    } else {
        Line::from(printable(&app.message).into_owned())
    };
    f.render_widget(Paragraph::new(message), a.message);
    footer(f, a.footer, app, theme);
    if let Some((letter, scroll)) = &app.preview {
        super::letter_view::draw(f, a.body, letter, *scroll, theme);
    } else if let Some(form) = &app.form {
        super::form_view::draw(f, a.body, form, theme);
    } else if app.help {
        help(f, a.body, app, theme);
    }
}

fn top_line(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (i, tab) in Tab::ALL.into_iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        spans.push(if tab == app.tab {
            Span::styled(label, theme.tab_active)
        } else {
            Span::raw(label)
        });
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    let right = format!(
        "{}  {}  {} ",
        app.today,
        printable(&app.user),
        printable(&app.database)
    );
    f.render_widget(
        Paragraph::new(Span::styled(right, theme.header)).alignment(Alignment::Right),
        area,
    );
}

fn footer(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    if app.page.is_some() {
        spans.push(Span::styled("Esc", theme.header));
        spans.push(Span::raw(" back  "));
    }
    // Whole hints only: one that does not fit is left out, not cut.
    let mut used = if app.page.is_some() { 9 } else { 0 };
    for (label, word) in keymap::hints(app.tab) {
        let width = label.chars().count() + word.chars().count() + 3;
        if used + width > usize::from(area.width) + 2 {
            break;
        }
        used += width;
        spans.push(Span::styled(label, theme.header));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn help(f: &mut Frame<'_>, body: Rect, app: &App, theme: &Theme) {
    // Two columns, so that every key of the screen fits in 80×24.
    let all: Vec<_> = keymap::bindings(app.tab).collect();
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
    let title = format!(" Keys on {} — Esc closes ", app.tab.title());
    let widths = [
        Constraint::Length(5),
        Constraint::Length(31),
        Constraint::Length(5),
        Constraint::Length(31),
    ];
    let table = Table::new(rows, widths).block(
        Block::default()
            .borders(Borders::ALL)
            .title(title)
            .title_style(theme.header),
    );
    f.render_widget(table, area);
}
