//! The workbench driven as the event loop drives it: events handed to
//! `App::handle`, the effects it returns performed on a real database and
//! what came of them handed back, until nothing is left to do.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dun::app::{App, Event};
use dun::store::Store;
use dun::tui::perform::{Env, step};

pub struct Bench<'s> {
    pub app: App,
    pub env: Env<'s>,
}

/// `app` opened on `store` in a terminal of `width`×`height`.
pub fn open(store: &mut Store, app: App, width: u16, height: u16) -> Bench<'_> {
    let mut bench = Bench {
        app,
        env: Env::new(store),
    };
    bench.event(Event::Resize { width, height });
    bench.event(Event::Start);
    // The loop's first look at what changed: from now on.
    bench.env.changed().unwrap();
    bench
}

impl Bench<'_> {
    pub fn event(&mut self, event: Event) {
        step(&mut self.app, &mut self.env, event);
    }

    /// What the loop does each second: another clerk's writes since the
    /// last look, handed to the workbench.
    pub fn watch(&mut self) {
        if let Some(changes) = self.env.changed().unwrap() {
            self.event(Event::DataChanged(changes));
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn keys(&mut self, codes: &[KeyCode]) {
        for code in codes {
            self.key(*code);
        }
    }

    /// Each character a key: `\t` is Tab, `\n` Enter, `\x1b` Esc, `\x08`
    /// Backspace.
    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.key(match c {
                '\t' => KeyCode::Tab,
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\x08' => KeyCode::Backspace,
                c => KeyCode::Char(c),
            });
        }
    }

    pub fn store(&mut self) -> &mut Store {
        self.env.store
    }
}
