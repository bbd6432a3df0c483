//! The workbench's screens over a database that another program filled with
//! escape sequences and bidi marks: no cell holds one, and the bytes the
//! crossterm backend writes carry no escape but its own cursor and colour
//! sequences.

#[path = "common/hostile.rs"]
mod hostile;
#[path = "common/workbench.rs"]
mod workbench;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use dun::app::App;
use dun::domain::text::is_unsafe;
use dun::store::Store;
use dun::tui::{draw, theme::Theme};
use hostile::{TODAY, d, harmless};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const SIZE: Rect = Rect::new(0, 0, 80, 24);

/// What the clerk does before each screen is checked: keys (`\n` Enter,
/// `\u{3}` a page down).
fn journeys() -> Vec<(&'static str, &'static str)> {
    vec![
        ("queue", ""),
        ("queue, second line", "j"),
        ("client page", "\n"),
        ("client page, scrolled", "\n\u{3}\u{3}"),
        ("second client page", "j\n"),
        ("letter preview", "r"),
        ("call form", "c"),
        ("promise form", "p"),
        ("solvency form", "\nN"),
        ("aging", "2"),
        ("aging, second line", "2j"),
        ("aging payment form", "2$"),
        ("clients", "3"),
        ("clients, page", "3\n"),
        ("journal", "4"),
        ("journal, by kind", "4K"),
        ("help", "?"),
        ("messages", "r\x1bM"),
    ]
}

/// The app after `keys`, as the event loop leaves it.
fn after(store: &mut Store, keys: &str) -> App {
    let app = App::new(d(TODAY), &hostile::evil("login"), &hostile::evil("db"));
    let mut bench = workbench::open(store, app, SIZE.width, SIZE.height);
    for c in keys.chars() {
        match c {
            '\u{3}' => bench.key(crossterm::event::KeyCode::PageDown),
            c => bench.typed(&c.to_string()),
        }
    }
    bench.app
}

fn hostile_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("hostile.db")).unwrap();
    hostile::fill(&mut store);
    (dir, store)
}

#[test]
fn no_cell_of_any_screen_holds_a_control_or_bidi_character() {
    let (_dir, mut store) = hostile_store();
    let mut seen_payload_text = false;
    for (name, actions) in journeys() {
        let app = after(&mut store, actions);
        let mut terminal = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).unwrap();
        terminal
            .draw(|f| draw::draw(f, &app, &Theme::new(true)))
            .unwrap();
        let buffer = terminal.backend().buffer();
        for (i, cell) in buffer.content().iter().enumerate() {
            assert!(
                !cell.symbol().chars().any(is_unsafe),
                "{name}: cell {i} holds {:?}\n{}",
                cell.symbol(),
                terminal.backend()
            );
        }
        let screen = terminal.backend().to_string();
        seen_payload_text |= screen.contains("\u{fffd}]0;pwned");
    }
    assert!(
        seen_payload_text,
        "the hostile text is shown, made harmless"
    );
}

/// `bytes` without the CSI sequences (`ESC [ params final`) a backend
/// writes to move the cursor and set colours.
fn without_csi(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (0x20..=0x3f).contains(&bytes[j]) {
                j += 1;
            }
            if j < bytes.len() && (0x40..=0x7e).contains(&bytes[j]) {
                i = j + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// A byte sink the test can read after the terminal has written to it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_bytes_sent_to_the_terminal_carry_only_the_backends_own_sequences() {
    let (_dir, mut store) = hostile_store();
    for (name, actions) in journeys() {
        let app = after(&mut store, actions);
        let written = Shared::default();
        let backend = CrosstermBackend::new(written.clone());
        let mut terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(SIZE),
            },
        )
        .unwrap();
        terminal
            .draw(|f| draw::draw(f, &app, &Theme::new(true)))
            .unwrap();
        drop(terminal);
        let bytes = written.0.borrow().clone();
        assert!(
            bytes.contains(&0x1b),
            "{name}: the backend wrote no styling"
        );
        // The clear-screen payload is a CSI sequence: look for it before the filter.
        for csi in [&b"\x1b[2J"[..], b"\x1b[H"] {
            assert!(
                !bytes.windows(csi.len()).any(|w| w == csi),
                "{name}: {csi:?} written"
            );
        }
        let text = without_csi(&bytes);
        assert!(
            !text.contains(&0x1b),
            "{name}: an escape that is not a cursor or colour sequence: {:?}",
            String::from_utf8_lossy(&text)
        );
        harmless(name, &text);
    }
}

#[test]
fn the_csi_filter_keeps_what_is_not_a_csi_sequence() {
    let raw = b"\x1b[1;1H\x1b[38;5;4mA\x1b[0m\x1b]0;t\x07\x1b[?25l";
    assert_eq!(without_csi(raw), b"A\x1b]0;t\x07");
}
