//! The follow-up queue as of a date: reads where every client and open
//! invoice stands and lets the domain's rules build the lines.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, named_params};
use serde::Serialize;

use super::aging::open_as_of_with;
use super::dunning::{INVOICE_FACTS, cache_holds, case_facts, client_facts};
use super::error::Result;
use super::sql::{Day, SqlDate, day};
use crate::domain::case::CaseLetters;
use crate::domain::case_life::{self, LifeEntry};
use crate::domain::client::{Profile, Rating};
use crate::domain::currency::Currency;
use crate::domain::ladder::{ClientPause, InvoiceStanding};
use crate::domain::outlook::Outlook;
use crate::domain::penalty::RateKey;
use crate::domain::queue::{QueueClient, QueueInvoice, Reason, Rules, build, outlook};

/// One line of the queue, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUp {
    pub code: String,
    pub name: String,
    pub profile: Profile,
    pub country: Option<String>,
    pub clerk: Option<String>,
    pub rating: Option<Rating>,
    pub reason: Reason,
    pub currency: Currency,
    /// Minor units: what the invoices concerned owe, or for a reason about
    /// the client, everything overdue in this currency.
    pub amount: i64,
    /// The invoices concerned, oldest due first.
    pub invoices: Vec<String>,
    pub oldest_due_on: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    /// The invoice a form opened on this line is about: the first one
    /// concerned, else the client's oldest overdue invoice.
    pub invoice: Option<String>,
    pub invoice_outstanding: i64,
    pub reminder_level: u32,
    /// For an unpaid deposit: a deposit request went for it already (and
    /// its deadline passed), so a call follows rather than another letter.
    #[serde(skip)]
    pub deposit_requested: bool,
    #[serde(skip)]
    pub priority: i128,
    /// A reminder 3 or formal notice whose penalties need a reference rate
    /// the tables lack: the letter waits for it (set by the letters' use
    /// case, never by the store).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<RateKey>,
}

impl FollowUp {
    /// The reason in words, as `dun queue` writes it: a letter that waits
    /// for a reference rate says which one, else [`Reason::describe`].
    pub fn reason_text(&self) -> String {
        match &self.held {
            Some(m) => format!(
                "{} held: {}",
                self.reason.step().map_or("letter", |s| s.label()),
                m.missing()
            ),
            None => self.reason.describe(),
        }
    }

    /// Whether a search finds this line: its client is among those the
    /// store found ([`super::client_list::found_codes`]: code, name,
    /// e-mail, phone), or one of its invoice numbers holds the needle,
    /// case and accents aside.
    pub fn found(
        &self,
        needle: &crate::domain::search::Needle,
        clients: &std::collections::HashSet<String>,
    ) -> bool {
        needle.is_empty()
            || clients.contains(&self.code)
            || needle.matches(self.invoices.iter().map(String::as_str), None)
    }
}

/// The queue as of `as_of`, most urgent first; only the clients assigned
/// to `clerk` when given.
pub fn queue(
    conn: &Connection,
    as_of: NaiveDate,
    clerk: Option<&str>,
    rules: &Rules,
) -> Result<Vec<FollowUp>> {
    // The cached standings hold when nothing in the journal is dated after
    // `as_of`; for an earlier date they are recomputed from the journal.
    let cached = cache_holds(conn, as_of)?;
    queue_using(conn, as_of, clerk, rules, cached)
}

/// The queue lines of the clients with these codes only, as of `as_of`:
/// exactly the lines [`queue`] gives them (a test compares the two), read
/// from their own rows. What an open workbench reads again when another
/// clerk's write touched a few clients.
pub fn queue_of(
    conn: &Connection,
    as_of: NaiveDate,
    codes: &[String],
    clerk: Option<&str>,
    rules: &Rules,
) -> Result<Vec<FollowUp>> {
    let cached = cache_holds(conn, as_of)?;
    follow_ups(conn, as_of, clerk, rules, cached, Some(codes))
}

/// The order of the queue's lines ([`crate::domain::queue::line_order`]).
pub fn order(a: &FollowUp, b: &FollowUp) -> std::cmp::Ordering {
    crate::domain::queue::line_order(
        (a.reason, a.priority, &a.code),
        (b.reason, b.priority, &b.code),
    )
}

/// `lines` (a whole queue) with the lines of the clients `codes` replaced
/// by `fresh` ([`queue_of`] them), in the queue's order: the queue
/// [`queue`] would read now, when only those clients changed.
pub fn replace_clients(lines: &mut Vec<FollowUp>, codes: &[String], fresh: Vec<FollowUp>) {
    let codes: std::collections::HashSet<&str> = codes.iter().map(String::as_str).collect();
    lines.retain(|l| !codes.contains(l.code.as_str()));
    lines.extend(fresh);
    // Stable: one client's lines of equal rank keep the order they came in.
    lines.sort_by(order);
}

/// [`queue`], reading the standings from the cache (`cached`) or
/// recomputing them from the journal. Both give the same answer whenever
/// the cache holds; a test checks it.
pub fn queue_using(
    conn: &Connection,
    as_of: NaiveDate,
    clerk: Option<&str>,
    rules: &Rules,
    cached: bool,
) -> Result<Vec<FollowUp>> {
    follow_ups(conn, as_of, clerk, rules, cached, None)
}

/// The queue of every client, or of those with the codes in `only`.
fn follow_ups(
    conn: &Connection,
    as_of: NaiveDate,
    clerk: Option<&str>,
    rules: &Rules,
    cached: bool,
    only: Option<&[String]>,
) -> Result<Vec<FollowUp>> {
    let (clients, invoices) = load(conn, as_of, rules, cached, only)?;
    let lines = build(&clients, &invoices, rules, as_of);
    Ok(follow_ups_of(&clients, &invoices, lines, clerk))
}

/// The queue's lines as the workbench and the command line show them.
fn follow_ups_of(
    clients: &[QueueClient],
    invoices: &[QueueInvoice],
    lines: Vec<crate::domain::queue::QueueLine>,
    clerk: Option<&str>,
) -> Vec<FollowUp> {
    lines
        .into_iter()
        .filter(|l| clerk.is_none() || clients[l.client].clerk.as_deref() == clerk)
        .map(|l| {
            let c = &clients[l.client];
            let first = l.invoices.first().copied().or(l.oldest);
            FollowUp {
                code: c.code.clone(),
                name: c.name.clone(),
                profile: c.profile,
                country: c.country.clone(),
                clerk: c.clerk.clone(),
                rating: c.rating,
                reason: l.reason,
                currency: l.currency,
                amount: l.amount,
                invoices: l
                    .invoices
                    .iter()
                    .map(|&k| invoices[k].number.clone())
                    .collect(),
                oldest_due_on: l.oldest_due_on,
                last_contact: c.pause.last_contact_on,
                invoice: first.map(|k| invoices[k].number.clone()),
                invoice_outstanding: first.map_or(0, |k| invoices[k].outstanding),
                reminder_level: first.map_or(0, |k| invoices[k].standing.reminder_level),
                deposit_requested: l.reason == Reason::UnpaidDeposit
                    && l.invoices.first().is_some_and(|&k| {
                        c.deposit_request_until
                            .is_some_and(|d| d >= invoices[k].standing.due_on)
                    }),
                priority: l.priority,
                held: None,
            }
        })
        .collect()
}

/// Every client and open invoice as the queue sees them on `as_of`.
fn load(
    conn: &Connection,
    as_of: NaiveDate,
    rules: &Rules,
    cached: bool,
    only: Option<&[String]>,
) -> Result<(Vec<QueueClient>, Vec<QueueInvoice>)> {
    let only = match only {
        Some(codes) => Some(
            serde_json::to_string(codes)
                .map_err(|e| super::StoreError::Invalid(format!("client codes: {e}")))?,
        ),
        None => None,
    };
    let (mut clients, ids) = clients(conn, as_of, cached, only.as_deref())?;
    letters(conn, as_of, cached, &ids, &mut clients)?;
    deposits_issued(conn, as_of, &ids, &mut clients)?;
    let (mut invoices, invoice_ids) = invoices(conn, as_of, cached, &ids, only.is_some())?;
    super::promises::kept(conn, as_of, rules, &ids, &clients, &mut invoices)?;
    case_lives(
        conn,
        as_of,
        rules,
        &ids,
        &invoice_ids,
        &mut clients,
        &mut invoices,
    )?;
    Ok((clients, invoices))
}

/// Where every invoice open on `as_of` stands in its case's life and when
/// it next needs a clerk (see [`crate::domain::queue::outlook`]), by
/// invoice number.
pub fn outlooks(
    conn: &Connection,
    as_of: NaiveDate,
    rules: &Rules,
) -> Result<HashMap<String, Outlook>> {
    let cached = cache_holds(conn, as_of)?;
    let (clients, invoices) = load(conn, as_of, rules, cached, None)?;
    let look = outlook(&clients, &invoices, rules, as_of);
    Ok(invoices.into_iter().map(|i| i.number).zip(look).collect())
}

/// What governs one client on `as_of`, read from its own rows in one
/// pass (what a client page shows).
#[derive(Clone, Debug, PartialEq)]
pub struct ClientCase {
    /// Its queue lines, as [`queue_of`] gives them.
    pub lines: Vec<FollowUp>,
    /// Each of its open invoices' [`Outlook`], as [`outlooks`], by number.
    pub outlooks: HashMap<String, Outlook>,
    /// What else governs it (a snooze, a hold, a next action, a planned
    /// visit, an open promise, each case's last letter and deadline) that
    /// no line of today says, with who set it and why.
    pub facts: Vec<crate::domain::governs::Fact>,
}

/// [`ClientCase`] of the client `code` on `as_of`.
pub fn case_of(
    conn: &Connection,
    as_of: NaiveDate,
    code: &str,
    rules: &Rules,
) -> Result<ClientCase> {
    let cached = cache_holds(conn, as_of)?;
    let (clients, invoices) = load(conn, as_of, rules, cached, Some(&[code.to_string()]))?;
    let (lines, look) = crate::domain::queue::plan(&clients, &invoices, rules, as_of);
    let facts = match clients.iter().position(|c| c.code == code) {
        Some(k) => {
            let today: Vec<Reason> = lines
                .iter()
                .filter(|l| l.client == k)
                .map(|l| l.reason)
                .collect();
            let facts =
                crate::domain::governs::facts(&clients[k], k, &invoices, &today, rules, as_of);
            super::governs::said(conn, code, as_of, facts)?
        }
        None => Vec::new(),
    };
    let lines = follow_ups_of(&clients, &invoices, lines, None);
    let numbers = invoices.into_iter().map(|i| i.number);
    Ok(ClientCase {
        lines,
        outlooks: numbers.zip(look).collect(),
        facts,
    })
}

/// Every client, or those whose codes the JSON array `only` lists.
fn clients(
    conn: &Connection,
    as_of: NaiveDate,
    cached: bool,
    only: Option<&str>,
) -> Result<(Vec<QueueClient>, HashMap<i64, usize>)> {
    let facts = if cached {
        "c.last_contact_on, c.next_action_on, c.snoozed_until, c.visit_on, c.held_until, \
         c.reached_on, c.pilot_notice_on, c.deposit_request_until, c.registered_on, \
         c.acknowledged_on"
            .to_string()
    } else {
        client_facts()
    };
    let sql = format!(
        "SELECT c.id, c.code, c.name, c.profile, c.country, c.currency, c.clerk, c.rating, \
                c.pilot_ends_on, c.hold_until, {facts}, c.deposit_pct \
         FROM clients c{}",
        if only.is_some() {
            " WHERE c.code IN (SELECT value FROM json_each(:only))"
        } else {
            ""
        }
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = match (cached, only) {
        (true, None) => st.query([])?,
        (false, None) => st.query(named_params! {":as_of": as_of})?,
        (true, Some(only)) => st.query(named_params! {":only": only})?,
        (false, Some(only)) => st.query(named_params! {":as_of": as_of, ":only": only})?,
    };
    let (mut clients, mut ids) = (Vec::new(), HashMap::new());
    while let Some(r) = rows.next()? {
        let (hold, held) = (day(r, 9)?, day(r, 14)?);
        ids.insert(r.get::<_, i64>(0)?, clients.len());
        clients.push(QueueClient {
            code: r.get(1)?,
            name: r.get(2)?,
            profile: r.get(3)?,
            country: r.get(4)?,
            currency: r.get(5)?,
            clerk: r.get(6)?,
            rating: r.get(7)?,
            deposit_pct: r.get(20)?,
            deposit_issued_on: None,
            pilot_ends_on: day(r, 8)?,
            pause: ClientPause {
                hold_until: hold.max(held),
                last_contact_on: day(r, 10)?,
            },
            next_action_on: day(r, 11)?,
            snoozed_until: day(r, 12)?,
            visit_on: day(r, 13)?,
            reached_on: day(r, 15)?,
            pilot_notice_on: day(r, 16)?,
            deposit_request_until: day(r, 17)?,
            registered_on: day(r, 18)?,
            acknowledged_on: day(r, 19)?,
            letters: Vec::new(),
            cases: Vec::new(),
        });
    }
    Ok((clients, ids))
}

/// The letters each client was sent, per currency: from the `cases` cache,
/// or from the journal as of `as_of`.
fn letters(
    conn: &Connection,
    as_of: NaiveDate,
    cached: bool,
    ids: &HashMap<i64, usize>,
    clients: &mut [QueueClient],
) -> Result<()> {
    // The cases of a few clients are read by client id.
    let few = ids.len() < 1_000;
    let list: Vec<i64> = ids.keys().copied().collect();
    let list = serde_json::to_string(&list)
        .map_err(|e| super::StoreError::Invalid(format!("client ids: {e}")))?;
    let sql = match (cached, few) {
        (true, false) => "SELECT client_id, currency, courtesy_on, reminder1_on, reminder2_on, \
             reminder3_on, notice_on, deadline_on FROM cases"
            .to_string(),
        (true, true) => "SELECT client_id, currency, courtesy_on, reminder1_on, reminder2_on, \
             reminder3_on, notice_on, deadline_on FROM cases \
             WHERE client_id IN (SELECT value FROM json_each(:ids))"
            .to_string(),
        (false, false) => case_facts(""),
        (false, true) => case_facts("AND a.client_id IN (SELECT value FROM json_each(:ids))"),
    };
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = match (cached, few) {
        (true, false) => st.query([])?,
        (true, true) => st.query(named_params! {":ids": list})?,
        (false, false) => st.query(named_params! {":as_of": as_of})?,
        (false, true) => st.query(named_params! {":as_of": as_of, ":ids": list})?,
    };
    while let Some(r) = rows.next()? {
        let Some(&k) = ids.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let letters = CaseLetters {
            courtesy_on: day(r, 2)?,
            reminder_on: [day(r, 3)?, day(r, 4)?, day(r, 5)?],
            notice_on: day(r, 6)?,
            deadline_on: day(r, 7)?,
        };
        clients[k].letters.push((r.get(1)?, letters));
    }
    Ok(())
}

/// The escalation and payment plan of each client's cases, and the owner
/// and review date of each open dispute, from the journal as of `as_of`.
fn case_lives(
    conn: &Connection,
    as_of: NaiveDate,
    rules: &Rules,
    ids: &HashMap<i64, usize>,
    invoice_ids: &[i64],
    clients: &mut [QueueClient],
    invoices: &mut [QueueInvoice],
) -> Result<()> {
    let mut by_client: Vec<Vec<LifeEntry>> = vec![Vec::new(); clients.len()];
    let numbers: HashMap<i64, usize> = invoice_ids
        .iter()
        .enumerate()
        .map(|(k, id)| (*id, k))
        .collect();
    for (id, mut entries) in super::case_life::entries(conn, as_of)? {
        if let Some(&k) = ids.get(&id) {
            for e in &mut entries {
                e.invoice = e
                    .invoice_id
                    .and_then(|i| numbers.get(&i))
                    .map(|&n| invoices[n].number.clone());
            }
            by_client[k] = entries;
        }
    }
    for (c, entries) in clients.iter_mut().zip(&by_client) {
        if !entries.is_empty() {
            c.cases = case_life::cases(entries, as_of);
        }
    }
    for inv in invoices.iter_mut().filter(|i| i.standing.disputed) {
        inv.dispute = case_life::open_dispute(
            &by_client[inv.client],
            &inv.number,
            rules.dispute_review_days,
            as_of,
        );
    }
    Ok(())
}

/// When each client's latest deposit invoice, paid or not, was issued
/// (on or before `as_of`): from the small index of deposit invoices.
fn deposits_issued(
    conn: &Connection,
    as_of: NaiveDate,
    ids: &HashMap<i64, usize>,
    clients: &mut [QueueClient],
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT client_id, max(issued_on) FROM invoices \
         WHERE is_deposit = 1 AND issued_on <= ?1 GROUP BY client_id",
    )?;
    let mut rows = st.query([SqlDate::new(as_of)])?;
    while let Some(r) = rows.next()? {
        if let Some(&k) = ids.get(&r.get::<_, i64>(0)?) {
            clients[k].deposit_issued_on = day(r, 1)?;
        }
    }
    Ok(())
}

/// The open invoices of the clients of `ids`: all of them, or (`few`)
/// read client by client.
fn invoices(
    conn: &Connection,
    as_of: NaiveDate,
    cached: bool,
    ids: &HashMap<i64, usize>,
    few: bool,
) -> Result<(Vec<QueueInvoice>, Vec<i64>)> {
    let facts = if cached {
        ", i.is_deposit, i.reminder_level, i.courtesy_on, i.reminded_on, i.notice_on, \
         i.promised_for, i.disputed, i.paid, i.last_paid_on"
            .to_string()
    } else {
        format!(", i.is_deposit, {INVOICE_FACTS}, i.paid, i.last_paid_on")
    };
    let sql = format!(
        // In the order of the open invoices' index, to the number: the
        // same order whether all or a few clients' invoices are read. A
        // few clients' are read client by client (by the clients' index)
        // and sorted: walking the open invoices' index in that order and
        // keeping theirs reads every open invoice.
        "SELECT o.* FROM {} WHERE o.outstanding > 0 ORDER BY o.due_on, o.currency, \
         o.issued_on, o.amount, o.paid, o.last_paid_on, o.client_id, o.number",
        if few {
            format!(
                "json_each(:ids) j CROSS JOIN ({}) o ON o.client_id = j.value",
                open_as_of_with(conn, as_of, &facts)?
            )
        } else {
            format!("({}) o", open_as_of_with(conn, as_of, &facts)?)
        }
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = if few {
        let list: Vec<i64> = ids.keys().copied().collect();
        let list = serde_json::to_string(&list)
            .map_err(|e| super::StoreError::Invalid(format!("client ids: {e}")))?;
        st.query(named_params! {":as_of": as_of, ":ids": list})?
    } else {
        st.query(named_params! {":as_of": as_of})?
    };
    let mut out = Vec::new();
    let mut row_ids = Vec::new();
    while let Some(r) = rows.next()? {
        let Some(&client) = ids.get(&r.get::<_, i64>(1)?) else {
            continue;
        };
        row_ids.push(r.get::<_, i64>(0)?);
        out.push(QueueInvoice {
            client,
            number: r.get(2)?,
            issued_on: r.get::<_, Day>(3)?.0,
            currency: r.get(5)?,
            outstanding: r.get(16)?,
            is_deposit: r.get(7)?,
            standing: InvoiceStanding {
                due_on: r.get::<_, Day>(4)?.0,
                reminder_level: r.get(8)?,
                courtesy_on: day(r, 9)?,
                reminded_on: day(r, 10)?,
                notice_on: day(r, 11)?,
                promised_for: day(r, 12)?,
                promise_kept: false,
                disputed: r.get(13)?,
            },
            dispute: None,
        });
    }
    Ok((out, row_ids))
}
