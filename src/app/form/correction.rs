//! The correction of a journal entry: what it would undo (read when the
//! form opens) and the reason the clerk gives. Pure: no database.

use crate::record::Correction;

#[derive(Clone, Debug, PartialEq)]
pub struct CorrectionForm {
    /// The journal entry to undo.
    pub refers_to: i64,
    /// Its client's code, for the frame.
    pub client: String,
    /// What correcting it would undo, in words; `None` until read.
    pub undoes: Option<String>,
    pub reason: String,
    /// Why the last Enter was refused.
    pub error: Option<String>,
}

impl CorrectionForm {
    pub fn new(refers_to: i64, client: &str) -> CorrectionForm {
        CorrectionForm {
            refers_to,
            client: client.to_string(),
            undoes: None,
            reason: String::new(),
            error: None,
        }
    }

    pub fn type_char(&mut self, c: char) {
        self.error = None;
        if !c.is_control() {
            self.reason.push(c);
        }
    }

    pub fn backspace(&mut self) {
        self.error = None;
        self.reason.pop();
    }

    /// The correction to record, or why not yet (no reason given).
    pub fn correction(&self) -> Result<Correction, String> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err("Reason: say why the entry is corrected".to_string());
        }
        Ok(Correction {
            refers_to: self.refers_to,
            reason: reason.to_string(),
        })
    }
}
