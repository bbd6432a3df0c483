//! The terminal: set-up and restore, and the loop that reads its events,
//! hands them to the workbench ([`crate::app::App::handle`]), performs the
//! effects it asks for ([`perform`]) and draws. The loop never holds a
//! transaction while it waits for a key.

pub mod bars;
pub mod client_form_view;
pub mod client_page;
pub mod correction_view;
pub mod draw;
pub mod form_view;
mod governs_view;
pub mod help;
mod keeper;
pub mod layout;
mod letter_view;
pub mod messages_view;
pub mod missing_rates;
mod penalty_text;
pub mod perform;
mod read;
pub mod screens;
mod send;
pub mod theme;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGTERM, SIGTSTP};

use crate::app::{App, Event};
use crate::store::Store;
use perform::{Env, step};

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
    let mut env = Env::new(store);
    env.company = settings.company;
    env.letters_dir = settings.letters_dir;
    env.smtp = settings.smtp;
    if env.store.read_only().is_none() {
        env.keeper = Some(keeper::Keeper::start(env.store.path().to_path_buf()));
    }
    // SIGTERM, and SIGHUP when the SSH link drops, end the loop at its next
    // turn (within a quarter of a second) so that the terminal is restored.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    watchdog(Arc::clone(&stop));
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut env, &mut app, &stop);
    ratatui::restore();
    if let Some(keeper) = env.keeper.take() {
        // The lines the last read built are kept before the process ends,
        // unless that takes longer than a clerk should wait.
        keeper.finish(Duration::from_secs(1));
    }
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
    env: &mut Env<'_>,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let theme = theme::Theme::from_env();
    let size = terminal.size()?;
    let resize = Event::Resize {
        width: size.width,
        height: size.height,
    };
    step(app, env, resize);
    // Where the changes stand before the first read: what another clerk
    // writes while it runs is read again at the next look, never missed.
    env.changed()?;
    step(app, env, Event::Start);
    let mut watched = Instant::now();
    let parent = std::os::unix::process::parent_id();
    loop {
        terminal.draw(|f| draw::draw(f, app, &theme))?;
        env.keep_built();
        env.keep_ahead(app);
        // A closed terminal does not always send SIGHUP to us (the shell that
        // ran us may die first): a new parent means nobody is watching.
        if app.quit || stop.load(Ordering::Relaxed) || std::os::unix::process::parent_id() != parent
        {
            return Ok(());
        }
        if event::poll(Duration::from_millis(250))? {
            let happened = match event::read()? {
                event::Event::Key(key) => Some(Event::Key(key)),
                event::Event::Resize(width, height) => Some(Event::Resize { width, height }),
                _ => None,
            };
            if let Some(e) = happened
                && step(app, env, e)
            {
                suspend(terminal)?;
            }
        }
        if watched.elapsed() >= WATCH {
            watched = Instant::now();
            match env.changed() {
                Ok(Some(changes)) => {
                    step(app, env, Event::DataChanged(changes));
                }
                Ok(None) => {}
                Err(e) => {
                    step(app, env, Event::Failed(e.to_string()));
                }
            }
            step(app, env, Event::Tick(chrono::Utc::now()));
        }
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
        assert!(
            app.handle(Event::Tick(at("2026-11-23T12:00:00Z")))
                .is_empty()
        );
        assert_eq!(app.today, day("2026-11-22"));
        app.clock = Some(crate::team::Clock::new("Europe/Paris"));
        assert!(
            app.handle(Event::Tick(at("2026-11-22T22:59:00Z")))
                .is_empty()
        );
        let effects = app.handle(Event::Tick(at("2026-11-22T23:00:00Z")));
        assert_eq!(effects, [crate::app::Effect::Load(app.load_all())]);
        assert_eq!(app.today, day("2026-11-23"));
    }
}
