//! A queue client to start the rules' tests from.

use super::QueueClient;
use crate::domain::currency::Currency;
use crate::domain::ladder::ClientPause;

impl QueueClient {
    /// A business client in France, in euros, with nothing recorded: what
    /// the rules' tests start from.
    pub(crate) fn example(code: &str) -> QueueClient {
        QueueClient {
            code: code.into(),
            name: code.into(),
            profile: crate::domain::client::Profile::Business,
            country: Some("FR".into()),
            currency: Currency::EUR,
            clerk: None,
            rating: None,
            deposit_pct: 0,
            deposit_issued_on: None,
            pilot_ends_on: None,
            pause: ClientPause::default(),
            next_action_on: None,
            snoozed_until: None,
            visit_on: None,
            reached_on: None,
            pilot_notice_on: None,
            deposit_request_until: None,
            registered_on: None,
            acknowledged_on: None,
            letters: Vec::new(),
            cases: Vec::new(),
        }
    }
}
