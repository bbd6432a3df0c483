//! Who a letter goes to and from where its templates come: the client's
//! details with its address as the lines of an envelope.

use super::builder::address_lines;
use super::context::ClientDetails;
use crate::domain::client::Client;

/// The user's own templates, when the config directory has some.
pub(super) fn config_templates() -> Option<std::path::PathBuf> {
    let dir = crate::paths::config_file()?.parent()?.join("templates");
    dir.is_dir().then_some(dir)
}

pub(super) fn client_details(c: &Client) -> ClientDetails {
    let address = c.address.as_deref().unwrap_or("");
    let lines = if address.contains('\n') {
        address_lines(address)
    } else {
        one_line_address(address)
    };
    ClientDetails {
        code: c.code.clone(),
        name: c.name.clone(),
        contact: None,
        address: lines,
        email: c.email.clone().unwrap_or_default(),
        profile: c.profile,
    }
}

/// A one-line address ("Calle de la Iglesia, 65, 45001 Toledo") as the
/// lines of an envelope: split at the commas, except before a bare house
/// number, which stays with its street.
fn one_line_address(address: &str) -> Vec<String> {
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
    use super::one_line_address;

    #[test]
    fn house_numbers_stay_with_their_street() {
        assert_eq!(
            one_line_address("Calle de la Iglesia, 65, 45001 Toledo"),
            ["Calle de la Iglesia, 65", "45001 Toledo"]
        );
        assert_eq!(
            one_line_address("6 Albion Street, Liverpool L1 7TW"),
            ["6 Albion Street", "Liverpool L1 7TW"]
        );
        assert_eq!(
            one_line_address("Torggata 60, 6002 Ålesund"),
            ["Torggata 60", "6002 Ålesund"]
        );
    }
}
