//! The letters of a client's routine: the pilot-end notice, the deposit request and the visit confirmation.

use crate::store::Snapshot;
use chrono::{Days, NaiveDate};

use super::addressee::{client_details, config_templates};
use super::compose::{ComposeError, Composed};
use super::context::{CompanyDetails, InvoiceLine, LetterContext};
use super::kind::{Law, LetterKind};
use super::render::render;
use super::writing::Writing;
use crate::config::CompanyConfig;
use crate::domain::activity::ActivityKind;
use crate::domain::client::Client;
use crate::domain::ladder::Channel;
use crate::domain::money::Money;
use crate::domain::promise::{asked, last_unkept};
use crate::store::invoice_history::{InvoiceHistory, history};

/// A notice that the free pilot period of `client_code` ends, dated
/// `as_of`, inviting the client to reply within `deadline_days` (and
/// before the period ends) to continue.
pub fn compose_pilot_end(
    conn: &Snapshot,
    client_code: &str,
    as_of: NaiveDate,
    company: &CompanyConfig,
    deadline_days: u32,
) -> Result<Composed, ComposeError> {
    let client = find_client(conn, client_code)?;
    let Some(ends_on) = client.pilot_ends_on else {
        return Err(ComposeError::NoLetter(format!(
            "{client_code} has no pilot period"
        )));
    };
    if ends_on < as_of {
        return Err(ComposeError::NoLetter(format!(
            "the pilot period of {client_code} ended on {ends_on}"
        )));
    }
    let deadline = after(as_of, deadline_days).min(ends_on);
    let ctx = context(
        LetterKind::PilotEndNotice,
        &client,
        as_of,
        deadline,
        company,
    )
    .with_pilot(ends_on);
    let letter = render(&ctx, config_templates().as_deref())?;
    let pdf = Some(super::pdf::pdf(&ctx, &letter)?);
    Ok(composed(
        client,
        LetterKind::PilotEndNotice,
        "pilot-end notice",
        letter,
        pdf,
        deadline,
    ))
}

/// A request to pay the deposit invoices `invoice_numbers` of
/// `client_code` (every open deposit of the client when the list is
/// empty) within `deadline_days` of `as_of`.
pub fn compose_deposit_request(
    conn: &Snapshot,
    client_code: &str,
    invoice_numbers: &[String],
    as_of: NaiveDate,
    company: &CompanyConfig,
    deadline_days: u32,
) -> Result<Composed, ComposeError> {
    let client = find_client(conn, client_code)?;
    let numbers: Vec<String> = if invoice_numbers.is_empty() {
        let mut open = Vec::new();
        for l in crate::store::aging::for_client(conn, as_of, client_code)? {
            if history(conn, &l.invoice, as_of)?.is_some_and(|h| h.stored.invoice.is_deposit) {
                open.push(l.invoice);
            }
        }
        open
    } else {
        invoice_numbers.to_vec()
    };
    let mut histories = Vec::new();
    for n in &numbers {
        let h = history(conn, n, as_of)?
            .ok_or_else(|| ComposeError::NoLetter(format!("invoice {n} is gone")))?;
        let inv = &h.stored.invoice;
        let refused = if inv.client_code != client.code {
            Some(format!("invoice {n} is not {client_code}'s"))
        } else if !inv.is_deposit {
            Some(format!("invoice {n} is not a deposit"))
        } else if h.outstanding() <= 0 {
            Some(format!("the deposit {n} is paid"))
        } else {
            None
        };
        if let Some(why) = refused {
            return Err(ComposeError::NoLetter(why));
        }
        histories.push(h);
    }
    let Some(first) = histories.first() else {
        return Err(ComposeError::NoLetter(format!(
            "{client_code} has no unpaid deposit"
        )));
    };
    let cur = first.stored.invoice.amount.currency;
    if histories
        .iter()
        .any(|h| h.stored.invoice.amount.currency != cur)
    {
        return Err(ComposeError::NoLetter(format!(
            "the deposits of {client_code} are in several currencies: one request per currency"
        )));
    }
    let total = histories.iter().map(InvoiceHistory::outstanding).sum();
    let deadline = after(as_of, deadline_days);
    let ctx = context(
        LetterKind::DepositRequest,
        &client,
        as_of,
        deadline,
        company,
    )
    .with_invoices(lines(&histories, as_of), Money::new(total, cur));
    let letter = render(&ctx, config_templates().as_deref())?;
    let pdf = Some(super::pdf::pdf(&ctx, &letter)?);
    let standings = numbers
        .iter()
        .map(|n| crate::store::dunning::invoice_standing(conn, n))
        .collect::<Result<_, _>>()?;
    let mut c = composed(
        client,
        LetterKind::DepositRequest,
        "deposit request",
        letter,
        pdf,
        deadline,
    );
    c.steps = vec![(ActivityKind::Letter, None); numbers.len()];
    c.invoices = numbers;
    c.standings = standings;
    Ok(c)
}

/// Confirms the visit to `client_code` planned on `visit_on`, at the
/// client's address, with the client's overdue invoices in its currency;
/// the client is asked to say by the day before whether the date suits.
pub fn compose_visit_confirmation(
    conn: &Snapshot,
    client_code: &str,
    visit_on: NaiveDate,
    as_of: NaiveDate,
    company: &CompanyConfig,
    ladders: &crate::domain::queue::Ladders,
) -> Result<Composed, ComposeError> {
    let client = find_client(conn, client_code)?;
    if visit_on < as_of {
        return Err(ComposeError::NoLetter(format!(
            "the visit of {visit_on} is past: nothing to confirm"
        )));
    }
    let mut histories = Vec::new();
    for l in crate::store::aging::for_client(conn, as_of, client_code)? {
        if l.due_on < as_of
            && l.currency == client.currency
            && let Some(h) = history(conn, &l.invoice, as_of)?
        {
            histories.push(h);
        }
    }
    let deadline = visit_on.pred_opt().unwrap_or(visit_on).max(as_of);
    let details = client_details(&client);
    let place = details.address.join(", ");
    let mut ctx = context(
        LetterKind::VisitConfirmation,
        &client,
        as_of,
        deadline,
        company,
    )
    .with_visit(visit_on, "", &place);
    if !histories.is_empty() {
        let total: i64 = histories.iter().map(InvoiceHistory::outstanding).sum();
        ctx = ctx.with_invoices(lines(&histories, as_of), Money::new(total, client.currency));
        // The promise the client has not kept, running or broken, is
        // talked about too.
        let numbers: Vec<String> = histories
            .iter()
            .map(|h| h.stored.invoice.number.clone())
            .collect();
        let book = crate::store::promises::of_client(conn, &client.code, as_of)?;
        let promises = book.about(client.currency, &numbers);
        let grace = ladders.for_profile(client.profile).promise_grace_days;
        if let Some(p) = last_unkept(&promises, &book.invoices, &book.payments, grace, as_of) {
            let amount = Money::new(asked(p, &book.invoices, &book.payments), client.currency);
            ctx = ctx.with_promise(p.made.made_on, p.made.by, amount);
        }
    }
    let letter = render(&ctx, config_templates().as_deref())?;
    let pdf = Some(super::pdf::pdf(&ctx, &letter)?);
    Ok(composed(
        client,
        LetterKind::VisitConfirmation,
        "visit confirmation",
        letter,
        pdf,
        deadline,
    ))
}

fn find_client(conn: &Snapshot, code: &str) -> Result<Client, ComposeError> {
    crate::store::clients::find(conn, code)?
        .map(|(_, c)| c)
        .ok_or_else(|| ComposeError::NoLetter(format!("no client {code}")))
}

/// `days` after `as_of` (as_of itself past the calendar's end).
fn after(as_of: NaiveDate, days: u32) -> NaiveDate {
    as_of
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(as_of)
}

fn context(
    kind: LetterKind,
    client: &Client,
    as_of: NaiveDate,
    deadline: NaiveDate,
    company: &CompanyConfig,
) -> LetterContext {
    LetterContext::new(
        kind,
        Writing::for_client(client),
        as_of,
        deadline,
        CompanyDetails::from_config(company),
        client_details(client),
    )
    .with_law(client.country.as_deref().and_then(Law::for_country))
}

/// A letter that logs one `letter` entry for the client (or, once its
/// invoices are set, for each invoice), with its kind as the reason.
fn composed(
    client: Client,
    kind: LetterKind,
    label: &'static str,
    letter: super::Letter,
    pdf: Option<Vec<u8>>,
    deadline: NaiveDate,
) -> Composed {
    Composed {
        client,
        kind,
        logs: ActivityKind::Letter,
        reason: Some(kind.as_str()),
        level: None,
        registered: false,
        channel: Channel::Letter,
        label,
        invoices: Vec::new(),
        steps: Vec::new(),
        deadline,
        standings: Vec::new(),
        letter,
        enclosure: None,
        pdf,
        penalty_note: None,
        held: None,
    }
}

fn lines(histories: &[InvoiceHistory], as_of: NaiveDate) -> Vec<InvoiceLine> {
    histories
        .iter()
        .map(|h| {
            let inv = &h.stored.invoice;
            let line = InvoiceLine::new(
                Writing::for_client(&h.client),
                as_of,
                &inv.number,
                inv.issued_on,
                inv.due_on,
                inv.amount,
                Money::new(h.outstanding(), inv.amount.currency),
            )
            .with_payment_reference(h.stored.payment_reference.as_deref())
            .as_deposit(inv.is_deposit);
            match &inv.milestone {
                Some(m) => line.with_milestone(m),
                None => line,
            }
        })
        .collect()
}
