//! What a letter template may place: every value already written out for the
//! client's language (dates, money, rates), so templates only place text.
//! The constructors that write them out are in `builder.rs`.

use serde::Serialize;

use super::kind::{Law, LetterKind};
use super::writing::Writing;
use crate::domain::client::Profile;
use crate::domain::language::Language;
use crate::domain::money::Money;

/// Everything a template sees, as strings formatted for `language`.
/// Optional parts are `None` (the template tests them with `{% if %}`);
/// lists may be empty.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LetterContext {
    pub kind: LetterKind,
    /// `en`, `fr`, `nb` or `es`.
    pub language: Language,
    /// The letter's date.
    pub today: String,
    pub company: CompanyDetails,
    pub client: ClientDetails,
    /// The open invoices the letter is about.
    pub invoices: Vec<InvoiceLine>,
    /// In a formal notice: the case's other overdue invoices, not yet
    /// reminded three times, for which the letter is a reminder of their
    /// own `level`; not covered by the notice nor by its totals.
    pub also_overdue: Vec<InvoiceLine>,
    pub total_outstanding: String,
    /// Late-payment interest over all listed invoices.
    pub total_interest: Option<String>,
    /// Fixed compensation for recovery costs over all listed invoices.
    pub total_compensation: Option<String>,
    /// What the client must pay: outstanding + interest + compensation (+ fee).
    pub grand_total: Option<String>,
    /// The yearly interest rate, e.g. `12,15 %`.
    pub rate: Option<String>,
    /// The date interest runs from.
    pub interest_from: Option<String>,
    /// The interest could not be computed (a reference rate is missing):
    /// the letter says it runs from `interest_from`, to be specified.
    pub interest_to_be_specified: bool,
    /// A fixed compensation owed could not be given: to be specified.
    pub compensation_to_be_specified: bool,
    /// Interest or compensation is owed on the listed invoices but cannot be
    /// stated in full (a rate is missing, currencies differ): the letter says
    /// its totals exclude them rather than leave them out silently.
    pub penalties_excluded: bool,
    /// The penalties follow the client's contract (its rate or fee), not
    /// the statute: the letter cites the contract.
    pub contractual: bool,
    /// The late-payment law the letter cites, if any.
    pub law: Option<Law>,
    /// The reminders already sent, oldest first.
    pub previous_reminders: Vec<PreviousReminder>,
    /// Pay by this date.
    pub deadline: String,
    /// Reminder fee (Norwegian purregebyr), when charged.
    pub reminder_fee: Option<String>,
    /// Sent by registered mail with acknowledgment of receipt.
    pub registered: bool,
    pub visit: Option<Visit>,
    /// The client's free pilot period, in a pilot-end notice.
    pub pilot: Option<Pilot>,
    /// A promise to pay the client made (and, in a reminder, did not keep).
    pub promised: Option<Promise>,
    /// What the client is asked to pay, for a payment code: the grand total
    /// when penalties are claimed, the total outstanding otherwise.
    #[serde(skip)]
    pub to_pay: Option<Money>,
    /// How dates and money are written (the language, American usage).
    #[serde(skip)]
    pub writing: Writing,
}

/// The sender, from the `[company]` section of the configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompanyDetails {
    pub name: String,
    /// Postal address, one line per element.
    pub address: Vec<String>,
    pub phone: String,
    pub email: String,
    pub bank_account: String,
    /// The account for transfers, compact (`FR7630006000011234567890189`);
    /// empty when not set.
    pub iban: String,
    /// The bank's BIC; empty when not set.
    pub bic: String,
    /// Who signs: a name or a department.
    pub signature: String,
}

/// The addressee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClientDetails {
    pub code: String,
    pub name: String,
    /// The contact person as the address block names them, with their
    /// title (`Ms Ann Hughes`, `Mme Claire Dubois`, `Sra. Lucía Fernández`);
    /// `None` when nobody is known.
    pub contact: Option<String>,
    /// The salutation line, written for the language (`Dear Ms Hughes,`,
    /// `Madame,`, `Estimada Sra. Fernández:`, `Hei Kari Nordmann,`).
    pub salutation: String,
    /// The closing line before the signature (`Yours sincerely,`,
    /// `Sincerely,`, `Atentamente,`, `Med vennlig hilsen`; in French the
    /// whole formula).
    pub closing: String,
    /// In French, how the reader is addressed (`Madame`, `Monsieur`,
    /// `Madame, Monsieur`), for a template's own closing formula.
    pub civility: String,
    /// Postal address, one line per element.
    pub address: Vec<String>,
    pub email: String,
    pub profile: Profile,
}

/// One invoice in the letter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvoiceLine {
    pub number: String,
    pub issued_on: String,
    pub due_on: String,
    pub amount: String,
    pub outstanding: String,
    /// Days past the due date; 0 when not yet due.
    pub days_overdue: i64,
    /// What the invoice was for ("the Q3 mock-ups").
    pub milestone: Option<String>,
    /// A deposit invoice: its milestone is what the deposit is for, not
    /// work delivered.
    pub deposit: bool,
    pub interest: Option<String>,
    pub compensation: Option<String>,
    /// The interest period by period, one line each: its rate, its days
    /// and its amount (`12,50 % fra 10. mai 2025 til 30. juni 2025: kr
    /// 106,85`), a derived rate said so.
    pub periods: Vec<String>,
    /// This invoice's own reminders already sent, oldest first.
    pub reminders: Vec<PreviousReminder>,
    /// The reminder level this letter is for this invoice (1–3), when known:
    /// an invoice that joined the case late gets a lower one than the letter.
    pub level: Option<u32>,
    /// The reference to quote when paying, written for print (an RF
    /// reference in groups of four, or a KID).
    pub payment_reference: Option<String>,
}

/// A reminder already sent: its level (1–3) and date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PreviousReminder {
    pub level: u32,
    pub date: String,
}

/// A planned visit to the client.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Visit {
    pub date: String,
    /// As the client's language writes a time (`10:30`, `10 h 30`, `10.30`).
    pub time: String,
    pub place: String,
}

/// A free pilot period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pilot {
    /// Its last day.
    pub ends_on: String,
}

/// A promise to pay.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Promise {
    /// When the promise was made.
    pub made_on: String,
    /// The day payment was promised by.
    pub date: String,
    pub amount: String,
}
