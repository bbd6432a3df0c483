//! The people, places and figures of the sample letters in each language.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::context::{ClientDetails, CompanyDetails};
use super::kind::Law;
use super::salutation::greeting;
use super::writing::Writing;
use crate::domain::client::{Profile, Title};
use crate::domain::currency::Currency;
use crate::domain::epc::normalize_iban;
use crate::domain::language::Language;

/// The people, places and figures of one language's sample.
pub(super) struct Cast {
    pub company: CompanyDetails,
    pub client: ClientDetails,
    pub currency: Currency,
    /// Multiplies the sample's amounts (10 in Norway, where the sample bills
    /// in kroner ten times the euro and pound figures).
    pub scale: i64,
    /// A, B, the one not yet due, and one that fell overdue late.
    pub numbers: [&'static str; 4],
    pub milestones: [&'static str; 2],
    pub law: Law,
    pub rate: Decimal,
    /// Fixed compensation per invoice, in major units, for A and B.
    pub compensation: [i64; 2],
    pub fee: Option<i64>,
    pub time: &'static str,
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn company(
    name: &str,
    address: &[&str],
    phone: &str,
    email: &str,
    bank: &str,
    sig: &str,
) -> CompanyDetails {
    CompanyDetails {
        name: name.into(),
        address: strings(address),
        phone: phone.into(),
        email: email.into(),
        bank_account: bank.into(),
        // A sample that gives an IBAN also gets the payment code.
        iban: bank
            .strip_prefix("IBAN ")
            .and_then(|i| normalize_iban(i).ok())
            .unwrap_or_default(),
        bic: match bank.get(5..7) {
            Some("FR") => "AGRIFRPP".into(),
            Some("ES") => "CAIXESBB".into(),
            _ => String::new(),
        },
        signature: sig.into(),
    }
}

fn client(
    code: &str,
    name: &str,
    contact: (Option<Title>, &str, Language),
    address: &[&str],
    email: &str,
) -> ClientDetails {
    let (title, person, lang) = contact;
    let g = greeting(
        Writing::from(lang),
        Profile::Business,
        name,
        Some(person),
        title,
    );
    ClientDetails {
        code: code.into(),
        name: name.into(),
        contact: g.attention,
        address: strings(address),
        email: email.into(),
        profile: Profile::Business,
        salutation: g.salutation,
        closing: g.closing,
        civility: g.civility,
    }
}

pub(super) fn cast(lang: Language) -> Cast {
    match lang {
        Language::En => Cast {
            company: company(
                "Hartley & Moss Design Ltd",
                &["14 Albion Street", "Leeds LS1 6HX"],
                "0113 496 0321",
                "accounts@hartleymoss.example",
                "Barclays, sort code 20-45-77, account 43218765",
                "Claire Bennett, Credit Control",
            ),
            client: client(
                "C-1042",
                "Brightwater Logistics Ltd",
                (Some(Title::Ms), "Ann Hughes", Language::En),
                &["Unit 7, Riverside Park", "Manchester M17 1WA"],
                "payables@brightwater.example",
            ),
            currency: Currency::GBP,
            scale: 1,
            numbers: [
                "INV-2026-0418",
                "INV-2026-0463",
                "INV-2026-0512",
                "INV-2026-0489",
            ],
            milestones: [
                "Q3 catalogue mock-ups",
                "final artwork for the winter campaign",
            ],
            law: Law::Gb,
            rate: Decimal::new(1175, 2),
            compensation: [70, 70],
            fee: None,
            time: "10:30 am",
        },
        Language::Fr => Cast {
            company: company(
                "Atelier Boréal SARL",
                &["12 rue des Tanneurs", "69002 Lyon"],
                "04 72 10 20 30",
                "compta@atelier-boreal.example",
                "IBAN FR76 3000 6000 0112 3456 7890 189",
                "Sophie Marchand, comptabilité clients",
            ),
            client: client(
                "C-2087",
                "Dumas Logistique SAS",
                (Some(Title::Mr), "Laurent Lefèvre", Language::Fr),
                &["ZA des Platières", "14 allée des Érables", "38200 Vienne"],
                "factures@dumas-logistique.example",
            ),
            currency: Currency::EUR,
            scale: 1,
            numbers: ["F2026-0418", "F2026-0463", "F2026-0512", "F2026-0489"],
            milestones: [
                "maquettes du catalogue du troisième trimestre",
                "visuels définitifs de la campagne d'hiver",
            ],
            law: Law::Fr,
            rate: Decimal::new(1215, 2),
            compensation: [40, 40],
            fee: None,
            time: "10 h 30",
        },
        Language::Nb => Cast {
            company: company(
                "Nordlys Design AS",
                &["Storgata 12", "0155 Oslo"],
                "22 33 44 55",
                "regnskap@nordlys.example",
                "kontonummer 1234.56.78903",
                "Ingrid Haugen, regnskap",
            ),
            client: client(
                "K-3051",
                "Fjordbygg AS",
                (None, "Ola Nordmann", Language::Nb),
                &["Bryggeveien 4", "5003 Bergen"],
                "faktura@fjordbygg.example",
            ),
            currency: Currency::NOK,
            scale: 10,
            numbers: ["10418", "10463", "10512", "10489"],
            milestones: [
                "skisser til katalogen for tredje kvartal",
                "ferdige illustrasjoner til vinterkampanjen",
            ],
            law: Law::No,
            rate: Decimal::new(1200, 2),
            compensation: [460, 460],
            fee: Some(35),
            time: "10.30",
        },
        Language::Es => Cast {
            company: company(
                "Estudio Alba S.L.",
                &["Calle de Alcalá 120, 3.º B", "28009 Madrid"],
                "910 123 456",
                "administracion@estudioalba.example",
                "IBAN ES91 2100 0418 4502 0005 1332",
                "Lucía Romero, Departamento de Administración",
            ),
            client: client(
                "C-4120",
                "Transportes Ebro S.A.",
                (Some(Title::Mr), "Javier Navarro", Language::Es),
                &[
                    "Polígono Industrial Malpica, calle E, nave 14",
                    "50016 Zaragoza",
                ],
                "pagos@transportesebro.example",
            ),
            currency: Currency::EUR,
            scale: 1,
            numbers: ["A-2026/418", "A-2026/463", "A-2026/512", "A-2026/489"],
            milestones: [
                "maquetas del catálogo del tercer trimestre",
                "artes finales de la campaña de invierno",
            ],
            law: Law::Es,
            rate: Decimal::new(1015, 2),
            compensation: [40, 40],
            fee: None,
            time: "10:30",
        },
    }
}
