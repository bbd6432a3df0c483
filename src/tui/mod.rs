//! The terminal: set-up and restore, the event loop, and drawing.
//! The loop never holds a transaction while it waits for a key.

pub mod client_page;
pub mod draw;
pub mod form_view;
pub mod layout;
pub mod screens;
pub mod theme;

use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::{App, Load, keymap};
use crate::store::{Store, StoreError};

/// How often the loop looks for changes made by other clerks.
const WATCH: Duration = Duration::from_secs(1);

/// Runs the workbench until the clerk quits; the terminal is restored on
/// the way out, on error and on panic.
pub fn run(store: &mut Store, app: &mut App) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, store, app);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    store: &mut Store,
    app: &mut App,
) -> anyhow::Result<()> {
    let theme = theme::Theme::from_env();
    let size = terminal.size()?;
    app.list_height = layout::list_rows(app.tab, Rect::new(0, 0, size.width, size.height));
    app.load(store, Load::All)?;
    let mut version = data_version(store)?;
    let mut watched = Instant::now();
    loop {
        let size = terminal.size()?;
        fit_lists(app, store, Rect::new(0, 0, size.width, size.height));
        terminal.draw(|f| draw::draw(f, app, &theme))?;
        if app.quit {
            return Ok(());
        }
        // A resize or any other event just redraws.
        if event::poll(Duration::from_millis(250))?
            && let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            let load = if app.form.is_some() {
                app.form_key(key)
            } else if app.searching {
                app.search_key(key)
            } else {
                keymap::action_for(app.tab, key).and_then(|action| app.update(action))
            };
            if let Some(load) = load {
                reload(app, store, load);
            }
        }
        if watched.elapsed() >= WATCH {
            watched = Instant::now();
            match data_version(store) {
                Ok(v) if v != version => {
                    version = v;
                    reload(app, store, Load::All);
                }
                Ok(_) => {}
                Err(e) => app.message = e.to_string(),
            }
        }
    }
}

/// Loads, reporting a failure (a busy database) on the message line.
fn reload(app: &mut App, store: &mut Store, load: Load) {
    if let Err(e) = app.load(store, load) {
        app.message = e.to_string();
    }
}

/// Keeps the number of list rows in step with the terminal's size.
fn fit_lists(app: &mut App, store: &mut Store, size: Rect) {
    if let Some(load) = app.fit(layout::list_rows(app.tab, size)) {
        reload(app, store, load);
    }
}

/// Changes whenever another connection commits to the database.
fn data_version(store: &Store) -> Result<i64, StoreError> {
    Ok(store
        .conn()
        .query_row("PRAGMA data_version", [], |r| r.get(0))?)
}
