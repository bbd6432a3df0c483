//! What `/` finds: text compared case- and accent-insensitively, phone
//! numbers by their digits. The one rule every list searches by (the
//! queue in memory; aging, clients and the journal in SQL, from keys this
//! module computes).

/// `s` folded for searching: lower case, Latin letters without their
/// accents (`Ébénisterie` → `ebenisterie`), the letters that are not a
/// base letter with a mark written as their usual Latin spelling (`ø` →
/// `o`, `æ` → `ae`, `å` → `a`, `ß` → `ss`, `œ` → `oe`, `þ` → `th`),
/// combining marks dropped (a decomposed `é` folds like a composed one).
/// Other characters are kept, lower-cased.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if is_combining_mark(c) {
            continue;
        }
        match latin(c) {
            Some(base) => out.push_str(base),
            None => out.extend(c.to_lowercase().filter(|&l| !is_combining_mark(l))),
        }
    }
    out
}

/// The digits of `s`, in order: how phone numbers are compared.
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Whether `c` is a combining diacritical mark (U+0300–U+036F, and the
/// extended and supplementary blocks).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The folded spelling of a Latin letter outside ASCII (Latin-1 and
/// Latin Extended-A, the letters of the languages dun writes to and their
/// neighbours), or `None` for any other character.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'Ā' | 'ā' | 'Ă'
        | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę'
        | 'ę' | 'Ě' | 'ě' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į'
        | 'į' | 'İ' | 'ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'ĸ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' | 'ŉ' | 'Ŋ' | 'ŋ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ'
        | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'ſ' => "s",
        'ß' | 'ẞ' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů'
        | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    })
}

/// The characters a phone number is written with besides its digits.
fn is_phone_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '.' | '/' | '(' | ')')
}

/// Fewest digits a search needs to be compared with phone numbers: fewer
/// would find most clients by a fragment of their number.
pub const PHONE_DIGITS: usize = 3;

/// What a clerk typed after `/`, ready to compare.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Needle {
    /// The text folded ([`fold`]), trimmed; empty finds everything.
    pub text: String,
    /// When the text is written like a phone number (digits, spaces and
    /// `+-./()` only, at least [`PHONE_DIGITS`] digits): its digits,
    /// compared with the digits of phone numbers.
    pub digits: Option<String>,
}

impl Needle {
    pub fn new(typed: &str) -> Needle {
        let typed = typed.trim();
        let digits = digits(typed);
        Needle {
            text: fold(typed),
            digits: (digits.len() >= PHONE_DIGITS && typed.chars().all(is_phone_char))
                .then_some(digits),
        }
    }

    /// Nothing typed: everything matches.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether one of `texts` (code, name, e-mail, invoice numbers…)
    /// holds the needle once folded, or `phone` holds its digits.
    pub fn matches<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
        phone: Option<&str>,
    ) -> bool {
        if self.is_empty() {
            return true;
        }
        if let (Some(d), Some(p)) = (&self.digits, phone)
            && digits(p).contains(d.as_str())
        {
            return true;
        }
        texts.into_iter().any(|t| fold(t).contains(&self.text))
    }
}

/// What separates the fields of a [`client_key`]: the line separator
/// U+2028, which nobody types in a search (and which, unlike a line
/// break, is no control character for a terminal).
pub const KEY_SEPARATOR: char = '\u{2028}';

/// The key a client is found by, stored beside it: its code, name and
/// e-mail address folded, separated by [`KEY_SEPARATOR`] (a search never
/// spans two of them).
pub fn client_key(code: &str, name: &str, email: Option<&str>) -> String {
    [code, name, email.unwrap_or("")]
        .iter()
        .map(|s| fold(s).replace(KEY_SEPARATOR, " "))
        .collect::<Vec<_>>()
        .join(&KEY_SEPARATOR.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold("Ébénisterie"), "ebenisterie");
        assert_eq!(fold("ÉBÉNISTERIE"), "ebenisterie");
        assert_eq!(fold("E\u{301}be\u{301}nisterie"), "ebenisterie");
        assert_eq!(fold("Bjørn Ærø Håland"), "bjorn aero haland");
        assert_eq!(
            fold("Straße Œuvre Señor Garçon"),
            "strasse oeuvre senor garcon"
        );
        assert_eq!(fold("ΣΟΦΙΑ"), "σοφια");
    }

    #[test]
    fn a_needle_finds_by_text_or_by_phone_digits() {
        let n = Needle::new("ebenisterie");
        assert!(n.matches(["FR-1", "Ébénisterie Martin"], None));
        assert!(Needle::new("ÉBÉNISTERIE").matches(["Ébénisterie"], None));
        assert!(!n.matches(["FR-1", "Menuiserie"], None));
        let phone = Needle::new("+33 1 42");
        assert_eq!(phone.digits.as_deref(), Some("33142"));
        assert!(phone.matches(["FR-1"], Some("+33 1 42 00 00 00")));
        assert!(!phone.matches(["FR-1"], Some("+33 2 42 00 00 00")));
        assert!(Needle::new("0142").matches([], Some("01 42 00 00 00")));
        // Letters: not a phone number.
        assert_eq!(Needle::new("F-1001").digits, None);
        assert!(Needle::new("").matches([], None));
    }
}
