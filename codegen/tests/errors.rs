//! Bad pages give located diagnostics, snapshot as the user reads them.

mod common;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{generate, Options};

/// Runs one file through the whole pipeline and renders what the user would see.
fn run(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path).expect("fixture is readable");
    let file = match SourceFile::from_bytes(name, bytes) {
        Ok(f) => f,
        Err(d) => return format!("{d}\n"),
    };
    match generate(&[file], Options::default()) {
        Ok(g) => format!("(generated {} files)\n{}", g.files.len(), g.diagnostics),
        Err(e) => e.to_string(),
    }
}

#[test]
fn error_fixtures() {
    insta::glob!("fixtures/errors/*.md", |path| {
        insta::assert_snapshot!(run(path));
    });
}

#[test]
fn every_error_fixture_fails_with_a_location() {
    let dir = common::fixtures("errors");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/errors") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name == "unknown_type.md" {
            continue; // a warning, not an error: checked below
        }
        let out = run(&path);
        assert!(
            out.starts_with(&format!("{name}:")) && out.contains(": error: "),
            "{name} should fail with file:line:col, got:\n{out}"
        );
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} error fixtures");
}

#[test]
fn unknown_type_is_a_warning_and_an_error_when_strict() {
    let path = common::fixtures("errors/unknown_type.md");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let file = SourceFile::new("unknown_type.md", text);
    let ok = generate(std::slice::from_ref(&file), Options::default()).expect("a warning only");
    assert_eq!(ok.diagnostics.warnings(), 1);
    let strict = generate(
        &[file],
        Options {
            strict: true,
            ..Options::default()
        },
    )
    .expect_err("strict fails");
    assert_eq!(strict.0.errors(), 1);
}
