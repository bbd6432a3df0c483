//! Invoice files: each line an invoice; its client is created when new; a
//! settled date becomes a full payment on that date; a disputed flag a dispute.

use std::collections::HashMap;
use std::sync::mpsc;

use chrono::{Days, NaiveDate};

use super::error::ImportError;
use super::headers::Field;
use super::table::{Row, Table};
use super::{ImportOptions, ImportSummary};
use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::client::{Client, Profile, country_code};
use crate::domain::currency::Currency;
use crate::domain::invoice::Invoice;
use crate::domain::language::Language;
use crate::domain::money::Money;
use crate::domain::payment::{Payment, PaymentMethod};
use crate::store::{self, Store};

struct Line {
    line: u64,
    invoice: Invoice,
    client_name: Option<String>,
    country: Option<String>,
    language: Option<Language>,
    profile: Option<Profile>,
    settled_on: Option<NaiveDate>,
    disputed: bool,
}

pub fn import(
    store: &mut Store,
    table: &Table,
    opts: &ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let mut summary = ImportSummary {
        lines: table.rows.len(),
        ..ImportSummary::default()
    };
    let use_country = country_column_usable(table, &mut summary)?;
    if !table.has(Field::DueOn) {
        summary.warnings.push(format!(
            "{}: no due date column; each due date is the invoice date + {DEFAULT_TERMS} days",
            table.file
        ));
    }
    // Lines are read and checked on one thread while the other writes them,
    // in file order, inside the one transaction; the first error of either
    // stops both and nothing is committed.
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Result<Vec<Line>, ImportError>>(16);
        scope.spawn(move || read_lines(table, opts, use_country, &send));
        store.write_rows(table.rows.len(), |tx| {
            let mut clients: HashMap<String, i64> = HashMap::new();
            for batch in receive {
                for l in &batch? {
                    write_line(tx, l, opts, &mut clients, &mut summary, &table.file)?;
                }
            }
            Ok::<_, ImportError>(())
        })
    })?;
    Ok(summary)
}

/// Payment terms assumed when a file has no due dates.
const DEFAULT_TERMS: u64 = 30;

/// Lines per batch handed from the reading thread to the writing one.
const BATCH: usize = 4096;

/// Parses every line, refusing an invoice number seen twice, and sends them
/// on in batches; stops at the first error (sent on) or when the writer has
/// stopped listening.
fn read_lines(
    table: &Table,
    opts: &ImportOptions,
    use_country: bool,
    send: &mpsc::SyncSender<Result<Vec<Line>, ImportError>>,
) {
    let mut seen: HashMap<&str, u64> = HashMap::with_capacity(table.rows.len());
    let mut batch = Vec::with_capacity(BATCH);
    for row in table.rows() {
        let checked = parse(&row, opts, use_country).and_then(|line| {
            let number = row.key(Field::InvoiceNumber)?;
            match seen.insert(number, row.line) {
                Some(first) => Err(row.error(
                    Field::InvoiceNumber,
                    format!(
                        "invoice {number} appears twice in the file (lines {first} and {})",
                        row.line
                    ),
                )),
                None => Ok(line),
            }
        });
        match checked {
            Ok(line) => batch.push(line),
            Err(e) => {
                // The lines before it first: an error the writer finds on an
                // earlier line is the one to report.
                if send.send(Ok(std::mem::take(&mut batch))).is_ok() {
                    let _ = send.send(Err(e));
                }
                return;
            }
        }
        if batch.len() == BATCH && send.send(Ok(std::mem::take(&mut batch))).is_err() {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = send.send(Ok(batch));
    }
}

/// A country column is used when its values are ISO 3166 codes; a column of
/// something else (numeric region codes, say) is reported and ignored.
fn country_column_usable(table: &Table, summary: &mut ImportSummary) -> Result<bool, ImportError> {
    if !table.has(Field::Country) {
        return Ok(false);
    }
    let values: Vec<(u64, &str)> = table
        .rows()
        .filter_map(|r| r.get(Field::Country).map(|v| (r.line, v)))
        .collect();
    let iso = values
        .iter()
        .filter(|(_, v)| country_code(v).is_some())
        .count();
    if iso == values.len() {
        return Ok(true);
    }
    if iso == 0 {
        let col = table
            .map
            .index(Field::Country)
            .and_then(|c| table.headers.get(c));
        summary.warnings.push(format!(
            "{}: column {}: values such as {:?} are not ISO 3166 country codes; ignored",
            table.file,
            col.map_or("country", String::as_str),
            values.first().map_or("", |(_, v)| v)
        ));
        return Ok(false);
    }
    let bad = values.iter().find(|(_, v)| country_code(v).is_none());
    let row = table.rows().find(|r| Some(r.line) == bad.map(|(l, _)| *l));
    Err(match (row, bad) {
        (Some(r), Some((_, v))) => r.error(
            Field::Country,
            format!("{v:?} is not an ISO 3166 country code (FR, NO, ES, GB…)"),
        ),
        _ => ImportError::File {
            file: table.file.clone(),
            reason: "bad country column".into(),
        },
    })
}

fn parse(row: &Row<'_>, opts: &ImportOptions, use_country: bool) -> Result<Line, ImportError> {
    let number = row.key(Field::InvoiceNumber)?;
    let client_code = row.key(Field::ClientCode)?;
    let currency = row.currency(opts.currency)?;
    let issued_on = row.required_date(Field::IssuedOn)?;
    let amount = row
        .amount(Field::Amount, currency)?
        .ok_or_else(|| row.error(Field::Amount, "is empty"))?;
    if amount <= 0 {
        return Err(row.error(
            Field::Amount,
            "must be more than zero (import credit notes as payments against the invoice)",
        ));
    }
    let due_on = match row.date(Field::DueOn)? {
        Some(d) => d,
        None => issued_on
            .checked_add_days(Days::new(DEFAULT_TERMS))
            .unwrap_or(issued_on),
    };
    if due_on < issued_on {
        return Err(row.error(
            Field::DueOn,
            format!("{due_on} is before the invoice date {issued_on}"),
        ));
    }
    let settled_on = row.date(Field::SettledOn)?;
    if let Some(s) = settled_on {
        if s < issued_on {
            return Err(row.error(
                Field::SettledOn,
                format!("{s} is before the invoice date {issued_on}"),
            ));
        }
        if s > opts.today {
            return Err(row.error(
                Field::SettledOn,
                format!("{s} is after today ({})", opts.today),
            ));
        }
    }
    let language = match row.get(Field::Language) {
        Some(v) => Some(Language::parse(v).ok_or_else(|| {
            row.error(
                Field::Language,
                format!("{v:?} is not a language dun writes (en, fr, nb, es)"),
            )
        })?),
        None => None,
    };
    let profile = match row.get(Field::Profile) {
        Some(v) => Some(Profile::parse(v).ok_or_else(|| {
            row.error(
                Field::Profile,
                format!("{v:?} is not administration, business or individual"),
            )
        })?),
        None => None,
    };
    Ok(Line {
        line: row.line,
        invoice: Invoice {
            number: number.to_string(),
            client_code: client_code.to_string(),
            issued_on,
            due_on,
            amount: Money::new(amount, currency),
            milestone: row.text(Field::Milestone),
            is_deposit: row.flag(Field::IsDeposit)?,
        },
        client_name: row.text(Field::ClientName),
        country: if use_country {
            row.get(Field::Country).and_then(country_code)
        } else {
            None
        },
        language,
        profile,
        settled_on,
        disputed: row.flag(Field::Disputed)?,
    })
}

fn write_line(
    tx: &crate::store::Snapshot,
    l: &Line,
    opts: &ImportOptions,
    clients: &mut HashMap<String, i64>,
    summary: &mut ImportSummary,
    file: &str,
) -> Result<(), ImportError> {
    let at_line = |reason: String| ImportError::Line {
        file: file.to_string(),
        line: l.line,
        reason,
    };
    let inv = &l.invoice;
    let client_id = match clients.get(&inv.client_code) {
        Some(id) => *id,
        None => {
            let id = match store::clients::find(tx, &inv.client_code)? {
                Some((id, _)) => id,
                None => {
                    summary.clients_created += 1;
                    store::clients::insert(tx, &new_client(l))?
                }
            };
            clients.insert(inv.client_code.clone(), id);
            id
        }
    };
    let settlement = |amount: i64| {
        l.settled_on
            .filter(|_| amount > 0)
            .map(|received_on| Payment {
                invoice_number: inv.number.clone(),
                received_on,
                amount,
                method: PaymentMethod::Other,
                reference: None,
            })
    };
    let new_payment = settlement(inv.amount.minor);
    let inserted =
        store::invoices::insert_paid(tx, client_id, inv, new_payment.as_slice(), &opts.user)?;
    match inserted {
        Some(id) => {
            summary.invoices_created += 1;
            summary.payments_recorded += new_payment.iter().count();
            if l.disputed {
                let mut a = Activity::new(
                    ActivityKind::Dispute,
                    &inv.client_code,
                    opts.now,
                    opts.today,
                    &opts.user,
                );
                a.invoice_number = Some(inv.number.clone());
                a.note = "marked as disputed in the imported file".to_string();
                store::activities::insert(tx, client_id, Some(id), Some(inv.amount.currency), &a)?;
                summary.disputes_recorded += 1;
            }
        }
        None => {
            let existing = store::invoices::find(tx, &inv.number)?.ok_or_else(|| {
                at_line(format!("invoice {} vanished while importing", inv.number))
            })?;
            if let Some(diff) = difference(&existing.invoice, inv) {
                return Err(at_line(format!(
                    "invoice {} is already in the database with {diff}; correct it there or in the file",
                    inv.number
                )));
            }
            summary.invoices_unchanged += 1;
            // Settled since the last import: pay what is left, once (a
            // re-import then finds nothing left to pay).
            if let Some(p) = settlement(existing.outstanding()) {
                if existing.invoice.issued_on > p.received_on {
                    return Err(at_line(format!(
                        "settled on {} before it was issued",
                        p.received_on
                    )));
                }
                store::payments::insert(
                    tx,
                    existing.id,
                    &p,
                    inv.amount.currency,
                    None,
                    &opts.user,
                )?;
                summary.payments_recorded += 1;
            }
        }
    }
    Ok(())
}

fn new_client(l: &Line) -> Client {
    let inv = &l.invoice;
    let mut c = Client::with_code(&inv.client_code, inv.amount.currency);
    if let Some(name) = &l.client_name {
        c.name = name.clone();
    }
    c.country = l.country.clone();
    c.language = l
        .language
        .unwrap_or_else(|| language_of(c.country.as_deref()));
    c.profile = l.profile.unwrap_or(Profile::Business);
    c.terms_days = u32::try_from((inv.due_on - inv.issued_on).num_days()).unwrap_or(30);
    c
}

/// The language letters go out in by default for a country.
pub fn language_of(country: Option<&str>) -> Language {
    match country {
        Some("FR" | "BE" | "LU" | "MC" | "CH") => Language::Fr,
        Some("NO") => Language::Nb,
        Some("ES" | "MX" | "AR" | "CO" | "CL" | "PE") => Language::Es,
        _ => Language::En,
    }
}

/// The usual currency of a country, for clients imported without one.
pub fn currency_of(country: Option<&str>) -> Option<Currency> {
    let code = match country? {
        "NO" => "NOK",
        "GB" => "GBP",
        "US" => "USD",
        "SE" => "SEK",
        "DK" => "DKK",
        "CH" => "CHF",
        "FR" | "ES" | "DE" | "IT" | "PT" | "BE" | "NL" | "LU" | "IE" | "AT" | "FI" | "GR" => "EUR",
        _ => return None,
    };
    Currency::from_code(code).ok()
}

/// How a stored invoice differs from the file's, in words; `None` when the same.
fn difference(stored: &Invoice, file: &Invoice) -> Option<String> {
    if stored.client_code != file.client_code {
        return Some(format!(
            "client {} (the file says {})",
            stored.client_code, file.client_code
        ));
    }
    if stored.amount != file.amount {
        return Some(format!(
            "amount {} (the file says {})",
            stored.amount, file.amount
        ));
    }
    if stored.issued_on != file.issued_on {
        return Some(format!(
            "invoice date {} (the file says {})",
            stored.issued_on, file.issued_on
        ));
    }
    if stored.due_on != file.due_on {
        return Some(format!(
            "due date {} (the file says {})",
            stored.due_on, file.due_on
        ));
    }
    None
}
