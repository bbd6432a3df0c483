//! Text from files and other clerks is shown, never obeyed: control
//! characters, escape sequences and bidi overrides are made harmless.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

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

/// Whether a character takes no room of its own yet may make a terminal
/// draw its neighbours wider or narrower: zero-width spaces and joiners
/// (U+200B–U+200D, U+2060–U+2064), the byte-order mark U+FEFF, the soft
/// hyphen U+00AD and variation selectors. In a column they are left out, so
/// a joined emoji shows as its parts (👩‍👩‍👧 as 👩👩👧) and a row is
/// as wide in every terminal as it is counted here.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
}

/// `s` as it goes in a column of a table on the terminal: made
/// [`printable`], line and paragraph separators (U+2028, U+2029) turned into
/// a space like any line break, invisible characters ([`is_invisible`])
/// left out. The one rule for every column, in the workbench and the CLI.
pub fn for_column(s: &str) -> String {
    printable(s)
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| match c {
            '\u{2028}' | '\u{2029}' => ' ',
            c => c,
        })
        .collect()
}

/// How many terminal cells `s` takes once made fit for a column: wide (CJK,
/// emoji) characters count two.
pub fn display_width(s: &str) -> usize {
    for_column(s).chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `s` made fit for a column ([`for_column`]) and cut to `max` cells, with
/// `…` when cut; a wide character that would straddle the edge is left out
/// with the rest.
pub fn shortened(s: &str, max: usize) -> String {
    let clean = for_column(s);
    if clean.chars().map(char_width).sum::<usize>() <= max {
        return clean;
    }
    let room = max.saturating_sub(1);
    let (mut t, mut used) = (String::new(), 0);
    for c in clean.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        t.push(c);
    }
    if max > 0 {
        t.push('…');
    }
    t
}

/// `s` made fit for a column ([`for_column`]) and padded with spaces to at
/// least `width` cells, for columns laid out by hand; with [`shortened`]
/// first, exactly `width`.
pub fn padded(s: &str, width: usize) -> String {
    let mut t = for_column(s);
    let used: usize = t.chars().map(char_width).sum();
    t.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    t
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

    /// The cells a string takes, counted as a terminal lays it out.
    fn cells(s: &str) -> usize {
        unicode_width::UnicodeWidthStr::width(s)
    }

    #[test]
    fn invisible_characters_are_left_out_of_a_column() {
        assert_eq!(for_column("A\u{200b}c\u{200c}m\u{200d}e"), "Acme");
        assert_eq!(for_column("Sch\u{ad}mitt"), "Schmitt");
        assert_eq!(for_column("\u{feff}Acme\u{2060}"), "Acme");
        assert_eq!(for_column("Acme\u{2028}Ltd\u{2029}AS"), "Acme Ltd AS");
        assert_eq!(for_column("\u{2764}\u{fe0f}"), "\u{2764}");
        assert_eq!(for_column("a\u{200e}b\u{200f}"), "a\u{fffd}b\u{fffd}");
        assert_eq!(display_width("A\u{200b}\u{ad}\u{feff}\u{2028}B"), 3);
    }

    #[test]
    fn a_joined_emoji_shows_as_its_parts() {
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(for_column(family), "👩👩👧");
        assert_eq!(display_width(family), 6);
        assert_eq!(cells(&for_column(family)), 6);
    }

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(display_width("🇳🇴"), 2);
        assert_eq!(display_width("東京商事"), 8);
        assert_eq!(display_width("Ébénisterie"), 11);
        assert_eq!(shortened("東京商事株式会社", 7), "東京商…");
        // A wide character never straddles the edge: one cell is left over.
        assert_eq!(shortened("東京商事株式会社", 8), "東京商…");
        assert_eq!(cells(&shortened("東京商事株式会社", 8)), 7);
        assert_eq!(shortened("🇳🇴 Fisk AS", 4), "🇳🇴 …");
        assert_eq!(shortened("👩\u{200d}👩\u{200d}👧 Hansen", 5), "👩👩…");
    }

    #[test]
    fn shortened_and_padded_is_always_exactly_the_width() {
        let names = [
            "Acme",
            "A\u{200b}\u{200c}\u{200d}\u{200e}\u{200f}cme",
            "Sch\u{ad}mitt\u{2028}og\u{2029}Sønn\u{feff}",
            "🇳🇴 Fisk\u{fe0f} AS",
            "👩\u{200d}👩\u{200d}👧 Hansen",
            "東京商事株式会社",
            "",
        ];
        for name in names {
            for width in 0..16 {
                let p = padded(&shortened(name, width), width);
                assert_eq!(cells(&p), width, "{name:?} at {width}: {p:?}");
                assert!(!p.chars().any(is_invisible), "{p:?}");
            }
        }
        assert_eq!(padded("東京", 6), "東京  ");
        assert_eq!(padded("A\u{200b}cme Holding", 4), "Acme Holding");
    }
}
