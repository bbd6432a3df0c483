//! Keys as data: one table says what each key does on which screen, and the
//! same table draws the footer hints and the help screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Tab};
use super::form::FormKind;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    On(Tab),
    /// The screens whose lines name a client: queue, aging, clients.
    Logging,
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [KeyCode],
    /// How the key is written in hints and help.
    pub label: &'static str,
    pub action: Action,
    /// Short word for the footer; empty keeps it out of the footer.
    pub hint: &'static str,
    pub help: &'static str,
}

const fn bind(
    scope: Scope,
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        action,
        hint,
        help,
    }
}

use Scope::{Everywhere, Logging, On};

pub const KEYMAP: &[Binding] = &[
    bind(
        Everywhere,
        &[KeyCode::Char('1')],
        "1",
        Action::Show(Tab::Queue),
        "",
        "the follow-up queue",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('2')],
        "2",
        Action::Show(Tab::Aging),
        "",
        "the aging list",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('3')],
        "3",
        Action::Show(Tab::Clients),
        "",
        "the clients",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('4')],
        "4",
        Action::Show(Tab::Journal),
        "",
        "the journal",
    ),
    bind(
        Everywhere,
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        Action::Down,
        "",
        "next line",
    ),
    bind(
        Everywhere,
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        Action::Up,
        "",
        "previous line",
    ),
    bind(
        Everywhere,
        &[KeyCode::PageDown],
        "PgDn",
        Action::PageDown,
        "",
        "next page",
    ),
    bind(
        Everywhere,
        &[KeyCode::PageUp],
        "PgUp",
        Action::PageUp,
        "",
        "previous page",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('g'), KeyCode::Home],
        "g",
        Action::Top,
        "",
        "first line",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('G'), KeyCode::End],
        "G",
        Action::Bottom,
        "",
        "last line",
    ),
    bind(
        On(Tab::Queue),
        &[KeyCode::Char('m')],
        "m",
        Action::ToggleMine,
        "mine/all",
        "only my clients, or everyone's",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('/')],
        "/",
        Action::Search,
        "search",
        "search client or invoice",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('f')],
        "f",
        Action::CycleBucket,
        "bucket",
        "one bucket, the next, or all",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('s')],
        "s",
        Action::CycleSort,
        "sort",
        "sort by days, amount or client",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('x')],
        "x",
        Action::ToggleDisputed,
        "",
        "only disputed invoices, or all",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('m')],
        "m",
        Action::ToggleMine,
        "",
        "my clients' invoices, or all",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('P')],
        "P",
        Action::CycleProfile,
        "",
        "one profile, the next, or all",
    ),
    bind(
        On(Tab::Aging),
        &[KeyCode::Char('C')],
        "C",
        Action::CycleCurrency,
        "",
        "one currency, the next, or all",
    ),
    bind(
        On(Tab::Journal),
        &[KeyCode::Char('m')],
        "m",
        Action::ToggleMine,
        "mine/all",
        "what I recorded, or everyone's",
    ),
    bind(
        On(Tab::Journal),
        &[KeyCode::Char('a')],
        "a",
        Action::Acknowledge,
        "received",
        "signed receipt came back today",
    ),
    bind(
        On(Tab::Journal),
        &[KeyCode::Char('K')],
        "K",
        Action::CycleKind,
        "kind",
        "one kind, the next, or all",
    ),
    bind(
        Logging,
        &[KeyCode::Enter],
        "Enter",
        Action::Open,
        "client",
        "open the client page",
    ),
    bind(
        Logging,
        &[KeyCode::Char('c')],
        "c",
        Action::Log(FormKind::Call),
        "call",
        "log a call",
    ),
    bind(
        Logging,
        &[KeyCode::Char('p')],
        "p",
        Action::Log(FormKind::Promise),
        "promise",
        "log a promise to pay",
    ),
    bind(
        Logging,
        &[KeyCode::Char('$')],
        "$",
        Action::Log(FormKind::Payment),
        "paid",
        "record a payment",
    ),
    bind(
        Logging,
        &[KeyCode::Char('n')],
        "n",
        Action::Log(FormKind::Note),
        "",
        "add a note",
    ),
    bind(
        Logging,
        &[KeyCode::Char('v')],
        "v",
        Action::Log(FormKind::Visit),
        "",
        "plan or record a visit",
    ),
    bind(
        Logging,
        &[KeyCode::Char('r')],
        "r",
        Action::Log(FormKind::Reminder),
        "",
        "the line's letter, or reminder",
    ),
    bind(
        Logging,
        &[KeyCode::Char('d')],
        "d",
        Action::Log(FormKind::Dispute),
        "",
        "mark a dispute",
    ),
    bind(
        Logging,
        &[KeyCode::Char('R')],
        "R",
        Action::Log(FormKind::ResolveDispute),
        "",
        "resolve a dispute (1 upheld)",
    ),
    bind(
        Logging,
        &[KeyCode::Char('e')],
        "e",
        Action::Log(FormKind::Escalation),
        "",
        "escalate, or its outcome",
    ),
    bind(
        Logging,
        &[KeyCode::Char('L')],
        "L",
        Action::Log(FormKind::PaymentPlan),
        "",
        "agree a payment plan",
    ),
    bind(
        Logging,
        &[KeyCode::Char('W')],
        "W",
        Action::Log(FormKind::WriteOff),
        "",
        "write off an amount",
    ),
    bind(
        Logging,
        &[KeyCode::Char('z')],
        "z",
        Action::Log(FormKind::Snooze),
        "",
        "snooze for some days",
    ),
    bind(
        Logging,
        &[KeyCode::Char('N')],
        "N",
        Action::Log(FormKind::SolvencyNote),
        "",
        "add a solvency note",
    ),
    bind(
        Logging,
        &[KeyCode::Char('S')],
        "S",
        Action::Statement,
        "",
        "an account statement to send",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('?')],
        "?",
        Action::Help,
        "help",
        "this help",
    ),
    bind(
        Everywhere,
        &[KeyCode::Esc],
        "Esc",
        Action::Back,
        "",
        "close help, go back",
    ),
    bind(
        Everywhere,
        &[KeyCode::Char('q')],
        "q",
        Action::Quit,
        "quit",
        "quit",
    ),
];

/// The action a key asks for on `tab`; Ctrl-C always quits.
pub fn action_for(tab: Tab, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    bindings(tab)
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// The bindings that apply on `tab`, screen ones first.
pub fn bindings(tab: Tab) -> impl Iterator<Item = &'static Binding> {
    let logging = matches!(tab, Tab::Queue | Tab::Aging | Tab::Clients);
    let screen = KEYMAP
        .iter()
        .filter(move |b| b.scope == On(tab) || (logging && b.scope == Logging));
    let everywhere = KEYMAP.iter().filter(|b| b.scope == Everywhere);
    screen.chain(everywhere)
}

/// Footer hints for `tab`: `label word` pairs.
/// Help and quit come first, so that a narrow window still shows them.
pub fn hints(tab: Tab) -> Vec<(&'static str, &'static str)> {
    let everywhere = bindings(tab).filter(|b| b.scope == Scope::Everywhere && !b.hint.is_empty());
    let mut v: Vec<_> = everywhere.map(|b| (b.label, b.hint)).collect();
    v.extend(
        bindings(tab)
            .filter(|b| b.scope != Scope::Everywhere && !b.hint.is_empty())
            .map(|b| (b.label, b.hint)),
    );
    v
}
