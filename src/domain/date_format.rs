//! Dates written out in full, as a native writer puts them in a letter:
//! `22 November 2026`, `22 novembre 2026`, `22. november 2026`,
//! `22 de noviembre de 2026`.

use chrono::{Datelike, NaiveDate};

use super::language::Language;

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

const ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The month's name in `lang`, lower case except in English.
pub fn month_name(month: u32, lang: Language) -> &'static str {
    let names = match lang {
        Language::En => &EN,
        Language::Fr => &FR,
        Language::Nb => &NB,
        Language::Es => &ES,
    };
    let i = (month.clamp(1, 12) - 1) as usize;
    names[i]
}

/// A date in full for a letter in `lang`: `22 November 2026` (British order),
/// `1er novembre 2026` (French ordinal for the first), `22. november 2026`,
/// `22 de noviembre de 2026`.
pub fn format_date(d: NaiveDate, lang: Language) -> String {
    let (day, month, year) = (d.day(), month_name(d.month(), lang), d.year());
    match lang {
        Language::En => format!("{day} {month} {year}"),
        Language::Fr if day == 1 => format!("1er {month} {year}"),
        Language::Fr => format!("{day} {month} {year}"),
        Language::Nb => format!("{day}. {month} {year}"),
        Language::Es => format!("{day} de {month} de {year}"),
    }
}

/// A date as an American letter writes it: `November 30, 2026`.
pub fn format_date_us(d: NaiveDate) -> String {
    format!(
        "{} {}, {}",
        month_name(d.month(), Language::En),
        d.day(),
        d.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_american_date_puts_the_month_first() {
        assert_eq!(format_date_us(date(2026, 11, 30)), "November 30, 2026");
        assert_eq!(format_date_us(date(2027, 2, 1)), "February 1, 2027");
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn each_language_writes_its_own_long_date() {
        let d = date(2026, 11, 22);
        assert_eq!(format_date(d, Language::En), "22 November 2026");
        assert_eq!(format_date(d, Language::Fr), "22 novembre 2026");
        assert_eq!(format_date(d, Language::Nb), "22. november 2026");
        assert_eq!(format_date(d, Language::Es), "22 de noviembre de 2026");
    }

    #[test]
    fn first_of_the_month_and_accents() {
        let d = date(2027, 2, 1);
        assert_eq!(format_date(d, Language::En), "1 February 2027");
        assert_eq!(format_date(d, Language::Fr), "1er février 2027");
        assert_eq!(format_date(d, Language::Nb), "1. februar 2027");
        assert_eq!(format_date(d, Language::Es), "1 de febrero de 2027");
        assert_eq!(format_date(date(2026, 8, 15), Language::Fr), "15 août 2026");
        assert_eq!(
            format_date(date(2026, 12, 31), Language::Nb),
            "31. desember 2026"
        );
        assert_eq!(
            format_date(date(2026, 9, 9), Language::Es),
            "9 de septiembre de 2026"
        );
    }

    #[test]
    fn every_month_has_a_name() {
        for lang in Language::ALL {
            for m in 1..=12 {
                let s = format_date(date(2026, m, 10), lang);
                assert!(s.contains(month_name(m, lang)), "{s}");
                assert!(s.ends_with("2026"), "{s}");
            }
        }
    }
}
