//! The team's mail server setting, `smtp.url`: `smtp://host:587`
//! (STARTTLS), `smtps://host:465` (TLS), `smtp://host:25?tls=none` (plain,
//! also the default on loopback), or `sendmail` (the server's own mailer).

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (`smtps://`).
    Tls,
    /// Plain, then STARTTLS, which the server must offer.
    StartTls,
    /// No TLS: asked for with `?tls=none`, or a loopback host.
    None,
}

/// Where e-mail letters go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmtpUrl {
    Smtp {
        host: String,
        port: u16,
        security: Security,
    },
    Sendmail,
}

/// Reads `smtp.url`; `None` for the empty value (no e-mail is sent).
pub fn parse(text: &str) -> Result<Option<SmtpUrl>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text == "sendmail" {
        return Ok(Some(SmtpUrl::Sendmail));
    }
    let hint = "expected smtp://HOST:587, smtps://HOST:465, smtp://HOST:25?tls=none or sendmail";
    let (scheme, rest) = text
        .split_once("://")
        .ok_or_else(|| format!("{text:?}: {hint}"))?;
    let (authority, query) = match rest.split_once('?') {
        Some((a, q)) => (a.trim_end_matches('/'), Some(q)),
        None => (rest.trim_end_matches('/'), None),
    };
    if authority.contains(['@', '/']) {
        return Err(format!(
            "{text:?}: no user or path in the URL (the password goes in smtp.credentials)"
        ));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (
            h,
            Some(
                p.parse::<u16>()
                    .map_err(|_| format!("{text:?}: {p:?} is not a port"))?,
            ),
        ),
        _ => (authority, None),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{text:?}: no host; {hint}"));
    }
    let plain = match query {
        None => false,
        Some("tls=none") => true,
        Some(q) => return Err(format!("{text:?}: unknown option {q:?} (only tls=none)")),
    };
    let (security, default_port) = match scheme {
        "smtps" if plain => return Err(format!("{text:?}: smtps is TLS; tls=none contradicts it")),
        "smtps" => (Security::Tls, 465),
        "smtp" if plain || loopback(host) => (Security::None, 25),
        "smtp" => (Security::StartTls, 587),
        _ => return Err(format!("{text:?}: {hint}")),
    };
    Ok(Some(SmtpUrl::Smtp {
        host: host.to_string(),
        port: port.unwrap_or(default_port),
        security,
    }))
}

/// Whether `host` is this machine.
fn loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp(host: &str, port: u16, security: Security) -> Option<SmtpUrl> {
        Some(SmtpUrl::Smtp {
            host: host.into(),
            port,
            security,
        })
    }

    #[test]
    fn urls_say_how_to_reach_the_server() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("sendmail").unwrap(), Some(SmtpUrl::Sendmail));
        assert_eq!(
            parse("smtp://mail.example:587").unwrap(),
            smtp("mail.example", 587, Security::StartTls)
        );
        assert_eq!(
            parse("smtp://mail.example:25").unwrap(),
            smtp("mail.example", 25, Security::StartTls)
        );
        assert_eq!(
            parse("smtps://mail.example").unwrap(),
            smtp("mail.example", 465, Security::Tls)
        );
        assert_eq!(
            parse("smtp://mail.example:25?tls=none").unwrap(),
            smtp("mail.example", 25, Security::None)
        );
        assert_eq!(
            parse("smtp://127.0.0.1:2525").unwrap(),
            smtp("127.0.0.1", 2525, Security::None)
        );
        assert_eq!(
            parse("smtp://[::1]:2525").unwrap(),
            smtp("::1", 2525, Security::None)
        );
        for bad in [
            "mail.example",
            "http://x",
            "smtp://",
            "smtp://u:p@host",
            "smtp://host:99999",
            "smtp://host?tls=maybe",
            "smtps://host?tls=none",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
