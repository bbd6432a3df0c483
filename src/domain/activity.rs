//! The journal: one activity per thing a clerk did or recorded, and the
//! reminder level that follows from it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// What an entry records. Its name (`formal_notice`) is stored, exported
/// and typed: serde and strum spell it the same, from the variant's name.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Visit,
    Email,
    Letter,
    Reminder,
    FormalNotice,
    Promise,
    Dispute,
    DisputeResolved,
    Payment,
    Statement,
    CreditCheck,
    Hold,
    Snooze,
    Note,
    Escalation,
    PaymentPlan,
    WriteOff,
    /// Undoes the entry it refers to (a payment reversed, a reminder
    /// logged by mistake): the journal keeps both.
    Correction,
    /// A change to a client's file, old → new for each field.
    ClientChange,
}

impl ActivityKind {
    /// Every kind, in the order the journal's `K` steps through them.
    pub const ALL: &[ActivityKind] = <ActivityKind as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads a kind's name, case aside, with `-` for `_`.
    pub fn parse(s: &str) -> Option<ActivityKind> {
        s.trim().to_lowercase().replace('-', "_").parse().ok()
    }

    /// The outcomes this kind records, if it records one.
    pub fn outcomes(self) -> &'static [&'static str] {
        match self {
            ActivityKind::Call => CALL_OUTCOMES,
            ActivityKind::Visit => VISIT_OUTCOMES,
            _ => &[],
        }
    }
}

/// Outcomes of a call, in the order a form offers them (digit 1 = reached).
pub const CALL_OUTCOMES: &[&str] = &[
    "reached",
    "no_answer",
    "voicemail",
    "wrong_number",
    "refused",
];
/// The outcome of the entry that records a registered letter's
/// acknowledgment of receipt (it refers to the letter's entry).
pub const ACKNOWLEDGED: &str = "acknowledged";

/// A visit is planned, then done or cancelled.
pub const VISIT_OUTCOMES: &[&str] = &["planned", "done", "cancelled"];

/// One journal entry. Fields a kind does not use stay `None`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activity {
    pub kind: ActivityKind,
    pub client_code: String,
    pub invoice_number: Option<String>,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The business date it happened on (a call logged late keeps its day).
    pub on: NaiveDate,
    /// OS login of whoever recorded it.
    pub user: String,
    /// Reminder level (0 = courtesy, 1–3) or letter level.
    pub level: Option<u8>,
    pub outcome: Option<String>,
    /// Minor units in the invoice's or client's currency (promise, payment).
    pub amount: Option<i64>,
    /// The kind's own date: promised date, planned visit, hold or snooze end.
    pub date: Option<NaiveDate>,
    /// Sets the client's next action date ("call back Thursday").
    pub next_action_on: Option<NaiveDate>,
    /// Reason code (dispute) or source.
    pub reason: Option<String>,
    pub note: String,
    /// Sent by registered mail, waiting for its acknowledgment of receipt.
    pub registered: bool,
    /// The entry this one corrects or completes (journal entries are never changed).
    pub refers_to: Option<i64>,
    /// The clerk who owns a dispute.
    pub assignee: Option<String>,
    /// An escalation's file reference at the agency or court.
    pub reference: Option<String>,
    /// An escalation's procedure (injonction_de_payer, inkasso, …).
    pub procedure: Option<String>,
    /// The collection agency or court an escalation went to.
    pub body: Option<String>,
    /// A payment plan's invoices and instalments.
    pub plan: Option<super::case_life::Plan>,
    /// A payment's row among the payments (its entry's link to it); for a
    /// correction of a payment, the payment it reverses.
    pub payment_id: Option<i64>,
    /// A promise about several invoices (no `invoice_number`): the
    /// invoices it covers. Empty otherwise.
    pub covers: Vec<String>,
}

impl Activity {
    /// A bare entry of `kind` with every optional field empty.
    pub fn new(
        kind: ActivityKind,
        client_code: &str,
        at: DateTime<Utc>,
        on: NaiveDate,
        user: &str,
    ) -> Activity {
        Activity {
            kind,
            client_code: client_code.to_string(),
            invoice_number: None,
            at,
            on,
            user: user.to_string(),
            level: None,
            outcome: None,
            amount: None,
            date: None,
            next_action_on: None,
            reason: None,
            note: String::new(),
            registered: false,
            refers_to: None,
            assignee: None,
            reference: None,
            procedure: None,
            body: None,
            plan: None,
            payment_id: None,
            covers: Vec::new(),
        }
    }
}

/// Reminder level of an invoice: how many reminders of level 1 or more were
/// logged for it. Courtesy reminders (level 0), calls and visits do not count.
pub fn reminder_level<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> u32 {
    let n = activities
        .into_iter()
        .filter(|a| a.kind == ActivityKind::Reminder && a.level.unwrap_or(0) >= 1)
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reminders_of_level_one_or_more_count() {
        let on: NaiveDate = "2026-03-01".parse().unwrap();
        let at = DateTime::<Utc>::default();
        let mut courtesy = Activity::new(ActivityKind::Reminder, "C1", at, on, "ann");
        courtesy.level = Some(0);
        let mut r1 = courtesy.clone();
        r1.level = Some(1);
        let mut r2 = courtesy.clone();
        r2.level = Some(2);
        let call = Activity::new(ActivityKind::Call, "C1", at, on, "ann");
        let visit = Activity::new(ActivityKind::Visit, "C1", at, on, "ann");
        assert_eq!(reminder_level([&courtesy, &call, &visit]), 0);
        assert_eq!(reminder_level([&courtesy, &r1, &call, &r2]), 2);
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for &k in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(
            ActivityKind::parse("formal-notice"),
            Some(ActivityKind::FormalNotice)
        );
        assert_eq!(ActivityKind::parse("lunch"), None);
    }
}
