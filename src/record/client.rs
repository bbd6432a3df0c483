//! Editing and adding a client: one `BEGIN IMMEDIATE` transaction that
//! changes the client's file and appends a `client_change` entry saying
//! what changed, old → new. Each field follows the rule a clients import
//! follows (`domain::client_field`). An edit carries the values the clerk
//! saw: a field another clerk changed meanwhile is refused, not
//! overwritten.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::client::Client;
use crate::domain::client_field as rule;
use crate::domain::currency::Currency;
use crate::domain::money::decimal_string;
use crate::import::amounts;
use crate::store::{self, Store, StoreError};

/// A field of a client's file a clerk may change, in the order a form
/// shows them. Its key (`credit-limit`) is typed on the command line.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum ClientField {
    Name,
    Contact,
    Title,
    Phone,
    Email,
    Address,
    Language,
    Country,
    Profile,
    Terms,
    CreditLimit,
    Deposit,
    PilotEnd,
    Hold,
    Clerk,
}

impl ClientField {
    pub const ALL: &[ClientField] = <ClientField as strum::VariantArray>::VARIANTS;

    /// Its name on the command line (`--credit-limit`, `--was credit-limit=…`).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// Its name in the journal and in messages (`e-mail: a@x.fr → b@y.fr`).
    pub fn label(self) -> &'static str {
        match self {
            ClientField::Name => "name",
            ClientField::Contact => "contact person",
            ClientField::Title => "title",
            ClientField::Phone => "phone",
            ClientField::Email => "e-mail",
            ClientField::Address => "address",
            ClientField::Language => "language",
            ClientField::Country => "country",
            ClientField::Profile => "profile",
            ClientField::Terms => "payment terms",
            ClientField::CreditLimit => "credit limit",
            ClientField::Deposit => "deposit %",
            ClientField::PilotEnd => "pilot end",
            ClientField::Hold => "hold",
            ClientField::Clerk => "assigned clerk",
        }
    }

    /// Reads a key (`_` for `-` accepted) or a label, case aside.
    pub fn parse(key: &str) -> Option<ClientField> {
        let k = key.trim().to_lowercase().replace('_', "-");
        k.parse()
            .ok()
            .or_else(|| ClientField::ALL.iter().copied().find(|f| f.label() == k))
    }

    /// The field's value in `c` as text, as a form shows it and as an edit
    /// carries it ("" when none): a credit limit as a decimal of the
    /// client's currency, dates as YYYY-MM-DD, an address's lines joined
    /// by `\n`.
    pub fn value(self, c: &Client) -> String {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            ClientField::Name => c.name.clone(),
            ClientField::Contact => opt(&c.contact_name),
            ClientField::Title => c
                .contact_title
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            ClientField::Phone => opt(&c.phone),
            ClientField::Email => opt(&c.email),
            ClientField::Address => opt(&c.address),
            ClientField::Language => c.language.code().to_string(),
            ClientField::Country => opt(&c.country),
            ClientField::Profile => c.profile.as_str().to_string(),
            ClientField::Terms => c.terms_days.to_string(),
            ClientField::CreditLimit => c
                .credit_limit
                .map(|l| decimal_string(l, c.currency.exponent()))
                .unwrap_or_default(),
            ClientField::Deposit => c.deposit_pct.to_string(),
            ClientField::PilotEnd => date(c.pilot_ends_on),
            ClientField::Hold => date(c.hold_until),
            ClientField::Clerk => opt(&c.clerk),
        }
    }

    /// Sets the field of `c` from `text` by the field's rule ("" clears a
    /// field that may be empty); the reason when refused.
    pub fn set(self, c: &mut Client, text: &str) -> Result<(), String> {
        let t = text.trim();
        let empty = t.is_empty();
        let required = || Err("cannot be empty".to_string());
        match self {
            ClientField::Name => c.name = rule::name(t)?,
            ClientField::Contact => c.contact_name = rule::text(t),
            ClientField::Title => c.contact_title = if empty { None } else { rule::title(t)? },
            ClientField::Phone => c.phone = rule::text(t),
            ClientField::Email => c.email = if empty { None } else { Some(rule::email(t)?) },
            ClientField::Address => c.address = rule::address(text),
            ClientField::Language if empty => return required(),
            ClientField::Language => c.language = rule::language(t)?,
            ClientField::Country => c.country = if empty { None } else { Some(rule::country(t)?) },
            ClientField::Profile if empty => return required(),
            ClientField::Profile => c.profile = rule::profile(t)?,
            ClientField::Terms if empty => return required(),
            ClientField::Terms => c.terms_days = rule::terms_days(t)?,
            ClientField::CreditLimit => {
                c.credit_limit = if empty {
                    None
                } else {
                    let minor = amounts::parse_typed(t, c.currency).map_err(|e| e.to_string())?;
                    Some(rule::not_negative(minor)?)
                };
            }
            ClientField::Deposit if empty => c.deposit_pct = 0,
            ClientField::Deposit => c.deposit_pct = rule::deposit_pct(t)?,
            ClientField::PilotEnd => c.pilot_ends_on = date(t)?,
            ClientField::Hold => c.hold_until = date(t)?,
            ClientField::Clerk => c.clerk = rule::text(t),
        }
        Ok(())
    }
}

fn date(t: &str) -> Result<Option<NaiveDate>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("{t:?} is not a date (YYYY-MM-DD)"))
}

/// A value as the journal writes it: `(none)` when empty, an address's
/// lines joined by ` / `.
fn shown(v: &str) -> String {
    if v.is_empty() {
        "(none)".to_string()
    } else {
        v.replace('\n', " / ")
    }
}

/// One field to change: the value the clerk saw (`None`: whatever it is
/// now) and the new one, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: ClientField,
    pub seen: Option<String>,
    pub new: String,
}

/// An edit of the client `code`: only the fields named change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientEdit {
    pub code: String,
    pub changes: Vec<Change>,
}

/// What an edit or an addition wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSaved {
    /// The `client_change` journal entry; `None` when nothing changed.
    pub entry: Option<i64>,
    /// `e-mail: a@x.fr → b@y.fr; phone: (none) → 01 23 45 67 89`, or
    /// `client added: …`.
    pub text: String,
}

/// Changes the fields of `edit` and journals them, in one transaction.
/// Refused, nothing written: an unknown client, a value its rule refuses
/// (`e-mail: "x" is not an email address`), a field another clerk changed
/// since the clerk saw it (`e-mail: changed by bob meanwhile: now b@y.fr`).
pub fn edit(
    store: &mut Store,
    edit: &ClientEdit,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ClientSaved, StoreError> {
    store.write(|tx| {
        let (client_id, before) = store::clients::find(tx, &edit.code)?
            .ok_or_else(|| StoreError::Invalid(format!("no client {}", edit.code)))?;
        let mut after = before.clone();
        for ch in &edit.changes {
            let label = ch.field.label();
            let now_value = ch.field.value(&before);
            if let Some(seen) = &ch.seen
                && seen.trim() != now_value.trim()
            {
                let by = store::clients::last_change_by(tx, client_id, &format!("{label}: "))?;
                let who = by.map_or("an import".to_string(), |b| b);
                return Err(StoreError::Invalid(format!(
                    "{label}: changed by {who} meanwhile: now {}",
                    shown(&now_value)
                )));
            }
            ch.field
                .set(&mut after, &ch.new)
                .map_err(|e| StoreError::Invalid(format!("{label}: {e}")))?;
        }
        let parts: Vec<String> = ClientField::ALL
            .iter()
            .copied()
            .filter(|f| f.value(&before) != f.value(&after))
            .map(|f| {
                format!(
                    "{}: {} → {}",
                    f.label(),
                    shown(&f.value(&before)),
                    shown(&f.value(&after))
                )
            })
            .collect();
        if parts.is_empty() {
            return Ok(ClientSaved {
                entry: None,
                text: "nothing changed".into(),
            });
        }
        store::clients::update(tx, &after)?;
        let text = parts.join("; ");
        let id = journal(tx, client_id, &after, &text, user, today, now)?;
        Ok(ClientSaved {
            entry: Some(id),
            text,
        })
    })
}

/// A new client: its code and fields as typed (a name, a language, a
/// country and a profile at least), and its currency (by default its
/// country's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewClient {
    pub code: String,
    pub currency: Option<String>,
    pub fields: Vec<(ClientField, String)>,
}

/// Adds the client and journals "client added", in one transaction.
/// Refused, nothing written: a code taken or not a code, a field missing
/// or refused by its rule, no currency.
pub fn add(
    store: &mut Store,
    new: &NewClient,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ClientSaved, StoreError> {
    let code = rule::code(&new.code).map_err(|e| StoreError::Invalid(format!("code: {e}")))?;
    let given = |f: ClientField| {
        new.fields
            .iter()
            .rev()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    };
    for f in [
        ClientField::Name,
        ClientField::Language,
        ClientField::Country,
        ClientField::Profile,
    ] {
        if given(f).is_none() {
            return Err(StoreError::Invalid(format!(
                "{}: a new client needs its {} (--{})",
                f.label(),
                f.label(),
                f.key()
            )));
        }
    }
    let country = rule::country(given(ClientField::Country).unwrap_or_default())
        .map_err(|e| StoreError::Invalid(format!("country: {e}")))?;
    let currency: Currency =
        match &new.currency {
            Some(c) => c.trim().to_uppercase().parse().map_err(|_| {
                StoreError::Invalid(format!("currency: {c:?} is not a currency code"))
            })?,
            None => crate::import::invoices::currency_of(Some(&country)).ok_or_else(|| {
                StoreError::Invalid(format!(
                    "currency: no currency known for {country}: give it (--currency)"
                ))
            })?,
        };
    let mut c = Client::with_code(code, currency);
    for &f in ClientField::ALL {
        if let Some(v) = given(f) {
            f.set(&mut c, v)
                .map_err(|e| StoreError::Invalid(format!("{}: {e}", f.label())))?;
        }
    }
    store.write(|tx| {
        if store::clients::find(tx, code)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "code: client {code} exists already (dun client edit {code} changes it)"
            )));
        }
        let client_id = store::clients::insert(tx, &c)?;
        let parts: Vec<String> = ClientField::ALL
            .iter()
            .copied()
            .map(|f| (f, f.value(&c)))
            .filter(|(_, v)| !v.is_empty())
            .map(|(f, v)| format!("{}: {}", f.label(), shown(&v)))
            .collect();
        let text = format!("client added ({currency}): {}", parts.join("; "));
        let id = journal(tx, client_id, &c, &text, user, today, now)?;
        Ok(ClientSaved {
            entry: Some(id),
            text,
        })
    })
}

fn journal(
    tx: &store::Snapshot,
    client_id: i64,
    c: &Client,
    text: &str,
    user: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let mut a = Activity::new(ActivityKind::ClientChange, &c.code, now, today, user);
    a.note = text.to_string();
    store::activities::insert(tx, client_id, None, None, &a)
}
