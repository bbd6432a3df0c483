//! The small forms that log an activity: fields pre-filled with the likely
//! values (`fields.rs`), typed into, checked into a submission on Enter
//! (`check.rs`). Pure: no database, no clock. Beside them, the correction
//! of a journal entry (`correction.rs`) and a client's file (`client.rs`).

mod check;
pub mod client;
pub mod correction;
mod fields;
mod promise;

pub use check::parse_date;
pub use client::{ClientForm, ClientFormField};
pub use correction::CorrectionForm;
pub use fields::{ALL_OVERDUE, DISPUTE_REASONS, next_friday};
pub use promise::covered;

use crate::record::Target;

/// What a form logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Call,
    Visit,
    Reminder,
    Promise,
    Payment,
    Dispute,
    Note,
    Snooze,
    SolvencyNote,
    /// A dispute resolved, upheld or rejected.
    ResolveDispute,
    /// A case handed to a collection agency or a court.
    Escalation,
    /// What the agency or court came back with.
    EscalationOutcome,
    /// Instalments agreed with the client.
    PaymentPlan,
    /// An amount given up.
    WriteOff,
}

impl FormKind {
    pub fn title(self) -> &'static str {
        match self {
            FormKind::Call => "Call",
            FormKind::Visit => "Visit",
            FormKind::Reminder => "Reminder",
            FormKind::Promise => "Promise to pay",
            FormKind::Payment => "Payment",
            FormKind::Dispute => "Dispute",
            FormKind::Note => "Note",
            FormKind::Snooze => "Snooze",
            FormKind::SolvencyNote => "Solvency note",
            FormKind::ResolveDispute => "Resolve the dispute",
            FormKind::Escalation => "Escalate the case",
            FormKind::EscalationOutcome => "Escalation's outcome",
            FormKind::PaymentPlan => "Payment plan",
            FormKind::WriteOff => "Write-off",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Text,
    Date {
        optional: bool,
    },
    Amount,
    Days,
    /// Picked with a digit (1 = first).
    Choice(&'static [&'static str]),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub target: Target,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last Enter was refused.
    pub error: Option<String>,
    /// The amount the form itself put in the Amount field: while the clerk
    /// leaves it so, a promise's amount follows the invoices it covers.
    pub auto_amount: Option<String>,
}

impl Form {
    /// A typed character goes into the focused field; a digit picks a choice.
    pub fn type_char(&mut self, c: char) {
        self.error = None;
        let f = &mut self.fields[self.focus];
        match &f.input {
            Input::Choice(options) => {
                if let Some(i) = c
                    .to_digit(10)
                    .and_then(|d| usize::try_from(d).ok())
                    .filter(|d| *d >= 1)
                    && let Some(option) = options.get(i - 1)
                {
                    f.value = (*option).to_string();
                    self.next_field();
                }
            }
            _ if c.is_control() => {}
            _ => f.value.push(c),
        }
        self.follow_covers();
    }

    pub fn backspace(&mut self) {
        self.error = None;
        self.fields[self.focus].value.pop();
        self.follow_covers();
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1).min(self.fields.len() - 1);
    }

    pub fn previous_field(&mut self) {
        self.focus = self.focus.saturating_sub(1);
    }
}
