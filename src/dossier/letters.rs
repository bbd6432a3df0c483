//! The letters sent for a case, read back from its journal: one letter
//! per sending (a letter about three invoices is three entries with one
//! note), with its files in the team's letters folder and, for a
//! registered letter, its acknowledgment of receipt.

use chrono::NaiveDate;

use crate::store::journal::JournalEntry;

/// One letter sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterCopy {
    /// The first journal entry that records it.
    pub entry: i64,
    pub on: NaiveDate,
    pub user: String,
    /// `reminder 2`, `formal notice`, `pilot_end_notice`…
    pub what: String,
    /// `by e-mail`, `by post`, or `channel not recorded` (logged by hand).
    pub channel: &'static str,
    pub deadline: Option<NaiveDate>,
    pub registered: bool,
    pub acknowledged_on: Option<NaiveDate>,
    /// The postal tracking number kept with the acknowledgment.
    pub tracking: Option<String>,
    /// The invoices it was about.
    pub invoices: Vec<String>,
    /// Its files, relative to the letters folder (`2026-10-01/NAME.pdf`);
    /// none for a letter logged by hand.
    pub files: Vec<String>,
    /// The journal note, which tells letters logged by hand apart.
    pub what_note: String,
}

/// Where a letter's journal note lists its files.
const FILES: &str = "; files: ";

/// The letters `journal` (oldest first) records as sent.
pub fn letters_sent(journal: &[JournalEntry]) -> Vec<LetterCopy> {
    let mut out: Vec<LetterCopy> = Vec::new();
    for e in journal {
        // A letter logged by mistake, and corrected, was not sent.
        if e.corrected_by.is_some() {
            continue;
        }
        // A letter dun wrote names its files; a reminder or notice logged
        // by hand is a letter too, of which no copy was kept.
        let files: Vec<String> = match (e.note.rsplit_once(FILES), e.kind.as_str()) {
            (Some((_, names)), "reminder" | "formal_notice" | "letter" | "statement") => {
                names.split_whitespace().map(str::to_string).collect()
            }
            (None, "reminder" | "formal_notice") => Vec::new(),
            _ => continue,
        };
        if let Some(same) = out.iter_mut().find(|l| {
            l.on == e.on && l.files == files && (!files.is_empty() || l.what_note == e.note)
        }) {
            same.invoices.extend(e.invoice.clone());
            same.registered |= e.registered;
            same.acknowledged_on = same.acknowledged_on.or(e.acknowledged_on);
            continue;
        }
        let what = match (e.kind.as_str(), e.level, e.reason.as_deref()) {
            ("reminder", Some(0), _) => "courtesy reminder".to_string(),
            ("reminder", Some(l), _) => format!("reminder {l}"),
            ("formal_notice", _, _) => "formal notice".to_string(),
            ("statement", _, _) => "account statement".to_string(),
            (_, _, Some(reason)) => reason.replace('_', " "),
            (kind, _, None) => kind.replace('_', " "),
        };
        out.push(LetterCopy {
            entry: e.id,
            on: e.on,
            user: e.user.clone(),
            what,
            channel: if e.note.contains(" sent by e-mail to ") {
                "by e-mail"
            } else if files.is_empty() {
                "channel not recorded"
            } else {
                "by post"
            },
            deadline: e.deadline,
            registered: e.registered,
            acknowledged_on: e.acknowledged_on,
            tracking: None,
            invoices: e.invoice.clone().into_iter().collect(),
            files,
            what_note: e.note.clone(),
        });
    }
    // The tracking number is kept with the acknowledgment that refers to
    // the letter's entry: "tracking number RR123456785FR; …".
    for ack in journal
        .iter()
        .filter(|e| e.outcome.as_deref() == Some("acknowledged"))
    {
        let Some(tracking) = ack
            .note
            .strip_prefix("tracking number ")
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        if let Some(l) = out.iter_mut().find(|l| Some(l.entry) == ack.refers_to) {
            l.tracking = Some(tracking);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, kind: &str, invoice: &str, note: &str) -> JournalEntry {
        JournalEntry {
            at: "2026-10-01T09:00:00Z".into(),
            on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            user: "alice".into(),
            client: "FR-1".into(),
            invoice: (!invoice.is_empty()).then(|| invoice.to_string()),
            level: Some(3),
            note: note.into(),
            deadline: NaiveDate::from_ymd_opt(2026, 10, 8),
            ..JournalEntry::example(id, kind)
        }
    }

    #[test]
    fn one_letter_about_two_invoices_is_one_copy_with_its_tracking_number() {
        let note = "reminder 3 written to be sent by post; files: 2026-10-01/FR-1-reminder3.txt 2026-10-01/FR-1-reminder3.pdf";
        let mut a = entry(1, "reminder", "A-1", note);
        a.registered = true;
        let b = entry(2, "reminder", "A-2", note);
        let mut ack = entry(
            3,
            "letter",
            "",
            "tracking number RR123456785FR; signed by the mayor",
        );
        ack.outcome = Some("acknowledged".into());
        ack.refers_to = Some(1);
        let call = entry(4, "call", "", "files: none");
        let by_hand = entry(5, "reminder", "A-3", "Reminder 1 sent");
        let got = letters_sent(&[a, b, ack, call, by_hand]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].files.is_empty());
        assert_eq!(got[1].invoices, ["A-3"]);
        let l = &got[0];
        assert_eq!(l.what, "reminder 3");
        assert_eq!(l.channel, "by post");
        assert_eq!(l.invoices, ["A-1", "A-2"]);
        assert_eq!(
            l.files,
            [
                "2026-10-01/FR-1-reminder3.txt",
                "2026-10-01/FR-1-reminder3.pdf"
            ]
        );
        assert!(l.registered);
        assert_eq!(l.tracking.as_deref(), Some("RR123456785FR"));
    }
}
