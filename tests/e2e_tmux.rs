//! The real binary in a real terminal: tmux at 80×24, keys sent as a clerk
//! types them, the screen read back; then the journal checked from outside.

mod safety_figures;

#[path = "common/tmux.rs"]
mod tmux;

use std::process::Command;
use std::time::{Duration, Instant};

use tmux::{DUN, TODAY, Tmux, WORKBENCH, another_clerk_writes, demo_db};

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

/// CPU time (user and system) `pid` has used so far; `None` once it is gone.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command's name: the state (field 3) … utime and stime
    // (fields 14 and 15), in clock ticks.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / clock_ticks()))
}

fn clock_ticks() -> u64 {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100)
    })
}

/// What ends the workbench in [`ends_cleanly`].
enum End {
    Signal(&'static str),
    Keys(&'static [&'static str]),
    /// The terminal goes away (an SSH session dropped, a window closed).
    CloseTerminal,
}

/// Starts the workbench on a demo database; checks that it idles without
/// using the CPU and without keeping another clerk from writing; ends it by
/// `end`; checks that it ended within a second, without spinning meanwhile,
/// gave the terminal back, and left the database free. Leaves its figures
/// in `target/safety-figures/`.
fn ends_cleanly(name: &str, end: End) {
    let started = Instant::now();
    let (_dir, db) = demo_db();
    let tmux = Tmux::start(&db);
    tmux.wait_for(WORKBENCH);
    let pid = tmux.dun_pid();

    // Idle, the loop wakes four times a second and does next to nothing.
    let before = cpu_time(pid).unwrap();
    std::thread::sleep(Duration::from_secs(1));
    let idle = cpu_time(pid).unwrap() - before;
    assert!(
        idle < Duration::from_millis(100),
        "the idle workbench used {idle:?} of CPU in a second"
    );
    // Open, it holds no lock.
    another_clerk_writes(&db, "written while the workbench is open");

    let before = cpu_time(pid).unwrap();
    let asked = Instant::now();
    match end {
        End::Signal(signal) => assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid.to_string()])
                .status()
                .unwrap()
                .success()
        ),
        End::Keys(keys) => tmux.keys(keys),
        End::CloseTerminal => {
            let _ = Command::new("tmux")
                .args(["-L", &tmux.socket, "kill-server"])
                .status();
        }
    }
    let mut used = Duration::ZERO;
    while !ended(pid) {
        if let Some(cpu) = cpu_time(pid) {
            used = cpu.saturating_sub(before);
        }
        assert!(
            asked.elapsed() < Duration::from_secs(1),
            "{name}: dun still runs a second later"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = asked.elapsed();
    // On a dead terminal the terminal library spins until the watchdog
    // ends the process, a third of a second later.
    let allowed = match end {
        End::CloseTerminal => Duration::from_millis(500),
        _ => Duration::from_millis(100),
    };
    assert!(
        used < allowed,
        "{name}: dun used {used:?} of CPU while ending"
    );
    if !matches!(end, End::CloseTerminal) {
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            !tmux.screen().contains(WORKBENCH),
            "{name}: the alternate screen was left"
        );
    }
    let write = another_clerk_writes(&db, "written once the workbench is gone");

    safety_figures::record(
        &format!("e2e_tmux.{name}"),
        started,
        &[
            ("idle_cpu_ms_per_s", (idle.as_millis() as u64).into()),
            ("ended_within_ms", (took.as_millis() as u64).into()),
            ("cpu_while_ending_ms", (used.as_millis() as u64).into()),
            ("write_after_ms", (write.as_millis() as u64).into()),
        ],
    );
}

#[test]
fn sigterm_ends_the_workbench_and_gives_the_terminal_back() {
    ends_cleanly("sigterm", End::Signal("TERM"));
}

#[test]
fn sighup_ends_the_workbench_and_gives_the_terminal_back() {
    ends_cleanly("sighup", End::Signal("HUP"));
}

#[test]
fn ctrl_c_ends_the_workbench_and_gives_the_terminal_back() {
    ends_cleanly("ctrl_c", End::Keys(&["C-c"]));
}

#[test]
fn closing_the_pane_ends_the_workbench_and_frees_the_database() {
    ends_cleanly("pane_closed", End::CloseTerminal);
}

#[test]
fn ctrl_c_quits_from_a_form_a_search_and_a_letter_preview() {
    let (_dir, db) = demo_db();
    // The third line of the demo's queue is a formal notice: `r` shows the letter.
    let modes: [(&str, &[&str], &str); 3] = [
        ("a call form", &["c"], "Outcome"),
        ("a search", &["2", "/", "Stadt"], "found"),
        ("a letter preview", &["j", "j", "r"], "Enter send"),
    ];
    for (mode, keys, shown) in modes {
        let tmux = Tmux::start(&db);
        tmux.wait_for(WORKBENCH);
        let pid = tmux.dun_pid();
        tmux.keys(keys);
        tmux.wait_for(shown);
        tmux.keys(&["C-c"]);
        assert!(
            wait_ended(pid, Duration::from_secs(1)),
            "Ctrl-C in {mode} left dun running"
        );
    }
}

#[test]
fn ctrl_z_suspends_the_workbench_and_fg_brings_it_back() {
    let (_dir, db) = demo_db();
    // A shell with job control, as in an SSH session.
    let tmux = Tmux::run("env PS1='shell$ ' bash --norc --noprofile -i");
    tmux.wait_for("shell$");
    tmux.keys(&[
        &format!("env DUN_DB='{}' DUN_TODAY={TODAY} '{DUN}'", db.display()),
        "Enter",
    ]);
    tmux.wait_for(WORKBENCH);
    let pid = tmux.dun_pid();
    tmux.keys(&["C-z"]);
    let screen = tmux.wait_for("Stopped");
    assert!(
        !screen.contains(WORKBENCH),
        "the alternate screen was left: {screen}"
    );
    let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    assert!(
        state
            .rsplit(')')
            .next()
            .unwrap()
            .trim_start()
            .starts_with('T'),
        "dun is not stopped: {state}"
    );
    // Suspended, it keeps no lock.
    another_clerk_writes(&db, "written while the workbench is suspended");
    tmux.keys(&["echo $((6 * 7)) at the shell", "Enter"]);
    tmux.wait_for("42 at the shell");
    tmux.keys(&["fg", "Enter"]);
    tmux.wait_for(WORKBENCH);
    // It answers keys again.
    tmux.keys(&["2"]);
    tmux.wait_for("Bucket");
    tmux.keys(&["q"]);
    assert!(wait_ended(pid, Duration::from_secs(1)), "q after fg");
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
