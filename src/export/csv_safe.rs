//! CSV that Excel opens correctly and safely: UTF-8 with a byte-order mark,
//! and text cells that a spreadsheet would run as a formula get a leading `'`.

use std::io::Write;

use crate::domain::text::is_unsafe;

/// A cell: text is guarded against formula injection, numbers are written as is.
pub enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    pub fn opt(s: Option<impl Into<String>>) -> Cell {
        Cell::Text(s.map(Into::into).unwrap_or_default())
    }
}

/// A text cell starting with `= + - @`, tab or CR gets a leading `'`; control
/// characters other than tab and line breaks, and bidi marks, become U+FFFD
/// (the file may well be shown on a terminal).
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r');
    let s: std::borrow::Cow<'_, str> = if s.chars().any(unsafe_here) {
        s.chars()
            .map(|c| if unsafe_here(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    };
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s,
    }
}

/// Writes a header and rows as CSV, with the UTF-8 byte-order mark first.
pub fn write<W: Write>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> std::io::Result<()> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(header)?;
    for row in rows {
        let cells: Vec<std::borrow::Cow<'_, str>> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => neutralise(s),
                Cell::Number(s) => s.as_str().into(),
            })
            .collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_but_numbers_are_not() {
        let mut buf = Vec::new();
        write(
            &mut buf,
            &["a", "b"],
            vec![
                vec![
                    Cell::text("=HYPERLINK(\"x\")"),
                    Cell::Number("-12.50".into()),
                ],
                vec![Cell::text("+1"), Cell::text("@SUM(A1)")],
                vec![Cell::text("-2"), Cell::text("\tx")],
                vec![Cell::text("\rx"), Cell::text("plain")],
            ],
        )
        .unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with('\u{feff}'));
        assert!(s.contains("\"'=HYPERLINK(\"\"x\"\")\",-12.50\r\n"), "{s}");
        assert!(s.contains("'+1,'@SUM(A1)\r\n"), "{s}");
        assert!(s.contains("'-2,'\tx\r\n"), "{s}");
        assert!(s.contains("\"'\rx\",plain\r\n"), "{s}");
    }

    #[test]
    fn escapes_and_bidi_marks_are_shown_not_written() {
        assert_eq!(neutralise("a\u{1b}]0;t\u{7}b"), "a\u{fffd}]0;t\u{fffd}b");
        assert_eq!(neutralise("\u{9b}2J\u{202e}"), "\u{fffd}2J\u{fffd}");
        assert_eq!(neutralise("=\u{1b}"), "'=\u{fffd}");
        assert_eq!(neutralise("line\nbreak\tand tab"), "line\nbreak\tand tab");
    }
}
