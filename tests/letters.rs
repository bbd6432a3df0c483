//! The letters: every kind in every language as a snapshot of the sample,
//! and the rules every rendering keeps (strict templates, user overrides,
//! no control characters, what a formal notice must say).

use std::fs;

use dun::domain::client::Profile;
use dun::domain::language::Language;
use dun::letters::{Law, LetterError, LetterKind, eml, render, sample};

fn text(kind: LetterKind, lang: Language) -> String {
    let letter = render(&sample(kind, lang), None).unwrap();
    format!("Subject: {}\n\n{}", letter.subject, letter.body)
}

#[test]
fn every_kind_in_every_language() {
    for &lang in Language::ALL {
        for &kind in LetterKind::ALL {
            insta::assert_snapshot!(format!("{lang}_{kind}"), text(kind, lang));
        }
    }
}

const LAWS: [Option<Law>; 6] = [
    None,
    Some(Law::Eu),
    Some(Law::Fr),
    Some(Law::Es),
    Some(Law::No),
    Some(Law::Gb),
];

#[test]
fn every_template_renders_every_profile_law_and_missing_part() {
    for &lang in Language::ALL {
        for &kind in LetterKind::ALL {
            for &profile in Profile::ALL {
                for law in LAWS {
                    for bare in [false, true] {
                        let mut ctx = sample(kind, lang);
                        ctx.client.profile = profile;
                        ctx.law = law;
                        if bare {
                            ctx.client.contact = None;
                            ctx.company.phone.clear();
                            ctx.company.email.clear();
                            ctx.company.bank_account.clear();
                            ctx.company.signature.clear();
                            ctx.invoices.truncate(1);
                            ctx.previous_reminders.clear();
                            ctx.total_compensation = None;
                            ctx.rate = None;
                        }
                        let what = format!("{lang}/{kind} {profile:?} {law:?} bare={bare}");
                        let letter = render(&ctx, None).unwrap_or_else(|e| panic!("{what}: {e}"));
                        assert!(!letter.body.contains("{{"), "{what}");
                        assert!(!letter.body.contains("\n\n\n"), "{what}");
                        assert!(letter.body.contains(&ctx.company.name), "{what}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_misspelt_variable_is_an_error_naming_the_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("en")).unwrap();
    let path = dir.path().join("en/reminder1.txt");
    fs::write(&path, "Subject: Reminder\n\nDear {{ client.nmae }},\n").unwrap();
    let err = render(
        &sample(LetterKind::Reminder1, Language::En),
        Some(dir.path()),
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, LetterError::Template { line: Some(3), .. }),
        "{message}"
    );
    assert!(message.contains("en/reminder1.txt"), "{message}");
    assert!(message.contains("line 3"), "{message}");
    assert!(message.contains("client.nmae"), "{message}");

    fs::write(&path, "Subject: Reminder\n\n{% if nothing %}x{% endif %}\n").unwrap();
    let err = render(
        &sample(LetterKind::Reminder1, Language::En),
        Some(dir.path()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("undefined"), "{err}");

    fs::write(&path, "Dear {{ client.name }},\n").unwrap();
    let err = render(
        &sample(LetterKind::Reminder1, Language::En),
        Some(dir.path()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("Subject:"), "{err}");
    assert!(err.to_string().contains("en/reminder1.txt"), "{err}");

    fs::write(&path, "Subject: x\n\n{% if %}\n").unwrap();
    let err = render(
        &sample(LetterKind::Reminder1, Language::En),
        Some(dir.path()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn a_user_copy_overrides_the_embedded_template() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("fr")).unwrap();
    fs::write(
        dir.path().join("fr/statement.txt"),
        "Subject: Votre relevé\n\nBonjour {{ client.name }},\r\nsolde : {{ total_outstanding }}\n",
    )
    .unwrap();
    let ctx = sample(LetterKind::Statement, Language::Fr);
    let letter = render(&ctx, Some(dir.path())).unwrap();
    assert_eq!(letter.subject, "Votre relevé");
    assert_eq!(
        letter.body,
        // French typography: a no-break space before the colon, even in a
        // user's template.
        "Bonjour Dumas Logistique SAS,\nsolde\u{a0}: 7\u{202f}610,00\u{a0}€\n"
    );

    // Kinds and languages without a user copy keep the embedded template.
    let other = render(
        &sample(LetterKind::Statement, Language::En),
        Some(dir.path()),
    )
    .unwrap();
    assert_eq!(
        other,
        render(&sample(LetterKind::Statement, Language::En), None).unwrap()
    );
    let missing = dir.path().join("nowhere");
    assert_eq!(
        render(&ctx, Some(&missing)).unwrap(),
        render(&ctx, None).unwrap()
    );
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn no_control_character_reaches_the_letter() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("en")).unwrap();
    fs::write(
        dir.path().join("en/courtesy.txt"),
        "Subject: Hi\u{7}\n\nTab\there \u{9b}2J\u{202e}x\n",
    )
    .unwrap();
    for &lang in Language::ALL {
        for &kind in LetterKind::ALL {
            let mut ctx = sample(kind, lang);
            ctx.client.name = "\u{1b}]0;evil\u{7}Acme".into();
            ctx.client.contact = Some("Ms\r\nBcc: x@y".into());
            ctx.client.address.push("\u{202e}gnp.exe".into());
            ctx.company.signature = "Claire\tBennett\u{7f}".into();
            if let Some(inv) = ctx.invoices.first_mut() {
                inv.milestone = Some("mock-ups\n\nPay to another account".into());
                inv.number = "\u{1b}[2J42".into();
            }
            for dir in [None, Some(dir.path())] {
                let letter = render(&ctx, dir).unwrap();
                let all = format!("{}\n{}", letter.subject, letter.body);
                assert!(!all.chars().any(is_forbidden), "{lang}/{kind}: {all:?}");
                assert!(!letter.subject.contains('\n'));
                if dir.is_none() {
                    assert!(
                        letter.body.contains("\u{fffd}]0;evil\u{fffd}Acme"),
                        "{lang}/{kind}"
                    );
                }
            }
        }
    }
    let ctx = sample(LetterKind::Courtesy, Language::En);
    let letter = render(&ctx, Some(dir.path())).unwrap();
    assert_eq!(letter.subject, "Hi\u{fffd}");
    assert_eq!(letter.body, "Tab here \u{fffd}2J\u{fffd}x\n");
}

#[test]
fn the_formal_notice_cites_the_reminders_the_deadline_and_the_total() {
    for &lang in Language::ALL {
        let ctx = sample(LetterKind::FormalNotice, lang);
        let letter = render(&ctx, None).unwrap();
        assert_eq!(ctx.previous_reminders.len(), 3);
        for r in &ctx.previous_reminders {
            assert!(letter.body.contains(&r.date), "{lang}: {}", r.date);
        }
        assert!(letter.body.contains(&ctx.deadline), "{lang}");
        let total = ctx.grand_total.as_deref().unwrap();
        assert!(letter.body.contains(total), "{lang}");
        assert!(letter.body.contains(&ctx.total_outstanding), "{lang}");
        assert!(letter.body.contains(ctx.rate.as_deref().unwrap()), "{lang}");
        assert!(
            letter.body.contains(ctx.interest_from.as_deref().unwrap()),
            "{lang}"
        );
    }
    let cites = |lang, profile, law, needle: &str| {
        let mut ctx = sample(LetterKind::FormalNotice, lang);
        ctx.client.profile = profile;
        ctx.law = Some(law);
        let body = render(&ctx, None).unwrap().body;
        assert!(
            body.contains(needle),
            "{lang} {profile:?} {law:?}: {needle}\n{body}"
        );
    };
    cites(
        Language::Fr,
        Profile::Business,
        Law::Fr,
        "article L441-10 du Code de commerce",
    );
    cites(
        Language::Fr,
        Profile::Individual,
        Law::Fr,
        "article 1344 du Code civil",
    );
    cites(
        Language::Fr,
        Profile::Business,
        Law::Fr,
        "Lettre recommandée avec accusé de réception",
    );
    cites(Language::Nb, Profile::Business, Law::No, "inkassoloven § 9");
    cites(Language::Nb, Profile::Individual, Law::No, "INKASSOVARSEL");
    cites(Language::Es, Profile::Business, Law::Es, "Ley 3/2004");
    cites(Language::Es, Profile::Administration, Law::Es, "Ley 3/2004");
    cites(
        Language::En,
        Profile::Business,
        Law::Gb,
        "Late Payment of Commercial Debts (Interest) Act 1998",
    );
    cites(
        Language::En,
        Profile::Business,
        Law::Gb,
        "LETTER BEFORE ACTION",
    );
    cites(
        Language::En,
        Profile::Business,
        Law::Eu,
        "Directive 2011/7/EU",
    );
}

#[test]
fn an_invoice_line_mentions_its_milestone() {
    let phrases = [
        (
            Language::En,
            "For the work delivered: Q3 catalogue mock-ups",
        ),
        (
            Language::Fr,
            "Travaux livrés\u{a0}: maquettes du catalogue du troisième trimestre",
        ),
        (
            Language::Nb,
            "Gjelder levert arbeid: skisser til katalogen for tredje kvartal",
        ),
        (
            Language::Es,
            "Trabajos entregados: maquetas del catálogo del tercer trimestre",
        ),
    ];
    for (lang, phrase) in phrases {
        // The courtesy note is about the invoice not yet due, the pilot-end
        // notice about no invoice, the deposit request about the deposit.
        for kind in LetterKind::ALL.iter().copied().filter(|k| {
            !matches!(
                k,
                LetterKind::Courtesy | LetterKind::PilotEndNotice | LetterKind::DepositRequest
            )
        }) {
            let body = render(&sample(kind, lang), None).unwrap().body;
            assert!(body.contains(phrase), "{lang}/{kind}");
        }
        let mut ctx = sample(LetterKind::Reminder1, lang);
        for inv in &mut ctx.invoices {
            inv.milestone = None;
        }
        let body = render(&ctx, None).unwrap().body;
        let label = phrase.split(':').next().unwrap();
        assert!(!body.contains(label), "{lang}: {label}");
    }
}

#[test]
fn a_deposit_invoice_is_introduced_as_a_deposit() {
    let phrases = [
        (Language::En, "Deposit for: Q3 catalogue mock-ups"),
        (
            Language::Fr,
            "Acompte sur la prestation\u{a0}: maquettes du catalogue du troisième trimestre",
        ),
        (
            Language::Nb,
            "Gjelder forskudd for: skisser til katalogen for tredje kvartal",
        ),
        (
            Language::Es,
            "Anticipo a cuenta de: maquetas del catálogo del tercer trimestre",
        ),
    ];
    for (lang, phrase) in phrases {
        for kind in [
            LetterKind::Reminder1,
            LetterKind::Reminder2,
            LetterKind::Reminder3,
            LetterKind::FormalNotice,
            LetterKind::Statement,
            LetterKind::VisitConfirmation,
        ] {
            let mut ctx = sample(kind, lang);
            ctx.invoices[0].deposit = true;
            let body = render(&ctx, None).unwrap().body;
            assert!(body.contains(phrase), "{lang}/{kind}:\n{body}");
            // Indented under its invoice, like every note of an invoice.
            assert!(body.contains(&format!("\n  {phrase}")), "{lang}/{kind}");
        }
    }
}

#[test]
fn a_rendered_letter_becomes_an_email() {
    let ctx = sample(LetterKind::FormalNotice, Language::Fr);
    let letter = render(&ctx, None).unwrap();
    let date = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00Z")
        .unwrap()
        .to_utc();
    let message = eml(
        &ctx.company.name,
        &ctx.company.email,
        &ctx.client.name,
        &ctx.client.email,
        &letter.subject,
        &letter.body,
        date,
        "C-2087/formal_notice",
    )
    .unwrap();
    assert!(message.is_ascii());
    for l in message.split("\r\n") {
        assert!(l.len() <= 78, "{l}");
    }
    assert!(
        message.to_ascii_lowercase().contains("=?utf-8?b?"),
        "{message}"
    );
    assert!(message.contains("@atelier-boreal.example>\r\n"));
    assert!(message.contains("Content-Transfer-Encoding: quoted-printable\r\n\r\n"));
    assert!(!message.replace("\r\n", "").contains('\n'));
}

#[test]
fn every_letter_after_a_broken_promise_says_when_it_was_made_and_for_when() {
    use chrono::NaiveDate;
    let made = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let by = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    for &lang in Language::ALL {
        for kind in [
            LetterKind::Reminder1,
            LetterKind::Reminder2,
            LetterKind::Reminder3,
            LetterKind::FormalNotice,
        ] {
            let ctx = sample(kind, lang);
            let amount = dun::domain::money::Money::new(65_000, ctx.to_pay.unwrap().currency);
            let ctx = ctx.with_promise(made, by, amount);
            let p = ctx.promised.clone().unwrap();
            let body = render(&ctx, None).unwrap().body;
            let line = body
                .lines()
                .find(|l| l.contains(&p.made_on))
                .unwrap_or_else(|| panic!("{lang}/{kind}: no {}\n{body}", p.made_on));
            assert!(
                line.contains(&p.date) && line.contains(&p.amount),
                "{lang}/{kind}: {line}"
            );
        }
    }
}
