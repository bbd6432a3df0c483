//! Reading the journal of activities, newest first.

use crate::domain::standings::{DEPOSIT_REQUEST, PILOT_END_NOTICE};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::error::Result;
use crate::domain::activity::ActivityKind;
use crate::domain::currency::Currency;
use crate::domain::money::decimal_string;

/// One journal entry as exported: who did what, when, for which client and invoice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JournalEntry {
    pub id: i64,
    pub at: String,
    pub on: NaiveDate,
    pub user: String,
    pub kind: String,
    pub client: String,
    pub invoice: Option<String>,
    pub level: Option<i64>,
    pub outcome: Option<String>,
    /// Decimal string in `currency`.
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub date: Option<NaiveDate>,
    pub next_action_on: Option<NaiveDate>,
    pub reason: Option<String>,
    pub note: String,
    pub registered: bool,
    pub refers_to: Option<i64>,
    /// For a registered letter: when its acknowledgment of receipt came back.
    pub acknowledged_on: Option<NaiveDate>,
    /// For a letter (a reminder, a formal notice, a pilot-end notice, a
    /// deposit request): the day it gave the client to pay or answer by.
    pub deadline: Option<NaiveDate>,
    /// The clerk who owns a dispute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// An escalation's file reference, procedure, and agency or court.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// A payment plan's invoices and instalments (`{"invoices": […],
    /// "instalments": [{"on": …, "amount": minor units}, …]}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<serde_json::Value>,
    /// A payment's method (`transfer`, `card`, …); null for other entries.
    pub method: Option<String>,
    /// The reference a payment was recorded with; null when none.
    pub payment_reference: Option<String>,
    /// The correction that undid this entry, when one did (absent
    /// otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<i64>,
    /// The invoices a promise covers when it names several (`invoice` is
    /// then null), by number; absent otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invoices: Vec<String>,
}

impl JournalEntry {
    /// The outcome and the note, as one line: `no_answer: left a message`;
    /// a corrected entry says which entry corrected it.
    pub fn summary(&self) -> String {
        let text = [
            Some(self.terms()).filter(|t| !t.is_empty()),
            self.outcome.clone(),
            Some(self.note.clone()),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
        let text = match (self.registered, self.acknowledged_on) {
            (true, Some(d)) => format!("{text} [registered, received {d}]")
                .trim_start()
                .to_string(),
            (true, None) => format!("{text} [registered, awaiting receipt]")
                .trim_start()
                .to_string(),
            _ => text,
        };
        match self.corrected_by {
            Some(id) => format!("{text} [corrected by entry {id}]")
                .trim_start()
                .to_string(),
            None => text,
        }
    }

    /// What a payment, a promise or a write-off was for, before its note:
    /// `100.00 EUR`, `300.00 EUR by 2026-12-05 on F1, F2`; empty for the
    /// other entries.
    fn terms(&self) -> String {
        let mut out = String::new();
        if matches!(self.kind.as_str(), "payment" | "promise" | "write_off")
            && let Some(amount) = &self.amount
        {
            out.push_str(&grouped(amount));
            if let Some(c) = &self.currency {
                out.push(' ');
                out.push_str(c);
            }
        }
        if self.kind == "promise"
            && let Some(d) = self.date
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&format!("by {d}"));
        }
        if !self.invoices.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("on ");
            out.push_str(&self.invoices.join(", "));
        }
        out
    }

    /// The invoice an entry is about, as a column shows it: its number,
    /// or how many a promise covers.
    pub fn invoice_shown(&self) -> String {
        match (&self.invoice, self.invoices.len()) {
            (Some(n), _) => n.clone(),
            (None, 0) => String::new(),
            (None, 1) => self.invoices[0].clone(),
            (None, k) => format!("{k} invoices"),
        }
    }
}

/// A decimal amount as the workbench shows amounts, its thousands
/// grouped: `11918.80` → `11,918.80`; as given when it is not a decimal.
fn grouped(decimal: &str) -> String {
    let exponent = decimal.split_once('.').map_or(0, |(_, f)| f.len());
    let digits: String = decimal.chars().filter(|c| *c != '.').collect();
    match (digits.parse::<i64>(), u32::try_from(exponent)) {
        (Ok(minor), Ok(exponent)) => crate::domain::money_format::format_number(
            minor,
            exponent,
            crate::domain::language::Language::En,
        ),
        _ => decimal.to_string(),
    }
}

// A payment's entry names its row in `payments` (`payment_id`, written
// with it; migration 010 linked the older ones). Imported payments (with
// an import key) have no entry. A correction is read with the entry it
// corrects: `corrected_by` on the corrected one.
pub(super) const SELECT: &str = "SELECT a.id, a.at, a.on_date, a.user, a.kind, c.code, i.number, a.level, \
     a.outcome, a.amount, a.currency, a.date, a.next_action_on, a.reason, a.note, a.registered, \
     a.refers_to, \
     (SELECT min(x.date) FROM activities_in_force x WHERE x.refers_to = a.id \
        AND x.outcome = 'acknowledged'), \
     a.assignee, a.reference, a.procedure, a.body, a.plan, p.method, p.reference, \
     (SELECT min(k.id) FROM activities k WHERE k.kind = 'correction' AND k.refers_to = a.id), \
     (SELECT group_concat(x.number, ' ' ORDER BY x.number) FROM promise_invoices pi \
        JOIN invoices x ON x.id = pi.invoice_id WHERE pi.activity_id = a.id) \
     FROM activities a JOIN clients c ON c.id = a.client_id \
     LEFT JOIN invoices i ON i.id = a.invoice_id \
     LEFT JOIN payments p ON a.kind = 'payment' AND p.id = a.payment_id";

/// The latest `limit` entries (all when `None`), newest first.
pub fn latest(conn: &Connection, limit: Option<u32>) -> Result<Vec<JournalEntry>> {
    let sql = format!("{SELECT} ORDER BY a.at DESC, a.id DESC LIMIT ?1");
    entries(conn, &sql, params![limit.map_or(-1, i64::from)])
}

/// The latest `limit` entries by `user` (when given) of `kind` (when given),
/// newest first.
pub fn filtered(
    conn: &Connection,
    user: Option<&str>,
    kind: Option<ActivityKind>,
    limit: u32,
) -> Result<Vec<JournalEntry>> {
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR a.user = ?1) AND (?2 IS NULL OR a.kind = ?2) \
         ORDER BY a.at DESC, a.id DESC LIMIT ?3"
    );
    entries(conn, &sql, params![user, kind, i64::from(limit)])
}

/// One client's timeline: its latest `limit` entries, newest first.
pub fn for_client(conn: &Connection, code: &str, limit: u32) -> Result<Vec<JournalEntry>> {
    let sql = format!("{SELECT} WHERE c.code = ?1 ORDER BY a.at DESC, a.id DESC LIMIT ?2");
    entries(conn, &sql, params![code, i64::from(limit)])
}

pub(super) fn entries(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<JournalEntry>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(args, |r| {
        let amount: Option<i64> = r.get(9)?;
        let currency: Option<Currency> = r.get(10)?;
        let kind: String = r.get(4)?;
        let reason: Option<String> = r.get(13)?;
        let date: Option<NaiveDate> = r.get(11)?;
        let letter = match kind.as_str() {
            "reminder" | "formal_notice" => true,
            "letter" => reason.as_deref().is_some_and(|r| {
                [PILOT_END_NOTICE, DEPOSIT_REQUEST, "visit_confirmation"].contains(&r)
            }),
            _ => false,
        };
        Ok(JournalEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            on: r.get(2)?,
            user: r.get(3)?,
            kind,
            client: r.get(5)?,
            invoice: r.get(6)?,
            level: r.get(7)?,
            outcome: r.get(8)?,
            amount: amount.map(|a| decimal_string(a, currency.map_or(2, |c| c.exponent()))),
            currency: currency.map(|c| c.code().to_string()),
            date,
            next_action_on: r.get(12)?,
            reason,
            note: r.get(14)?,
            registered: r.get(15)?,
            refers_to: r.get(16)?,
            acknowledged_on: r.get(17)?,
            deadline: date.filter(|_| letter),
            assignee: r.get(18)?,
            reference: r.get(19)?,
            procedure: r.get(20)?,
            body: r.get(21)?,
            plan: r
                .get::<_, Option<String>>(22)?
                .and_then(|t| serde_json::from_str(&t).ok()),
            method: r.get(23)?,
            payment_reference: r.get(24)?,
            corrected_by: r.get(25)?,
            invoices: r
                .get::<_, Option<String>>(26)?
                .map(|t| t.split(' ').map(str::to_string).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Whether the note of a journal entry holds `file` as one of its words
/// (a letter's entry names its files as `DATE/NAME`).
pub fn names_file(conn: &Connection, file: &str) -> Result<bool> {
    let mut st = conn.prepare_cached("SELECT note FROM activities WHERE instr(note, ?1) > 0")?;
    let notes = st.query_map(params![file], |r| r.get::<_, String>(0))?;
    for note in notes {
        if note?.split_whitespace().any(|w| w == file) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
impl JournalEntry {
    /// An entry of `kind` with nothing but its id, day, clerk and client,
    /// for tests to fill in.
    pub(crate) fn example(id: i64, kind: &str) -> JournalEntry {
        JournalEntry {
            id,
            at: "2026-11-22T09:00:00.000Z".into(),
            on: "2026-11-22".parse().unwrap(),
            user: "marie".into(),
            kind: kind.into(),
            client: "ES-00008".into(),
            invoice: None,
            level: None,
            outcome: None,
            amount: None,
            currency: None,
            date: None,
            next_action_on: None,
            reason: None,
            note: String::new(),
            registered: false,
            refers_to: None,
            acknowledged_on: None,
            deadline: None,
            assignee: None,
            reference: None,
            procedure: None,
            body: None,
            plan: None,
            method: None,
            payment_reference: None,
            corrected_by: None,
            invoices: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str) -> JournalEntry {
        JournalEntry::example(1, kind)
    }

    #[test]
    fn amounts_are_grouped_as_the_workbench_shows_them() {
        assert_eq!(grouped("11918.80"), "11,918.80");
        assert_eq!(grouped("-1234567.5"), "-1,234,567.5");
        assert_eq!(grouped("350"), "350");
        assert_eq!(grouped("1500"), "1,500");
        assert_eq!(grouped("n/a"), "n/a");
    }

    #[test]
    fn payments_and_promises_say_how_much_and_by_when_before_their_note() {
        let mut paid = entry("payment");
        paid.invoice = Some("F2026-000202".into());
        paid.amount = Some("11918.80".into());
        paid.currency = Some("EUR".into());
        assert_eq!(paid.summary(), "11,918.80 EUR");
        assert_eq!(paid.invoice_shown(), "F2026-000202");

        let mut promise = entry("promise");
        promise.amount = Some("300.00".into());
        promise.currency = Some("EUR".into());
        promise.date = Some("2026-12-05".parse().unwrap());
        promise.note = "after the board meets".into();
        promise.invoices = vec!["F2026-000077".into(), "F2026-000174".into()];
        assert_eq!(
            promise.summary(),
            "300.00 EUR by 2026-12-05 on F2026-000077, F2026-000174: after the board meets"
        );
        assert_eq!(promise.invoice_shown(), "2 invoices");
        // A promise for the whole account, with no amount.
        promise.amount = None;
        promise.invoices.clear();
        promise.note.clear();
        assert_eq!(promise.summary(), "by 2026-12-05");
        assert_eq!(promise.invoice_shown(), "");

        // A call's date is its own, not a promise's; its note is unchanged.
        let mut call = entry("call");
        call.outcome = Some("reached".into());
        call.note = "will pay Friday".into();
        call.date = Some("2026-12-05".parse().unwrap());
        assert_eq!(call.summary(), "reached: will pay Friday");
    }
}
