//! Builds a [`LetterContext`] from domain values, writing dates, money and
//! rates for the client's language.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::context::{
    ClientDetails, CompanyDetails, InvoiceLine, LetterContext, Pilot, PreviousReminder, Promise,
    Visit,
};
use super::kind::{Law, LetterKind};
use super::writing::Writing;
use crate::config::CompanyConfig;
use crate::domain::invoice::days_overdue;
use crate::domain::language::Language;
use crate::domain::money::Money;
use crate::domain::money_format::format_money;
use crate::domain::payment_reference::grouped;
use crate::domain::penalty::Period;

impl CompanyDetails {
    /// The configured company; the address is split on line breaks.
    pub fn from_config(c: &CompanyConfig) -> CompanyDetails {
        CompanyDetails {
            name: c.name.clone(),
            address: address_lines(&c.address),
            phone: c.phone.clone(),
            email: c.email.clone(),
            bank_account: c.bank_account.clone(),
            iban: c.iban.clone(),
            bic: c.bic.clone(),
            signature: c.signature.clone(),
        }
    }
}

/// A stored address split into its non-empty lines.
pub fn address_lines(address: &str) -> Vec<String> {
    address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// A yearly rate as `lang` writes it: `12.15%` in English, `12,15 %` (with a
/// no-break space) in French, Norwegian and Spanish; two decimals, half away
/// from zero.
pub fn format_rate(percent: Decimal, lang: Language) -> String {
    let r = percent.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{r:.2}");
    match lang {
        Language::En => format!("{s}%"),
        Language::Fr | Language::Nb | Language::Es => format!("{}\u{a0}%", s.replace('.', ",")),
    }
}

impl InvoiceLine {
    /// An invoice as of `as_of`, written for `lang`, without milestone or
    /// penalties.
    pub fn new(
        lang: impl Into<Writing>,
        as_of: NaiveDate,
        number: &str,
        issued_on: NaiveDate,
        due_on: NaiveDate,
        amount: Money,
        outstanding: Money,
    ) -> InvoiceLine {
        let w: Writing = lang.into();
        InvoiceLine {
            number: number.to_string(),
            issued_on: w.date(issued_on),
            due_on: w.date(due_on),
            amount: w.money(amount),
            outstanding: w.money(outstanding),
            days_overdue: days_overdue(due_on, outstanding.minor, as_of),
            milestone: None,
            deposit: false,
            interest: None,
            compensation: None,
            reminders: Vec::new(),
            level: None,
            payment_reference: None,
            periods: Vec::new(),
        }
    }

    /// The reference the client quotes when paying, as stored (compact);
    /// an RF reference is printed in groups of four.
    pub fn with_payment_reference(mut self, reference: Option<&str>) -> InvoiceLine {
        self.payment_reference = reference.map(str::trim).filter(|r| !r.is_empty()).map(|r| {
            if r.starts_with("RF") {
                grouped(r)
            } else {
                r.to_string()
            }
        });
        self
    }

    /// This invoice's own reminders already sent, `(level, date)`, oldest
    /// first, written for `lang`.
    pub fn with_reminders(
        mut self,
        lang: impl Into<Writing>,
        reminders: Vec<(u32, NaiveDate)>,
    ) -> InvoiceLine {
        let w: Writing = lang.into();
        self.reminders = reminders
            .into_iter()
            .map(|(level, on)| PreviousReminder {
                level,
                date: w.date(on),
            })
            .collect();
        self
    }

    /// The reminder level this letter is for this invoice.
    pub fn with_level(mut self, level: u32) -> InvoiceLine {
        self.level = Some(level);
        self
    }

    /// Mentions what the invoice was for.
    pub fn with_milestone(mut self, milestone: &str) -> InvoiceLine {
        let m = milestone.trim();
        self.milestone = (!m.is_empty()).then(|| m.to_string());
        self
    }

    /// Marks a deposit invoice, whose milestone is what the deposit is for.
    pub fn as_deposit(mut self, deposit: bool) -> InvoiceLine {
        self.deposit = deposit;
        self
    }

    /// The interest's periods, each at its rate, written as `w` writes:
    /// `12.50% from 10 May 2025 to 30 June 2025: £106.85`, and for a rate
    /// derived rather than published, saying so. Each period's amount is
    /// rounded half away from zero; the last takes what rounding left, so
    /// that they add up to `total`, the interest rounded once.
    pub fn with_periods(mut self, w: Writing, periods: &[Period], total: Money) -> InvoiceLine {
        let (from, to, colon, derived) = match w.lang {
            Language::En => ("from", "to", ":", "derived rate, not yet published"),
            Language::Fr => ("du", "au", " :", "taux calculé, non encore publié"),
            Language::Es => ("del", "al", ":", "tipo calculado, aún no publicado"),
            Language::Nb => ("fra", "til", ":", "beregnet sats, ennå ikke kunngjort"),
        };
        let Ok(mut amounts) = periods
            .iter()
            .map(|p| p.interest().map(|m| m.minor))
            .collect::<Result<Vec<i64>, _>>()
        else {
            self.periods = Vec::new();
            return self;
        };
        let rounded: i64 = amounts.iter().sum();
        if let Some(last) = amounts.last_mut() {
            *last += total.minor - rounded;
        }
        self.periods = periods
            .iter()
            .zip(amounts)
            .map(|(p, minor)| {
                let mark = if p.derived {
                    format!(" ({derived})")
                } else {
                    String::new()
                };
                format!(
                    "{} {from} {} {to} {}{colon} {}{mark}",
                    format_rate(p.rate, w.lang),
                    w.date(p.from),
                    w.date(p.to),
                    w.money(Money::new(minor, total.currency))
                )
            })
            .collect();
        self
    }

    /// Adds this invoice's interest and, when due, its fixed compensation.
    pub fn with_penalties(
        mut self,
        lang: Language,
        interest: Money,
        compensation: Option<Money>,
    ) -> InvoiceLine {
        self.interest = Some(format_money(interest, lang));
        self.compensation = compensation.map(|c| format_money(c, lang));
        self
    }
}

/// The late-payment figures of a letter, before formatting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Penalties {
    /// Yearly rate in percent (`12.15`).
    pub rate: Decimal,
    pub from: NaiveDate,
    pub interest: Money,
    /// `None` where no fixed compensation is due (individuals).
    pub compensation: Option<Money>,
    pub grand_total: Money,
}

impl LetterContext {
    /// A letter of `kind` to `client` in `lang`, dated `today`, asking for
    /// payment by `deadline`, with no invoice and no optional part yet.
    pub fn new(
        kind: LetterKind,
        lang: impl Into<Writing>,
        today: NaiveDate,
        deadline: NaiveDate,
        company: CompanyDetails,
        client: ClientDetails,
    ) -> LetterContext {
        let w: Writing = lang.into();
        LetterContext {
            kind,
            language: w.lang,
            today: w.date(today),
            company,
            client,
            invoices: Vec::new(),
            also_overdue: Vec::new(),
            total_outstanding: String::new(),
            total_interest: None,
            total_compensation: None,
            grand_total: None,
            rate: None,
            interest_from: None,
            interest_to_be_specified: false,
            compensation_to_be_specified: false,
            penalties_excluded: false,
            contractual: false,
            law: None,
            previous_reminders: Vec::new(),
            deadline: w.date(deadline),
            reminder_fee: None,
            registered: false,
            visit: None,
            pilot: None,
            promised: None,
            to_pay: None,
            writing: w,
        }
    }

    /// The invoices the letter is about and their total outstanding.
    pub fn with_invoices(mut self, invoices: Vec<InvoiceLine>, total: Money) -> LetterContext {
        self.invoices = invoices;
        self.total_outstanding = format_money(total, self.language);
        self.to_pay = Some(total);
        self
    }

    /// In a formal notice, the case's overdue invoices it does not cover
    /// (each with the reminder `level` the letter is for it).
    pub fn with_also_overdue(mut self, invoices: Vec<InvoiceLine>) -> LetterContext {
        self.also_overdue = invoices;
        self
    }

    /// The free pilot period that ends on `ends_on`.
    pub fn with_pilot(mut self, ends_on: NaiveDate) -> LetterContext {
        self.pilot = Some(Pilot {
            ends_on: self.writing.date(ends_on),
        });
        self
    }

    /// The law the letter cites (`None`: no statute is cited).
    pub fn with_law(mut self, law: Option<Law>) -> LetterContext {
        self.law = law;
        self
    }

    /// Interest rate, start date and totals.
    pub fn with_penalties(mut self, p: Penalties) -> LetterContext {
        let lang = self.language;
        self.rate = Some(format_rate(p.rate, lang));
        self.interest_from = Some(self.writing.date(p.from));
        self.total_interest = Some(format_money(p.interest, lang));
        self.total_compensation = p.compensation.map(|c| format_money(c, lang));
        self.grand_total = Some(format_money(p.grand_total, lang));
        self.to_pay = Some(p.grand_total);
        self
    }

    /// The penalties known when a reference rate is missing (a held letter
    /// sent anyway): the known figures, and the rest "to be specified".
    /// `outstanding` is what the letter's invoices owe.
    pub fn with_known_penalties(
        mut self,
        known: &crate::letters::hold::KnownFigures,
        outstanding: Money,
    ) -> LetterContext {
        let lang = self.language;
        self.interest_from = known.interest_from.map(|d| self.writing.date(d));
        self.interest_to_be_specified = known.interest.is_none();
        self.rate = known.rate.map(|r| format_rate(r, lang));
        self.total_interest = known.interest.map(|i| format_money(i, lang));
        self.total_compensation = known.compensation.map(|c| format_money(c, lang));
        self.compensation_to_be_specified = known.compensation_unknown;
        let mut total = outstanding.minor;
        for m in [known.interest, known.compensation].into_iter().flatten() {
            if m.currency == outstanding.currency {
                total += m.minor;
            }
        }
        if total != outstanding.minor {
            let total = Money::new(total, outstanding.currency);
            self.grand_total = Some(format_money(total, lang));
            self.to_pay = Some(total);
        }
        self
    }

    /// Interest or compensation is owed but cannot be stated in full.
    pub fn excluding_penalties(mut self) -> LetterContext {
        self.penalties_excluded = true;
        self
    }

    /// The penalties follow the client's contract.
    pub fn under_contract(mut self) -> LetterContext {
        self.contractual = true;
        self
    }

    /// A reminder already sent (call oldest first).
    pub fn with_previous_reminder(mut self, level: u32, date: NaiveDate) -> LetterContext {
        let date = self.writing.date(date);
        self.previous_reminders
            .push(PreviousReminder { level, date });
        self
    }

    /// The reminder fee charged with this letter.
    pub fn with_reminder_fee(mut self, fee: Money) -> LetterContext {
        self.reminder_fee = Some(format_money(fee, self.language));
        self
    }

    /// Sent by registered mail with acknowledgment of receipt.
    pub fn by_registered_mail(mut self) -> LetterContext {
        self.registered = true;
        self
    }

    /// The planned visit; `time` and `place` as the client's language writes them.
    pub fn with_visit(mut self, date: NaiveDate, time: &str, place: &str) -> LetterContext {
        self.visit = Some(Visit {
            date: self.writing.date(date),
            time: time.to_string(),
            place: place.to_string(),
        });
        self
    }

    /// The client's promise, made on `made_on`, to pay `amount` by `date`.
    pub fn with_promise(
        mut self,
        made_on: NaiveDate,
        date: NaiveDate,
        amount: Money,
    ) -> LetterContext {
        self.promised = Some(Promise {
            made_on: self.writing.date(made_on),
            date: self.writing.date(date),
            amount: format_money(amount, self.language),
        });
        self
    }
}

#[cfg(test)]
#[path = "builder_tests.rs"]
mod tests;
