//! Tests of `import::headers` (built only under #[cfg(test)], see `headers.rs`).

use super::*;
use std::collections::HashMap;

const KINDS: [FileKind; 3] = [FileKind::Invoices, FileKind::Payments, FileKind::Clients];

#[test]
fn normalizing() {
    assert_eq!(normalize("Invoice No."), "invoiceno");
    assert_eq!(normalize("invoice_number"), "invoicenumber");
    assert_eq!(normalize("InvoiceNumber"), "invoicenumber");
    assert_eq!(normalize("N° facture"), "nfacture");
    assert_eq!(normalize("Nº factura"), "nfactura");
    assert_eq!(normalize("Échéance"), "echeance");
    assert_eq!(normalize("Beløp"), "belop");
    assert_eq!(normalize("Målform"), "malform");
    assert_eq!(normalize("Milepæl"), "milepael");
    assert_eq!(normalize("Código cliente"), "codigocliente");
    assert_eq!(normalize("Año"), "ano");
    assert_eq!(normalize("Deposit %"), "deposit");
    assert_eq!(normalize("Suspendu jusqu'au"), "suspendujusquau");
    assert_eq!(normalize("Œuvre"), "oeuvre");
    assert_eq!(normalize("\u{feff}countryCode"), "countrycode");
    // Decomposed accents (e + combining acute) fold too.
    assert_eq!(normalize("E\u{301}che\u{301}ance"), "echeance");
    assert_eq!(normalize(" — "), "");
}

#[test]
fn synonyms_are_normalized_and_unambiguous_per_kind() {
    for row in SYNONYMS {
        for name in row.names {
            assert_eq!(normalize(name), *name, "{name} is not normalized");
        }
    }
    for kind in KINDS {
        let mut seen: HashMap<&str, Field> = HashMap::new();
        for &field in kind.fields() {
            for row in rows(kind, field) {
                for name in row.names {
                    if let Some(other) = seen.insert(name, field) {
                        assert_eq!(other, field, "{name:?} means two fields in {kind:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn every_field_is_found_by_its_own_name() {
    for kind in KINDS {
        for &field in kind.fields() {
            assert!(rows(kind, field).next().is_some(), "{field} in {kind:?}");
            assert_eq!(match_header(kind, field.name()), Some(field), "{kind:?}");
        }
        for &field in kind.required() {
            assert!(kind.fields().contains(&field));
        }
    }
}

#[test]
fn fields_only_match_in_their_kinds() {
    assert_eq!(
        match_header(FileKind::Clients, "deposit"),
        Some(Field::DepositPct)
    );
    assert_eq!(
        match_header(FileKind::Invoices, "Deposit"),
        Some(Field::IsDeposit)
    );
    assert_eq!(match_header(FileKind::Payments, "Deposit"), None);
    assert_eq!(
        match_header(FileKind::Invoices, "Date"),
        Some(Field::IssuedOn)
    );
    assert_eq!(
        match_header(FileKind::Payments, "Date"),
        Some(Field::ReceivedOn)
    );
    assert_eq!(match_header(FileKind::Clients, "Date"), None);
    assert_eq!(
        match_header(FileKind::Invoices, "Payment date"),
        Some(Field::SettledOn)
    );
    assert_eq!(
        match_header(FileKind::Payments, "Payment date"),
        Some(Field::ReceivedOn)
    );
    assert_eq!(
        match_header(FileKind::Invoices, "No."),
        Some(Field::InvoiceNumber)
    );
    assert_eq!(match_header(FileKind::Payments, "No."), None);
    assert_eq!(match_header(FileKind::Invoices, "Amount paid"), None);
    assert_eq!(
        match_header(FileKind::Payments, "Amount paid"),
        Some(Field::Amount)
    );
    assert_eq!(match_header(FileKind::Payments, "Invoice amount"), None);
    assert_eq!(
        match_header(FileKind::Clients, "Type"),
        Some(Field::Profile)
    );
    assert_eq!(match_header(FileKind::Invoices, "Type"), None);
    assert_eq!(
        match_header(FileKind::Payments, "Customer"),
        Some(Field::ClientCode)
    );
    assert_eq!(
        match_header(FileKind::Invoices, "Account"),
        Some(Field::ClientCode)
    );
    assert_eq!(match_header(FileKind::Payments, "Account"), None);
    assert_eq!(match_header(FileKind::Invoices, ""), None);
    assert_eq!(match_header(FileKind::Invoices, "Notes"), None);
}

#[test]
fn the_ibm_sample_header() {
    let header = "countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,\
                  InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate";
    let headers: Vec<&str> = header.split(',').collect();
    let map = map_headers(FileKind::Invoices, &headers).unwrap();
    use Field::*;
    assert_eq!(
        map.columns,
        vec![
            Some(Country),
            Some(ClientCode),
            None,
            Some(InvoiceNumber),
            Some(IssuedOn),
            Some(DueOn),
            Some(Amount),
            Some(Disputed),
            Some(SettledOn),
            None,
            None,
            None,
        ]
    );
    assert_eq!(
        map.unknown(),
        vec!["PaperlessDate", "PaperlessBill", "DaysToSettle", "DaysLate"]
    );
    assert_eq!(map.index(ClientCode), Some(1));
    assert_eq!(map.index(Currency), None);
    assert_eq!(map.header(4), Some("InvoiceDate"));
    assert_eq!(map.header(12), None);

    // The real file, if present, has the same header.
    if let Ok(text) = std::fs::read_to_string("/work/shared/data/ibm-accounts-receivable.csv")
        && let Some(first) = text.lines().next()
    {
        let real: Vec<&str> = first.split(',').collect();
        assert_eq!(map_headers(FileKind::Invoices, &real).unwrap(), map);
    }
}

#[test]
fn a_french_header() {
    let h = [
        "N° facture",
        "Code client",
        "Date facture",
        "Échéance",
        "Montant TTC",
        "Devise",
    ];
    let map = map_headers(FileKind::Invoices, &h).unwrap();
    use Field::*;
    assert_eq!(
        map.columns,
        [InvoiceNumber, ClientCode, IssuedOn, DueOn, Amount, Currency].map(Some)
    );
    assert!(map.unknown().is_empty());
}

#[test]
fn a_norwegian_header() {
    let h = [
        "Fakturanr",
        "Kundenr",
        "Fakturadato",
        "Forfallsdato",
        "Beløp",
    ];
    let map = map_headers(FileKind::Invoices, &h).unwrap();
    use Field::*;
    assert_eq!(
        map.columns,
        [InvoiceNumber, ClientCode, IssuedOn, DueOn, Amount].map(Some)
    );
}

#[test]
fn a_spanish_header() {
    let h = [
        "Nº factura",
        "Código cliente",
        "Fecha factura",
        "Vencimiento",
        "Importe",
        "Moneda",
    ];
    let map = map_headers(FileKind::Invoices, &h).unwrap();
    use Field::*;
    assert_eq!(
        map.columns,
        [InvoiceNumber, ClientCode, IssuedOn, DueOn, Amount, Currency].map(Some)
    );
}

#[test]
fn payments_and_clients_headers() {
    let h = [
        "Facture",
        "Date de paiement",
        "Montant payé",
        "Mode de paiement",
        "Libellé",
    ];
    let map = map_headers(FileKind::Payments, &h).unwrap();
    use Field::*;
    assert_eq!(
        map.columns,
        [InvoiceNumber, ReceivedOn, Amount, Method, Reference].map(Some)
    );
    let h = [
        "Kundenr",
        "Navn",
        "Språk",
        "Land",
        "E-post",
        "Telefon",
        "Betalingsfrist",
        "Kredittgrense",
        "Forskudd %",
        "Saksbehandler",
        "Pause til",
        "Notat",
    ];
    let map = map_headers(FileKind::Clients, &h).unwrap();
    assert_eq!(
        map.columns,
        vec![
            Some(ClientCode),
            Some(ClientName),
            Some(Language),
            Some(Country),
            Some(Email),
            Some(Phone),
            Some(TermsDays),
            Some(CreditLimit),
            Some(DepositPct),
            Some(Clerk),
            Some(HoldUntil),
            None,
        ]
    );
    assert_eq!(map.unknown(), vec!["Notat"]);
}

#[test]
fn missing_required_columns() {
    let err = map_headers(FileKind::Invoices, &["Client", "Date", "Amount"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no column for invoice_number (looked for: invoice, facture, faktura, factura, …)"
    );
    let err = map_headers(FileKind::Payments, &["Invoice", "Amount"]).unwrap_err();
    assert!(matches!(
        err,
        HeaderError::Missing {
            field: Field::ReceivedOn,
            ..
        }
    ));
    let err = map_headers(FileKind::Clients, &[]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("no column for client_code (looked for: customer, client, kunde, cliente")
    );
}

#[test]
fn two_columns_for_one_field() {
    let h = [
        "Invoice",
        "Client",
        "Date",
        "Amount",
        "Due date",
        "Échéance",
    ];
    let err = map_headers(FileKind::Invoices, &h).unwrap_err();
    assert_eq!(
        err.to_string(),
        "columns \"Due date\" and \"Échéance\" both look like due_on"
    );
    // Blank headers are ignored and not reported.
    let h = ["Invoice", "Client", "Date", "Amount", "", " "];
    let map = map_headers(FileKind::Invoices, &h).unwrap();
    assert_eq!(map.columns.len(), 6);
    assert!(map.unknown().is_empty());
}

#[test]
fn the_contact_person_and_title_in_four_languages() {
    for (h, f) in [
        ("Contact", Field::ContactName),
        ("Interlocuteur", Field::ContactName),
        ("À l'attention de", Field::ContactName),
        ("Kontaktperson", Field::ContactName),
        ("Persona de contacto", Field::ContactName),
        ("Contacto", Field::ContactName),
        ("Title", Field::ContactTitle),
        ("Civilité", Field::ContactTitle),
        ("Tittel", Field::ContactTitle),
        ("Tiltale", Field::ContactTitle),
        ("Tratamiento", Field::ContactTitle),
    ] {
        assert_eq!(match_header(FileKind::Clients, h), Some(f), "{h}");
    }
    // Not in an invoices file.
    assert_eq!(match_header(FileKind::Invoices, "Civilité"), None);
}
