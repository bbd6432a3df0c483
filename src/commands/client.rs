//! `dun client edit CODE --FIELD VALUE…` and `dun client add CODE --name …`:
//! a client's file changed or created from a script, with the checks of a
//! clients import, in one write transaction journaled old → new.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::text::printable;
use crate::record::client::{Change, ClientEdit, ClientField, ClientSaved, NewClient, add, edit};
use crate::store::Store;

/// The fields of a client's file, one flag each: only those given change
/// (an empty value clears a field that may be empty).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ClientFields {
    /// The client's name.
    #[arg(long)]
    pub name: Option<String>,
    /// The person letters are addressed to.
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// The contact's title, for the salutation: Mr, Ms, Mrs (M., Mme,
    /// Sr., Sra., Herr, Fru), or empty for none.
    #[arg(long)]
    pub title: Option<String>,
    /// Phone number.
    #[arg(long)]
    pub phone: Option<String>,
    /// E-mail address letters are sent to.
    #[arg(long)]
    pub email: Option<String>,
    /// Postal address, its lines separated by a newline or `|`.
    #[arg(long, value_name = "LINES")]
    pub address: Option<String>,
    /// Language of the letters: en, fr, nb or es.
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// Country, an ISO 3166 code (FR, NO, ES, GB…): its law applies.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// administration, business or individual.
    #[arg(long)]
    pub profile: Option<String>,
    /// Payment terms in days (0–365).
    #[arg(long, value_name = "DAYS")]
    pub terms: Option<String>,
    /// Credit limit in the client's currency (empty: none).
    #[arg(long, value_name = "AMOUNT")]
    pub credit_limit: Option<String>,
    /// Required deposit, in percent of an order (0–100).
    #[arg(long, value_name = "PCT")]
    pub deposit: Option<String>,
    /// End of the client's free pilot period (YYYY-MM-DD; empty: none).
    #[arg(long, value_name = "DATE")]
    pub pilot_end: Option<String>,
    /// No dunning before this date (YYYY-MM-DD; empty: none).
    #[arg(long, value_name = "DATE")]
    pub hold: Option<String>,
    /// The assigned clerk's login.
    #[arg(long, value_name = "LOGIN")]
    pub clerk: Option<String>,
}

impl ClientFields {
    /// The fields given, in the order of [`ClientField::ALL`].
    fn given(&self) -> Vec<(ClientField, String)> {
        let values = [
            &self.name,
            &self.contact,
            &self.title,
            &self.phone,
            &self.email,
            &self.address,
            &self.language,
            &self.country,
            &self.profile,
            &self.terms,
            &self.credit_limit,
            &self.deposit,
            &self.pilot_end,
            &self.hold,
            &self.clerk,
        ];
        ClientField::ALL
            .iter()
            .copied()
            .zip(values)
            .filter_map(|(f, v)| {
                v.as_ref().map(|v| {
                    let v = if f == ClientField::Address {
                        v.replace('|', "\n")
                    } else {
                        v.clone()
                    };
                    (f, v)
                })
            })
            .collect()
    }
}

/// `dun client edit`.
#[derive(Clone, Debug, clap::Args)]
pub struct EditRequest {
    /// The client's code.
    pub code: String,
    #[command(flatten)]
    pub fields: ClientFields,
    /// The value a field had when you looked (FIELD=VALUE, e.g.
    /// email=a@x.fr; repeat for several): the edit is refused if another
    /// clerk changed it meanwhile. Without it, the value read just before.
    #[arg(long, value_name = "FIELD=VALUE")]
    pub was: Vec<String>,
}

/// `dun client add`.
#[derive(Clone, Debug, clap::Args)]
pub struct AddRequest {
    /// The new client's code (unique).
    pub code: String,
    #[command(flatten)]
    pub fields: ClientFields,
    /// The client's currency (default: its country's, e.g. EUR for FR).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
}

pub fn run_edit(
    store: &mut Store,
    req: &EditRequest,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut seen: Vec<(ClientField, String)> = Vec::new();
    for w in &req.was {
        let Some((k, v)) = w.split_once('=') else {
            anyhow::bail!("--was: {w:?} is not FIELD=VALUE (e.g. email=a@x.fr)");
        };
        let Some(f) = ClientField::parse(k) else {
            let keys: Vec<&str> = ClientField::ALL.iter().map(|f| f.key()).collect();
            anyhow::bail!("--was: {k:?} is not a field ({})", keys.join(", "));
        };
        let v = if f == ClientField::Address {
            v.replace('|', "\n")
        } else {
            v.to_string()
        };
        seen.push((f, v));
    }
    let given = req.fields.given();
    if given.is_empty() {
        anyhow::bail!(
            "nothing to change: give the fields to change (--email, --phone…; see --help)"
        );
    }
    if let Some((f, _)) = seen
        .iter()
        .find(|(f, _)| !given.iter().any(|(g, _)| g == f))
    {
        anyhow::bail!("--was {}: that field is not changed here", f.key());
    }
    let changes = given
        .into_iter()
        .map(|(field, new)| Change {
            field,
            seen: seen
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, v)| v.clone()),
            new,
        })
        .collect();
    let e = ClientEdit {
        code: req.code.clone(),
        changes,
    };
    let saved = edit(store, &e, user, today, now)?;
    print(out, &req.code, &saved)
}

pub fn run_add(
    store: &mut Store,
    req: &AddRequest,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let new = NewClient {
        code: req.code.clone(),
        currency: req.currency.clone(),
        fields: req.fields.given(),
    };
    let saved = add(store, &new, user, today, now)?;
    print(out, &req.code, &saved)
}

fn print(out: &mut dyn Write, code: &str, saved: &ClientSaved) -> anyhow::Result<()> {
    match saved.entry {
        Some(id) => writeln!(
            out,
            "{}: {} (journal entry {id})",
            printable(code),
            printable(&saved.text)
        )?,
        None => writeln!(out, "{}: nothing changed", printable(code))?,
    }
    Ok(())
}
