//! Like `pipeline`, and when `generate` succeeds its output must pass `check::files`: it parses,
//! no scope defines a name twice, no raw invisible or control character, a sound index.
#![no_main]

use dataverse_codegen::check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = check::fuzz_valid_output(data) {
        panic!("generated code fails check::files: {e}");
    }
});
