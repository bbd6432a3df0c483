//! Tests of the e-mail writer, with small decoders to read back what it wrote.

use chrono::TimeZone;

use super::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 5, 0).unwrap()
}

fn unbase64(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        bits = bits << 6 | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n & 0xff) as u8);
        }
    }
    out
}

/// Unfolds a header and decodes its encoded words.
fn header(message: &str, name: &str) -> String {
    let head = message
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .replace("\r\n ", " ");
    let value = head
        .split("\r\n")
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap()
        .to_string();
    let mut out = String::new();
    let mut bytes = Vec::new();
    for token in value.split(' ') {
        match token
            .strip_prefix("=?utf-8?b?")
            .or_else(|| token.strip_prefix("=?utf-8?B?"))
            .and_then(|t| t.strip_suffix("?="))
        {
            Some(b64) => bytes.extend(unbase64(b64)),
            None => {
                out.push_str(&String::from_utf8(std::mem::take(&mut bytes)).unwrap());
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(token);
            }
        }
    }
    out.push_str(&String::from_utf8(bytes).unwrap());
    out
}

fn un_qp(body: &str) -> String {
    let joined = body.replace("=\r\n", "");
    let mut bytes = Vec::new();
    let mut it = joined.bytes();
    while let Some(b) = it.next() {
        if b == b'=' {
            let hex = [it.next().unwrap(), it.next().unwrap()];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).unwrap(), 16).unwrap());
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
}

fn body_of(message: &str) -> &str {
    message.split_once("\r\n\r\n").unwrap().1
}

#[test]
fn a_plain_message() {
    let m = eml(
        "Acme Ltd",
        "a@b.example",
        "Ms Hughes",
        "h@c.example",
        "Reminder",
        "Dear Ms Hughes,\n\nPlease pay.",
        at(),
        "seed",
    )
    .unwrap();
    assert_eq!(header(&m, "Subject"), "Reminder");
    assert_eq!(header(&m, "To"), "\"Ms Hughes\" <h@c.example>");
    assert!(
        m.contains("Content-Transfer-Encoding: quoted-printable\r\n"),
        "{m}"
    );
    assert!(m.contains("charset=utf-8"), "{m}");
    assert_eq!(un_qp(body_of(&m)), "Dear Ms Hughes,\n\nPlease pay.\n");
}

#[test]
fn the_message_id_follows_its_seed() {
    let one = |seed: &str| {
        let m = eml("", "a@b.example", "", "c@d.example", "S", "x", at(), seed).unwrap();
        header(&m, "Message-ID")
    };
    assert_eq!(one("s"), one("s"));
    assert_ne!(one("s"), one("t"));
    assert!(one("s").ends_with("@b.example>"), "{}", one("s"));
}

#[test]
fn non_ascii_headers_are_encoded_and_fold() {
    let subject = "Relance : facture n° 2026-114 — Société Générale d'Équipement Électrique du Sud-Ouest, échéance dépassée";
    let m = eml(
        "Bjørnstad & Søn AS",
        "a@b.example",
        "Hélène Lefèvre-Ødegård",
        "h@c.example",
        subject,
        "é",
        at(),
        "s",
    )
    .unwrap();
    let head = m.split("\r\n\r\n").next().unwrap();
    assert!(head.is_ascii(), "{head}");
    assert!(head.split("\r\n").all(|l| l.len() <= 78), "{head}");
    assert_eq!(
        header(&m, "Subject").replace(' ', ""),
        subject.replace(' ', "")
    );
    assert_eq!(un_qp(body_of(&m)), "é\n");
}

#[test]
fn header_lines_stay_within_the_limits_whatever_the_names() {
    let long_word = "Ødegård".repeat(40);
    let ascii_word = "x".repeat(300);
    for name in [
        long_word.as_str(),
        ascii_word.as_str(),
        "\"quoted\" (and) <odd>, names;",
    ] {
        let m = eml(
            name,
            "a@b.example",
            name,
            "h@c.example",
            name,
            "é",
            at(),
            "s",
        )
        .unwrap();
        let head = m.split("\r\n\r\n").next().unwrap();
        assert!(head.is_ascii(), "{head}");
        for line in head.split("\r\n") {
            assert!(line.len() <= 78, "{line}");
        }
        assert_eq!(
            header(&m, "Subject").replace(' ', ""),
            name.replace(' ', "")
        );
    }
}

#[test]
fn the_copy_for_the_record_is_in_the_envelope_not_the_file() {
    let m = message(&Envelope {
        from_name: "Acme",
        from_email: "ar@acme.example",
        to_name: "Client",
        to_email: "c@d.example",
        bcc: Some("ar@acme.example"),
        subject: "S",
        body: "x",
        date: at(),
        seed: "s",
    })
    .unwrap();
    let to: Vec<String> = m.envelope().to().iter().map(|a| a.to_string()).collect();
    assert_eq!(to, ["c@d.example", "ar@acme.example"]);
    let text = String::from_utf8(m.formatted()).unwrap();
    assert!(!text.contains("Bcc"), "{text}");
}

#[test]
fn header_injection_is_refused() {
    let bad = |from_name: &str, to: &str, subject: &str| {
        eml(from_name, "a@b.example", "", to, subject, "x", at(), "s").unwrap_err()
    };
    let e = bad("", "c@d.example", "Hi\r\nBcc: victim@x.example");
    assert!(
        matches!(
            e,
            LetterError::Header {
                header: "Subject",
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("line break"), "{e}");
    assert!(matches!(
        bad("Eve\nBcc: x@y", "c@d.example", "S"),
        LetterError::Header { header: "From", .. }
    ));
    assert!(matches!(
        bad("", "c@d.example\r\nBcc: x@y", "S"),
        LetterError::Header { header: "To", .. }
    ));
    assert!(matches!(
        bad("", "c@d.example", "a\u{1b}b"),
        LetterError::Header { .. }
    ));
    for addr in [
        "", "nobody", "a b@c", "<a@b>", "a@b@c", "a@", "@b", "a@b..c", "a,b@c",
    ] {
        assert!(
            matches!(bad("", addr, "S"), LetterError::Header { header: "To", .. }),
            "{addr}"
        );
    }
}
