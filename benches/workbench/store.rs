//! The store's side of the workbench on the same database: what each
//! screen reads (p50 and p99 over repeated runs), the read after another
//! clerk's write, the cost of that write; then the real binary in tmux at
//! 80×24: resident memory after visiting every tab, and CPU use while
//! eight other clerks each log a note every 0.2 s. Figures only: nothing
//! here fails on a time.

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use dun::domain::search::Needle;
use dun::store::aging::{self, AgingQuery};
use dun::store::changes;
use dun::store::client_list::{self, ClientQuery, ClientSort, ClientWindow};
use dun::store::journal_page::{self, JournalQuery, JournalWindow};
use dun::store::{Store, StoreError, clients, journal, queue, solvency};

const PAGE: u32 = 20;

/// The release binary the benchmark was built with.
const DUN: &str = match option_env!("CARGO_BIN_EXE_dun") {
    Some(path) => path,
    None => "target/release/dun",
};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `f` `runs` times in a read transaction each; p50 and p99.
fn timed<T>(
    store: &mut Store,
    runs: usize,
    mut f: impl FnMut(&dun::store::Snapshot) -> Result<T, StoreError>,
) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        store.read(|tx| f(tx).map(|_| ())).expect("store read");
        times.push(t.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

fn row(what: &str, (p50, p99): (Duration, Duration), target: &str) {
    println!("{what:<44} {:>10} {:>10}  {target}", ms(p50), ms(p99));
}

/// The store's figures, then the binary's, on `db` as of `today`.
pub fn run(db: &Path, today: chrono::NaiveDate) {
    let mut store = Store::open(db).expect("open");
    let rules = dun::team::TeamSettings::default().rules();
    println!();
    println!(
        "store reads per screen (p50, p99)             {:>10} {:>10}",
        "p50", "p99"
    );
    row(
        "Queue, built whole (the day's first start)",
        timed(&mut store, 5, |tx| queue::queue(tx, today, None, &rules)),
        "",
    );
    // What every later start reads: the queue kept by the first.
    let rates = dun::rates::load(&mut store).expect("rates");
    let built = store
        .read(|tx| dun::report::queue::read(tx, today, &rules, &rates))
        .expect("queue");
    if let Some(k) = &built.keep {
        dun::report::queue::keep(&mut store, k).expect("keep the queue");
    }
    row(
        "Queue, read back as kept (later starts)",
        timed(&mut store, 5, |tx| {
            dun::report::queue::read(tx, today, &rules, &rates)
        }),
        "< 100 ms",
    );
    let q = AgingQuery::default();
    row(
        "Aging, count and first page",
        timed(&mut store, 20, |tx| {
            aging::count(tx, today, &q)?;
            aging::page(tx, today, &q, 0, PAGE, None)
        }),
        "< 100 ms",
    );
    let total = store.read(|tx| aging::count(tx, today, &q)).expect("count");
    let far = u32::try_from(total)
        .unwrap_or(u32::MAX)
        .saturating_sub(PAGE * 10);
    row(
        "Aging, a far page (near the end)",
        timed(&mut store, 20, |tx| {
            aging::page(tx, today, &q, far, PAGE, u32::try_from(total).ok())
        }),
        "< 100 ms",
    );
    for (label, sort) in [
        ("Clients, count and first page by code", ClientSort::Code),
        ("Clients, first page by name", ClientSort::Name),
        ("Clients, first page by balance", ClientSort::Balance),
        ("Clients, first page by oldest", ClientSort::Oldest),
    ] {
        let query = ClientQuery {
            sort,
            ..ClientQuery::default()
        };
        row(
            label,
            timed(&mut store, 20, |tx| {
                client_list::count(tx, today, &query)?;
                client_list::page(tx, today, &query, &ClientWindow::First, PAGE)
            }),
            "< 100 ms",
        );
    }
    let by_balance = ClientQuery {
        sort: ClientSort::Balance,
        ..ClientQuery::default()
    };
    row(
        "Clients, last page by balance",
        timed(&mut store, 20, |tx| {
            client_list::page(tx, today, &by_balance, &ClientWindow::Last, PAGE)
        }),
        "< 100 ms",
    );
    let middle = store
        .read(|tx| client_list::page(tx, today, &by_balance, &ClientWindow::First, 12_000))
        .expect("page")
        .last()
        .map(|l| l.key(ClientSort::Balance));
    if let Some(key) = middle {
        row(
            "Clients, PgDn from the middle, by balance",
            timed(&mut store, 20, |tx| {
                client_list::page(
                    tx,
                    today,
                    &by_balance,
                    &ClientWindow::After(key.clone()),
                    PAGE,
                )
            }),
            "< 100 ms",
        );
    }
    let over = ClientQuery {
        over_limit: true,
        clerk: Some("alice".into()),
        ..ClientQuery::default()
    };
    row(
        "Clients, mine and over limit, count + page",
        timed(&mut store, 20, |tx| {
            client_list::count(tx, today, &over)?;
            client_list::page(tx, today, &over, &ClientWindow::First, PAGE)
        }),
        "< 100 ms",
    );
    let jq = JournalQuery::default();
    row(
        "Journal, first page",
        timed(&mut store, 20, |tx| {
            journal_page::page(tx, &jq, &JournalWindow::First, PAGE)
        }),
        "< 100 ms",
    );
    row(
        "Journal, last page (oldest)",
        timed(&mut store, 20, |tx| {
            journal_page::page(tx, &jq, &JournalWindow::Last, PAGE)
        }),
        "< 100 ms",
    );
    let middle = store
        .read(|tx| journal_page::page(tx, &jq, &JournalWindow::First, 5_000))
        .expect("journal")
        .last()
        .map(|e| e.key());
    if let Some(key) = middle {
        row(
            "Journal, PgDn 5,000 entries down",
            timed(&mut store, 20, |tx| {
                journal_page::page(tx, &jq, &JournalWindow::After(key.clone()), PAGE)
            }),
            "< 100 ms",
        );
    }
    let letters = JournalQuery {
        kind: Some(dun::domain::activity::ActivityKind::Dispute),
        ..JournalQuery::default()
    };
    row(
        "Journal, one kind (dispute), first page",
        timed(&mut store, 20, |tx| {
            journal_page::page(tx, &letters, &JournalWindow::First, PAGE)
        }),
        "< 100 ms",
    );
    row(
        "Journal, count (everything)",
        timed(&mut store, 5, |tx| journal_page::count(tx, &jq)),
        "",
    );
    let code = store
        .read(|tx| client_list::page(tx, today, &by_balance, &ClientWindow::First, 1))
        .expect("page")
        .first()
        .map(|l| l.client.code.clone())
        .unwrap_or_default();
    row(
        "Client page (details, what governs it, open invoices, notes, timeline)",
        timed(&mut store, 20, |tx| {
            clients::find(tx, &code)?;
            queue::case_of(tx, today, &code, &rules)?;
            aging::for_client(tx, today, &code)?;
            solvency::for_client(tx, &code)?;
            journal::for_client(tx, &code, 200)
        }),
        "< 100 ms",
    );
    // A keystroke of a search: each prefix of a word typed.
    let word = "ébénisterie";
    let prefixes: Vec<String> = (1..=word.chars().count())
        .map(|n| word.chars().take(n).collect())
        .collect();
    let mut keystroke =
        |label: &str, f: &mut dyn FnMut(&dun::store::Snapshot, &str) -> Result<(), StoreError>| {
            let mut times = Vec::new();
            for _ in 0..3 {
                for p in &prefixes {
                    let t = Instant::now();
                    store.read(|tx| f(tx, p)).expect("search");
                    times.push(t.elapsed());
                }
            }
            times.sort();
            row(
                label,
                (percentile(&times, 0.5), percentile(&times, 0.99)),
                "< 100 ms",
            );
        };
    keystroke("search keystroke, Aging (count + page)", &mut |tx, p| {
        let q = AgingQuery {
            search: p.to_string(),
            ..AgingQuery::default()
        };
        aging::count(tx, today, &q)?;
        aging::page(tx, today, &q, 0, PAGE, None)?;
        Ok(())
    });
    keystroke("search keystroke, Clients (count + page)", &mut |tx, p| {
        let q = ClientQuery {
            search: p.to_string(),
            ..ClientQuery::default()
        };
        client_list::count(tx, today, &q)?;
        client_list::page(tx, today, &q, &ClientWindow::First, PAGE)?;
        Ok(())
    });
    keystroke("search keystroke, Journal (page)", &mut |tx, p| {
        let q = JournalQuery {
            search: p.to_string(),
            ..JournalQuery::default()
        };
        journal_page::page(tx, &q, &JournalWindow::First, PAGE)?;
        Ok(())
    });
    let lines = store
        .read(|tx| queue::queue(tx, today, None, &rules))
        .expect("queue");
    let mut times = Vec::new();
    for _ in 0..3 {
        for p in &prefixes {
            let t = Instant::now();
            let needle = Needle::new(p);
            let clients = store
                .read(|tx| client_list::found_codes(tx, p))
                .expect("search");
            let found = lines.iter().filter(|l| l.found(&needle, &clients)).count();
            std::hint::black_box(found);
            times.push(t.elapsed());
        }
    }
    times.sort();
    row(
        "search keystroke, Queue (clients found + memory)",
        (percentile(&times, 0.5), percentile(&times, 0.99)),
        "< 100 ms",
    );

    // Another clerk's write, then what a workbench reads again.
    let mut refresh = Vec::new();
    let mut idle = Vec::new();
    let mut writes = Vec::new();
    for n in 0..10 {
        let seen = store.read(|tx| changes::end(tx)).expect("changes");
        let t = Instant::now();
        store.read(|tx| changes::since(tx, seen)).expect("changes");
        idle.push(t.elapsed());
        let t = Instant::now();
        log_note(db, &code, &format!("benchmark note {n}"));
        writes.push(t.elapsed());
        let t = Instant::now();
        store
            .read(|tx| {
                let changed = changes::since(tx, seen)?;
                let codes: Vec<String> = changed.clients.into_iter().collect();
                queue::queue_of(tx, today, &codes, None, &rules)?;
                journal_page::page(tx, &jq, &JournalWindow::First, PAGE)
            })
            .expect("refresh");
        refresh.push(t.elapsed());
    }
    for v in [&mut refresh, &mut idle, &mut writes] {
        v.sort();
    }
    row(
        "nothing changed: what changed since? (1 s tick)",
        (percentile(&idle, 0.5), percentile(&idle, 0.99)),
        "",
    );
    row(
        "after another clerk's note: its queue + journal",
        (percentile(&refresh, 0.5), percentile(&refresh, 0.99)),
        "< 100 ms",
    );
    row(
        "dun log note (process, from start to exit)",
        (percentile(&writes, 0.5), percentile(&writes, 0.99)),
        "",
    );
    drop(store);
    // DUN_BENCH_STORE_ONLY=1: the store's figures alone.
    if std::env::var_os("DUN_BENCH_STORE_ONLY").is_none() {
        binary_figures(db, &code);
    }
}

/// `dun log note` by another clerk, as a separate process.
fn log_note(db: &Path, code: &str, text: &str) {
    let ok = Command::new(DUN)
        .args(["log", "note", "--client", code, "--note", text])
        .env("DUN_DB", db)
        .env("DUN_TODAY", crate::TODAY)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(ok, "dun log note failed");
}

/// The real workbench in tmux at 80×24 on `db`.
fn binary_figures(db: &Path, code: &str) {
    let socket = format!("dun-bench-{}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let cmd = format!(
        "exec env DUN_DB='{}' DUN_TODAY={} '{}'",
        db.display(),
        crate::TODAY,
        DUN
    );
    if tmux(&["new-session", "-d", "-s", "b", "-x", "80", "-y", "24", &cmd]).is_err() {
        println!("(tmux not found: no figures for the binary)");
        return;
    }
    let pid: Option<u32> = tmux(&["list-panes", "-t", "b", "-F", "#{pane_pid}"])
        .ok()
        .and_then(|s| s.trim().parse().ok());
    let Some(pid) = pid else {
        println!("(the workbench did not start)");
        return;
    };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60)
        && !tmux(&["capture-pane", "-p", "-t", "b"]).is_ok_and(|s| s.contains("q quit"))
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    // Every tab, given time to load (Clients took seconds before paging).
    for key in ["2", "3", "4", "1"] {
        let _ = tmux(&["send-keys", "-t", "b", key]);
        std::thread::sleep(Duration::from_secs(8));
    }
    println!();
    println!("the workbench (release binary, tmux 80x24, same database)");
    match status_kib(pid, "VmRSS:") {
        Some(kib) => println!(
            "{:<44} {:>10}  < 64 MB",
            "resident memory after visiting every tab",
            format!("{:.1} MB", kib as f64 / 1024.0)
        ),
        None => println!("(no /proc/{pid}/status)"),
    }
    // The highest it was, its keeper having built a day ahead whole: the
    // bench left today's queue and the next two days' kept, not the third.
    if let Some(kib) = status_kib(pid, "VmHWM:") {
        println!(
            "{:<44} {:>10}",
            "  the most it held meanwhile (VmHWM)",
            format!("{:.1} MB", kib as f64 / 1024.0)
        );
    }
    for (key, screen) in [("1", "Queue"), ("3", "Clients")] {
        let _ = tmux(&["send-keys", "-t", "b", key]);
        std::thread::sleep(Duration::from_secs(2));
        let writers: Vec<Child> = (0..8)
            .filter_map(|n| {
                Command::new("sh")
                    .arg("-c")
                    .arg(format!(
                        "end=$(($(date +%s) + 21)); while [ $(date +%s) -lt $end ]; do \
                         '{}' log note --client '{code}' --note 'clerk {n}' >/dev/null 2>&1; \
                         sleep 0.2; done",
                        DUN
                    ))
                    .env("DUN_DB", db)
                    .env("DUN_TODAY", crate::TODAY)
                    .spawn()
                    .ok()
            })
            .collect();
        std::thread::sleep(Duration::from_millis(500));
        let (t0, c0) = (Instant::now(), cpu_time(pid));
        std::thread::sleep(Duration::from_secs(20));
        let (t1, c1) = (Instant::now(), cpu_time(pid));
        for mut w in writers {
            let _ = w.wait();
        }
        if let (Some(c0), Some(c1)) = (c0, c1) {
            let share = (c1 - c0).as_secs_f64() / (t1 - t0).as_secs_f64() * 100.0;
            println!(
                "{:<44} {:>10}  < 5%",
                format!("CPU on {screen}, 8 clerks writing (20 s)"),
                format!("{share:.1}%")
            );
        }
    }
    let _ = tmux(&["kill-server"]);
}

/// Resident memory of `pid` now (`VmRSS`) or at its highest (`VmHWM`), in KiB.
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time (user and system) `pid` has used so far.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Clock ticks are 100 a second on Linux.
    Some(Duration::from_millis(ticks * 10))
}
