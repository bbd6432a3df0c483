//! Aging: open invoices as of a date, in buckets of days overdue whose sums
//! always equal the outstanding total.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::currency::Currency;
use super::invoice::{days_overdue, outstanding};
use super::money::decimal_string_wide;

/// Days-overdue bucket; `Current` holds what is not yet due. Its label
/// (`1-30`) is exported and typed (`dun aging --bucket`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
pub enum Bucket {
    #[strum(serialize = "current")]
    Current,
    #[strum(serialize = "1-30")]
    Days1To30,
    #[strum(serialize = "31-60")]
    Days31To60,
    #[strum(serialize = "61-90")]
    Days61To90,
    #[strum(serialize = "91+")]
    Days91Plus,
}

impl Bucket {
    /// The buckets, youngest first.
    pub const ALL: &[Bucket] = <Bucket as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Bucket> {
        s.trim().parse().ok()
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The bucket for a number of days overdue (0 or less is `Current`).
    pub fn for_days(days: i64) -> Bucket {
        match days {
            i64::MIN..=0 => Bucket::Current,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            _ => Bucket::Days91Plus,
        }
    }

    /// Largest days overdue this bucket holds (`None` for 91+).
    fn max_days(self) -> Option<u64> {
        match self {
            Bucket::Current => Some(0),
            Bucket::Days1To30 => Some(30),
            Bucket::Days31To60 => Some(60),
            Bucket::Days61To90 => Some(90),
            Bucket::Days91Plus => None,
        }
    }

    /// The earliest due date that still falls in this bucket as of `as_of`:
    /// an open invoice is in the first bucket whose floor is on or before its
    /// due date. `None` for 91+ (no floor). Lets a store bucket by comparing dates.
    pub fn floor(self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.max_days().map(|d| {
            as_of
                .checked_sub_days(Days::new(d))
                .unwrap_or(NaiveDate::MIN)
        })
    }
}

impl Serialize for Bucket {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// Count and outstanding amount (minor units) of one bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BucketTotal {
    pub bucket: Bucket,
    pub count: u64,
    /// Minor units, added up wide so that no portfolio can overflow it.
    pub outstanding: i128,
}

/// The aging of one currency: its total and its five buckets, always all present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyAging {
    pub currency: Currency,
    pub outstanding: i128,
    pub buckets: [BucketTotal; 5],
}

impl CurrencyAging {
    pub fn empty(currency: Currency) -> CurrencyAging {
        CurrencyAging {
            currency,
            outstanding: 0,
            buckets: std::array::from_fn(|i| BucketTotal {
                bucket: Bucket::ALL[i],
                count: 0,
                outstanding: 0,
            }),
        }
    }

    pub fn count(&self) -> u64 {
        self.buckets.iter().map(|b| b.count).sum()
    }
}

/// Aging of a whole portfolio as of a date, one entry per currency, by code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgingReport {
    pub as_of: NaiveDate,
    pub totals: Vec<CurrencyAging>,
}

impl AgingReport {
    pub fn new(as_of: NaiveDate) -> AgingReport {
        AgingReport {
            as_of,
            totals: Vec::new(),
        }
    }

    /// Adds `count` invoices with `outstanding` minor units to a bucket; the
    /// currency total follows, so buckets and total cannot disagree.
    pub fn add(&mut self, currency: Currency, bucket: Bucket, count: u64, outstanding: i64) {
        let pos = match self
            .totals
            .binary_search_by(|t| t.currency.code().cmp(currency.code()))
        {
            Ok(p) => p,
            Err(p) => {
                self.totals.insert(p, CurrencyAging::empty(currency));
                p
            }
        };
        let entry = &mut self.totals[pos];
        let b = &mut entry.buckets[bucket.index()];
        b.count += count;
        b.outstanding += i128::from(outstanding);
        entry.outstanding += i128::from(outstanding);
    }
}

/// One invoice with its payments, for computing aging in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct AgingItem {
    pub currency: Currency,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: i64,
    /// `(received_on, amount)`
    pub payments: Vec<(NaiveDate, i64)>,
}

/// Ages invoices as they stood on `as_of`: invoices issued after it and
/// payments received after it are ignored; closed invoices are left out.
pub fn age<'a>(items: impl IntoIterator<Item = &'a AgingItem>, as_of: NaiveDate) -> AgingReport {
    let mut report = AgingReport::new(as_of);
    for item in items {
        if item.issued_on > as_of {
            continue;
        }
        let open = outstanding(item.amount, &item.payments, as_of);
        if open <= 0 {
            continue;
        }
        let bucket = Bucket::for_days(days_overdue(item.due_on, open, as_of));
        report.add(item.currency, bucket, 1, open);
    }
    report
}

/// Serializable form: amounts as decimal strings in the currency's minor unit.
#[derive(Serialize)]
pub struct AgingJson {
    pub as_of: String,
    pub totals: Vec<CurrencyJson>,
    /// What was written off by the date, per currency: out of the totals.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub written_off: Vec<WrittenOffJson>,
}

#[derive(Serialize)]
pub struct WrittenOffJson {
    pub currency: String,
    /// Write-off entries.
    pub count: u64,
    pub amount: String,
}

#[derive(Serialize)]
pub struct CurrencyJson {
    pub currency: String,
    pub outstanding: String,
    pub buckets: Vec<BucketJson>,
}

#[derive(Serialize)]
pub struct BucketJson {
    pub bucket: &'static str,
    pub count: u64,
    pub outstanding: String,
}

impl From<&AgingReport> for AgingJson {
    fn from(r: &AgingReport) -> AgingJson {
        AgingJson {
            as_of: r.as_of.format("%Y-%m-%d").to_string(),
            totals: r
                .totals
                .iter()
                .map(|t| {
                    let e = t.currency.exponent();
                    CurrencyJson {
                        currency: t.currency.code().to_string(),
                        outstanding: decimal_string_wide(t.outstanding, e),
                        buckets: t
                            .buckets
                            .iter()
                            .map(|b| BucketJson {
                                bucket: b.bucket.label(),
                                count: b.count,
                                outstanding: decimal_string_wide(b.outstanding, e),
                            })
                            .collect(),
                    }
                })
                .collect(),
            written_off: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn bucket_edges() {
        assert_eq!(Bucket::for_days(-5), Bucket::Current);
        assert_eq!(Bucket::for_days(0), Bucket::Current);
        assert_eq!(Bucket::for_days(1), Bucket::Days1To30);
        assert_eq!(Bucket::for_days(30), Bucket::Days1To30);
        assert_eq!(Bucket::for_days(31), Bucket::Days31To60);
        assert_eq!(Bucket::for_days(60), Bucket::Days31To60);
        assert_eq!(Bucket::for_days(61), Bucket::Days61To90);
        assert_eq!(Bucket::for_days(90), Bucket::Days61To90);
        assert_eq!(Bucket::for_days(91), Bucket::Days91Plus);
    }

    #[test]
    fn floors_agree_with_for_days() {
        let as_of = d("2026-03-31");
        for offset in -10i64..200 {
            let due = as_of - chrono::Duration::days(offset);
            let by_floor = Bucket::ALL
                .iter()
                .copied()
                .find(|b| b.floor(as_of).is_none_or(|f| due >= f))
                .unwrap();
            assert_eq!(by_floor, Bucket::for_days(offset), "offset {offset}");
        }
    }

    #[test]
    fn aging_ignores_later_invoices_and_payments() {
        let items = vec![
            AgingItem {
                currency: Currency::EUR,
                issued_on: d("2026-01-01"),
                due_on: d("2026-01-31"),
                amount: 10_000,
                payments: vec![(d("2026-02-15"), 4_000), (d("2026-04-01"), 6_000)],
            },
            AgingItem {
                currency: Currency::EUR,
                issued_on: d("2026-03-20"),
                due_on: d("2026-04-19"),
                amount: 500,
                payments: vec![],
            },
        ];
        let r = age(&items, d("2026-03-15"));
        assert_eq!(r.totals.len(), 1);
        assert_eq!(r.totals[0].outstanding, 6_000);
        assert_eq!(r.totals[0].buckets[Bucket::Days31To60.index()].count, 1);
        let r = age(&items, d("2026-04-01"));
        assert_eq!(r.totals[0].outstanding, 500);
        assert_eq!(r.totals[0].buckets[Bucket::Current.index()].count, 1);
    }
}
