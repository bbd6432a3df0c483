//! Who a letter goes to and from where its templates come: the client's
//! details with its address as the lines of an envelope.

use super::builder::address_lines;
use super::context::ClientDetails;
use super::salutation::greeting;
use super::writing::Writing;
use crate::domain::client::Client;

/// The user's own templates, when the config directory has some.
pub(super) fn config_templates() -> Option<std::path::PathBuf> {
    let dir = crate::paths::config_file()?.parent()?.join("templates");
    dir.is_dir().then_some(dir)
}

pub(super) fn client_details(c: &Client) -> ClientDetails {
    let g = greeting(
        Writing::for_client(c),
        c.profile,
        &c.name,
        c.contact_name.as_deref(),
        c.contact_title,
    );
    ClientDetails {
        code: c.code.clone(),
        // An individual is addressed with their title ("M. Jean Moreau").
        name: g.titled_name.unwrap_or_else(|| c.name.clone()),
        contact: g.attention,
        // The lines as given: a comma is part of a line ("Flat 2, 10 High
        // Street"), never the end of one.
        address: address_lines(c.address.as_deref().unwrap_or("")),
        email: c.email.clone().unwrap_or_default(),
        profile: c.profile,
        salutation: g.salutation,
        closing: g.closing,
        civility: g.civility,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_keeps_its_lines_and_its_commas() {
        let mut c = Client::with_code("C-1", crate::domain::currency::Currency::GBP);
        c.address = Some("Flat 2, 10 High Street\nLeeds LS1 6HX".into());
        assert_eq!(
            client_details(&c).address,
            ["Flat 2, 10 High Street", "Leeds LS1 6HX"]
        );
        c.address = Some("Calle Mayor, 5, 3º izda., 28013 Madrid".into());
        assert_eq!(
            client_details(&c).address,
            ["Calle Mayor, 5, 3º izda., 28013 Madrid"]
        );
    }
}
