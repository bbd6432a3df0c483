//! The languages dun writes letters in, and the locale rules that go with them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A client's language: English, French, Norwegian Bokmål or Spanish.
/// Its code (`nb`) is stored, exported and typed.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Language {
    En,
    Fr,
    Nb,
    Es,
}

impl Language {
    pub const ALL: &[Language] = <Language as strum::VariantArray>::VARIANTS;

    pub fn code(self) -> &'static str {
        self.into()
    }

    /// Reads `en`, `fr`, `nb`, `es` and common spellings (`no`, `english`, `français`…).
    pub fn parse(s: &str) -> Option<Language> {
        let l = s.trim().to_lowercase();
        Some(match l.as_str() {
            "en" | "eng" | "english" | "anglais" | "engelsk" | "inglés" | "ingles" => Language::En,
            "fr" | "fra" | "fre" | "french" | "français" | "francais" | "fransk" | "francés"
            | "frances" => Language::Fr,
            "nb" | "no" | "nob" | "nor" | "norwegian" | "norsk" | "bokmål" | "bokmal"
            | "norvégien" | "norvegien" | "noruego" => Language::Nb,
            "es" | "spa" | "spanish" | "español" | "espanol" | "espagnol" | "spansk" => {
                Language::Es
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::parse(s)
            .ok_or_else(|| format!("unknown language {s:?} (expected en, fr, nb or es)"))
    }
}
