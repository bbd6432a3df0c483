//! What the evidence file holds, read in one transaction.

use std::collections::BTreeSet;

use crate::store::Snapshot;
use chrono::NaiveDate;

use crate::domain::client::Client;
use crate::domain::penalty::RateTables;
use crate::report::invoice::{InvoiceReport, report};
use crate::store::StoreError;
use crate::store::invoice_history::{InvoiceHistory, history};
use crate::store::journal::{JournalEntry, for_client};

/// A case's evidence as of a date.
#[derive(Clone, Debug)]
pub struct Dossier {
    pub as_of: NaiveDate,
    pub client: Client,
    /// The invoices of the case, oldest due first.
    pub invoices: Vec<CaseInvoice>,
    /// The journal entries of the case (the client's own and its
    /// invoices'), oldest first.
    pub journal: Vec<JournalEntry>,
}

/// One invoice of the case with its report as of the day.
#[derive(Clone, Debug)]
pub struct CaseInvoice {
    pub history: InvoiceHistory,
    pub report: InvoiceReport,
}

#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error("no client {0}")]
    NoClient(String),
    #[error("no invoice {0}")]
    NoInvoice(String),
    #[error("invoice {invoice} is {owner}'s, not {client}'s")]
    OtherClient {
        invoice: String,
        owner: String,
        client: String,
    },
    #[error("invoice {invoice} was issued on {issued}, after {as_of}")]
    NotYetIssued {
        invoice: String,
        issued: NaiveDate,
        as_of: NaiveDate,
    },
    #[error("{0} owes nothing overdue on {1}: name the invoices with --invoice")]
    Nothing(String, NaiveDate),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// The evidence of `client`'s case as of `as_of`: the invoices named, or
/// every invoice of the client overdue that day.
pub fn gather(
    conn: &Snapshot,
    client: &str,
    invoices: &[String],
    as_of: NaiveDate,
    rates: &RateTables,
) -> Result<Dossier, DossierError> {
    let (_, found) = crate::store::clients::find(conn, client)?
        .ok_or_else(|| DossierError::NoClient(client.to_string()))?;
    let numbers: Vec<String> = if invoices.is_empty() {
        crate::store::aging::for_client(conn, as_of, &found.code)?
            .into_iter()
            .filter(|l| l.due_on < as_of && l.outstanding > 0)
            .map(|l| l.invoice)
            .collect()
    } else {
        invoices.to_vec()
    };
    let mut seen = BTreeSet::new();
    let mut case = Vec::new();
    for n in numbers {
        if !seen.insert(n.clone()) {
            continue;
        }
        let h = history(conn, &n, as_of)?.ok_or_else(|| DossierError::NoInvoice(n.clone()))?;
        if h.client.code != found.code {
            return Err(DossierError::OtherClient {
                invoice: n,
                owner: h.client.code.clone(),
                client: found.code.clone(),
            });
        }
        if h.stored.invoice.issued_on > as_of {
            return Err(DossierError::NotYetIssued {
                invoice: n,
                issued: h.stored.invoice.issued_on,
                as_of,
            });
        }
        let report = report(&h, as_of, rates);
        case.push(CaseInvoice { history: h, report });
    }
    if case.is_empty() {
        return Err(DossierError::Nothing(found.code.clone(), as_of));
    }
    case.sort_by(|a, b| {
        let key = |c: &CaseInvoice| {
            (
                c.history.stored.invoice.due_on,
                c.history.stored.invoice.number.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let numbers: BTreeSet<&str> = case
        .iter()
        .map(|c| c.history.stored.invoice.number.as_str())
        .collect();
    let mut journal: Vec<JournalEntry> = for_client(conn, &found.code, u32::MAX)?
        .into_iter()
        .filter(|e| e.on <= as_of)
        .filter(|e| e.invoice.as_deref().is_none_or(|n| numbers.contains(n)))
        .collect();
    journal.reverse();
    Ok(Dossier {
        as_of,
        client: found,
        invoices: case,
        journal,
    })
}
