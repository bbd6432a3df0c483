//! One invoice with everything its penalties and letters need: the client,
//! the payments and the reminders, as they stood on a date.

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::error::Result;
use super::invoices::{StoredInvoice, find};
use crate::domain::client::Client;

/// An invoice as of a date.
#[derive(Clone, Debug, PartialEq)]
pub struct InvoiceHistory {
    pub stored: StoredInvoice,
    pub client: Client,
    /// Payments received on or before the date: (received on, minor units).
    pub payments: Vec<(NaiveDate, i64)>,
    /// Reminders logged on or before the date: (level, date), oldest first.
    pub reminders: Vec<(u8, NaiveDate)>,
    /// Reminders of level 1 or more.
    pub reminder_level: u32,
    /// The first formal notice, if one was sent.
    pub notice_on: Option<NaiveDate>,
    /// The latest day to pay a reminder or formal notice gave.
    pub deadline: Option<NaiveDate>,
    /// Written off on or before the date (minor units).
    pub written_off: i64,
    /// The payments and write-offs together, by date: what lowered the
    /// balance the late-payment interest runs on (a written-off amount is
    /// no longer claimed).
    pub reductions: Vec<(NaiveDate, i64)>,
}

impl InvoiceHistory {
    /// Minor units still due on the date: neither paid nor written off.
    pub fn outstanding(&self) -> i64 {
        let paid: i64 = self.payments.iter().map(|(_, a)| a).sum();
        self.stored.invoice.amount.minor - paid - self.written_off
    }
}

/// The invoice `number` as it stood on `as_of`, or `None` when there is no
/// such invoice.
pub fn history(
    conn: &Connection,
    number: &str,
    as_of: NaiveDate,
) -> Result<Option<InvoiceHistory>> {
    let Some(stored) = find(conn, number)? else {
        return Ok(None);
    };
    let Some((_, client)) = super::clients::find(conn, &stored.invoice.client_code)? else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached(
        "SELECT received_on, amount FROM payments_in_force \
         WHERE invoice_id = :id AND received_on <= :as_of ORDER BY received_on, id",
    )?;
    let payments = st
        .query_map(named_params! {":id": stored.id, ":as_of": as_of}, |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached(
        "SELECT kind, level, on_date, date FROM activities_in_force \
         WHERE invoice_id = :id AND kind IN ('reminder', 'formal_notice') AND on_date <= :as_of \
         ORDER BY on_date, id",
    )?;
    let mut reminders = Vec::new();
    let mut notice_on = None;
    let mut deadline: Option<NaiveDate> = None;
    let mut rows = st.query(named_params! {":id": stored.id, ":as_of": as_of})?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let on: NaiveDate = r.get(2)?;
        deadline = deadline.max(r.get(3)?);
        if kind == "formal_notice" {
            notice_on = notice_on.or(Some(on));
        } else {
            reminders.push((r.get::<_, Option<u8>>(1)?.unwrap_or(0), on));
        }
    }
    let reminder_level =
        u32::try_from(reminders.iter().filter(|(l, _)| *l >= 1).count()).unwrap_or(u32::MAX);
    let mut st = conn.prepare_cached(
        "SELECT on_date, amount FROM activities_in_force \
         WHERE invoice_id = :id AND kind = 'write_off' AND on_date <= :as_of ORDER BY on_date, id",
    )?;
    let write_offs = st
        .query_map(named_params! {":id": stored.id, ":as_of": as_of}, |r| {
            Ok((
                r.get::<_, NaiveDate>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let written_off = write_offs.iter().map(|(_, a)| a).sum();
    let mut reductions: Vec<(NaiveDate, i64)> =
        payments.iter().copied().chain(write_offs).collect();
    reductions.sort_by_key(|(on, _)| *on);
    Ok(Some(InvoiceHistory {
        stored,
        client,
        payments,
        reminders,
        reminder_level,
        notice_on,
        deadline,
        written_off,
        reductions,
    }))
}
