//! Plain text tables for the terminal: aligned columns, text made printable.

use crate::domain::text::printable;

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
        .map(|r| r.iter().map(|c| printable(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|(h, _)| h.chars().count()).collect();
    for row in &clean {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, cell) in cells.enumerate() {
            let (width, align) = (widths[i], header[i].1);
            let pad = width.saturating_sub(cell.chars().count());
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
}
