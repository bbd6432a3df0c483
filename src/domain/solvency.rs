//! Solvency notes: credit checks and what they recommend.

use chrono::NaiveDate;
use serde::Serialize;

use super::client::Rating;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SolvencySource {
    CreditBureau,
    Bank,
    TradeReference,
    PaymentHistory,
    Visit,
}

impl SolvencySource {
    pub const ALL: [SolvencySource; 5] = [
        SolvencySource::CreditBureau,
        SolvencySource::Bank,
        SolvencySource::TradeReference,
        SolvencySource::PaymentHistory,
        SolvencySource::Visit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SolvencySource::CreditBureau => "credit_bureau",
            SolvencySource::Bank => "bank",
            SolvencySource::TradeReference => "trade_reference",
            SolvencySource::PaymentHistory => "payment_history",
            SolvencySource::Visit => "visit",
        }
    }

    pub fn parse(s: &str) -> Option<SolvencySource> {
        let l = s.trim().to_lowercase().replace(['-', ' '], "_");
        SolvencySource::ALL.into_iter().find(|k| k.as_str() == l)
    }
}

/// A credit check or other judgement of a client's ability to pay.
/// The latest note sets the client's current rating.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SolvencyNote {
    pub client_code: String,
    pub on: NaiveDate,
    pub source: SolvencySource,
    pub rating: Rating,
    /// Recommended credit limit in minor units of the client's currency.
    pub recommended_limit: Option<i64>,
    pub text: String,
    pub author: String,
}
