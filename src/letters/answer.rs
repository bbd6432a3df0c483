//! The letter that answers a queue line: the case's ladder letter, the
//! pilot-end notice, the deposit request or the visit confirmation. One
//! place for the workbench's `r` and for `dun letters`.

use crate::store::Snapshot;
use chrono::NaiveDate;

use super::compose::{ComposeError, Composed, compose, step_for};
use super::compose_client::{
    compose_deposit_request, compose_pilot_end, compose_visit_confirmation,
};
use crate::config::CompanyConfig;
use crate::domain::ladder::Channel;
use crate::domain::penalty::RateTables;
use crate::domain::queue::{Ladders, Reason};
use crate::store::queue::FollowUp;

/// Days a pilot-end notice gives to answer (never past the pilot's end).
pub const PILOT_NOTICE_DEADLINE_DAYS: u32 = 7;
/// Days a deposit request gives to pay.
pub const DEPOSIT_DEADLINE_DAYS: u32 = 8;

/// How a queue line is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// By a letter, which `dun letters` sends with the day's batch.
    Letter,
    /// By a letter a clerk may send, though a call is what closes the line
    /// (a visit is confirmed by a call).
    LetterBesideCall,
    /// By a call, a visit, a payment or a decision: no letter.
    NoLetter,
}

/// How `line` is answered under `ladders`.
pub fn answer(line: &FollowUp, ladders: &Ladders) -> Answer {
    match line.reason {
        Reason::PilotEnds(_) => Answer::Letter,
        // One request goes with the day's letters; when its deadline has
        // passed unpaid, a call follows (or a second request, by hand).
        Reason::UnpaidDeposit if !line.deposit_requested => Answer::Letter,
        Reason::UnpaidDeposit | Reason::ConfirmVisit(_) => Answer::LetterBesideCall,
        _ => match step_for(line, ladders) {
            Some(s) if s.channel != Channel::Call => Answer::Letter,
            _ => Answer::NoLetter,
        },
    }
}

/// The letter that answers `line` on `as_of`.
pub fn letter_for(
    conn: &Snapshot,
    line: &FollowUp,
    as_of: NaiveDate,
    company: &CompanyConfig,
    ladders: &Ladders,
    rates: &RateTables,
) -> Result<Composed, ComposeError> {
    match line.reason {
        Reason::PilotEnds(_) => {
            compose_pilot_end(conn, &line.code, as_of, company, PILOT_NOTICE_DEADLINE_DAYS)
        }
        Reason::UnpaidDeposit => compose_deposit_request(
            conn,
            &line.code,
            &line.invoices,
            as_of,
            company,
            DEPOSIT_DEADLINE_DAYS,
        ),
        Reason::ConfirmVisit(v) => {
            compose_visit_confirmation(conn, &line.code, v, as_of, company, ladders)
        }
        _ => compose(conn, line, as_of, company, ladders, rates),
    }
}
