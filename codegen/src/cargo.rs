//! The build-script driver (as prost-build's `Config`): what a `build.rs` calls to generate the
//! table modules into `$OUT_DIR`, with cargo's conventions for change tracking and messages.

use crate::{generate_docs, io, Options};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Generates the tables of a docs directory for the crate whose build script calls it.
#[derive(Debug, Clone)]
pub struct BuildScript {
    docs: PathBuf,
    strict: bool,
    tables: Option<BTreeSet<String>>,
}

impl BuildScript {
    /// Pages from `docs`, unless `DATAVERSE_DOCS_DIR` names another directory;
    /// `DATAVERSE_STRICT=1` turns warnings into errors; `DATAVERSE_TABLES=account,contact`
    /// generates only those tables and the tables they reference.
    pub fn from_env(docs: impl Into<PathBuf>) -> Self {
        println!("cargo::rerun-if-env-changed=DATAVERSE_DOCS_DIR");
        println!("cargo::rerun-if-env-changed=DATAVERSE_STRICT");
        println!("cargo::rerun-if-env-changed=DATAVERSE_TABLES");
        let tables = std::env::var("DATAVERSE_TABLES")
            .ok()
            .map(|v| parse_tables(&v));
        let docs =
            std::env::var_os("DATAVERSE_DOCS_DIR").map_or_else(|| docs.into(), PathBuf::from);
        let strict = std::env::var("DATAVERSE_STRICT").is_ok_and(|v| v == "1" || v == "true");
        BuildScript {
            docs,
            strict,
            tables,
        }
    }

    /// Pages from exactly `docs` (no environment override).
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        BuildScript {
            docs: docs.into(),
            strict: false,
            tables: None,
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
                tables: self.tables.clone(),
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

/// `account, contact` -> {account, contact}: logical names, separated by commas or whitespace.
pub fn parse_tables(list: &str) -> BTreeSet<String> {
    list.split(|c: char| c == ',' || c.is_whitespace())
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

fn fail(message: &str) -> ! {
    eprintln!("dataverse-codegen failed:\n{message}");
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}
