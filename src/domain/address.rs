//! Postal addresses are kept as the lines they were given in. Before
//! dun kept line breaks, a one-line address was printed split at its
//! commas; the databases of that time keep those lines once, when their
//! schema is brought up to date.

/// A one-line address ("Calle de la Iglesia, 65, 45001 Toledo") as the
/// lines dun used to print it: split at the commas, except before a bare
/// house number, which stays with its street.
pub fn lines_printed_before(address: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in address.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let house_number = part.len() <= 5
            && part.starts_with(|c: char| c.is_ascii_digit())
            && !part.contains(' ');
        match lines.last_mut() {
            Some(street) if house_number => {
                street.push_str(", ");
                street.push_str(part);
            }
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::lines_printed_before;

    #[test]
    fn house_numbers_stay_with_their_street() {
        assert_eq!(
            lines_printed_before("Calle de la Iglesia, 65, 45001 Toledo"),
            ["Calle de la Iglesia, 65", "45001 Toledo"]
        );
        assert_eq!(
            lines_printed_before("6 Albion Street, Liverpool L1 7TW"),
            ["6 Albion Street", "Liverpool L1 7TW"]
        );
        assert_eq!(
            lines_printed_before("Torggata 60, 6002 Ålesund"),
            ["Torggata 60", "6002 Ålesund"]
        );
    }
}
