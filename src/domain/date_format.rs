//! Dates written out in full, as a native writer puts them in a letter:
//! `22 November 2026`, `22 novembre 2026`, `22. november 2026`,
//! `22 de noviembre de 2026`. And dates in a table's column: `12-18` when
//! the reader can tell the year, `2025-12-18` when not.

use chrono::{Datelike, Months, NaiveDate};

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

/// A date for a table's column: `12-18` when it falls within the 11 months
/// up to `today` (from the same day 11 months back to today, both included),
/// else in full, `2025-12-18`: a date a year back or in the future never
/// reads as a day of this year.
pub fn short_date(d: NaiveDate, today: NaiveDate) -> String {
    let recent = today
        .checked_sub_months(Months::new(11))
        .is_some_and(|start| start <= d && d <= today);
    if recent {
        d.format("%m-%d").to_string()
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_date_keeps_its_year_unless_within_the_last_eleven_months() {
        let today = date(2026, 12, 1);
        assert_eq!(short_date(today, today), "12-01");
        assert_eq!(short_date(date(2026, 11, 30), today), "11-30");
        // 11 months back to the day is the last short one.
        assert_eq!(short_date(date(2026, 1, 1), today), "01-01");
        assert_eq!(short_date(date(2025, 12, 31), today), "2025-12-31");
        assert_eq!(short_date(date(2025, 12, 18), today), "2025-12-18");
        assert_eq!(short_date(date(2024, 12, 1), today), "2024-12-01");
        // Tomorrow is not in the past: it carries its year.
        assert_eq!(short_date(date(2026, 12, 2), today), "2026-12-02");
        assert_eq!(short_date(date(2027, 1, 5), today), "2027-01-05");
    }

    #[test]
    fn eleven_months_back_from_a_month_end() {
        // 31 December less 11 months is 31 January; from 31 January, the end
        // of February before it.
        let today = date(2026, 12, 31);
        assert_eq!(short_date(date(2026, 1, 31), today), "01-31");
        assert_eq!(short_date(date(2026, 1, 30), today), "2026-01-30");
        let today = date(2027, 1, 31);
        assert_eq!(short_date(date(2026, 2, 28), today), "02-28");
        assert_eq!(short_date(date(2026, 2, 27), today), "2026-02-27");
        let today = date(2028, 1, 31);
        assert_eq!(short_date(date(2027, 2, 28), today), "02-28");
        assert_eq!(short_date(date(2027, 2, 27), today), "2027-02-27");
    }

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
        for &lang in Language::ALL {
            for m in 1..=12 {
                let s = format_date(date(2026, m, 10), lang);
                assert!(s.contains(month_name(m, lang)), "{s}");
                assert!(s.ends_with("2026"), "{s}");
            }
        }
    }
}
