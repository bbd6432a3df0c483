//! Who owes: a client, its profile and its risk rating.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::currency::Currency;
use super::language::Language;

/// The kind of debtor; cadence, tone and law differ by profile. Stored and
/// exported by its name in lower case (`administration`).
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
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Profile {
    Administration,
    Business,
    Individual,
}

impl Profile {
    pub const ALL: &[Profile] = <Profile as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads the profile in English, French, Norwegian or Spanish
    /// (`public`, `entreprise`, `privat`, `particular`…).
    pub fn parse(s: &str) -> Option<Profile> {
        let l = s.trim().to_lowercase();
        Some(match l.as_str() {
            "administration" | "public" | "public body" | "government" | "gov" | "offentlig"
            | "administración" | "administracion" | "publique" | "pública" | "publica" => {
                Profile::Administration
            }
            "business" | "company" | "b2b" | "entreprise" | "société" | "societe" | "bedrift"
            | "firma" | "empresa" => Profile::Business,
            "individual" | "person" | "consumer" | "private" | "b2c" | "particulier" | "privat"
            | "privatperson" | "forbruker" | "particular" | "consumidor" => Profile::Individual,
            _ => return None,
        })
    }
}

/// Risk rating from solvency notes: `A` low risk … `D` do not extend credit.
/// Its name is the letter.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(ascii_case_insensitive)]
pub enum Rating {
    A,
    B,
    C,
    D,
}

impl Rating {
    pub const ALL: &[Rating] = <Rating as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads `A` … `D`, case aside.
    pub fn parse(s: &str) -> Option<Rating> {
        s.trim().parse().ok()
    }
}

/// A client as stored: identity, contact, terms and collection settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Client {
    pub code: String,
    pub name: String,
    pub profile: Profile,
    pub language: Language,
    /// ISO 3166-1 alpha-2, upper case; `None` when not known.
    pub country: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub terms_days: u32,
    /// Credit limit in minor units of `currency`.
    pub credit_limit: Option<i64>,
    pub currency: Currency,
    /// Required deposit, in percent of an order (0–100).
    pub deposit_pct: u8,
    pub rating: Option<Rating>,
    /// Login name of the assigned clerk.
    pub clerk: Option<String>,
    pub pilot_ends_on: Option<NaiveDate>,
    pub hold_until: Option<NaiveDate>,
    /// Contractual late-payment interest, annual %, replacing the law's.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub late_rate: Option<Decimal>,
    /// Contractual late-payment fee per invoice paid late, in minor units of
    /// `currency` (applied in the invoice's currency, which is normally the
    /// client's), replacing the law's fixed compensation.
    pub late_fee: Option<i64>,
    /// The person letters are addressed to, as written ("Claire Dubois",
    /// or "Fernández García, Lucía" to mark the surname).
    pub contact_name: Option<String>,
    /// The contact's title, which the salutation uses; for an individual
    /// with no contact, the client's own.
    pub contact_title: Option<Title>,
}

impl Client {
    /// A client known only by its code, as created by an invoice import.
    pub fn with_code(code: &str, currency: Currency) -> Client {
        Client {
            code: code.to_string(),
            name: code.to_string(),
            profile: Profile::Business,
            language: Language::En,
            country: None,
            phone: None,
            email: None,
            address: None,
            terms_days: 30,
            credit_limit: None,
            currency,
            deposit_pct: 0,
            rating: None,
            clerk: None,
            pilot_ends_on: None,
            hold_until: None,
            late_rate: None,
            late_fee: None,
            contact_name: None,
            contact_title: None,
        }
    }
}

/// A title dun does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownTitle;

/// How a person is addressed: the title a salutation puts before the
/// surname, written in each language by the letters (`Mr`, `M.`, `Sr.`).
/// `Miss`, `Mlle` and `Srta.` read as `Ms`: professional letters no longer
/// use them.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Title {
    Mr,
    Ms,
    Mrs,
}

impl Title {
    /// As stored: `mr`, `ms`, `mrs` (read back by `str::parse`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads a title written in English, French, Spanish, Norwegian or
    /// German (`Mr`, `M.`, `Monsieur`, `Sra.`, `Herr`, `Fru`…); `Ok(None)`
    /// for an explicit "no title" (`none`, `-`, `aucun`, `ninguno`, `ingen`).
    pub fn parse(s: &str) -> Result<Option<Title>, UnknownTitle> {
        let l = s.trim().to_lowercase();
        let l = l.trim_end_matches('.');
        Ok(Some(match l {
            "" | "none" | "-" | "aucun" | "aucune" | "ninguno" | "ninguna" | "ingen" => {
                return Ok(None);
            }
            "mr" | "mister" | "m" | "monsieur" | "sr" | "señor" | "senor" | "don" | "d"
            | "herr" | "hr" => Title::Mr,
            "ms" | "miss" | "mme" | "madame" | "mlle" | "mademoiselle" | "sra" | "señora"
            | "senora" | "srta" | "señorita" | "senorita" | "doña" | "dona" | "dña" | "fru"
            | "fr" | "frk" | "frøken" | "frau" => Title::Ms,
            "mrs" => Title::Mrs,
            _ => return Err(UnknownTitle),
        }))
    }
}

/// Checks an ISO 3166-1 alpha-2 country code and returns it in upper case.
pub fn country_code(s: &str) -> Option<String> {
    let t = s.trim();
    (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::Title;

    #[test]
    fn titles_read_in_every_language() {
        for (s, t) in [
            ("Mr", Some(Title::Mr)),
            ("M.", Some(Title::Mr)),
            ("Monsieur", Some(Title::Mr)),
            ("Sr.", Some(Title::Mr)),
            ("Herr", Some(Title::Mr)),
            ("Ms", Some(Title::Ms)),
            ("Mme", Some(Title::Ms)),
            ("Mlle", Some(Title::Ms)),
            ("Sra.", Some(Title::Ms)),
            ("Fru", Some(Title::Ms)),
            ("Mrs.", Some(Title::Mrs)),
            ("none", None),
            ("-", None),
        ] {
            assert_eq!(Title::parse(s), Ok(t), "{s}");
        }
        assert_eq!(Title::parse("Sir Lord"), Err(super::UnknownTitle));
    }
}
