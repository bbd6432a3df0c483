//! A letter as an RFC 5322 e-mail message (`.eml`): UTF-8 plain text in
//! quoted-printable, non-ASCII headers as RFC 2047 encoded words, CRLF lines.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::LetterError;

/// Longest header line dun writes (RFC 5322 recommends 78).
const HEADER_WIDTH: usize = 78;
/// Bytes of text per encoded word: 52 base64 characters, 64 with the
/// `=?utf-8?B?…?=` frame, so `Subject: ` and a word stay within 78.
const WORD_BYTES: usize = 39;
/// Longest quoted-printable line, soft break included (RFC 2045).
const QP_WIDTH: usize = 76;

/// The message, or an error when a header value holds a line break or
/// another control character, or an address is not one.
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
    check_value("From", from_name)?;
    check_address("From", from_email)?;
    check_value("To", to_name)?;
    check_address("To", to_email)?;
    check_value("Subject", subject)?;
    let mut out = String::new();
    out.push_str(&fold("Date", &[date.to_rfc2822()]));
    out.push_str(&fold("From", &mailbox(from_name, from_email)));
    out.push_str(&fold("To", &mailbox(to_name, to_email)));
    out.push_str(&fold("Subject", &text_tokens(subject.trim())));
    out.push_str(&fold(
        "Message-ID",
        &[message_id(message_id_seed, date, from_email)],
    ));
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: quoted-printable\r\n");
    out.push_str("\r\n");
    out.push_str(&quoted_printable(body));
    if !out.ends_with("\r\n") {
        out.push_str("\r\n");
    }
    Ok(out)
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

/// `Name <addr>` as header tokens: the name as is, quoted, or encoded.
fn mailbox(name: &str, addr: &str) -> Vec<String> {
    let name = name.trim();
    let mut tokens = if name.is_empty() {
        Vec::new()
    } else if !name.is_ascii() {
        encoded_words(name)
    } else if name.split(' ').all(|w| w.bytes().all(is_atext)) {
        name.split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    } else {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        vec![format!("\"{quoted}\"")]
    };
    tokens.push(format!("<{addr}>"));
    tokens
}

/// RFC 5322 `atext`: what a name may hold without quotes.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// Unstructured text as header tokens: its words when plain ASCII that folds,
/// encoded words otherwise.
fn text_tokens(text: &str) -> Vec<String> {
    let plain = text.is_ascii()
        && !text.contains("=?")
        && text.split(' ').all(|w| w.len() < HEADER_WIDTH - 10);
    if plain {
        text.split(' ').map(String::from).collect()
    } else {
        encoded_words(text)
    }
}

/// `=?utf-8?B?…?=` words of at most [`WORD_BYTES`] bytes of whole characters.
fn encoded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(format!("=?utf-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(format!("=?utf-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words
}

/// `Name: tokens` folded before a token that would pass [`HEADER_WIDTH`].
fn fold(name: &str, tokens: &[String]) -> String {
    let mut out = format!("{name}:");
    let mut width = out.len();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && width + 1 + t.len() > HEADER_WIDTH {
            out.push_str("\r\n");
            width = 0;
        }
        out.push(' ');
        out.push_str(t);
        width += 1 + t.len();
    }
    out.push_str("\r\n");
    out
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// FNV-1a, 64 bits: a stable hash for message ids.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// `<seed.hash@domain>`: the seed made safe and cut to 24 characters, then
/// a hash of the whole seed and the date, so the same seed and date always
/// give the same id; the domain is the sender's (`dun.invalid` if unusable).
fn message_id(seed: &str, date: DateTime<Utc>, from_email: &str) -> String {
    let readable: String = seed
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(24)
        .collect();
    let readable = if readable.is_empty() {
        "letter".to_string()
    } else {
        readable
    };
    let stamp = date.format("%Y%m%d%H%M%S").to_string();
    let hash = fnv1a(&[seed.as_bytes(), b"\0", stamp.as_bytes()]);
    let domain = from_email
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| {
            d.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
        .unwrap_or("dun.invalid");
    format!("<{readable}.{hash:016x}@{domain}>")
}

/// The body in quoted-printable (RFC 2045 § 6.7) with CRLF line breaks.
fn quoted_printable(body: &str) -> String {
    let text = body.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        qp_line(line.as_bytes(), &mut out);
    }
    out
}

fn qp_line(bytes: &[u8], out: &mut String) {
    let mut width = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        let literal = match b {
            b' ' | b'\t' => !last,
            b'=' => false,
            33..=126 => true,
            _ => false,
        };
        let len = if literal { 1 } else { 3 };
        // Room for the `=` of a soft break unless this ends the line.
        let room = if last { QP_WIDTH } else { QP_WIDTH - 1 };
        if width + len > room {
            out.push_str("=\r\n");
            width = 0;
        }
        if literal {
            out.push(b as char);
        } else {
            let _ = write!(out, "={b:02X}");
        }
        width += len;
    }
}

#[cfg(test)]
#[path = "eml_tests.rs"]
mod tests;
