//! The call direction of DESIGN §3, read from the sources: nothing but
//! `tui` imports `app`; nothing but `store` names rusqlite; `domain` does
//! no I/O and reads no clock.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every source file under `src/`, with its path from `src/` and its text.
fn files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&root, &mut paths);
    paths.sort();
    assert!(paths.len() > 50, "found only {} sources", paths.len());
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(&root)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (name, text)
        })
        .collect()
}

/// Lines of `text` that are code, not comments.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

fn offenders(allowed: &[&str], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, text) in files() {
        if allowed.iter().any(|a| name.starts_with(a)) {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("src/{name}:{n}: {}", line.trim()));
            }
        }
    }
    found
}

#[test]
fn only_the_terminal_imports_the_workbench_state() {
    let found = offenders(&["app/", "tui/", "lib.rs"], &["crate::app", "super::app"]);
    assert!(found.is_empty(), "imports of app:\n{}", found.join("\n"));
}

#[test]
fn only_the_store_names_the_database_library() {
    let found = offenders(&["store/"], &["rusqlite"]);
    assert!(
        found.is_empty(),
        "rusqlite outside store:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_domain_does_no_io_and_reads_no_clock() {
    let needles = [
        "std::fs",
        "std::io",
        "std::net",
        "Utc::now",
        "Local::now",
        "SystemTime",
        "Instant::now",
        "crate::store",
    ];
    let mut found = Vec::new();
    for (name, text) in files().iter().filter(|(n, _)| n.starts_with("domain/")) {
        for (n, line) in code_lines(text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("src/{name}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "I/O in domain:\n{}", found.join("\n"));
}

/// Lines of the files under `src/` whose path starts with `prefix` that
/// hold one of `needles`.
fn found_in(prefix: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, text) in files().iter().filter(|(n, _)| n.starts_with(prefix)) {
        for (n, line) in code_lines(text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("src/{name}:{n}: {}", line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_workbench_state_does_no_io_it_returns_effects() {
    let needles = [
        "std::fs",
        "std::io",
        "std::net",
        "Utc::now",
        "Local::now",
        "SystemTime",
        "Instant::now",
        "Store",
        ".read(",
        "record::save",
        "letters::send",
        "compose_statement",
        "letter_for",
        "crate::tui",
    ];
    let found = found_in("app/", &needles);
    assert!(found.is_empty(), "I/O in app:\n{}", found.join("\n"));
}

#[test]
fn the_event_loop_runs_no_sql_and_performs_effects_in_one_place() {
    let needles = [
        "store::",
        ".read(",
        "data_version",
        "record::",
        "letters::",
        "team::load",
    ];
    let found = found_in("tui/mod.rs", &needles);
    // The loop names the store's type to hand it to the effects' performer.
    let found: Vec<_> = found
        .into_iter()
        .filter(|l| !l.contains("use crate::store::Store;"))
        .collect();
    assert!(
        found.is_empty(),
        "the loop reads or writes:\n{}",
        found.join("\n")
    );
    // Drawing reads nothing either.
    let drawing = ["tui/draw.rs", "tui/bars.rs", "tui/screens/", "tui/help.rs"];
    for prefix in drawing {
        let found = found_in(prefix, &[".read(", "store::queue", "store::aging::page"]);
        assert!(found.is_empty(), "{prefix} reads:\n{}", found.join("\n"));
    }
}
