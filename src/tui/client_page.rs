//! The client page: contact and terms, exposure against the credit limit,
//! the deposit against what the rating asks, what governs the client now,
//! open invoices (within the first 24 lines), solvency notes newest first,
//! and the timeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::penalty_text::{describe_full, interest_cell};
use super::screens::money;
use super::theme::Theme;
use crate::app::ClientPage;
use crate::domain::solvency::deposit_short;
use crate::domain::text::{padded, printable};

fn clean(s: &str) -> String {
    printable(s).into_owned()
}

/// Every line of the page, the caller scrolls. `deposits` is the deposit
/// in percent each rating asks for, A to D.
pub fn lines<'a>(
    page: &ClientPage,
    deposits: &[u8; 4],
    today: chrono::NaiveDate,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let c = &page.client;
    let mut out = Vec::new();
    out.push(Line::from(vec![
        Span::styled(
            format!("{}  {}", clean(&c.code), clean(&c.name)),
            theme.header,
        ),
        Span::raw(format!(
            "   {} · {} · letters in {}",
            c.profile.as_str(),
            c.country.as_deref().unwrap_or("country unknown"),
            c.language.code()
        )),
    ]));
    out.push(Line::from(format!(
        "Phone {}   Email {}",
        c.phone.as_deref().map_or("-".to_string(), clean),
        c.email.as_deref().map_or("-".to_string(), clean)
    )));
    if let Some(a) = &c.address {
        let lines: Vec<&str> = a.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        out.push(Line::from(format!("Address {}", clean(&lines.join(", ")))));
    }
    if let Some(name) = &c.contact_name {
        out.push(Line::from(format!("Contact {}", clean(name))));
    }
    let exposure: i64 = page
        .open
        .iter()
        .filter(|l| l.currency == c.currency)
        .map(|l| l.outstanding)
        .sum();
    let mut terms = vec![
        Span::raw(format!("Terms {} days · ", c.terms_days)),
        Span::raw(format!("exposure {}", money(exposure, c.currency))),
    ];
    match c.credit_limit {
        Some(limit) if exposure > limit => {
            terms.push(Span::raw(format!(
                " of limit {} ",
                money(limit, c.currency)
            )));
            terms.push(Span::styled("OVER LIMIT", theme.alert));
        }
        Some(limit) => terms.push(Span::raw(format!(" of limit {}", money(limit, c.currency)))),
        None => terms.push(Span::raw(" · no credit limit")),
    }
    out.push(Line::from(terms));
    let mut flags = vec![format!(
        "Rating {} · clerk {}",
        c.rating.map_or("-", |r| r.as_str()),
        c.clerk.as_deref().map_or("-".to_string(), clean)
    )];
    let short = deposit_short(c.deposit_pct, c.rating, deposits);
    if c.deposit_pct > 0 && short.is_none() {
        flags.push(format!("deposit {}%", c.deposit_pct));
    }
    if let Some(d) = c.pilot_ends_on {
        flags.push(format!("pilot ends {d}"));
    }
    let mut rating_line = vec![Span::raw(flags.join(" · "))];
    if let Some((rating, asked)) = short {
        rating_line.push(Span::raw(" · "));
        rating_line.push(Span::styled(
            format!(
                "deposit {}% — rating {} asks {asked}%",
                c.deposit_pct,
                rating.as_str()
            ),
            theme.alert,
        ));
    }
    out.push(Line::from(rating_line));
    now(page, theme, &mut out);
    out.extend(super::governs_view::lines(
        &page.governs,
        c.currency,
        today,
        theme,
    ));

    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        format!("Open invoices ({})", page.open.len()),
        theme.header,
    )));
    if !page.open.is_empty() {
        out.push(Line::from(Span::styled(
            "  Invoice      Due          Days         Outstanding  Lvl    Interest",
            theme.muted,
        )));
    }
    for (i, l) in page.open.iter().enumerate() {
        let interest = page.penalties.get(i).map_or(String::new(), interest_cell);
        let flags = match (l.disputed, l.promised_for) {
            (true, _) => " disputed",
            (false, Some(_)) => " promised",
            _ => "",
        };
        out.push(Line::from(format!(
            "  {} {} {:>5} {:>19} {:>4} {:>11}{flags}",
            padded(&l.invoice, 12),
            l.due_on,
            l.days_overdue,
            money(l.outstanding, l.currency),
            l.reminder_level,
            interest
        )));
    }
    next_steps(page, today, theme, &mut out);
    // What the law (or the contract) adds, once for the page: the oldest
    // invoice's rule applies to all, as they share the client.
    if let Some(p) = page.penalties.first() {
        let style = if p.is_err() { theme.alert } else { theme.muted };
        out.push(Line::from(Span::styled(
            format!("  Penalties on the oldest: {}", describe_full(p)),
            style,
        )));
    }

    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        format!("Solvency notes ({})", page.notes.len()),
        theme.header,
    )));
    if page.notes.is_empty() {
        out.push(Line::from(Span::styled(
            "  none yet (N adds one)",
            theme.muted,
        )));
    }
    for n in &page.notes {
        let limit = n.recommended_limit.map_or(String::new(), |l| {
            format!(" limit {}", money(l, c.currency))
        });
        out.push(Line::from(format!(
            "  {} {} {}{} — {} ({})",
            n.on,
            n.rating.as_str(),
            n.source.as_str(),
            limit,
            clean(&n.text),
            clean(&n.author)
        )));
    }

    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Timeline", theme.header)));
    for e in &page.timeline {
        let what = e.summary();
        out.push(Line::from(format!(
            "  {} {} {:<13} {} {}",
            e.on,
            padded(&e.user, 6),
            e.kind,
            padded(&e.invoice_shown(), 12),
            clean(&what)
        )));
    }
    out
}

/// What governs the client today: its queue lines (what to do now, as
/// `dun queue` says it). What else governs it follows, one line a fact
/// ([`super::governs_view`]).
fn now<'a>(page: &ClientPage, theme: &Theme, out: &mut Vec<Line<'a>>) {
    if page.today.is_empty() {
        out.push(Line::from(Span::styled(
            "Today: nothing to do",
            theme.muted,
        )));
    }
    for l in &page.today {
        let what = l.reason_text();
        let style = if l.reason.is_alert() || l.held.is_some() {
            theme.alert
        } else {
            ratatui::style::Style::default()
        };
        out.push(Line::from(Span::styled(format!("Today: {what}"), style)));
    }
}

/// Where each open invoice stands in its case, and what comes next, when.
fn next_steps<'a>(
    page: &ClientPage,
    today: chrono::NaiveDate,
    theme: &Theme,
    out: &mut Vec<Line<'a>>,
) {
    if page.outlook.iter().all(Option::is_none) {
        return;
    }
    out.push(Line::from(Span::styled(
        "  Next, case by case:",
        theme.muted,
    )));
    for (l, look) in page.open.iter().zip(&page.outlook) {
        let Some(o) = look else { continue };
        let stage = match o.stage {
            crate::domain::outlook::Stage::Step(a) => a.label().to_string(),
            s => s.as_str().to_string(),
        };
        let when = if o.next_on <= today {
            "today".to_string()
        } else {
            format!(
                "on {}",
                crate::domain::date_format::short_date(o.next_on, today)
            )
        };
        out.push(Line::from(format!(
            "  {} {stage} · next: {} {when}",
            padded(&l.invoice, 12),
            o.next.label(),
        )));
    }
}

pub fn draw(
    f: &mut Frame<'_>,
    area: Rect,
    page: &ClientPage,
    deposits: &[u8; 4],
    today: chrono::NaiveDate,
    scroll: usize,
    theme: &Theme,
) {
    let all = lines(page, deposits, today, theme);
    // Long notes wrap; scrolling goes no further than the last line.
    let top = u16::try_from(scroll.min(all.len().saturating_sub(1))).unwrap_or(u16::MAX);
    f.render_widget(
        Paragraph::new(all)
            .wrap(Wrap { trim: false })
            .scroll((top, 0)),
        area,
    );
}
