//! Draws the whole screen from `&App`: top line, the current screen, the
//! message line, the key hints, and the help over it when asked.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table};

use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::missing_rates;
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
    let full = format!(
        "{}  {}  {} ",
        app.today,
        printable(&app.user),
        printable(&app.database)
    );
    let database = format!("  {} ", printable(&app.database));
    let width = usize::from(area.width);
    let tabs: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let right = match top_layout(app, width, tabs, [&full, &database]) {
        Some(Top {
            warning,
            tabs: true,
            right,
        }) => {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(warning, theme.alert));
            f.render_widget(Paragraph::new(Line::from(spans)), area);
            right
        }
        Some(Top { warning, right, .. }) => {
            f.render_widget(Paragraph::new(Span::styled(warning, theme.alert)), area);
            right
        }
        None => {
            f.render_widget(Paragraph::new(Line::from(spans)), area);
            Some(full)
        }
    };
    if let Some(right) = right {
        f.render_widget(
            Paragraph::new(Span::styled(right, theme.header)).alignment(Alignment::Right),
            area,
        );
    }
}

/// The top line when a rate needed today is missing.
struct Top {
    /// What to say, with the command to run.
    warning: String,
    /// Whether the tabs stay on its left.
    tabs: bool,
    /// What stays on its right: the day, user and database, or the
    /// database alone (the demo says `DEMO` there), or nothing.
    right: Option<String>,
}

/// Where the word on a missing rate goes on a line of `width` columns:
/// between the tabs and the day, user and database when it fits; else
/// giving up the day and the user, then the tabs, keeping the database's
/// name (so that the demo still says `DEMO`); else alone, cut if it must
/// be. `right` holds the full right-hand text and the database alone.
fn top_layout(app: &App, width: usize, tabs: usize, right: [&String; 2]) -> Option<Top> {
    if app.missing_rates.is_empty() {
        return None;
    }
    let [full, database] = right;
    let len = |s: &String| s.chars().count();
    let tries = [
        (true, Some(full)),
        (true, Some(database)),
        (false, Some(database)),
        (false, None),
    ];
    for (with_tabs, right) in tries {
        let used = if with_tabs { tabs + 1 } else { 0 } + right.map_or(0, len);
        if let Some(warning) =
            missing_rates::fitting(&app.missing_rates, width.saturating_sub(used))
        {
            return Some(Top {
                warning,
                tabs: with_tabs,
                right: right.cloned(),
            });
        }
    }
    missing_rates::cut_to(&app.missing_rates, width).map(|warning| Top {
        warning,
        tabs: false,
        right: None,
    })
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
