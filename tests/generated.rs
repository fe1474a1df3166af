//! `generated/` is the reviewed mirror of what build.rs writes into `$OUT_DIR`: it must be
//! byte-identical to a fresh run over `docs-in/`. When a page changes, this test fails with the
//! diff and the command that refreshes the mirror; the refreshed files are the review diff.

use std::collections::BTreeMap;
use std::path::Path;

const REFRESH: &str = "cargo run -p dataverse-codegen -- generate";

#[test]
fn generated_mirror_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = dataverse_codegen::io::read_docs(&root.join("docs-in"))
        .unwrap_or_else(|d| panic!("docs-in does not read:\n{d}"));
    // The names lockfile beside the pages, as the build script reads it.
    let lock_path = root
        .join("docs-in")
        .join(dataverse_codegen::names::LOCK_FILE);
    let names = match std::fs::read(&lock_path) {
        Ok(bytes) => {
            dataverse_codegen::names::NamesLock::from_bytes(&bytes, "dataverse-names.lock")
                .unwrap_or_else(|d| panic!("the names lockfile does not read:\n{d}"))
        }
        Err(_) => Default::default(),
    };
    let options = dataverse_codegen::Options {
        names,
        ..Default::default()
    };
    let fresh = dataverse_codegen::generate_docs(docs, options)
        .unwrap_or_else(|e| panic!("docs-in does not generate:\n{e}"));

    let mut on_disk = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("generated")).expect("generated/ exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            on_disk.insert(name, std::fs::read_to_string(&path).expect("readable"));
        }
    }

    let mut problems = Vec::new();
    for (name, want) in &fresh.files {
        match on_disk.get(name) {
            None => problems.push(format!("generated/{name} is missing")),
            Some(have) if have != want => {
                let diff = similar::TextDiff::from_lines(have.as_str(), want.as_str());
                problems.push(format!(
                    "generated/{name} is stale:\n{}",
                    diff.unified_diff().header("generated (committed)", "fresh")
                ));
            }
            Some(_) => {}
        }
    }
    for name in on_disk.keys().filter(|n| !fresh.files.contains_key(*n)) {
        problems.push(format!("generated/{name} is no longer generated"));
    }
    assert!(
        problems.is_empty(),
        "{}\n\nRefresh with `{REFRESH}` and review the diff.",
        problems.join("\n")
    );
}
