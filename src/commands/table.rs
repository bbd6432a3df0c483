//! Plain text tables for the terminal: columns aligned by display width,
//! text made fit for a column (printable, invisible characters left out).

use crate::domain::text::{display_width, for_column};

/// Column alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Renders `rows` under `header`, two spaces between columns, no trailing spaces.
pub fn render(header: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| for_column(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|(h, _)| display_width(h)).collect();
    for row in &clean {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, cell) in cells.enumerate() {
            let (width, align) = (widths[i], header[i].1);
            let pad = width.saturating_sub(display_width(cell));
            if i > 0 {
                s.push_str("  ");
            }
            match align {
                Align::Left => {
                    s.push_str(cell);
                    s.extend(std::iter::repeat_n(' ', pad));
                }
                Align::Right => {
                    s.extend(std::iter::repeat_n(' ', pad));
                    s.push_str(cell);
                }
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().map(|(h, _)| *h));
    for row in &clean {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_cleans() {
        let t = render(
            &[("name", Align::Left), ("amount", Align::Right)],
            &[
                vec!["Acme\u{1b}[2J".into(), "1.00".into()],
                vec!["B".into(), "100.00".into()],
            ],
        );
        assert_eq!(
            t,
            "name      amount\nAcme\u{fffd}[2J    1.00\nB         100.00\n"
        );
    }

    #[test]
    fn aligns_by_display_width() {
        let t = render(
            &[("name", Align::Left), ("amount", Align::Right)],
            &[
                vec!["東京商事".into(), "1.00".into()],
                vec![
                    "👩\u{200d}👩\u{200d}👧 A\u{200b}\u{ad}S".into(),
                    "2.00".into(),
                ],
                vec!["🇳🇴 X\u{2028}Y".into(), "3.00".into()],
            ],
        );
        assert_eq!(
            t,
            "name       amount\n東京商事     1.00\n👩👩👧 AS    2.00\n🇳🇴 X Y       3.00\n"
        );
        // Every line ends at the same cell, the amount right-aligned.
        for line in t.lines() {
            assert_eq!(unicode_width::UnicodeWidthStr::width(line), 17, "{line}");
        }
    }
}
