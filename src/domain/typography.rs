//! French typography: the spaces that must not break.
//!
//! Following the Imprimerie nationale's rules (Lexique des règles
//! typographiques en usage à l'Imprimerie nationale): a no-break space
//! (U+00A0) before the colon and inside « guillemets », a narrow no-break
//! space (U+202F) before `;`, `?` and `!`, and a no-break space after
//! `n°`/`N°`. The narrow one is also the space French amounts are grouped
//! with in dun (`1 234,56 €`), so a letter uses the same two spaces
//! throughout. Only a space already there is made unbreakable: a colon
//! written without one (a time, an address on the web) is left as it is.

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// Whether `c` is a space that may stand before French high punctuation.
fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP
}

/// `text` with French no-break spaces before `:` `;` `?` `!` `»`, after
/// `«` and after `n°` / `N°`.
pub fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            // A run of spaces before high punctuation becomes one no-break space.
            let mut j = i;
            while j < chars.len() && is_space(chars[j]) {
                j += 1;
            }
            let before = match chars.get(j) {
                Some(':' | '»') => Some(NBSP),
                Some(';' | '?' | '!') => Some(NNBSP),
                _ => None,
            };
            let after_opening = i > 0 && chars[i - 1] == '«';
            let after_numero = i > 1 && chars[i - 1] == '°' && matches!(chars[i - 2], 'n' | 'N');
            match before {
                Some(space) if i > 0 && chars[i - 1] != '\n' => {
                    out.push(space);
                    i = j;
                    continue;
                }
                _ if c == ' ' && (after_opening || after_numero) => {
                    out.push(NBSP);
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn high_punctuation_keeps_its_space_on_the_line() {
        assert_eq!(
            french_spacing("Objet : relance ; payée ? Merci !"),
            "Objet\u{a0}: relance\u{202f}; payée\u{202f}? Merci\u{202f}!"
        );
        assert_eq!(
            french_spacing("facture n° F-1, N° de suivi :"),
            "facture n°\u{a0}F-1, N°\u{a0}de suivi\u{a0}:"
        );
        assert_eq!(
            french_spacing("« mise en demeure »"),
            "«\u{a0}mise en demeure\u{a0}»"
        );
    }

    #[test]
    fn a_colon_without_a_space_is_left_alone() {
        assert_eq!(
            french_spacing("à 10:30, https://x.fr"),
            "à 10:30, https://x.fr"
        );
        assert_eq!(french_spacing("a\n: b"), "a\n: b");
        assert_eq!(french_spacing("Total  :"), "Total\u{a0}:");
        // Already right: unchanged.
        let right = "Objet\u{a0}: x\u{202f}; y";
        assert_eq!(french_spacing(right), right);
    }
}
