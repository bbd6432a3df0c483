//! A fixed, deterministic fuzzing budget for CI, and the figures file that
//! records how many inputs each target tried.
//!
//! Each target writes `<target dir>/safety-figures/<file>-<target>.json`,
//! one line: `{"test":"<file>::<target>","inputs":N}`.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::strategy::Strategy;
use proptest::test_runner::{
    Config, RngAlgorithm, TestCaseError, TestCaseResult, TestRng, TestRunner,
};

/// Inputs per target: the same ones on every run (`DUN_FUZZ_CASES` asks
/// for more on a developer's machine).
pub const CASES: u32 = 2000;

/// Where the figures go: beside the build, in the target directory.
pub fn figures_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(&tmp).join("safety-figures")
}

/// Runs `test` on `cases` inputs of `strategy` (shrinking a failure to the
/// smallest input), records the count, and fails with the input on a failed
/// property or a panic.
pub fn fuzz<S>(file: &str, target: &str, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
{
    let cases = std::env::var("DUN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    let config = Config {
        cases,
        failure_persistence: None,
        max_global_rejects: cases * 4,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let tried = AtomicU64::new(0);
    let result = runner.run(&strategy, |input| {
        tried.fetch_add(1, Ordering::Relaxed);
        test(input)
    });
    let inputs = tried.load(Ordering::Relaxed);
    write_figure(file, target, inputs);
    if let Err(e) = result {
        panic!("{file}::{target} after {inputs} inputs: {e}");
    }
}

fn write_figure(file: &str, target: &str, inputs: u64) {
    let dir = figures_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let name = serde_json::to_string(&format!("{file}::{target}")).unwrap();
    let line = format!("{{\"test\":{name},\"inputs\":{inputs}}}\n");
    std::fs::write(dir.join(format!("{file}-{target}.json")), line).unwrap();
}

/// `Err` with `message` unless `ok`: a property that does not hold.
pub fn check(ok: bool, message: impl FnOnce() -> String) -> TestCaseResult {
    if ok {
        Ok(())
    } else {
        Err(TestCaseError::fail(message()))
    }
}
