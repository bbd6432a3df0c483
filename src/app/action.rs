//! What a key asks the workbench to do; the keymap says which key asks
//! for which action in which mode.

use super::form::FormKind;
use super::tab::Tab;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Give the terminal back until `fg` (Ctrl-Z).
    Suspend,
    Show(Tab),
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Open the help of the current mode, or close it.
    Help,
    /// Close what is open: the client page, the help, the messages.
    Back,
    /// The last messages in full, or back from them.
    Messages,
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
    /// Only the clients over their credit limit, or all.
    ToggleOverLimit,
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
    /// Correct the selected journal entry (a form asks why).
    Correct,
    /// Edit the file of the client shown or selected.
    EditClient,
    /// Add a client.
    AddClient,
    /// Open the form that logs this kind of activity for the selected line.
    Log(FormKind),
    /// In a form: record it; in a preview: send it; in a search: keep it.
    Confirm,
    /// In a form: cancel; in a preview: put it away; in a search: clear it.
    Cancel,
    /// The next field of a form.
    NextField,
    /// The previous field of a form.
    PreviousField,
    /// Erase the last character typed.
    Erase,
    /// A printable character typed into a form or a search.
    Type,
}
