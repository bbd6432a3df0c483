//! The team's rules the follow-up queue follows: the ladder of each
//! profile, the smallest amount worth chasing, the days to wait for a
//! receipt, the deposit each rating asks.

use std::collections::BTreeMap;

use super::client::{Profile, Rating};
use super::currency::Currency;
use super::ladder::Ladder;
use super::solvency::rating_deposit;

/// The team's rules the queue follows: the ladders, the smallest amount
/// worth chasing per currency, the days to wait for an acknowledgment of
/// receipt, the deposit each rating asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub ladders: Ladders,
    /// Minor units; a currency not listed takes [`default_minimum`].
    pub minimum: BTreeMap<Currency, i64>,
    pub ack_days: u32,
    /// The deposit in percent each rating asks for, A to D.
    pub deposits: [u8; 4],
    /// Days before an open dispute with no review date of its own comes
    /// back for review.
    pub dispute_review_days: u32,
}

impl Rules {
    /// The ladders with the default minimums, ten days for a receipt and
    /// no deposit asked for by rating.
    pub fn new(ladders: Ladders) -> Rules {
        Rules {
            ladders,
            minimum: BTreeMap::new(),
            ack_days: DEFAULT_ACK_DAYS,
            deposits: [0; 4],
            dispute_review_days: DEFAULT_DISPUTE_REVIEW_DAYS,
        }
    }

    /// The deposit in percent a client with `rating` must give.
    pub fn deposit_for(&self, rating: Option<Rating>) -> u8 {
        rating_deposit(rating, &self.deposits)
    }

    pub fn minimum(&self, c: Currency) -> i64 {
        self.minimum
            .get(&c)
            .copied()
            .unwrap_or_else(|| default_minimum(c))
    }
}

/// Days after a registered letter before a missing acknowledgment of
/// receipt is a queue line.
pub const DEFAULT_ACK_DAYS: u32 = 10;

/// Days before an open dispute comes back for review, by default.
pub const DEFAULT_DISPUTE_REVIEW_DAYS: u32 = 14;

/// The smallest overdue amount worth chasing, in minor units: 5.00 in a
/// currency with two decimals, 5.000 with three, 500 without decimals
/// (JPY), 50 crowns (NOK, SEK, DKK, ISK).
pub fn default_minimum(c: Currency) -> i64 {
    let e = c.exponent();
    match c.code() {
        "NOK" | "SEK" | "DKK" | "ISK" => 50 * 10i64.pow(e),
        _ if e == 0 => 500,
        _ => 5 * 10i64.pow(e),
    }
}

/// The ladders, one per profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ladders {
    pub administration: Ladder,
    pub business: Ladder,
    pub individual: Ladder,
}

impl Ladders {
    pub fn for_profile(&self, p: Profile) -> &Ladder {
        match p {
            Profile::Administration => &self.administration,
            Profile::Business => &self.business,
            Profile::Individual => &self.individual,
        }
    }
}
