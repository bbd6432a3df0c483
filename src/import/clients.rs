//! Client files: each line a client, created when new and updated when the
//! file says something else. An update changes only what the file has a
//! column for; the same file twice changes nothing.

use std::collections::HashMap;

use super::error::ImportError;
use super::headers::Field;
use super::invoices::{currency_of, language_of};
use super::table::{Row, Table};
use super::{ImportOptions, ImportSummary};
use crate::domain::client::{Client, Rating};
use crate::domain::client_field as rule;
use crate::domain::currency::Currency;
use crate::domain::text::printable;
use crate::store::{self, Store};

pub fn import(
    store: &mut Store,
    table: &Table,
    opts: &ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let mut summary = ImportSummary {
        lines: table.rows.len(),
        ..ImportSummary::default()
    };
    store.write(|tx| {
        let mut seen: HashMap<&str, u64> = HashMap::new();
        for row in table.rows() {
            let code = row.key(Field::ClientCode)?;
            if let Some(first) = seen.insert(code, row.line) {
                return Err(row.error(
                    Field::ClientCode,
                    format!(
                        "client {code} appears twice in the file (lines {first} and {})",
                        row.line
                    ),
                ));
            }
            match store::clients::find(tx, code)? {
                None => {
                    store::clients::insert(tx, &read(&row, opts, None)?)?;
                    summary.clients_created += 1;
                }
                Some((_, existing)) => {
                    let updated = read(&row, opts, Some(&existing))?;
                    if updated == existing {
                        summary.clients_unchanged += 1;
                    } else {
                        store::clients::update(tx, &updated)?;
                        summary.clients_updated += 1;
                    }
                }
            }
        }
        Ok::<_, ImportError>(())
    })?;
    Ok(summary)
}

/// The client a line describes: the fields the file has a column for, the
/// rest kept from `existing` (or the defaults of a new client).
fn read(
    row: &Row<'_>,
    opts: &ImportOptions,
    existing: Option<&Client>,
) -> Result<Client, ImportError> {
    let has = |f: Field| row.has(f);
    let code = row.key(Field::ClientCode)?;
    let country = if has(Field::Country) {
        match row.get(Field::Country) {
            Some(v) => Some(rule::country(v).map_err(|e| row.error(Field::Country, e))?),
            None => None,
        }
    } else {
        existing.and_then(|c| c.country.clone())
    };
    let currency: Currency = match (row.get(Field::Currency), existing) {
        (Some(_), _) => row.currency(None)?,
        (None, Some(c)) => c.currency,
        (None, None) => currency_of(country.as_deref())
            .or(opts.currency)
            .ok_or_else(|| {
                row.error(
                    Field::Currency,
                    "no currency for this client; add a currency column or give --currency",
                )
            })?,
    };
    let mut c = match existing {
        Some(e) => e.clone(),
        None => {
            let mut c = Client::with_code(code, currency);
            c.language = language_of(country.as_deref());
            c
        }
    };
    if let Some(e) = existing
        .filter(|e| e.currency != currency && e.credit_limit.is_some() && !has(Field::CreditLimit))
    {
        return Err(row.error(
            Field::Currency,
            format!(
                "{currency} differs from the client's {}, which its credit limit is in; give the credit limit in {currency} too",
                e.currency
            ),
        ));
    }
    c.currency = currency;
    c.country = country;
    if has(Field::ClientName) {
        c.name = printable(row.required(Field::ClientName)?).into_owned();
    } else if existing.is_none() {
        return Err(row.error(Field::ClientName, "a new client needs a name"));
    }
    if let Some(v) = row.get(Field::Profile) {
        c.profile = rule::profile(v).map_err(|e| row.error(Field::Profile, e))?;
    }
    if let Some(v) = row.get(Field::Language) {
        c.language = rule::language(v).map_err(|e| row.error(Field::Language, e))?;
    }
    if has(Field::TermsDays) {
        c.terms_days = match row.get(Field::TermsDays) {
            Some(v) => rule::terms_days(v).map_err(|e| row.error(Field::TermsDays, e))?,
            None => 30,
        };
    }
    if has(Field::DepositPct) {
        c.deposit_pct = match row.get(Field::DepositPct) {
            Some(v) => rule::deposit_pct(v).map_err(|e| row.error(Field::DepositPct, e))?,
            None => 0,
        };
    }
    // The rating follows the solvency notes: a file sets it, never clears it.
    if let Some(v) = row.get(Field::Rating) {
        c.rating = Some(Rating::parse(v).ok_or_else(|| {
            row.error(Field::Rating, format!("{v:?} is not a rating A, B, C or D"))
        })?);
    }
    if has(Field::Email) {
        c.email = match row.get(Field::Email) {
            Some(v) => Some(rule::email(v).map_err(|e| row.error(Field::Email, e))?),
            None => None,
        };
    }
    if has(Field::CreditLimit) {
        c.credit_limit = match row.amount(Field::CreditLimit, currency)? {
            Some(l) => Some(rule::not_negative(l).map_err(|e| row.error(Field::CreditLimit, e))?),
            None => None,
        };
    }
    if has(Field::Phone) {
        c.phone = row.text(Field::Phone);
    }
    if has(Field::Address) {
        c.address = row.lines(Field::Address);
    }
    if has(Field::ContactName) {
        c.contact_name = row.text(Field::ContactName);
    }
    if has(Field::ContactTitle) {
        c.contact_title = match row.get(Field::ContactTitle) {
            Some(v) => rule::title(v).map_err(|e| row.error(Field::ContactTitle, e))?,
            None => None,
        };
    }
    if has(Field::Clerk) {
        c.clerk = row.text(Field::Clerk);
    }
    if has(Field::PilotEndsOn) {
        c.pilot_ends_on = row.date(Field::PilotEndsOn)?;
    }
    if has(Field::HoldUntil) {
        c.hold_until = row.date(Field::HoldUntil)?;
    }
    // Contractual late-payment terms, which replace the law's.
    if has(Field::LateRate) {
        c.late_rate = match row.get(Field::LateRate) {
            Some(v) => {
                let t = v.trim_end_matches(['%', ' ']).replace(',', ".");
                let rate = t
                    .parse::<rust_decimal::Decimal>()
                    .ok()
                    .filter(|r| !r.is_sign_negative() && *r <= rust_decimal::Decimal::from(100))
                    .ok_or_else(|| {
                        row.error(
                            Field::LateRate,
                            format!("{v:?} is not an annual rate in % (0–100)"),
                        )
                    })?;
                Some(rate)
            }
            None => None,
        };
    }
    if has(Field::LateFee) {
        c.late_fee = match row.amount(Field::LateFee, currency)? {
            Some(f) => Some(rule::not_negative(f).map_err(|e| row.error(Field::LateFee, e))?),
            None => None,
        };
    }
    Ok(c)
}
