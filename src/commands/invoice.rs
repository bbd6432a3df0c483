//! `dun invoice NUMBER`: one invoice as of a date, with its reminder level
//! and the late-payment interest and compensation the law or the contract
//! allows.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use crate::app::penalties::{compensation_of, penalty_of};
use crate::domain::invoice::days_overdue;
use crate::domain::money::decimal_string;
use crate::domain::penalty::{RateTables, Rule};
use crate::domain::text::printable;
use crate::store::Store;
use crate::store::invoice_history::history;

#[derive(Serialize)]
struct InvoiceReport {
    number: String,
    client: String,
    client_name: String,
    country: Option<String>,
    profile: &'static str,
    as_of: NaiveDate,
    issued_on: NaiveDate,
    due_on: NaiveDate,
    currency: String,
    amount: String,
    outstanding: String,
    days_overdue: i64,
    reminder_level: u32,
    reminders: Vec<ReminderSent>,
    formal_notice_on: Option<NaiveDate>,
    milestone: Option<String>,
    /// Which law (or the contract) gives the penalties; null when a
    /// reference rate is missing (see `note`).
    rule: Option<String>,
    /// Interest accrued, in `currency`; null when it cannot be computed.
    interest: Option<String>,
    interest_from: Option<NaiveDate>,
    /// Annual %, as used (the latest period's).
    rate: Option<String>,
    compensation: Option<String>,
    compensation_currency: Option<String>,
    /// Why a figure is missing or what it rests on: every note, joined by
    /// "; " (see `notes`).
    note: Option<String>,
    /// Each note on its own: one per figure that cannot be given (each
    /// figure that can is given), and what a figure rests on.
    notes: Vec<String>,
    /// The stretches of days at one balance and one rate the interest ran
    /// over, oldest first; empty when none ran or it cannot be computed.
    periods: Vec<PeriodReport>,
}

/// One stretch of days at one balance and rate; amounts in `currency`.
#[derive(Serialize)]
struct PeriodReport {
    from: NaiveDate,
    /// Last day, inclusive.
    to: NaiveDate,
    days: i64,
    balance: String,
    /// Annual %.
    rate: String,
    /// This period's interest, rounded on its own (`interest` is the exact
    /// sum rounded once, so the two may differ by a minor unit).
    interest: Option<String>,
}

#[derive(Serialize)]
struct ReminderSent {
    level: u8,
    on: NaiveDate,
}

pub fn run(
    store: &mut Store,
    number: &str,
    as_of: NaiveDate,
    rates: &RateTables,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let h = store
        .read(|tx| history(tx, number, as_of))?
        .ok_or_else(|| anyhow::anyhow!("no invoice {number}"))?;
    let inv = &h.stored.invoice;
    if inv.issued_on > as_of {
        anyhow::bail!(
            "invoice {number} was issued on {}, after {as_of}",
            inv.issued_on
        );
    }
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
    match penalty_of(&h, as_of, rates) {
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
            match compensation_of(&h, as_of, rates) {
                Ok(c) => compensation = c,
                Err(e) => report.notes.push(e.to_string()),
            }
        }
    }
    report.compensation = compensation.map(|c| c.decimal_string());
    report.compensation_currency = compensation.map(|c| c.currency.code().to_string());
    report.note = (!report.notes.is_empty()).then(|| report.notes.join("; "));
    match format {
        Format::Json => {
            crate::export::json_safe::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        Format::Csv | Format::Table => table(&report, out)?,
    }
    Ok(())
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

fn table(r: &InvoiceReport, out: &mut dyn Write) -> std::io::Result<()> {
    let cur = &r.currency;
    let dash = || "-".to_string();
    let mut line = |k: &str, v: String| writeln!(out, "{k:<16}{}", printable(&v));
    line(
        "invoice",
        format!("{} ({} {})", r.number, r.client, r.client_name),
    )?;
    line("as of", r.as_of.to_string())?;
    line("issued / due", format!("{} / {}", r.issued_on, r.due_on))?;
    line("amount", format!("{} {cur}", r.amount))?;
    line("outstanding", format!("{} {cur}", r.outstanding))?;
    line("days overdue", r.days_overdue.to_string())?;
    let sent: Vec<String> = r
        .reminders
        .iter()
        .map(|s| format!("{} on {}", s.level, s.on))
        .collect();
    line(
        "reminder level",
        if sent.is_empty() {
            r.reminder_level.to_string()
        } else {
            format!("{} (sent: {})", r.reminder_level, sent.join(", "))
        },
    )?;
    line(
        "formal notice",
        r.formal_notice_on.map_or_else(dash, |d| d.to_string()),
    )?;
    line("rule", r.rule.clone().unwrap_or_else(dash))?;
    line(
        "rate",
        r.rate
            .as_ref()
            .map_or_else(dash, |x| format!("{x} % a year")),
    )?;
    line(
        "interest",
        match (&r.interest, r.interest_from) {
            (Some(i), Some(from)) => format!("{i} {cur} (from {from})"),
            (Some(i), None) => format!("{i} {cur}"),
            _ => dash(),
        },
    )?;
    line(
        "compensation",
        match (&r.compensation, &r.compensation_currency) {
            (Some(c), Some(k)) => format!("{c} {k}"),
            _ => dash(),
        },
    )?;
    for n in &r.notes {
        line("note", n.clone())?;
    }
    Ok(())
}
