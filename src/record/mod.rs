//! Recording what a clerk did: the checks and the one-transaction writes
//! that the command line and the workbench share.

pub mod check;
pub mod client;
pub mod correction;
pub mod named;
pub mod promise;
pub mod submission;
pub mod write;

pub use check::{Standing, check};
pub use correction::{Corrected, Correction, correct};
pub use submission::{Submission, Target, typed_amount};
pub use write::{record, save};
