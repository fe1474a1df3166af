//! A names lockfile is a committed, hand-edited, merged file: whatever its bytes, reading it
//! returns (no panic), a lock that reads renders and reads back the same, and generating the
//! project's own pages with it gives output that passes `check::files` (a recorded identifier
//! can never put bad code, or two items of one name, into the generated crate).
#![no_main]

use dataverse_codegen::names::NamesLock;
use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{check, generate, Options};
use libfuzzer_sys::fuzz_target;

const PAGES: [(&str, &str); 2] = [
    (
        "customer-service/msdyn_ocsession.md",
        include_str!("../../docs-in/customer-service/msdyn_ocsession.md"),
    ),
    (
        "sales/msdyn_ocsession.2024-05-19.md",
        include_str!("../../docs-in/sales/msdyn_ocsession.2024-05-19.md"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let Ok(lock) = NamesLock::from_bytes(data, "fuzz.lock") else {
        return;
    };
    let again = NamesLock::parse(&lock.render(), "fuzz.lock");
    assert_eq!(again.as_ref().ok(), Some(&lock), "a read lock renders and reads back");
    let pages: Vec<SourceFile> = PAGES.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect();
    let options = Options {
        names: lock,
        ..Options::default()
    };
    if let Ok(generated) = generate(&pages, options) {
        if let Err(e) = check::files(&generated.files) {
            panic!("generated code with this lock fails check::files: {e}");
        }
    }
});
