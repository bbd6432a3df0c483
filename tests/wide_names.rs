//! Names with zero-width characters, soft hyphens, line and paragraph
//! separators, byte-order marks, variation selectors, flags, joined emoji and
//! wide (CJK) characters: in the workbench every row is as wide as the
//! screen and the columns after the name start where the header says; in
//! `dun queue` and `dun aging` the columns align by display width.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/workbench.rs"]
mod workbench;

use binary::{TODAY, dun, ok};
use chrono::NaiveDate;
use dun::app::{App, Tab};
use dun::domain::client::Client;
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::money::Money;
use dun::domain::text::is_invisible;
use dun::store::{self, Store, StoreError};
use dun::tui::{draw, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The names, each with what a terminal might draw wider or narrower than
/// it is counted, and a plain one to compare with.
const NAMES: [&str; 9] = [
    "Plain Trading Ltd",
    "Z\u{200b}e\u{200c}r\u{200d}o\u{200e}w\u{200f}idth AS",
    "Schmitt\u{ad}Bau\u{ad}stoffe GmbH",
    "Line\u{2028}and\u{2029}Paragraph SA",
    "\u{feff}Bom\u{2060} Ltd",
    "Heart\u{2764}\u{fe0f} Café\u{fe0e}",
    "🇳🇴 Fiskeri AS",
    "👩\u{200d}👩\u{200d}👧 Familie Hansen",
    "東京商事株式会社",
];

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One client per name, each owing the same on one invoice due the same
/// day, so that everything after the name is the same on every row.
fn fill(store: &mut Store) {
    store
        .write(|tx| {
            for (i, name) in NAMES.iter().enumerate() {
                let mut c = Client::with_code(&format!("W{i:02}"), Currency::EUR);
                c.name = (*name).to_string();
                c.clerk = Some("ann".into());
                let id = store::clients::insert(tx, &c)?;
                let invoice = Invoice {
                    number: format!("W{i:02}-1"),
                    client_code: c.code.clone(),
                    issued_on: d("2026-07-01"),
                    due_on: d("2026-08-01"),
                    amount: Money::new(120_000, Currency::EUR),
                    milestone: None,
                    is_deposit: false,
                };
                store::invoices::insert(tx, id, &invoice)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn database() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wide.db");
    let mut store = Store::open(&db).unwrap();
    fill(&mut store);
    (dir, db)
}

const SIZE: Rect = Rect::new(0, 0, 80, 24);

/// The screen of `tab`, each line as the cells a terminal draws: a cell
/// holding a wide character takes the next one too.
fn screen(db: &std::path::Path, tab: Tab) -> (String, Vec<Vec<(u16, String)>>) {
    let mut store = Store::open(db).unwrap();
    let app = App::new(d(TODAY), "root", "WIDE");
    let mut bench = workbench::open(&mut store, app, SIZE.width, SIZE.height);
    let key = match tab {
        Tab::Queue => "1",
        Tab::Aging => "2",
        Tab::Clients => "3",
        Tab::Journal => "4",
    };
    bench.typed(key);
    let app = bench.app;
    let mut terminal = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).unwrap();
    terminal
        .draw(|f| draw::draw(f, &app, &Theme::new(false)))
        .unwrap();
    let shown = terminal.backend().to_string();
    let buffer = terminal.backend().buffer();
    let lines = (0..SIZE.height)
        .map(|y| {
            let mut cells = Vec::new();
            let mut x = 0;
            while x < SIZE.width {
                let symbol = buffer[(x, y)].symbol().to_string();
                let width = u16::try_from(symbol.width().max(1)).unwrap();
                cells.push((x, symbol));
                x += width;
            }
            // A wide character in the last cell would push the line past
            // the screen's edge.
            assert_eq!(x, SIZE.width, "line {y} is {x} cells wide:\n{shown}");
            cells
        })
        .collect();
    (shown, lines)
}

/// Where the header line of the table puts `label`.
fn column(lines: &[Vec<(u16, String)>], first: &str, label: &str) -> (usize, u16) {
    let (y, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| text(l).starts_with(first))
        .unwrap();
    let text = text(line);
    let at = text.find(&format!(" {label} ")).unwrap() + 1;
    // The header is ASCII: its byte offset is its cell.
    (y, u16::try_from(at).unwrap())
}

fn text(cells: &[(u16, String)]) -> String {
    cells.iter().map(|(_, s)| s.as_str()).collect()
}

/// What the line shows from cell `x` to its end.
fn from(cells: &[(u16, String)], x: u16) -> String {
    let start = cells
        .iter()
        .position(|(at, _)| *at == x)
        .unwrap_or_else(|| panic!("a wide character straddles cell {x}: {}", text(cells)));
    text(&cells[start..])
}

#[test]
fn no_name_shifts_a_row_of_the_workbench() {
    let (_dir, db) = database();
    // The first column after the name whose cells are the same on every
    // line (the invoice numbers differ).
    for (tab, after) in [
        (Tab::Queue, "Reason"),
        (Tab::Aging, "Due"),
        (Tab::Clients, "R"),
    ] {
        let (shown, lines) = screen(&db, tab);
        let (header, name_x) = column(&lines, "Client", "Name");
        let (_, x) = column(&lines, "Client", after);
        let rows: Vec<&Vec<(u16, String)>> = lines[header + 1..]
            .iter()
            .filter(|l| text(l).starts_with('W'))
            .collect();
        assert_eq!(rows.len(), NAMES.len(), "{tab:?}:\n{shown}");
        let tail = from(rows[0], x);
        for row in &rows {
            for (_, symbol) in row.iter() {
                assert!(
                    !symbol
                        .chars()
                        .any(|c| is_invisible(c) || c == '\u{2028}' || c == '\u{2029}'),
                    "{tab:?}: {symbol:?} in\n{shown}"
                );
                let parts: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
                assert_eq!(parts, symbol.width(), "{tab:?}: {symbol:?} in\n{shown}");
            }
            assert_ne!(from(row, name_x).chars().next(), Some(' '), "{shown}");
            assert!(from(row, x - 1).starts_with(' '), "{tab:?}:\n{shown}");
            assert_eq!(
                from(row, x),
                tail,
                "{tab:?}: a name shifted a column:\n{shown}"
            );
        }
        for part in ["🇳🇴 Fiskeri", "👩👩👧 Famili", "東京商事株式"] {
            assert!(shown.contains(part), "{tab:?}: {part} not shown\n{shown}");
        }
    }
}

/// The display column where `label` starts in the header line `header`.
fn display_column(header: &str, label: &str) -> usize {
    header[..header.find(label).unwrap()].width()
}

/// What `row` shows from display column `at`, and the character before it.
fn split_at_column(row: &str, at: usize) -> (char, &str) {
    let mut used = 0;
    let mut before = ' ';
    for (i, c) in row.char_indices() {
        if used == at {
            return (before, &row[i..]);
        }
        assert!(used < at, "a wide character straddles column {at}: {row}");
        used += c.width().unwrap_or(0);
        before = c;
    }
    panic!("{row} ends before column {at}")
}

#[test]
fn dun_queue_aligns_its_columns_by_display_width() {
    let (_dir, db) = database();
    let out = ok(&dun(&db, &["queue"]));
    let header = out.lines().find(|l| l.starts_with("client")).unwrap();
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with('W')).collect();
    assert_eq!(rows.len(), NAMES.len(), "{out}");
    // The left-aligned columns after the name (amount and days, right-aligned
    // between them, are in the tails compared from reason on).
    for label in ["reason", "last contact", "clerk"] {
        let at = display_column(header, label);
        let tails: Vec<&str> = rows
            .iter()
            .map(|row| {
                let (before, tail) = split_at_column(row, at);
                assert_eq!(before, ' ', "{label}: {row}\n{out}");
                tail
            })
            .collect();
        assert!(
            tails.iter().all(|t| *t == tails[0]),
            "{label} does not start at column {at}:\n{out}"
        );
    }
    for row in &rows {
        assert_eq!(row.width(), rows[0].width(), "{row}\n{out}");
        assert!(!row.chars().any(is_invisible), "{row:?}");
    }
    for part in ["🇳🇴 Fiskeri AS", "👩👩👧 Familie Hansen", "東京商事株式会社"] {
        assert!(out.contains(part), "{part} not shown\n{out}");
    }
}

#[test]
fn dun_aging_aligns_its_columns_by_display_width() {
    let (_dir, db) = database();
    let out = ok(&dun(&db, &["aging"]));
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("currency"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(table.len(), 7, "{out}");
    // The last column is right-aligned: every line ends at the same column.
    for line in &table {
        assert_eq!(line.width(), table[0].width(), "{line}\n{out}");
    }
    assert!(out.contains("10800.00"), "{out}");
}
