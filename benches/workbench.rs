//! Workbench figures on the 1,000,000-invoice demo: time to the first full
//! frame, time from a navigation key to the next frame, and the bytes sent
//! to the terminal when the selection moves one line down (what an SSH link
//! carries). Drawn at 80×24 through the real crossterm backend into a
//! byte-counting sink.
//!
//! `cargo bench --bench workbench` (DUN_BENCH_DB=FILE reuses a demo database;
//! DUN_BENCH_SCALE sets the size of a new one).

use std::cell::Cell;
use std::io::{self, Write};
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dun::app::{App, Event};
use dun::commands::log::{LogRequest, run as log};
use dun::report::queue::keep_ahead;
use dun::store::Store;
use dun::tui::perform::{Env, step};
use dun::tui::{draw, theme::Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const TODAY: &str = "2026-11-22";

/// The store's reads per screen and the binary's memory and CPU.
#[path = "workbench/store.rs"]
mod store_figures;

/// Counts what would go down the wire.
#[derive(Clone, Default)]
struct Wire {
    bytes: Rc<Cell<usize>>,
}

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// A workbench started on `store`: sized to the terminal, loaded, its
/// first frame drawn.
fn start<'s>(
    store: &'s mut Store,
    terminal: &mut Terminal<CrosstermBackend<Wire>>,
    today: chrono::NaiveDate,
    theme: &Theme,
) -> (App, Env<'s>) {
    let mut app = App::new(today, "root", "DEMO");
    let mut env = Env::new(store);
    let size = terminal.size().expect("size");
    let resize = Event::Resize {
        width: size.width,
        height: size.height,
    };
    step(&mut app, &mut env, resize);
    step(&mut app, &mut env, Event::Start);
    terminal.draw(|f| draw::draw(f, &app, theme)).expect("draw");
    (app, env)
}

/// Another clerk's note `text` on `day` on each of these lines' clients.
fn notes(store: &mut Store, lines: &[dun::store::queue::FollowUp], day: NaiveDate, text: &str) {
    for line in lines {
        let note = LogRequest {
            kind: "note".into(),
            client: Some(line.code.clone()),
            note: Some(text.into()),
            ..LogRequest::default()
        };
        log(
            store,
            &note,
            "root",
            day,
            chrono::Utc::now(),
            &mut io::sink(),
        )
        .expect("log a note");
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = match std::env::var_os("DUN_BENCH_DB") {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let db = dir.path().join("bench.db");
            let scale = std::env::var("DUN_BENCH_SCALE").unwrap_or_else(|_| "1000000".into());
            let ok = Command::new(env!("CARGO_BIN_EXE_dun"))
                .args(["demo", "--scale", &scale])
                .env("DUN_DB", &db)
                .env("DUN_TODAY", TODAY)
                .status()
                .expect("run dun demo")
                .success();
            assert!(ok, "dun demo failed");
            db
        }
    };
    let today = TODAY.parse().expect("date");
    let size = Rect::new(0, 0, 80, 24);
    let theme = Theme::new(true);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(size),
    };
    let wire = Wire::default();
    let sent = wire.bytes.clone();
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(wire), options).expect("terminal");

    // First full frame of the day: nothing kept, the whole queue built.
    Store::open(&db)
        .expect("open")
        .write_kept(|tx| dun::store::queue_kept::forget(tx))
        .expect("forget the kept queue");
    let first_frame = |terminal: &mut Terminal<CrosstermBackend<Wire>>| {
        let started = Instant::now();
        let mut store = Store::open(&db).expect("open");
        let (_app, mut env) = start(&mut store, terminal, today, &theme);
        let first = started.elapsed();
        let t = Instant::now();
        env.keep_built();
        (first, t.elapsed())
    };
    let (first, keeping) = first_frame(&mut terminal);
    // Every later start: the queue kept by the first.
    let mut later: Vec<Duration> = (0..5).map(|_| first_frame(&mut terminal).0).collect();
    later.sort();

    let mut store = Store::open(&db).expect("open");
    let (mut app, mut env) = start(&mut store, &mut terminal, today, &theme);

    // The day's first start when a workbench was open the day before: it
    // kept today's queue ahead, and 200 clients were written to since.
    let yesterday = today.pred_opt().expect("yesterday");
    let never = || false;
    let mut ahead_first = Vec::new();
    let (mut ahead_whole, mut ahead_changed) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..3 {
        let mut other = Store::open(&db).expect("open");
        other
            .write_kept(|tx| dun::store::queue_kept::forget(tx))
            .expect("forget the kept queue");
        let t = Instant::now();
        keep_ahead(&mut other, yesterday, &app.rules, &app.rates, &never).expect("keep ahead");
        ahead_whole = t.elapsed();
        notes(
            &mut other,
            &app.queue.lines[..200],
            yesterday,
            "called back, no answer",
        );
        let t = Instant::now();
        keep_ahead(&mut other, yesterday, &app.rules, &app.rates, &never).expect("keep ahead");
        ahead_changed = t.elapsed();
        notes(
            &mut other,
            &app.queue.lines[200..400],
            yesterday,
            "left a message",
        );
        drop(other);
        ahead_first.push(first_frame(&mut terminal).0);
    }
    ahead_first.sort();

    let mut press = |app: &mut App, env: &mut Env<'_>, code: KeyCode| -> (Duration, usize) {
        let before = sent.get();
        let t = Instant::now();
        step(
            app,
            env,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        terminal.draw(|f| draw::draw(f, app, &theme)).expect("draw");
        (t.elapsed(), sent.get() - before)
    };

    let mut latencies = Vec::new();
    let mut queue_down = Vec::new();
    for _ in 0..100 {
        let (t, bytes) = press(&mut app, &mut env, KeyCode::Down);
        latencies.push(t);
        queue_down.push(bytes);
    }
    for _ in 0..100 {
        latencies.push(press(&mut app, &mut env, KeyCode::Up).0);
    }
    latencies.push(press(&mut app, &mut env, KeyCode::Char('2')).0);
    let mut aging_down = Vec::new();
    for _ in 0..200 {
        let (t, bytes) = press(&mut app, &mut env, KeyCode::Down);
        latencies.push(t);
        aging_down.push(bytes);
    }
    let mut paging = Vec::new();
    for code in [KeyCode::PageDown; 50]
        .into_iter()
        .chain([KeyCode::PageUp; 50])
    {
        paging.push(press(&mut app, &mut env, code).0);
    }
    latencies.extend(paging.iter().copied());
    let jump_end = press(&mut app, &mut env, KeyCode::End).0;
    let jump_top = press(&mut app, &mut env, KeyCode::Home).0;
    let slowest_paging = paging.iter().max().copied().unwrap_or_default();
    latencies.sort();
    queue_down.sort();
    aging_down.sort();

    println!(
        "dun workbench benchmark, {} at 80x24, today {TODAY}",
        db.display()
    );
    println!(
        "open invoices {}, queue lines {}",
        app.aging.count,
        app.queue.lines.len()
    );
    let rows = [
        ("first full frame, first start of the day", ms(first), ""),
        ("  then keeping the queue built (after)", ms(keeping), ""),
        (
            "day's first start, kept ahead (median)",
            ms(ahead_first[1]),
            "< 100 ms",
        ),
        (
            "day's first start, kept ahead (slowest)",
            ms(ahead_first[2]),
            "< 100 ms",
        ),
        (
            "keeping three days ahead, from nothing",
            ms(ahead_whole),
            "",
        ),
        (
            "keeping three days ahead, 200 clients changed",
            ms(ahead_changed),
            "",
        ),
        (
            "first full frame, later starts (median)",
            ms(later[later.len() / 2]),
            "< 100 ms",
        ),
        (
            "first full frame, later starts (slowest)",
            ms(later[later.len() - 1]),
            "< 100 ms",
        ),
        (
            "key to frame, j/k/PgDn/PgUp, p50",
            ms(percentile(&latencies, 0.5)),
            "",
        ),
        (
            "key to frame, j/k/PgDn/PgUp, p99",
            ms(percentile(&latencies, 0.99)),
            "< 16 ms",
        ),
        (
            "key to frame, slowest PgDn/PgUp in aging",
            ms(slowest_paging),
            "",
        ),
        ("key to frame, G (last of the aging list)", ms(jump_end), ""),
        ("key to frame, g (first line)", ms(jump_top), ""),
        (
            "bytes for one line down, queue (median)",
            queue_down[queue_down.len() / 2].to_string(),
            "< 2048",
        ),
        (
            "bytes for one line down, aging (median)",
            aging_down[aging_down.len() / 2].to_string(),
            "< 2048",
        ),
        (
            "bytes for one line down, aging (max)",
            aging_down[aging_down.len() - 1].to_string(),
            "",
        ),
    ];
    for (what, figure, target) in rows {
        println!("{what:<44} {figure:>10}  {target}");
    }
    store_figures::run(&db, today);
}
