//! Foundation figures on the 1,000,000-invoice demo: generating it, aging at
//! today and at a past date, importing a 1,000,000-line CSV. Runs the real
//! binary, the way a clerk or a cron job would, and prints what it measured.
//!
//! `cargo bench --bench foundation` (set DUN_BENCH_SCALE for another size).

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-22";

fn dun(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_dun"))
        .args(args)
        .env("DUN_DB", db)
        .env("DUN_TODAY", TODAY)
        .output()
        .expect("run dun");
    let elapsed = started.elapsed();
    assert!(
        out.status.success(),
        "dun {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

/// Flushes what earlier steps left in the page cache, so that one step's
/// writes are not charged to the next.
fn settle() {
    let _ = Command::new("sync").status();
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// A synthetic invoice export: `n` lines, 5% still open, one payment date each.
fn write_csv(path: &Path, n: usize) {
    let file = std::fs::File::create(path).expect("create csv");
    let mut w = std::io::BufWriter::new(file);
    writeln!(
        w,
        "invoice;customer;invoice date;due date;amount;currency;settled date"
    )
    .unwrap();
    for i in 0..n {
        let day = 1 + (i % 28);
        let month = 1 + (i / 28) % 12;
        let year = 2022 + (i / 336) % 3;
        let settled = if i % 20 == 0 {
            String::new()
        } else {
            format!("{:02}/{:02}/{}", day, month, year + 1)
        };
        writeln!(
            w,
            "B{i:07};K{:05};{day:02}/{month:02}/{year};{day:02}/{month:02}/{year};{},{:02};EUR;{settled}",
            i % 25_000,
            100 + (i * 7919) % 90_000,
            i % 100
        )
        .unwrap();
    }
    w.flush().unwrap();
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

fn main() {
    let scale: usize = std::env::var("DUN_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    let scale_arg = scale.to_string();

    // Three fresh databases: this machine's disk makes single runs vary.
    let generate = median(
        (0..3)
            .map(|_| {
                remove_db(&db);
                settle();
                dun(&db, &["demo", "--scale", &scale_arg])
            })
            .collect(),
    );
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    settle();
    let today: Vec<Duration> = (0..7)
        .map(|_| dun(&db, &["aging", "--format", "json"]))
        .collect();
    let past: Vec<Duration> = (0..5)
        .map(|_| dun(&db, &["aging", "--as-of", "2025-11-22", "--format", "json"]))
        .collect();
    let older: Vec<Duration> = (0..3)
        .map(|_| dun(&db, &["aging", "--as-of", "2024-06-30", "--format", "json"]))
        .collect();

    let csv = dir.path().join("invoices.csv");
    write_csv(&csv, scale);
    let import_db = dir.path().join("import.db");
    let csv_arg = csv.to_str().expect("utf-8 path");
    let import = median(
        (0..3)
            .map(|_| {
                remove_db(&import_db);
                settle();
                dun(&import_db, &["import", "invoices", csv_arg])
            })
            .collect(),
    );
    settle();
    let again = dun(&import_db, &["import", "invoices", csv_arg]);

    println!("dun foundation benchmark, {scale} invoices, today {TODAY}");
    let rows = [
        ("measure", "figure".to_string(), "target"),
        (
            "dun demo --scale N, median of 3",
            format!("{:.1} s", generate.as_secs_f64()),
            "< 20 s",
        ),
        ("database size", format!("{} MB", size / 1_000_000), ""),
        (
            "dun aging (today), median of 7",
            ms(median(today)),
            "< 100 ms",
        ),
        (
            "dun aging --as-of 2025-11-22, median of 5",
            ms(median(past)),
            "< 2 s",
        ),
        (
            "dun aging --as-of 2024-06-30, median of 3",
            ms(median(older)),
            "< 2 s",
        ),
        (
            "dun import invoices, N lines, median of 3",
            format!("{:.1} s", import.as_secs_f64()),
            "< 10 s",
        ),
        (
            "same import again (changes nothing)",
            format!("{:.1} s", again.as_secs_f64()),
            "",
        ),
    ];
    for (measure, figure, target) in rows {
        println!("{measure:<44} {figure:>10}  {target}");
    }
}
