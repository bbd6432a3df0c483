//! Handing a message to the team's mail server: SMTP (STARTTLS, TLS, or
//! plain only when asked for or on loopback) or the server's own sendmail,
//! with the credentials from a file only the team may read.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::Tls;
use lettre::{Message, SendmailTransport, SmtpTransport, Transport};

use crate::team::smtp::{Security, SmtpUrl};

/// How long a server may take before it counts as unreachable.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A way to the mail server.
pub enum Mailer {
    /// The server, named `host:port` in messages.
    Smtp(Box<SmtpTransport>, String),
    Sendmail(SendmailTransport),
}

impl Mailer {
    /// The mailer for `url`, with the credentials in the file at
    /// `credentials` (empty: none). The reason names the file, never its
    /// content.
    pub fn new(url: &SmtpUrl, credentials: &str) -> Result<Mailer, String> {
        let (host, port, security) = match url {
            SmtpUrl::Sendmail => {
                // Where mail servers put it, which a clerk's PATH may lack.
                let system = Path::new("/usr/sbin/sendmail");
                return Ok(Mailer::Sendmail(if system.exists() {
                    SendmailTransport::new_with_command(system)
                } else {
                    SendmailTransport::new()
                }));
            }
            SmtpUrl::Smtp {
                host,
                port,
                security,
            } => (host, *port, *security),
        };
        let fail = |e: lettre::transport::smtp::Error| format!("smtp {host}: {e}");
        let mut builder = match security {
            Security::Tls => SmtpTransport::relay(host).map_err(fail)?,
            Security::StartTls => SmtpTransport::starttls_relay(host).map_err(fail)?,
            Security::None => SmtpTransport::builder_dangerous(host.as_str()).tls(Tls::None),
        }
        .port(port)
        .timeout(Some(TIMEOUT));
        if !credentials.trim().is_empty() {
            builder = builder.credentials(read_credentials(Path::new(credentials.trim()))?);
        }
        Ok(Mailer::Smtp(
            Box::new(builder.build()),
            format!("{host}:{port}"),
        ))
    }

    /// Sends `message`; `Ok` once the server accepted it.
    pub fn send(&self, message: &Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(t, server) => t.send(message).map(drop).map_err(|e| {
                let reason = format!("the mail server {server} did not take it: {e}");
                // An answer about this message, or no server to talk to.
                if e.is_permanent() || e.is_transient() {
                    MailError::Refused(reason)
                } else {
                    MailError::Unreachable(reason)
                }
            }),
            Mailer::Sendmail(t) => t
                .send(message)
                .map_err(|e| MailError::Refused(format!("sendmail did not take it: {e}"))),
        }
    }
}

/// Why a message did not go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailError {
    /// The server answered, and not with yes.
    Refused(String),
    /// No server to talk to (connection, TLS, timeout): the next message
    /// would fare no better.
    Unreachable(String),
}

impl std::fmt::Display for MailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MailError::Refused(r) | MailError::Unreachable(r) => f.write_str(r),
        }
    }
}

/// `user:password` from the file at `path`, refused when others than its
/// owner and group may read it.
pub fn read_credentials(path: &Path) -> Result<Credentials, String> {
    let fail = |why: String| format!("{} (smtp.credentials): {why}", path.display());
    let meta = std::fs::metadata(path).map_err(|e| fail(crate::fault::io_reason(&e)))?;
    if meta.mode() & 0o007 != 0 {
        return Err(fail(format!(
            "others may read it (mode {:o}); make it private: chmod o-rwx {}",
            meta.mode() & 0o777,
            path.display()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| fail(crate::fault::io_reason(&e)))?;
    let line = text.lines().next().unwrap_or("");
    match line.split_once(':') {
        Some((user, password)) if !user.is_empty() => {
            Ok(Credentials::new(user.to_string(), password.to_string()))
        }
        _ => Err(fail("expected one line `user:password`".into())),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn file(mode: u32, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("smtp-login");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        (dir, path)
    }

    #[test]
    fn credentials_others_may_read_are_refused_and_never_shown() {
        let (_d, path) = file(0o644, "clerk:s3cret-pass\n");
        let e = read_credentials(&path).unwrap_err();
        assert!(e.contains("others may read it"), "{e}");
        assert!(e.contains("smtp-login"), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
        let (_d, path) = file(0o640, "clerk:s3cret-pass\n");
        assert!(read_credentials(&path).is_ok());
        let (_d, path) = file(0o600, "no colon here\n");
        let e = read_credentials(&path).unwrap_err();
        assert!(
            e.contains("user:password") && !e.contains("no colon"),
            "{e}"
        );
        let e = read_credentials(Path::new("/nonexistent/login")).unwrap_err();
        assert!(e.contains("/nonexistent/login"), "{e}");
    }

    #[test]
    fn a_mailer_with_bad_credentials_is_not_made() {
        let (_d, path) = file(0o604, "clerk:pw\n");
        let url = crate::team::smtp::parse("smtp://127.0.0.1:2525")
            .unwrap()
            .unwrap();
        let e = Mailer::new(&url, path.to_str().unwrap()).err().unwrap();
        assert!(e.contains("others may read it"), "{e}");
        assert!(Mailer::new(&url, "").is_ok());
    }
}
