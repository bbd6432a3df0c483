//! The real binary in a real terminal: a tmux pane at 80×24 running dun on
//! a database, keys sent as a clerk types them, the screen read back.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub const DUN: &str = env!("CARGO_BIN_EXE_dun");
pub const TODAY: &str = "2026-11-22";

/// On the screen while the workbench is (its key hints): the top line may
/// name a missing reference rate instead of the tabs, as on the demo, which
/// lacks every rate of 2026 H2.
pub const WORKBENCH: &str = "? help  q quit";

pub struct Tmux {
    /// The tmux server's socket name, one per pane.
    pub socket: String,
}

impl Tmux {
    pub fn start(db: &Path) -> Tmux {
        Tmux::run(&format!(
            "env DUN_DB='{}' DUN_TODAY={TODAY} '{DUN}'; sleep 30",
            db.display()
        ))
    }

    /// Runs the shell command `cmd` in a new 80×24 pane.
    pub fn run(cmd: &str) -> Tmux {
        // One tmux server per test: tests run in parallel.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("dun-e2e-{}-{n}", std::process::id());
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
                cmd,
            ])
            .status()
            .expect("tmux is needed for the end-to-end tests (apt-get install tmux)")
            .success();
        assert!(ok, "tmux could not start");
        Tmux { socket }
    }

    pub fn keys(&self, keys: &[&str]) {
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

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "e2e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits up to five seconds for `text` on the screen.
    pub fn wait_for(&self, text: &str) -> String {
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

impl Tmux {
    /// From the start: Clients, a search for `typed`, and the page of the
    /// one client found (`shown` is on its line while the search runs).
    pub fn open_client(&self, typed: &str, shown: &str) {
        self.wait_for(WORKBENCH);
        self.keys(&["3"]);
        self.wait_for("A add");
        self.keys(&["/", typed]);
        self.wait_for(shown);
        self.keys(&["Enter"]);
        self.wait_for("1 found");
        self.keys(&["Enter"]);
    }

    /// The pid of dun, the child of the pane's shell.
    pub fn dun_pid(&self) -> u32 {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "list-panes",
                "-t",
                "e2e",
                "-F",
                "#{pane_pid}",
            ])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let started = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", &shell, "dun"])
                .output()
                .unwrap();
            if let Ok(pid) = String::from_utf8_lossy(&out.stdout).trim().parse() {
                return pid;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "dun did not start"
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

pub fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let ok = Command::new(DUN)
        .args(["demo"])
        .env("DUN_DB", &db)
        .env("DUN_TODAY", TODAY)
        .status()
        .unwrap();
    assert!(ok.success());
    (dir, db)
}

/// Another clerk logs a note; it must go through without waiting for a lock.
pub fn another_clerk_writes(db: &Path, when: &str) -> Duration {
    let code = String::from_utf8(
        Command::new(DUN)
            .args(["queue", "--format", "json"])
            .env("DUN_DB", db)
            .env("DUN_TODAY", TODAY)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let queue: serde_json::Value = serde_json::from_str(&code).unwrap();
    let code = queue[0]["client"].as_str().unwrap().to_string();
    let started = Instant::now();
    let out = Command::new(DUN)
        .args(["log", "note", "--client", &code, "--note", when])
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{when}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        took < Duration::from_secs(2),
        "{when}: the write waited {took:?} for a lock"
    );
    took
}

pub fn login() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// `dun ARGS` on `db` as of [`TODAY`], which must succeed.
pub fn dun_ok(db: &Path, args: &[&str]) -> String {
    let out = Command::new(DUN)
        .args(args)
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}
