//! Generates the tables of `codegen/tests/fixtures/pages` (always those: no override).

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let pages = std::path::Path::new(&manifest).join("../codegen/tests/fixtures/pages");
    dataverse_codegen::cargo::BuildScript::new(pages)
        .strict(true)
        .run();
}
