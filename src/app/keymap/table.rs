//! Every key of every mode, in the order the help lists them.

use crossterm::event::KeyCode;

use super::super::action::Action;
use super::super::form::FormKind;
use super::super::mode::Scope::{
    self, ClientForm, Correct, Form, Help, List, Messages, Page, Preview, Search,
};
use super::super::tab::Tab::{Aging, Clients, Journal, Queue};
use super::{Binding, Keys};

const fn bind(
    scopes: &'static [Scope],
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        scopes,
        keys: Keys::Codes(keys),
        label,
        action,
        hint,
        help,
    }
}

const fn typing(scopes: &'static [Scope], help: &'static str) -> Binding {
    Binding {
        scopes,
        keys: Keys::Printable,
        label: "a-z 0-9",
        action: Action::Type,
        hint: "",
        help,
    }
}

/// The four lists and the client page.
const SCREENS: &[Scope] = &[List(Queue), List(Aging), List(Clients), List(Journal), Page];
/// Where a line (or the page) names an invoice to log against.
const LOGGING: &[Scope] = &[List(Queue), List(Aging), Page];
/// Where a line names a client whose page opens.
const OPENING: &[Scope] = &[List(Queue), List(Aging), List(Clients)];
const LISTS: &[Scope] = &[List(Queue), List(Aging), List(Clients), List(Journal)];
const QUITTING: &[Scope] = &[
    List(Queue),
    List(Aging),
    List(Clients),
    List(Journal),
    Page,
    Help,
    Messages,
];

use KeyCode::{BackTab, Backspace, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Up};

#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    // The lists' own keys.
    bind(&[List(Queue)], &[Char('m')], "m", Action::ToggleMine, "mine/all", "only my clients, or everyone's"),
    bind(&[List(Queue)], &[Char('/')], "/", Action::Search, "", "search client, phone, invoice"),
    bind(&[List(Aging)], &[Char('/')], "/", Action::Search, "search", "search client or invoice"),
    bind(&[List(Aging)], &[Char('f')], "f", Action::CycleBucket, "bucket", "one bucket, the next, or all"),
    bind(&[List(Aging)], &[Char('s')], "s", Action::CycleSort, "sort", "sort by days, amount or client"),
    bind(&[List(Aging)], &[Char('x')], "x", Action::ToggleDisputed, "", "only disputed invoices, or all"),
    bind(&[List(Aging)], &[Char('m')], "m", Action::ToggleMine, "", "my clients' invoices, or all"),
    bind(&[List(Aging)], &[Char('P')], "P", Action::CycleProfile, "", "one profile, the next, or all"),
    bind(&[List(Aging)], &[Char('C')], "C", Action::CycleCurrency, "", "one currency, the next, or all"),
    bind(&[List(Clients)], &[Char('/')], "/", Action::Search, "search", "search client, phone, invoice"),
    bind(&[List(Clients)], &[Char('s')], "s", Action::CycleSort, "sort", "sort by code, name, balance or oldest"),
    bind(&[List(Clients)], &[Char('m')], "m", Action::ToggleMine, "", "only my clients, or everyone's"),
    bind(&[List(Clients)], &[Char('o')], "o", Action::ToggleOverLimit, "", "only those over their limit, or all"),
    bind(&[List(Journal)], &[Char('/')], "/", Action::Search, "", "search client, phone, invoice"),
    bind(&[List(Journal)], &[Char('m')], "m", Action::ToggleMine, "mine/all", "what I recorded, or everyone's"),
    bind(&[List(Journal)], &[Char('a')], "a", Action::Acknowledge, "received", "signed receipt came back today"),
    bind(&[List(Journal)], &[Char('K')], "K", Action::CycleKind, "kind", "one kind, the next, or all"),
    bind(&[List(Journal)], &[Char('x')], "x", Action::Correct, "correct", "correct the entry: undo it, with a reason"),
    bind(&[List(Clients), Page], &[Char('e')], "e", Action::EditClient, "edit", "edit the client's file"),
    bind(&[List(Clients)], &[Char('A')], "A", Action::AddClient, "add", "add a client"),
    bind(OPENING, &[Enter], "Enter", Action::Open, "client", "open the client page"),
    // Logging, from a line or the client page.
    bind(LOGGING, &[Char('c')], "c", Action::Log(FormKind::Call), "call", "log a call"),
    bind(LOGGING, &[Char('p')], "p", Action::Log(FormKind::Promise), "promise", "log a promise to pay"),
    bind(LOGGING, &[Char('$')], "$", Action::Log(FormKind::Payment), "paid", "record a payment"),
    bind(LOGGING, &[Char('n')], "n", Action::Log(FormKind::Note), "", "add a note"),
    bind(LOGGING, &[Char('v')], "v", Action::Log(FormKind::Visit), "", "plan or record a visit"),
    bind(LOGGING, &[Char('r')], "r", Action::Log(FormKind::Reminder), "", "the line's letter, or reminder"),
    bind(LOGGING, &[Char('d')], "d", Action::Log(FormKind::Dispute), "", "mark a dispute"),
    bind(LOGGING, &[Char('R')], "R", Action::Log(FormKind::ResolveDispute), "", "resolve a dispute (1 upheld)"),
    bind(&[List(Queue), List(Aging)], &[Char('e')], "e", Action::Log(FormKind::Escalation), "", "escalate, or its outcome"),
    bind(&[Page], &[Char('E')], "E", Action::Log(FormKind::Escalation), "", "escalate the case"),
    bind(LOGGING, &[Char('L')], "L", Action::Log(FormKind::PaymentPlan), "", "agree a payment plan"),
    bind(LOGGING, &[Char('W')], "W", Action::Log(FormKind::WriteOff), "", "write off an amount"),
    bind(LOGGING, &[Char('z')], "z", Action::Log(FormKind::Snooze), "", "snooze for some days"),
    bind(LOGGING, &[Char('N')], "N", Action::Log(FormKind::SolvencyNote), "", "add a solvency note"),
    bind(LOGGING, &[Char('S')], "S", Action::Statement, "", "an account statement to send"),
    // Between screens, and through a list or the page.
    bind(SCREENS, &[Char('1')], "1", Action::Show(Queue), "", "the follow-up queue"),
    bind(SCREENS, &[Char('2')], "2", Action::Show(Aging), "", "the aging list"),
    bind(SCREENS, &[Char('3')], "3", Action::Show(Clients), "", "the clients"),
    bind(SCREENS, &[Char('4')], "4", Action::Show(Journal), "", "the journal"),
    bind(LISTS, &[Down, Char('j')], "↓/j", Action::Down, "", "next line"),
    bind(LISTS, &[Up, Char('k')], "↑/k", Action::Up, "", "previous line"),
    bind(LISTS, &[PageDown], "PgDn", Action::PageDown, "", "next page"),
    bind(LISTS, &[PageUp], "PgUp", Action::PageUp, "", "previous page"),
    bind(LISTS, &[Char('g'), Home], "g", Action::Top, "", "first line"),
    bind(LISTS, &[Char('G'), End], "G", Action::Bottom, "", "last line"),
    bind(&[Page], &[Down, Char('j')], "↓/j", Action::Down, "", "scroll down"),
    bind(&[Page], &[Up, Char('k')], "↑/k", Action::Up, "", "scroll up"),
    bind(&[Page], &[PageDown], "PgDn", Action::PageDown, "", "a page down"),
    bind(&[Page], &[PageUp], "PgUp", Action::PageUp, "", "a page up"),
    bind(&[Page], &[Char('g'), Home], "g", Action::Top, "", "the top"),
    bind(&[Page], &[Char('G'), End], "G", Action::Bottom, "", "the end"),
    // A form.
    bind(&[Form], &[Enter], "Enter", Action::Confirm, "records", "record it (when the fields check out)"),
    bind(&[Form], &[Esc], "Esc", Action::Cancel, "cancels", "cancel: nothing is recorded"),
    bind(&[Form], &[KeyCode::Tab, Down], "Tab/↓", Action::NextField, "next field", "the next field"),
    bind(&[Form], &[BackTab, Up], "S-Tab/↑", Action::PreviousField, "", "the previous field"),
    bind(&[Form], &[Backspace], "Bksp", Action::Erase, "", "erase the last character"),
    typing(&[Form], "type into the field; a digit picks a choice"),
    // The correction of a journal entry.
    bind(&[Correct], &[Enter], "Enter", Action::Confirm, "records", "record the correction (with a reason)"),
    bind(&[Correct], &[Esc], "Esc", Action::Cancel, "cancels", "cancel: nothing is corrected"),
    bind(&[Correct], &[Backspace], "Bksp", Action::Erase, "", "erase the last character"),
    typing(&[Correct], "type the reason"),
    // A client's file.
    bind(&[ClientForm], &[Enter], "Enter", Action::Confirm, "saves", "save the fields changed"),
    bind(&[ClientForm], &[Esc], "Esc", Action::Cancel, "cancels", "cancel: nothing is saved"),
    bind(&[ClientForm], &[KeyCode::Tab, Down], "Tab/↓", Action::NextField, "next field", "the next field"),
    bind(&[ClientForm], &[BackTab, Up], "S-Tab/↑", Action::PreviousField, "", "the previous field"),
    bind(&[ClientForm], &[Backspace], "Bksp", Action::Erase, "", "erase the last character"),
    typing(&[ClientForm], "type into the field"),
    // The aging list's search.
    bind(&[Search], &[Enter], "Enter", Action::Confirm, "keep", "keep the search"),
    bind(&[Search], &[Esc], "Esc", Action::Cancel, "clear", "clear the search"),
    bind(&[Search], &[Backspace], "Bksp", Action::Erase, "", "erase the last character"),
    typing(&[Search], "type: the list follows each letter"),
    // A letter before it is sent.
    bind(&[Preview], &[Enter], "Enter", Action::Confirm, "send", "send it, and log it"),
    bind(&[Preview], &[Esc, Char('q')], "Esc/q", Action::Cancel, "cancel", "put it away, send nothing"),
    bind(&[Preview], &[Down, Char('j')], "↓/j", Action::Down, "", "scroll down"),
    bind(&[Preview], &[Up, Char('k')], "↑/k", Action::Up, "", "scroll up"),
    bind(&[Preview], &[PageDown, Char(' ')], "PgDn/Space", Action::PageDown, "", "a page down"),
    bind(&[Preview], &[PageUp], "PgUp", Action::PageUp, "", "a page up"),
    // The messages.
    bind(SCREENS, &[Char('M')], "M", Action::Messages, "", "the last messages in full"),
    bind(&[Messages], &[Esc, Char('M')], "Esc/M", Action::Back, "back", "back"),
    bind(&[Messages], &[Down, Char('j')], "↓/j", Action::Down, "", "scroll down"),
    bind(&[Messages], &[Up, Char('k')], "↑/k", Action::Up, "", "scroll up"),
    // Back, help and quit.
    bind(&[Page], &[Esc], "Esc", Action::Back, "back", "back to the list"),
    bind(&[Help], &[Esc, Char('?')], "Esc/?", Action::Back, "close", "close the help"),
    bind(
        &[List(Queue), List(Aging), List(Clients), List(Journal), Page, Preview],
        &[Char('?')],
        "?",
        Action::Help,
        "help",
        "the keys here",
    ),
    bind(QUITTING, &[Char('q')], "q", Action::Quit, "quit", "quit"),
];
