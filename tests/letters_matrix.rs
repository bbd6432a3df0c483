//! The letters a native professional reads: for one client per language
//! (English, French, Spanish, Norwegian) and profile (business, public
//! body, individual), every step of its ladder as `dun letters` writes it
//! day after day from a fixed database, and the client letters (pilot end,
//! deposit request, visit confirmation, account statement), as insta
//! snapshots of the printable text.
//!
//! The database: each client has one invoice of 4,800.00 (NOK 48,000.00)
//! issued on 16 August 2026, due on 15 September 2026; businesses have a
//! named contact with a title, public bodies none (the generic
//! salutation), individuals a title. `dun letters` runs every day from 1
//! September to 20 December 2026, so each letter goes on the day its
//! ladder asks for it. Then each client gets a pilot ending on 8 January
//! 2027 and an unpaid deposit invoice, and the client letters are written
//! as of 21 December 2026.

#[path = "common/binary.rs"]
mod binary;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use binary::{dun, ok};
use chrono::NaiveDate;
use dun::config::CompanyConfig;
use dun::letters::compose::compose_statement;
use dun::letters::compose_client::{
    compose_deposit_request, compose_pilot_end, compose_visit_confirmation,
};
use dun::store::Store;

/// Language code, country, currency, the clients' names, contacts and
/// addresses: business (contact, title), public body, individual (title).
struct Country {
    lang: &'static str,
    country: &'static str,
    currency: &'static str,
    amount: &'static str,
    business: (&'static str, &'static str, &'static str, &'static str),
    public: (&'static str, &'static str),
    individual: (&'static str, &'static str, &'static str),
    milestone: &'static str,
    deposit_for: &'static str,
}

const COUNTRIES: [Country; 4] = [
    Country {
        lang: "en",
        country: "GB",
        currency: "GBP",
        amount: "4800.00",
        business: (
            "Brightwater Logistics Ltd",
            "Ann Hughes",
            "Ms",
            "Unit 7, Riverside Park\nManchester M17 1WA",
        ),
        public: (
            "Leeds City Council, Accounts Payable",
            "PO Box 42\nLeeds LS1 1UR",
        ),
        individual: ("John Smith", "Mr", "12 Church Lane\nYork YO1 7HH"),
        milestone: "Q3 catalogue mock-ups",
        deposit_for: "the winter campaign artwork",
    },
    Country {
        lang: "fr",
        country: "FR",
        currency: "EUR",
        amount: "4800.00",
        business: (
            "Dumas Logistique SAS",
            "Claire Dubois",
            "Mme",
            "ZA des Platières, bâtiment B\n14 allée des Érables\n38200 Vienne",
        ),
        public: (
            "Mairie de Vienne, service financier",
            "Place de l'Hôtel de Ville\n38200 Vienne",
        ),
        individual: ("Jean Moreau", "M.", "5 rue des Tilleuls\n69003 Lyon"),
        milestone: "maquettes du catalogue du troisième trimestre",
        deposit_for: "les visuels de la campagne d'hiver",
    },
    Country {
        lang: "es",
        country: "ES",
        currency: "EUR",
        amount: "4800.00",
        business: (
            "Transportes Ebro S.A.",
            "Lucía Fernández García",
            "Sra.",
            "Polígono Industrial Malpica, calle E, nave 14\n50016 Zaragoza",
        ),
        public: (
            "Ayuntamiento de Zaragoza, Intervención General",
            "Plaza del Pilar, 18\n50003 Zaragoza",
        ),
        individual: (
            "Javier Martín López",
            "Sr.",
            "Calle Mayor, 5, 3.º izda.\n28013 Madrid",
        ),
        milestone: "maquetas del catálogo del tercer trimestre",
        deposit_for: "los diseños de la campaña de invierno",
    },
    Country {
        lang: "nb",
        country: "NO",
        currency: "NOK",
        amount: "48000.00",
        business: (
            "Fjordbygg AS",
            "Kari Nordmann",
            "Fru",
            "Bryggeveien 4\n5003 Bergen",
        ),
        public: ("Bergen kommune, regnskap", "Postboks 7700\n5020 Bergen"),
        individual: ("Ola Nordmann", "Hr.", "Storgata 12\n0155 Oslo"),
        milestone: "skisser til katalogen for tredje kvartal",
        deposit_for: "designet til vinterkampanjen",
    },
];

const PROFILES: [(&str, &str); 3] = [
    ("business", "B"),
    ("administration", "A"),
    ("individual", "I"),
];

/// A CSV cell, quoted.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn code(c: &Country, p: &str) -> String {
    format!("{}-{p}", c.lang.to_uppercase())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const COMPANY: [(&str, &str); 6] = [
    ("company.name", "Hartley & Moss Design Ltd"),
    (
        "company.address",
        "14 Albion Street\nLeeds LS1 6HX\nUnited Kingdom",
    ),
    ("company.phone", "+44 113 496 0321"),
    ("company.email", "accounts@hartleymoss.example"),
    ("company.bank_account", "IBAN GB33 BUKB 2020 1555 5555 55"),
    ("company.signature", "Claire Bennett, Credit Control"),
];

fn company() -> CompanyConfig {
    let get = |k: &str| {
        COMPANY
            .iter()
            .find(|(key, _)| *key == k)
            .unwrap()
            .1
            .to_string()
    };
    CompanyConfig {
        name: get("company.name"),
        address: get("company.address"),
        phone: get("company.phone"),
        email: get("company.email"),
        bank_account: get("company.bank_account"),
        signature: get("company.signature"),
        ..CompanyConfig::default()
    }
}

fn database(dir: &Path) -> PathBuf {
    let db = dir.join("matrix.db");
    let mut clients =
        String::from("code,name,country,language,profile,contact,title,address,email,currency\n");
    let mut invoices =
        String::from("invoice,customer,invoice date,due date,amount,currency,milestone\n");
    for c in &COUNTRIES {
        for (profile, p) in PROFILES {
            let (name, contact, title, address) = match p {
                "B" => c.business,
                "A" => (c.public.0, "", "", c.public.1),
                _ => (c.individual.0, "", c.individual.1, c.individual.2),
            };
            let code = code(c, p);
            clients.push_str(&format!(
                "{code},{},{},{},{profile},{},{},{},{}@example.{},{}\n",
                q(name),
                c.country,
                c.lang,
                q(contact),
                q(title),
                q(address),
                code.to_lowercase(),
                c.country.to_lowercase(),
                c.currency
            ));
            invoices.push_str(&format!(
                "{code}-0815,{code},2026-08-16,2026-09-15,{},{},{}\n",
                c.amount,
                c.currency,
                q(c.milestone)
            ));
        }
    }
    let cf = dir.join("clients.csv");
    let inf = dir.join("invoices.csv");
    fs::write(&cf, clients).unwrap();
    fs::write(&inf, invoices).unwrap();
    ok(&dun(&db, &["import", "clients", cf.to_str().unwrap()]));
    ok(&dun(&db, &["import", "invoices", inf.to_str().unwrap()]));
    for (k, v) in COMPANY {
        ok(&dun(&db, &["settings", "set", k, v]));
    }
    db
}

/// Every letter file written under `out`, by file name without the
/// extension (`FR-B-reminder1`), with the day it was written.
fn letters(out: &Path) -> BTreeMap<String, (String, String)> {
    let mut found = BTreeMap::new();
    for day in fs::read_dir(out).unwrap() {
        let day = day.unwrap().path();
        if !day.is_dir() {
            continue;
        }
        for f in fs::read_dir(&day).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                let date = day.file_name().unwrap().to_string_lossy().into_owned();
                let text = fs::read_to_string(&p).unwrap();
                assert!(
                    found.insert(stem.clone(), (date, text)).is_none(),
                    "{stem} twice"
                );
            }
        }
    }
    found
}

#[test]
fn every_step_and_client_letter_for_each_language_and_profile() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = dir.path().join("out");
    // The team sets the half-year's reference rates the shipped tables
    // lack, so that the reminders 3 and formal notices state their figures
    // in full instead of waiting. Values for the test only: the first
    // half-year's carried forward.
    for (series, period, value) in [
        ("ecb", "2026-H2", "2.15"),
        ("france_legal", "2026-H2", "2.62"),
        ("norway_interest", "2026-H2", "12.00"),
        ("norway_compensation", "2026-H2", "460"),
        ("uk_bank_rate", "2026-06-30", "3.75"),
    ] {
        ok(&dun(
            &db,
            &[
                "--today",
                "2026-09-01",
                "rates",
                "set",
                series,
                period,
                value,
                "--source",
                "test value: the first half-year's carried forward",
            ],
        ));
    }
    let mut day = d("2026-09-01");
    while day <= d("2026-12-20") {
        ok(&dun(
            &db,
            &[
                "--today",
                &day.to_string(),
                "letters",
                "--out",
                out.to_str().unwrap(),
            ],
        ));
        day = day.succ_opt().unwrap();
    }
    let written = letters(&out);
    let steps = [
        "courtesy",
        "reminder1",
        "reminder2",
        "reminder3",
        "formal_notice",
    ];
    for c in &COUNTRIES {
        for (profile, p) in PROFILES {
            for step in steps {
                let name = format!("{}-{step}", code(c, p));
                let (date, text) = written
                    .get(&name)
                    .unwrap_or_else(|| panic!("no {name}: {:?}", written.keys()));
                insta::assert_snapshot!(
                    format!("{}_{profile}_{step}", c.lang),
                    format!("(written on {date})\n\n{text}")
                );
            }
        }
    }
    // The client letters, as of 21 December: a pilot ending on 8 January
    // and an unpaid deposit invoice for each client.
    let mut pilots = String::from("code,pilot ends\n");
    let mut deposits =
        String::from("invoice,customer,invoice date,due date,amount,currency,milestone,deposit\n");
    for c in &COUNTRIES {
        for (_, p) in PROFILES {
            let code = code(c, p);
            pilots.push_str(&format!("{code},2027-01-08\n"));
            deposits.push_str(&format!(
                "{code}-0901,{code},2026-12-10,2026-12-18,{},{},{},yes\n",
                if c.currency == "NOK" {
                    "15000.00"
                } else {
                    "1500.00"
                },
                c.currency,
                q(c.deposit_for)
            ));
        }
    }
    let pf = dir.path().join("pilots.csv");
    let df = dir.path().join("deposits.csv");
    fs::write(&pf, pilots).unwrap();
    fs::write(&df, deposits).unwrap();
    ok(&dun(&db, &["import", "clients", pf.to_str().unwrap()]));
    ok(&dun(&db, &["import", "invoices", df.to_str().unwrap()]));
    let mut store = Store::open(&db).unwrap();
    let as_of = d("2026-12-21");
    let company = company();
    let rates = dun::rates::load(&mut store).unwrap();
    for c in &COUNTRIES {
        for (profile, p) in PROFILES {
            let code = code(c, p);
            let conn = store.conn();
            let letters = [
                (
                    "pilot_end_notice",
                    compose_pilot_end(conn, &code, as_of, &company, 10),
                ),
                (
                    "deposit_request",
                    compose_deposit_request(conn, &code, &[], as_of, &company, 10),
                ),
                (
                    "visit_confirmation",
                    compose_visit_confirmation(
                        conn,
                        &code,
                        d("2027-01-05"),
                        as_of,
                        &company,
                        &dun::team::TeamSettings::default().rules().ladders,
                    ),
                ),
                (
                    "statement",
                    compose_statement(conn, &code, as_of, &company, &rates),
                ),
            ];
            for (kind, letter) in letters {
                let letter = letter.unwrap_or_else(|e| panic!("{code} {kind}: {e}"));
                insta::assert_snapshot!(
                    format!("{}_{profile}_{kind}", c.lang),
                    format!(
                        "Subject: {}\n\n{}",
                        letter.letter.subject, letter.letter.body
                    )
                );
            }
        }
    }
}
