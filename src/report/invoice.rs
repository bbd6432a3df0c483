//! An invoice as of a date, as `dun invoice` and the evidence file give
//! it: its reminders, and the late-payment interest and compensation the
//! law or the contract allows, period by period, with a note for each
//! figure that cannot be given.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::invoice::days_overdue;
use crate::domain::money::decimal_string;
use crate::domain::penalty::{RateTables, Rule};
use crate::report::penalties::{compensation_of, penalty_of};
use crate::store::invoice_history::InvoiceHistory;

#[derive(Clone, Debug, Serialize)]
pub struct InvoiceReport {
    pub number: String,
    pub client: String,
    pub client_name: String,
    pub country: Option<String>,
    pub profile: &'static str,
    pub as_of: NaiveDate,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub currency: String,
    pub amount: String,
    pub outstanding: String,
    pub days_overdue: i64,
    pub reminder_level: u32,
    pub reminders: Vec<ReminderSent>,
    pub formal_notice_on: Option<NaiveDate>,
    pub milestone: Option<String>,
    /// Which law (or the contract) gives the penalties; null when a
    /// reference rate is missing (see `note`).
    pub rule: Option<String>,
    /// Interest accrued, in `currency`; null when it cannot be computed.
    pub interest: Option<String>,
    pub interest_from: Option<NaiveDate>,
    /// Annual %, as used (the latest period's).
    pub rate: Option<String>,
    pub compensation: Option<String>,
    pub compensation_currency: Option<String>,
    /// Why a figure is missing or what it rests on: every note, joined by
    /// "; " (see `notes`).
    pub note: Option<String>,
    /// Each note on its own: one per figure that cannot be given (each
    /// figure that can is given), and what a figure rests on.
    pub notes: Vec<String>,
    /// The stretches of days at one balance and one rate the interest ran
    /// over, oldest first; empty when none ran or it cannot be computed.
    pub periods: Vec<PeriodReport>,
}

/// One stretch of days at one balance and rate; amounts in `currency`.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodReport {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub days: i64,
    pub balance: String,
    /// Annual %.
    pub rate: String,
    /// This period's interest, rounded on its own (`interest` is the exact
    /// sum rounded once, so the two may differ by a minor unit).
    pub interest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReminderSent {
    pub level: u8,
    pub on: NaiveDate,
}

/// The report of `h` as of `as_of`.
pub fn report(h: &InvoiceHistory, as_of: NaiveDate, rates: &RateTables) -> InvoiceReport {
    let inv = &h.stored.invoice;
    let exp = inv.amount.currency.exponent();
    let outstanding = h.outstanding();
    let mut report = InvoiceReport {
        number: inv.number.clone(),
        client: h.client.code.clone(),
        client_name: h.client.name.clone(),
        country: h.client.country.clone(),
        profile: h.client.profile.as_str(),
        as_of,
        issued_on: inv.issued_on,
        due_on: inv.due_on,
        currency: inv.amount.currency.code().to_string(),
        amount: decimal_string(inv.amount.minor, exp),
        outstanding: decimal_string(outstanding, exp),
        days_overdue: days_overdue(inv.due_on, outstanding, as_of),
        reminder_level: h.reminder_level,
        reminders: h
            .reminders
            .iter()
            .map(|&(level, on)| ReminderSent { level, on })
            .collect(),
        formal_notice_on: h.notice_on,
        milestone: inv.milestone.clone(),
        rule: None,
        interest: None,
        interest_from: None,
        rate: None,
        compensation: None,
        compensation_currency: None,
        note: None,
        notes: Vec::new(),
        periods: Vec::new(),
    };
    let mut compensation = None;
    match penalty_of(h, as_of, rates) {
        Ok(p) => {
            report.rule = Some(rule_name(&p.rule));
            report.interest = Some(p.interest.decimal_string());
            report.interest_from = p.from;
            report.rate = p.rate.map(|r| r.normalize().to_string());
            compensation = p.compensation;
            report.periods = p
                .periods
                .iter()
                .map(|x| PeriodReport {
                    from: x.from,
                    to: x.to,
                    days: x.days,
                    balance: x.balance.decimal_string(),
                    rate: x.rate.normalize().to_string(),
                    interest: x.interest().ok().map(|i| i.decimal_string()),
                })
                .collect();
            report.notes.extend(match p.rule {
                Rule::None(why) => Some(why),
                _ => p.note,
            });
            report.notes.extend(p.missing.iter().map(|e| e.to_string()));
        }
        Err(e) => {
            report
                .notes
                .push(format!("interest cannot be computed: {e}"));
            match compensation_of(h, as_of, rates) {
                Ok(c) => compensation = c,
                Err(e) => report.notes.push(e.to_string()),
            }
        }
    }
    report.compensation = compensation.map(|c| c.decimal_string());
    report.compensation_currency = compensation.map(|c| c.currency.code().to_string());
    report.note = (!report.notes.is_empty()).then(|| report.notes.join("; "));
    report
}

/// The rule's name as scripts read it.
pub fn rule_name(rule: &Rule) -> String {
    match rule {
        Rule::France => "france",
        Rule::Spain => "spain",
        Rule::Norway => "norway",
        Rule::UnitedKingdom => "united_kingdom",
        Rule::EuDefault => "eu_directive",
        Rule::Contract => "contract",
        Rule::None(_) => "none",
    }
    .to_string()
}
