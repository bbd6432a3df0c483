//! Text from files and other clerks is shown, never obeyed: control
//! characters, escape sequences and bidi overrides are made harmless.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as is: C0 controls (tab and
/// newline included), DEL, C1 controls and the bidi embedding, override and
/// isolate marks that can reorder what a reader sees.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character replaced by U+FFFD (tabs and line breaks
/// by a space), so an ESC can never start an escape sequence.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// `s` made printable and cut to `max` characters, with `…` when cut.
pub fn shortened(s: &str, max: usize) -> String {
    let clean = printable(s);
    if clean.chars().count() <= max {
        clean.into_owned()
    } else {
        let mut t: String = clean.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_neutralised() {
        assert_eq!(printable("Acme"), "Acme");
        let title = "\u{1b}]0;owned\u{7}Acme";
        assert!(!printable(title).contains('\u{1b}'));
        let osc52 = "\u{1b}]52;c;ZWNobyBoaQ==\u{1b}\\";
        assert!(!printable(osc52).contains('\u{1b}'));
        assert!(!printable("\u{9b}2J").contains('\u{9b}'));
        assert_eq!(printable("a\u{202e}b"), "a\u{fffd}b");
        assert_eq!(printable("a\tb\nc"), "a b c");
    }

    #[test]
    fn shortened_cuts_with_an_ellipsis() {
        assert_eq!(shortened("Acme", 4), "Acme");
        assert_eq!(shortened("Acme Ltd", 5), "Acme…");
        assert_eq!(shortened("\u{1b}[2J", 9), "\u{fffd}[2J");
    }
}
