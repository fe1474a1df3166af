//! Generates the table modules from the docs pages into `$OUT_DIR`.
//!
//! `DATAVERSE_DOCS_DIR` points at another docs directory (default: `docs-in/`);
//! `DATAVERSE_STRICT=1` turns warnings into errors. Warnings show as `cargo::warning=`;
//! errors fail the build with their `file:line:col` messages and no backtrace.

use std::path::PathBuf;
use std::process::exit;

fn main() {
    println!("cargo::rerun-if-env-changed=DATAVERSE_DOCS_DIR");
    println!("cargo::rerun-if-env-changed=DATAVERSE_STRICT");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let docs = std::env::var_os("DATAVERSE_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("docs-in"));
    let strict = std::env::var("DATAVERSE_STRICT").is_ok_and(|v| v == "1" || v == "true");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        fail("OUT_DIR is not set: run through cargo");
    };
    // Cargo scans a directory recursively: any added, removed or edited page re-runs this.
    println!("cargo::rerun-if-changed={}", docs.display());

    let docs = match dataverse_codegen::io::read_docs(&docs) {
        Ok(docs) => docs,
        Err(diags) => fail(&diags.to_string()),
    };
    let options = dataverse_codegen::Options { strict };
    match dataverse_codegen::generate_docs(docs, options) {
        Ok(generated) => {
            for d in generated.diagnostics.iter() {
                println!("cargo::warning={d}");
            }
            if let Err(e) = dataverse_codegen::io::write_output(&out, &generated.files) {
                fail(&format!("writing {}: {e}", out.display()));
            }
        }
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("dataverse-codegen failed:\n{message}");
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    exit(1);
}
