//! A form checked into a [`Submission`], or the reason it is refused.

use chrono::{Days, NaiveDate};

use crate::domain::activity::ActivityKind;
use crate::domain::case_life::{DISPUTE_UPHELD, ESCALATION_CLOSES, Instalment, instalments_text};
use crate::domain::client::Rating;
use crate::domain::money::Money;
use crate::domain::payment::PaymentMethod;
use crate::domain::solvency::SolvencySource;
use crate::record::{Submission, typed_amount};

use super::{Form, FormKind};

impl Form {
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
                if self.fields.iter().any(|f| f.label == "Invoices") {
                    s.covers =
                        super::covered(self.value("Invoices"), &self.target.overdue_invoices)?;
                }
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
