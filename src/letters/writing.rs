//! How a letter writes dates and money for its client: the client's
//! language, and in English the American conventions for a client in the
//! United States (`November 30, 2026`, `Dear Mr. Smith:`, `Sincerely,`).

use chrono::NaiveDate;

use crate::domain::client::Client;
use crate::domain::date_format::{format_date, format_date_us};
use crate::domain::language::Language;
use crate::domain::money::Money;
use crate::domain::money_format::format_money;

/// The language a letter is written in, and whether it follows American
/// usage (only in English, for a client whose country is `US`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Writing {
    pub lang: Language,
    pub us: bool,
}

impl From<Language> for Writing {
    fn from(lang: Language) -> Writing {
        Writing { lang, us: false }
    }
}

impl Writing {
    /// The client's language; American English for an English-speaking
    /// client in the United States.
    pub fn for_client(c: &Client) -> Writing {
        Writing {
            lang: c.language,
            us: c.language == Language::En && c.country.as_deref() == Some("US"),
        }
    }

    /// A date in full: `22 November 2026`, or `November 22, 2026` in the US.
    pub fn date(self, d: NaiveDate) -> String {
        if self.us {
            format_date_us(d)
        } else {
            format_date(d, self.lang)
        }
    }

    /// An amount as the language writes it (`$1,234.56`, `1 234,56 €`).
    pub fn money(self, m: Money) -> String {
        format_money(m, self.lang)
    }
}
