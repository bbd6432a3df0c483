//! The team's day: today's date in the team's time zone, whatever zone a
//! clerk's own session is set to.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The zone named by `name` (an IANA name such as `Europe/Paris`), or
/// `None` for empty: the server's zone.
pub fn zone(name: &str) -> Result<Option<Tz>, String> {
    let t = name.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Tz::from_str(t)
        .map(Some)
        .map_err(|_| format!("{t:?} is not a time zone name (such as \"Europe/Paris\")"))
}

/// Tells the date of the team's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    zone: Option<Tz>,
}

impl Clock {
    /// The clock of the zone named `name` (empty or unknown: the server's).
    pub fn new(name: &str) -> Clock {
        Clock {
            zone: zone(name).ok().flatten().or_else(server_zone),
        }
    }

    /// The team's date at the instant `now`.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        match self.zone {
            Some(z) => now.with_timezone(&z).date_naive(),
            None => now.with_timezone(&chrono::Local).date_naive(),
        }
    }
}

/// The server's own zone, from `/etc/localtime` (or `/etc/timezone`),
/// whatever the `TZ` of this session says.
fn server_zone() -> Option<Tz> {
    if let Ok(target) = std::fs::read_link("/etc/localtime") {
        let s = target.to_string_lossy();
        if let Some(i) = s.find("zoneinfo/")
            && let Ok(z) = Tz::from_str(&s[i + "zoneinfo/".len()..])
        {
            return Some(z);
        }
    }
    let text = crate::small_file::read(std::path::Path::new("/etc/timezone"), 256).ok()?;
    Tz::from_str(text.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_instant_is_the_same_team_day() {
        let now: DateTime<Utc> = "2026-11-22T23:30:00Z".parse().unwrap();
        let paris = Clock::new("Europe/Paris");
        assert_eq!(paris.today(now).to_string(), "2026-11-23");
        let la = Clock::new("America/Los_Angeles");
        assert_eq!(la.today(now).to_string(), "2026-11-22");
    }

    #[test]
    fn zone_names_are_checked() {
        assert!(zone("Europe/Paris").unwrap().is_some());
        assert!(zone("").unwrap().is_none());
        assert!(zone("Europe/Pariss").is_err());
    }
}
