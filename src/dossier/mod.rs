//! The evidence file of a case (`dun dossier`): what a court, a collection
//! agency or a lawyer asks for, gathered from the journal in one read
//! transaction and written into a new folder that appears whole or not at
//! all.
//!
//! - `index.txt`: the creditor, the debtor with its contact and terms, the
//!   general conditions the claim rests on, the invoices with what was
//!   paid, the penalties as of the day period by period, the letters sent
//!   and every contact, dated (in English: it is the clerk's summary);
//! - `letters/`: a copy of every letter sent for the case, as it went
//!   (the client's language), from the team's letters folder;
//! - `journal.csv`, `journal.json`: the case's journal extract, with who
//!   recorded each entry;
//! - `claim.json`: the fields a European Payment Order, a French
//!   injonction de payer or a Norwegian inkasso handover asks for.
//!
//! It reads only: nothing is written to the database.

mod claim;
mod gather;
mod index;
mod letters;
mod write;

pub use gather::{CaseInvoice, Dossier, DossierError, gather};
pub use letters::{LetterCopy, letters_sent};
pub use write::{Written, write};
