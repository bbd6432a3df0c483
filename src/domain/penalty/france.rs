//! France (Code de commerce L441-10, D441-5; Code civil 1344-1; Code de la
//! commande publique L2192-13, R2192-31, D2192-35).

use rust_decimal::Decimal;

use super::PenaltyInput;
use super::Rule;
use super::error::PenaltyError;
use super::eu;
use super::half_year::HalfYear;
use super::interest::Basis;
use super::plan::{Compensation, Plan};
use super::rates::{RateTables, TableRate};
use crate::domain::client::Profile;

/// Business debtors: ECB + 10 points, never below 3 × the legal rate
/// ("autres cas"), each for the day's half-year.
pub(crate) fn business_rate(rates: &RateTables, h: HalfYear) -> Result<TableRate, PenaltyError> {
    let statutory = rates.ecb_rate(h)? + Decimal::from(10);
    Ok(TableRate {
        percent: statutory.max(legal_floor(rates, h)?),
        derived: false,
    })
}

/// 3 × the legal rate of the half-year: the least a business debtor owes,
/// whatever the contract says (L441-10).
pub(crate) fn legal_floor(rates: &RateTables, h: HalfYear) -> Result<Decimal, PenaltyError> {
    Ok(rates.france_legal_rate(h)? * Decimal::from(3))
}

fn legal_rate(rates: &RateTables, h: HalfYear) -> Result<TableRate, PenaltyError> {
    Ok(TableRate {
        percent: rates.france_legal_rate(h)?,
        derived: false,
    })
}

/// - Business: [`business_rate`] and the EUR 40 indemnity, without reminder.
/// - Administration: public bodies (Code de la commande publique L2192-13)
///   pay the ECB rate of the half-year in which interest began + 8 points,
///   fixed for the whole late period (R2192-31), and EUR 40 (D2192-35).
/// - Individual: no L441-10 penalty and no indemnity; the legal rate runs
///   only from the formal notice (mise en demeure), from the day after it
///   was sent and never before the day after the due date. No formal
///   notice: no interest, with a note saying why.
pub(crate) fn plan<'a>(input: &PenaltyInput, rates: &'a RateTables) -> Plan<'a> {
    match input.profile {
        Profile::Business => Plan::statutory(
            Rule::France,
            input.due_on,
            Basis::half_yearly(move |h| business_rate(rates, h)),
            Compensation::Fixed(eu::COMPENSATION),
        ),
        Profile::Administration => {
            let start = input.due_on.succ_opt();
            Plan::statutory(
                Rule::France,
                input.due_on,
                Basis::fixed_lookup(move || {
                    let start = start.ok_or(PenaltyError::Overflow)?;
                    Ok(eu::directive_rate(rates, HalfYear::of(start))?.percent)
                }),
                Compensation::Fixed(eu::COMPENSATION),
            )
        }
        Profile::Individual => {
            let after_due = input.due_on.succ_opt();
            let after_notice = input.formal_notice_on.and_then(|n| n.succ_opt());
            let mut plan = Plan::statutory(
                Rule::France,
                input.due_on,
                Basis::half_yearly(move |h| legal_rate(rates, h)),
                Compensation::None,
            );
            plan.start = after_notice.map(|n| after_due.map_or(n, |d| d.max(n)));
            if plan.start.is_none() {
                plan.note = Some(
                    "interest at the legal rate runs only from a formal notice \
                     (Code civil 1344-1); none has been sent"
                        .to_string(),
                );
            }
            plan
        }
    }
}
