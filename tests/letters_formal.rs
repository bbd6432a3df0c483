//! The formal step as a lawyer would sign it, composed from a database the
//! way `dun letters` composes it: a client, its invoices, three reminders
//! logged on the ladder's days, then the queue's formal-notice line.
//! Each test works its figures by hand in its comments; one snapshot per
//! language and profile.
//!
//! Interest = Σ balance × rate % × days / 365 from the day after the due
//! date to the letter's date inclusive, rounded once, half away from zero.

use chrono::NaiveDate;
use dun::commands::log::{LogRequest, run as log};
use dun::config::CompanyConfig;
use dun::domain::client::{Client, Profile};
use dun::domain::currency::Currency;
use dun::domain::invoice::Invoice;
use dun::domain::language::Language;
use dun::domain::money::Money;
use dun::domain::queue::Reason;
use dun::letters::LetterKind;
use dun::letters::compose::{Composed, compose, compose_statement};
use dun::store::queue::queue;
use dun::store::{Store, StoreError, clients, invoices};
use dun::team::TeamSettings;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn company() -> CompanyConfig {
    CompanyConfig {
        name: "Hartley & Moss Design Ltd".into(),
        address: "14 Albion Street\nLeeds LS1 6HX".into(),
        phone: "0113 496 0321".into(),
        email: "accounts@hartleymoss.example".into(),
        bank_account: "Barclays, sort code 20-45-77, account 43218765".into(),
        signature: "Claire Bennett, Credit Control".into(),
        ..CompanyConfig::default()
    }
}

/// One client of `country`, `profile` and `language`, owing `invoices`
/// (number, issued, due, minor units), with `paid` (invoice, date, minor
/// units) received.
struct Debtor {
    code: &'static str,
    name: &'static str,
    address: &'static str,
    country: &'static str,
    profile: Profile,
    language: Language,
    currency: Currency,
    invoices: Vec<(&'static str, &'static str, &'static str, i64)>,
    paid: Vec<(&'static str, &'static str, i64)>,
    /// The contract's yearly late-payment rate, percent.
    late_rate: Option<&'static str>,
    email: Option<&'static str>,
}

fn store(debtor: &Debtor) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    store
        .write(|tx| {
            let mut c = Client::with_code(debtor.code, debtor.currency);
            c.name = debtor.name.into();
            c.language = debtor.language;
            c.country = Some(debtor.country.into());
            c.profile = debtor.profile;
            c.address = Some(debtor.address.into());
            c.late_rate = debtor.late_rate.map(|r| r.parse().unwrap());
            c.email = debtor.email.map(String::from);
            let id = clients::insert(tx, &c)?;
            for (number, issued, due, minor) in &debtor.invoices {
                let inv = Invoice {
                    number: (*number).into(),
                    client_code: debtor.code.into(),
                    issued_on: d(issued),
                    due_on: d(due),
                    amount: Money::new(*minor, debtor.currency),
                    milestone: None,
                    is_deposit: false,
                };
                invoices::insert(tx, id, &inv)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    for (number, on, minor) in &debtor.paid {
        let amount = Money::new(*minor, debtor.currency).decimal_string();
        record(&mut store, "payment", number, d(on), Some(amount));
    }
    (dir, store)
}

fn record(store: &mut Store, kind: &str, invoice: &str, on: NaiveDate, amount: Option<String>) {
    let req = LogRequest {
        kind: kind.into(),
        invoice: vec![invoice.into()],
        date: amount.is_some().then_some(on),
        amount,
        ..LogRequest::default()
    };
    let mut out = Vec::new();
    log(store, &req, "clerk", on, chrono::Utc::now(), &mut out)
        .unwrap_or_else(|e| panic!("{kind} {invoice} on {on}: {e:#}"));
}

/// Reminders 1–3 for every invoice on `days`, then the formal notice the
/// queue asks for on `as_of`.
fn formal_notice(
    debtor: &Debtor,
    days: [&str; 3],
    as_of: &str,
) -> (tempfile::TempDir, Store, Composed) {
    let (dir, mut store) = store(debtor);
    for day in days {
        for (number, ..) in &debtor.invoices {
            record(&mut store, "reminder", number, d(day), None);
        }
    }
    let c = notice(&mut store, debtor.code, d(as_of));
    (dir, store, c)
}

fn notice(store: &mut Store, code: &str, as_of: NaiveDate) -> Composed {
    let rules = TeamSettings::default().rules();
    let rates = dun::rates::shipped_tables().unwrap();
    let q = store.read(|tx| queue(tx, as_of, None, &rules)).unwrap();
    let line = q
        .iter()
        .find(|l| l.code == code && l.reason == Reason::FormalNoticeReady)
        .unwrap_or_else(|| panic!("no formal notice for {code} on {as_of}: {q:?}"))
        .clone();
    store
        .read(|tx| {
            Ok::<_, StoreError>(compose(
                tx,
                &line,
                as_of,
                &company(),
                &rules.ladders,
                &rates,
            ))
        })
        .unwrap()
        .unwrap()
}

fn text(c: &Composed) -> String {
    let mut t = format!("Subject: {}\n\n{}", c.letter.subject, c.letter.body);
    if let Some(e) = &c.enclosure {
        t.push_str(&format!(
            "\n===== enclosed =====\nSubject: {}\n\n{}",
            e.subject, e.body
        ));
    }
    t
}

/// A sole trader in Manchester: one £1,500.00 invoice due 31 August 2025,
/// £600.00 paid on the due date.
fn sole_trader() -> Debtor {
    Debtor {
        code: "GB-I1",
        name: "Mr Daniel Price (trading as Price Joinery)",
        address: "22 Mill Lane\nManchester M4 5JD",
        country: "GB",
        profile: Profile::Individual,
        language: Language::En,
        currency: Currency::GBP,
        invoices: vec![("INV-1201", "2025-08-01", "2025-08-31", 150_000)],
        paid: vec![("INV-1201", "2025-08-31", 60_000)],
        late_rate: None,
        email: Some("dan@pricejoinery.example"),
    }
}

#[test]
fn a_british_individual_gets_a_letter_of_claim_with_thirty_days_and_a_statement() {
    // Individual ladder: reminders on +5, +16, +25, the notice from +33
    // (3 October 2025). The Protocol gives 30 days to reply: 3 October +
    // 30 days = 2 November 2025 (the ladder's own 14 would be 17 October).
    let (dir, mut store, c) = formal_notice(
        &sole_trader(),
        ["2025-09-05", "2025-09-16", "2025-09-25"],
        "2025-10-03",
    );
    assert_eq!(c.kind, LetterKind::FormalNotice);
    assert_eq!(c.deadline, d("2025-11-02"));
    let body = &c.letter.body;
    assert!(
        c.letter.subject.starts_with("Letter of Claim"),
        "{}",
        c.letter.subject
    );
    for needed in [
        "LETTER OF CLAIM",
        "sent to you by post under the Pre-Action Protocol for Debt Claims",
        // The agreement: the invoice, its date, the parties.
        "invoice INV-1201 dated 1 August 2025",
        "The parties to the agreement are Hartley & Moss Design Ltd and you, Mr Daniel Price",
        // £1,500.00 − £600.00 = £900.00, and no interest: the Act is for
        // business debts, and there is no contract rate.
        "£900.00",
        "No interest or other charges are being added to this debt.",
        // How to pay, how to discuss repayment, the 30 days.
        "bank transfer to Barclays",
        "or to discuss repayment, please contact us on 0113 496 0321",
        "Please reply by 2 November 2025, at least 30 days from the date of this letter, by paying the debt of £900.00",
        "we may start court proceedings",
        "Enclosed:\n- Statement of account as at 3 October 2025\n- Information Sheet\n- Reply Form\n- Financial Statement",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    assert!(!body.contains("Late Payment"), "{body}");
    assert!(!body.contains("statutory interest"), "{body}");
    assert_eq!(c.channel.as_str(), "letter");

    // The statement goes with it: the same £900.00, the same deadline.
    let statement = c.enclosure.as_ref().expect("a statement of account");
    assert_eq!(
        statement.subject,
        "Statement of account GB-I1 as at 3 October 2025"
    );
    assert!(statement.body.contains("Balance outstanding: £900.00"));
    assert!(statement.body.contains("by 2 November 2025"));
    assert!(!statement.body.contains("excluding"), "{}", statement.body);

    // Written beside the letter, in its PDF after it.
    let out = dir.path().join("letters");
    let sent = dun::letters::send::send(
        &mut store,
        &c,
        d("2025-10-03"),
        &out,
        &company(),
        "clerk",
        chrono::Utc::now(),
    )
    .unwrap();
    let names: Vec<String> = sent
        .files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "GB-I1-formal_notice.txt",
            "GB-I1-formal_notice-statement.txt",
            "GB-I1-formal_notice.pdf",
            "GB-I1-formal_notice.eml"
        ]
    );
    // The e-mail copy carries the statement after the letter.
    // Quoted-printable: its soft line breaks undone (the needles are ASCII).
    let eml = std::fs::read_to_string(&sent.files[3])
        .unwrap()
        .replace("=\r\n", "");
    let at = |needle: &str| {
        eml.find(needle)
            .unwrap_or_else(|| panic!("{needle}\n{eml}"))
    };
    assert!(at("Financial Statement") < at("Statement of account GB-I1 as at 3 October 2025"));
    assert!(
        sent.message_id.is_none(),
        "no mail server: written to be sent by post"
    );
    let beside = std::fs::read_to_string(&sent.files[1]).unwrap();
    assert!(beside.starts_with("Statement of account GB-I1"));
    let pdf = pdf_text(&sent.files[2]);
    assert!(pdf.contains("LETTER OF CLAIM"), "{pdf}");
    assert!(pdf.contains("Statement of account GB-I1"), "{pdf}");

    insta::assert_snapshot!("en_individual_gb_letter_of_claim", text(&c));
}

fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_letter_of_claim_is_the_formal_step_whatever_the_ladder_says_about_its_channel() {
    // An English-speaking individual in Ireland gets the ladder's own 14
    // days and no Protocol: the Letter of Claim is for UK debtors only.
    let mut irish = sole_trader();
    irish.code = "IE-I1";
    irish.country = "IE";
    irish.currency = Currency::EUR;
    irish.paid.clear();
    let (_dir, _store, c) = formal_notice(
        &irish,
        ["2025-09-05", "2025-09-16", "2025-09-25"],
        "2025-10-03",
    );
    assert_eq!(c.deadline, d("2025-10-17"));
    assert!(c.enclosure.is_none());
    assert!(!c.letter.body.contains("Letter of Claim"));
    assert!(!c.letter.body.contains("Pre-Action"));
}

#[test]
fn a_british_business_gets_a_letter_before_action_with_fourteen_days_and_adr() {
    // The reference's UK case: £1,500.00 due 31 August 2025, £600.00 paid
    // on the due date, as of 30 November 2025. Interest: 900 × 12.25 %
    // (Bank Rate of 30 June 2025, 4.25, + 8) × 91 days / 365 = 27.4849…
    // → £27.49; fixed sum £40 (the debt the day after the due date, £900,
    // is below £1,000); total 900 + 27.49 + 40 = £967.49. The letter gives
    // 14 days (the ladder's 8 is too few): 30 November + 14 = 14 December.
    let mut firm = sole_trader();
    firm.code = "GB-B1";
    firm.name = "Brightwater Logistics Ltd";
    firm.profile = Profile::Business;
    let (_dir, _store, c) = formal_notice(
        &firm,
        ["2025-09-07", "2025-09-18", "2025-09-27"],
        "2025-11-30",
    );
    assert_eq!(c.deadline, d("2025-12-14"));
    let body = &c.letter.body;
    for needed in [
        "LETTER BEFORE ACTION",
        "Interest at 12.25% a year from 1 September 2025: £27.49",
        "Fixed compensation for recovery costs: £40.00",
        "Total now due: £967.49",
        "Late Payment of Commercial Debts (Interest) Act 1998",
        "by 14 December 2025",
        "alternative dispute resolution (ADR) such as mediation",
        "Practice Direction – Pre-Action Conduct and Protocols",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    assert!(c.enclosure.is_none());
    assert!(!body.contains("Reply Form"));
    insta::assert_snapshot!("en_business_gb_letter_before_action", text(&c));
}

/// A Spanish city council owing EUR 25,000.00 due 15 June 2025.
fn ayuntamiento() -> Debtor {
    Debtor {
        code: "ES-A1",
        name: "Ayuntamiento de Alcalá de Henares",
        address: "Plaza de Cervantes, 12\n28801 Alcalá de Henares",
        country: "ES",
        profile: Profile::Administration,
        language: Language::Es,
        currency: Currency::EUR,
        invoices: vec![("A-2025/311", "2025-05-16", "2025-06-15", 2_500_000)],
        paid: vec![],
        late_rate: None,
        email: None,
    }
}

#[test]
fn a_spanish_public_body_is_claimed_under_the_lcsp_not_the_monitorio() {
    // Public-body ladder: reminders +15, +31, +47, the notice from +58
    // (12 August 2025), 15 days to pay: 27 August 2025. As of 14 August:
    // 16–30 June, 15 days at 11.15 % (2025 H1), and 1 July–14 August, 45
    // days at 10.15 % (2025 H2): 25,000 × (11.15 × 15 + 10.15 × 45) / 36,500
    // = 25,000 × 624 / 36,500 = 427.3972… → 427,40 €; EUR 40; total
    // 25.000 + 427,40 + 40 = 25.467,40 €.
    let (_dir, _store, c) = formal_notice(
        &ayuntamiento(),
        ["2025-06-30", "2025-07-16", "2025-08-01"],
        "2025-08-14",
    );
    assert_eq!(c.deadline, d("2025-08-29"));
    let body = &c.letter.body;
    for needed in [
        "Intereses de demora: 427,40\u{a0}€",
        "Total adeudado: 25.467,40\u{a0}€",
        "artículo 199 de la Ley 9/2017, de 8 de noviembre, de Contratos del Sector Público",
        "recurso contencioso-administrativo contra la inactividad de la Administración",
        "artículo 29 de la Ley 29/1998",
        "medida cautelar el pago inmediato",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    assert!(!body.contains("monitorio"), "{body}");
    insta::assert_snapshot!("es_administration_es_requerimiento", text(&c));
}

/// A French public hospital owing EUR 25,000.00 due 15 June 2025.
fn hopital() -> Debtor {
    Debtor {
        code: "FR-A1",
        name: "Centre hospitalier de Vienne",
        address: "Montée du Docteur Chapuis\n38200 Vienne",
        country: "FR",
        profile: Profile::Administration,
        language: Language::Fr,
        currency: Currency::EUR,
        invoices: vec![("F2025-0311", "2025-05-16", "2025-06-15", 2_500_000)],
        paid: vec![],
        late_rate: None,
        email: None,
    }
}

#[test]
fn a_french_public_body_is_pursued_before_the_administrative_judge() {
    // The reference's case: EUR 25,000 due 15 June 2025, as of 14 August
    // 2025: 25,000 × 11.15 % (ECB of 1 January 2025, 3.15, + 8, fixed for
    // the whole late period) × 60 days / 365 = 458.2191… → 458,22 €;
    // indemnity 40 €; total 25 498,22 €.
    let (_dir, _store, c) = formal_notice(
        &hopital(),
        ["2025-06-30", "2025-07-16", "2025-08-01"],
        "2025-08-14",
    );
    let body = &c.letter.body;
    for needed in [
        "Intérêts moratoires au taux annuel de 11,15\u{a0}% à compter du 16 juin 2025\u{a0}: 458,22\u{a0}€",
        "Total dû\u{a0}: 25\u{202f}498,22\u{a0}€",
        "articles L2192-13, R2192-31 et D2192-35 du Code de la commande publique",
        "nous saisirons le tribunal administratif d'une demande de référé-provision",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    assert!(!body.contains("société de recouvrement"), "{body}");
    assert!(!body.contains("procédure de recouvrement"), "{body}");
    insta::assert_snapshot!("fr_administration_fr_mise_en_demeure", text(&c));
}

/// A private person in Lyon owing EUR 1,200.00 due 31 August 2025.
fn particulier() -> Debtor {
    Debtor {
        code: "FR-I1",
        name: "Mme Claire Vasseur",
        address: "8 rue Mercière\n69002 Lyon",
        country: "FR",
        profile: Profile::Individual,
        language: Language::Fr,
        currency: Currency::EUR,
        invoices: vec![("F2025-0907", "2025-08-01", "2025-08-31", 120_000)],
        paid: vec![],
        late_rate: None,
        email: None,
    }
}

#[test]
fn a_french_individual_s_notice_shows_no_zero_interest_and_says_interest_runs_from_it() {
    // No interest before the mise en demeure (Code civil 1344-1): the
    // notice claims the 1 200,00 € alone, without a line of 0,00 €
    // interest, and says the legal rate runs from it.
    let (_dir, mut store, c) = formal_notice(
        &particulier(),
        ["2025-09-05", "2025-09-16", "2025-09-25"],
        "2025-10-03",
    );
    let body = &c.letter.body;
    assert!(!body.contains("\u{a0}: 0,00\u{a0}€"), "{body}");
    assert!(!body.contains("Intérêts de retard :"), "{body}");
    assert!(
        body.contains("Principal restant dû\u{a0}: 1\u{202f}200,00\u{a0}€"),
        "{body}"
    );
    assert!(
        body.contains("Elle fait courir les intérêts au taux légal sur les sommes dues, conformément à l'article 1344-1"),
        "{body}"
    );
    insta::assert_snapshot!("fr_individual_fr_mise_en_demeure", text(&c));

    // Sent on 3 October; a statement on 5 October shows the interest the
    // notice started: 4–5 October, 2 days at the legal rate of 2025 H2,
    // 2.76 %: 1,200 × 2.76 × 2 / 36,500 = 0.1814… → 0,18 €.
    dun::letters::send::send(
        &mut store,
        &c,
        d("2025-10-03"),
        &_dir.path().join("letters"),
        &company(),
        "clerk",
        chrono::Utc::now(),
    )
    .unwrap();
    let rates = dun::rates::shipped_tables().unwrap();
    let s = store
        .read(|tx| {
            Ok::<_, StoreError>(compose_statement(
                tx,
                "FR-I1",
                d("2025-10-05"),
                &company(),
                &rates,
            ))
        })
        .unwrap()
        .unwrap();
    let body = &s.letter.body;
    assert!(
        body.contains("Intérêts au taux légal au 5 octobre 2025\u{a0}: 0,18\u{a0}€"),
        "{body}"
    );
    assert!(
        body.contains("Total dû, intérêts compris\u{a0}: 1\u{202f}200,18\u{a0}€"),
        "{body}"
    );
}

/// A Norwegian company whose letters are in English, owing NOK 25,000.00
/// due 15 August 2025.
fn fjordbygg() -> Debtor {
    Debtor {
        code: "NO-B1",
        name: "Fjordbygg AS",
        address: "Bryggeveien 4\n5003 Bergen",
        country: "NO",
        profile: Profile::Business,
        language: Language::En,
        currency: Currency::NOK,
        invoices: vec![("10418", "2025-07-16", "2025-08-15", 2_500_000)],
        paid: vec![],
        late_rate: None,
        email: None,
    }
}

#[test]
fn the_english_inkassovarsel_is_headed_as_one_and_writes_kroner_as_nok() {
    // Business ladder: reminders +7, +18 (14 days: it carries the fee, so
    // reminder 3 waits for its deadline), the notice on 31 October 2025,
    // 14 days: 14 November. Interest: 25,000 × 12.25 % (2025 H2) × 77 days
    // (16 August–31 October) / 365 = 646.0616… → NOK 646.06.
    let (_dir, _store, c) = formal_notice(
        &fjordbygg(),
        ["2025-08-22", "2025-09-05", "2025-09-26"],
        "2025-10-31",
    );
    assert_eq!(c.deadline, d("2025-11-14"));
    let body = &c.letter.body;
    assert!(
        c.letter
            .subject
            .starts_with("Debt collection notice (inkassovarsel)"),
        "{}",
        c.letter.subject
    );
    for needed in [
        "DEBT COLLECTION NOTICE (INKASSOVARSEL)",
        "NOK\u{a0}25,000.00",
        "NOK\u{a0}646.06",
        "inkassoloven",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    assert!(!body.contains("kr"), "{body}");
    assert!(!body.contains("FORMAL NOTICE"), "{body}");
    insta::assert_snapshot!("en_business_no_inkassovarsel", text(&c));
}

#[test]
fn a_statement_two_days_after_a_notice_shows_its_penalties() {
    // The UK business of the letter before action above, as of 30 November
    // 2025: £27.49 interest and £40 on £900 (see there). Two days later,
    // 2 December, the statement gives 93 days: 900 × 12.25 × 93 / 36,500
    // = 28.0911… → £28.09; £40; total £968.09, never the £900 alone.
    let mut firm = sole_trader();
    firm.code = "GB-B2";
    firm.name = "Brightwater Logistics Ltd";
    firm.profile = Profile::Business;
    let (dir, mut store, c) = formal_notice(
        &firm,
        ["2025-09-07", "2025-09-18", "2025-09-27"],
        "2025-11-30",
    );
    assert!(c.letter.body.contains("Total now due: £967.49"));
    dun::letters::send::send(
        &mut store,
        &c,
        d("2025-11-30"),
        &dir.path().join("letters"),
        &company(),
        "clerk",
        chrono::Utc::now(),
    )
    .unwrap();
    let rates = dun::rates::shipped_tables().unwrap();
    let s = store
        .read(|tx| {
            Ok::<_, StoreError>(compose_statement(
                tx,
                "GB-B2",
                d("2025-12-02"),
                &company(),
                &rates,
            ))
        })
        .unwrap()
        .unwrap();
    let body = &s.letter.body;
    for needed in [
        // Pay by the notice's deadline, not sooner.
        "settle the overdue invoice by 14 December 2025",
        "Interest to date: £28.09; fixed compensation: £40.00",
        "Balance outstanding: £900.00",
        "Late-payment interest to 2 December 2025: £28.09",
        "Fixed compensation for recovery costs: £40.00",
        "Total due, including interest and compensation: £968.09",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    insta::assert_snapshot!("en_business_gb_statement_after_notice", body);
}

#[test]
fn a_statement_whose_penalties_are_unknown_says_it_excludes_them() {
    // A French business invoice of EUR 6,000 due 15 June 2026, as of
    // 20 July 2026: the ECB rate for 2026 H2 is not in the tables, so the
    // interest cannot be stated: the balance says it excludes it.
    let client = Debtor {
        code: "FR-B1",
        name: "Dumas Logistique SAS",
        address: "14 allée des Érables\n38200 Vienne",
        country: "FR",
        profile: Profile::Business,
        language: Language::Fr,
        currency: Currency::EUR,
        invoices: vec![("F2026-0601", "2026-05-16", "2026-06-15", 600_000)],
        paid: vec![],
        late_rate: None,
        email: None,
    };
    let (_dir, mut store) = store(&client);
    let rates = dun::rates::shipped_tables().unwrap();
    let s = store
        .read(|tx| {
            Ok::<_, StoreError>(compose_statement(
                tx,
                "FR-B1",
                d("2026-07-20"),
                &company(),
                &rates,
            ))
        })
        .unwrap()
        .unwrap();
    assert!(
        s.letter.body.contains(
            "Solde dû, hors intérêts de retard et indemnité forfaitaire\u{a0}: 6\u{202f}000,00\u{a0}€"
        ),
        "{}",
        s.letter.body
    );
    // A British consumer owes no statutory penalty: nothing is excluded.
    let (_dir, mut store) = self::store(&sole_trader());
    let s = store
        .read(|tx| {
            Ok::<_, StoreError>(compose_statement(
                tx,
                "GB-I1",
                d("2025-10-03"),
                &company(),
                &rates,
            ))
        })
        .unwrap()
        .unwrap();
    assert!(
        s.letter.body.contains("Balance outstanding: £900.00\n"),
        "{}",
        s.letter.body
    );
}

/// A German company: dun does not model Germany.
fn gmbh() -> Debtor {
    Debtor {
        code: "DE-B1",
        name: "Brandt Logistik GmbH",
        address: "Speicherstraße 8\n20457 Hamburg",
        country: "DE",
        profile: Profile::Business,
        language: Language::En,
        currency: Currency::EUR,
        invoices: vec![("INV-2025-0815", "2025-07-16", "2025-08-15", 1_000_000)],
        paid: vec![],
        late_rate: None,
        email: None,
    }
}

#[test]
fn a_country_dun_does_not_model_gets_the_directive_s_minimum_and_no_national_law() {
    // EUR 10,000 due 15 August 2025, as of 30 September 2025: 46 days at
    // ECB 2.15 (1 July 2025) + 8 = 10.15 %: 10,000 × 10.15 × 46 / 36,500
    // = 127.9178… → €127.92; EUR 40.
    let (_dir, _store, c) = formal_notice(
        &gmbh(),
        ["2025-08-22", "2025-09-02", "2025-09-11"],
        "2025-09-30",
    );
    let body = &c.letter.body;
    for needed in [
        "€127.92",
        "€40.00",
        "the Directive's minimum (ECB + 8 points, EUR 40)",
        "national law may grant more",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    for national in ["BGB", "§ 288", "as implemented in your country"] {
        assert!(!body.contains(national), "{national}\n{body}");
    }

    // Under a contract rate of 12.50 % the letter cites the contract, not
    // the Directive's minimum: 10,000 × 12.50 × 46 / 36,500 = 157.5342…
    // → €157.53.
    let mut agreed = gmbh();
    agreed.late_rate = Some("12.50");
    let (_dir, _store, c) = formal_notice(
        &agreed,
        ["2025-08-22", "2025-09-02", "2025-09-11"],
        "2025-09-30",
    );
    let body = &c.letter.body;
    assert!(
        body.contains("Interest at 12.50% a year from 16 August 2025: €157.53"),
        "{body}"
    );
    assert!(
        body.contains("as agreed in our terms of business"),
        "{body}"
    );
    assert!(!body.contains("Directive"), "{body}");
}

#[test]
fn every_language_states_the_directive_s_minimum_for_an_unmodelled_country() {
    let phrases = [
        (Language::En, "national law may grant more"),
        (Language::Fr, "le droit national peut prévoir davantage"),
        (
            Language::Es,
            "la legislación nacional puede reconocer importes superiores",
        ),
        (Language::Nb, "nasjonal rett kan gi mer"),
    ];
    for (lang, phrase) in phrases {
        for kind in [LetterKind::FormalNotice, LetterKind::Reminder3] {
            let mut ctx = dun::letters::sample(kind, lang);
            ctx.law = Some(dun::letters::Law::Eu);
            ctx.client.profile = Profile::Business;
            let body = dun::letters::render(&ctx, None).unwrap().body;
            assert!(body.contains(phrase), "{lang}/{kind}\n{body}");
            assert!(body.contains("8"), "{lang}/{kind}");
        }
    }
}

/// The formal notice `debtor` gets on `as_of` after reminders on `days`:
/// its deadline, the phrases it must hold, and its snapshot.
fn check(debtor: &Debtor, days: [&str; 3], as_of: &str, deadline: &str, needed: &[&str]) -> String {
    let (_dir, _store, c) = formal_notice(debtor, days, as_of);
    assert_eq!(c.deadline, d(deadline), "{}", debtor.code);
    for n in needed {
        assert!(
            c.letter.body.contains(n),
            "{}: {n}\n{}",
            debtor.code,
            c.letter.body
        );
    }
    text(&c)
}

fn debtor(
    code: &'static str,
    name: &'static str,
    country: &'static str,
    profile: Profile,
    language: Language,
    currency: Currency,
    invoice: (&'static str, &'static str, &'static str, i64),
) -> Debtor {
    Debtor {
        code,
        name,
        address: "1 Example Street\nExample Town",
        country,
        profile,
        language,
        currency,
        invoices: vec![invoice],
        paid: vec![],
        late_rate: None,
        email: None,
    }
}

#[test]
fn a_british_public_body_gets_a_letter_before_action_with_its_own_fifteen_days() {
    // £12,000 due 15 June 2025, as of 14 August: interest starts 16 June,
    // so the Bank Rate of 31 December 2024 (4.75) + 8 = 12.75 %, fixed:
    // 12,000 × 12.75 × 60 / 36,500 = 251.5068… → £251.51; fixed sum £100
    // (from £10,000); total £12,351.51. The public-body ladder's 15 days
    // are more than the 14 a letter before action needs: 29 August.
    let council = debtor(
        "GB-A1",
        "Leeds City Council",
        "GB",
        Profile::Administration,
        Language::En,
        Currency::GBP,
        ("INV-0311", "2025-05-16", "2025-06-15", 1_200_000),
    );
    let t = check(
        &council,
        ["2025-06-30", "2025-07-16", "2025-08-01"],
        "2025-08-14",
        "2025-08-29",
        &[
            "LETTER BEFORE ACTION",
            "Interest at 12.75% a year from 16 June 2025: £251.51",
            "Fixed compensation for recovery costs: £100.00",
            "Total now due: £12,351.51",
            "alternative dispute resolution (ADR)",
        ],
    );
    insta::assert_snapshot!("en_administration_gb_letter_before_action", t);
}

#[test]
fn a_french_business_under_a_contract_rate_below_the_floor() {
    // The reference's case: EUR 6,000 due 31 May 2025, a contract rate of
    // 5 %, as of 31 August 2025: never below 3 × the legal rate, so
    // 6,000 × 11.13 % × 30 days (June) + 6,000 × 8.28 % × 62 days (July,
    // August), / 365 = 139.2756… → 139,28 €; indemnity 40 €; total
    // 6 179,28 €. Eight days to pay: 8 September.
    let mut dumas = debtor(
        "FR-B2",
        "Dumas Logistique SAS",
        "FR",
        Profile::Business,
        Language::Fr,
        Currency::EUR,
        ("F2025-0501", "2025-05-01", "2025-05-31", 600_000),
    );
    dumas.late_rate = Some("5");
    let t = check(
        &dumas,
        ["2025-06-07", "2025-06-18", "2025-06-27"],
        "2025-08-31",
        "2025-09-08",
        &[
            "Pénalités de retard au taux annuel de 8,28\u{a0}% à compter du 1er juin 2025\u{a0}: 139,28\u{a0}€",
            "Indemnité forfaitaire pour frais de recouvrement\u{a0}: 40,00\u{a0}€",
            "Total dû\u{a0}: 6\u{202f}179,28\u{a0}€",
            "article L441-10 du Code de commerce",
        ],
    );
    insta::assert_snapshot!("fr_business_fr_mise_en_demeure", t);
}

#[test]
fn a_spanish_business_and_a_spanish_individual() {
    // EUR 6,000 due 31 May 2025, as of 31 August: 30 days at 11.15 %
    // (2025 H1) and 62 at 10.15 % (2025 H2): 6,000 × (11.15 × 30 + 10.15 ×
    // 62) / 36,500 = 6,000 × 963.8 / 36,500 = 158.4329… → 158,43 €; 40 €;
    // total 6.198,43 €; 8 days: 8 September.
    let ebro = debtor(
        "ES-B1",
        "Transportes Ebro S.A.",
        "ES",
        Profile::Business,
        Language::Es,
        Currency::EUR,
        ("A-2025/501", "2025-05-01", "2025-05-31", 600_000),
    );
    let t = check(
        &ebro,
        ["2025-06-07", "2025-06-18", "2025-06-27"],
        "2025-08-31",
        "2025-09-08",
        &[
            "Intereses de demora: 158,43\u{a0}€; indemnización por costes de cobro: 40,00\u{a0}€",
            "Total adeudado: 6.198,43\u{a0}€",
            "artículos 7 y 8 de la Ley 3/2004",
            "procedimiento monitorio",
        ],
    );
    insta::assert_snapshot!("es_business_es_requerimiento", t);

    // A private person: no statutory penalty before the demand (Ley 3/2004
    // is for business debts); the demand makes interest run (Código Civil
    // 1100, 1108). EUR 1,200 due 31 August; 14 days from 3 October: 17
    // October.
    let particular = debtor(
        "ES-I1",
        "Sr. Javier Ortega Ruiz",
        "ES",
        Profile::Individual,
        Language::Es,
        Currency::EUR,
        ("A-2025/907", "2025-08-01", "2025-08-31", 120_000),
    );
    let t = check(
        &particular,
        ["2025-09-05", "2025-09-16", "2025-09-25"],
        "2025-10-03",
        "2025-10-17",
        &[
            "Principal pendiente: 1.200,00\u{a0}€",
            "artículo 1100 del Código Civil",
        ],
    );
    assert!(!t.contains("Ley 3/2004"), "{t}");
    assert!(!t.contains("Intereses de demora:"), "{t}");
    insta::assert_snapshot!("es_individual_es_requerimiento", t);
}

#[test]
fn norwegian_inkassovarsel_for_a_business_a_person_and_a_municipality() {
    // The reference's case: NOK 10,000 due 15 August 2025, as of 31
    // October: 10,000 × 12.25 % × 77 / 365 = 258.4246… → kr 258,42 for
    // every debtor (forsinkelsesrente applies to consumers too); the
    // standardkompensasjon of 2025 H2 is not in the tables, so none is
    // claimed. At least 14 days: 14 November (the municipality's ladder
    // gives 15: 15 November).
    let invoice = ("10815", "2025-07-16", "2025-08-15", 1_000_000);
    let cases = [
        (
            "NO-B2",
            "Fjordbygg AS",
            Profile::Business,
            ["2025-08-22", "2025-09-05", "2025-09-26"],
            "2025-11-14",
            "nb_business_no_inkassovarsel",
        ),
        (
            "NO-I1",
            "Kari Nordmann",
            Profile::Individual,
            ["2025-08-20", "2025-08-31", "2025-09-15"],
            "2025-11-14",
            "nb_individual_no_inkassovarsel",
        ),
        (
            "NO-A1",
            "Bergen kommune",
            Profile::Administration,
            ["2025-08-30", "2025-09-15", "2025-10-01"],
            "2025-11-15",
            "nb_administration_no_inkassovarsel",
        ),
    ];
    for (code, name, profile, days, deadline, snap) in cases {
        let who = debtor(
            code,
            name,
            "NO",
            profile,
            Language::Nb,
            Currency::NOK,
            invoice,
        );
        let t = check(
            &who,
            days,
            "2025-10-31",
            deadline,
            &[
                "INKASSOVARSEL",
                "Forsinkelsesrente (12,25\u{a0}% per år) fra 16. august 2025: kr\u{a0}258,42",
                "Totalt å betale: kr\u{a0}10\u{a0}258,42",
                "inkassoloven § 9",
            ],
        );
        insta::assert_snapshot!(snap, t);
    }
}

fn statement(debtor: &Debtor, as_of: &str) -> String {
    let (_dir, mut store) = store(debtor);
    let rates = dun::rates::shipped_tables().unwrap();
    let s = store
        .read(|tx| {
            Ok::<_, StoreError>(compose_statement(
                tx,
                debtor.code,
                d(as_of),
                &company(),
                &rates,
            ))
        })
        .unwrap()
        .unwrap();
    s.letter.body
}

#[test]
fn statements_in_every_language_show_the_penalties_they_know() {
    // The figures of the formal notices above, on the same days: the
    // French business (139,28 € and 40 €), the Spanish business (158,43 €
    // and 40 €), the Norwegian business (kr 258,42, no standardkompensasjon
    // for 2025 H2 in the tables).
    let mut dumas = debtor(
        "FR-B2",
        "Dumas Logistique SAS",
        "FR",
        Profile::Business,
        Language::Fr,
        Currency::EUR,
        ("F2025-0501", "2025-05-01", "2025-05-31", 600_000),
    );
    dumas.late_rate = Some("5");
    let body = statement(&dumas, "2025-08-31");
    for needed in [
        "Pénalités de retard à ce jour\u{a0}: 139,28\u{a0}€\u{202f}; indemnité forfaitaire\u{a0}: 40,00\u{a0}€",
        "Pénalités de retard au 31 août 2025\u{a0}: 139,28\u{a0}€",
        "Total dû, intérêts et indemnité compris\u{a0}: 6\u{202f}179,28\u{a0}€",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    insta::assert_snapshot!("fr_business_fr_statement", body);

    let ebro = debtor(
        "ES-B1",
        "Transportes Ebro S.A.",
        "ES",
        Profile::Business,
        Language::Es,
        Currency::EUR,
        ("A-2025/501", "2025-05-01", "2025-05-31", 600_000),
    );
    let body = statement(&ebro, "2025-08-31");
    for needed in [
        "Intereses de demora a 31 de agosto de 2025: 158,43\u{a0}€",
        "Indemnización por costes de cobro: 40,00\u{a0}€",
        "Total adeudado, intereses e indemnización incluidos: 6.198,43\u{a0}€",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    insta::assert_snapshot!("es_business_es_statement", body);

    let fjord = debtor(
        "NO-B2",
        "Fjordbygg AS",
        "NO",
        Profile::Business,
        Language::Nb,
        Currency::NOK,
        ("10815", "2025-07-16", "2025-08-15", 1_000_000),
    );
    let body = statement(&fjord, "2025-10-31");
    for needed in [
        "Forsinkelsesrente per 31. oktober 2025: kr\u{a0}258,42",
        "Totalt å betale, inkludert forsinkelsesrente: kr\u{a0}10\u{a0}258,42",
    ] {
        assert!(body.contains(needed), "{needed}\n{body}");
    }
    insta::assert_snapshot!("nb_business_no_statement", body);
}

/// A UK business whose terms of business set their own rate: the letter
/// cites the terms, never the Late Payment Act, whose statutory interest a
/// contractual remedy replaces.
#[test]
fn a_uk_business_under_its_own_terms_is_claimed_under_the_terms() {
    for kind in [LetterKind::FormalNotice, LetterKind::Reminder3] {
        let mut ctx = dun::letters::sample(kind, Language::En);
        ctx.law = Some(dun::letters::Law::Gb);
        ctx.client.profile = Profile::Business;
        ctx.contractual = true;
        let body = dun::letters::render(&ctx, None).unwrap().body;
        assert!(
            body.contains("as agreed in our terms of business"),
            "{kind}\n{body}"
        );
        assert!(
            !body.contains("Late Payment of Commercial Debts"),
            "{kind}\n{body}"
        );
        ctx.contractual = false;
        let body = dun::letters::render(&ctx, None).unwrap().body;
        assert!(
            body.contains("Late Payment of Commercial Debts"),
            "{kind}\n{body}"
        );
    }
}
