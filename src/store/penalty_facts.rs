//! What the penalty rules need to know of many invoices at once, read in
//! one statement: enough to tell which reference rates their interest and
//! compensation need, without each invoice's whole history.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};
use rust_decimal::Decimal;

use super::error::Result;
use crate::domain::client::Profile;
use crate::domain::currency::Currency;

/// One open invoice as the penalty rules see it on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PenaltyFacts {
    pub due_on: NaiveDate,
    pub currency: Currency,
    /// Minor units still owed on the date.
    pub outstanding: i64,
    pub country: Option<String>,
    pub profile: Profile,
    /// The client's contractual rate (annual %) and fee (minor units).
    pub late_rate: Option<Decimal>,
    pub late_fee: Option<i64>,
    /// Reminders of level 1 or more sent by the date.
    pub reminder_level: u32,
    /// The first formal notice sent by the date.
    pub notice_on: Option<NaiveDate>,
}

/// The facts of the invoices `numbers` on `as_of`, by number; an unknown
/// number is left out.
pub fn for_invoices(
    conn: &Connection,
    numbers: &[&str],
    as_of: NaiveDate,
) -> Result<HashMap<String, PenaltyFacts>> {
    let list = serde_json::to_string(numbers).unwrap_or_else(|_| "[]".into());
    // The reminders from the standing cached beside each invoice when it
    // holds on `as_of`, from the journal otherwise; the first formal notice
    // (French individuals owe interest from it) from the journal.
    let reminders = if super::dunning::cache_holds(conn, as_of)? {
        "i.reminder_level"
    } else {
        "(SELECT count(*) FROM activities_in_force a WHERE a.invoice_id = i.id \
            AND a.kind = 'reminder' AND a.level >= 1 AND a.on_date <= :as_of)"
    };
    let standing = format!(
        "{reminders}, (SELECT min(a.on_date) FROM activities_in_force a WHERE a.invoice_id = i.id \
            AND a.kind = 'formal_notice' AND a.on_date <= :as_of)"
    );
    let sql = format!(
        "SELECT i.number, i.due_on, i.currency, \
                i.amount - coalesce((SELECT sum(p.amount) FROM payments_in_force p \
                    WHERE p.invoice_id = i.id AND p.received_on <= :as_of), 0), \
                c.country, c.profile, c.late_rate, c.late_fee, {standing} \
         FROM json_each(:numbers) j \
         JOIN invoices i ON i.number = j.value \
         JOIN clients c ON c.id = i.client_id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(named_params! {":numbers": list, ":as_of": as_of}, |r| {
        Ok((
            r.get::<_, String>(0)?,
            PenaltyFacts {
                due_on: r.get(1)?,
                currency: r.get(2)?,
                outstanding: r.get(3)?,
                country: r.get(4)?,
                profile: r.get(5)?,
                late_rate: super::sql::decimal(r, 6)?,
                late_fee: r.get(7)?,
                reminder_level: r.get(8)?,
                notice_on: r.get(9)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}
