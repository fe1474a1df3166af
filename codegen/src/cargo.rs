//! The build-script driver (as prost-build's `Config`): what a `build.rs` calls to generate the
//! table modules into `$OUT_DIR`, with cargo's conventions for change tracking and messages.

use crate::{generate_docs, io, Options};
use std::path::{Path, PathBuf};

/// Generates the tables of a docs directory for the crate whose build script calls it.
#[derive(Debug, Clone)]
pub struct BuildScript {
    docs: PathBuf,
    strict: bool,
}

impl BuildScript {
    /// Pages from `docs`, unless `DATAVERSE_DOCS_DIR` names another directory;
    /// `DATAVERSE_STRICT=1` turns warnings into errors.
    pub fn from_env(docs: impl Into<PathBuf>) -> Self {
        println!("cargo::rerun-if-env-changed=DATAVERSE_DOCS_DIR");
        println!("cargo::rerun-if-env-changed=DATAVERSE_STRICT");
        let docs =
            std::env::var_os("DATAVERSE_DOCS_DIR").map_or_else(|| docs.into(), PathBuf::from);
        let strict = std::env::var("DATAVERSE_STRICT").is_ok_and(|v| v == "1" || v == "true");
        BuildScript { docs, strict }
    }

    /// Pages from exactly `docs` (no environment override).
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        BuildScript {
            docs: docs.into(),
            strict: false,
        }
    }

    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Generates into `$OUT_DIR`. Warnings become `cargo::warning=` lines; on error every
    /// diagnostic is printed with its `file:line:col` and the build script exits with status 1
    /// (no panic, no backtrace). Writes nothing on error.
    pub fn run(self) {
        let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
            fail("OUT_DIR is not set: run this from a build script");
        };
        if let Err(message) = self.generate_into(&out) {
            fail(&message);
        }
    }

    fn generate_into(&self, out: &Path) -> Result<(), String> {
        // Cargo scans a directory recursively: any added, removed or edited page re-runs this.
        println!("cargo::rerun-if-changed={}", self.docs.display());
        let docs = io::read_docs(&self.docs).map_err(|d| d.to_string())?;
        let generated = generate_docs(
            docs,
            Options {
                strict: self.strict,
            },
        )
        .map_err(|e| e.to_string())?;
        for d in generated.diagnostics.iter() {
            println!("cargo::warning={d}");
        }
        io::write_output(out, &generated.files)
            .map(|_| ())
            .map_err(|e| format!("writing {}: {e}", out.display()))
    }
}

fn fail(message: &str) -> ! {
    eprintln!("dataverse-codegen failed:\n{message}");
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}
