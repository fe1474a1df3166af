//! Generates the table modules from `docs-in/` into `$OUT_DIR` (see `dataverse_codegen::cargo`):
//! `DATAVERSE_DOCS_DIR` points at another docs directory, `DATAVERSE_STRICT=1` makes warnings
//! errors, and a bad page fails the build with its `file:line:col` message.

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    dataverse_codegen::cargo::BuildScript::from_env(
        std::path::Path::new(&manifest).join("docs-in"),
    )
    .run();
}
