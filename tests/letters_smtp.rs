//! `dun letters --send` against a real SMTP server on loopback (Python's
//! aiosmtpd, started by the test): what the server received, what the
//! journal says, and what a refusing server leaves.

#[path = "common/folder.rs"]
mod folder;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use folder::{check_folder, demo, dun, notes, ok};

const SENDER_NAME: &str = "Bjørnstad & Fils Société";
const SENDER: &str = "ar@dun-demo.example";

/// The test server, stopped when dropped.
struct Sink {
    child: Child,
    port: u16,
    folder: PathBuf,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server, or `None` (with the reason printed) when this
/// machine has no python3; a python3 without aiosmtpd is a failure.
fn sink(folder: &Path, refuse: bool) -> Option<Sink> {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: python3 is missing, the SMTP tests need it (with `pip install aiosmtpd`)"
        );
        return None;
    }
    let probe = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .output()
        .unwrap();
    assert!(
        probe.status.success(),
        "the SMTP tests need aiosmtpd: python3 -m pip install aiosmtpd"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_sink.py");
    let mut cmd = Command::new("python3");
    cmd.arg(script).arg(folder);
    if refuse {
        cmd.arg("refuse");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line.trim().parse().expect("the server's port");
    Some(Sink {
        child,
        port,
        folder: folder.to_path_buf(),
    })
}

fn received(sink: &Sink) -> Vec<serde_json::Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sink.folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// A demo database sending through `sink`.
fn team(dir: &Path, sink: &Sink) -> PathBuf {
    let db = demo(dir, "40");
    let url = format!("smtp://127.0.0.1:{}?tls=none", sink.port);
    for (key, value) in [("smtp.url", url.as_str()), ("company.name", SENDER_NAME)] {
        ok(dun(&db, &["settings", "set", key, value]).output().unwrap());
    }
    db
}

#[test]
fn letters_go_out_by_smtp_and_the_journal_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).unwrap();
    let Some(sink) = sink(&mail, false) else {
        return;
    };
    let db = team(dir.path(), &sink);
    // Without --send: written, not sent, and said so.
    let plain = dir.path().join("unsent.db");
    std::fs::copy(&db, &plain).unwrap();
    let out = ok(dun(
        &plain,
        &[
            "letters",
            "--out",
            dir.path().join("unsent").to_str().unwrap(),
        ],
    )
    .output()
    .unwrap());
    assert!(out.contains("were written but not e-mailed"), "{out}");
    assert!(received(&sink).is_empty());
    assert!(!notes(&plain).iter().any(|n| n.contains("sent by e-mail")));

    let out = ok(dun(&db, &["letters", "--send"]).output().unwrap());
    let mailed = out.matches("(e-mailed, <").count();
    let got = received(&sink);
    assert!(mailed > 0, "{out}");
    assert_eq!(got.len(), mailed, "{out}");
    let journal = notes(&db);
    for m in &got {
        let to: Vec<&str> = m["rcpt_to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(to.len(), 2, "{m}");
        assert_eq!(to[1], SENDER, "the copy for the record");
        assert!(m["to"].as_str().unwrap().contains(to[0]), "{m}");
        assert_eq!(m["mail_from"], SENDER);
        assert_eq!(
            m["from"].as_str().unwrap(),
            format!("{SENDER_NAME} <{SENDER}>")
        );
        assert!(!m["subject"].as_str().unwrap().is_empty());
        assert_eq!(m["charset"], "utf-8");
        let raw = m["raw"].as_str().unwrap();
        let head = raw.split("\r\n\r\n").next().unwrap();
        assert!(head.is_ascii() && !head.contains("Bcc"), "{head}");
        assert!(head.split("\r\n").all(|l| l.len() <= 78), "{head}");
        let body = m["body"].as_str().unwrap();
        assert!(body.contains(SENDER_NAME), "{body}");
        // The journal names the message the server took.
        let id = m["message_id"].as_str().unwrap();
        assert!(
            journal
                .iter()
                .any(|n| n.contains("sent by e-mail to") && n.contains(id)),
            "{id}"
        );
    }
    check_folder(&db, &dir.path().join("letters"));
}

#[test]
fn a_refusing_or_missing_server_leaves_the_letter_due() {
    let dir = tempfile::tempdir().unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).unwrap();
    let Some(sink) = sink(&mail, true) else {
        return;
    };
    let db = team(dir.path(), &sink);
    let before = ok(dun(&db, &["queue"]).output().unwrap());
    let out = dun(&db, &["letters", "--send"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("550"), "{text}");
    assert!(!notes(&db).iter().any(|n| n.contains("sent by e-mail")));
    check_folder(&db, &dir.path().join("letters"));
    // The refused clients are still due.
    let after = ok(dun(&db, &["queue"]).output().unwrap());
    let refused: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("550"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(!refused.is_empty(), "{text}");
    for code in refused {
        assert!(before.contains(code) && after.contains(code), "{code}");
    }
    // No server at all on the port: the same.
    let port = sink.port;
    drop(sink);
    let out = dun(&db, &["letters", "--send"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{port}: {text}");
    assert!(text.contains("not sent"), "{text}");
    assert!(!notes(&db).iter().any(|n| n.contains("sent by e-mail")));
}

#[test]
fn the_mail_server_setting_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "30");
    for bad in [
        "mail.example",
        "smtp://user:pw@host",
        "smtps://host?tls=none",
    ] {
        let out = dun(&db, &["settings", "set", "smtp.url", bad])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("smtp.url"), "{err}");
    }
    ok(dun(
        &db,
        &["settings", "set", "smtp.url", "smtp://mail.example:587"],
    )
    .output()
    .unwrap());
    // A password file others may read: refused, and its content never shown.
    let login = dir.path().join("login");
    std::fs::write(&login, "clerk:s3cret\n").unwrap();
    std::fs::set_permissions(&login, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    ok(dun(
        &db,
        &[
            "settings",
            "set",
            "smtp.credentials",
            login.to_str().unwrap(),
        ],
    )
    .output()
    .unwrap());
    let out = dun(&db, &["letters", "--send"]).output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("others may read it") && !all.contains("s3cret"),
        "{all}"
    );
    assert!(!notes(&db).iter().any(|n| n.contains("sent by e-mail")));
}
