//! A form's fields, pre-filled with the likely values for what it logs.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::domain::activity::{CALL_OUTCOMES, VISIT_OUTCOMES};
use crate::domain::case_life::{
    DISPUTE_REJECTED, DISPUTE_UPHELD, ESCALATION_OUTCOMES, ESCALATION_TO, PROCEDURES, equal_monthly,
};
use crate::domain::money::decimal_string;
use crate::record::Target;

use super::{Field, Form, FormKind, Input};

pub const DISPUTE_REASONS: &[&str] = &[
    "quantity",
    "price",
    "quality",
    "not_received",
    "duplicate",
    "other",
];
pub(super) const METHODS: &[&str] = &[
    "transfer",
    "card",
    "cheque",
    "cash",
    "direct_debit",
    "other",
];
pub(super) const SOURCES: &[&str] = &[
    "credit_bureau",
    "bank",
    "trade_reference",
    "payment_history",
    "visit",
];
pub(super) const RATINGS: &[&str] = &["A", "B", "C", "D"];
pub(super) const RESOLUTIONS: &[&str] = &[DISPUTE_UPHELD, DISPUTE_REJECTED];
/// The escalation's procedures, or none named.
pub(super) const ESCALATION_PROCEDURES: &[&str] = &[
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
pub(super) const ESCALATION_REVIEW_DAYS: u64 = 30;
pub(super) const PLAN_INSTALMENTS: u32 = 3;
pub(super) const LEVELS: &[&str] = &["1", "2", "3"];
/// What a promise's Invoices field says when it covers the whole overdue
/// account (the default).
pub const ALL_OVERDUE: &str = "all overdue";

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
            FormKind::Promise => {
                let mut fields = vec![
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
                ];
                // About the client (from the queue or its page): which
                // invoices it covers, by default the whole overdue account.
                if target.invoice.is_none() {
                    fields.push(field("Invoices", Input::Text, ALL_OVERDUE));
                }
                fields.push(field("Note", Input::Text, ""));
                fields
            }
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
        let mut form = Form {
            kind,
            target,
            fields,
            focus: 0,
            error: None,
            auto_amount: None,
        };
        form.auto_amount = form
            .fields
            .iter()
            .find(|f| f.label == "Amount")
            .map(|f| f.value.clone());
        form
    }
}
