//! A client's promises to pay, with the invoices and payments the one rule
//! of [`crate::domain::promise`] judges them by: read for a few clients at
//! once (the queue's promised invoices, marked kept by [`kept`]) or for one
//! (a letter).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::error::{Result, StoreError};
use super::sql::{Day, SqlDate, day};
use crate::domain::currency::Currency;
use crate::domain::promise::{Owed, Paid, PromiseMade, Promised};
use crate::domain::queue::{QueueClient, QueueInvoice, Rules};

/// One client's promises made on or before a day, its invoices issued by
/// then and the payments in force received by then.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromiseBook {
    pub promises: Vec<Promised>,
    pub invoices: Vec<Owed>,
    pub payments: Vec<Paid>,
}

impl PromiseBook {
    /// The promises about a case in `currency` whose invoices are
    /// `numbers`: a promise naming one of them, or one for the whole
    /// account in that currency (or none named).
    pub fn about(&self, currency: Currency, numbers: &[String]) -> Vec<Promised> {
        self.promises
            .iter()
            .filter(|p| {
                if p.covers.is_empty() {
                    p.currency.is_none_or(|c| c == currency)
                } else {
                    p.covers.iter().any(|n| numbers.contains(n))
                }
            })
            .cloned()
            .collect()
    }
}

/// A client's invoices and payments, as a promise is judged by them.
pub type Ledger = (Vec<Owed>, Vec<Paid>);

/// The promises to pay of the clients with row ids `ids` made on or
/// before `as_of`, in the order made, each with the invoices it names.
pub fn promises_of(
    conn: &Connection,
    ids: &[i64],
    as_of: NaiveDate,
) -> Result<HashMap<i64, Vec<Promised>>> {
    let mut out: HashMap<i64, Vec<Promised>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let list =
        serde_json::to_string(ids).map_err(|e| StoreError::Invalid(format!("client ids: {e}")))?;
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.client_id, a.on_date, a.date, a.amount, a.currency, i.number \
         FROM activities_in_force a LEFT JOIN invoices i ON i.id = a.invoice_id \
         WHERE a.client_id IN (SELECT value FROM json_each(:ids)) AND a.kind = 'promise' \
           AND a.date IS NOT NULL AND a.on_date <= :as_of \
         ORDER BY a.on_date, a.id",
    )?;
    let mut rows = st.query(named_params! {":ids": list, ":as_of": SqlDate::new(as_of)})?;
    let mut index: HashMap<i64, (i64, usize)> = HashMap::new();
    let mut several = false;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let client: i64 = r.get(1)?;
        let (Some(made_on), Some(by)) = (day(r, 2)?, day(r, 3)?) else {
            continue;
        };
        let number: Option<String> = r.get(6)?;
        several |= number.is_none();
        let promises = out.entry(client).or_default();
        index.insert(id, (client, promises.len()));
        promises.push(Promised {
            id,
            made: PromiseMade {
                made_on,
                by,
                amount: r.get(4)?,
            },
            currency: r.get(5)?,
            covers: number.into_iter().collect(),
        });
    }
    if several {
        let mut st = conn.prepare_cached(
            "SELECT pi.activity_id, i.number FROM promise_invoices pi \
             JOIN invoices i ON i.id = pi.invoice_id \
             WHERE i.client_id IN (SELECT value FROM json_each(:ids)) \
             ORDER BY pi.activity_id, i.number",
        )?;
        let mut rows = st.query(named_params! {":ids": list})?;
        while let Some(r) = rows.next()? {
            if let Some(&(client, k)) = index.get(&r.get::<_, i64>(0)?)
                && let Some(p) = out.get_mut(&client).and_then(|ps| ps.get_mut(k))
            {
                p.covers.push(r.get(1)?);
            }
        }
    }
    Ok(out)
}

/// What the promises of each client in `since` are judged by, from the
/// day given beside it (the earliest promise judged): its invoices issued
/// by `as_of` and not settled before that day, each with what was paid on
/// it before then, and the payments in force received from that day to
/// `as_of`. What a promise asks and what was paid toward it are the same
/// as with every invoice and payment (the older ones add nothing).
pub fn ledgers_of(
    conn: &Connection,
    since: &HashMap<i64, NaiveDate>,
    as_of: NaiveDate,
) -> Result<HashMap<i64, Ledger>> {
    let reading = if since.len() < MANY_CLIENTS {
        Reading::ClientByClient
    } else {
        Reading::OpenAndSettled
    };
    ledgers_by(conn, since, as_of, reading)
}

/// How [`ledgers_of`] reads the invoices that may concern promises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Each client's open invoices and those settled since its day, by
    /// the indexes led by the client (015).
    ClientByClient,
    /// Every open invoice (from the open invoices' index alone, which
    /// holds every column asked) and every one settled since the earliest
    /// day: reading thousands of clients one by one costs more.
    OpenAndSettled,
}

/// [`ledgers_of`], reading the invoices the way `reading` says: both give
/// the same ledgers (a test compares them).
pub fn ledgers_by(
    conn: &Connection,
    since: &HashMap<i64, NaiveDate>,
    as_of: NaiveDate,
    reading: Reading,
) -> Result<HashMap<i64, Ledger>> {
    let mut out: HashMap<i64, Ledger> = HashMap::new();
    if since.is_empty() {
        return Ok(out);
    }
    // The invoices concerned, by row id: their client, the day their
    // client's promises are judged from, and where they stand.
    let mut concerned: HashMap<i64, (i64, NaiveDate, Owed)> = HashMap::new();
    for c in candidates(conn, since, as_of, reading)? {
        let Some(&d) = since.get(&c.client) else {
            continue;
        };
        if c.owed.issued_on <= as_of && c.settled_on.is_none_or(|s| s >= d) {
            concerned.insert(c.id, (c.client, d, c.owed));
        }
    }
    let ids: Vec<i64> = concerned.keys().copied().collect();
    let ids = serde_json::to_string(&ids)
        .map_err(|e| StoreError::Invalid(format!("invoice ids: {e}")))?;
    // Their payments in force received by `as_of`, by the payments' index:
    // those before the day judged from add to what was paid before it.
    let mut st = conn.prepare_cached(
        "SELECT p.invoice_id, p.received_on, p.amount, p.id \
         FROM json_each(:ids) j JOIN payments_in_force p ON p.invoice_id = j.value \
         WHERE p.received_on <= :as_of",
    )?;
    let mut rows = st.query(named_params! {":ids": ids, ":as_of": SqlDate::new(as_of)})?;
    let mut paid: HashMap<i64, Vec<(NaiveDate, i64, Paid)>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let Some((client, d, owed)) = concerned.get_mut(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let on = r.get::<_, Day>(1)?.0;
        let amount: i64 = r.get(2)?;
        if on < *d {
            owed.paid_before += amount;
        } else {
            paid.entry(*client).or_default().push((
                on,
                r.get(3)?,
                Paid {
                    invoice: owed.number.clone(),
                    on,
                    amount,
                },
            ));
        }
    }
    for (client, _, owed) in concerned.into_values() {
        out.entry(client).or_default().0.push(owed);
    }
    for (client, (invoices, payments)) in &mut out {
        // Due date then number; received on then the payment's row.
        invoices.sort_by(|a, b| (a.due_on, &a.number).cmp(&(b.due_on, &b.number)));
        if let Some(mut own) = paid.remove(client) {
            own.sort_by_key(|(on, id, _)| (*on, *id));
            payments.extend(own.into_iter().map(|(_, _, p)| p));
        }
    }
    Ok(out)
}

/// An invoice that may concern a client's promises: its row id, its
/// client's, where it stands (nothing paid before counted yet) and the
/// day it was settled.
struct Candidate {
    id: i64,
    client: i64,
    owed: Owed,
    settled_on: Option<NaiveDate>,
}

/// From this many clients, [`ledgers_of`] reads every open invoice and
/// those settled lately rather than each client's invoices.
const MANY_CLIENTS: usize = 1_000;

/// Every invoice issued by `as_of` that may concern the promises of the
/// clients in `since`, a superset of those [`ledgers_by`] keeps, read the
/// way `reading` says.
fn candidates(
    conn: &Connection,
    since: &HashMap<i64, NaiveDate>,
    as_of: NaiveDate,
    reading: Reading,
) -> Result<Vec<Candidate>> {
    const COLUMNS: &str = "i.id, i.client_id, i.number, i.issued_on, i.due_on, i.currency, \
                           i.amount, i.written_off, i.written_off_on, i.settled_on";
    let read = |st: &mut rusqlite::CachedStatement<'_>,
                params: &[(&str, &dyn rusqlite::ToSql)]|
     -> Result<Vec<Candidate>> {
        let mut rows = st.query(params)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(Candidate {
                id: r.get(0)?,
                client: r.get(1)?,
                owed: Owed {
                    number: r.get(2)?,
                    issued_on: r.get::<_, Day>(3)?.0,
                    due_on: r.get::<_, Day>(4)?.0,
                    currency: r.get(5)?,
                    amount: r.get(6)?,
                    written_off: r.get(7)?,
                    written_off_on: day(r, 8)?,
                    paid_before: 0,
                },
                settled_on: day(r, 9)?,
            });
        }
        Ok(out)
    };
    let as_of = SqlDate::new(as_of);
    if reading == Reading::ClientByClient {
        let ids: Vec<i64> = since.keys().copied().collect();
        let ids = serde_json::to_string(&ids)
            .map_err(|e| StoreError::Invalid(format!("client ids: {e}")))?;
        let days: Vec<(i64, String)> = since
            .iter()
            .map(|(&id, &d)| (id, super::sql::iso_date(d)))
            .collect();
        let days = serde_json::to_string(&days)
            .map_err(|e| StoreError::Invalid(format!("client days: {e}")))?;
        let mut st = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM json_each(:ids) j CROSS JOIN invoices i \
               ON i.client_id = j.value \
             WHERE i.settled_on IS NULL AND i.issued_on <= :as_of \
             UNION ALL \
             SELECT {COLUMNS} FROM json_each(:days) j CROSS JOIN invoices i \
               ON i.client_id = j.value ->> 0 AND i.settled_on >= j.value ->> 1 \
             WHERE i.issued_on <= :as_of"
        ))?;
        return read(
            &mut st,
            &[(":ids", &ids), (":days", &days), (":as_of", &as_of)],
        );
    }
    let earliest = since.values().min().copied().map(SqlDate::new);
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM invoices i WHERE settled_on IS NULL AND issued_on <= :as_of \
         UNION ALL \
         SELECT {COLUMNS} FROM invoices i WHERE settled_on >= :earliest AND issued_on <= :as_of"
    ))?;
    read(&mut st, &[(":as_of", &as_of), (":earliest", &earliest)])
}

/// The promise book of the client coded `code` as of `as_of` (empty when
/// there is no such client).
pub fn of_client(conn: &Connection, code: &str, as_of: NaiveDate) -> Result<PromiseBook> {
    use rusqlite::OptionalExtension;
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM clients WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    let Some(id) = id else {
        return Ok(PromiseBook::default());
    };
    let promises = promises_of(conn, &[id], as_of)?
        .remove(&id)
        .unwrap_or_default();
    let Some(first) = promises.iter().map(|p| p.made.made_on).min() else {
        return Ok(PromiseBook::default());
    };
    let (invoices, payments) = ledgers_of(conn, &HashMap::from([(id, first)]), as_of)?
        .remove(&id)
        .unwrap_or_default();
    Ok(PromiseBook {
        promises,
        invoices,
        payments,
    })
}

/// The open invoices of the client with row id `client_id` in `currency`
/// overdue on `on`, deposits aside: the numbers of those disputed, and how
/// many are not. What a promise for the whole overdue account covers.
pub fn overdue_disputed(
    conn: &Connection,
    client_id: i64,
    currency: Currency,
    on: NaiveDate,
) -> Result<(Vec<String>, usize)> {
    let mut st = conn.prepare_cached(
        "SELECT number, disputed FROM invoices \
         WHERE client_id = ?1 AND currency = ?2 AND settled_on IS NULL AND is_deposit = 0 \
           AND due_on < ?3 ORDER BY due_on, number",
    )?;
    let mut rows = st.query(rusqlite::params![client_id, currency, SqlDate::new(on)])?;
    let (mut disputed, mut others) = (Vec::new(), 0usize);
    while let Some(r) = rows.next()? {
        if r.get::<_, bool>(1)? {
            disputed.push(r.get(0)?);
        } else {
            others += 1;
        }
    }
    Ok((disputed, others))
}

/// Marks the open invoices whose latest promise was kept on `as_of`, by
/// the one rule of [`crate::domain::promise::verdict`]: read for the
/// clients with a promised invoice only.
pub(super) fn kept(
    conn: &Connection,
    as_of: NaiveDate,
    rules: &Rules,
    ids: &HashMap<i64, usize>,
    clients: &[QueueClient],
    invoices: &mut [QueueInvoice],
) -> Result<()> {
    let promised: std::collections::HashSet<usize> = invoices
        .iter()
        .filter(|i| i.standing.promised_for.is_some())
        .map(|i| i.client)
        .collect();
    if promised.is_empty() {
        return Ok(());
    }
    let mut row_of = HashMap::new();
    for (&row, &k) in ids {
        if promised.contains(&k) {
            row_of.insert(k, row);
        }
    }
    let rows: Vec<i64> = row_of.values().copied().collect();
    let promises = promises_of(conn, &rows, as_of)?;
    // The promise governing each promised invoice, and from when each
    // client's are judged: only those invoices and payments are read.
    let mut governing = vec![None; invoices.len()];
    let mut since: HashMap<i64, NaiveDate> = HashMap::new();
    for (n, inv) in invoices.iter().enumerate() {
        let Some(&row) = row_of.get(&inv.client) else {
            continue;
        };
        if inv.standing.promised_for.is_none() {
            continue;
        }
        let Some(ps) = promises.get(&row) else {
            continue;
        };
        let stub = crate::domain::promise::Owed {
            number: inv.number.clone(),
            issued_on: inv.issued_on,
            due_on: inv.standing.due_on,
            currency: inv.currency,
            amount: 0,
            written_off: 0,
            written_off_on: None,
            paid_before: 0,
        };
        if let Some(k) = crate::domain::promise::governing(ps, &stub, as_of)
            .and_then(|g| ps.iter().position(|p| p.id == g.id))
        {
            governing[n] = Some((row, k));
            let d = ps[k].made.made_on;
            since
                .entry(row)
                .and_modify(|s| *s = (*s).min(d))
                .or_insert(d);
        }
    }
    let ledgers = ledgers_of(conn, &since, as_of)?;
    for (n, inv) in invoices.iter_mut().enumerate() {
        let Some((row, k)) = governing[n] else {
            continue;
        };
        let (Some(ps), Some((owed, paid)), Some(c)) = (
            promises.get(&row),
            ledgers.get(&row),
            clients.get(inv.client),
        ) else {
            continue;
        };
        let grace = rules.ladders.for_profile(c.profile).promise_grace_days;
        inv.standing.promise_kept =
            crate::domain::promise::verdict(&ps[k], owed, paid, grace, as_of)
                == crate::domain::promise::Verdict::Kept;
    }
    Ok(())
}
