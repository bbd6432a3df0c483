//! The four screens, each a table drawn from `&App`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::layout;
use super::penalty_text::describe;
use super::theme::Theme;
use crate::app::App;
use crate::domain::aging::Bucket;
use crate::domain::currency::Currency;
use crate::domain::date_format::short_date;
use crate::domain::language::Language;
use crate::domain::money_format::format_number;
use crate::domain::queue::Reason;
use crate::domain::solvency::deposit_short;
use crate::store::aging::AgingQuery;

/// `1,234.56 EUR`, for tables.
pub(super) fn money(minor: i64, currency: Currency) -> String {
    format!(
        "{} {}",
        format_number(minor, currency.exponent(), Language::En),
        currency.code()
    )
}

use crate::domain::text::shortened as fit;

/// A date column as wide as its widest date on the page: 5 for `12-18`,
/// 10 when one carries its year.
fn date_width(dates: &[String]) -> u16 {
    if dates.iter().any(|d| d.len() > 5) {
        10
    } else {
        5
    }
}

/// The page of `items` that holds `selected`, and where `selected` is on it.
/// Lists scroll a page at a time: moving down a line redraws two lines, not
/// the whole list (what an SSH link carries), and only what is on screen is
/// ever turned into rows.
fn window<T>(items: &[T], selected: usize, area: Rect) -> (&[T], Option<usize>) {
    let height = usize::from(area.height.saturating_sub(1)).max(1);
    if items.is_empty() {
        return (items, None);
    }
    let selected = selected.min(items.len() - 1);
    let top = selected - selected % height;
    let end = (top + height).min(items.len());
    (&items[top..end], Some(selected - top))
}

fn list<'a>(
    f: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    header: &[&'a str],
    widths: &[Constraint],
    rows: Vec<Row<'a>>,
    selected: Option<usize>,
) {
    let empty = rows.is_empty();
    let table = Table::new(rows, widths.to_vec())
        .header(Row::new(header.to_vec()).style(theme.header))
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, area, &mut state);
    if empty {
        let below = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        f.render_widget(
            Paragraph::new(Span::styled("  Nothing here.", theme.muted)),
            below,
        );
    }
}

pub fn queue(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (visible, selected) = window(&app.queue, app.queue_selected, area);
    let lasts: Vec<String> = visible
        .iter()
        .map(|c| {
            c.last_contact
                .map_or("-".to_string(), |d| short_date(d, app.today))
        })
        .collect();
    // A date with its year takes its room from the name, so the row still
    // fits 80 columns and a name is cut with `…`, never mid-letter.
    let last_width = date_width(&lasts);
    let name_width = 20 - (last_width - 5);
    let rows = visible
        .iter()
        .zip(&lasts)
        .map(|(c, last)| {
            let reason = if c.held.is_some() {
                // Waits for a reference rate: `r` says which.
                Span::styled(
                    match c.reason {
                        Reason::FormalNoticeReady => "notice held",
                        _ => "reminder held",
                    },
                    theme.muted,
                )
            } else if c.reason.is_alert() {
                Span::styled(c.reason.label(), theme.alert)
            } else {
                Span::raw(c.reason.label())
            };
            Row::new(vec![
                Line::from(fit(&c.code, 8)),
                Line::from(fit(&c.name, usize::from(name_width))),
                Line::from(reason),
                Line::from(money(c.amount, c.currency)).right_aligned(),
                Line::from(
                    c.oldest_due_on
                        .map_or("-".to_string(), |d| (app.today - d).num_days().to_string()),
                )
                .right_aligned(),
                Line::from(last.clone()),
                Line::from(fit(c.clerk.as_deref().unwrap_or("-"), 6)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Length(name_width),
        Constraint::Length(14),
        Constraint::Length(16),
        Constraint::Length(4),
        Constraint::Length(last_width),
        Constraint::Length(6),
    ];
    let header = [
        "Client", "Name", "Reason", "Amount", "Days", "Last", "Clerk",
    ];
    list(f, area, theme, &header, &widths, rows, selected);
}

pub fn aging(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (band, rest) = layout::aging(area);
    aging_band(f, band, app, theme);
    let rows = app
        .aging_rows
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
        .aging_selected
        .checked_sub(app.aging_top)
        .filter(|i| *i < app.aging_rows.len());
    list(f, rest, theme, &header, &widths, rows, selected);
}

/// Counts and amounts per bucket (up to three currencies) with a bar of the
/// counts, and the position in the list.
fn aging_band(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let shown: Vec<_> = app.aging.totals.iter().take(3).collect();
    let counts: Vec<u64> = Bucket::ALL
        .iter()
        .map(|b| {
            app.aging
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
    for (i, bucket) in Bucket::ALL.into_iter().enumerate() {
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
        sort: app.aging_query.sort,
        ..AgingQuery::default()
    } != app.aging_query;
    let position = match (app.aging_count, filtered) {
        (0, false) => "no open invoice".to_string(),
        (0, true) => "none match".to_string(),
        (n, false) => format!("line {} of {n}", app.aging_selected + 1),
        (n, true) => format!("line {} of {n} found", app.aging_selected + 1),
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
        let selected = app.aging_line().and_then(|line| {
            let (number, p) = app.aging_penalty.as_ref()?;
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

pub fn clients(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (visible, selected) = window(&app.clients, app.clients_selected, area);
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
                Line::from(fit(&c.name, 14)),
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
        Constraint::Length(14),
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

pub fn journal(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (visible, selected) = window(&app.journal, app.journal_selected, area);
    let days: Vec<String> = visible
        .iter()
        .map(|e| short_date(e.on, app.today))
        .collect();
    let day_width = date_width(&days);
    let note_width = usize::from(28 - (day_width - 5));
    let rows = visible
        .iter()
        .zip(&days)
        .map(|(e, day)| {
            let what = e.summary();
            Row::new(vec![
                Line::from(day.clone()),
                Line::from(fit(&e.user, 6)),
                Line::from(fit(&e.kind, 13)),
                Line::from(fit(&e.client, 8)),
                Line::from(fit(e.invoice.as_deref().unwrap_or(""), 12)),
                Line::from(fit(&what, note_width)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(day_width),
        Constraint::Length(6),
        Constraint::Length(13),
        Constraint::Length(8),
        Constraint::Length(12),
        Constraint::Min(10),
    ];
    let header = ["Day", "Who", "What", "Client", "Invoice", "Note"];
    list(f, area, theme, &header, &widths, rows, selected);
}
