//! Helpers shared by the integration tests.
#![allow(dead_code)]

use dataverse_codegen::source::SourceFile;
use std::path::{Path, PathBuf};

/// The project's `docs-in/`.
pub fn docs_in() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-in")
}

/// `../shared/corpus` beside the project, when present.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

pub fn fixtures(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn read(dir: &Path) -> Vec<SourceFile> {
    match dataverse_codegen::io::read_docs(dir) {
        Ok(docs) if docs.diagnostics.is_empty() => docs.files,
        Ok(docs) => panic!("reading {}:\n{}", dir.display(), docs.diagnostics),
        Err(d) => panic!("reading {}:\n{d}", dir.display()),
    }
}
