//! The EPC payment code on PDF letters in euros: what it holds and its
//! drawing as a QR code.

use qrcode::{Color, EcLevel, QrCode};

use super::labels::Labels;
use super::layout::{Flow, MM, Op, RIGHT};
use crate::domain::epc::{Transfer, epc_payload};
use crate::letters::context::LetterContext;

/// Side of the printed code, quiet zone excluded.
const SIDE: f32 = 24.0 * MM;
/// The code's top, under the date and the tracking number field.
const TOP_Y: f32 = 71.0 * MM;
/// Where the words beside the code start (the date's column).
const CAPTION_X: f32 = 125.0 * MM;

/// The EPC069-12 text for `ctx`: the company's IBAN and BIC (both must be
/// set), the amount to pay in euros, and the invoice's RF reference when
/// the letter is about one invoice (the invoice numbers otherwise).
pub fn payload(ctx: &LetterContext) -> Option<String> {
    if ctx.company.iban.is_empty() || ctx.company.bic.is_empty() || ctx.invoices.is_empty() {
        return None;
    }
    let amount = ctx.to_pay?;
    let reference = match ctx.invoices.as_slice() {
        [one] => one
            .payment_reference
            .as_deref()
            .filter(|r| r.starts_with("RF")),
        _ => None,
    };
    let numbers: Vec<&str> = ctx.invoices.iter().map(|i| i.number.as_str()).collect();
    let text = numbers.join(", ");
    epc_payload(&Transfer {
        name: &ctx.company.name,
        iban: &ctx.company.iban,
        bic: &ctx.company.bic,
        amount,
        reference,
        text: &text,
    })
}

/// The dark modules of the QR code of `payload` (EPC: level M), row by
/// row, and its width in modules.
pub fn modules(payload: &str) -> Option<(Vec<bool>, usize)> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((dark, width))
}

/// Draws the code on the first page, right of the address window under
/// the date, with the words asking to scan it and the amount beside it.
/// Call it while the flow is on the first page.
pub fn draw(flow: &mut Flow, labels: &Labels, payload: &str, amount: &str) {
    let Some((dark, width)) = modules(payload) else {
        return;
    };
    let (x0, y0) = (RIGHT - SIDE, TOP_Y);
    let m = SIDE / width as f32;
    for (r, row) in dark.chunks(width).enumerate() {
        // One block per run of dark modules on a row.
        let mut c = 0;
        while c < width {
            if !row[c] {
                c += 1;
                continue;
            }
            let start = c;
            while c < width && row[c] {
                c += 1;
            }
            flow.push(Op::Block {
                x: x0 + start as f32 * m,
                y: y0 + r as f32 * m,
                w: (c - start) as f32 * m + 0.05,
                h: m + 0.05,
            });
        }
    }
    let x = CAPTION_X;
    let room = x0 - 3.0 * MM - x;
    let mut y = y0 + 8.0;
    for line in flow.fonts.wrap(labels.scan, 7.5, false, room, room) {
        flow.text(x, y, 7.5, false, &line);
        y += 9.5;
    }
    let size = flow.fonts.fit(amount, 10.0, true, room);
    flow.text(x, y + 4.0, size, true, amount);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Language;
    use crate::letters::{LetterKind, sample};

    #[test]
    fn a_euro_letter_about_one_invoice_carries_its_rf_reference() {
        let ctx = sample(LetterKind::DepositRequest, Language::Fr);
        let p = payload(&ctx).unwrap();
        let lines: Vec<&str> = p.lines().collect();
        assert_eq!(&lines[..5], ["BCD", "002", "1", "SCT", "AGRIFRPP"]);
        assert_eq!(lines[5], "Atelier Boréal SARL");
        assert_eq!(lines[6], "FR7630006000011234567890189");
        assert_eq!(lines[7], "EUR1500.00");
        assert!(lines[9].starts_with("RF"), "{p}");
        let (dark, width) = modules(&p).unwrap();
        assert_eq!(dark.len(), width * width);
    }

    #[test]
    fn no_code_without_bank_details_or_outside_the_euro() {
        let mut ctx = sample(LetterKind::Reminder1, Language::Es);
        assert!(payload(&ctx).unwrap().ends_with(&ctx.invoices[1].number));
        ctx.company.bic.clear();
        assert_eq!(payload(&ctx), None);
        assert_eq!(payload(&sample(LetterKind::Reminder1, Language::En)), None);
        assert_eq!(payload(&sample(LetterKind::Reminder1, Language::Nb)), None);
    }
}
