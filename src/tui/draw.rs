//! Draws the whole screen from `&App`: the top line, the missing rate's
//! line, the screen under the mode, the message line, the key hints, and
//! what is open over the screen (a form, a letter, the help, the messages).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;

use super::bars;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::screens;
use super::theme::Theme;
use crate::app::{App, Mode, Tab};

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
    let a = layout::areas(area, app.warning());
    bars::top_line(f, a.top, app, theme);
    if let Some(w) = a.warning {
        bars::warning(f, w, app, theme);
    }
    match (&app.page, app.client_page()) {
        (Some(page), Some(data)) => super::client_page::draw(
            f,
            a.body,
            data,
            &app.rules.deposits,
            app.today,
            page.scroll,
            theme,
        ),
        _ => match app.tab {
            Tab::Queue => screens::queue(f, a.body, app, theme),
            Tab::Aging => screens::aging(f, a.body, app, theme),
            Tab::Clients => screens::clients(f, a.body, app, theme),
            Tab::Journal => screens::journal(f, a.body, app, theme),
        },
    }
    bars::status(f, a.message, app, theme);
    bars::footer(f, a.footer, app, theme);
    over(f, a.body, &app.mode, app, theme);
}

/// What `mode` opens over the screen, over what it was opened from.
fn over(f: &mut Frame<'_>, body: Rect, mode: &Mode, app: &App, theme: &Theme) {
    match mode {
        Mode::List | Mode::Page | Mode::Search => {}
        Mode::Preview(p) => super::letter_view::draw(f, body, &p.letter, p.scroll, theme),
        Mode::Form(form) => super::form_view::draw(f, body, form, theme),
        Mode::Correct(form) => super::correction_view::draw(f, body, form, theme),
        Mode::ClientForm(form) => super::client_form_view::draw(f, body, form, theme),
        Mode::Help(under) => {
            over(f, body, under, app, theme);
            super::help::draw(f, body, under.scope(app.tab), theme);
        }
        Mode::Messages {
            over: under,
            scroll,
        } => {
            over(f, body, under, app, theme);
            super::messages_view::draw(f, body, app, *scroll, theme);
        }
    }
}
