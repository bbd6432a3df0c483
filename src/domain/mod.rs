//! Pure collections rules: money, aging, reminder level. No I/O and no clock:
//! whatever needs "today" takes it as an argument.

pub mod activity;
pub mod address;
pub mod aging;
pub mod case;
pub mod case_life;
pub mod client;
pub mod client_field;
pub mod correction;
pub mod currency;
pub mod date_format;
pub mod epc;
pub mod governs;
pub mod invoice;
pub mod ladder;
pub mod language;
pub mod money;
pub mod money_format;
pub mod outlook;
pub mod payment;
pub mod payment_reference;
pub mod penalty;
pub mod priority;
pub mod promise;
pub mod queue;
pub mod reason;
pub mod rules;
pub mod search;
pub mod solvency;
pub mod standings;
pub mod text;
pub mod typography;
