//! What every letter must say (its deadline, no template residue), the
//! two letters of the account's routine, and the case letters: one letter
//! for a client's overdue invoices, each with its own history.

use dun::domain::language::Language;
use dun::letters::{LetterKind, render, sample};

#[test]
fn every_letter_states_its_deadline_and_leaves_no_residue() {
    for &lang in Language::ALL {
        for &kind in LetterKind::ALL {
            let ctx = sample(kind, lang);
            let letter = render(&ctx, None).unwrap_or_else(|e| panic!("{lang}/{kind}: {e}"));
            let all = format!("{}\n{}", letter.subject, letter.body);
            for residue in ["{{", "}}", "{%", "none", "None", "undefined"] {
                assert!(!all.contains(residue), "{lang}/{kind}: {residue}\n{all}");
            }
            assert!(
                letter.body.contains(&ctx.deadline),
                "{lang}/{kind}: {}\n{}",
                ctx.deadline,
                letter.body
            );
        }
    }
}

#[test]
fn the_pilot_end_notice_and_the_deposit_request_give_their_figures() {
    for &lang in Language::ALL {
        let ctx = sample(LetterKind::PilotEndNotice, lang);
        let ends = &ctx.pilot.as_ref().unwrap().ends_on;
        let letter = render(&ctx, None).unwrap();
        assert!(letter.subject.contains(ends.as_str()), "{lang}");
        assert!(letter.body.contains(ends.as_str()), "{lang}");

        let ctx = sample(LetterKind::DepositRequest, lang);
        let letter = render(&ctx, None).unwrap();
        assert!(letter.subject.contains(&ctx.invoices[0].number), "{lang}");
        assert!(letter.body.contains(&ctx.total_outstanding), "{lang}");
        assert!(letter.body.contains(&ctx.company.bank_account), "{lang}");
        let mut bare = ctx.clone();
        bare.company.bank_account.clear();
        let body = render(&bare, None).unwrap().body;
        assert!(
            !body.contains("IBAN") && !body.contains("sort code"),
            "{lang}"
        );
    }
}

const ALSO: [(Language, &str); 4] = [
    (Language::En, "first reminder"),
    (Language::Fr, "première relance"),
    (Language::Nb, "første påminnelse"),
    (Language::Es, "primer recordatorio"),
];

#[test]
fn a_formal_notice_lists_the_invoices_it_does_not_cover() {
    for (lang, first) in ALSO {
        let ctx = sample(LetterKind::FormalNotice, lang);
        let late = &ctx.also_overdue[0];
        let body = render(&ctx, None).unwrap().body;
        let line = body
            .lines()
            .find(|l| l.contains(&late.number))
            .unwrap_or_else(|| panic!("{lang}: {body}"));
        assert!(line.contains(first), "{lang}: {line}");
        // Not in the notice's own list nor in its total.
        let total = ctx.grand_total.as_deref().unwrap();
        assert!(body.find(total) < body.find(&late.number), "{lang}: {body}");
        // Two of them: both listed with their own reminder number.
        let mut two = ctx.clone();
        let mut second = late.clone();
        second.number = "X-2".into();
        second.level = Some(2);
        two.also_overdue.push(second);
        let body = render(&two, None).unwrap().body;
        assert!(
            body.contains(&late.number) && body.contains("X-2"),
            "{lang}"
        );
        let x2 = body.lines().find(|l| l.contains("X-2")).unwrap();
        assert!(!x2.contains(first), "{lang}: {x2}");
        // None: no such paragraph.
        let mut none = ctx.clone();
        none.also_overdue.clear();
        let body = render(&none, None).unwrap().body;
        assert!(!body.contains(first), "{lang}: {body}");
    }
}

const MIXED: [(Language, &str, &str); 4] = [
    (
        Language::En,
        "second reminder for this invoice",
        "Earlier reminder",
    ),
    (Language::Fr, "deuxième relance de cette facture", "Relance"),
    (
        Language::Nb,
        "andre påminnelsen om denne fakturaen",
        "Tidligere påminnelse",
    ),
    (
        Language::Es,
        "segundo recordatorio de esta factura",
        "Recordatorio",
    ),
];

#[test]
fn a_reminder_shows_each_invoice_its_own_level_only_when_they_differ() {
    for (lang, level_two, earlier) in MIXED {
        let ctx = sample(LetterKind::Reminder3, lang);
        let body = render(&ctx, None).unwrap().body;
        assert!(body.contains(level_two), "{lang}: {body}");
        for r in &ctx.invoices[0].reminders {
            assert!(body.contains(&r.date), "{lang}: {}", r.date);
        }
        assert_eq!(body.matches(level_two).count(), 1, "{lang}");

        // Every invoice at the letter's level, with the same history: the
        // lines say nothing more, the letter gives the dates once.
        let mut same = ctx.clone();
        for inv in &mut same.invoices {
            inv.level = Some(3);
            inv.reminders = ctx.invoices[0].reminders.clone();
        }
        let body = render(&same, None).unwrap().body;
        assert!(!body.contains(level_two), "{lang}: {body}");
        assert!(
            !body.lines().any(|l| l.trim_start().starts_with(earlier)),
            "{lang}: {body}"
        );
        for r in &ctx.previous_reminders {
            assert!(body.contains(&r.date), "{lang}: {}", r.date);
        }

        // A reminder 1 letter for an invoice already reminded elsewhere.
        let mut r1 = sample(LetterKind::Reminder1, lang);
        r1.invoices[1].level = Some(2);
        let body = render(&r1, None).unwrap().body;
        assert!(body.contains(level_two), "{lang}: {body}");
    }
}
