//! The clients: balance, oldest open invoice, credit limit and flags.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use super::super::theme::Theme;
use super::{fit, list, money, window};
use crate::app::App;

use crate::domain::solvency::deposit_short;

pub fn clients(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (visible, selected) = window(&app.clients.lines, app.clients.selected, area);
    // A wider terminal gives its extra columns to the name.
    let name_width = 14 + area.width.saturating_sub(80);
    let rows = visible
        .iter()
        .map(|line| {
            let c = &line.client;
            let oldest = line
                .oldest_due_on
                .map(|d| (app.today - d).num_days().max(0).to_string())
                .unwrap_or_default();
            let short = deposit_short(c.deposit_pct, c.rating, &app.rules.deposits);
            // OVER: more open than the credit limit; DEP: a deposit below
            // what the rating asks.
            let flag = |on: bool, word: &'static str| {
                if on {
                    Span::styled(word, theme.alert)
                } else {
                    Span::raw(" ".repeat(word.len()))
                }
            };
            let flags = Line::from(vec![
                flag(line.over_limit(), "OVER"),
                Span::raw(" "),
                flag(short.is_some(), "DEP"),
            ]);
            Row::new(vec![
                Line::from(fit(&c.code, 8)),
                Line::from(fit(&c.name, usize::from(name_width))),
                Line::from(c.rating.map_or("-", |r| r.as_str())),
                Line::from(money(line.balance, c.currency)).right_aligned(),
                Line::from(oldest).right_aligned(),
                Line::from(
                    c.credit_limit
                        .map_or("-".to_string(), |l| money(l, c.currency)),
                )
                .right_aligned(),
                flags,
                Line::from(fit(c.clerk.as_deref().unwrap_or("-"), 6)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Length(name_width),
        Constraint::Length(1),
        Constraint::Length(16),
        Constraint::Length(4),
        Constraint::Length(16),
        Constraint::Length(8),
        Constraint::Length(6),
    ];
    let header = [
        "Client",
        "Name",
        "R",
        "Balance",
        "Days",
        "Credit limit",
        "",
        "Clerk",
    ];
    list(f, area, theme, &header, &widths, rows, selected);
}
