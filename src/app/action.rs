//! What a key asks the workbench to do.

use super::form::FormKind;

/// The four screens behind the tabs of the top line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Queue,
    Aging,
    Clients,
    Journal,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Queue, Tab::Aging, Tab::Clients, Tab::Journal];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Queue => "Queue",
            Tab::Aging => "Aging",
            Tab::Clients => "Clients",
            Tab::Journal => "Journal",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Show(Tab),
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Help,
    Back,
    ToggleMine,
    /// Show the client's account statement, to send.
    Statement,
    /// The registered letter selected in the journal came back signed.
    Acknowledge,
    /// Start typing a search in the aging list.
    Search,
    /// The next bucket filter (all, current, 1-30, …, 91+).
    CycleBucket,
    /// Only disputed invoices, or all.
    ToggleDisputed,
    /// The next order of the aging list (days, amount, client).
    CycleSort,
    /// The next kind of activity the journal shows (all, call, visit, …).
    CycleKind,
    /// The next profile the aging list shows (all, administration, …).
    CycleProfile,
    /// The next currency the aging list shows (all, then each one).
    CycleCurrency,
    /// Open the client page of the selected line.
    Open,
    /// Open the form that logs this kind of activity for the selected line.
    Log(FormKind),
}
