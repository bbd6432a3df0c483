//! `claim.json`: the fields a European Payment Order (form A), a French
//! injonction de payer request or a Norwegian inkasso handover asks for:
//! the creditor, the debtor, the principal per currency, the interest
//! (from, rate, amount, period by period), the costs, and the evidence.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::gather::Dossier;
use crate::domain::currency::Currency;
use crate::domain::money::{Money, decimal_string};
use crate::report::invoice::InvoiceReport;
use crate::team::CompanyConfig;

#[derive(Serialize)]
pub struct Claim<'a> {
    pub as_of: NaiveDate,
    pub creditor: Party,
    pub debtor: Party,
    /// Where the general conditions the claim rests on are; null when
    /// not recorded.
    pub general_conditions: Option<String>,
    /// One claim per currency owed.
    pub claims: Vec<CurrencyClaim>,
    /// Each invoice as `dun invoice --format json` gives it.
    pub invoices: Vec<&'a InvoiceReport>,
    /// The files of the evidence file, the letters first.
    pub evidence: Vec<String>,
}

#[derive(Serialize)]
pub struct Party {
    pub name: String,
    /// The client's code; null for the creditor.
    pub code: Option<String>,
    pub address: Vec<String>,
    pub country: Option<String>,
    /// `business`, `administration` or `individual`; null for the creditor.
    pub profile: Option<&'static str>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
}

/// What is claimed in one currency. Amounts are decimal strings.
#[derive(Serialize)]
pub struct CurrencyClaim {
    pub currency: String,
    /// What the invoices still owe.
    pub principal: String,
    /// The interest computed as of `as_of`; null when a figure lacks (see
    /// the invoices' notes).
    pub interest: Option<String>,
    /// The first day interest runs on any of the invoices.
    pub interest_from: Option<NaiveDate>,
    /// The fixed compensation for recovery costs in this currency.
    pub costs: String,
    /// principal + interest + costs; null when the interest lacks.
    pub total: Option<String>,
}

struct Sums {
    currency: Currency,
    principal: i64,
    interest: Option<i64>,
    from: Option<NaiveDate>,
    costs: i64,
}

impl Sums {
    fn new(currency: Currency) -> Sums {
        Sums {
            currency,
            principal: 0,
            interest: Some(0),
            from: None,
            costs: 0,
        }
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The claim of `d`, with `evidence` the dossier's files.
pub fn claim<'a>(d: &'a Dossier, company: &CompanyConfig, evidence: Vec<String>) -> Claim<'a> {
    let c = &d.client;
    // Per currency: principal, interest (None once one lacks), from, costs.
    let mut per: BTreeMap<String, Sums> = BTreeMap::new();
    let mut foreign_costs: Vec<(Currency, i64)> = Vec::new();
    for inv in &d.invoices {
        let cur = inv.history.stored.invoice.amount.currency;
        let e = per
            .entry(cur.code().to_string())
            .or_insert_with(|| Sums::new(cur));
        e.principal += inv.history.outstanding();
        let interest = inv
            .report
            .interest
            .as_deref()
            .and_then(|i| Money::parse_plain(i, cur).ok());
        e.interest = match (e.interest, interest) {
            (Some(sum), Some(i)) => Some(sum + i.minor),
            _ => None,
        };
        e.from = match (e.from, inv.report.interest_from) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(comp), Some(comp_cur)) = (
            inv.report.compensation.as_deref(),
            inv.report.compensation_currency.as_deref(),
        ) && let Ok(k) = Currency::from_code(comp_cur)
            && let Ok(m) = Money::parse_plain(comp, k)
        {
            if k == cur {
                e.costs += m.minor;
            } else {
                // EUR 40 on an invoice in another currency: claimed in EUR.
                foreign_costs.push((k, m.minor));
            }
        }
    }
    for (k, minor) in foreign_costs {
        per.entry(k.code().to_string())
            .or_insert_with(|| Sums::new(k))
            .costs += minor;
    }
    let claims = per
        .into_values()
        .map(|s| {
            let exp = s.currency.exponent();
            CurrencyClaim {
                currency: s.currency.code().to_string(),
                principal: decimal_string(s.principal, exp),
                interest: s.interest.map(|i| decimal_string(i, exp)),
                interest_from: s.from,
                costs: decimal_string(s.costs, exp),
                total: s
                    .interest
                    .map(|i| decimal_string(s.principal + i + s.costs, exp)),
            }
        })
        .collect();
    Claim {
        as_of: d.as_of,
        creditor: Party {
            name: company.name.clone(),
            code: None,
            address: lines(&company.address),
            country: None,
            profile: None,
            email: opt(&company.email),
            phone: opt(&company.phone),
            iban: opt(&company.iban),
            bic: opt(&company.bic),
        },
        debtor: Party {
            name: c.name.clone(),
            code: Some(c.code.clone()),
            address: lines(c.address.as_deref().unwrap_or("")),
            country: c.country.clone(),
            profile: Some(c.profile.as_str()),
            email: c.email.as_deref().and_then(opt),
            phone: c.phone.as_deref().and_then(opt),
            iban: None,
            bic: None,
        },
        general_conditions: opt(&company.terms),
        claims,
        invoices: d.invoices.iter().map(|i| &i.report).collect(),
        evidence,
    }
}
