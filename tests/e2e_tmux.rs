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
        Tmux::run(&format!(
            "env DUN_DB='{}' DUN_TODAY={TODAY} '{DUN}'; sleep 30",
            db.display()
        ))
    }

    /// Runs the shell command `cmd` in a new 80×24 pane.
    fn run(cmd: &str) -> Tmux {
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

impl Tmux {
    /// The pid of dun, the child of the pane's shell.
    fn dun_pid(&self) -> u32 {
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

/// Whether the process has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

fn wait_ended(pid: u32, within: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < within {
        if ended(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
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

#[test]
fn sigterm_ends_the_workbench_and_gives_the_terminal_back() {
    let (_dir, db) = demo_db();
    let tmux = Tmux::start(&db);
    tmux.wait_for("1 Queue");
    let pid = tmux.dun_pid();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        wait_ended(pid, Duration::from_secs(1)),
        "dun still runs a second after SIGTERM"
    );
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        !tmux.screen().contains("1 Queue"),
        "the alternate screen was left"
    );
}

#[test]
fn closing_the_pane_ends_the_workbench_and_frees_the_database() {
    let (dir, db) = demo_db();
    let tmux = Tmux::start(&db);
    tmux.wait_for("1 Queue");
    let pid = tmux.dun_pid();
    let _ = Command::new("tmux")
        .args(["-L", &tmux.socket, "kill-server"])
        .status();
    assert!(
        wait_ended(pid, Duration::from_secs(2)),
        "dun outlived its terminal"
    );
    // Another clerk writes at once.
    let csv = dir.path().join("c.csv");
    std::fs::write(&csv, "code,name\nNEW-1,New client\n").unwrap();
    let started = Instant::now();
    let out = Command::new(DUN)
        .args([
            "import",
            "clients",
            csv.to_str().unwrap(),
            "--currency",
            "EUR",
        ])
        .env("DUN_DB", &db)
        .env("DUN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the write waited for a lock"
    );
}

#[test]
fn a_demo_ended_with_its_terminal_leaves_no_database_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let tmux = Tmux::run(&format!(
        "env TMPDIR='{}' DUN_TODAY={TODAY} '{DUN}' --demo; sleep 30",
        tmp.path().display()
    ));
    tmux.wait_for("DEMO");
    let pid = tmux.dun_pid();
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "the demo's directory"
    );
    let _ = Command::new("tmux")
        .args(["-L", &tmux.socket, "kill-server"])
        .status();
    assert!(
        wait_ended(pid, Duration::from_secs(2)),
        "dun outlived its terminal"
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
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
    let (_dir, db) = demo_db();
    let tmux = Tmux::start(&db);
    let screen = tmux.wait_for("1 Queue");
    assert!(screen.contains("broken promise"), "{screen}");
    assert!(screen.contains("team.db"), "{screen}");

    tmux.keys(&["2"]);
    tmux.wait_for("Bucket");
    // Search as a clerk types it, then clear it.
    tmux.keys(&["/", "Stadt"]);
    let screen = tmux.wait_for("found");
    assert!(screen.contains("Stadt Köln"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("line 1 of 110");
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
