//! The invoice table of a PDF letter: number, date, due date, amount and
//! outstanding of each invoice, and the total.

use super::labels::Labels;
use super::layout::{Flow, LEFT, MM, RIGHT};
use crate::letters::context::InvoiceLine;

/// Column widths in millimetres; they add up to the text width.
const WIDTHS: [f32; 5] = [34.0, 35.0, 35.0, 30.5, 30.5];
const SIZE: f32 = 8.0;
const ROW: f32 = SIZE * 1.55;
/// The notes under a row.
const NOTE: f32 = 7.5;

/// The left edge of each column, and the right edge of the last.
fn edges() -> [f32; 6] {
    let mut e = [LEFT; 6];
    for i in 0..5 {
        e[i + 1] = e[i] + WIDTHS[i] * MM;
    }
    e
}

/// Draws the table of `invoices`, each with the notes the letter gives
/// about it (what it was for, the reference to quote, its penalties) in
/// small type under its row, and `total`, at the flow's position; the
/// header is repeated on a new page.
pub fn invoice_table(
    flow: &mut Flow,
    labels: &Labels,
    invoices: &[(&InvoiceLine, Vec<String>)],
    total: &str,
) {
    let cells = |inv: &'_ InvoiceLine| -> [String; 5] {
        [
            inv.number.clone(),
            inv.issued_on.clone(),
            inv.due_on.clone(),
            inv.amount.clone(),
            inv.outstanding.clone(),
        ]
    };
    // One size per column: the largest at which every cell of it fits.
    let e = edges();
    let mut sizes = [SIZE; 5];
    for (inv, _) in invoices {
        for (i, cell) in cells(inv).iter().enumerate() {
            let room = e[i + 1] - e[i] - 2.0 * MM;
            sizes[i] = sizes[i].min(flow.fonts.fit(cell, SIZE, false, room));
        }
    }
    flow.room(ROW * 3.0);
    header(flow, labels);
    for (inv, notes) in invoices {
        flow.room(ROW);
        if flow.y < super::layout::TOP + 1.0 {
            header(flow, labels);
        }
        let cells = cells(inv);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        row(flow, &cells, false, Some(&sizes));
        for note in notes {
            flow.paragraph(LEFT + 3.0 * MM, LEFT + 3.0 * MM, NOTE, false, note);
        }
        if !notes.is_empty() {
            flow.y += 2.0;
        }
    }
    if !total.is_empty() {
        flow.room(ROW + 4.0);
        let y = flow.y + 1.0;
        let e = edges();
        flow.line(e[3] + 2.0, y, RIGHT, y, 0.5);
        flow.y += 2.0;
        row(flow, &[labels.total, "", "", "", total], true, None);
    }
    flow.y += ROW * 0.5;
}

fn header(flow: &mut Flow, labels: &Labels) {
    row(flow, &labels.columns, true, None);
    let y = flow.y - ROW * 0.2;
    flow.line(LEFT, y, RIGHT, y, 0.5);
    flow.y += 2.0;
}

/// One row: the first three columns from the left, the amounts to the
/// right, at the columns' `sizes` when given; a cell too wide is set
/// smaller.
fn row(flow: &mut Flow, cells: &[&str], bold: bool, sizes: Option<&[f32; 5]>) {
    let e = edges();
    let base = flow.y + SIZE;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let room = e[i + 1] - e[i] - 2.0 * MM;
        let start = sizes.map_or(SIZE, |s| s[i]);
        let size = flow.fonts.fit(cell, start, bold, room);
        if i >= 3 {
            flow.text_right(e[i + 1], base, size, bold, cell);
        } else {
            flow.text(e[i], base, size, bold, cell);
        }
    }
    flow.y += ROW;
}
