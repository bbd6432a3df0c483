//! The figures of the safety tests (writers, writes, kills survived, inputs
//! tried…): each test leaves one JSON object in
//! `target/safety-figures/NAME.json`, replaced at each run, and
//! `cargo test --test shared_server -- --ignored --nocapture safety_summary`
//! prints them all as one table.
//!
//! A test file uses it with `mod safety_figures;` and one call of
//! [`record`] at the end of each test. The object is flat: `test`, `at`
//! (RFC 3339), `seconds`, then the test's own figures, numbers or strings;
//! the summary adds up the numbers named `writers`, `writes`,
//! `kills_survived` and `inputs` over all the files.

use std::path::PathBuf;
use std::time::Instant;

/// Where the figures go: `target/safety-figures/`.
pub fn dir() -> PathBuf {
    let tmp = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("safety-figures")
}

/// Writes the figures of test `name`, which started at `started`, as one
/// JSON line to `target/safety-figures/NAME.json`.
pub fn record(name: &str, started: Instant, figures: &[(&str, serde_json::Value)]) {
    let mut object = serde_json::Map::new();
    object.insert("test".into(), name.into());
    object.insert(
        "at".into(),
        chrono::Utc::now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            .into(),
    );
    let seconds = (started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
    object.insert("seconds".into(), seconds.into());
    for (key, value) in figures {
        object.insert((*key).to_string(), value.clone());
    }
    let dir = dir();
    std::fs::create_dir_all(&dir).unwrap();
    let line = serde_json::Value::Object(object).to_string();
    std::fs::write(dir.join(format!("{name}.json")), line + "\n").unwrap();
    eprintln!("figures of {name} written to {}", dir.display());
}
