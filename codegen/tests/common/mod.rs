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

/// The merged model of `files` as JSON, then the run's diagnostics: what model snapshots show.
pub fn render_model(files: &[SourceFile]) -> String {
    let (model, diags) = dataverse_codegen::build_model(files);
    assert!(!diags.has_errors(), "{diags}");
    let json = serde_json::to_string_pretty(&model).expect("the model serializes");
    format!("{json}\n\n{diags}\n")
}

/// Runs `dataverse-codegen generate` on `docs` into `out`, with extra arguments first. The
/// names lockfile goes into `out` (never into the docs, which may be the project's own).
pub fn run_generate(extra: &[&str], docs: &Path, out: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dataverse-codegen"))
        .arg("generate")
        .args(extra)
        .arg("--names")
        .arg(out.join("dataverse-names.lock"))
        .arg("--docs")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs")
}

pub fn read(dir: &Path) -> Vec<SourceFile> {
    match dataverse_codegen::io::read_docs(dir) {
        Ok(docs) if docs.diagnostics.is_empty() => docs.files,
        Ok(docs) => panic!("reading {}:\n{}", dir.display(), docs.diagnostics),
        Err(d) => panic!("reading {}:\n{d}", dir.display()),
    }
}

/// A fixture page as a source file, named by its path below the first of `dirs` (fixture
/// folders) that holds it, with `/` separators.
pub fn fixture_page(path: &Path, dirs: &[&str]) -> SourceFile {
    let rel = dirs
        .iter()
        .find_map(|d| path.strip_prefix(fixtures(d)).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(path).expect("fixture page is UTF-8");
    SourceFile::new(rel, text)
}

/// The generator's binary, for CLI tests.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_dataverse-codegen"))
}

/// An empty directory of this test's own under the target's temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
