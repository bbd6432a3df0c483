//! What the keys go to now: a list, the client page, or something open
//! over them (a form, a letter, the help, the messages).

use super::form::{ClientForm, CorrectionForm, Form};
use super::preview::Preview;
use super::tab::Tab;

#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// The list of `App::tab`.
    List,
    /// The client page `App::page`, over the list it was opened from.
    Page,
    /// Typing the aging list's search.
    Search,
    /// A form logging an activity, over the list or the page.
    Form(Box<Form>),
    /// The correction of a journal entry: what it undoes, and why.
    Correct(Box<CorrectionForm>),
    /// A client's file edited, or a new client.
    ClientForm(Box<ClientForm>),
    /// A letter shown before it is sent.
    Preview(Box<Preview>),
    /// The keys of the mode it was opened over.
    Help(Box<Mode>),
    /// The last messages in full, over the mode they were opened from.
    Messages { over: Box<Mode>, scroll: u16 },
}

/// Where a key binding applies: the mode, and for a list which one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    List(Tab),
    Page,
    Search,
    Form,
    Correct,
    ClientForm,
    Preview,
    Help,
    Messages,
}

impl Scope {
    /// Every scope, for the help test and the docs.
    pub const ALL: [Scope; 12] = [
        Scope::List(Tab::Queue),
        Scope::List(Tab::Aging),
        Scope::List(Tab::Clients),
        Scope::List(Tab::Journal),
        Scope::Page,
        Scope::Search,
        Scope::Form,
        Scope::Correct,
        Scope::ClientForm,
        Scope::Preview,
        Scope::Help,
        Scope::Messages,
    ];

    /// How the help's title names it.
    pub fn title(self) -> &'static str {
        match self {
            Scope::List(tab) => tab.title(),
            Scope::Page => "the client page",
            Scope::Search => "the search",
            Scope::Form => "the form",
            Scope::Correct => "the correction",
            Scope::ClientForm => "the client's file",
            Scope::Preview => "the letter",
            Scope::Help => "the help",
            Scope::Messages => "the messages",
        }
    }
}

impl Mode {
    /// The keymap's scope of this mode, over the list of `tab`.
    pub fn scope(&self, tab: Tab) -> Scope {
        match self {
            Mode::List => Scope::List(tab),
            Mode::Page => Scope::Page,
            Mode::Search => Scope::Search,
            Mode::Form(_) => Scope::Form,
            Mode::Correct(_) => Scope::Correct,
            Mode::ClientForm(_) => Scope::ClientForm,
            Mode::Preview(_) => Scope::Preview,
            Mode::Help(_) => Scope::Help,
            Mode::Messages { .. } => Scope::Messages,
        }
    }
}
