//! What dun reports about an invoice, for the command line and the
//! evidence file alike.

pub mod invoice;
pub mod penalties;
pub mod queue;
