//! The few words a PDF letter adds around the text of its template, in
//! each language.

use crate::domain::language::Language;

/// The words of one language.
pub struct Labels {
    /// Above the address of a registered letter.
    pub registered: &'static str,
    /// Before the field where the clerk writes the postal tracking number.
    pub tracking: &'static str,
    /// The invoice table's columns: number, date, due, amount, outstanding.
    pub columns: [&'static str; 5],
    pub total: &'static str,
    /// Beside the payment code.
    pub scan: &'static str,
    /// Whether the page shows the e-mail's subject as its heading: in
    /// English; the French, Norwegian and Spanish letters carry their own
    /// (`Objet :`, `Asunto:`, a heading line) in their text.
    pub subject_heading: bool,
}

pub fn labels(lang: Language) -> Labels {
    match lang {
        Language::En => Labels {
            registered: "Recorded delivery — signed for",
            tracking: "Tracking number:",
            columns: ["Invoice", "Date", "Due", "Amount", "Outstanding"],
            total: "Total",
            scan: "Scan with your banking app to pay",
            subject_heading: true,
        },
        Language::Fr => Labels {
            registered: "Lettre recommandée avec accusé de réception",
            tracking: "N°\u{a0}de suivi\u{a0}:",
            columns: ["Facture", "Date", "Échéance", "Montant", "Restant dû"],
            total: "Total",
            scan: "Scannez avec votre application bancaire pour payer",
            subject_heading: false,
        },
        Language::Nb => Labels {
            registered: "Rekommandert brev",
            tracking: "Sporingsnummer:",
            columns: ["Faktura", "Dato", "Forfall", "Beløp", "Utestående"],
            total: "Totalt",
            scan: "Skann med bankappen for å betale",
            subject_heading: false,
        },
        Language::Es => Labels {
            registered: "Carta certificada con acuse de recibo",
            tracking: "N.º de seguimiento:",
            columns: ["Factura", "Fecha", "Vencimiento", "Importe", "Pendiente"],
            total: "Total",
            scan: "Escanee con su aplicación bancaria para pagar",
            subject_heading: false,
        },
    }
}
