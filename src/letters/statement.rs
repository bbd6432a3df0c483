//! The account statement: every open invoice of a client with the
//! penalties known, on its own or enclosed with a letter.

use crate::store::Snapshot;
use chrono::NaiveDate;

use super::addressee::{client_details, config_templates};
use super::context::{CompanyDetails, LetterContext};
use super::kind::{Law, LetterKind};
use super::render::render;
use super::writing::Writing;
use crate::config::CompanyConfig;
use crate::domain::activity::ActivityKind;
use crate::domain::client::Client;
use crate::domain::ladder::Channel;
use crate::domain::money::Money;
use crate::domain::penalty::RateTables;
use crate::store::invoice_history::{InvoiceHistory, history};

use super::compose::{ComposeError, Composed, Lines, invoice_lines};

/// An account statement of every open invoice of `client` as of `as_of`,
/// with the interest and compensation the law allows when they are known.
pub fn compose_statement(
    conn: &Snapshot,
    client: &str,
    as_of: NaiveDate,
    company: &CompanyConfig,
    rates: &RateTables,
) -> Result<Composed, ComposeError> {
    let open = crate::store::aging::for_client(conn, as_of, client)?;
    let mut histories = Vec::new();
    for l in &open {
        if let Some(h) = history(conn, &l.invoice, as_of)? {
            histories.push(h);
        }
    }
    let Some(first) = histories.first() else {
        return Err(ComposeError::NoLetter(format!(
            "{client} owes nothing: no statement to send"
        )));
    };
    let cur = first.stored.invoice.amount.currency;
    if histories
        .iter()
        .any(|h| h.stored.invoice.amount.currency != cur)
    {
        return Err(ComposeError::NoLetter(format!(
            "{client} owes in several currencies: one statement per currency is not written yet"
        )));
    }
    let c = first.client.clone();
    // Pay by the day the last letter gave, never sooner: a statement does
    // not shorten a notice's deadline.
    let deadline = histories
        .iter()
        .filter_map(|h| h.deadline)
        .max()
        .unwrap_or(as_of)
        .max(as_of);
    let (ctx, note) = statement_of(&c, cur, &histories, (as_of, deadline), company, rates);
    let letter = render(&ctx, config_templates().as_deref())?;
    let pdf = Some(super::pdf::pdf(&ctx, &letter)?);
    Ok(Composed {
        client: c,
        kind: LetterKind::Statement,
        logs: ActivityKind::Statement,
        reason: None,
        level: None,
        registered: false,
        channel: Channel::Letter,
        label: "account statement",
        invoices: Vec::new(),
        steps: Vec::new(),
        deadline: as_of,
        standings: Vec::new(),
        letter,
        enclosure: None,
        pdf,
        penalty_note: note,
        held: None,
    })
}

/// The statement of account enclosed with a letter: every open invoice of
/// `client` in `currency` as of `as_of`, with the letter's `deadline`.
pub(super) fn statement_context(
    conn: &Snapshot,
    client: &str,
    currency: crate::domain::currency::Currency,
    as_of: NaiveDate,
    deadline: NaiveDate,
    company: &CompanyConfig,
    rates: &RateTables,
) -> Result<LetterContext, ComposeError> {
    let mut histories = Vec::new();
    for l in crate::store::aging::for_client(conn, as_of, client)? {
        if let Some(h) = history(conn, &l.invoice, as_of)?
            && h.stored.invoice.amount.currency == currency
        {
            histories.push(h);
        }
    }
    let Some(c) = histories.first().map(|h| h.client.clone()) else {
        return Err(ComposeError::NoLetter(format!(
            "{client} owes nothing in {currency}: no statement to enclose"
        )));
    };
    Ok(statement_of(&c, currency, &histories, (as_of, deadline), company, rates).0)
}

/// A statement of `histories` (the client's open invoices in `currency`)
/// as of `as_of`, asking for the overdue ones by `deadline`, with the
/// penalties it knows, or saying its balance excludes them.
fn statement_of(
    client: &Client,
    currency: crate::domain::currency::Currency,
    histories: &[InvoiceHistory],
    dates: (NaiveDate, NaiveDate),
    company: &CompanyConfig,
    rates: &RateTables,
) -> (LetterContext, Option<String>) {
    let (as_of, deadline) = dates;
    let mut ctx = LetterContext::new(
        LetterKind::Statement,
        Writing::for_client(client),
        as_of,
        deadline,
        CompanyDetails::from_config(company),
        client_details(client),
    )
    .with_law(client.country.as_deref().and_then(Law::for_country));
    let overdue = histories.iter().any(|h| h.stored.invoice.due_on < as_of);
    let Lines {
        lines,
        penalties,
        note,
        excluded,
        contractual,
    } = invoice_lines(histories, as_of, rates, overdue);
    let total = histories.iter().map(InvoiceHistory::outstanding).sum();
    ctx = ctx.with_invoices(lines, Money::new(total, currency));
    if let Some(p) = penalties {
        ctx = ctx.with_penalties(p);
    }
    if excluded {
        ctx = ctx.excluding_penalties();
    }
    if contractual {
        ctx = ctx.under_contract();
    }
    (ctx, note)
}
