//! A letter as an RFC 5322 e-mail message, built by `lettre`: UTF-8 plain
//! text in quoted-printable, non-ASCII headers as RFC 2047 encoded words
//! folded within the line limits, CRLF lines. The same message is written
//! as the `.eml` file and handed to the mail server.

use chrono::{DateTime, Utc};
use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};

use super::LetterError;

/// Who a message goes to and from, and what it says.
#[derive(Clone, Debug)]
pub struct Envelope<'a> {
    pub from_name: &'a str,
    pub from_email: &'a str,
    pub to_name: &'a str,
    pub to_email: &'a str,
    /// A blind copy for the record (the sender's own address).
    pub bcc: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
    pub date: DateTime<Utc>,
    /// What makes the Message-ID unique: the same seed gives the same one.
    pub seed: &'a str,
}

/// The message, or an error when a header value holds a line break or
/// another control character, or an address is not one.
pub fn message(e: &Envelope<'_>) -> Result<Message, LetterError> {
    check_value("From", e.from_name)?;
    check_address("From", e.from_email)?;
    check_value("To", e.to_name)?;
    check_address("To", e.to_email)?;
    if let Some(bcc) = e.bcc {
        check_address("Bcc", bcc)?;
    }
    check_value("Subject", e.subject)?;
    let mailbox = |header: &'static str, name: &str, addr: &str| {
        let name = breakable(name.trim());
        let addr = addr.parse().map_err(|err| LetterError::Header {
            header,
            reason: format!("{addr:?} is not an e-mail address: {err}"),
        })?;
        Ok::<_, LetterError>(Mailbox::new(
            (!name.is_empty()).then(|| name.to_string()),
            addr,
        ))
    };
    let mut builder = Message::builder()
        .from(mailbox("From", e.from_name, e.from_email)?)
        .to(mailbox("To", e.to_name, e.to_email)?)
        .subject(breakable(e.subject.trim()))
        .date(e.date.into())
        .message_id(Some(message_id(e.seed, e.date, e.from_email)));
    if let Some(bcc) = e.bcc {
        builder = builder.bcc(mailbox("Bcc", "", bcc)?);
    }
    // The message ends its body with a line break of its own.
    let body = e
        .body
        .replace("\r\n", "\n")
        .trim_end_matches('\n')
        .replace('\n', "\r\n");
    let part = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(
        Body::new_with_encoding(body, ContentTransferEncoding::QuotedPrintable).map_err(|_| {
            LetterError::Header {
                header: "Content-Transfer-Encoding",
                reason: "the body cannot be encoded".into(),
            }
        })?,
    );
    builder.singlepart(part).map_err(|err| LetterError::Header {
        header: "To",
        reason: err.to_string(),
    })
}

/// Longest run of text without a space in a header, so that every header
/// line folds within 78 characters.
const WORD: usize = 60;

/// `text` with a space put into any word longer than [`WORD`] bytes (a
/// header folds only between words).
fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else if run + c.len_utf8() > WORD {
            out.push(' ');
            run = 0;
        }
        if !c.is_whitespace() {
            run += c.len_utf8();
        }
        out.push(c);
    }
    out
}

/// The message as an `.eml` file holds it (without the Bcc line).
#[allow(clippy::too_many_arguments)]
pub fn eml(
    from_name: &str,
    from_email: &str,
    to_name: &str,
    to_email: &str,
    subject: &str,
    body: &str,
    date: DateTime<Utc>,
    message_id_seed: &str,
) -> Result<String, LetterError> {
    let m = message(&Envelope {
        from_name,
        from_email,
        to_name,
        to_email,
        bcc: None,
        subject,
        body,
        date,
        seed: message_id_seed,
    })?;
    Ok(String::from_utf8_lossy(&m.formatted()).into_owned())
}

/// The Message-ID a message gets: `<…@sender's domain>`.
pub fn message_id(seed: &str, date: DateTime<Utc>, from_email: &str) -> String {
    let domain = from_email.rsplit_once('@').map_or("localhost", |(_, d)| d);
    let h1 = fnv1a(&[
        seed.as_bytes(),
        &date.timestamp_nanos_opt().unwrap_or(0).to_le_bytes(),
    ]);
    let h2 = fnv1a(&[&h1.to_le_bytes(), seed.as_bytes(), from_email.as_bytes()]);
    format!(
        "<{}.{:012x}@{domain}>",
        date.format("%Y%m%d"),
        h2 & 0xffff_ffff_ffff
    )
}

/// FNV-1a over `parts`, 64 bits.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn check_value(header: &'static str, value: &str) -> Result<(), LetterError> {
    let reason = if value.contains(['\r', '\n']) {
        "a line break is not allowed in a header"
    } else if value.chars().any(char::is_control) {
        "a control character is not allowed in a header"
    } else {
        return Ok(());
    };
    Err(LetterError::Header {
        header,
        reason: reason.into(),
    })
}

/// A plain `local@domain` address: ASCII, no space, quote, bracket or comma.
fn check_address(header: &'static str, addr: &str) -> Result<(), LetterError> {
    check_value(header, addr)?;
    let plain = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && !s.ends_with('.')
            && !s.contains("..")
            && s.bytes()
                .all(|b| b.is_ascii_graphic() && !b"\"(),:;<>@[\\]".contains(&b))
    };
    match addr.split_once('@') {
        Some((local, domain)) if plain(local) && plain(domain) => Ok(()),
        _ => Err(LetterError::Header {
            header,
            reason: format!("{addr:?} is not an e-mail address"),
        }),
    }
}

#[cfg(test)]
#[path = "eml_tests.rs"]
mod tests;
