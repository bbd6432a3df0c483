//! The real binary in a real terminal: tmux at 80×24, keys sent as a clerk
//! types them, the screen read back; then the journal checked from outside.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const DUN: &str = env!("CARGO_BIN_EXE_dun");
const TODAY: &str = "2026-11-22";

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(db: &Path) -> Tmux {
        let socket = format!("dun-e2e-{}", std::process::id());
        let cmd = format!(
            "env DUN_DB='{}' DUN_TODAY={TODAY} '{DUN}'; sleep 30",
            db.display()
        );
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                "80",
                "-y",
                "24",
                &cmd,
            ])
            .status()
            .expect("tmux is needed for the end-to-end tests (apt-get install tmux)")
            .success();
        assert!(ok, "tmux could not start");
        Tmux { socket }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "e2e", k])
                .status()
                .unwrap()
                .success();
            assert!(ok);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "e2e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits up to five seconds for `text` on the screen.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn login() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn a_clerk_logs_a_call_from_the_queue_and_it_is_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let filled = Command::new(DUN)
        .args(["demo"])
        .env("DUN_DB", &db)
        .env("DUN_TODAY", TODAY)
        .status()
        .unwrap();
    assert!(filled.success());

    let tmux = Tmux::start(&db);
    let screen = tmux.wait_for("1 Queue");
    assert!(screen.contains("broken promise"), "{screen}");
    assert!(screen.contains("team.db"), "{screen}");

    tmux.keys(&["2"]);
    tmux.wait_for("Bucket");
    tmux.keys(&["j", "j", "G", "g", "4"]);
    tmux.wait_for("Day   Who");
    tmux.keys(&["1"]);
    tmux.wait_for("Reason");

    // c, 2 (no answer), a note, Enter.
    tmux.keys(&["c"]);
    tmux.wait_for("Outcome");
    tmux.keys(&["2", "called twice, voicemail full", "Enter"]);
    tmux.wait_for("Call logged (no_answer)");
    tmux.keys(&["q"]);

    let out = Command::new(DUN)
        .args(["export", "journal", "--format", "json"])
        .env("DUN_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let call = entries
        .iter()
        .find(|e| e["note"] == "called twice, voicemail full")
        .expect("the call is in the journal");
    assert_eq!(call["kind"], "call");
    assert_eq!(call["outcome"], "no_answer");
    assert_eq!(call["user"], login().as_str());
    assert_eq!(call["on"], TODAY);
}
