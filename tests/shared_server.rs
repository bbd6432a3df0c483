//! Safe on a shared server: eight clerks writing one database file at once
//! lose nothing; a write that cannot have the lock within the busy timeout
//! is refused in one line and leaves nothing behind; a writer killed
//! (SIGKILL) at random moments loses no entry it reported and leaves the
//! file whole. The writers are this test binary run again as a child
//! process (`child_process`) that calls what `dun log` calls, so that
//! thousands of writes do not cost thousands of process starts.
//!
//! Each test leaves its figures in `target/safety-figures/`; print them with
//! `cargo test --test shared_server -- --ignored --nocapture safety_summary`.

mod safety_figures;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use dun::commands::log::{self, LogRequest};
use dun::store::{BUSY_TIMEOUT, Store};
use rusqlite::Connection;

const DUN: &str = env!("CARGO_BIN_EXE_dun");
const TODAY: &str = "2026-11-22";
/// The note of every entry these tests write starts with it.
const MARK: &str = "shared-server";
/// Names the role of this binary when run as a child process.
const ROLE: &str = "DUN_SAFETY_CHILD";

/// Writers at once, and entries each, in the many-writers test.
const WRITERS: usize = 8;
const ENTRIES_EACH: usize = 500;
/// Writers killed in the SIGKILL test, and the latest moment of the kill
/// after the writer started writing.
const KILLS: u64 = 300;
const KILL_WITHIN: Duration = Duration::from_millis(40);
const SIGKILL: i32 = 9;

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

/// The tests that start many processes run one at a time: together they
/// would only measure the machine.
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static HEAVY: Mutex<()> = Mutex::new(());
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

/// The real binary on `db`, away from the user's own configuration.
fn dun(db: &Path, args: &[&str]) -> Output {
    let home = db.parent().unwrap();
    Command::new(DUN)
        .args(args)
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap()
}

/// A small demo database (30 clients, 40 invoices) in a new directory.
fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let out = dun(&db, &["demo", "--scale", "40"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

fn client_codes(conn: &Connection) -> Vec<String> {
    let mut st = conn
        .prepare("SELECT code FROM clients ORDER BY code")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// This test binary again, as a child process in `role` on `db`.
fn child(role: &str, db: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "child_process",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ])
    .env(ROLE, role)
    .env("DUN_SAFETY_DB", db)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    cmd
}

/// The writer processes of the tests below; does nothing when run as a test.
#[test]
#[ignore = "the writer process of the other tests: does nothing on its own"]
fn child_process() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let db = PathBuf::from(std::env::var("DUN_SAFETY_DB").unwrap());
    match role.as_str() {
        "writer" => writer(&db),
        "killed" => killed_writer(&db),
        other => panic!("unknown role {other}"),
    }
}

/// One clerk of the many-writers test: waits for the start, then logs its
/// entries one write at a time, as `dun log note` does, retrying nothing.
fn writer(db: &Path) {
    let me: usize = std::env::var("DUN_SAFETY_WRITER").unwrap().parse().unwrap();
    let go = db.with_file_name("go");
    while !go.exists() {
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("writer {me}: {e}"));
    let codes = client_codes(store.conn());
    let user = format!("writer{me}");
    let mut slowest = Duration::ZERO;
    for i in 0..ENTRIES_EACH {
        let req = LogRequest {
            kind: "note".into(),
            client: Some(codes[(me + i) % codes.len()].clone()),
            note: Some(format!("{MARK} writer {me} entry {i}")),
            ..LogRequest::default()
        };
        let started = Instant::now();
        let mut out = Vec::new();
        log::run(&mut store, &req, &user, today(), Utc::now(), &mut out)
            .unwrap_or_else(|e| panic!("writer {me}, entry {i}: {e:#}"));
        slowest = slowest.max(started.elapsed());
    }
    println!("slowest {}", slowest.as_millis());
}

/// The writer the SIGKILL test kills: logs entries without end, each
/// setting the client's next action date (so that its standing changes
/// with every entry), and passes on the line `dun log` prints once the
/// entry is committed.
fn killed_writer(db: &Path) {
    let run = std::env::var("DUN_SAFETY_RUN").unwrap();
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("run {run}: {e}"));
    let codes = client_codes(store.conn());
    let stdout = std::io::stdout();
    writeln!(stdout.lock(), "writing").unwrap();
    for k in 0usize.. {
        let req = LogRequest {
            kind: "note".into(),
            client: Some(codes[k % codes.len()].clone()),
            note: Some(format!("{MARK} killed {run} {k}")),
            next: Some(today() + Days::new(1 + (k as u64 * 7) % 300)),
            ..LogRequest::default()
        };
        let mut line = Vec::new();
        log::run(&mut store, &req, "killed", today(), Utc::now(), &mut line)
            .unwrap_or_else(|e| panic!("run {run}, entry {k}: {e:#}"));
        let mut out = stdout.lock();
        out.write_all(&line).unwrap();
        out.flush().unwrap();
    }
}

/// `PRAGMA integrity_check` and `foreign_key_check` find nothing.
fn assert_whole(conn: &Connection) {
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "rows pointing nowhere");
}

/// The cached standing of every open invoice and client, as one text each.
fn standings(conn: &Connection) -> Vec<String> {
    dun::store::dunning::cached_standings(conn).unwrap()
}

/// The cached standings are those the journal gives: no entry was
/// committed without them.
fn assert_standings_hold(conn: &Connection) {
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let cached = standings(conn);
    dun::store::dunning::refresh_all(conn).unwrap();
    let recomputed = standings(conn);
    conn.execute_batch("ROLLBACK").unwrap();
    let stale: Vec<_> = cached
        .iter()
        .zip(&recomputed)
        .filter(|(a, b)| a != b)
        .collect();
    assert!(
        stale.is_empty(),
        "stale standings (cached, from the journal): {stale:?}"
    );
}

fn marked_notes(conn: &Connection, prefix: &str) -> Vec<String> {
    let mut st = conn
        .prepare("SELECT note FROM activities WHERE note LIKE ?1 || '%'")
        .unwrap();
    st.query_map([prefix], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn stderr_of(child: Child) -> String {
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn eight_clerks_writing_at_once_lose_nothing() {
    let _alone = one_at_a_time();
    let started = Instant::now();
    let (dir, db) = demo_db();
    let codes = client_codes(&Connection::open(&db).unwrap());
    let mut writers: Vec<Child> = (0..WRITERS)
        .map(|w| {
            child("writer", &db)
                .env("DUN_SAFETY_WRITER", w.to_string())
                .spawn()
                .unwrap()
        })
        .collect();
    // All of them open the file and write from the same moment.
    std::fs::write(dir.path().join("go"), "").unwrap();
    let writing = Instant::now();
    // Meanwhile the real binary logs too, as a script or another clerk would.
    let mut by_dun_log = 0;
    while writers.iter_mut().any(|w| w.try_wait().unwrap().is_none()) {
        let note = format!("{MARK} dun log {by_dun_log}");
        let out = dun(
            &db,
            &[
                "log",
                "note",
                "--client",
                &codes[by_dun_log % codes.len()],
                "--note",
                &note,
            ],
        );
        assert!(
            out.status.success(),
            "dun log while the writers write: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        by_dun_log += 1;
    }
    let writing = writing.elapsed();
    let mut slowest_ms = 0u64;
    for (w, child) in writers.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "writer {w} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let slowest = stdout
            .lines()
            .find_map(|l| l.strip_prefix("slowest "))
            .and_then(|ms| ms.trim().parse().ok())
            .unwrap_or_else(|| panic!("writer {w} said: {stdout}"));
        slowest_ms = slowest_ms.max(slowest);
    }

    let store = Store::open(&db).unwrap();
    let conn = store.conn();
    assert_whole(conn);
    let notes = marked_notes(conn, MARK);
    let distinct: HashSet<&String> = notes.iter().collect();
    assert_eq!(distinct.len(), notes.len(), "an entry was written twice");
    for w in 0..WRITERS {
        for i in 0..ENTRIES_EACH {
            let note = format!("{MARK} writer {w} entry {i}");
            assert!(distinct.contains(&note), "lost: {note}");
        }
    }
    assert_eq!(notes.len(), WRITERS * ENTRIES_EACH + by_dun_log);
    assert_standings_hold(conn);
    // None refused is not enough: a write that waited most of the busy
    // timeout would be refused on a busier day.
    assert!(
        Duration::from_millis(slowest_ms) < BUSY_TIMEOUT / 2,
        "a write waited {slowest_ms} ms for the lock"
    );

    let writes = notes.len();
    println!(
        "{WRITERS} writers and dun log: {writes} entries in {:.1} s ({by_dun_log} by dun log), \
         slowest write {slowest_ms} ms, none refused, integrity ok",
        writing.as_secs_f64()
    );
    safety_figures::record(
        "shared_server.many_writers",
        started,
        &[
            ("writers", (WRITERS + 1).into()),
            ("writes", writes.into()),
            ("by_dun_log", by_dun_log.into()),
            ("refused", 0.into()),
            ("slowest_write_ms", slowest_ms.into()),
            (
                "writes_per_second",
                ((writes as f64 / writing.as_secs_f64()) as u64).into(),
            ),
        ],
    );
}

#[test]
fn a_write_kept_waiting_past_the_busy_timeout_is_refused_in_one_line_and_leaves_nothing() {
    let started = Instant::now();
    let (_dir, db) = demo_db();
    let holder = Connection::open(&db).unwrap();
    let code = client_codes(&holder)[0].clone();
    // Another program holds the write lock, longer than dun waits.
    holder
        .execute_batch(
            "BEGIN IMMEDIATE; \
             INSERT INTO clients (code, name, profile, currency) \
             VALUES ('HELD-1', 'Held', 'business', 'EUR');",
        )
        .unwrap();

    // Readers go on meanwhile.
    let t = Instant::now();
    let out = dun(&db, &["queue"]);
    let reading = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        reading < Duration::from_secs(2),
        "reading waited for the writer"
    );

    let t = Instant::now();
    let refused_note = format!("{MARK} refused");
    let out = dun(
        &db,
        &["log", "note", "--client", &code, "--note", &refused_note],
    );
    let waited = t.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "logged despite the lock");
    assert!(
        waited >= BUSY_TIMEOUT,
        "gave up after {waited:?}, before the busy timeout"
    );
    assert!(
        waited < BUSY_TIMEOUT + Duration::from_secs(2),
        "waited {waited:?}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
    assert!(
        stderr.contains("busy") && stderr.contains("try again"),
        "{stderr}"
    );
    assert!(!stderr.contains("panick"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    holder.execute_batch("ROLLBACK").unwrap();
    assert!(
        marked_notes(&holder, &refused_note).is_empty(),
        "the refused entry is in the journal"
    );
    // Once the lock is free, the same command goes through at once.
    let t = Instant::now();
    let out = dun(
        &db,
        &["log", "note", "--client", &code, "--note", &refused_note],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(t.elapsed() < Duration::from_secs(2));
    assert_eq!(marked_notes(&holder, &refused_note).len(), 1);
    assert_whole(&holder);

    println!(
        "refused after {:.2} s with: {}",
        waited.as_secs_f64(),
        stderr.trim()
    );
    safety_figures::record(
        "shared_server.busy_refusal",
        started,
        &[
            ("refused_after_ms", (waited.as_millis() as u64).into()),
            ("read_meanwhile_ms", (reading.as_millis() as u64).into()),
            ("message", stderr.trim().into()),
        ],
    );
}

/// A small generator of pseudo-random numbers (xorshift), for delays that
/// are the same from one run to the next for one seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The ids of the entries the writer reported, from its complete lines.
fn reported_ids(stdout: &str) -> Vec<i64> {
    stdout
        .split_inclusive('\n')
        .filter(|l| l.ends_with(")\n"))
        .filter_map(|l| l.rsplit_once("(journal entry "))
        .map(|(_, id)| id.trim_end_matches(")\n").parse().unwrap())
        .collect()
}

#[test]
fn writers_killed_at_random_moments_lose_no_reported_entry() {
    let _alone = one_at_a_time();
    let started = Instant::now();
    let seed: u64 = std::env::var("DUN_SAFETY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_d00d);
    let mut rng = Rng(seed);
    // One file for all the runs: each one finds the WAL its predecessor left.
    let (_dir, db) = demo_db();
    let (mut reported, mut committed, mut mid_write, mut after_a_write) = (0, 0, 0, 0);
    for run in 0..KILLS {
        let mut writer = child("killed", &db)
            .env("DUN_SAFETY_RUN", run.to_string())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(writer.stdout.take().unwrap());
        let mut line = String::new();
        while line.trim() != "writing" {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                panic!("run {run}: the writer ended first: {}", stderr_of(writer));
            }
        }
        let delay = Duration::from_micros(rng.below(KILL_WITHIN.as_micros() as u64 + 1));
        std::thread::sleep(delay);
        writer.kill().unwrap();
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        let status = writer.wait().unwrap();
        if status.signal() != Some(SIGKILL) {
            panic!(
                "run {run}: the writer ended by itself: {}",
                stderr_of(writer)
            );
        }
        let ids = reported_ids(&rest);

        let context = format!("run {run} (seed {seed}), killed after {delay:?}");
        let store = Store::open(&db).unwrap_or_else(|e| panic!("{context}: {e}"));
        let conn = store.conn();
        assert_whole(conn);
        let prefix = format!("{MARK} killed {run} ");
        let mut st = conn
            .prepare("SELECT note FROM activities WHERE id = ?1")
            .unwrap();
        for id in &ids {
            let note: Option<String> = st.query_row([id], |r| r.get(0)).ok();
            assert!(
                note.as_deref().is_some_and(|n| n.starts_with(&prefix)),
                "{context}: entry {id} was reported, and is gone"
            );
        }
        drop(st);
        let found = marked_notes(conn, &prefix).len();
        // Killed during a commit (in its fsync, the entry already written)
        // or before its line: one entry more than reported.
        assert!(
            found == ids.len() || found == ids.len() + 1,
            "{context}: {} reported, {found} in the journal",
            ids.len()
        );
        assert_standings_hold(conn);
        reported += ids.len();
        committed += found;
        mid_write += usize::from(found > ids.len());
        after_a_write += u64::from(found > 0);
    }
    assert!(
        after_a_write >= KILLS / 4,
        "only {after_a_write} of {KILLS} writers had written anything when killed"
    );

    println!(
        "{KILLS} writers killed (SIGKILL within {KILL_WITHIN:?} of starting to write, seed {seed}), \
         {after_a_write} after writing: file whole every time, {reported} reported entries \
         all kept, {committed} committed ({mid_write} killed during a commit or before its line)"
    );
    safety_figures::record(
        "shared_server.sigkill",
        started,
        &[
            ("kills_survived", KILLS.into()),
            ("writes", committed.into()),
            ("reported_and_kept", reported.into()),
            ("committed_unreported", mid_write.into()),
            ("killed_after_a_write", after_a_write.into()),
            ("seed", seed.into()),
        ],
    );
}

/// Prints the figures the safety tests left in `target/safety-figures/`.
#[test]
#[ignore = "prints the figures of the last run of the safety tests"]
fn safety_summary() {
    let dir = safety_figures::dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    if files.is_empty() {
        println!("No figures in {}: run `cargo test` first.", dir.display());
        return;
    }
    let totals = ["writers", "writes", "kills_survived", "inputs"];
    let mut sums = [0u64; 4];
    let mut table = String::new();
    table.push_str(&format!(
        "Safety figures ({})\n\n{:<34} {:<20} {:>6}  figures\n",
        dir.display(),
        "test",
        "run at",
        "secs"
    ));
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(&text) else {
            table.push_str(&format!("{}: not a figures file\n", path.display()));
            continue;
        };
        let text_of = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut figures = Vec::new();
        for (key, value) in &fields {
            if let Some(i) = totals.iter().position(|t| t == key) {
                sums[i] += value.as_u64().unwrap_or(0);
            }
            if ["test", "at", "seconds"].contains(&key.as_str()) {
                continue;
            }
            // `slowest_write_ms: 351` reads "slowest write 351 ms".
            let (name, unit) = [("_ms_per_s", " ms/s"), ("_ms", " ms")]
                .iter()
                .find_map(|(suffix, unit)| Some((key.strip_suffix(suffix)?, *unit)))
                .unwrap_or((key.as_str(), ""));
            let value = match value {
                serde_json::Value::String(s) => format!("{s:?}"),
                other => other.to_string(),
            };
            figures.push(format!("{} {value}{unit}", name.replace('_', " ")));
        }
        table.push_str(&format!(
            "{:<34} {:<20} {:>6}  {}\n",
            fields.get("test").map(text_of).unwrap_or_default(),
            fields.get("at").map(text_of).unwrap_or_default(),
            fields.get("seconds").map(text_of).unwrap_or_default(),
            figures.join(", ")
        ));
    }
    table.push_str(&format!(
        "\nIn all: {} writers, {} writes, {} kills survived, {} inputs tried\n",
        sums[0], sums[1], sums[2], sums[3]
    ));
    print!("{table}");
}
