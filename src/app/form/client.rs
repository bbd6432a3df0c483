//! The form that edits a client's file, or adds a client: every field of
//! [`ClientField::ALL`], pre-filled with what the clerk sees (an edit) or
//! empty (a new client). Only the fields changed are sent, each with the
//! value the form showed, so that another clerk's change meanwhile is
//! refused rather than overwritten. Pure: no database.

use crate::domain::client::Client;
use crate::record::client::{Change, ClientEdit, ClientField, NewClient};

/// Fields a new client cannot go without (besides its code).
pub const REQUIRED: [ClientField; 4] = [
    ClientField::Name,
    ClientField::Language,
    ClientField::Country,
    ClientField::Profile,
];

/// An address's lines as the form shows them, on one line.
const LINE_BREAK: &str = " / ";

#[derive(Clone, Debug, PartialEq)]
pub struct ClientFormField {
    /// `None`: the new client's code.
    pub field: Option<ClientField>,
    /// The value as the form showed it first ("" for a new client).
    pub seen: String,
    /// As typed.
    pub value: String,
}

impl ClientFormField {
    pub fn label(&self) -> &'static str {
        self.field.map_or("code", ClientField::label)
    }

    /// The value as the use case takes it: an address's ` / ` back to lines.
    fn typed(&self) -> String {
        match self.field {
            Some(ClientField::Address) => self.value.replace(LINE_BREAK, "\n"),
            _ => self.value.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClientForm {
    /// The client edited; `None` for a new client.
    pub code: Option<String>,
    /// The client's name, for the frame of an edit.
    pub name: String,
    pub fields: Vec<ClientFormField>,
    pub focus: usize,
    /// Why the last Enter was refused.
    pub error: Option<String>,
}

impl ClientForm {
    /// Every field of `client`, as it is now.
    pub fn edit(client: &Client) -> ClientForm {
        let fields = ClientField::ALL
            .iter()
            .copied()
            .map(|f| {
                let seen = f.value(client);
                ClientFormField {
                    field: Some(f),
                    value: seen.replace('\n', LINE_BREAK),
                    seen,
                }
            })
            .collect();
        ClientForm {
            code: Some(client.code.clone()),
            name: client.name.clone(),
            fields,
            focus: 0,
            error: None,
        }
    }

    /// A new client: its code first, every field empty.
    pub fn add() -> ClientForm {
        let blank = |field| ClientFormField {
            field,
            seen: String::new(),
            value: String::new(),
        };
        let fields = std::iter::once(blank(None))
            .chain(ClientField::ALL.iter().copied().map(|f| blank(Some(f))))
            .collect();
        ClientForm {
            code: None,
            name: String::new(),
            fields,
            focus: 0,
            error: None,
        }
    }

    /// Whether the form adds a client rather than edits one.
    pub fn adding(&self) -> bool {
        self.code.is_none()
    }

    /// Whether the field at `i` must be filled in.
    pub fn required(&self, i: usize) -> bool {
        self.adding()
            && self.fields.get(i).is_some_and(|f| match f.field {
                None => true,
                Some(f) => REQUIRED.contains(&f),
            })
    }

    pub fn type_char(&mut self, c: char) {
        self.error = None;
        if !c.is_control() {
            self.fields[self.focus].value.push(c);
        }
    }

    pub fn backspace(&mut self) {
        self.error = None;
        self.fields[self.focus].value.pop();
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1).min(self.fields.len() - 1);
    }

    pub fn previous_field(&mut self) {
        self.focus = self.focus.saturating_sub(1);
    }

    /// The fields changed, each with the value the form showed first.
    pub fn changes(&self) -> Vec<Change> {
        self.fields
            .iter()
            .filter_map(|f| {
                let field = f.field?;
                let new = f.typed();
                (new.trim() != f.seen.trim()).then(|| Change {
                    field,
                    seen: Some(f.seen.clone()),
                    new,
                })
            })
            .collect()
    }

    /// The edit to save; `None` when this form adds a client.
    pub fn client_edit(&self) -> Option<ClientEdit> {
        Some(ClientEdit {
            code: self.code.clone()?,
            changes: self.changes(),
        })
    }

    /// The client to add, or the first required field left empty.
    pub fn new_client(&self) -> Result<NewClient, String> {
        for (i, f) in self.fields.iter().enumerate() {
            if self.required(i) && f.value.trim().is_empty() {
                return Err(format!("{}: a new client needs one", f.label()));
            }
        }
        let code = self
            .fields
            .iter()
            .find(|f| f.field.is_none())
            .map(|f| f.value.trim().to_string())
            .unwrap_or_default();
        Ok(NewClient {
            code,
            currency: None,
            fields: self
                .fields
                .iter()
                .filter_map(|f| Some((f.field?, f.typed())))
                .filter(|(_, v)| !v.trim().is_empty())
                .collect(),
        })
    }
}
