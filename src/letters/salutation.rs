//! Whom a letter greets and how it takes leave, in each language: the
//! contact person with their title when known ("Dear Mr Smith,",
//! "Madame,", "Estimada Sra. Fernández:", "Hei Kari Nordmann,"), the
//! generic salutation when nobody is ("Dear Sir or Madam,", "Madame,
//! Monsieur,", "Estimados señores:", "Hei,").

use super::writing::Writing;
use crate::domain::client::{Profile, Title};
use crate::domain::language::Language;

/// The salutation, the closing and the addressee line of a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Greeting {
    /// The contact person as the address block names them ("Ms Ann
    /// Hughes", "Mme Claire Dubois", "Sra. Lucía Fernández", "Kari
    /// Nordmann"); `None` when there is no contact, or the contact is the
    /// client itself.
    pub attention: Option<String>,
    /// An individual's own name with its title, for the address block
    /// ("M. Jean Moreau"); `None` when it is written as the client's name.
    pub titled_name: Option<String>,
    /// The whole salutation line, punctuation included.
    pub salutation: String,
    /// The whole closing line before the signature.
    pub closing: String,
    /// In French, how the person is addressed in the salutation and again in
    /// the closing formula: `Madame`, `Monsieur`, `Madame, Monsieur`.
    pub civility: String,
}

/// A name split into how it is written in full and the surname a titled
/// salutation uses. "Surname, Given names" marks the surname; otherwise it
/// is the last word, or in Spanish the last two of three or more (the
/// two surnames of "Lucía Fernández García").
fn name_parts(name: &str, lang: Language) -> (String, String) {
    let name = name.trim();
    if let Some((surname, given)) = name.split_once(',') {
        let (surname, given) = (surname.trim(), given.trim());
        if !surname.is_empty() && !given.is_empty() {
            return (format!("{given} {surname}"), surname.to_string());
        }
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let keep = if lang == Language::Es && words.len() >= 3 {
        2
    } else {
        1
    };
    let surname = words[words.len().saturating_sub(keep)..].join(" ");
    (words.join(" "), surname)
}

/// The title as `w` writes it before a name.
fn title_word(title: Title, w: Writing) -> &'static str {
    match (w.lang, title, w.us) {
        (Language::En, Title::Mr, false) => "Mr",
        (Language::En, Title::Ms, false) => "Ms",
        (Language::En, Title::Mrs, false) => "Mrs",
        (Language::En, Title::Mr, true) => "Mr.",
        (Language::En, Title::Ms, true) => "Ms.",
        (Language::En, Title::Mrs, true) => "Mrs.",
        (Language::Fr, Title::Mr, _) => "M.",
        (Language::Fr, _, _) => "Mme",
        (Language::Es, Title::Mr, _) => "Sr.",
        (Language::Es, _, _) => "Sra.",
        // Norwegian letters use no title.
        (Language::Nb, _, _) => "",
    }
}

/// How a letter in `w` greets and takes leave of a client of `profile`
/// named `client_name`, whose contact person is `contact` with `title`. An
/// individual with no contact is greeted as the person they are, with
/// `title` when known.
pub fn greeting(
    w: Writing,
    profile: Profile,
    client_name: &str,
    contact: Option<&str>,
    title: Option<Title>,
) -> Greeting {
    let contact = contact.map(str::trim).filter(|c| !c.is_empty());
    let individual = profile == Profile::Individual;
    let person = contact.or((individual).then_some(client_name.trim()));
    let parts = person.map(|p| name_parts(p, w.lang));
    let titled = |full: &str| match title.map(|t| title_word(t, w)) {
        Some(t) if !t.is_empty() => format!("{t} {full}"),
        _ => full.to_string(),
    };
    let attention = contact
        .filter(|c| !(individual && c.eq_ignore_ascii_case(client_name.trim())))
        .and(parts.as_ref())
        .map(|(full, _)| titled(full));
    let titled_name = (individual && contact.is_none())
        .then(|| titled(client_name.trim()))
        .filter(|t| t != client_name.trim());
    let civility = match title {
        Some(Title::Mr) => "Monsieur",
        Some(Title::Ms | Title::Mrs) => "Madame",
        None => "Madame, Monsieur",
    }
    .to_string();
    let (salutation, closing) = match w.lang {
        Language::En => {
            let end = if w.us { ':' } else { ',' };
            let (whom, named) = match (&parts, title) {
                (Some((_, surname)), Some(t)) => (format!("{} {surname}", title_word(t, w)), true),
                (Some((full, _)), None) => (full.clone(), true),
                (None, _) => ("Sir or Madam".to_string(), false),
            };
            let closing = match (w.us, named) {
                (true, _) => "Sincerely,",
                (false, true) => "Yours sincerely,",
                (false, false) => "Yours faithfully,",
            };
            (format!("Dear {whom}{end}"), closing.to_string())
        }
        Language::Fr => (
            format!("{civility},"),
            format!("Veuillez agréer, {civility}, l'expression de nos salutations distinguées."),
        ),
        Language::Es => {
            let line = match (&parts, title) {
                (Some((_, surname)), Some(Title::Mr)) => format!("Estimado Sr. {surname}:"),
                (Some((_, surname)), Some(_)) => format!("Estimada Sra. {surname}:"),
                (Some((full, _)), None) if contact.is_some() => format!("Estimado/a {full}:"),
                _ if individual => "Estimado/a cliente:".to_string(),
                _ => "Estimados señores:".to_string(),
            };
            (line, "Atentamente,".to_string())
        }
        Language::Nb => {
            let line = match &parts {
                Some((full, _)) => format!("Hei {full},"),
                None => "Hei,".to_string(),
            };
            (line, "Med vennlig hilsen".to_string())
        }
    };
    Greeting {
        attention,
        titled_name,
        salutation,
        closing,
        civility,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(lang: Language) -> Writing {
        Writing::from(lang)
    }

    #[test]
    fn a_known_contact_is_greeted_by_title_and_surname() {
        let g = greeting(
            w(Language::En),
            Profile::Business,
            "Acme Ltd",
            Some("John Smith"),
            Some(Title::Mr),
        );
        assert_eq!(g.salutation, "Dear Mr Smith,");
        assert_eq!(g.closing, "Yours sincerely,");
        assert_eq!(g.attention.as_deref(), Some("Mr John Smith"));
        let us = Writing {
            lang: Language::En,
            us: true,
        };
        let g = greeting(
            us,
            Profile::Business,
            "Acme Inc.",
            Some("Jane Doe"),
            Some(Title::Ms),
        );
        assert_eq!(g.salutation, "Dear Ms. Doe:");
        assert_eq!(g.closing, "Sincerely,");
        let g = greeting(
            w(Language::Fr),
            Profile::Business,
            "Dumas SAS",
            Some("Claire Dubois"),
            Some(Title::Ms),
        );
        // French formal usage: the title alone, without the name.
        assert_eq!(g.salutation, "Madame,");
        assert_eq!(
            g.closing,
            "Veuillez agréer, Madame, l'expression de nos salutations distinguées."
        );
        assert_eq!(g.attention.as_deref(), Some("Mme Claire Dubois"));
        let g = greeting(
            w(Language::Es),
            Profile::Business,
            "Transportes Soria SL",
            Some("Lucía Fernández García"),
            Some(Title::Ms),
        );
        assert_eq!(g.salutation, "Estimada Sra. Fernández García:");
        assert_eq!(g.attention.as_deref(), Some("Sra. Lucía Fernández García"));
        let g = greeting(
            w(Language::Es),
            Profile::Business,
            "Transportes Soria SL",
            Some("Fernández, María José"),
            Some(Title::Ms),
        );
        assert_eq!(g.salutation, "Estimada Sra. Fernández:");
        assert_eq!(g.attention.as_deref(), Some("Sra. María José Fernández"));
        let g = greeting(
            w(Language::Nb),
            Profile::Business,
            "Fjordbygg AS",
            Some("Kari Nordmann"),
            Some(Title::Ms),
        );
        assert_eq!(g.salutation, "Hei Kari Nordmann,");
        assert_eq!(g.attention.as_deref(), Some("Kari Nordmann"));
    }

    #[test]
    fn nobody_known_keeps_the_generic_salutation() {
        let none = |lang| greeting(w(lang), Profile::Business, "Acme", None, None);
        assert_eq!(none(Language::En).salutation, "Dear Sir or Madam,");
        assert_eq!(none(Language::En).closing, "Yours faithfully,");
        assert_eq!(none(Language::Fr).salutation, "Madame, Monsieur,");
        assert_eq!(none(Language::Es).salutation, "Estimados señores:");
        assert_eq!(none(Language::Nb).salutation, "Hei,");
        assert!(none(Language::En).attention.is_none());
    }

    #[test]
    fn an_individual_is_greeted_as_themselves() {
        let g = greeting(
            w(Language::En),
            Profile::Individual,
            "John Smith",
            None,
            Some(Title::Mr),
        );
        assert_eq!(g.salutation, "Dear Mr Smith,");
        assert!(g.attention.is_none());
        assert_eq!(g.titled_name.as_deref(), Some("Mr John Smith"));
        let g = greeting(
            w(Language::En),
            Profile::Individual,
            "John Smith",
            None,
            None,
        );
        assert_eq!(g.salutation, "Dear John Smith,");
        let g = greeting(w(Language::Es), Profile::Individual, "Ana Gil", None, None);
        assert_eq!(g.salutation, "Estimado/a cliente:");
        let g = greeting(
            w(Language::Fr),
            Profile::Individual,
            "Jean Moreau",
            None,
            Some(Title::Mr),
        );
        assert_eq!(g.salutation, "Monsieur,");
        assert_eq!(g.titled_name.as_deref(), Some("M. Jean Moreau"));
        let g = greeting(
            w(Language::Nb),
            Profile::Individual,
            "Ola Nordmann",
            None,
            Some(Title::Mr),
        );
        assert_eq!(g.salutation, "Hei Ola Nordmann,");
        assert_eq!(g.titled_name, None);
    }
}
