//! Matches column headers written in English, French, Norwegian or Spanish to
//! the fields dun imports.

/// A piece of data an import file can carry. Its name (`due_on`), and its
/// `Display`, is the English snake_case one, as used in messages and in
/// dun's own exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    InvoiceNumber,
    ClientCode,
    ClientName,
    IssuedOn,
    DueOn,
    Amount,
    Currency,
    SettledOn,
    Disputed,
    Milestone,
    IsDeposit,
    ReceivedOn,
    Method,
    Reference,
    Profile,
    Language,
    Country,
    Phone,
    Email,
    Address,
    TermsDays,
    CreditLimit,
    DepositPct,
    Rating,
    Clerk,
    PilotEndsOn,
    HoldUntil,
    LateRate,
    LateFee,
    ContactName,
    ContactTitle,
}

impl Field {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// What an import file holds: `invoices`, `payments` or `clients`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum FileKind {
    Invoices,
    Payments,
    Clients,
}

impl FileKind {
    /// Every field a file of this kind may have.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Invoices => &[
                InvoiceNumber,
                ClientCode,
                ClientName,
                IssuedOn,
                DueOn,
                Amount,
                Currency,
                SettledOn,
                Disputed,
                Milestone,
                IsDeposit,
                Country,
                Language,
                Profile,
            ],
            FileKind::Payments => &[
                InvoiceNumber,
                ClientCode,
                ReceivedOn,
                Amount,
                Currency,
                Method,
                Reference,
            ],
            FileKind::Clients => &[
                ClientCode,
                ClientName,
                Profile,
                Language,
                Country,
                Phone,
                Email,
                Address,
                TermsDays,
                CreditLimit,
                Currency,
                DepositPct,
                Rating,
                Clerk,
                PilotEndsOn,
                HoldUntil,
                LateRate,
                LateFee,
                ContactName,
                ContactTitle,
            ],
        }
    }

    /// The fields a file of this kind must have a column for.
    pub fn required(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Invoices => &[InvoiceNumber, ClientCode, IssuedOn, Amount],
            FileKind::Payments => &[InvoiceNumber, ReceivedOn, Amount],
            FileKind::Clients => &[ClientCode],
        }
    }

    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One row of the synonym table: normalized header names (see [`normalize`])
/// meaning `field`, in files of kind `only` or, when `None`, of every kind that
/// has the field.
struct Synonyms {
    field: Field,
    only: Option<FileKind>,
    names: &'static [&'static str],
}

const fn all(field: Field, names: &'static [&'static str]) -> Synonyms {
    Synonyms {
        field,
        only: None,
        names,
    }
}

const fn only(kind: FileKind, field: Field, names: &'static [&'static str]) -> Synonyms {
    Synonyms {
        field,
        only: Some(kind),
        names,
    }
}

/// Names of a customer account, which a payments file does not use for the client.
const ACCOUNT: &[&str] = &["account", "accountno", "accountnumber", "accountid"];

/// Header names per field, already normalized. The first names of a field's
/// first row are quoted in "no column for …" messages, so they come one per
/// language: English, French, Norwegian, Spanish. To add a synonym, add it
/// here; the tests check that no name means two fields in one kind of file.
#[rustfmt::skip]
const SYNONYMS: &[Synonyms] = &[
    all(Field::InvoiceNumber, &[
        "invoice", "facture", "faktura", "factura", "invoiceno", "invoicenumber", "invoicenr",
        "invoiceid", "invoicenum", "invoicenbr", "invno", "invoiceref", "numerofacture",
        "nfacture", "nofacture", "numfacture", "numerodefacture", "fakturanr", "fakturanummer",
        "fakturano", "numerofactura", "nfactura", "nofactura", "numfactura", "numerodefactura",
        "nodefactura",
    ]),
    // In a payments file these may well number the payment, not the invoice.
    only(FileKind::Invoices, Field::InvoiceNumber, &[
        "number", "no", "nr", "numero",
    ]),
    all(Field::ClientCode, &[
        "customer", "client", "kunde", "cliente", "customerid", "customercode", "customerno",
        "customernumber", "customernr", "clientid", "clientcode", "clientno", "clientnumber",
        "debtor", "debtorid", "debtorno", "debtornumber", "codeclient", "numeroclient", "nclient", "noclient", "idclient",
        "refclient", "kundenr", "kundenummer", "kundeid", "kundeno", "codigocliente",
        "idcliente", "numcliente", "ncliente", "numerocliente", "codcliente",
    ]),
    // In a payments file from a bank, the account is the bank account.
    only(FileKind::Invoices, Field::ClientCode, ACCOUNT),
    only(FileKind::Clients, Field::ClientCode, ACCOUNT),
    all(Field::ClientName, &[
        "name", "nom", "navn", "nombre", "customername", "clientname", "companyname", "company",
        "accountname", "debtorname", "nomclient", "nomduclient", "raisonsociale", "societe",
        "kundenavn", "firmanavn", "firma", "nombrecliente", "nombredelcliente", "razonsocial",
        "empresa",
    ]),
    all(Field::IssuedOn, &[
        "invoicedate", "datefacture", "fakturadato", "fechafactura", "issuedate", "issuedon",
        "issued", "dateissued", "date", "billdate", "documentdate", "datedefacture",
        "dateemission", "datefacturation", "dato", "fecha", "fechaemision", "fechadefactura",
        "fechadeemision",
    ]),
    all(Field::DueOn, &[
        "duedate", "echeance", "forfallsdato", "vencimiento", "due", "dueon", "paymentdue",
        "datedue", "paymentduedate", "dateecheance", "datedecheance", "datelimite",
        "datelimitedepaiement", "forfall", "forfallsdag", "fechavencimiento",
        "fechadevencimiento",
    ]),
    all(Field::Amount, &[
        "amount", "montant", "belop", "importe", "total", "totalamount", "sum", "monto",
        "totalbelop", "importetotal", "montanttotal",
    ]),
    only(FileKind::Invoices, Field::Amount, &[
        "invoiceamount", "invoicetotal", "amountdue", "grossamount", "amountincltax",
        "amountinclvat", "montantttc", "totalttc", "montantfacture", "montantdelafacture",
        "fakturabelop", "belopinklmva", "totalinklmva", "importefactura", "montofactura",
        "totalfactura",
    ]),
    only(FileKind::Payments, Field::Amount, &[
        "amountpaid", "paidamount", "paymentamount", "amountreceived", "montantpaye",
        "montantregle", "montantencaisse", "betaltbelop", "innbetalt", "innbetaltbelop",
        "importepagado", "montopagado", "importecobrado",
    ]),
    all(Field::Currency, &[
        "currency", "devise", "valuta", "moneda", "currencycode", "ccy", "cur", "curr",
        "monnaie", "divisa", "codedevise", "valutakode",
    ]),
    all(Field::SettledOn, &[
        "settleddate", "datepaiement", "betalingsdato", "fechapago", "settledon", "settled",
        "paiddate", "paidon", "datepaid", "paymentdate", "datereglement", "datedepaiement",
        "datedereglement", "regle", "betaltdato", "betalt", "fechadepago", "fechacobro",
        "fechadecobro", "pagado", "reglele", "payele", "encaissele", "betaltden", "pagadoel",
    ]),
    // In a clients file a bare "code" can only be the client's.
    only(FileKind::Clients, Field::ClientCode, &["code", "kode", "codigo", "id"]),
    all(Field::Disputed, &[
        "disputed", "litige", "tvist", "disputa", "dispute", "indispute", "litigieux",
        "enlitige", "contestee", "conteste", "omtvistet", "bestridt", "endisputa", "litigio",
        "enlitigio", "disputado", "impugnada",
    ]),
    all(Field::Milestone, &[
        "milestone", "jalon", "milepael", "hito", "etape", "milepel",
    ]),
    all(Field::IsDeposit, &[
        "isdeposit", "factureacompte", "forskuddsfaktura", "facturaanticipo", "depositinvoice",
        "deposit", "acompte", "facturedacompte", "forskudd", "anticipo", "facturadeanticipo",
    ]),
    all(Field::ReceivedOn, &[
        "receivedon", "dateencaissement", "innbetalingsdato", "fechacobro", "date",
        "paymentdate", "received", "datereceived", "paidon", "paiddate", "datepaid",
        "valuedate", "datepaiement", "datereglement", "datedepaiement", "datevaleur", "dato",
        "betalingsdato", "betaltdato", "mottatt", "fecha", "fechapago", "fechadepago",
        "fecharecepcion", "fechadecobro",
    ]),
    all(Field::Method, &[
        "method", "modedepaiement", "betalingsmate", "metododepago", "paymentmethod",
        "paymenttype", "paymentmode", "mode", "modepaiement", "moyendepaiement", "reglement",
        "modereglement", "modedereglement", "betalingsmetode", "betalingstype", "metodo",
        "formadepago", "formapago", "mediodepago",
    ]),
    all(Field::Reference, &[
        "reference", "libelle", "referanse", "referencia", "ref", "paymentreference",
        "transactionid", "transactionref", "referenceclient", "referencepaiement", "kid",
        "melding", "concepto", "memo",
    ]),
    all(Field::Profile, &[
        "profile", "profil", "kundetype", "perfil", "customertype", "clienttype", "typeclient",
        "typedeclient", "tipocliente", "tipodecliente",
    ]),
    // Too vague in an invoices file (the type of invoice, its category).
    only(FileKind::Clients, Field::Profile, &[
        "type", "category", "categorie", "kategori", "tipo", "categoria", "segment",
    ]),
    all(Field::Language, &[
        "language", "langue", "sprak", "idioma", "lang", "malform", "lengua",
    ]),
    all(Field::Country, &[
        "country", "pays", "land", "pais", "countrycode", "codepays", "landkode", "codigopais",
    ]),
    all(Field::Phone, &[
        "phone", "telephone", "telefon", "telefono", "tel", "phonenumber", "mobile",
        "telefonnummer", "mobil", "movil", "tlf", "numerodetelephone",
    ]),
    all(Field::Email, &[
        "email", "courriel", "epost", "correo", "mail", "emailaddress", "adressemail",
        "adresseemail", "adressecourriel", "epostadresse", "correoelectronico",
    ]),
    all(Field::Address, &[
        "address", "adresse", "postadresse", "direccion", "postaladdress", "billingaddress",
        "adressepostale", "adressedefacturation", "fakturaadresse", "domicilio",
        "direcciondefacturacion",
    ]),
    all(Field::TermsDays, &[
        "terms", "delaipaiement", "betalingsfrist", "plazo", "paymentterms", "termsdays",
        "netdays", "delaidepaiement", "conditionsdepaiement", "betalingsbetingelser",
        "plazopago", "plazodepago", "condicionesdepago",
    ]),
    all(Field::CreditLimit, &[
        "creditlimit", "plafond", "kredittgrense", "limitecredito", "limit", "plafondcredit",
        "plafonddecredit", "encoursautorise", "encoursmax", "kredittramme", "limitedecredito",
        "riesgomaximo",
    ]),
    all(Field::DepositPct, &[
        "deposit", "acompte", "forskudd", "anticipo", "depositpct", "depositpercent",
        "depositpercentage", "acomptepct", "pourcentageacompte", "depositum",
        "forskuddsprosent", "deposito", "anticipopct",
    ]),
    all(Field::Rating, &[
        "rating", "cotation", "vurdering", "calificacion", "risk", "riskrating", "creditrating",
        "notation", "risque", "risiko", "kredittvurdering", "riesgo",
    ]),
    all(Field::Clerk, &[
        "clerk", "gestionnaire", "saksbehandler", "gestor", "assignedto", "owner", "collector",
        "accountmanager", "chargederecouvrement", "responsable", "ansvarlig", "cobrador",
    ]),
    all(Field::PilotEndsOn, &[
        "pilotends", "finpilote", "pilotslutt", "finpiloto", "pilotendson", "pilotend",
        "trialends", "trialend", "trialendson", "finessai", "provetidslutt", "finprueba",
    ]),
    all(Field::LateRate, &[
        "laterate", "latepaymentrate", "latepaymentinterest", "interestrate", "contractrate",
        "tauxpenalites", "tauxdepenalites", "tauxinteretsderetard", "forsinkelsesrentesats",
        "rentesats", "tipodemora", "interesdemora", "tipointeres",
    ]),
    all(Field::LateFee, &[
        "latefee", "latepaymentfee", "recoveryfee", "indemniteforfaitaire", "fraisderecouvrement",
        "gebyr", "purregebyr", "comisionderecobro", "gastosderecobro",
    ]),
    all(Field::ContactName, &[
        "contact", "interlocuteur", "kontaktperson", "contacto", "contactperson", "contactname",
        "attention", "attn", "fao", "personnecontact", "nomcontact", "nomducontact",
        "alattentionde", "kontakt", "kontaktnavn", "att", "personadecontacto",
        "personacontacto", "nombrecontacto", "nombredelcontacto", "atencion",
    ]),
    all(Field::ContactTitle, &[
        "title", "civilite", "tittel", "tratamiento", "contacttitle", "honorific",
        "salutation", "civ", "civilitecontact", "tiltale", "titulo", "formadetratamiento",
    ]),
    all(Field::HoldUntil, &[
        "holduntil", "suspendujusquau", "pausetil", "suspendidohasta", "onholduntil", "hold",
        "onhold", "suspendu", "suspendujusqua", "pause", "suspendido",
    ]),
];

/// The synonym rows that apply to `field` in files of `kind`.
fn rows(kind: FileKind, field: Field) -> impl Iterator<Item = &'static Synonyms> {
    SYNONYMS.iter().filter(move |row| {
        row.field == field && row.only.is_none_or(|k| k == kind) && kind.fields().contains(&field)
    })
}

/// Folds one lower-case letter with a diacritic to plain ASCII.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ř' => "r",
        _ => return None,
    })
}

/// Reduces a header to lower-case ASCII letters and digits: accents are
/// stripped (`é`→`e`, `ø`→`o`, `æ`→`ae`), everything else dropped.
/// `Invoice No.` → `invoiceno`, `N° facture` → `nfacture`, `Beløp` → `belop`.
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if let Some(s) = fold(c) {
            out.push_str(s);
        }
    }
    out
}

/// The field a header names in a file of `kind`, if any.
pub fn match_header(kind: FileKind, header: &str) -> Option<Field> {
    let n = normalize(header);
    if n.is_empty() {
        return None;
    }
    kind.fields()
        .iter()
        .copied()
        .find(|&field| rows(kind, field).any(|row| row.names.contains(&n.as_str())))
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("no column for {field} (looked for: {looked_for})")]
    Missing { field: Field, looked_for: String },
    #[error("columns {first:?} and {second:?} both look like {field}")]
    Duplicate {
        field: Field,
        first: String,
        second: String,
    },
}

/// Which field each column of a file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderMap {
    /// One entry per column, in file order; `None` for a column that is ignored.
    pub columns: Vec<Option<Field>>,
    /// The headers as written (trimmed), one per column.
    headers: Vec<String>,
}

impl HeaderMap {
    /// The column holding `f`, counting from 0.
    pub fn index(&self, f: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(f))
    }

    /// The header of column `index` as written in the file (trimmed).
    pub fn header(&self, index: usize) -> Option<&str> {
        self.headers.get(index).map(String::as_str)
    }

    /// Headers of the columns that are ignored, to report; blank headers are left out.
    pub fn unknown(&self) -> Vec<&str> {
        self.columns
            .iter()
            .zip(&self.headers)
            .filter(|(c, h)| c.is_none() && !h.is_empty())
            .map(|(_, h)| h.as_str())
            .collect()
    }
}

/// A few names looked for, for the "no column for …" message.
fn looked_for(kind: FileKind, field: Field) -> String {
    let names: Vec<&str> = rows(kind, field)
        .flat_map(|row| row.names.iter().copied())
        .collect();
    let mut text = names.iter().take(4).copied().collect::<Vec<_>>().join(", ");
    if names.len() > 4 {
        text.push_str(", …");
    }
    text
}

/// Maps the header row of a file of `kind`. Every required field needs a
/// column, and no field may have two.
pub fn map_headers(kind: FileKind, headers: &[&str]) -> Result<HeaderMap, HeaderError> {
    let columns: Vec<Option<Field>> = headers.iter().map(|h| match_header(kind, h)).collect();
    let trimmed: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    for (i, field) in columns.iter().enumerate() {
        let Some(field) = field else { continue };
        if let Some(j) = columns[i + 1..].iter().position(|c| c == &Some(*field)) {
            return Err(HeaderError::Duplicate {
                field: *field,
                first: trimmed[i].clone(),
                second: trimmed[i + 1 + j].clone(),
            });
        }
    }
    for &field in kind.required() {
        if !columns.contains(&Some(field)) {
            return Err(HeaderError::Missing {
                field,
                looked_for: looked_for(kind, field),
            });
        }
    }
    Ok(HeaderMap {
        columns,
        headers: trimmed,
    })
}

#[cfg(test)]
mod tests;
