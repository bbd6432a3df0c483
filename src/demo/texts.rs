//! What the demo writes in free-text fields: milestones in the client's
//! language, and the clerks' own notes (in English) on calls, disputes and
//! credit checks.

use super::places::Country;
use super::rng::Rng;
use crate::domain::client::{Profile, Rating};
use crate::domain::language::Language;
use crate::domain::solvency::SolvencySource;

/// Milestone templates per language; `{q}` is the quarter of the issue date.
fn milestone_templates(l: Language) -> &'static [&'static str] {
    match l {
        Language::Fr => &[
            "livraison des maquettes du T{q}",
            "livraison de la phase 2",
            "recette du lot 1",
            "mise en production du site",
            "formation des utilisateurs",
            "maintenance du T{q}",
            "pose des menuiseries",
        ],
        Language::Nb => &[
            "levering av fase 2",
            "levering av skisser for {q}. kvartal",
            "ferdigstillelse av byggetrinn 1",
            "opplæring av ansatte",
            "vedlikehold {q}. kvartal",
            "idriftsetting av anlegget",
            "montering av vinduer",
        ],
        Language::Es => &[
            "entrega del prototipo",
            "entrega de las maquetas del T{q}",
            "fin de la fase 2",
            "formación del personal",
            "mantenimiento del T{q}",
            "puesta en marcha de la instalación",
            "montaje de la carpintería",
        ],
        Language::En => &[
            "delivery of the Q{q} mock-ups",
            "delivery of phase 2",
            "completion of the first fix",
            "staff training day",
            "Q{q} maintenance visit",
            "commissioning of the new line",
            "fitting of the new windows",
        ],
    }
}

/// Every milestone text, expanded once: `[language][template * 4 + quarter - 1]`.
pub struct Milestones(Vec<Vec<String>>);

impl Milestones {
    pub fn new() -> Milestones {
        Milestones(
            Language::ALL
                .iter()
                .map(|&l| {
                    milestone_templates(l)
                        .iter()
                        .flat_map(|t| (1..=4).map(move |q| t.replace("{q}", &q.to_string())))
                        .collect()
                })
                .collect(),
        )
    }

    /// A milestone for an invoice issued in `quarter` (1–4).
    pub fn pick(&self, l: Language, quarter: u32, rng: &mut Rng) -> Option<String> {
        let lang = Language::ALL.iter().position(|x| *x == l)?;
        let list = self.0.get(lang)?;
        let templates = list.len() / 4;
        let i = rng.index(templates) * 4 + (quarter.clamp(1, 4) - 1) as usize;
        list.get(i).cloned()
    }
}

/// The text of a deposit request.
pub fn deposit_text(l: Language, pct: u8) -> String {
    match l {
        Language::Fr => format!("acompte de {pct} % à la commande"),
        Language::Nb => format!("forskudd {pct} % ved bestilling"),
        Language::Es => format!("anticipo del {pct} % a la firma del pedido"),
        Language::En => format!("{pct}% deposit on order"),
    }
}

/// Call notes by outcome (index in `CALL_OUTCOMES`).
pub fn call_note(outcome: usize, profile: Profile, rng: &mut Rng) -> &'static str {
    let notes: &[&str] = match (outcome, profile) {
        (0, Profile::Administration) => &[
            "Spoke to accounts payable, invoice approved, payment run on Friday",
            "Finance department says the payment order is signed, waiting for the treasury",
            "Invoice was stuck without a purchase order number; gave them the PO, resubmitted",
            "Spoke to the buyer, invoice needs a second signature, chasing internally",
        ],
        (0, Profile::Individual) => &[
            "Spoke to the client, will pay by card at the end of the month",
            "Client had forgotten, paying this week",
            "Client asked to pay in two instalments, agreed",
            "Client says the transfer went out yesterday, will check tomorrow",
        ],
        (0, _) => &[
            "Spoke to accounts payable, invoice approved, payment run on Friday",
            "Spoke to the owner, cash flow tight, will pay half now and half next month",
            "Bookkeeper says the invoice is in this week's payment batch",
            "Invoice had gone to the wrong department; resent to the accountant",
            "Owner confirms the work is fine, payment after their own client pays",
        ],
        (1, _) => &[
            "No answer, try again tomorrow morning",
            "No answer on the main line",
            "Rang twice, nobody picked up",
        ],
        (2, _) => &[
            "Left a voicemail asking for a call back",
            "Voicemail; left invoice number and our direct line",
        ],
        (3, _) => &[
            "Number no longer in service, looking for a new contact",
            "Wrong number, the switchboard gave us an old extension",
        ],
        _ => &[
            "Client refuses to pay until the quality issue is sorted",
            "Manager refused to discuss, asked us to write instead",
            "Says they never ordered this, asked for the signed quote",
        ],
    };
    rng.pick(notes)
}

/// Dispute reason codes with the clerk's note, and how such a dispute ends.
pub const DISPUTES: &[(&str, &str, &str)] = &[
    (
        "quantity",
        "Client says only 40 of the 50 units were delivered",
        "Missing units delivered; client accepts the invoice",
    ),
    (
        "price",
        "Client disputes the unit price, says the quote had a 10% discount",
        "Discount applied on the next invoice; client will pay this one in full",
    ),
    (
        "quality",
        "Paint finish damaged on delivery, client wants a credit note",
        "Credit note for the damaged items agreed, balance confirmed payable",
    ),
    (
        "not_received",
        "Client says the invoice never arrived; sent a copy by email",
        "Client confirms receipt of the copy; invoice entered for payment",
    ),
    (
        "duplicate",
        "Client says this invoice duplicates one already paid",
        "Checked with the client: a different order, not a duplicate",
    ),
    (
        "quality",
        "Two of the fitted doors do not close properly, fitter to return",
        "Fitter adjusted the doors; client satisfied",
    ),
    (
        "price",
        "Extra hours on the invoice were not agreed in writing",
        "Site manager confirmed the extra hours by email",
    ),
];

pub const CLIENT_NOTES: &[&str] = &[
    "New accounts payable contact, direct line on file",
    "Client asks that every invoice quotes their purchase order number",
    "Moved to new premises, address updated",
    "Accountant changed; statements to go to the new firm",
    "Prefers to be called after 2 pm",
];

/// A credit-check note in English, as a clerk writes it from the source.
pub fn solvency_text(
    country: Country,
    profile: Profile,
    source: SolvencySource,
    rating: Rating,
    rng: &mut Rng,
) -> String {
    let r = rating as usize;
    match source {
        SolvencySource::CreditBureau => bureau_text(country, r, rng),
        SolvencySource::Bank => pick4(
            r,
            "Bank reference: long-standing customer, account in good order",
            "Bank reference: satisfactory, overdraft used at month end",
            "Bank reference: account often overdrawn",
            "Bank reference: facilities withdrawn last quarter",
        ),
        SolvencySource::TradeReference => pick4(
            r,
            "Three suppliers confirm payment on time",
            "Suppliers report payment 10-15 days late",
            "Two suppliers report payments 45+ days late",
            "A supplier stopped deliveries over unpaid invoices",
        ),
        SolvencySource::PaymentHistory if profile == Profile::Administration => pick4(
            r,
            "Public body: slow payment runs but always pays",
            "Public body: pays after reminder 1, purchase order numbers essential",
            "Public body: budget frozen this year, payments delayed",
            "Public body under financial recovery plan",
        ),
        SolvencySource::PaymentHistory => pick4(
            r,
            "Pays on time, no disputes in the last year",
            "Usually pays 1-2 weeks late, always after reminder 1",
            "Regularly needs reminder 3 before paying",
            "Two invoices went to formal notice this year",
        ),
        SolvencySource::Visit => pick4(
            r,
            "Visited the workshop: busy, new machinery, owner confident",
            "Visit: order book steady, owner expects better cash flow next quarter",
            "Visit: premises half empty, staff reduced",
            "Visit: owner talks of closing; deposits only from now on",
        ),
    }
}

fn pick4(r: usize, a: &str, b: &str, c: &str, d: &str) -> String {
    [a, b, c, d].get(r).copied().unwrap_or(d).to_string()
}

fn bureau_text(country: Country, r: usize, rng: &mut Rng) -> String {
    let idx = |list: &[&'static str]| list.get(r).copied().unwrap_or_default();
    if r == 2 && rng.chance(0.3) {
        return "Bureau report: two late filings".to_string();
    }
    match country {
        Country::Fr => format!(
            "Banque de France cotation {}, {}",
            idx(&["3++", "4+", "5+", "6"]),
            idx(&[
                "no incidents",
                "no incidents",
                "one payment incident reported",
                "several payment incidents"
            ])
        ),
        Country::No => format!(
            "Dun & Bradstreet rating {}, {}",
            idx(&["AAA", "A", "B", "C"]),
            idx(&[
                "accounts filed on time",
                "accounts filed on time",
                "late filing of the annual accounts",
                "debt collection cases registered"
            ])
        ),
        Country::Es => format!(
            "Informa report: {} risk, {}",
            idx(&["low", "moderate", "high", "very high"]),
            idx(&[
                "no RAI entries",
                "no RAI entries",
                "one RAI entry",
                "several RAI entries"
            ])
        ),
        Country::Gb => {
            let score = [
                rng.range(85, 99),
                rng.range(60, 84),
                rng.range(30, 59),
                rng.range(5, 29),
            ];
            format!(
                "Experian score {}/100, {}",
                score.get(r).copied().unwrap_or(10),
                idx(&[
                    "no CCJs",
                    "no CCJs",
                    "one CCJ in the last two years",
                    "several CCJs"
                ])
            )
        }
        Country::De => format!(
            "Creditreform index {}, {}",
            [
                rng.range(120, 180),
                rng.range(181, 250),
                rng.range(251, 350),
                rng.range(351, 500)
            ]
            .get(r)
            .copied()
            .unwrap_or(500),
            idx(&[
                "no negative entries",
                "no negative entries",
                "late payments reported",
                "enforcement proceedings on file"
            ])
        ),
    }
}

pub const INVOICE_NOTES: &[&str] = &[
    "Client asked for a copy of the delivery note",
    "Purchase order number added, invoice resubmitted through their portal",
    "Client asks for an itemised breakdown of the hours",
    "Invoice approved by their project manager, now with accounts",
];
