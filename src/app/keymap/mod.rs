//! Keys as data: one table ([`table::KEYMAP`]) says what each key does in
//! which mode, and the same table draws the footer hints and the help.

mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use table::KEYMAP;

use super::action::Action;
use super::mode::Scope;

/// The keys of a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    Codes(&'static [KeyCode]),
    /// Any printable character (typed into a form or a search).
    Printable,
}

pub struct Binding {
    pub scopes: &'static [Scope],
    pub keys: Keys,
    /// How the key is written in hints and help.
    pub label: &'static str,
    pub action: Action,
    /// Short word for the footer; empty keeps it out of the footer.
    pub hint: &'static str,
    pub help: &'static str,
}

impl Binding {
    pub fn takes(&self, code: KeyCode) -> bool {
        match self.keys {
            Keys::Codes(codes) => codes.contains(&code),
            Keys::Printable => matches!(code, KeyCode::Char(c) if !c.is_control()),
        }
    }
}

/// The action a key asks for in `scope`. Ctrl-C quits and Ctrl-Z
/// suspends in every mode; no other control key does anything.
pub fn action_for(scope: Scope, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('z') => Some(Action::Suspend),
            _ => None,
        };
    }
    bindings(scope)
        .find(|b| b.takes(key.code))
        .map(|b| b.action)
}

/// The bindings of `scope`, in the order the help lists them.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.scopes.contains(&scope))
}

/// Footer hints of `scope`: `label word` pairs. Back, help and quit come
/// first,
/// so that a narrow window still shows them.
pub fn hints(scope: Scope) -> Vec<(&'static str, &'static str)> {
    hinted(scope).map(|b| (b.label, b.hint)).collect()
}

/// [`hints`] without help and quit, in a line (`Enter send · Esc/q
/// cancel`), for the frame of a letter or a form.
pub fn hint_line(scope: Scope) -> String {
    hinted(scope)
        .filter(|b| !matches!(b.action, Action::Help | Action::Quit))
        .map(|b| format!("{} {}", b.label, b.hint))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn hinted(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    let first = |b: &&Binding| matches!(b.action, Action::Back | Action::Help | Action::Quit);
    let hinted = |b: &&Binding| !b.hint.is_empty();
    bindings(scope)
        .filter(hinted)
        .filter(first)
        .chain(bindings(scope).filter(hinted).filter(move |b| !first(b)))
}
