//! What a clerk records, checked and ready to write: the same for a form
//! in the workbench and for `dun log`.

use chrono::NaiveDate;

use crate::domain::activity::ActivityKind;
use crate::domain::case_life::Instalment;
use crate::domain::client::Rating;
use crate::domain::currency::Currency;
use crate::domain::payment::PaymentMethod;
use crate::domain::solvency::SolvencySource;
use crate::import::amounts;

/// What the form is about: the client of the selected line, and its invoice.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub client: String,
    pub client_name: String,
    pub invoice: Option<String>,
    pub currency: Currency,
    /// Still due on the invoice (minor units); what a payment defaults to.
    pub invoice_outstanding: i64,
    /// Overdue in total; what a promise from the queue defaults to.
    pub overdue: i64,
    /// Reminders of level 1 or more already logged for the invoice.
    pub reminder_level: u32,
    /// The invoices of the queue line it was opened on (what `overdue`
    /// adds up): what a payment plan from the line covers.
    pub line_invoices: Vec<String>,
    /// The client's overdue invoices in the currency as (number,
    /// outstanding, disputed), when the form was opened where they show (a
    /// client page): what a promise covers by default, and what it may be
    /// narrowed to. Empty elsewhere.
    pub overdue_invoices: Vec<(String, i64, bool)>,
}

/// An amount typed about `target`, in its currency ([`amounts::parse_typed`]):
/// written with another currency's symbol or code, it is refused with both.
pub fn typed_amount(text: &str, target: &Target) -> Result<i64, String> {
    amounts::parse_typed(text, target.currency).map_err(|e| match e {
        amounts::AmountError::WrongCurrency {
            value,
            written,
            currency,
        } => match &target.invoice {
            Some(n) => format!("{value:?} is in {written}, but invoice {n} is in {currency}"),
            None => format!(
                "{value:?} is in {written}, but {}'s currency is {currency}",
                target.client
            ),
        },
        e => e.to_string(),
    })
}

/// What a checked form records.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub kind: ActivityKind,
    pub outcome: Option<String>,
    pub level: Option<u8>,
    pub amount: Option<i64>,
    pub date: Option<NaiveDate>,
    pub next_action_on: Option<NaiveDate>,
    pub reason: Option<String>,
    pub note: String,
    /// For a payment: its method and reference.
    pub payment: Option<(PaymentMethod, Option<String>)>,
    /// For a solvency note: source, rating, recommended limit.
    pub solvency: Option<(SolvencySource, Rating, Option<i64>)>,
    /// For a solvency note: why the client keeps its credit limit rather
    /// than take the recommended one.
    pub keep_limit: Option<String>,
    /// The business date it happened on, when not today.
    pub on: Option<NaiveDate>,
    /// Sent by registered mail: an acknowledgment of receipt will follow.
    pub registered: bool,
    /// The journal entry this one completes (an acknowledgment of receipt).
    pub refers_to: Option<i64>,
    /// The clerk who owns a dispute (default: the client's clerk).
    pub assignee: Option<String>,
    /// An escalation: its file reference, procedure, agency or court.
    pub reference: Option<String>,
    pub procedure: Option<String>,
    pub body: Option<String>,
    /// A payment plan: the invoices it covers (none: every open invoice
    /// of the client in the currency) and its instalments.
    pub plan: Option<(Vec<String>, Vec<Instalment>)>,
    /// A promise: the invoices it covers (none: the whole overdue account,
    /// or the target's invoice when it has one).
    pub covers: Vec<String>,
}

impl Submission {
    /// A submission of `kind` with every field empty.
    pub fn new(kind: ActivityKind) -> Submission {
        Submission {
            kind,
            outcome: None,
            level: None,
            amount: None,
            date: None,
            next_action_on: None,
            reason: None,
            note: String::new(),
            payment: None,
            solvency: None,
            keep_limit: None,
            on: None,
            registered: false,
            refers_to: None,
            assignee: None,
            reference: None,
            procedure: None,
            body: None,
            plan: None,
            covers: Vec::new(),
        }
    }
}
