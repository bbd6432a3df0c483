//! PDF letters for the post, read back with poppler's `pdftotext` and
//! `pdfinfo`: every language's sample letters carry the names, amounts,
//! dates and payment references; a registered letter says so; the page is
//! A4; the payment code on a euro letter scans.

use std::path::{Path, PathBuf};
use std::process::Command;

use dun::domain::language::Language;
use dun::letters::{LetterContext, LetterKind, render, sample};

fn tool(name: &str) -> PathBuf {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{name} is missing: apt-get install poppler-utils"
    );
    PathBuf::from(String::from_utf8(found.stdout).unwrap().trim())
}

fn write_pdf(dir: &Path, ctx: &LetterContext) -> PathBuf {
    let letter = render(ctx, None).unwrap();
    let bytes = dun::letters::pdf::pdf(ctx, &letter).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let path = dir.join(format!("{}_{}.pdf", ctx.language, ctx.kind));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Whitespace of any kind made one space.
fn squeeze(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_of(pdf: &Path) -> String {
    let out = Command::new(tool("pdftotext"))
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    squeeze(&String::from_utf8(out.stdout).unwrap())
}

fn info_of(pdf: &Path) -> String {
    let out = Command::new(tool("pdfinfo")).arg(pdf).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const KINDS: [LetterKind; 5] = [
    LetterKind::Reminder1,
    LetterKind::Reminder3,
    LetterKind::FormalNotice,
    LetterKind::Statement,
    LetterKind::DepositRequest,
];

#[test]
fn every_language_prints_names_amounts_dates_and_references() {
    let dir = tempfile::tempdir().unwrap();
    for &lang in Language::ALL {
        for kind in KINDS {
            let ctx = sample(kind, lang);
            let pdf = write_pdf(dir.path(), &ctx);
            let text = text_of(&pdf);
            let has = |s: &str| {
                assert!(
                    text.contains(&squeeze(s)),
                    "{lang}/{kind}: {s:?} missing in\n{text}"
                )
            };
            has(&ctx.company.name);
            has(&ctx.client.name);
            ctx.client.address.iter().for_each(|l| has(l));
            has(&ctx.today);
            has(&ctx.total_outstanding);
            for inv in &ctx.invoices {
                has(&inv.number);
                has(&inv.due_on);
                has(&inv.outstanding);
                has(inv.payment_reference.as_deref().unwrap());
            }
            let info = info_of(&pdf);
            assert!(info.contains("(A4)"), "{lang}/{kind}: {info}");
            let registered = match lang {
                Language::En => "Recorded delivery — signed for",
                Language::Fr => "Lettre recommandée avec accusé de réception",
                Language::Nb => "Rekommandert brev",
                Language::Es => "Carta certificada con acuse de recibo",
            };
            assert_eq!(
                text.contains(registered),
                ctx.registered,
                "{lang}/{kind}: the registered mention"
            );
        }
    }
}

#[test]
fn a_registered_letter_has_a_field_for_its_tracking_number() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = sample(LetterKind::FormalNotice, Language::En);
    assert!(ctx.registered);
    let text = text_of(&write_pdf(dir.path(), &ctx));
    assert!(text.contains("Tracking number:"), "{text}");
    let ctx = sample(LetterKind::Reminder1, Language::En);
    assert!(!text_of(&write_pdf(dir.path(), &ctx)).contains("Tracking number:"));
}

#[test]
fn a_long_letter_runs_over_pages_numbered_one_of_n() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = sample(LetterKind::Statement, Language::Fr);
    let line = ctx.invoices[0].clone();
    ctx.invoices = (0..60)
        .map(|i| {
            let mut l = line.clone();
            l.number = format!("F2026-{i:04}");
            l
        })
        .collect();
    let pdf = write_pdf(dir.path(), &ctx);
    let info = info_of(&pdf);
    let pages = pages_of(&pdf);
    assert!(pages >= 2, "{info}");
    let text = text_of(&pdf);
    assert!(text.contains(&format!("1/{pages}")) && text.contains(&format!("{pages}/{pages}")));
    assert!(text.contains("F2026-0000") && text.contains("F2026-0059"));
    let one = sample(LetterKind::Reminder1, Language::Fr);
    assert_eq!(pages_of(&write_pdf(dir.path(), &one)), 1);
}

fn pages_of(pdf: &Path) -> usize {
    info_of(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The first page (where the payment code goes) as a grey image at `dpi`:
/// (width, height, pixels).
fn page_image(pdf: &Path, dpi: u32) -> (usize, usize, Vec<u8>) {
    let out = Command::new(tool("pdftoppm"))
        .args(["-gray", "-r", &dpi.to_string(), "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(out.status.success());
    let data = out.stdout;
    // P5 header: magic, width, height, maxval, each followed by whitespace.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8(data[start..i].to_vec()).unwrap());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, data[i + 1..].to_vec())
}

#[test]
fn the_payment_code_of_a_euro_letter_scans_as_an_epc_transfer() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, kind) in [
        (Language::Fr, LetterKind::DepositRequest),
        (Language::Es, LetterKind::DepositRequest),
        (Language::Fr, LetterKind::FormalNotice),
    ] {
        let ctx = sample(kind, lang);
        let pdf = write_pdf(dir.path(), &ctx);
        let (w, h, pixels) = page_image(&pdf, 300);
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "{lang}: one code on the page");
        let (_, content) = grids[0].decode().unwrap();
        let lines: Vec<&str> = content.lines().collect();
        assert_eq!(&lines[..4], ["BCD", "002", "1", "SCT"]);
        assert_eq!(lines[6], ctx.company.iban);
        if kind == LetterKind::DepositRequest {
            assert_eq!(lines[7], "EUR1500.00");
            let reference = ctx.invoices[0].payment_reference.as_deref().unwrap();
            assert_eq!(lines[9], reference.replace(' ', ""));
        } else {
            // Two invoices: the grand total, and their numbers as the text.
            assert_eq!(lines[7], "EUR5599.10");
            assert_eq!(lines[10], "F2026-0418, F2026-0463");
        }
    }
    // No code where the company gave no IBAN or the letter is not in euros.
    for lang in [Language::En, Language::Nb] {
        let ctx = sample(LetterKind::DepositRequest, lang);
        let (w, h, pixels) = page_image(&write_pdf(dir.path(), &ctx), 150);
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
        assert!(img.detect_grids().is_empty(), "{lang}");
    }
}

#[test]
fn the_window_names_the_person_and_the_page_repeats_no_email_subject() {
    let dir = tempfile::tempdir().unwrap();
    // English: the person above the firm; the subject is the page's heading.
    let en = sample(LetterKind::Reminder2, Language::En);
    let text = text_of(&write_pdf(dir.path(), &en));
    assert!(
        text.contains("Ms Ann Hughes Brightwater Logistics Ltd Unit 7, Riverside Park"),
        "{text}"
    );
    let subject = render(&en, None).unwrap().subject;
    assert!(text.contains(&squeeze(&subject)), "{text}");
    // French: the firm, then the person; the letter's own "Objet :" is its
    // heading, the e-mail's subject is not printed.
    let fr = sample(LetterKind::Reminder2, Language::Fr);
    let text = text_of(&write_pdf(dir.path(), &fr));
    assert!(
        text.contains("Dumas Logistique SAS M. Laurent Lefèvre ZA des Platières"),
        "{text}"
    );
    assert!(text.contains("Objet : Deuxième relance"), "{text}");
    let subject = render(&fr, None).unwrap().subject;
    assert!(!text.contains(&squeeze(&subject)), "{subject} in {text}");
    assert!(!text.contains("Subject"), "{text}");
}
