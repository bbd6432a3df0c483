//! The small forms that log an activity: fields pre-filled with the likely
//! values, typed into, checked on Enter. Pure: no database, no clock.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::domain::case_life::{
    DISPUTE_REJECTED, DISPUTE_UPHELD, ESCALATION_CLOSES, ESCALATION_OUTCOMES, ESCALATION_TO,
    Instalment, PROCEDURES, equal_monthly, instalments_text,
};

use crate::domain::activity::{ActivityKind, CALL_OUTCOMES, VISIT_OUTCOMES};
use crate::domain::client::Rating;
use crate::domain::money::{Money, decimal_string};
use crate::domain::payment::PaymentMethod;
use crate::domain::solvency::SolvencySource;
use crate::record::{Submission, Target, typed_amount};

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
}

pub const DISPUTE_REASONS: &[&str] = &[
    "quantity",
    "price",
    "quality",
    "not_received",
    "duplicate",
    "other",
];
const METHODS: &[&str] = &[
    "transfer",
    "card",
    "cheque",
    "cash",
    "direct_debit",
    "other",
];
const SOURCES: &[&str] = &[
    "credit_bureau",
    "bank",
    "trade_reference",
    "payment_history",
    "visit",
];
const RATINGS: &[&str] = &["A", "B", "C", "D"];
const RESOLUTIONS: &[&str] = &[DISPUTE_UPHELD, DISPUTE_REJECTED];
/// The escalation's procedures, or none named.
const ESCALATION_PROCEDURES: &[&str] = &[
    "none",
    PROCEDURES[0],
    PROCEDURES[1],
    PROCEDURES[2],
    PROCEDURES[3],
    PROCEDURES[4],
    PROCEDURES[5],
];
/// Days from today to an escalation's first review, and instalments a
/// plan proposes.
const ESCALATION_REVIEW_DAYS: u64 = 30;
const PLAN_INSTALMENTS: u32 = 3;
const LEVELS: &[&str] = &["1", "2", "3"];

/// The Friday after `today` (a week on when today is a Friday).
pub fn next_friday(today: NaiveDate) -> NaiveDate {
    let ahead =
        (Weekday::Fri.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today
        .checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(today)
}

fn field(label: &'static str, input: Input, value: impl Into<String>) -> Field {
    Field {
        label,
        input,
        value: value.into(),
    }
}

impl Form {
    /// A form for `kind` about `target`, pre-filled as of `today`.
    pub fn new(kind: FormKind, target: Target, today: NaiveDate) -> Form {
        let money = |m: i64| decimal_string(m, target.currency.exponent());
        let fields = match kind {
            FormKind::Call => vec![
                field("Outcome", Input::Choice(CALL_OUTCOMES), "no_answer"),
                field("Note", Input::Text, ""),
                field("Next action", Input::Date { optional: true }, ""),
            ],
            FormKind::Visit => vec![
                field(
                    "Date",
                    Input::Date { optional: false },
                    (today + Days::new(2)).to_string(),
                ),
                field("Outcome", Input::Choice(VISIT_OUTCOMES), "planned"),
                field("Note", Input::Text, ""),
            ],
            FormKind::Reminder => vec![
                field(
                    "Level",
                    Input::Choice(LEVELS),
                    (target.reminder_level + 1).clamp(1, 3).to_string(),
                ),
                field("Note", Input::Text, ""),
            ],
            FormKind::Promise => vec![
                field(
                    "Date",
                    Input::Date { optional: false },
                    next_friday(today).to_string(),
                ),
                field(
                    "Amount",
                    Input::Amount,
                    money(if target.invoice.is_some() {
                        target.invoice_outstanding
                    } else {
                        target.overdue
                    }),
                ),
                field("Note", Input::Text, ""),
            ],
            FormKind::Payment => vec![
                field("Amount", Input::Amount, money(target.invoice_outstanding)),
                field(
                    "Received on",
                    Input::Date { optional: false },
                    today.to_string(),
                ),
                field("Method", Input::Choice(METHODS), "transfer"),
                field("Reference", Input::Text, ""),
            ],
            FormKind::Dispute => vec![
                field("Reason", Input::Choice(DISPUTE_REASONS), "other"),
                // Empty: the team's dispute_review_days, the client's clerk.
                field("Review", Input::Date { optional: true }, ""),
                field("Owner", Input::Text, ""),
                field("Note", Input::Text, ""),
            ],
            FormKind::ResolveDispute => vec![
                field("Resolution", Input::Choice(RESOLUTIONS), DISPUTE_REJECTED),
                // Upheld: the disputed amount credited, by default all it owes.
                field("Credit", Input::Amount, money(target.invoice_outstanding)),
                field("Note", Input::Text, ""),
            ],
            FormKind::Escalation => vec![
                field("To", Input::Choice(&ESCALATION_TO), "agency"),
                field("Procedure", Input::Choice(ESCALATION_PROCEDURES), "none"),
                field("Agency or court", Input::Text, ""),
                field("Reference", Input::Text, ""),
                field(
                    "Review",
                    Input::Date { optional: false },
                    (today + Days::new(ESCALATION_REVIEW_DAYS)).to_string(),
                ),
                field("Note", Input::Text, ""),
            ],
            FormKind::EscalationOutcome => vec![
                field(
                    "Outcome",
                    Input::Choice(&ESCALATION_OUTCOMES),
                    "partly_paid",
                ),
                field(
                    "Next review",
                    Input::Date { optional: true },
                    (today + Days::new(ESCALATION_REVIEW_DAYS)).to_string(),
                ),
                field("Note", Input::Text, ""),
            ],
            FormKind::PaymentPlan => {
                let first = today
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(today);
                let proposal = equal_monthly(target.overdue, PLAN_INSTALMENTS, first)
                    .iter()
                    .map(|i| format!("{}:{}", i.on, money(i.amount)))
                    .collect::<Vec<_>>()
                    .join(",");
                vec![
                    field("Instalments", Input::Text, proposal),
                    field("Note", Input::Text, ""),
                ]
            }
            FormKind::WriteOff => vec![
                field("Amount", Input::Amount, money(target.invoice_outstanding)),
                field("Reason", Input::Text, ""),
            ],
            FormKind::Note => vec![
                field("Note", Input::Text, ""),
                field("Next action", Input::Date { optional: true }, ""),
            ],
            FormKind::Snooze => vec![
                field("Days", Input::Days, "7"),
                field("Note", Input::Text, ""),
            ],
            FormKind::SolvencyNote => vec![
                field("Source", Input::Choice(SOURCES), "credit_bureau"),
                field("Rating", Input::Choice(RATINGS), "B"),
                field("Recommended limit", Input::Amount, ""),
                field("Keep limit, why", Input::Text, ""),
                field("Note", Input::Text, ""),
            ],
        };
        Form {
            kind,
            target,
            fields,
            focus: 0,
            error: None,
        }
    }

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
    }

    pub fn backspace(&mut self) {
        self.error = None;
        self.fields[self.focus].value.pop();
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1).min(self.fields.len() - 1);
    }

    pub fn previous_field(&mut self) {
        self.focus = self.focus.saturating_sub(1);
    }

    fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.value.trim())
    }

    fn date(&self, label: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        parse_date(self.value(label), today).map_err(|e| format!("{label}: {e}"))
    }

    fn amount(&self, label: &str) -> Result<Option<i64>, String> {
        let v = self.value(label);
        if v.is_empty() {
            return Ok(None);
        }
        typed_amount(v, &self.target)
            .map(Some)
            .map_err(|e| format!("{label}: {e}"))
    }

    /// Checks the fields and says what to record, or why not.
    pub fn submission(&self, today: NaiveDate) -> Result<Submission, String> {
        let mut s = Submission::new(ActivityKind::Note);
        s.note = self.value("Note").to_string();
        s.next_action_on = self.date("Next action", today)?;
        if s.next_action_on.is_some_and(|d| d < today) {
            return Err("Next action: the date is in the past".to_string());
        }
        match self.kind {
            FormKind::Call => {
                s.kind = ActivityKind::Call;
                s.outcome = Some(self.value("Outcome").to_string());
            }
            FormKind::Visit => {
                s.kind = ActivityKind::Visit;
                s.date = self.date("Date", today)?;
                s.outcome = Some(self.value("Outcome").to_string());
            }
            FormKind::Reminder => {
                s.kind = ActivityKind::Reminder;
                s.level = self.value("Level").parse().ok();
            }
            FormKind::Promise => {
                s.kind = ActivityKind::Promise;
                let date = self
                    .date("Date", today)?
                    .ok_or("Date: a promise needs a date")?;
                if date < today {
                    return Err("Date: a promise is for today or later".to_string());
                }
                s.date = Some(date);
                let amount = self
                    .amount("Amount")?
                    .ok_or("Amount: how much was promised?")?;
                if amount <= 0 {
                    return Err("Amount: must be more than zero".to_string());
                }
                s.amount = Some(amount);
            }
            FormKind::Payment => {
                s.kind = ActivityKind::Payment;
                let amount = self.amount("Amount")?.ok_or("Amount: how much was paid?")?;
                if amount <= 0 {
                    return Err("Amount: must be more than zero".to_string());
                }
                let due = self.target.invoice_outstanding;
                if amount > due {
                    let cur = self.target.currency;
                    return Err(format!(
                        "Amount: {} is more than the {} still due",
                        Money::new(amount, cur),
                        Money::new(due, cur)
                    ));
                }
                let received_on = self
                    .date("Received on", today)?
                    .ok_or("Received on: when did it arrive?")?;
                if received_on > today {
                    return Err("Received on: the date is in the future".to_string());
                }
                s.amount = Some(amount);
                s.date = Some(received_on);
                s.payment = Some((
                    PaymentMethod::parse(self.value("Method")),
                    Some(self.value("Reference").to_string()).filter(|r| !r.is_empty()),
                ));
            }
            FormKind::Dispute => {
                s.kind = ActivityKind::Dispute;
                s.reason = Some(self.value("Reason").to_string());
                s.date = self.date("Review", today)?;
                s.assignee = Some(self.value("Owner").to_string()).filter(|o| !o.is_empty());
            }
            FormKind::ResolveDispute => {
                s.kind = ActivityKind::DisputeResolved;
                s.outcome = Some(self.value("Resolution").to_string());
                if s.outcome.as_deref() == Some(DISPUTE_UPHELD) {
                    s.amount = self.amount("Credit")?;
                }
            }
            FormKind::Escalation => {
                s.kind = ActivityKind::Escalation;
                s.reason = Some(self.value("To").to_string());
                s.procedure = Some(self.value("Procedure").to_string()).filter(|p| p != "none");
                s.body = Some(self.value("Agency or court").to_string()).filter(|b| !b.is_empty());
                s.reference = Some(self.value("Reference").to_string()).filter(|r| !r.is_empty());
                s.date = self.date("Review", today)?;
            }
            FormKind::EscalationOutcome => {
                s.kind = ActivityKind::Escalation;
                let outcome = self.value("Outcome").to_string();
                if !ESCALATION_CLOSES.contains(&outcome.as_str()) {
                    s.date = self.date("Next review", today)?;
                }
                s.outcome = Some(outcome);
            }
            FormKind::PaymentPlan => {
                s.kind = ActivityKind::PaymentPlan;
                let mut instalments = Vec::new();
                for (k, (on, amount)) in instalments_text(self.value("Instalments"))
                    .map_err(|e| format!("Instalments: {e}"))?
                    .into_iter()
                    .enumerate()
                {
                    let amount = typed_amount(&amount, &self.target)
                        .map_err(|e| format!("Instalments: instalment {}: {e}", k + 1))?;
                    instalments.push(Instalment { on, amount });
                }
                s.plan = Some((self.target.line_invoices.clone(), instalments));
            }
            FormKind::WriteOff => {
                s.kind = ActivityKind::WriteOff;
                let amount = self
                    .amount("Amount")?
                    .ok_or("Amount: how much is written off?")?;
                s.amount = Some(amount);
                s.reason = Some(self.value("Reason").to_string()).filter(|r| !r.is_empty());
            }
            FormKind::Note => s.kind = ActivityKind::Note,
            FormKind::Snooze => {
                s.kind = ActivityKind::Snooze;
                let days: u64 = self
                    .value("Days")
                    .parse()
                    .ok()
                    .filter(|d| (1..=365).contains(d))
                    .ok_or("Days: a number of days from 1 to 365")?;
                let until = today
                    .checked_add_days(Days::new(days))
                    .ok_or("Days: too far")?;
                s.date = Some(until);
                s.next_action_on = Some(until);
            }
            FormKind::SolvencyNote => {
                s.kind = ActivityKind::CreditCheck;
                let source =
                    SolvencySource::parse(self.value("Source")).ok_or("Source: pick one")?;
                let rating = Rating::parse(self.value("Rating")).ok_or("Rating: A, B, C or D")?;
                s.solvency = Some((source, rating, self.amount("Recommended limit")?));
                // Empty: the recommended limit becomes the credit limit.
                s.keep_limit =
                    Some(self.value("Keep limit, why").to_string()).filter(|r| !r.is_empty());
            }
        }
        Ok(s)
    }
}

/// `YYYY-MM-DD`, `+N` (days from today), `today`, or empty.
pub fn parse_date(s: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.eq_ignore_ascii_case("today") {
        return Ok(Some(today));
    }
    if let Some(n) = t.strip_prefix('+') {
        let days: u64 = n.parse().map_err(|_| format!("{t:?} is not +days"))?;
        return today
            .checked_add_days(Days::new(days))
            .map(Some)
            .ok_or_else(|| "too far".to_string());
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("{t:?} is not a date (YYYY-MM-DD or +days)"))
}
