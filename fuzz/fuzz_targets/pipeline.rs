//! The whole pipeline on 1 to 3 pages (split on `check::FUZZ_PAGE_SEPARATOR`): whatever the
//! bytes, `generate` returns and never panics, aborts or hangs.
#![no_main]

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{check, generate, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Pages whose bytes do not decode are left out, as `io::read_docs` reports them apart.
    let pages: Vec<SourceFile> = check::split_fuzz_input(data)
        .into_iter()
        .flatten()
        .collect();
    let _ = generate(&pages, Options::default());
});
