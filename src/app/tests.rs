//! The workbench driven by keys alone, no database: what each key does to
//! the state, and the effects it asks for with their data.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::event::{AgingLoad, JournalLoad, PenaltyOf, QueueLoad};
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// Opened in 80×24, with no rate missing.
fn opened() -> App {
    let mut app = App::new(today(), "marie", "team.db");
    assert!(
        app.handle(Event::Resize {
            width: 80,
            height: 24
        })
        .is_empty()
    );
    app
}

#[test]
fn starting_reads_the_rates_and_the_queue_alone() {
    let mut app = opened();
    let effects = app.handle(Event::Start);
    let load = Load {
        rates: true,
        queue: Some(QueueLoad {
            clerk: None,
            only: None,
        }),
        ..Load::default()
    };
    assert_eq!(effects, [Effect::Load(load)]);
    // 24 lines less the top line, the message line, the hints and the
    // list's header.
    assert_eq!(app.list_height, 20);
}

#[test]
fn a_tab_reads_its_screen_with_its_window_and_moves_read_the_next_window() {
    let mut app = opened();
    let effects = app.handle(ch('2'));
    assert_eq!(app.tab, Tab::Aging);
    // The aging band takes 8 lines: 12 lines of list.
    assert_eq!(app.list_height, 12);
    let aging = AgingLoad {
        report: true,
        count: true,
        query: Default::default(),
        window: Some((0, 12)),
        penalty: PenaltyOf::Selected {
            selected: 0,
            known: None,
        },
    };
    let all = Load {
        rates: true,
        aging: Some(aging),
        ..Load::default()
    };
    assert_eq!(effects, [Effect::Load(all)]);
    let loaded = Loaded {
        aging_count: Some(100),
        aging_rows: Some((0, Vec::new())),
        ..Loaded::default()
    };
    assert!(app.handle(Event::Loaded(Box::new(loaded))).is_empty());
    let effects = app.handle(ch('G'));
    assert_eq!(app.aging.selected, 99);
    assert_eq!(app.aging.top, 96);
    let [Effect::Load(load)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let window = load.aging.as_ref().and_then(|a| a.window);
    assert_eq!(window, Some((96, 12)));
    assert!(!load.rates && load.queue.is_none());
}

#[test]
fn the_search_reads_the_list_from_its_top_at_each_letter() {
    let mut app = opened();
    app.handle(ch('2'));
    assert!(app.handle(ch('/')).is_empty());
    assert_eq!(app.mode, Mode::Search);
    let effects = app.handle(ch('é'));
    let [Effect::Load(load)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let aging = load.aging.as_ref().unwrap();
    assert_eq!(aging.query.search, "é");
    assert!(aging.count);
    // `q` types in a search, it does not quit.
    app.handle(ch('q'));
    assert!(!app.quit);
    assert_eq!(app.aging.query.search, "éq");
    app.handle(key(KeyCode::Enter));
    assert_eq!(app.mode, Mode::List);
    assert_eq!(app.message(), "Aging: search \"éq\", sorted by days");
}

#[test]
fn the_journal_s_filters_ask_for_its_entries() {
    let mut app = opened();
    app.handle(ch('4'));
    let effects = app.handle(ch('m'));
    let [Effect::Load(load)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let journal = JournalLoad {
        user: Some("marie".into()),
        kind: None,
        search: String::new(),
        after: None,
        limit: JOURNAL_LINES,
    };
    assert_eq!(load.journal, Some(journal));
    assert_eq!(app.message(), "Journal: every kind by marie");
}

#[test]
fn help_is_over_the_mode_it_was_opened_from_and_ctrl_keys_work_everywhere() {
    let mut app = opened();
    app.handle(ch('?'));
    assert_eq!(app.mode, Mode::Help(Box::new(Mode::List)));
    assert_eq!(app.scope(), Scope::Help);
    // Keys of the list do nothing under the help.
    assert!(app.handle(ch('2')).is_empty());
    assert_eq!(app.tab, Tab::Queue);
    app.handle(key(KeyCode::Esc));
    assert_eq!(app.mode, Mode::List);
    let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    assert_eq!(app.handle(ctrl('z')), [Effect::Suspend]);
    app.handle(ctrl('c'));
    assert!(app.quit);
}

#[test]
fn nothing_selected_opens_no_form_and_says_so() {
    let mut app = opened();
    assert!(app.handle(ch('c')).is_empty());
    assert_eq!(app.mode, Mode::List);
    assert_eq!(app.message(), "Nothing selected to log against.");
    app.handle(ch('M'));
    assert!(matches!(app.mode, Mode::Messages { .. }));
    app.handle(ch('M'));
    assert_eq!(app.mode, Mode::List);
}

#[test]
fn a_missing_rate_takes_a_line_and_the_aging_window_follows() {
    let mut app = opened();
    app.handle(ch('2'));
    assert_eq!(app.list_height, 12);
    let key = crate::domain::penalty::RateKey::half(
        crate::domain::penalty::RateTable::Ecb,
        crate::domain::penalty::HalfYear::parse("2026-H2").unwrap(),
    );
    let loaded = Loaded {
        rates: Some((Ok(app.rates.clone()), vec![key])),
        ..Loaded::default()
    };
    let effects = app.handle(Event::Loaded(Box::new(loaded)));
    assert!(app.warning());
    assert_eq!(app.list_height, 11);
    let [Effect::Load(load)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(load.aging.as_ref().and_then(|a| a.window), Some((0, 11)));
}

#[test]
fn another_clerk_s_write_reads_only_what_shows_and_what_changed() {
    use crate::store::changes::Changes;
    let mut app = opened();
    app.handle(Event::Start);
    app.handle(Event::Loaded(Box::new(Loaded {
        queue: Some(Vec::new()),
        ..Loaded::default()
    })));
    assert!(app.queue.fresh);
    // Nothing on screen changed: nothing is read.
    let nothing = Changes {
        seq: 5,
        ..Changes::default()
    };
    assert!(app.handle(Event::DataChanged(nothing)).is_empty());
    // A note for one client: that client's queue lines alone.
    let note = Changes {
        seq: 6,
        journal: true,
        clients: ["FR-00001".to_string()].into(),
        ..Changes::default()
    };
    let only = Load {
        queue: Some(QueueLoad {
            clerk: None,
            only: Some(vec!["FR-00001".to_string()]),
        }),
        ..Load::default()
    };
    assert_eq!(
        app.handle(Event::DataChanged(note.clone())),
        [Effect::Load(only.clone())]
    );
    // On another screen the queue waits; back on it, it reads those lines.
    app.handle(ch('4'));
    app.handle(Event::Loaded(Box::new(Loaded {
        journal: Some((app.journal.load(), Vec::new())),
        ..Loaded::default()
    })));
    let effects = app.handle(Event::DataChanged(note));
    assert!(
        effects.iter().all(|e| match e {
            Effect::Load(l) => l.queue.is_none() && l.journal.is_some(),
            _ => false,
        }),
        "{effects:?}"
    );
    let effects = app.handle(ch('1'));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Load(l) if l.queue == only.queue)),
        "{effects:?}"
    );
    // The team's settings or rates: everything again.
    let team = Changes {
        seq: 7,
        team: true,
        ..Changes::default()
    };
    assert_eq!(app.handle(Event::DataChanged(team)), [Effect::ReadTeam]);
}

#[test]
fn the_clients_list_is_searched_sorted_and_narrowed_a_page_at_a_time() {
    use crate::store::client_list::{ClientSort, ClientWindow};
    let mut app = opened();
    app.handle(ch('3'));
    let first = |effects: Vec<Effect>| -> crate::app::event::ClientsLoad {
        match effects.as_slice() {
            [
                Effect::Load(Load {
                    clients: Some(c), ..
                }),
            ] => c.clone(),
            other => panic!("{other:?}"),
        }
    };
    let c = first(app.handle(ch('s')));
    assert_eq!(
        (c.query.sort, &c.window),
        (ClientSort::Name, &ClientWindow::First)
    );
    let c = first(app.handle(ch('o')));
    assert!(c.query.over_limit);
    let c = first(app.handle(ch('m')));
    assert_eq!(c.query.clerk.as_deref(), Some("marie"));
    app.handle(ch('/'));
    assert_eq!(app.mode, Mode::Search);
    app.handle(ch('é'));
    let c = first(app.handle(ch('b')));
    assert_eq!(c.query.search, "éb");
    // Every letter reads the first page of what it finds.
    assert_eq!(c.window, ClientWindow::First);
    assert_eq!(c.limit as usize, app.list_height);
}

/// The journal entry `id`, recorded at the `id`th second: the higher the
/// id, the newer.
fn entry(id: i64) -> crate::store::journal::JournalEntry {
    crate::store::journal::JournalEntry {
        at: format!(
            "2026-11-22T{:02}:{:02}:{:02}Z",
            id / 3600,
            id / 60 % 60,
            id % 60
        ),
        on: today(),
        user: "bob".into(),
        client: "FR-00001".into(),
        note: format!("entry {id}"),
        ..crate::store::journal::JournalEntry::example(id, "note")
    }
}

/// Entries `from` down to `to`, newest first.
fn entries(from: i64, to: i64) -> Vec<crate::store::journal::JournalEntry> {
    (to..=from).rev().map(entry).collect()
}

#[test]
fn another_clerk_s_write_keeps_the_journal_s_place_and_the_older_entries_read() {
    use crate::store::changes::Changes;
    let mut app = opened();
    let effects = app.handle(ch('4'));
    let [Effect::Load(load)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let first = load.journal.clone().expect("the journal's newest entries");
    assert_eq!((first.after.clone(), first.limit), (None, JOURNAL_LINES));
    // 2,000 entries in all: the newest 500, then 500 more as the
    // selection nears the last one shown.
    app.handle(Event::Loaded(Box::new(Loaded {
        journal: Some((first.clone(), entries(2_000, 1_501))),
        ..Loaded::default()
    })));
    let mut more = None;
    for _ in 0..25 {
        for e in app.handle(key(KeyCode::PageDown)) {
            if let Effect::Load(l) = e {
                more = more.or(l.journal);
            }
        }
    }
    let more = more.expect("older entries asked for");
    assert_eq!(more.after.as_ref().map(|k| k.id), Some(1_501));
    app.handle(Event::Loaded(Box::new(Loaded {
        journal_more: Some(entries(1_500, 1_001)),
        ..Loaded::default()
    })));
    // The clerk walks on, to the 700th entry.
    app.handle(key(KeyCode::Char('g')));
    for _ in 0..35 {
        app.handle(key(KeyCode::PageDown));
    }
    assert_eq!(app.journal.selected, 700);
    let selected = app.journal.entry().map(|e| e.id);
    assert_eq!(selected, Some(1_300));
    // Another clerk writes three entries: the newest 500 are read again,
    // nothing below them.
    let write = Changes {
        seq: 9,
        journal: true,
        clients: ["FR-00001".to_string()].into(),
        ..Changes::default()
    };
    let effects = app.handle(Event::DataChanged(write));
    let [Effect::Load(load)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let again = load.journal.clone().expect("the journal read again");
    assert_eq!(again, first);
    app.handle(Event::Loaded(Box::new(Loaded {
        journal: Some((again, entries(2_003, 1_504))),
        ..Loaded::default()
    })));
    // The older entries stay, once each, in order; the selection is on
    // the same entry, three lines further down.
    let j = &app.journal;
    assert_eq!(j.entries.len(), 1_003);
    assert!(j.entries.windows(2).all(|w| w[0].id == w[1].id + 1));
    assert_eq!(j.entries.last().map(|e| e.id), Some(1_001));
    assert_eq!(j.entry().map(|e| e.id), selected);
    assert_eq!(j.selected, 703);
    assert!(!j.complete);
    // Further down, the next page follows the last entry read.
    let next = j.more(app.list_height).map(|l| l.after);
    assert_eq!(next, None, "not yet near the end");
    // Another filter reads its own entries: the others are gone.
    app.handle(ch('m'));
    let mine = app.journal.load();
    app.handle(Event::Loaded(Box::new(Loaded {
        journal: Some((mine, entries(40, 1))),
        ..Loaded::default()
    })));
    let j = &app.journal;
    assert_eq!((j.entries.len(), j.selected, j.complete), (40, 0, true));
}

#[test]
fn the_journal_read_again_keeps_the_selected_entry_even_with_fewer_than_a_page() {
    let mut app = opened();
    app.handle(ch('4'));
    let read = app.journal.load();
    app.handle(Event::Loaded(Box::new(Loaded {
        journal: Some((read.clone(), entries(10, 1))),
        ..Loaded::default()
    })));
    app.handle(ch('j'));
    app.handle(ch('j'));
    assert_eq!(app.journal.entry().map(|e| e.id), Some(8));
    app.handle(Event::Loaded(Box::new(Loaded {
        journal: Some((read, entries(12, 1))),
        ..Loaded::default()
    })));
    assert_eq!(app.journal.entry().map(|e| e.id), Some(8));
    assert_eq!((app.journal.selected, app.journal.complete), (4, true));
}
