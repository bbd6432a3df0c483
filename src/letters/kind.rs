//! The kinds of letter a clerk sends, and the legal basis a letter cites.

use std::str::FromStr;

use serde::Serialize;

/// One letter of the dunning ladder or of the account's routine. Its name
/// (`formal_notice`) is in template file names, on the command line and in
/// exports.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LetterKind {
    /// A friendly note before the due date.
    Courtesy,
    Reminder1,
    Reminder2,
    /// The last reminder before formal steps.
    Reminder3,
    /// Mise en demeure, inkassovarsel, requerimiento de pago, letter before action.
    FormalNotice,
    /// The open invoices and their total.
    Statement,
    /// Confirms a planned visit.
    VisitConfirmation,
    /// Tells the client their free pilot period ends.
    PilotEndNotice,
    /// Asks for the deposit before work starts or delivery.
    DepositRequest,
}

impl LetterKind {
    pub const ALL: &[LetterKind] = <LetterKind as strum::VariantArray>::VARIANTS;

    /// The name used in template file names and on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads [`as_str`](Self::as_str) names, with `-` or a space accepted for
    /// `_` and `reminder_1` for `reminder1`.
    pub fn parse(s: &str) -> Option<LetterKind> {
        let l = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let l = l.replace("reminder_", "reminder");
        LetterKind::ALL.iter().copied().find(|k| k.as_str() == l)
    }

    /// The letter for a reminder level: 0 is the courtesy note, 1–3 the
    /// reminders; `None` past 3 (that is a formal notice, a decision of its own).
    pub fn for_reminder_level(level: u32) -> Option<LetterKind> {
        match level {
            0 => Some(LetterKind::Courtesy),
            1 => Some(LetterKind::Reminder1),
            2 => Some(LetterKind::Reminder2),
            3 => Some(LetterKind::Reminder3),
            _ => None,
        }
    }
}

impl FromStr for LetterKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LetterKind::parse(s).ok_or_else(|| {
            format!(
                "unknown letter {s:?} (expected courtesy, reminder1, reminder2, reminder3, \
                 formal_notice, statement, visit_confirmation, \
                 pilot_end_notice or deposit_request)"
            )
        })
    }
}

/// Which late-payment law a letter cites: the EU directive as transposed in
/// any member state, or the national law of France, Spain, Norway or the UK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Law {
    /// Directive 2011/7/EU.
    Eu,
    /// Code de commerce L441-10; Code civil 1344 for individuals.
    Fr,
    /// Ley 3/2004; Código Civil 1100 and 1108 for individuals.
    Es,
    /// Forsinkelsesrenteloven and inkassoloven.
    No,
    /// Late Payment of Commercial Debts (Interest) Act 1998.
    Gb,
}

/// EU member states other than France and Spain (ISO 3166 codes, Greece as
/// both `GR` and `EL`).
const EU_OTHERS: [&str; 26] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "FI", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

impl Law {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The law for a client's ISO 3166 country code, `None` outside the EU,
    /// Norway and the UK (the letter then cites no statute).
    pub fn for_country(code: &str) -> Option<Law> {
        let c = code.trim().to_ascii_uppercase();
        match c.as_str() {
            "FR" => Some(Law::Fr),
            "ES" => Some(Law::Es),
            "NO" => Some(Law::No),
            "GB" | "UK" => Some(Law::Gb),
            c if EU_OTHERS.contains(&c) => Some(Law::Eu),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &k in LetterKind::ALL {
            assert_eq!(LetterKind::parse(k.as_str()), Some(k));
            assert_eq!(k.to_string().parse::<LetterKind>(), Ok(k));
        }
        assert_eq!(
            LetterKind::parse("Formal-Notice"),
            Some(LetterKind::FormalNotice)
        );
        assert_eq!(LetterKind::parse("reminder_2"), Some(LetterKind::Reminder2));
        assert_eq!(
            LetterKind::parse("pilot end notice"),
            Some(LetterKind::PilotEndNotice)
        );
        assert_eq!(
            LetterKind::parse("Deposit-Request"),
            Some(LetterKind::DepositRequest)
        );
        assert_eq!(LetterKind::parse("reminder4"), None);
        assert!("letter".parse::<LetterKind>().is_err());
    }

    #[test]
    fn reminder_levels() {
        assert_eq!(
            LetterKind::for_reminder_level(0),
            Some(LetterKind::Courtesy)
        );
        assert_eq!(
            LetterKind::for_reminder_level(3),
            Some(LetterKind::Reminder3)
        );
        assert_eq!(LetterKind::for_reminder_level(4), None);
    }

    #[test]
    fn law_by_country() {
        assert_eq!(Law::for_country("fr"), Some(Law::Fr));
        assert_eq!(Law::for_country("NO"), Some(Law::No));
        assert_eq!(Law::for_country("GB"), Some(Law::Gb));
        assert_eq!(Law::for_country("DE"), Some(Law::Eu));
        assert_eq!(Law::for_country("ES"), Some(Law::Es));
        assert_eq!(Law::for_country("US"), None);
        assert_eq!(Law::for_country("CH"), None);
    }
}
