//! Payments received against an invoice.

use chrono::NaiveDate;
use serde::Serialize;

/// How a payment came. Its name (`direct_debit`) is stored and exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentMethod {
    Transfer,
    Card,
    Cheque,
    Cash,
    DirectDebit,
    Other,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Reads a method in English, French, Norwegian or Spanish; unknown words are `Other`.
    pub fn parse(s: &str) -> PaymentMethod {
        let l = s.trim().to_lowercase().replace(['-', ' '], "_");
        match l.as_str() {
            "transfer" | "wire" | "bank_transfer" | "virement" | "overføring" | "overforing"
            | "bankoverføring" | "transferencia" => PaymentMethod::Transfer,
            "card" | "credit_card" | "carte" | "cb" | "kort" | "tarjeta" => PaymentMethod::Card,
            "cheque" | "check" | "sjekk" | "cheque_bancario" => PaymentMethod::Cheque,
            "cash" | "espèces" | "especes" | "kontant" | "kontanter" | "efectivo" => {
                PaymentMethod::Cash
            }
            "direct_debit" | "dd" | "sepa_dd" | "prélèvement" | "prelevement" | "avtalegiro"
            | "efaktura" | "domiciliación" | "domiciliacion" | "adeudo" => {
                PaymentMethod::DirectDebit
            }
            _ => PaymentMethod::Other,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Payment {
    pub invoice_number: String,
    pub received_on: NaiveDate,
    /// Minor units of the invoice's currency.
    pub amount: i64,
    pub method: PaymentMethod,
    pub reference: Option<String>,
}
