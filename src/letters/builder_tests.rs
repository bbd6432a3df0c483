//! Tests of the context builder: what each language writes.

use super::*;
use crate::domain::currency::Currency;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn rates_are_written_per_language() {
    let r = Decimal::new(12_155, 3);
    assert_eq!(format_rate(r, Language::En), "12.16%");
    assert_eq!(format_rate(r, Language::Fr), "12,16\u{a0}%");
    assert_eq!(format_rate(Decimal::new(8, 0), Language::Nb), "8,00\u{a0}%");
    assert_eq!(
        format_rate(Decimal::new(1015, 2), Language::Es),
        "10,15\u{a0}%"
    );
}

#[test]
fn addresses_split_into_lines() {
    assert_eq!(
        address_lines("12 rue des Tanneurs\n\n  69002 Lyon  \n"),
        ["12 rue des Tanneurs", "69002 Lyon"]
    );
    assert!(address_lines("").is_empty());
}

#[test]
fn an_invoice_line_is_written_for_its_language() {
    let eur = |minor| Money::new(minor, Currency::EUR);
    let line = InvoiceLine::new(
        Language::Es,
        date(2026, 11, 24),
        "A-1",
        date(2026, 9, 1),
        date(2026, 10, 1),
        eur(125_000),
        eur(65_000),
    )
    .with_milestone("  ")
    .with_penalties(Language::Es, eur(1234), None);
    assert_eq!(line.issued_on, "1 de septiembre de 2026");
    assert_eq!(line.amount, "1.250,00\u{a0}€");
    assert_eq!(line.outstanding, "650,00\u{a0}€");
    assert_eq!(line.days_overdue, 54);
    assert_eq!(line.milestone, None);
    assert_eq!(line.interest.as_deref(), Some("12,34\u{a0}€"));
    assert_eq!(line.compensation, None);
    let not_due = InvoiceLine::new(
        Language::En,
        date(2026, 9, 24),
        "A-1",
        date(2026, 9, 1),
        date(2026, 10, 1),
        eur(100),
        eur(100),
    );
    assert_eq!(not_due.days_overdue, 0);
}

#[test]
fn the_context_formats_what_it_is_given() {
    let client = ClientDetails {
        code: "C-1".into(),
        name: "Acme".into(),
        contact: None,
        address: vec![],
        email: String::new(),
        profile: crate::domain::client::Profile::Business,
        salutation: "Hei,".into(),
        closing: "Med vennlig hilsen".into(),
        civility: String::new(),
    };
    let company = CompanyDetails::from_config(&CompanyConfig {
        name: "Us".into(),
        address: "1 Road\nTown".into(),
        ..CompanyConfig::default()
    });
    let nok = |minor| Money::new(minor, Currency::NOK);
    let ctx = LetterContext::new(
        LetterKind::FormalNotice,
        Language::Nb,
        date(2026, 11, 24),
        date(2026, 12, 8),
        company,
        client,
    )
    .with_invoices(vec![], nok(5_450_000))
    .with_previous_reminder(1, date(2026, 10, 22))
    .with_reminder_fee(nok(3500))
    .with_penalties(Penalties {
        rate: Decimal::new(12, 0),
        from: date(2026, 10, 16),
        interest: nok(68_252),
        compensation: None,
        grand_total: nok(5_521_752),
    })
    .by_registered_mail();
    assert_eq!(ctx.company.address, ["1 Road", "Town"]);
    assert_eq!(ctx.today, "24. november 2026");
    assert_eq!(ctx.deadline, "8. desember 2026");
    assert_eq!(ctx.total_outstanding, "kr\u{a0}54\u{a0}500,00");
    assert_eq!(ctx.previous_reminders[0].date, "22. oktober 2026");
    assert_eq!(ctx.reminder_fee.as_deref(), Some("kr\u{a0}35,00"));
    assert_eq!(ctx.rate.as_deref(), Some("12,00\u{a0}%"));
    assert_eq!(ctx.interest_from.as_deref(), Some("16. oktober 2026"));
    assert_eq!(ctx.total_compensation, None);
    assert!(ctx.registered);
}

#[test]
fn an_invoice_line_carries_its_own_reminders_and_level() {
    let eur = |minor| Money::new(minor, Currency::EUR);
    let line = InvoiceLine::new(
        Language::Fr,
        date(2026, 11, 24),
        "A-1",
        date(2026, 9, 1),
        date(2026, 10, 1),
        eur(100),
        eur(100),
    );
    assert!(line.reminders.is_empty());
    assert_eq!(line.level, None);
    let line = line
        .with_reminders(
            Language::Fr,
            vec![(1, date(2026, 10, 8)), (2, date(2026, 11, 1))],
        )
        .with_level(3);
    assert_eq!(line.reminders[0].date, "8 octobre 2026");
    assert_eq!(line.reminders[1].date, "1er novembre 2026");
    assert_eq!(line.reminders[1].level, 2);
    assert_eq!(line.level, Some(3));
}

#[test]
fn the_pilot_and_the_invoices_a_notice_leaves_out() {
    let client = ClientDetails {
        code: "C-1".into(),
        name: "Acme".into(),
        contact: None,
        address: vec![],
        email: String::new(),
        profile: crate::domain::client::Profile::Business,
        salutation: "Hei,".into(),
        closing: "Med vennlig hilsen".into(),
        civility: String::new(),
    };
    let ctx = LetterContext::new(
        LetterKind::PilotEndNotice,
        Language::Es,
        date(2026, 11, 24),
        date(2026, 12, 4),
        CompanyDetails::default(),
        client,
    );
    assert_eq!(ctx.pilot, None);
    assert!(ctx.also_overdue.is_empty());
    let late = InvoiceLine::new(
        Language::Es,
        date(2026, 11, 24),
        "A-9",
        date(2026, 10, 1),
        date(2026, 11, 1),
        Money::new(100, Currency::EUR),
        Money::new(100, Currency::EUR),
    )
    .with_level(1);
    let ctx = ctx
        .with_pilot(date(2026, 12, 8))
        .with_also_overdue(vec![late]);
    assert_eq!(
        ctx.pilot.map(|p| p.ends_on).as_deref(),
        Some("8 de diciembre de 2026")
    );
    assert_eq!(ctx.also_overdue[0].level, Some(1));
}

/// A formal notice held for a missing rate and sent anyway: £1,948.23
/// outstanding, the UK fixed sum of £70 (a debt from £1,000 to £9,999.99)
/// known, the interest not: "Total now due, before interest: £2,018.23"
/// (1,948.23 + 70.00) and the interest from the day after the due date
/// "to be specified".
#[test]
fn a_held_letter_sent_anyway_states_the_known_figures() {
    use crate::letters::hold::KnownFigures;
    use crate::letters::{LetterKind, render, sample};
    let gbp = |minor| Money::new(minor, Currency::GBP);
    let known = KnownFigures {
        interest: None,
        interest_from: Some(date(2026, 9, 3)),
        rate: None,
        compensation: Some(gbp(7_000)),
        compensation_unknown: false,
    };
    let mut ctx = sample(LetterKind::FormalNotice, Language::En);
    ctx.total_interest = None;
    ctx.grand_total = None;
    ctx.total_compensation = None;
    ctx.rate = None;
    let ctx = ctx.with_known_penalties(&known, gbp(194_823));
    assert!(ctx.interest_to_be_specified);
    assert!(!ctx.compensation_to_be_specified);
    assert_eq!(ctx.to_pay, Some(gbp(201_823)));
    let body = render(&ctx, None).unwrap().body;
    assert!(
        body.contains("Interest at the statutory rate from 3 September 2026: to be specified"),
        "{body}"
    );
    assert!(
        body.contains("Fixed compensation for recovery costs: £70.00"),
        "{body}"
    );
    assert!(
        body.contains("Total now due, before interest: £2,018.23"),
        "{body}"
    );

    // Nothing known but the principal: no total beside it, both figures
    // to be specified, in every language.
    for (lang, words) in [
        (Language::En, "to be specified"),
        (Language::Fr, "montant à préciser"),
        (Language::Es, "importe por determinar"),
        (Language::Nb, "spesifisert senere"),
    ] {
        let mut ctx = sample(LetterKind::FormalNotice, lang);
        ctx.total_interest = None;
        ctx.grand_total = None;
        ctx.total_compensation = None;
        let unknown = KnownFigures {
            interest: None,
            interest_from: Some(date(2026, 7, 1)),
            rate: None,
            compensation: None,
            compensation_unknown: true,
        };
        let ctx = ctx.with_known_penalties(&unknown, gbp(100_000));
        assert_eq!(ctx.grand_total, None, "{lang}");
        let body = render(&ctx, None).unwrap().body;
        assert_eq!(body.matches(words).count(), 2, "{lang}: {body}");
    }
}

/// Spain, EUR 6,000 due 31 May 2025, as of 31 August 2025: 30 days at
/// 11.15 % (6 000 × 11.15 × 30 / 36 500 = 54.986 → 54.99) and 62 days at
/// 10.15 % (6 000 × 10.15 × 62 / 36 500 = 103.447 → 103.45). Rounded once,
/// the interest is 158.43 (54.986 + 103.447 = 158.433): the last period
/// shows 103.44, so that the lines add up to the total the letter claims.
/// A rate derived from the ECB rate, not yet published, says so.
#[test]
fn each_period_of_the_interest_is_a_line_and_they_add_up() {
    use crate::domain::penalty::Period;
    let eur = |minor| Money::new(minor, Currency::EUR);
    let periods = [
        Period {
            from: date(2025, 6, 1),
            to: date(2025, 6, 30),
            days: 30,
            rate: Decimal::new(1115, 2),
            balance: eur(600_000),
            derived: false,
        },
        Period {
            from: date(2025, 7, 1),
            to: date(2025, 8, 31),
            days: 62,
            rate: Decimal::new(1015, 2),
            balance: eur(600_000),
            derived: true,
        },
    ];
    let line = InvoiceLine::new(
        Language::Es,
        date(2025, 8, 31),
        "A-1",
        date(2025, 5, 1),
        date(2025, 5, 31),
        eur(600_000),
        eur(600_000),
    )
    .with_periods(Writing::from(Language::Es), &periods, eur(15_843));
    assert_eq!(
        line.periods,
        [
            "11,15\u{a0}% del 1 de junio de 2025 al 30 de junio de 2025: 54,99\u{a0}€",
            "10,15\u{a0}% del 1 de julio de 2025 al 31 de agosto de 2025: 103,44\u{a0}€ (tipo calculado, aún no publicado)",
        ]
    );
}
