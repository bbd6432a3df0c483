//! A promise's Invoices field: which of the client's overdue invoices it
//! covers ("all overdue", the default, or their numbers), and the amount
//! that follows them while the clerk has not typed one.

use crate::domain::money::decimal_string;

use super::Form;
use super::fields::ALL_OVERDUE;

/// The invoices typed in a promise's Invoices field, by the numbers of
/// `known` (number, outstanding, disputed) when the form knows them: empty
/// for the whole overdue account ("all overdue" or nothing typed).
/// Numbers are separated by commas or spaces, case aside.
pub fn covered(text: &str, known: &[(String, i64, bool)]) -> Result<Vec<String>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case(ALL_OVERDUE) {
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = Vec::new();
    for word in text.split([',', ' ', ';']).filter(|w| !w.is_empty()) {
        let number = if known.is_empty() {
            word.to_string()
        } else {
            match known.iter().find(|k| k.0.eq_ignore_ascii_case(word)) {
                Some(k) => k.0.clone(),
                None => {
                    let all: Vec<&str> = known.iter().map(|k| k.0.as_str()).collect();
                    return Err(format!(
                        "Invoices: {word} is not one of the overdue invoices ({}), or type {ALL_OVERDUE}",
                        all.join(", ")
                    ));
                }
            }
        };
        if !out.contains(&number) {
            out.push(number);
        }
    }
    if !known.is_empty() && out.iter().all(|n| known.iter().any(|k| k.0 == *n && k.2)) {
        let verb = if out.len() == 1 { "is" } else { "are" };
        return Err(format!(
            "Invoices: {} {verb} disputed: a promise covers a disputed invoice only with others",
            out.join(", ")
        ));
    }
    Ok(out)
}

impl Form {
    /// A promise's amount follows the invoices it covers while the Amount
    /// field holds what the form put there: their outstanding total, or
    /// all that is overdue.
    pub(super) fn follow_covers(&mut self) {
        let Some(invoices) = self.fields.iter().position(|f| f.label == "Invoices") else {
            return;
        };
        if self.focus != invoices || self.target.overdue_invoices.is_empty() {
            return;
        }
        let Some(amount) = self.fields.iter().position(|f| f.label == "Amount") else {
            return;
        };
        if self.auto_amount.as_deref() != Some(self.fields[amount].value.as_str()) {
            return;
        }
        let known = &self.target.overdue_invoices;
        let Ok(covers) = covered(&self.fields[invoices].value, known) else {
            return;
        };
        let total: i64 = if covers.is_empty() {
            self.target.overdue
        } else {
            known
                .iter()
                .filter(|k| covers.contains(&k.0))
                .map(|k| k.1)
                .sum()
        };
        let value = decimal_string(total, self.target.currency.exponent());
        self.fields[amount].value = value.clone();
        self.auto_amount = Some(value);
    }
}

#[cfg(test)]
mod tests {
    use super::covered;

    fn known() -> Vec<(String, i64, bool)> {
        vec![
            ("F-1".into(), 100, false),
            ("F-2".into(), 200, true),
            ("F-3".into(), 300, false),
        ]
    }

    #[test]
    fn all_overdue_or_nothing_is_the_whole_account() {
        assert_eq!(covered("all overdue", &known()), Ok(vec![]));
        assert_eq!(covered("  ", &known()), Ok(vec![]));
        assert_eq!(covered("ALL OVERDUE", &known()), Ok(vec![]));
    }

    #[test]
    fn numbers_are_read_case_aside_once_each() {
        assert_eq!(
            covered("f-3, F-1 f-3", &known()),
            Ok(vec!["F-3".to_string(), "F-1".to_string()])
        );
        // With a disputed one among others: taken.
        assert_eq!(
            covered("F-2 F-1", &known()),
            Ok(vec!["F-2".to_string(), "F-1".to_string()])
        );
        // Unknown to the form (opened from the queue): as typed.
        assert_eq!(covered("X-9", &[]), Ok(vec!["X-9".to_string()]));
    }

    #[test]
    fn a_disputed_invoice_alone_or_an_unknown_one_is_refused() {
        assert_eq!(
            covered("F-2", &known()),
            Err(
                "Invoices: F-2 is disputed: a promise covers a disputed invoice only with others"
                    .to_string()
            )
        );
        let e = covered("F-1 F-9", &known()).unwrap_err();
        assert!(
            e.contains("F-9 is not one of the overdue invoices (F-1, F-2, F-3)"),
            "{e}"
        );
    }
}
