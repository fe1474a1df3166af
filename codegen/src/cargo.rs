//! The build-script driver (as prost-build's `Config`): what a `build.rs` calls to generate the
//! table modules into `$OUT_DIR`, with cargo's conventions for change tracking and messages.

use crate::names::{NamesLock, LOCK_FILE};
use crate::text::escape_hazards;
use crate::{generate_docs, io, Options};
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Generates the tables of a docs directory for the crate whose build script calls it.
#[derive(Debug, Clone)]
pub struct BuildScript {
    docs: Vec<PathBuf>,
    strict: bool,
    tables: Option<BTreeSet<String>>,
    products: Option<BTreeSet<String>>,
    /// The names lock to read, when one is named; else `<first docs root>/dataverse-names.lock`
    /// if that file exists.
    names: Option<PathBuf>,
}

impl BuildScript {
    /// Pages from `docs`, unless `DATAVERSE_DOCS_DIR` names other directories (several separated
    /// by the platform's path-list separator, `:` on Unix and `;` on Windows);
    /// `DATAVERSE_PRODUCTS=sales,customer-service` merges only those products' extension pages;
    /// `DATAVERSE_STRICT=1` turns warnings into errors; `DATAVERSE_TABLES=account,contact`
    /// generates only those tables (nothing they refer to);
    /// `DATAVERSE_NAMES_LOCK=path/to/dataverse-names.lock` reads the names lock from there
    /// instead of the first docs directory. A variable that is set but unusable (see
    /// [`config_from`]) fails the build with a message naming it: it never falls back to `docs`
    /// or to every table.
    pub fn from_env(docs: impl Into<PathBuf>) -> Self {
        println!("cargo::rerun-if-env-changed=DATAVERSE_DOCS_DIR");
        println!("cargo::rerun-if-env-changed=DATAVERSE_STRICT");
        println!("cargo::rerun-if-env-changed=DATAVERSE_TABLES");
        println!("cargo::rerun-if-env-changed=DATAVERSE_PRODUCTS");
        println!("cargo::rerun-if-env-changed=DATAVERSE_NAMES_LOCK");
        match config_from(|name| std::env::var_os(name), docs) {
            Ok(config) => config,
            Err(message) => fail(&message),
        }
    }

    /// Pages from exactly `docs` (no environment override).
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        BuildScript {
            docs: vec![docs.into()],
            strict: false,
            tables: None,
            products: None,
            names: None,
        }
    }

    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Reads the names lock from `path` (it must exist) instead of
    /// `<first docs directory>/dataverse-names.lock`.
    pub fn names_lock(mut self, path: impl Into<PathBuf>) -> Self {
        self.names = Some(path.into());
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
        for dir in &self.docs {
            println!("cargo::rerun-if-changed={}", dir.display());
        }
        let docs = io::read_docs_roots(&self.docs).map_err(|d| d.to_string())?;
        if docs.files.is_empty() && docs.diagnostics.is_empty() {
            let dirs: Vec<String> = self.docs.iter().map(|d| d.display().to_string()).collect();
            return Err(format!("{}: {NO_PAGES}", escape_hazards(&dirs.join(", "))));
        }
        let (lock_path, names) = self.read_names_lock()?;
        let generated = generate_docs(
            docs,
            Options {
                strict: self.strict,
                tables: self.tables.clone(),
                products: self.products.clone(),
                names: names.clone(),
                prune_removed: false,
                layout: crate::Layout::BuildScript,
                unformatted: true,
            },
        )
        .map_err(|e| e.to_string())?;
        for d in generated.diagnostics.iter() {
            println!("cargo::warning={d}");
        }
        for lost in &generated.lost_names {
            println!("cargo::warning={}", escape_hazards(&lost.to_string()));
        }
        if let Some(path) = lock_path.filter(|_| generated.names_lock != names) {
            println!(
                "cargo::warning={}",
                escape_hazards(&stale_lock_note(&path, &names, &generated.names_lock))
            );
        }
        // Informational lines (escaped: one line each), never counted by strict.
        for note in crate::skipped_note(&generated.skipped)
            .into_iter()
            .chain(generated.notes.iter().cloned())
        {
            println!("cargo::warning={note}");
        }
        io::write_output(out, &generated.files)
            .map(|_| ())
            .map_err(|e| format!("writing {}: {e}", out.display()))
    }
}

impl BuildScript {
    /// The names lock, read only: the file [`BuildScript::names_lock`] or `DATAVERSE_NAMES_LOCK`
    /// names (which must exist), else `<first docs directory>/dataverse-names.lock` when that
    /// file exists, else none. A lock that cannot be read or does not parse is an error with
    /// every located fault; its path (when there is a file) comes back for the stale-lock note.
    fn read_names_lock(&self) -> Result<(Option<PathBuf>, NamesLock), String> {
        let (path, named) = match (&self.names, self.docs.first()) {
            (Some(path), _) => (path.clone(), true),
            (None, Some(docs)) => (docs.join(LOCK_FILE), false),
            (None, None) => return Ok((None, NamesLock::default())),
        };
        let shown = escape_hazards(&path.display().to_string()).into_owned();
        match std::fs::read(&path) {
            Ok(bytes) => {
                println!("cargo::rerun-if-changed={}", path.display());
                let lock = NamesLock::from_bytes(&bytes, &path.display().to_string());
                Ok((Some(path), lock.map_err(|d| d.to_string())?))
            }
            // No lock beside the docs: names as without one. (Cargo watches the docs directory,
            // so a lock added there later re-runs the build script.)
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
                Ok((None, NamesLock::default()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
                "{NAMES_LOCK_VAR}={shown}: no such file: name an existing names lock (`dataverse-codegen generate` writes one), or unset it to read `{LOCK_FILE}` from the docs directory"
            )),
            Err(e) => Err(format!("names lock {shown}: cannot be read: {e}")),
        }
    }
}

/// The one line that says a lock no longer matches the docs: the build script never writes it.
fn stale_lock_note(path: &Path, old: &NamesLock, new: &NamesLock) -> String {
    let added = new
        .iter()
        .filter(|(k, r, e)| old.get(k, *r) != Some(*e))
        .count();
    let dropped = old
        .iter()
        .filter(|(k, r, _)| new.get(k, *r).is_none())
        .count();
    let names = |n: usize| if n == 1 { "name" } else { "names" };
    format!(
        "note: the names lock {} is out of date ({added} {} new or changed, {dropped} {} no longer used): the build script never writes it; regenerate it with `dataverse-codegen generate` so new names stay put too",
        path.display(),
        names(added),
        names(dropped),
    )
}

/// The variables [`BuildScript::from_env`] reads.
pub const DOCS_DIR_VAR: &str = "DATAVERSE_DOCS_DIR";
pub const TABLES_VAR: &str = "DATAVERSE_TABLES";
pub const STRICT_VAR: &str = "DATAVERSE_STRICT";
pub const PRODUCTS_VAR: &str = "DATAVERSE_PRODUCTS";
pub const NAMES_LOCK_VAR: &str = "DATAVERSE_NAMES_LOCK";

/// What a docs directory without a page is told (the CLI says it too).
pub const NO_PAGES: &str =
    "no `*.md` page in this directory or below it: expected Dataverse table/entity reference pages";

/// The configuration `env` describes (the environment, in [`BuildScript::from_env`]), pages from
/// `default_docs` when `DATAVERSE_DOCS_DIR` is unset. A variable that is set is used or refused,
/// never ignored:
///
/// - `DATAVERSE_DOCS_DIR` set must name a directory holding at least one `*.md` page (searched
///   recursively); empty, missing, not a directory, unreadable or without a page is an error
///   naming the variable and the path (a relative path is resolved against the build script's
///   working directory, the package's manifest directory, and the message says so);
/// - `DATAVERSE_TABLES` set must name at least one table (logical names, separated by commas or
///   whitespace); an empty or blank list, or a value that is not UTF-8, is an error;
/// - `DATAVERSE_STRICT` is `1` or `true` for strict, anything else is not strict;
/// - `DATAVERSE_PRODUCTS` set must name at least one product slug (see
///   [`crate::product_slug`]), separated by commas or whitespace; a slug no page names is an
///   error of the run, listing the known ones;
/// - `DATAVERSE_NAMES_LOCK` set must name the names lock file to read (see
///   [`crate::names::lock`]); empty is an error here, a file that does not exist, cannot be
///   read or does not parse fails the run with its `file:line:col` errors. Unset, the lock is
///   `dataverse-names.lock` in the first docs directory when that file exists, else there is
///   none. The build script only reads the lock, never writes it (the CLI's `generate` does):
///   it warns when names were lost or the lock is out of date. It re-runs when the lock file
///   changes.
///
/// `DATAVERSE_DOCS_DIR` may list several directories, separated by the platform's path-list
/// separator ([`std::env::split_paths`]: `:` on Unix, `;` on Windows); each must be usable.
///
/// Only `DATAVERSE_DOCS_DIR` touches the file system here (to look at the directory it names);
/// the names lock is read when the build script runs.
pub fn config_from(
    env: impl Fn(&str) -> Option<OsString>,
    default_docs: impl Into<PathBuf>,
) -> Result<BuildScript, String> {
    let docs = match env(DOCS_DIR_VAR) {
        None => vec![default_docs.into()],
        Some(value) => {
            let default_docs = default_docs.into();
            let mut dirs = Vec::new();
            if value.to_string_lossy().trim().is_empty() {
                // Refused, with the message that says it is empty.
                dirs.push(docs_dir(value, &default_docs)?);
            } else {
                for part in std::env::split_paths(&value) {
                    // `a::b` or a trailing separator: an empty entry names nothing, skip it.
                    if !part.as_os_str().is_empty() {
                        dirs.push(docs_dir(part.into_os_string(), &default_docs)?);
                    }
                }
            }
            dirs
        }
    };
    let products = match env(PRODUCTS_VAR) {
        None => None,
        Some(value) => {
            let list = value.to_str().map(parse_products).unwrap_or_default();
            if list.is_empty() {
                return Err(format!(
                    "{PRODUCTS_VAR} is set but names no product (its value is `{}`): list product names separated by commas, e.g. {PRODUCTS_VAR}=sales,customer-service (`cargo run -p dataverse-codegen -- products` lists them), or unset it to merge every product",
                    escape_hazards(&value.to_string_lossy())
                ));
            }
            Some(list)
        }
    };
    let tables = match env(TABLES_VAR) {
        None => None,
        Some(value) => {
            let Some(list) = value.to_str() else {
                return Err(format!(
                    "{TABLES_VAR} is not valid UTF-8 ({}): list table logical names, e.g. {TABLES_VAR}=account,contact",
                    escape_hazards(&value.to_string_lossy())
                ));
            };
            let tables = parse_tables(list);
            if tables.is_empty() {
                let value = if list.is_empty() {
                    "empty".to_string()
                } else {
                    format!("`{}`", escape_hazards(list))
                };
                return Err(format!(
                    "{TABLES_VAR} is set but names no table (its value is {value}): list table logical names separated by commas, e.g. {TABLES_VAR}=account,contact, or unset it to generate every table"
                ));
            }
            Some(tables)
        }
    };
    let strict = env(STRICT_VAR).is_some_and(|v| v == "1" || v == "true");
    let names = match env(NAMES_LOCK_VAR) {
        None => None,
        Some(value) if value.to_string_lossy().trim().is_empty() => {
            return Err(format!(
                "{NAMES_LOCK_VAR} is set but empty: set it to a names lock file, or unset it to read `{LOCK_FILE}` from the docs directory"
            ));
        }
        Some(value) => Some(PathBuf::from(value)),
    };
    Ok(BuildScript {
        docs,
        strict,
        tables,
        products,
        names,
    })
}

/// The directory a set `DATAVERSE_DOCS_DIR` names, or why it cannot be used.
fn docs_dir(value: OsString, default_docs: &Path) -> Result<PathBuf, String> {
    let default = escape_hazards(&default_docs.display().to_string()).into_owned();
    if value.to_string_lossy().trim().is_empty() {
        return Err(format!(
            "{DOCS_DIR_VAR} is set but empty: set it to a directory of table/entity reference pages (`*.md`), or unset it to build from {default}"
        ));
    }
    let path = PathBuf::from(value);
    let shown = escape_hazards(&path.display().to_string()).into_owned();
    let relative = if path.is_relative() {
        let cwd =
            std::env::current_dir().map_or_else(|_| "?".to_string(), |d| d.display().to_string());
        format!(
            " (a relative path, resolved against {}: use an absolute path, or `relative = true` in `.cargo/config.toml`)",
            escape_hazards(&cwd)
        )
    } else {
        String::new()
    };
    let problem = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "no such directory".to_string(),
        Err(e) => format!("cannot be read: {e}"),
        Ok(m) if !m.is_dir() => {
            "not a directory: set it to a directory of `*.md` pages".to_string()
        }
        Ok(_) => match has_page(&path) {
            Ok(true) => return Ok(path),
            Ok(false) => NO_PAGES.to_string(),
            Err(e) => format!("cannot be read: {e}"),
        },
    };
    Err(format!("{DOCS_DIR_VAR}={shown}{relative}: {problem}"))
}

/// Whether `dir` holds a `*.md` file, at any depth (what [`io::read_docs`] reads).
fn has_page(dir: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            if has_page(&path)? {
                return Ok(true);
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `account, contact` -> {account, contact}: logical names, separated by commas or whitespace.
pub fn parse_tables(list: &str) -> BTreeSet<String> {
    list.split(|c: char| c == ',' || c.is_whitespace())
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A product list: slugs separated by commas or whitespace, lower-cased.
pub fn parse_products(list: &str) -> BTreeSet<String> {
    parse_tables(list)
}

fn fail(message: &str) -> ! {
    eprintln!("dataverse-codegen failed:\n{message}");
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}

#[cfg(test)]
mod tests;
