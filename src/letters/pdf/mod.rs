//! A letter as a PDF for the post: A4, the letterhead, the address placed
//! for a window envelope (DIN 5008 form B, NF Z 11-001), the date and
//! subject, the text, the invoice table, the EPC payment code for letters
//! in euros, and page numbers. Fonts are embedded.

mod fonts;
mod labels;
mod layout;
pub mod qr;
mod table;

use labels::{Labels, labels};
use layout::{Flow, LEFT, MM, RIGHT, draw};

use super::LetterError;
use super::context::LetterContext;
use super::render::Letter;

/// The address window: left edge, top, width, height (DIN 5008 form B).
const WINDOW: (f32, f32, f32, f32) = (20.0 * MM, 45.0 * MM, 85.0 * MM, 45.0 * MM);
/// Where the date and the tracking field go, right of the window.
const INFO_X: f32 = 125.0 * MM;
const BODY: f32 = 10.0;

/// `letter`, rendered from `ctx`, as a PDF.
pub fn pdf(ctx: &LetterContext, letter: &Letter) -> Result<Vec<u8>, LetterError> {
    pdf_with(ctx, letter, &[])
}

/// `letter`, rendered from `ctx`, then what it encloses (a statement of
/// account), each from a new page, as one PDF for one envelope.
pub fn pdf_with(
    ctx: &LetterContext,
    letter: &Letter,
    enclosed: &[(&LetterContext, &Letter)],
) -> Result<Vec<u8>, LetterError> {
    let fonts =
        fonts::fonts().ok_or_else(|| LetterError::Pdf("the embedded fonts do not load".into()))?;
    let mut flow = Flow::new(fonts);
    lay_out(&mut flow, ctx, letter);
    for (c, l) in enclosed {
        flow.pages.push(Vec::new());
        lay_out(&mut flow, c, l);
    }
    let footer = footer(ctx);
    draw(
        fonts,
        &flow.pages,
        &footer,
        &letter.subject,
        ctx.language.code(),
    )
    .map_err(LetterError::Pdf)
}

/// One letter from the top of the flow's last page.
fn lay_out(flow: &mut Flow, ctx: &LetterContext, letter: &Letter) {
    let words = labels(ctx.language);
    let (date, body) = split_heading(&letter.body, &ctx.today);
    letterhead(flow, ctx);
    fold_marks(flow);
    window(flow, ctx, &words);
    info(flow, ctx, &words, &date);
    if let Some(payload) = qr::payload(ctx) {
        let amount = ctx.grand_total.as_deref().unwrap_or(&ctx.total_outstanding);
        qr::draw(flow, &words, &payload, amount);
    }
    flow.y = 98.0 * MM;
    if words.subject_heading {
        flow.paragraph(LEFT, LEFT, 11.0, true, &letter.subject);
        flow.y += 4.0 * MM;
    }
    let (blocks, notes) = blocks(&body, ctx);
    let rows: Vec<_> = ctx.invoices.iter().zip(notes).collect();
    let mut table_drawn = ctx.invoices.is_empty();
    for block in blocks {
        match block {
            Block::Line(line) => text_line(flow, &line),
            Block::Table => {
                flow.y += 1.0 * MM;
                table::invoice_table(flow, &words, &rows, &ctx.total_outstanding);
                table_drawn = true;
            }
        }
    }
    if !table_drawn {
        flow.y += 3.0 * MM;
        table::invoice_table(flow, &words, &rows, &ctx.total_outstanding);
    }
}

/// The body's date line (`Le 24 novembre 2026`) and the text after it: the
/// lines above it repeat the letterhead and the address the PDF places
/// itself. A body without the date is kept whole.
fn split_heading(body: &str, today: &str) -> (String, String) {
    let lines: Vec<&str> = body.lines().collect();
    match lines
        .iter()
        .position(|l| !today.is_empty() && l.contains(today))
    {
        Some(i) => (
            lines[i].trim().to_string(),
            lines[i + 1..]
                .join("\n")
                .trim_start_matches('\n')
                .to_string(),
        ),
        None => (today.to_string(), body.to_string()),
    }
}

/// The company's name and details at the top of the first page.
fn letterhead(flow: &mut Flow, ctx: &LetterContext) {
    let c = &ctx.company;
    let size = flow.fonts.fit(&c.name, 15.0, true, RIGHT - LEFT);
    flow.text(LEFT, 20.0 * MM, size, true, &c.name);
    let contact: Vec<&str> = [c.phone.as_str(), c.email.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let mut y = 26.0 * MM;
    for line in [c.address.join(" · "), contact.join(" · ")] {
        if line.is_empty() {
            continue;
        }
        let size = flow.fonts.fit(&line, 8.0, false, RIGHT - LEFT);
        flow.grey(LEFT, y, size, &line);
        y += 4.0 * MM;
    }
    flow.line(LEFT, 36.0 * MM, RIGHT, 36.0 * MM, 0.4);
}

/// Short marks on the left edge where the page folds into three (105 and
/// 210 mm) and at its middle, for the punch.
fn fold_marks(flow: &mut Flow) {
    for (y, len) in [(105.0, 5.0), (148.5, 8.0), (210.0, 5.0)] {
        flow.line(4.0 * MM, y * MM, (4.0 + len) * MM, y * MM, 0.3);
    }
}

/// The address field: the sender's return line, the registered mention,
/// and the addressee.
fn window(flow: &mut Flow, ctx: &LetterContext, words: &Labels) {
    let (x, top, w, h) = WINDOW;
    let x = x + 5.0 * MM;
    let w = w - 5.0 * MM;
    let c = &ctx.company;
    let mut sender = vec![c.name.clone()];
    sender.extend(c.address.iter().cloned());
    let sender = sender.join(", ");
    let size = flow.fonts.fit(&sender, 6.5, false, w);
    flow.grey(x, top + 5.0 * MM, size, &sender);
    flow.line(
        x,
        top + 6.2 * MM,
        x + flow.fonts.width(&sender, size, false),
        top + 6.2 * MM,
        0.2,
    );
    if ctx.registered {
        let size = flow.fonts.fit(words.registered, 8.5, true, w);
        flow.text(x, top + 12.0 * MM, size, true, words.registered);
    }
    let client = &ctx.client;
    // The person above the firm in English (Royal Mail, USPS), below it
    // elsewhere (La Poste, Correos, Posten), as the letter's text has it.
    let mut lines: Vec<String> = Vec::new();
    if ctx.language == crate::domain::language::Language::En {
        lines.extend(client.contact.iter().cloned());
        lines.push(client.name.clone());
    } else {
        lines.push(client.name.clone());
        lines.extend(client.contact.iter().cloned());
    }
    lines.extend(client.address.iter().cloned());
    let zone = h - 17.7 * MM;
    let lead = (zone / lines.len().max(1) as f32).min(12.5);
    let mut y = top + 17.7 * MM;
    for line in &lines {
        let size = flow.fonts.fit(line, 10.0, false, w).min(lead / 1.2);
        flow.text(x, y + size, size, false, line);
        y += lead;
    }
}

/// The date and, on a registered letter, the field for its tracking number.
fn info(flow: &mut Flow, ctx: &LetterContext, words: &Labels, date: &str) {
    let w = RIGHT - INFO_X;
    let size = flow.fonts.fit(date, BODY, false, w);
    flow.text(INFO_X, 52.0 * MM, size, false, date);
    if ctx.registered {
        flow.text(INFO_X, 62.0 * MM, 8.5, false, words.tracking);
        flow.line(INFO_X, 67.5 * MM, RIGHT, 67.5 * MM, 0.4);
    }
}

/// A piece of the body: a line of text, or the place of the invoice table.
enum Block {
    Line(String),
    Table,
}

/// The body cut into lines, with the template's list of the letter's
/// invoices (`- Invoice F-1 …` and its indented lines) replaced by the
/// table, and the indented lines of each invoice kept as its notes.
fn blocks(body: &str, ctx: &LetterContext) -> (Vec<Block>, Vec<Vec<String>>) {
    let mut notes = vec![Vec::new(); ctx.invoices.len()];
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let mut placed = false;
    for line in body.lines() {
        if let Some(rest) = line.strip_prefix("- ") {
            current = invoice_in(rest, ctx);
            if current.is_some() {
                if !placed {
                    out.push(Block::Table);
                    placed = true;
                }
                continue;
            }
        } else if let Some(k) = current {
            if line.starts_with("  ") {
                notes[k].push(line.trim().to_string());
                continue;
            }
            current = None;
        }
        out.push(Block::Line(line.to_string()));
    }
    (out, notes)
}

/// Which of the letter's invoices a list item is about: the longest number
/// it names, standing as a word.
fn invoice_in(item: &str, ctx: &LetterContext) -> Option<usize> {
    let alone = |at: usize, n: &str| {
        let before = item[..at].chars().next_back();
        let after = item[at + n.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    ctx.invoices
        .iter()
        .enumerate()
        .filter(|(_, inv)| {
            !inv.number.is_empty()
                && item
                    .match_indices(inv.number.as_str())
                    .any(|(at, n)| alone(at, n))
        })
        .max_by_key(|(_, inv)| inv.number.len())
        .map(|(k, _)| k)
}

/// One line of the body: a paragraph wrapped, a list item hanging after
/// its dash, an indented line kept indented, a blank line as a small gap.
fn text_line(flow: &mut Flow, line: &str) {
    if line.trim().is_empty() {
        flow.y += BODY * 0.7;
        return;
    }
    let space = flow.fonts.width(" ", BODY, false);
    let indent = line.len() - line.trim_start().len();
    let rest = line.trim_start();
    let x = LEFT + indent as f32 * space * 2.0;
    let hang = if rest.starts_with("- ") {
        x + flow.fonts.width("- ", BODY, false)
    } else {
        x
    };
    flow.paragraph(x, hang, BODY, false, rest);
}

/// The footer of every page: the company and where to pay.
fn footer(ctx: &LetterContext) -> String {
    let c = &ctx.company;
    let mut parts = vec![c.name.clone()];
    if !c.bank_account.is_empty() {
        parts.push(c.bank_account.clone());
    } else if !c.iban.is_empty() {
        parts.push(format!(
            "IBAN {}",
            crate::domain::payment_reference::grouped(&c.iban)
        ));
    }
    if !c.bic.is_empty() {
        parts.push(format!("BIC {}", c.bic));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heading_above_the_date_is_left_to_the_layout() {
        let (date, body) = split_heading(
            "Acme\n1 Road\n\nLe 24 novembre 2026\n\nMonsieur,\n",
            "24 novembre 2026",
        );
        assert_eq!(date, "Le 24 novembre 2026");
        assert_eq!(body, "Monsieur,");
        let (date, body) = split_heading("Hello\n", "1 May");
        assert_eq!((date.as_str(), body.as_str()), ("1 May", "Hello\n"));
    }
}
