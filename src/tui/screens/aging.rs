//! The aging list: the bands per bucket and currency, then a window of
//! the open invoices.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};

use super::super::theme::Theme;
use super::{fit, list, money};
use crate::app::App;

use super::super::layout;
use super::super::penalty_text::describe;
use crate::domain::aging::Bucket;
use crate::domain::language::Language;
use crate::domain::money_format::format_number;
use crate::store::aging::AgingQuery;

pub fn aging(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (band, rest) = layout::aging(area);
    aging_band(f, band, app, theme);
    let rows = app
        .aging
        .rows
        .iter()
        .map(|l| {
            Row::new(vec![
                Line::from(fit(&l.client, 8)),
                Line::from(fit(&l.client_name, 14)),
                Line::from(fit(&l.invoice, 12)),
                Line::from(l.due_on.to_string()),
                Line::from(l.days_overdue.to_string()).right_aligned(),
                Line::from(money(l.outstanding, l.currency)).right_aligned(),
                Line::from(l.reminder_level.to_string()).right_aligned(),
                Line::from(vec![
                    Span::styled(if l.disputed { "D" } else { " " }, theme.alert),
                    Span::raw(if l.promised_for.is_some() { "P" } else { " " }),
                ]),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Length(14),
        Constraint::Length(12),
        Constraint::Length(10),
        Constraint::Length(4),
        Constraint::Length(16),
        Constraint::Length(3),
        Constraint::Length(2),
    ];
    let header = [
        "Client",
        "Name",
        "Invoice",
        "Due",
        "Days",
        "Outstanding",
        "Lvl",
        "DP",
    ];
    let selected = app
        .aging
        .selected
        .checked_sub(app.aging.top)
        .filter(|i| *i < app.aging.rows.len());
    list(f, rest, theme, &header, &widths, rows, selected);
}

/// Counts and amounts per bucket (up to three currencies) with a bar of the
/// counts, and the position in the list.
fn aging_band(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let shown: Vec<_> = app.aging.report.totals.iter().take(3).collect();
    let counts: Vec<u64> = Bucket::ALL
        .iter()
        .map(|b| {
            app.aging
                .report
                .totals
                .iter()
                .map(|t| t.buckets[b.index()].count)
                .sum()
        })
        .collect();
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let mut header = vec!["Bucket".to_string(), "Count".to_string()];
    header.extend(shown.iter().map(|t| t.currency.code().to_string()));
    header.push(String::new());
    let mut rows = Vec::new();
    for (i, bucket) in Bucket::ALL.iter().copied().enumerate() {
        let mut cells = vec![
            Line::from(bucket.label()),
            Line::from(counts[i].to_string()).right_aligned(),
        ];
        for t in &shown {
            let amount = t.buckets[i].outstanding;
            let text = i64::try_from(amount)
                .map(|a| format_number(a, t.currency.exponent(), Language::En))
                .unwrap_or_else(|_| {
                    crate::domain::money::decimal_string_wide(amount, t.currency.exponent())
                });
            cells.push(Line::from(text).right_aligned());
        }
        let width = usize::try_from(counts[i] * 8 / most).unwrap_or(8);
        cells.push(Line::from(Span::styled("█".repeat(width), theme.bar)));
        rows.push(Row::new(cells));
    }
    let mut total = vec![
        Line::from("total"),
        Line::from(counts.iter().sum::<u64>().to_string()).right_aligned(),
    ];
    for t in &shown {
        let text = i64::try_from(t.outstanding)
            .map(|a| format_number(a, t.currency.exponent(), Language::En))
            .unwrap_or_else(|_| {
                crate::domain::money::decimal_string_wide(t.outstanding, t.currency.exponent())
            });
        total.push(Line::from(text).right_aligned());
    }
    let filtered = AgingQuery {
        sort: app.aging.query.sort,
        ..AgingQuery::default()
    } != app.aging.query;
    let position = match (app.aging.count, filtered) {
        (0, false) => "no open invoice".to_string(),
        (0, true) => "none match".to_string(),
        (n, false) => format!("line {} of {n}", app.aging.selected + 1),
        (n, true) => format!("line {} of {n} found", app.aging.selected + 1),
    };
    rows.push(Row::new(total).style(theme.header));
    let mut widths = vec![Constraint::Length(7), Constraint::Length(6)];
    // Wide enough for 999,999,999,999.99: an amount is never cut.
    widths.extend(shown.iter().map(|_| Constraint::Length(17)));
    widths.push(Constraint::Min(10));
    let table = Table::new(rows, widths).header(Row::new(header).style(theme.header));
    f.render_widget(table, area);
    // The position in the list, on the band's last line.
    if area.height > 0 {
        let last = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        // The selected invoice's penalties on the left of it.
        let selected = app.aging.line().and_then(|line| {
            let (number, p) = app.aging.penalty.as_ref()?;
            (*number == line.invoice).then_some((line, p))
        });
        if let Some((line, p)) = selected {
            let room = usize::from(last.width).saturating_sub(position.chars().count() + 2);
            let text = fit(&format!("{}: {}", line.invoice, describe(p)), room);
            let style = if p.is_err() { theme.alert } else { theme.muted };
            f.render_widget(Paragraph::new(Span::styled(text, style)), last);
        }
        f.render_widget(
            Paragraph::new(Span::styled(position, theme.muted)).right_aligned(),
            last,
        );
    }
}
