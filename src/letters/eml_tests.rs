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
            .strip_prefix("=?utf-8?B?")
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
        "Hartley & Moss",
        "accounts@hartleymoss.example",
        "Ms Hughes",
        "payables@brightwater.example",
        "Invoice INV-1 overdue",
        "Dear Ms Hughes,\n\nPlease pay.\n",
        at(),
        "C-1042/reminder1",
    )
    .unwrap();
    let head = m.split("\r\n\r\n").next().unwrap();
    assert_eq!(
        head,
        "Date: Tue, 24 Nov 2026 09:05:00 +0000\r\n\
         From: Hartley & Moss <accounts@hartleymoss.example>\r\n\
         To: Ms Hughes <payables@brightwater.example>\r\n\
         Subject: Invoice INV-1 overdue\r\n\
         Message-ID: <C-1042-reminder1.{}@hartleymoss.example>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable"
            .replace(
                "{}",
                &format!(
                    "{:016x}",
                    fnv1a(&[b"C-1042/reminder1", b"\0", b"20261124090500"])
                )
            )
    );
    assert_eq!(body_of(&m), "Dear Ms Hughes,\r\n\r\nPlease pay.\r\n");
    assert!(
        m.split("\r\n")
            .all(|l| !l.contains('\n') && !l.contains('\r'))
    );
}

#[test]
fn the_message_id_is_deterministic() {
    let one = || eml("", "a@b.example", "", "c@d.example", "S", "B", at(), "seed").unwrap();
    assert_eq!(one(), one());
    let other = eml(
        "",
        "a@b.example",
        "",
        "c@d.example",
        "S",
        "B",
        at(),
        "seed2",
    )
    .unwrap();
    assert_ne!(header(&one(), "Message-ID"), header(&other, "Message-ID"));
    assert_eq!(header(&one(), "From"), "<a@b.example>");
}

#[test]
fn non_ascii_headers_are_encoded_words_and_fold() {
    let subject =
        "Mise en demeure de payer – factures F2026-0418 et F2026-0463 (réf. client C-2087)";
    let m = eml(
        "Atelier Boréal",
        "compta@atelier-boreal.example",
        "Dumas Logistique, SAS",
        "factures@dumas.example",
        subject,
        "é\n",
        at(),
        "x",
    )
    .unwrap();
    let head = m.split("\r\n\r\n").next().unwrap();
    assert!(head.is_ascii(), "{head}");
    assert!(head.split("\r\n").all(|l| l.len() <= 78), "{head}");
    assert!(head.contains("Subject: =?utf-8?B?"), "{head}");
    assert!(head.contains("\r\n =?utf-8?B?"), "folded: {head}");
    assert_eq!(header(&m, "Subject"), subject);
    assert_eq!(
        header(&m, "From"),
        "Atelier Boréal <compta@atelier-boreal.example>"
    );
    assert_eq!(
        header(&m, "To"),
        "\"Dumas Logistique, SAS\" <factures@dumas.example>"
    );
    assert_eq!(body_of(&m), "=C3=A9\r\n");
}

#[test]
fn long_ascii_subjects_fold_at_spaces() {
    let subject = "Reminder: invoices INV-2026-0418, INV-2026-0463 and INV-2026-0512 are now overdue on account C-1042";
    let m = eml(
        "",
        "a@b.example",
        "",
        "c@d.example",
        subject,
        "x",
        at(),
        "s",
    )
    .unwrap();
    let head = m.split("\r\n\r\n").next().unwrap();
    assert!(head.split("\r\n").all(|l| l.len() <= 78), "{head}");
    assert!(head.contains("\r\n "), "{head}");
    assert_eq!(header(&m, "Subject"), subject);
}

#[test]
fn quoted_printable_breaks_long_lines_and_escapes() {
    let line = format!(
        "{} = fin. ",
        "Veuillez agréer l'expression de nos salutations distinguées".repeat(3)
    );
    let body = format!("{line}\nTab\tend\t\nx=y\n\n");
    let qp = quoted_printable(&body);
    for l in qp.split("\r\n") {
        assert!(l.len() <= QP_WIDTH, "{l:?}");
        assert!(!l.ends_with(' ') && !l.ends_with('\t'), "{l:?}");
        assert!(
            l.bytes().all(|b| b == b'\t' || (32..127).contains(&b)),
            "{l:?}"
        );
    }
    assert!(qp.contains("=3D"));
    assert!(qp.contains("agr=C3=A9er"));
    assert!(qp.contains("end=09\r\n"));
    assert!(qp.contains("fin.=20\r\n"));
    assert!(qp.contains("=\r\n"), "soft breaks");
    assert_eq!(un_qp(&qp), body);
}

#[test]
fn quoted_printable_never_splits_an_escape() {
    for n in 70..80 {
        let body = format!("{}ééé=é", "a".repeat(n));
        let qp = quoted_printable(&body);
        assert!(qp.split("\r\n").all(|l| l.len() <= QP_WIDTH));
        assert_eq!(un_qp(&qp), body, "{n}");
    }
    assert_eq!(quoted_printable(&"a".repeat(76)), "a".repeat(76));
    assert_eq!(
        quoted_printable(&"a".repeat(77)),
        format!("{}=\r\naa", "a".repeat(75))
    );
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

#[test]
fn base64_matches_the_rfc_vectors() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(plain.as_bytes()), encoded);
    }
}
