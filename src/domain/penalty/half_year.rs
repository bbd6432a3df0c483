//! Half-years (1 January–30 June and 1 July–31 December): the periods for
//! which the reference rates of late-payment law are fixed.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// One half of a calendar year. Orders chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HalfYear {
    year: i32,
    second: bool,
}

impl HalfYear {
    /// The half-year `half` (1 or 2) of `year`.
    pub fn new(year: i32, half: u8) -> Option<HalfYear> {
        match half {
            1 => Some(HalfYear {
                year,
                second: false,
            }),
            2 => Some(HalfYear { year, second: true }),
            _ => None,
        }
    }

    /// The half-year a day falls in.
    pub fn of(date: NaiveDate) -> HalfYear {
        HalfYear {
            year: date.year(),
            second: date.month() > 6,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 for January–June, 2 for July–December.
    pub fn half(self) -> u8 {
        if self.second { 2 } else { 1 }
    }

    /// The half-year after this one.
    pub fn next(self) -> HalfYear {
        if self.second {
            HalfYear {
                year: self.year + 1,
                second: false,
            }
        } else {
            HalfYear {
                year: self.year,
                second: true,
            }
        }
    }

    /// 1 January or 1 July (None only outside chrono's date range).
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, if self.second { 7 } else { 1 }, 1)
    }

    /// 30 June or 31 December (None only outside chrono's date range).
    pub fn last_day(self) -> Option<NaiveDate> {
        if self.second {
            NaiveDate::from_ymd_opt(self.year, 12, 31)
        } else {
            NaiveDate::from_ymd_opt(self.year, 6, 30)
        }
    }

    /// Reads the key form used in `rates.toml`: `2026-H2` (also `2026-h2`).
    pub fn parse(s: &str) -> Option<HalfYear> {
        let (year, half) = s.trim().split_once('-')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let half = match half {
            "H1" | "h1" => 1,
            "H2" | "h2" => 2,
            _ => return None,
        };
        HalfYear::new(year.parse().ok()?, half)
    }

    /// The key form used in `rates.toml`: `2026-H2`.
    pub fn key(self) -> String {
        format!("{}-H{}", self.year, self.half())
    }
}

impl fmt::Display for HalfYear {
    /// `2026 H2`, as in messages and letters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} H{}", self.year, self.half())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_fall_in_their_half_year() {
        assert_eq!(
            HalfYear::of(d(2025, 6, 30)),
            HalfYear::new(2025, 1).unwrap()
        );
        assert_eq!(HalfYear::of(d(2025, 7, 1)), HalfYear::new(2025, 2).unwrap());
        assert_eq!(
            HalfYear::new(2025, 2).unwrap().next(),
            HalfYear::new(2026, 1).unwrap()
        );
        assert_eq!(
            HalfYear::new(2025, 2).unwrap().last_day(),
            Some(d(2025, 12, 31))
        );
        assert!(HalfYear::new(2025, 1).unwrap() < HalfYear::new(2025, 2).unwrap());
    }

    #[test]
    fn keys_round_trip_and_garbage_is_refused() {
        let h = HalfYear::parse("2026-H2").unwrap();
        assert_eq!(h.key(), "2026-H2");
        assert_eq!(h.to_string(), "2026 H2");
        for bad in ["2026H2", "2026-H3", "26-H1", "2026-S1", "", "2026-"] {
            assert_eq!(HalfYear::parse(bad), None, "{bad}");
        }
    }
}
