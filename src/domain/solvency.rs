//! Solvency notes: credit checks and what they recommend.

use chrono::NaiveDate;
use serde::Serialize;

use super::client::Rating;
use super::currency::Currency;
use super::language::Language;
use super::money_format::format_number;

/// Where a solvency note comes from. Its name (`credit_bureau`) is stored,
/// exported and typed.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SolvencySource {
    CreditBureau,
    Bank,
    TradeReference,
    PaymentHistory,
    Visit,
}

impl SolvencySource {
    pub const ALL: &[SolvencySource] = <SolvencySource as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads a source's name, case aside, with `-` or a space for `_`.
    pub fn parse(s: &str) -> Option<SolvencySource> {
        s.trim()
            .to_lowercase()
            .replace(['-', ' '], "_")
            .parse()
            .ok()
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

/// What a new solvency note does to the client's credit limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitChange {
    /// The recommended limit becomes the credit limit.
    Set { from: Option<i64>, to: i64 },
    /// The clerk keeps the old limit, for this reason.
    Kept {
        limit: Option<i64>,
        recommended: i64,
        reason: String,
    },
    /// A note dated later stands: this one changes nothing.
    Older { recommended: i64 },
}

/// What a note recommending `recommended` does to a client whose credit
/// limit is `current`: `keep` is the clerk's reason to keep the old one;
/// `latest` says whether the note is the client's latest by date. `None`
/// when the note recommends no limit; an error when a limit is kept
/// without a reason, or kept when nothing is recommended.
pub fn limit_change(
    current: Option<i64>,
    recommended: Option<i64>,
    keep: Option<&str>,
    latest: bool,
) -> Result<Option<LimitChange>, String> {
    let keep = keep.map(str::trim);
    if keep == Some("") {
        return Err("keeping the credit limit needs a reason: say why the old limit stays".into());
    }
    let Some(recommended) = recommended else {
        return match keep {
            Some(_) => Err(
                "the note recommends no limit: there is no change to keep the old limit against"
                    .into(),
            ),
            None => Ok(None),
        };
    };
    Ok(Some(match keep {
        Some(reason) => LimitChange::Kept {
            limit: current,
            recommended,
            reason: reason.to_string(),
        },
        None if !latest => LimitChange::Older { recommended },
        None => LimitChange::Set {
            from: current,
            to: recommended,
        },
    }))
}

impl LimitChange {
    /// The client's credit limit after the note, when it changes.
    pub fn new_limit(&self) -> Option<i64> {
        match self {
            LimitChange::Set { from, to } if *from != Some(*to) => Some(*to),
            _ => None,
        }
    }

    /// Words for the journal: `credit limit 26,000.00 EUR → 2,000.00 EUR`.
    pub fn describe(&self, currency: Currency) -> String {
        let money = |m: i64| {
            format!(
                "{} {}",
                format_number(m, currency.exponent(), Language::En),
                currency.code()
            )
        };
        let limit = |l: Option<i64>| l.map_or("none".to_string(), money);
        match self {
            LimitChange::Set { from, to } if *from == Some(*to) => {
                format!("credit limit {} unchanged", money(*to))
            }
            LimitChange::Set { from, to } => {
                format!("credit limit {} → {}", limit(*from), money(*to))
            }
            LimitChange::Kept {
                limit: l,
                recommended,
                reason,
            } => format!(
                "credit limit {} kept (recommended {}): {reason}",
                limit(*l),
                money(*recommended)
            ),
            LimitChange::Older { recommended } => format!(
                "credit limit unchanged: a later note stands (recommended {})",
                money(*recommended)
            ),
        }
    }
}

/// A deposit invoice issued this many days before a new invoice, or any
/// time after it, is the deposit for it.
pub const DEPOSIT_WINDOW_DAYS: i64 = 30;

/// Whether an invoice issued on `issued_on` waits for its deposit: the
/// client must give one (`required`, in percent, above 0) and its latest
/// deposit invoice (`latest_deposit`, when issued) is older than
/// [`DEPOSIT_WINDOW_DAYS`] before it, or there is none.
pub fn needs_deposit(
    required: u8,
    issued_on: NaiveDate,
    latest_deposit: Option<NaiveDate>,
) -> bool {
    let from = issued_on
        .checked_sub_days(chrono::Days::new(DEPOSIT_WINDOW_DAYS.unsigned_abs()))
        .unwrap_or(NaiveDate::MIN);
    required > 0 && latest_deposit.is_none_or(|d| d < from)
}

/// The deposit, in percent, a client must give: the larger of its own
/// and what its rating asks (`by_rating`, A to D).
pub fn required_deposit(own: u8, rating: Option<Rating>, by_rating: &[u8; 4]) -> u8 {
    own.max(rating_deposit(rating, by_rating))
}

/// What `rating` asks for as a deposit, in percent (0 without a rating).
pub fn rating_deposit(rating: Option<Rating>, by_rating: &[u8; 4]) -> u8 {
    rating
        .and_then(|r| Rating::ALL.iter().position(|x| *x == r))
        .and_then(|i| by_rating.get(i).copied())
        .unwrap_or(0)
}

/// When a client's own deposit is below what its rating asks: the rating
/// and the percentage it asks.
pub fn deposit_short(own: u8, rating: Option<Rating>, by_rating: &[u8; 4]) -> Option<(Rating, u8)> {
    let asked = rating_deposit(rating, by_rating);
    rating.filter(|_| own < asked).map(|r| (r, asked))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EUR: Currency = Currency::EUR;

    #[test]
    fn the_latest_note_sets_the_limit_and_says_old_and_new() {
        let c = limit_change(Some(2_600_000), Some(200_000), None, true).unwrap();
        let c = c.unwrap();
        assert_eq!(c.new_limit(), Some(200_000));
        assert_eq!(c.describe(EUR), "credit limit 26,000.00 EUR → 2,000.00 EUR");
        let first = limit_change(None, Some(100_000), None, true)
            .unwrap()
            .unwrap();
        assert_eq!(first.new_limit(), Some(100_000));
        assert_eq!(first.describe(EUR), "credit limit none → 1,000.00 EUR");
        let same = limit_change(Some(100_000), Some(100_000), None, true)
            .unwrap()
            .unwrap();
        assert_eq!(same.new_limit(), None);
        assert_eq!(same.describe(EUR), "credit limit 1,000.00 EUR unchanged");
    }

    #[test]
    fn a_kept_limit_needs_a_reason_and_an_older_note_changes_nothing() {
        let kept = limit_change(
            Some(2_600_000),
            Some(200_000),
            Some(" long-standing client "),
            true,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kept.new_limit(), None);
        assert_eq!(
            kept.describe(EUR),
            "credit limit 26,000.00 EUR kept (recommended 2,000.00 EUR): long-standing client"
        );
        assert!(limit_change(Some(1), Some(2), Some("  "), true).is_err());
        assert!(limit_change(Some(1), None, Some("why"), true).is_err());
        assert_eq!(limit_change(Some(1), None, None, true), Ok(None));
        let older = limit_change(Some(1), Some(2), None, false)
            .unwrap()
            .unwrap();
        assert_eq!(older.new_limit(), None);
    }

    #[test]
    fn the_deposit_required_is_the_larger_of_the_clients_and_its_ratings() {
        let by = [0, 0, 30, 50];
        assert_eq!(required_deposit(0, Some(Rating::D), &by), 50);
        assert_eq!(required_deposit(60, Some(Rating::D), &by), 60);
        assert_eq!(required_deposit(10, None, &by), 10);
        assert_eq!(required_deposit(0, Some(Rating::A), &by), 0);
        assert_eq!(
            deposit_short(0, Some(Rating::D), &by),
            Some((Rating::D, 50))
        );
        assert_eq!(deposit_short(50, Some(Rating::D), &by), None);
        assert_eq!(
            deposit_short(20, Some(Rating::C), &by),
            Some((Rating::C, 30))
        );
        assert_eq!(deposit_short(0, None, &by), None);
        assert_eq!(deposit_short(0, Some(Rating::B), &by), None);
    }
}
