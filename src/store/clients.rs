//! Clients: insert, look up, update from an import.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};

use super::error::Result;
use super::sql;

use crate::domain::client::Client;

pub(super) const COLUMNS: &str = "code, name, profile, language, country, phone, email, address, terms_days, \
     credit_limit, currency, deposit_pct, rating, clerk, pilot_ends_on, hold_until, late_rate, late_fee, \
     contact_name, contact_title";

/// How many columns `COLUMNS` names: what a query adds after them starts here.
pub(super) const N_COLUMNS: usize = 20;

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Client> {
    Ok(Client {
        code: r.get(0)?,
        name: r.get(1)?,
        profile: r.get(2)?,
        language: r.get(3)?,
        country: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        address: r.get(7)?,
        terms_days: r.get(8)?,
        credit_limit: r.get(9)?,
        currency: r.get(10)?,
        deposit_pct: r.get(11)?,
        rating: r.get(12)?,
        clerk: r.get(13)?,
        pilot_ends_on: r.get(14)?,
        hold_until: r.get(15)?,
        late_rate: super::sql::decimal(r, 16)?,
        late_fee: r.get(17)?,
        contact_name: r.get(18)?,
        contact_title: r.get(19)?,
    })
}

/// The client's fields in the order of `COLUMNS` (`?1` is the code);
/// `late_rate` is the contractual rate as text.
fn values<'a>(c: &'a Client, late_rate: &'a Option<String>) -> [&'a dyn ToSql; 20] {
    [
        &c.code,
        &c.name,
        &c.profile,
        &c.language,
        &c.country,
        &c.phone,
        &c.email,
        &c.address,
        &c.terms_days,
        &c.credit_limit,
        &c.currency,
        &c.deposit_pct,
        &c.rating,
        &c.clerk,
        &c.pilot_ends_on,
        &c.hold_until,
        late_rate,
        &c.late_fee,
        &c.contact_name,
        &c.contact_title,
    ]
}

/// Inserts a client and returns its row id.
pub fn insert(conn: &Connection, c: &Client) -> Result<i64> {
    let mut st = conn.prepare_cached(&format!(
        "INSERT INTO clients ({COLUMNS}, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
    ))?;
    let now = sql::now();
    let rate = c.late_rate.map(|r| r.normalize().to_string());
    st.execute(params_from_iter(
        values(c, &rate).into_iter().chain([&now as &dyn ToSql]),
    ))?;
    Ok(conn.last_insert_rowid())
}

/// Replaces every field of the client with the same code.
pub fn update(conn: &Connection, c: &Client) -> Result<()> {
    let mut st = conn.prepare_cached(
        "UPDATE clients SET name = ?2, profile = ?3, language = ?4, country = ?5, phone = ?6, \
         email = ?7, address = ?8, terms_days = ?9, credit_limit = ?10, currency = ?11, \
         deposit_pct = ?12, rating = ?13, clerk = ?14, pilot_ends_on = ?15, hold_until = ?16, \
         late_rate = ?17, late_fee = ?18, contact_name = ?19, contact_title = ?20 WHERE code = ?1",
    )?;
    let rate = c.late_rate.map(|r| r.normalize().to_string());
    st.execute(params_from_iter(values(c, &rate)))?;
    Ok(())
}

/// Sets the client's credit limit (minor units of its currency).
pub fn set_credit_limit(conn: &Connection, client_id: i64, limit: i64) -> Result<()> {
    let mut st = conn.prepare_cached("UPDATE clients SET credit_limit = ?2 WHERE id = ?1")?;
    st.execute(params![client_id, limit])?;
    Ok(())
}

/// The client with this code, with its row id.
pub fn find(conn: &Connection, code: &str) -> Result<Option<(i64, Client)>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, id FROM clients WHERE code = ?1"
    ))?;
    let found = st
        .query_row([code], |r| Ok((r.get(N_COLUMNS)?, from_row(r)?)))
        .optional()?;
    Ok(found)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM clients", [], |r| r.get(0))?)
}

/// A client in the clients list: what it owes in its own currency and how
/// old its oldest unpaid invoice is.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientLine {
    pub client: Client,
    /// Minor units open on the day, in the client's currency.
    pub balance: i64,
    /// Due date of the oldest open invoice in that currency.
    pub oldest_due_on: Option<chrono::NaiveDate>,
}

impl ClientLine {
    /// More is open than the credit limit allows.
    pub fn over_limit(&self) -> bool {
        self.client.credit_limit.is_some_and(|l| self.balance > l)
    }
}

/// Every client with its balance as of `as_of`, by code.
pub fn overview(conn: &Connection, as_of: chrono::NaiveDate) -> Result<Vec<ClientLine>> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("c.{c}")).collect();
    let sql = format!(
        "WITH open AS ({}), \
              per AS (SELECT client_id, currency, sum(outstanding) AS balance, min(due_on) AS oldest \
                      FROM open WHERE outstanding > 0 GROUP BY client_id, currency) \
         SELECT {}, coalesce(p.balance, 0), p.oldest \
         FROM clients c LEFT JOIN per p ON p.client_id = c.id AND p.currency = c.currency \
         ORDER BY c.code",
        super::aging::open_as_of(conn, as_of)?,
        columns.join(", ")
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::named_params! {":as_of": as_of}, |r| {
        Ok(ClientLine {
            client: from_row(r)?,
            balance: r.get(N_COLUMNS)?,
            oldest_due_on: r.get(N_COLUMNS + 1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The fill of migration 007: an address stored on one line with commas
/// is given the lines dun printed it in until then (split at the commas,
/// a bare house number kept with its street), so that letters to the
/// clients already there look as before; addresses given from now on keep
/// the lines they come with, commas included.
pub fn fill_address_lines(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT id, address FROM clients \
         WHERE address LIKE '%,%' AND instr(address, char(10)) = 0",
    )?;
    let rows: Vec<(i64, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE clients SET address = ?2 WHERE id = ?1")?;
    for (id, address) in rows {
        let lines = crate::domain::address::lines_printed_before(&address);
        update.execute(params![id, lines.join("\n")])?;
    }
    Ok(())
}

/// Who last changed `label` (e.g. `e-mail: `) of the client with row id
/// `client_id` in the journal, if anyone did (an import changes a client
/// without a journal entry).
pub fn last_change_by(conn: &Connection, client_id: i64, label: &str) -> Result<Option<String>> {
    let mut st = conn.prepare_cached(
        "SELECT user FROM activities WHERE client_id = ?1 AND kind = 'client_change' \
         AND instr(note, ?2) > 0 ORDER BY id DESC LIMIT 1",
    )?;
    Ok(st
        .query_row(params![client_id, label], |r| r.get(0))
        .optional()?)
}
