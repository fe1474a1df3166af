//! Inputs the fuzzer once crashed on (`fuzz/`, see `fuzz/run.sh`), kept as regression tests.
//!
//! Each file of `tests/fixtures/fuzz-regressions/` (but the README) is one raw fuzz input: 1 to 3
//! pages joined by `check::FUZZ_PAGE_SEPARATOR`. It runs exactly as the `valid_output` fuzz
//! target runs it (`check::fuzz_valid_output`): no panic, no hang, and successful output passes
//! `check::files`.

use dataverse_codegen::check;
use std::path::Path;
use std::time::{Duration, Instant};

/// Generous for a debug build on a busy machine; the fuzzer's own limit is 10 s (release).
const TIME_LIMIT: Duration = Duration::from_secs(30);

#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("the regressions directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("README"))
        })
        .collect();
    inputs.sort();
    let mut failures = Vec::new();
    for path in &inputs {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let data = std::fs::read(path).expect("a regression input");
        let start = Instant::now();
        match std::panic::catch_unwind(|| check::fuzz_valid_output(&data)) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{name}: generated code fails check::files: {e}")),
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {msg}"));
            }
        }
        let took = start.elapsed();
        if took > TIME_LIMIT {
            failures.push(format!("{name}: took {took:?}, over {TIME_LIMIT:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fuzz regression inputs fail:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}
