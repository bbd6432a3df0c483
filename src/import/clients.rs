//! Client files: each line a client, created when new and updated when the
//! file says something else; the same file twice changes nothing.

use std::collections::HashMap;

use super::error::ImportError;
use super::headers::Field;
use super::invoices::{currency_of, language_of};
use super::table::{Row, Table};
use super::{ImportOptions, ImportSummary};
use crate::domain::client::{Client, Profile, Rating, country_code};
use crate::domain::currency::Currency;
use crate::domain::language::Language;
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
    let mut parsed = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in table.rows() {
        let client = parse(&row, opts)?;
        if let Some(first) = seen.insert(client.code.clone(), row.line) {
            return Err(row.error(
                Field::ClientCode,
                format!(
                    "client {} appears twice in the file (lines {first} and {})",
                    client.code, row.line
                ),
            ));
        }
        parsed.push(client);
    }
    store.write(|tx| {
        for c in &parsed {
            match store::clients::find(tx, &c.code)? {
                None => {
                    store::clients::insert(tx, c)?;
                    summary.clients_created += 1;
                }
                Some((_, existing)) => {
                    // The rating follows the solvency notes; a file does not override it.
                    let mut merged = c.clone();
                    if merged.rating.is_none() {
                        merged.rating = existing.rating;
                    }
                    if merged == existing {
                        summary.clients_unchanged += 1;
                    } else {
                        store::clients::update(tx, &merged)?;
                        summary.clients_updated += 1;
                    }
                }
            }
        }
        Ok::<_, ImportError>(())
    })?;
    Ok(summary)
}

fn parse(row: &Row<'_>, opts: &ImportOptions) -> Result<Client, ImportError> {
    let code = row.required(Field::ClientCode)?;
    if code.chars().count() > 64 {
        return Err(row.error(Field::ClientCode, "is longer than 64 characters"));
    }
    let country = match row.get(Field::Country) {
        Some(v) => Some(country_code(v).ok_or_else(|| {
            row.error(
                Field::Country,
                format!("{v:?} is not an ISO 3166 country code (FR, NO, ES, GB…)"),
            )
        })?),
        None => None,
    };
    let currency: Currency = match row.get(Field::Currency) {
        Some(_) => row.currency(None)?,
        None => currency_of(country.as_deref())
            .or(opts.currency)
            .ok_or_else(|| {
                row.error(
                    Field::Currency,
                    "no currency for this client; add a currency column or give --currency",
                )
            })?,
    };
    let profile = match row.get(Field::Profile) {
        Some(v) => Profile::parse(v).ok_or_else(|| {
            row.error(
                Field::Profile,
                format!("{v:?} is not administration, business or individual"),
            )
        })?,
        None => Profile::Business,
    };
    let language = match row.get(Field::Language) {
        Some(v) => Language::parse(v).ok_or_else(|| {
            row.error(
                Field::Language,
                format!("{v:?} is not a language dun writes (en, fr, nb, es)"),
            )
        })?,
        None => language_of(country.as_deref()),
    };
    let terms_days = match row.get(Field::TermsDays) {
        Some(v) => v
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= 365)
            .ok_or_else(|| {
                row.error(
                    Field::TermsDays,
                    format!("{v:?} is not a number of days (0–365)"),
                )
            })?,
        None => 30,
    };
    let deposit_pct = match row.get(Field::DepositPct) {
        Some(v) => v
            .trim_end_matches(['%', ' '])
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= 100)
            .ok_or_else(|| {
                row.error(
                    Field::DepositPct,
                    format!("{v:?} is not a percentage (0–100)"),
                )
            })?,
        None => 0,
    };
    let rating = match row.get(Field::Rating) {
        Some(v) => Some(Rating::parse(v).ok_or_else(|| {
            row.error(Field::Rating, format!("{v:?} is not a rating A, B, C or D"))
        })?),
        None => None,
    };
    let email = row.get(Field::Email).map(str::to_string);
    if let Some(e) = email
        .as_ref()
        .filter(|e| !e.contains('@') || e.contains(char::is_whitespace))
    {
        return Err(row.error(Field::Email, format!("{e:?} is not an email address")));
    }
    let credit_limit = row.amount(Field::CreditLimit, currency)?;
    if credit_limit.is_some_and(|l| l < 0) {
        return Err(row.error(Field::CreditLimit, "cannot be negative"));
    }
    Ok(Client {
        code: code.to_string(),
        name: row.required(Field::ClientName)?.to_string(),
        profile,
        language,
        country,
        phone: row.get(Field::Phone).map(str::to_string),
        email,
        address: row.get(Field::Address).map(str::to_string),
        terms_days,
        credit_limit,
        currency,
        deposit_pct,
        rating,
        clerk: row.get(Field::Clerk).map(str::to_string),
        pilot_ends_on: row.date(Field::PilotEndsOn)?,
        hold_until: row.date(Field::HoldUntil)?,
    })
}
