//! The terminal: set-up and restore, the event loop, and drawing.
//! The loop never holds a transaction while it waits for a key.

pub mod client_page;
pub mod draw;
pub mod form_view;
pub mod layout;
mod letter_view;
pub mod missing_rates;
mod penalty_text;
pub mod screens;
pub mod theme;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGTERM, SIGTSTP};

use crate::app::{App, Load, keymap};
use crate::store::Store;

/// How often the loop looks for changes made by other clerks.
const WATCH: Duration = Duration::from_secs(1);

/// What the workbench starts with: the day, the clerk, and the team's
/// settings.
pub struct Settings {
    pub today: chrono::NaiveDate,
    /// Tells the team's day, so that an open workbench moves to the next
    /// day at midnight; `None` when today was fixed (`--today`).
    pub clock: Option<crate::team::Clock>,
    pub user: String,
    /// Shown on the top line: `DEMO` or the database file's name.
    pub database: String,
    pub rules: crate::domain::queue::Rules,
    pub company: crate::config::CompanyConfig,
    pub letters_dir: std::path::PathBuf,
    pub smtp: crate::team::SmtpSettings,
}

/// Runs the workbench until the clerk quits; the terminal is restored on
/// the way out, on error and on panic.
pub fn run(store: &mut Store, settings: Settings) -> anyhow::Result<()> {
    let mut app = App::new(settings.today, &settings.user, &settings.database);
    app.clock = settings.clock;
    app.rules = settings.rules;
    app.company = settings.company;
    app.letters_dir = settings.letters_dir;
    app.smtp = settings.smtp;
    let app = &mut app;
    // SIGTERM, and SIGHUP when the SSH link drops, end the loop at its next
    // turn (within a quarter of a second) so that the terminal is restored.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    watchdog(Arc::clone(&stop));
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, store, app, &stop);
    ratatui::restore();
    result
}

/// Directories to remove should the watchdog end the process (the
/// throwaway demo database of `dun --demo`).
static THROWAWAY: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes `dir` even if the process has to be ended by the watchdog.
pub fn remove_on_exit(dir: &std::path::Path) {
    if let Ok(mut paths) = THROWAWAY.lock() {
        paths.push(dir.to_path_buf());
    }
}

/// Ends the process when the loop cannot: reading a terminal that was
/// closed under it can spin inside the terminal library without returning.
/// When a stop was asked for, or the parent is gone (the SSH session ended),
/// and the loop has not finished within a grace period, exit. No transaction
/// is held while waiting for a key, so nothing is left half-written.
fn watchdog(stop: Arc<AtomicBool>) {
    // The grace is short: a dead terminal makes the loop spin meanwhile.
    let parent = std::os::unix::process::parent_id();
    std::thread::spawn(move || {
        let mut since: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let asked =
                stop.load(Ordering::Relaxed) || std::os::unix::process::parent_id() != parent;
            match (asked, since) {
                (false, _) => since = None,
                (true, None) => since = Some(Instant::now()),
                (true, Some(t)) if t.elapsed() > Duration::from_millis(300) => {
                    let _ = crossterm::terminal::disable_raw_mode();
                    // Exiting skips destructors: remove what they would have.
                    if let Ok(paths) = THROWAWAY.lock() {
                        for p in paths.iter() {
                            let _ = std::fs::remove_dir_all(p);
                        }
                    }
                    std::process::exit(129);
                }
                (true, Some(_)) => {}
            }
        }
    });
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it again.
fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    ratatui::restore();
    signal_hook::low_level::raise(SIGTSTP)?;
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    terminal.clear()?;
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    store: &mut Store,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let theme = theme::Theme::from_env();
    let size = terminal.size()?;
    app.list_height = layout::list_rows(app.tab, Rect::new(0, 0, size.width, size.height));
    app.load(store, Load::All)?;
    let mut version = store.data_version()?;
    let mut watched = Instant::now();
    let parent = std::os::unix::process::parent_id();
    loop {
        let size = terminal.size()?;
        fit_lists(app, store, Rect::new(0, 0, size.width, size.height));
        terminal.draw(|f| draw::draw(f, app, &theme))?;
        // A closed terminal does not always send SIGHUP to us (the shell that
        // ran us may die first): a new parent means nobody is watching.
        if app.quit || stop.load(Ordering::Relaxed) || std::os::unix::process::parent_id() != parent
        {
            return Ok(());
        }
        // A resize or any other event just redraws.
        if event::poll(Duration::from_millis(250))?
            && let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                suspend(terminal)?;
                continue;
            }
            let load = if app.preview.is_some() {
                app.preview_key(key)
            } else if app.form.is_some() {
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
            match store.data_version() {
                Ok(v) if v != version => {
                    version = v;
                    team_settings(app, store);
                    reload(app, store, Load::All);
                }
                Ok(_) => {}
                Err(e) => app.message = e.to_string(),
            }
            if new_day(app, chrono::Utc::now()) {
                reload(app, store, Load::All);
            }
        }
    }
}

/// Midnight in the team's time zone: the workbench moves to the new day
/// (unless today was fixed). Says whether it did.
fn new_day(app: &mut App, now: chrono::DateTime<chrono::Utc>) -> bool {
    let Some(today) = app.clock.map(|c| c.today(now)) else {
        return false;
    };
    let moved = today != app.today;
    app.today = today;
    moved
}

/// Takes the team settings again (another clerk may have changed them).
fn team_settings(app: &mut App, store: &mut Store) {
    match crate::team::load(store) {
        Ok(team) => {
            if app.clock.is_some() {
                app.clock = Some(team.clock());
            }
            app.rules = team.rules();
            app.smtp = team.smtp;
            app.company = team.company;
        }
        Err(e) => app.message = e.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workbench_moves_to_the_new_day_at_the_team_s_midnight() {
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        let mut app = App::new(day("2026-11-22"), "marie", "team.db");
        // Fixed by --today: stays.
        assert!(!new_day(&mut app, at("2026-11-23T12:00:00Z")));
        assert_eq!(app.today, day("2026-11-22"));
        app.clock = Some(crate::team::Clock::new("Europe/Paris"));
        assert!(!new_day(&mut app, at("2026-11-22T22:59:00Z")));
        assert!(new_day(&mut app, at("2026-11-22T23:00:00Z")));
        assert_eq!(app.today, day("2026-11-23"));
    }
}
