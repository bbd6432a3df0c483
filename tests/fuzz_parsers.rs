//! The file readers fuzzed for a fixed budget: decoding, separator
//! detection and the CSV table, on arbitrary bytes and on near-valid files
//! (cut short, stray quotes and bytes, other encodings). They never panic,
//! and every refusal of a line names a line that exists.

#[path = "common/cells.rs"]
mod cells;
#[path = "common/fuzz.rs"]
mod fuzz;

use dun::domain::currency::Currency;
use dun::domain::invoice::MAX_AMOUNT;
use dun::domain::text::is_unsafe;
use dun::import::ImportError;
use dun::import::decode::{DecodeError, Encoding, decode};
use dun::import::headers::{Field, FileKind};
use dun::import::sniff::detect_delimiter;
use dun::import::table::Table;
use fuzz::{check, fuzz};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};

const FILE: &str = "fuzz_parsers";

/// Bytes: anything, or text with BOMs, high bytes and NULs mixed in.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let bom = prop::sample::select(vec![
        vec![],
        vec![0xEF, 0xBB, 0xBF],
        vec![0xFF, 0xFE],
        vec![0xFE, 0xFF],
    ]);
    let piece = prop_oneof![
        4 => "[a-z0-9,; \"\t\r\n]{0,12}".prop_map(String::into_bytes),
        1 => prop::collection::vec(0x80u8.., 1..3),
        1 => Just(vec![0]),
    ];
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        (bom, prop::collection::vec(piece, 0..12)).prop_map(|(mut b, ps)| {
            b.extend(ps.concat());
            b
        }),
    ]
}

#[test]
fn decoding_never_panics_and_says_what_it_did() {
    fuzz(FILE, "decode", bytes(), |b| match decode(&b) {
        Ok((text, enc)) => {
            check(!text.trim().is_empty(), || "blank text accepted".into())?;
            match enc {
                Encoding::Utf8 => check(text.as_bytes() == b.as_slice(), || "changed".into()),
                Encoding::Utf8Bom => check(text.as_bytes() == &b[3..], || "BOM kept".into()),
                Encoding::Windows1252 => check(std::str::from_utf8(&b).is_err(), || {
                    "valid UTF-8 read as Windows-1252".into()
                }),
            }
        }
        Err(DecodeError::Utf16OrBinary) => check(
            b.contains(&0) || b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]),
            || "refused as binary".into(),
        ),
        Err(DecodeError::BadUtf8AfterBom { offset }) => {
            check(offset >= 3 && offset < b.len(), || {
                format!("offset {offset}")
            })
        }
        Err(DecodeError::Empty) => Ok(()),
    });
}

#[test]
fn separator_detection_never_panics_and_picks_a_separator_present() {
    let text = prop_oneof![
        3 => "[a-z0-9,;\t\" \r\n]{0,120}",
        1 => any::<String>(),
    ];
    fuzz(FILE, "sniff", text, |t| {
        if let Ok(d) = detect_delimiter(&t) {
            check(matches!(d, b',' | b';' | b'\t'), || format!("{d}"))?;
            check(t.as_bytes().contains(&d), || "absent separator".into())?;
        }
        Ok(())
    });
}

/// A cell as a spreadsheet or a careless hand writes it.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[A-Z]{1,3}-?[0-9]{1,4}",
        8 => cells::date_text(),
        8 => cells::amount_text(),
        4 => prop::sample::select(vec!["EUR", "USD", "JPY", "BHD", "XYZ", "", "yes", "no"])
            .prop_map(String::from),
        1 => "[\"a-z ,;\t\r\n]{0,8}",
        1 => any::<String>(),
    ]
}

/// What a column holds, for generating its cells.
#[derive(Clone, Copy, Debug)]
enum Col {
    Key,
    Text,
    Date,
    Amount,
    Currency,
}

fn columns(kind: FileKind) -> Vec<(&'static str, Col)> {
    use Col::*;
    match kind {
        FileKind::Invoices => vec![
            ("invoice", Key),
            ("customer", Key),
            ("invoice date", Date),
            ("due date", Date),
            ("amount", Amount),
            ("currency", Currency),
            ("settled date", Date),
        ],
        FileKind::Payments => vec![
            ("invoice", Key),
            ("payment date", Date),
            ("amount", Amount),
            ("reference", Text),
        ],
        FileKind::Clients => vec![
            ("code", Key),
            ("name", Text),
            ("currency", Currency),
            ("credit limit", Amount),
            ("hold until", Date),
        ],
    }
}

/// A cell of `col` written the file's way (`dates`, `amounts`): years of
/// 1900 and 2200 included.
fn tidy_cell(
    col: Col,
    dates: cells::DateStyle,
    amounts: cells::AmountStyle,
) -> BoxedStrategy<String> {
    match col {
        Col::Key => "[A-Z]{1,3}-?[0-9]{1,4}".boxed(),
        Col::Text => "[A-Za-z ]{0,12}".boxed(),
        Col::Date => (cells::year(), 1u32..13, 1u32..29)
            .prop_map(move |v| cells::write_date(v, dates, ""))
            .boxed(),
        Col::Amount => (1i64..10_000_000_000)
            .prop_map(move |m| cells::write_amount(m, 2, &amounts))
            .boxed(),
        Col::Currency => prop::sample::select(vec!["EUR", "EUR", "USD", "JPY", "XYZ", ""])
            .prop_map(String::from)
            .boxed(),
    }
}

/// What is wrong with a file besides its cells.
#[derive(Debug, Clone)]
struct Damage {
    cut: Option<prop::sample::Index>,
    poke: Option<(prop::sample::Index, u8)>,
    encoding: u8,
}

/// A near-valid file of `kind`: its header (perhaps missing a column), rows
/// of cells mostly written one way for the whole file, some of any shape,
/// some rows a cell short or long, cells quoted as a spreadsheet does (or,
/// now and then, not where they should be); then perhaps cut short, a byte
/// changed, or the whole written in Windows-1252 or UTF-16.
fn file(kind: FileKind) -> impl Strategy<Value = (Vec<u8>, Damage)> {
    let cols = columns(kind);
    let n = cols.len();
    let style = (cells::date_style(), cells::amount_style());
    let rows = style.prop_flat_map(move |(dates, amounts)| {
        let cell_of =
            move |col: Col| prop_oneof![9 => tidy_cell(col, dates, amounts.clone()), 1 => cell()];
        let row: Vec<BoxedStrategy<(String, bool)>> = cols
            .iter()
            .map(|(_, col)| (cell_of(*col), prop::bool::weighted(0.1)).boxed())
            .collect();
        let width = prop_oneof![18 => Just(n), 1 => Just(n - 1), 1 => Just(n + 1)];
        prop::collection::vec((row, width), 0..6)
    });
    (
        prop::sample::select(vec![",", ";", "\t"]),
        prop::sample::select(vec!["\n", "\r\n"]),
        prop::option::weighted(0.1, 0..n),
        rows,
        prop::bool::weighted(0.05),
        (
            prop::option::weighted(0.2, any::<prop::sample::Index>()),
            prop::option::weighted(0.1, (any::<prop::sample::Index>(), any::<u8>())),
            prop_oneof![14 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)],
        ),
    )
        .prop_map(
            move |(sep, eol, drop, rows, careless, (cut, poke, encoding))| {
                let mut names: Vec<&str> = columns(kind).iter().map(|(h, _)| *h).collect();
                if let Some(i) = drop {
                    names.remove(i);
                }
                let mut text = names.join(sep) + eol;
                for (mut cells, width) in rows {
                    cells.resize(width, ("X".into(), false));
                    let cells: Vec<String> = cells
                        .into_iter()
                        .map(|(c, q)| {
                            let needs = c.contains([sep.as_bytes()[0] as char, '"', '\n', '\r']);
                            if q || (needs && !careless) {
                                format!("\"{}\"", c.replace('"', "\"\""))
                            } else {
                                c
                            }
                        })
                        .collect();
                    text.push_str(&cells.join(sep));
                    text.push_str(eol);
                }
                let damage = Damage {
                    cut,
                    poke,
                    encoding,
                };
                (text.into_bytes(), damage)
            },
        )
}

fn damaged((bytes, damage): (Vec<u8>, Damage)) -> Vec<u8> {
    let mut b = match damage.encoding {
        1 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
        }
        2 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        _ => bytes,
    };
    if let (Some(cut), false) = (damage.cut, b.is_empty()) {
        b.truncate(cut.index(b.len()));
    }
    if let (Some((at, byte)), false) = (damage.poke, b.is_empty()) {
        let i = at.index(b.len());
        b[i] = byte;
    }
    b
}

/// Checks the error of a line: its line exists and the message has the
/// `FILE:LINE: column COLUMN: reason` or `FILE:LINE: reason` shape.
fn line_error_is_placed(
    e: &ImportError,
    path: &str,
    lines: u64,
    row: Option<u64>,
) -> TestCaseResult {
    let msg = e.to_string();
    match e {
        ImportError::Cell { line, column, .. } => {
            check((1..=lines).contains(line), || {
                format!("line {line} of {lines}: {msg}")
            })?;
            check(row.is_none_or(|r| r == *line), || {
                format!("not row {row:?}: {msg}")
            })?;
            check(!column.is_empty(), || msg.clone())?;
            check(
                msg.starts_with(&format!("{path}:{line}: column {column}: ")),
                || msg.clone(),
            )
        }
        ImportError::Line { line, .. } => {
            check((1..=lines).contains(line), || {
                format!("line {line} of {lines}: {msg}")
            })?;
            check(row.is_none_or(|r| r == *line), || {
                format!("not row {row:?}: {msg}")
            })?;
            check(msg.starts_with(&format!("{path}:{line}: ")), || msg.clone())
        }
        ImportError::File { .. } => check(
            row.is_none() && msg.starts_with(&format!("{path}: ")),
            || format!("a whole-file error for a row: {msg}"),
        ),
        other => Err(TestCaseError::fail(format!("unexpected {other:?}"))),
    }
}

fn read_table(kind: FileKind, target: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{target}.csv"));
    let shown = path.display().to_string();
    fuzz(FILE, target, file(kind), |f| {
        let bytes = damaged(f);
        std::fs::write(&path, &bytes).unwrap();
        // Lines end with `\n`, `\r\n` or a lone `\r`.
        let lines = bytes
            .iter()
            .enumerate()
            .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
            .count() as u64
            + 1;
        let table = match Table::read(&path, kind, None, None) {
            Ok(t) => t,
            Err(e) => return line_error_is_placed(&e, &shown, lines, None),
        };
        let mut last = 1;
        for row in table.rows() {
            check(row.line > last, || {
                format!("row at line {} after {last}", row.line)
            })?;
            check(row.line <= lines, || {
                format!("row at line {} of {lines}", row.line)
            })?;
            last = row.line;
            let placed = |e: ImportError| line_error_is_placed(&e, &shown, lines, Some(row.line));
            for field in [
                Field::IssuedOn,
                Field::DueOn,
                Field::SettledOn,
                Field::ReceivedOn,
                Field::HoldUntil,
            ] {
                match row.date(field) {
                    Ok(Some(d)) => {
                        check((1970..=2099).contains(&chrono::Datelike::year(&d)), || {
                            format!("{d} accepted")
                        })?
                    }
                    Ok(None) => {}
                    Err(e) => placed(e)?,
                }
            }
            for field in [Field::Amount, Field::CreditLimit] {
                match row.amount(field, Currency::EUR) {
                    Ok(Some(m)) => check(m.unsigned_abs() <= MAX_AMOUNT.unsigned_abs(), || {
                        format!("{m} accepted")
                    })?,
                    Ok(None) => {}
                    Err(e) => placed(e)?,
                }
            }
            match row.key(if kind == FileKind::Clients {
                Field::ClientCode
            } else {
                Field::InvoiceNumber
            }) {
                Ok(k) => check(k.chars().count() <= 64 && !k.chars().any(is_unsafe), || {
                    format!("key {k:?} accepted")
                })?,
                Err(e) => placed(e)?,
            }
        }
        Ok(())
    });
}

#[test]
fn invoice_files_never_panic_and_refusals_name_a_real_line() {
    read_table(FileKind::Invoices, "table_invoices");
}

#[test]
fn payment_files_never_panic_and_refusals_name_a_real_line() {
    read_table(FileKind::Payments, "table_payments");
}

#[test]
fn client_files_never_panic_and_refusals_name_a_real_line() {
    read_table(FileKind::Clients, "table_clients");
}
