//! Imports through the library: the IBM sample as it is, the four languages'
//! spreadsheet habits, all-or-nothing refusals, and idempotence.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use dun::domain::currency::Currency;
use dun::import::{ImportError, ImportOptions, dates::DateFormat, headers::FileKind, import};
use dun::store::{self, Store};

const IBM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/ibm-accounts-receivable.csv"
);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn opts(currency: Option<Currency>) -> ImportOptions {
    ImportOptions {
        currency,
        date_format: None,
        decimal_separator: None,
        user: "tester".into(),
        today: d("2026-11-22"),
        now: "2026-11-22T08:00:00Z".parse::<DateTime<Utc>>().unwrap(),
    }
}

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    Db {
        _dir: dir,
        path,
        store,
    }
}

fn file(db: &Db, name: &str, bytes: &[u8]) -> PathBuf {
    let p = db.path.with_file_name(name);
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    p
}

fn counts(store: &Store) -> (i64, i64, i64, i64) {
    let c = store.conn();
    (
        store::clients::count(c).unwrap(),
        store::invoices::count(c).unwrap(),
        store::payments::count(c).unwrap(),
        store::activities::count(c).unwrap(),
    )
}

fn ibm_path() -> &'static Path {
    Path::new(IBM)
}

#[test]
fn the_ibm_sample_imports_as_it_is_and_twice_changes_nothing() {
    let mut db = db();
    let s = import(
        &mut db.store,
        FileKind::Invoices,
        ibm_path(),
        &opts(Some(Currency::USD)),
    )
    .unwrap();
    assert_eq!(s.invoices_created, 2466);
    assert_eq!(s.clients_created, 100);
    assert_eq!(s.payments_recorded, 2466, "every invoice was settled");
    assert_eq!(s.disputes_recorded, 561);
    assert_eq!(counts(&db.store), (100, 2466, 2466, 561));
    assert!(
        s.warnings.iter().any(|w| w.contains("countryCode")),
        "{:?}",
        s.warnings
    );

    let again = import(
        &mut db.store,
        FileKind::Invoices,
        ibm_path(),
        &opts(Some(Currency::USD)),
    )
    .unwrap();
    assert!(!again.changed(), "{again}");
    assert_eq!(again.invoices_unchanged, 2466);
    assert_eq!(counts(&db.store), (100, 2466, 2466, 561));
}

#[test]
fn without_a_currency_the_ibm_sample_is_refused_with_the_line() {
    let mut db = db();
    let e = import(&mut db.store, FileKind::Invoices, ibm_path(), &opts(None)).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!("{IBM}:2: column currency: ")),
        "{msg}"
    );
    assert!(msg.contains("--currency"), "{msg}");
    assert_eq!(counts(&db.store), (0, 0, 0, 0));
}

/// Aging as of 2013-06-30 recomputed by hand from the CSV: an invoice counts
/// when issued on or before the date and settled after it; its bucket comes
/// from DueDate.
#[test]
fn ibm_aging_matches_a_recomputation_from_the_csv() {
    let mut db = db();
    import(
        &mut db.store,
        FileKind::Invoices,
        ibm_path(),
        &opts(Some(Currency::USD)),
    )
    .unwrap();
    let as_of = d("2013-06-30");
    let report = store::aging::report(db.store.conn(), as_of).unwrap();

    let text = std::fs::read_to_string(IBM).unwrap();
    let mdy = |s: &str| NaiveDate::parse_from_str(s, "%m/%d/%Y").unwrap();
    let mut counts = [0u64; 5];
    let mut cents = [0i128; 5];
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (issued, due, settled) = (mdy(f[4]), mdy(f[5]), mdy(f[8]));
        if issued > as_of || settled <= as_of {
            continue;
        }
        let amount: f64 = f[6].parse().unwrap();
        let days = (as_of - due).num_days();
        let b = match days {
            ..=0 => 0,
            1..=30 => 1,
            31..=60 => 2,
            61..=90 => 3,
            _ => 4,
        };
        counts[b] += 1;
        cents[b] += (amount * 100.0).round() as i128;
    }
    assert_eq!(report.totals.len(), 1);
    let usd = &report.totals[0];
    assert_eq!(usd.currency, Currency::USD);
    for (i, b) in usd.buckets.iter().enumerate() {
        assert_eq!(
            (b.count, b.outstanding),
            (counts[i], cents[i]),
            "bucket {}",
            b.bucket.label()
        );
    }
    assert_eq!(usd.outstanding, cents.iter().sum::<i128>());
    assert!(usd.count() > 0);
}

#[test]
fn a_bad_amount_stops_the_import_with_file_line_and_column_and_writes_nothing() {
    let mut db = db();
    let p = file(
        &db,
        "bad.csv",
        b"invoice,customer,invoice date,due date,amount\n\
          A1,C1,2026-01-05,2026-02-04,100.00\n\
          A2,C1,2026-01-06,2026-02-05,12O.00\n\
          A3,C2,2026-01-07,2026-02-06,50.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!("{}:3: column amount: ", p.display())),
        "{msg}"
    );
    assert!(matches!(e, ImportError::Cell { line: 3, .. }));
    assert_eq!(counts(&db.store), (0, 0, 0, 0));
}

#[test]
fn an_error_found_while_writing_rolls_back_the_lines_before_it() {
    let mut db = db();
    let first = file(
        &db,
        "a.csv",
        b"invoice,customer,invoice date,amount\nA1,C1,2026-01-05,100.00\n",
    );
    import(
        &mut db.store,
        FileKind::Invoices,
        &first,
        &opts(Some(Currency::EUR)),
    )
    .unwrap();
    // A2 and A3 are fine, A1 contradicts what is stored: nothing of this file lands.
    let second = file(
        &db,
        "b.csv",
        b"invoice,customer,invoice date,amount\nA2,C1,2026-01-06,10.00\nA3,C9,2026-01-06,10.00\nA1,C1,2026-01-05,999.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &second,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("{}:4: ", second.display())),
        "{e}"
    );
    assert!(e.to_string().contains("already in the database"), "{e}");
    assert_eq!(counts(&db.store), (1, 1, 0, 0));
}

#[test]
fn a_french_windows_1252_semicolon_file_imports() {
    let mut db = db();
    let text = "N° facture;Code client;Nom;Date facture;Échéance;Montant TTC;Devise;Réglé le\r\n\
                FA-001;CL01;Boulangerie Müller;05/01/2026;04/02/2026;1\u{a0}234,56;EUR;\r\n\
                FA-002;CL01;Boulangerie Müller;15/01/2026;14/02/2026;99,90;EUR;20/02/2026\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    let p = file(&db, "factures.csv", &bytes);
    let s = import(&mut db.store, FileKind::Invoices, &p, &opts(None)).unwrap();
    assert_eq!(
        (s.invoices_created, s.clients_created, s.payments_recorded),
        (2, 1, 1)
    );
    let f = store::invoices::find(db.store.conn(), "FA-001")
        .unwrap()
        .unwrap();
    assert_eq!(f.invoice.amount.minor, 123_456);
    assert_eq!(f.invoice.due_on, d("2026-02-04"));
    let (_, c) = store::clients::find(db.store.conn(), "CL01")
        .unwrap()
        .unwrap();
    assert_eq!(c.name, "Boulangerie Müller");
    let f2 = store::invoices::find(db.store.conn(), "FA-002")
        .unwrap()
        .unwrap();
    assert_eq!(f2.settled_on, Some(d("2026-02-20")));
}

#[test]
fn a_norwegian_tab_file_with_bom_and_narrow_spaces_imports() {
    let mut db = db();
    let text = "\u{feff}Fakturanr\tKundenr\tFakturadato\tForfallsdato\tBeløp\tValuta\n\
                1001\tK-7\t01.03.2026\t15.03.2026\t12\u{202f}500,00\tNOK\n\
                1002\tK-7\t02.03.2026\t16.03.2026\t980,50\tNOK\n";
    let p = file(&db, "faktura.tsv", text.as_bytes());
    let s = import(&mut db.store, FileKind::Invoices, &p, &opts(None)).unwrap();
    assert_eq!(s.invoices_created, 2);
    let f = store::invoices::find(db.store.conn(), "1001")
        .unwrap()
        .unwrap();
    assert_eq!(
        (f.invoice.amount.minor, f.invoice.amount.currency),
        (1_250_000, Currency::NOK)
    );
}

#[test]
fn a_spanish_file_with_dot_grouping_imports() {
    let mut db = db();
    let text = "Nº factura,Código cliente,Fecha factura,Vencimiento,Importe,Moneda\n\
                F/2026/1,E-1,10/02/2026,12/03/2026,\"1.234,56\",EUR\n\
                F/2026/2,E-1,20/02/2026,22/03/2026,\"2.000,00\",EUR\n";
    let p = file(&db, "facturas.csv", text.as_bytes());
    import(&mut db.store, FileKind::Invoices, &p, &opts(None)).unwrap();
    let f = store::invoices::find(db.store.conn(), "F/2026/2")
        .unwrap()
        .unwrap();
    assert_eq!(f.invoice.amount.minor, 200_000);
}

#[test]
fn ambiguous_dates_are_refused_unless_the_format_is_given() {
    let mut db = db();
    let p = file(
        &db,
        "amb.csv",
        b"invoice,customer,invoice date,due date,amount\nB1,C1,01/02/2026,03/04/2026,10.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(e.to_string().contains("--date-format"), "{e}");
    assert_eq!(counts(&db.store), (0, 0, 0, 0));
    let mut o = opts(Some(Currency::EUR));
    o.date_format = Some(DateFormat::DayMonthYear);
    import(&mut db.store, FileKind::Invoices, &p, &o).unwrap();
    let f = store::invoices::find(db.store.conn(), "B1")
        .unwrap()
        .unwrap();
    assert_eq!(
        (f.invoice.issued_on, f.invoice.due_on),
        (d("2026-02-01"), d("2026-04-03"))
    );
}

#[test]
fn duplicate_numbers_in_one_file_are_refused() {
    let mut db = db();
    let p = file(
        &db,
        "dup.csv",
        b"invoice,customer,invoice date,amount\nD1,C1,2026-01-05,1.00\nD2,C1,2026-01-05,1.00\nD1,C1,2026-01-05,1.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains(":4: column invoice: invoice D1 appears twice"),
        "{e}"
    );
    assert_eq!(counts(&db.store), (0, 0, 0, 0));
}

#[test]
fn truncated_lines_and_implausible_years_are_refused() {
    let mut db = db();
    let p = file(
        &db,
        "trunc.csv",
        b"invoice,customer,invoice date,amount\nT1,C1,2026-01-05,1.00\nT2,C1\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with(&format!("{}:3: ", p.display())),
        "{e}"
    );
    let p = file(
        &db,
        "y.csv",
        b"invoice,customer,invoice date,amount\nT1,C1,2200-01-05,1.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(e.to_string().contains(":2: column invoice date: "), "{e}");
    assert_eq!(counts(&db.store), (0, 0, 0, 0));
}

#[test]
fn payments_import_partially_pays_refuses_overpayment_and_is_idempotent() {
    let mut db = db();
    let inv = file(
        &db,
        "i.csv",
        b"invoice,customer,invoice date,due date,amount\nP1,C1,2026-01-05,2026-02-04,100.00\n",
    );
    import(
        &mut db.store,
        FileKind::Invoices,
        &inv,
        &opts(Some(Currency::EUR)),
    )
    .unwrap();
    let pay = file(
        &db,
        "p.csv",
        b"invoice;payment date;amount;method;reference\nP1;2026-02-10;30,00;virement;VIR-1\nP1;2026-02-10;30,00;virement;VIR-1\n",
    );
    let s = import(&mut db.store, FileKind::Payments, &pay, &opts(None)).unwrap();
    assert_eq!(
        s.payments_recorded, 2,
        "two identical lines are two payments"
    );
    let again = import(&mut db.store, FileKind::Payments, &pay, &opts(None)).unwrap();
    assert_eq!(
        (again.payments_recorded, again.payments_already_there),
        (0, 2)
    );
    let f = store::invoices::find(db.store.conn(), "P1")
        .unwrap()
        .unwrap();
    assert_eq!(f.paid, 6_000);

    let over = file(
        &db,
        "o.csv",
        b"invoice,date,amount\nP1,2026-02-11,10.00\nP1,2026-02-12,40.01\n",
    );
    let e = import(&mut db.store, FileKind::Payments, &over, &opts(None)).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("{}:3: column amount: ", over.display())),
        "{e}"
    );
    assert!(e.to_string().contains("more than"), "{e}");
    let unknown = file(
        &db,
        "u.csv",
        b"invoice,date,amount\nNOPE,2026-02-11,10.00\n",
    );
    let e = import(&mut db.store, FileKind::Payments, &unknown, &opts(None)).unwrap_err();
    assert!(e.to_string().contains("unknown invoice NOPE"), "{e}");
    assert_eq!(store::payments::count(db.store.conn()).unwrap(), 2);
}

#[test]
fn clients_import_creates_then_updates_and_twice_changes_nothing() {
    let mut db = db();
    let p = file(
        &db,
        "clients.csv",
        "code;nom;type;pays;courriel;délai de paiement;plafond\n\
         CL01;Mairie de Lyon;public;FR;compta@lyon.example;45;50 000,00\n\
         CL02;Camille Durand;particulier;FR;;14;\n"
            .as_bytes(),
    );
    let s = import(&mut db.store, FileKind::Clients, &p, &opts(None)).unwrap();
    assert_eq!(s.clients_created, 2);
    let again = import(&mut db.store, FileKind::Clients, &p, &opts(None)).unwrap();
    assert!(!again.changed(), "{again}");
    let (_, c) = store::clients::find(db.store.conn(), "CL01")
        .unwrap()
        .unwrap();
    assert_eq!(c.profile.as_str(), "administration");
    assert_eq!(c.language.code(), "fr");
    assert_eq!(c.currency, Currency::EUR);
    assert_eq!((c.terms_days, c.credit_limit), (45, Some(5_000_000)));
    let p2 = file(
        &db,
        "clients2.csv",
        "code;nom;type;pays\nCL02;Camille Durand-Petit;particulier;FR\n".as_bytes(),
    );
    let s = import(&mut db.store, FileKind::Clients, &p2, &opts(None)).unwrap();
    assert_eq!(s.clients_updated, 1);
    // Only what the file has a column for changes.
    let (_, c) = store::clients::find(db.store.conn(), "CL02")
        .unwrap()
        .unwrap();
    assert_eq!(c.name, "Camille Durand-Petit");
    assert_eq!(c.terms_days, 14, "no terms column: the terms stay");
    let (_, c) = store::clients::find(db.store.conn(), "CL01")
        .unwrap()
        .unwrap();
    assert_eq!((c.terms_days, c.credit_limit), (45, Some(5_000_000)));
    // A currency change that would change what the credit limit means is refused.
    let p3 = file(&db, "clients3.csv", "code;devise\nCL01;GBP\n".as_bytes());
    let e = import(&mut db.store, FileKind::Clients, &p3, &opts(None)).unwrap_err();
    assert!(
        e.to_string().contains(":2: column devise: GBP differs"),
        "{e}"
    );
}

#[test]
fn thousands_without_a_decimal_part_are_not_read_as_decimals() {
    let mut db = db();
    let p = file(
        &db,
        "k.csv",
        b"invoice;customer;invoice date;amount;currency\nK1;C1;2026-01-05;1.000;EUR\nK2;C1;2026-01-05;2.500;EUR\nK3;C1;2026-01-05;1,250;EUR\n",
    );
    import(&mut db.store, FileKind::Invoices, &p, &opts(None)).unwrap();
    let minor = |store: &Store, n: &str| {
        store::invoices::find(store.conn(), n)
            .unwrap()
            .unwrap()
            .invoice
            .amount
            .minor
    };
    let s = &db.store;
    assert_eq!(
        (minor(s, "K1"), minor(s, "K2"), minor(s, "K3")),
        (100_000, 250_000, 125_000)
    );

    // Where three decimals fit the currency, nobody can tell: ask.
    let b = file(
        &db,
        "b.csv",
        b"invoice;customer;invoice date;amount;currency\nB1;C2;2026-01-05;1.000;BHD\n",
    );
    let e = import(&mut db.store, FileKind::Invoices, &b, &opts(None)).unwrap_err();
    assert!(
        e.to_string().contains(":2: column amount: ")
            && e.to_string().contains("--decimal-separator"),
        "{e}"
    );
    let mut o = opts(None);
    o.decimal_separator = Some(dun::import::amounts::DecimalSeparator::Dot);
    import(&mut db.store, FileKind::Invoices, &b, &o).unwrap();
    assert_eq!(
        minor(&db.store, "B1"),
        1_000,
        "1.000 BHD with a decimal dot"
    );
}

#[test]
fn amounts_in_another_currency_or_beyond_reason_are_refused() {
    let mut db = db();
    let p = file(
        &db,
        "c.csv",
        b"invoice,customer,invoice date,amount,currency\nC1,K,2026-01-05,JPY 1250,EUR\n",
    );
    let e = import(&mut db.store, FileKind::Invoices, &p, &opts(None)).unwrap_err();
    assert!(
        e.to_string().contains(":2: column amount: ") && e.to_string().contains("JPY"),
        "{e}"
    );
    let p = file(
        &db,
        "d.csv",
        b"invoice,customer,invoice date,amount,currency\nC1,K,2026-01-05,\xc2\xa312.50,EUR\n",
    );
    assert!(import(&mut db.store, FileKind::Invoices, &p, &opts(None)).is_err());
    let p = file(
        &db,
        "e.csv",
        b"invoice,customer,invoice date,amount\nC1,K,2026-01-05,92233720368547758.07\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(e.to_string().contains("more than dun accepts"), "{e}");
    let p = file(
        &db,
        "f.csv",
        b"invoice,customer,invoice date,amount\nC1,K,2026-01-05,\xe2\x82\xac12.50\n",
    );
    import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap();
    assert_eq!(counts(&db.store).1, 1);
}

#[test]
fn payments_before_the_invoice_or_in_another_currency_are_refused() {
    let mut db = db();
    let inv = file(
        &db,
        "i.csv",
        b"invoice,customer,invoice date,amount\nP1,C1,2026-09-01,100.00\n",
    );
    import(
        &mut db.store,
        FileKind::Invoices,
        &inv,
        &opts(Some(Currency::EUR)),
    )
    .unwrap();
    let early = file(
        &db,
        "early.csv",
        b"invoice,date,amount\nP1,2020-01-01,10.00\n",
    );
    let e = import(&mut db.store, FileKind::Payments, &early, &opts(None)).unwrap_err();
    assert!(
        e.to_string()
            .contains(":2: column date: 2020-01-01 is before invoice P1 was issued"),
        "{e}"
    );
    let ok = file(&db, "ok.csv", b"invoice,date,amount\nP1,2026-10-01,10.00\n");
    let e = import(
        &mut db.store,
        FileKind::Payments,
        &ok,
        &opts(Some(Currency::USD)),
    )
    .unwrap_err();
    assert!(e.to_string().contains("--currency USD differs"), "{e}");
    assert_eq!(store::payments::count(db.store.conn()).unwrap(), 0);
}

#[test]
fn control_characters_are_refused_in_numbers_and_neutralised_in_names() {
    let mut db = db();
    let p = file(
        &db,
        "x.csv",
        b"invoice,customer,invoice date,amount\nX\x1b[2J1,C1,2026-01-05,1.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(e.to_string().contains("control characters"), "{e}");
    assert!(!e.to_string().contains('\u{1b}'), "{e:?}");
    let p = file(
        &db,
        "n.csv",
        b"invoice,customer,customer name,invoice date,amount\nN1,C1,\x1b]0;owned\x07Acme\xe2\x80\xae Ltd,2026-01-05,1.00\n",
    );
    import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap();
    let (_, c) = store::clients::find(db.store.conn(), "C1")
        .unwrap()
        .unwrap();
    assert!(
        !c.name.chars().any(dun::domain::text::is_unsafe),
        "{:?}",
        c.name
    );
    assert!(c.name.contains("Acme"));
}

#[test]
fn an_unclosed_quote_is_refused_instead_of_swallowing_lines() {
    let mut db = db();
    let p = file(
        &db,
        "q.csv",
        b"invoice,customer,customer name,invoice date,amount\nF1,C1,\"Acme,2026-01-05,1.00\nF2,C1,Beta,2026-01-05,2.00\nF3,C1,Gam\"ma,2026-01-05,3.00\n",
    );
    let e = import(
        &mut db.store,
        FileKind::Invoices,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains(":2: column customer name: a quote opened here"),
        "{e}"
    );
    assert_eq!(counts(&db.store), (0, 0, 0, 0));
    // A quoted address over two lines is an ordinary value.
    let c = file(
        &db,
        "c.csv",
        b"code,name,address\nC1,Acme,\"1 rue de la Paix\n75002 Paris\"\n",
    );
    let mut o = opts(Some(Currency::EUR));
    o.date_format = None;
    import(&mut db.store, FileKind::Clients, &c, &o).unwrap();
    let (_, client) = store::clients::find(db.store.conn(), "C1")
        .unwrap()
        .unwrap();
    assert!(client.address.unwrap().contains("Paris"));
}

#[test]
fn a_file_with_only_its_header_changes_nothing_and_succeeds() {
    let mut db = db();
    let p = file(&db, "empty-day.csv", b"invoice;date;amount\n");
    let s = import(&mut db.store, FileKind::Payments, &p, &opts(None)).unwrap();
    assert!(!s.changed());
    assert_eq!(s.to_string(), "0 lines read: nothing to change");
}

#[test]
fn contractual_late_payment_terms_come_with_the_clients() {
    let mut db = db();
    let p = file(
        &db,
        "clients.csv",
        "code;nom;pays;taux pénalités;indemnité forfaitaire\n\
         CL01;Atelier Sud;FR;12,5 %;55.00\n\
         CL02;Atelier Nord;FR;;\n"
            .as_bytes(),
    );
    import(
        &mut db.store,
        FileKind::Clients,
        &p,
        &opts(Some(Currency::EUR)),
    )
    .unwrap();
    let (_, c) = store::clients::find(db.store.conn(), "CL01")
        .unwrap()
        .unwrap();
    assert_eq!(c.late_rate.map(|r| r.to_string()), Some("12.5".to_string()));
    assert_eq!(c.late_fee, Some(5_500));
    let (_, c) = store::clients::find(db.store.conn(), "CL02")
        .unwrap()
        .unwrap();
    assert_eq!((c.late_rate, c.late_fee), (None, None));
    let bad = file(&db, "bad.csv", "code;late rate\nCL01;twelve\n".as_bytes());
    let e = import(
        &mut db.store,
        FileKind::Clients,
        &bad,
        &opts(Some(Currency::EUR)),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.ends_with("bad.csv:2: column late rate: \"twelve\" is not an annual rate in % (0–100)"),
        "{e}"
    );
}
