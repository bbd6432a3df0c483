//! Payment files: each line a payment against an invoice already known.
//! A line is identified by invoice, date, amount, reference and its rank
//! among identical lines, so a re-import of the same file records nothing.

use std::collections::HashMap;

use super::error::ImportError;
use super::headers::Field;
use super::table::Table;
use super::{ImportOptions, ImportSummary};
use crate::domain::money::Money;
use crate::domain::payment::{Payment, PaymentMethod};
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
    store.write_rows(table.rows.len(), |tx| {
        let mut ranks: HashMap<String, u32> = HashMap::new();
        for row in table.rows() {
            let number = row.key(Field::InvoiceNumber)?;
            let Some(invoice) = store::invoices::find(tx, number)? else {
                return Err(row.error(
                    Field::InvoiceNumber,
                    format!("unknown invoice {number}; import the invoice first"),
                ));
            };
            // A client named on the line must be the invoice's: otherwise the
            // invoice number is likely mistyped.
            if let Some(code) = row.get(Field::ClientCode)
                && code != invoice.invoice.client_code
            {
                let reason = match store::clients::find(tx, code)? {
                    Some(_) => format!(
                        "invoice {number} is client {}'s, not {code}'s",
                        invoice.invoice.client_code
                    ),
                    None => format!("unknown client {code}; import the client or its invoices first"),
                };
                return Err(row.error(Field::ClientCode, reason));
            }
            let currency = invoice.invoice.amount.currency;
            if let Some(c) = row.get(Field::Currency) {
                let given = row.currency(None)?;
                if given != currency {
                    return Err(row.error(
                        Field::Currency,
                        format!("{c} differs from the currency of invoice {number} ({currency})"),
                    ));
                }
            }
            if let Some(given) = opts
                .currency
                .filter(|c| *c != currency && row.get(Field::Currency).is_none())
            {
                return Err(row.error(
                    Field::Currency,
                    format!("--currency {given} differs from the currency of invoice {number} ({currency})"),
                ));
            }
            let received_on = row.required_date(Field::ReceivedOn)?;
            if received_on < invoice.invoice.issued_on {
                return Err(row.error(
                    Field::ReceivedOn,
                    format!("{received_on} is before invoice {number} was issued ({})", invoice.invoice.issued_on),
                ));
            }
            if received_on > opts.today {
                return Err(row.error(
                    Field::ReceivedOn,
                    format!("{received_on} is after today ({})", opts.today),
                ));
            }
            let amount = row
                .amount(Field::Amount, currency)?
                .ok_or_else(|| row.error(Field::Amount, "is empty"))?;
            if amount <= 0 {
                return Err(row.error(Field::Amount, "must be more than zero"));
            }
            let reference = row.text(Field::Reference);
            let base = format!(
                "payment:{number}|{received_on}|{amount}|{}",
                reference.as_deref().unwrap_or("")
            );
            let rank = ranks.entry(base.clone()).or_insert(0);
            *rank += 1;
            let key = format!("{base}|{rank}");
            if store::payments::has_import_key(tx, &key)? {
                summary.payments_already_there += 1;
                continue;
            }
            let open = invoice.outstanding();
            if amount > open {
                return Err(row.error(
                    Field::Amount,
                    format!(
                        "{} is more than the {} still due on invoice {number}",
                        Money::new(amount, currency),
                        Money::new(open, currency)
                    ),
                ));
            }
            let payment = Payment {
                invoice_number: number.to_string(),
                received_on,
                amount,
                method: row
                    .get(Field::Method)
                    .map_or(PaymentMethod::Transfer, PaymentMethod::parse),
                reference,
            };
            store::payments::insert(tx, invoice.id, &payment, currency, Some(&key), &opts.user)?;
            summary.payments_recorded += 1;
        }
        Ok(())
    })?;
    Ok(summary)
}
