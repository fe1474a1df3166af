//! The build-script driver (as prost-build's `Config`): what a `build.rs` calls to generate the
//! table modules into `$OUT_DIR`, with cargo's conventions for change tracking and messages.

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
}

impl BuildScript {
    /// Pages from `docs`, unless `DATAVERSE_DOCS_DIR` names other directories (several separated
    /// by the platform's path-list separator, `:` on Unix and `;` on Windows);
    /// `DATAVERSE_PRODUCTS=sales,customer-service` merges only those products' extension pages;
    /// `DATAVERSE_STRICT=1` turns warnings into errors; `DATAVERSE_TABLES=account,contact`
    /// generates only those tables and the tables they reference. A variable that is set but
    /// unusable (see [`config_from`]) fails the build with a message naming it: it never falls
    /// back to `docs` or to every table.
    pub fn from_env(docs: impl Into<PathBuf>) -> Self {
        println!("cargo::rerun-if-env-changed=DATAVERSE_DOCS_DIR");
        println!("cargo::rerun-if-env-changed=DATAVERSE_STRICT");
        println!("cargo::rerun-if-env-changed=DATAVERSE_TABLES");
        println!("cargo::rerun-if-env-changed=DATAVERSE_PRODUCTS");
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
        for dir in &self.docs {
            println!("cargo::rerun-if-changed={}", dir.display());
        }
        let docs = io::read_docs_roots(&self.docs).map_err(|d| d.to_string())?;
        if docs.files.is_empty() && docs.diagnostics.is_empty() {
            let dirs: Vec<String> = self.docs.iter().map(|d| d.display().to_string()).collect();
            return Err(format!("{}: {NO_PAGES}", escape_hazards(&dirs.join(", "))));
        }
        let generated = generate_docs(
            docs,
            Options {
                strict: self.strict,
                tables: self.tables.clone(),
                products: self.products.clone(),
            },
        )
        .map_err(|e| e.to_string())?;
        for d in generated.diagnostics.iter() {
            println!("cargo::warning={d}");
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

/// The variables [`BuildScript::from_env`] reads.
pub const DOCS_DIR_VAR: &str = "DATAVERSE_DOCS_DIR";
pub const TABLES_VAR: &str = "DATAVERSE_TABLES";
pub const STRICT_VAR: &str = "DATAVERSE_STRICT";
pub const PRODUCTS_VAR: &str = "DATAVERSE_PRODUCTS";

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
///   error of the run, listing the known ones.
///
/// `DATAVERSE_DOCS_DIR` may list several directories, separated by the platform's path-list
/// separator ([`std::env::split_paths`]: `:` on Unix, `;` on Windows); each must be usable.
///
/// Only `DATAVERSE_DOCS_DIR` touches the file system (to look at the directory it names).
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
    Ok(BuildScript {
        docs,
        strict,
        tables,
        products,
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
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// An environment of exactly `vars`.
    fn env<'a>(vars: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        let vars: BTreeMap<&str, &str> = vars.iter().copied().collect();
        move |name| vars.get(name).map(OsString::from)
    }

    /// A scratch directory holding `files` (relative paths), removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str, files: &[&str]) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "dataverse-codegen-config-{}-{name}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("scratch dir");
            for file in files {
                let path = dir.join(file);
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("dir");
                std::fs::write(path, "# x\n").expect("file");
            }
            Scratch(dir)
        }

        fn path(&self) -> &str {
            self.0.to_str().expect("a UTF-8 temp dir")
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn unset_variables_give_the_default_docs_every_table_and_not_strict() {
        let config = config_from(env(&[]), "docs-in").expect("the defaults");
        assert_eq!(config.docs, [PathBuf::from("docs-in")]);
        assert_eq!(config.products, None);
        assert_eq!(config.tables, None);
        assert!(!config.strict);
    }

    #[test]
    fn a_docs_dir_with_a_page_at_any_depth_is_used() {
        let docs = Scratch::new("nested", &["notes.txt", "sales/deep/x.md"]);
        let config = config_from(env(&[(DOCS_DIR_VAR, docs.path())]), "docs-in").expect("used");
        assert_eq!(config.docs, std::slice::from_ref(&docs.0));
    }

    #[test]
    fn an_empty_or_blank_docs_dir_is_an_error() {
        for value in ["", "  "] {
            let err =
                config_from(env(&[(DOCS_DIR_VAR, value)]), "/crate/docs-in").expect_err("refused");
            assert_eq!(
                err,
                "DATAVERSE_DOCS_DIR is set but empty: set it to a directory of table/entity reference pages (`*.md`), or unset it to build from /crate/docs-in"
            );
        }
    }

    #[test]
    fn a_docs_dir_that_cannot_be_read_says_why() {
        // An interior NUL: the path exists nowhere and cannot even be asked about.
        let bad = OsString::from("/tmp/a\0b");
        let err = config_from(
            |name| (name == DOCS_DIR_VAR).then(|| bad.clone()),
            "docs-in",
        )
        .expect_err("refused");
        assert!(err.contains(": cannot be read: "), "{err}");
    }

    #[test]
    fn generate_into_writes_the_tables_or_says_there_is_no_page() {
        let docs = Scratch::new("gen-docs", &[]);
        let out = Scratch::new("gen-out", &[]);
        let page = "# Sample (sample_x) table/entity reference\n\n## Columns/Attributes\n\n### <a name=\"BKMK_sample_name\"></a> sample_name\n\n|Property|Value|\n|---|---|\n|LogicalName|sample_name|\n|Type|String|\n";
        let empty = BuildScript::new(&docs.0).generate_into(&out.0);
        assert!(
            empty.as_ref().is_err_and(|e| e.ends_with(NO_PAGES)),
            "{empty:?}"
        );
        std::fs::write(docs.0.join("sample_x.md"), page).expect("page");
        let done = BuildScript::new(&docs.0).generate_into(&out.0);
        assert_eq!(done, Ok(()));
        assert!(
            out.0.join("sample_x.rs").is_file(),
            "the table's file is written"
        );
        assert!(out.0.join(crate::INDEX_FILE).is_file());
    }

    #[test]
    fn a_missing_docs_dir_is_an_error() {
        let gone = Scratch::new("missing", &[]);
        let missing = gone.0.join("nope");
        let missing = missing.to_str().expect("UTF-8");
        let err = config_from(env(&[(DOCS_DIR_VAR, missing)]), "docs-in").expect_err("refused");
        assert_eq!(
            err,
            format!("DATAVERSE_DOCS_DIR={missing}: no such directory")
        );
    }

    #[test]
    fn a_relative_docs_dir_says_what_it_was_resolved_against() {
        let err = config_from(env(&[(DOCS_DIR_VAR, "no/such/dataverse/docs")]), "docs-in")
            .expect_err("refused");
        let cwd = std::env::current_dir().expect("a working directory");
        assert_eq!(
            err,
            format!(
                "DATAVERSE_DOCS_DIR=no/such/dataverse/docs (a relative path, resolved against {}: use an absolute path, or `relative = true` in `.cargo/config.toml`): no such directory",
                cwd.display()
            )
        );
    }

    #[test]
    fn a_docs_dir_that_is_a_file_is_an_error() {
        let docs = Scratch::new("file", &["page.md"]);
        let file = docs.0.join("page.md");
        let file = file.to_str().expect("UTF-8");
        let err = config_from(env(&[(DOCS_DIR_VAR, file)]), "docs-in").expect_err("refused");
        assert_eq!(
            err,
            format!(
                "DATAVERSE_DOCS_DIR={file}: not a directory: set it to a directory of `*.md` pages"
            )
        );
    }

    #[test]
    fn a_docs_dir_without_a_page_is_an_error() {
        for (name, files) in [
            ("empty", &[][..]),
            (
                "other",
                &["README.txt", "sales/page.markdown", "x.md/y.txt"][..],
            ),
        ] {
            let docs = Scratch::new(name, files);
            let err =
                config_from(env(&[(DOCS_DIR_VAR, docs.path())]), "docs-in").expect_err("refused");
            assert_eq!(
                err,
                format!(
                    "DATAVERSE_DOCS_DIR={}: no `*.md` page in this directory or below it: expected Dataverse table/entity reference pages",
                    docs.path()
                )
            );
        }
    }

    #[test]
    fn several_docs_dirs_are_separated_by_the_path_list_separator() {
        let (a, b) = (
            Scratch::new("several-a", &["x.md"]),
            Scratch::new("several-b", &["y/z.md"]),
        );
        let list = std::env::join_paths([&a.0, &b.0]).expect("joinable");
        let list = list.to_str().expect("UTF-8").to_string();
        let config = config_from(env(&[(DOCS_DIR_VAR, &list)]), "docs-in").expect("both");
        assert_eq!(config.docs, [a.0.clone(), b.0.clone()]);
        // One unusable entry refuses the whole variable, naming that entry.
        let bad =
            std::env::join_paths([a.0.clone(), PathBuf::from("/no/such/docs")]).expect("joinable");
        let err = config_from(
            env(&[(DOCS_DIR_VAR, bad.to_str().expect("UTF-8"))]),
            "docs-in",
        )
        .expect_err("refused");
        assert_eq!(err, "DATAVERSE_DOCS_DIR=/no/such/docs: no such directory");
    }

    #[test]
    fn products_are_parsed_and_a_blank_list_is_an_error() {
        let config = config_from(env(&[(PRODUCTS_VAR, "Sales, customer-service")]), "docs-in")
            .expect("a list");
        let products = config.products.expect("selected");
        assert_eq!(
            products.iter().collect::<Vec<_>>(),
            ["customer-service", "sales"]
        );
        let err = config_from(env(&[(PRODUCTS_VAR, " , ")]), "docs-in").expect_err("blank");
        assert!(
            err.starts_with("DATAVERSE_PRODUCTS is set but names no product (its value is ` , `)"),
            "{err}"
        );
    }

    #[test]
    fn hazards_in_the_docs_dir_are_escaped() {
        let err = config_from(
            env(&[(DOCS_DIR_VAR, "/no/such\ncargo::rustc-link-arg=-evil")]),
            "docs-in",
        )
        .expect_err("refused");
        assert!(!err.contains('\n'), "{err}");
        // `:` separates paths on Unix: the first entry is the one refused.
        assert!(err.contains("/no/such\\u{a}cargo"), "{err}");
    }

    #[test]
    fn tables_are_parsed() {
        let config = config_from(env(&[(TABLES_VAR, "Contact, account\tcontact")]), "docs-in")
            .expect("a list");
        let tables = config.tables.expect("selected");
        assert_eq!(tables.iter().collect::<Vec<_>>(), ["account", "contact"]);
    }

    #[test]
    fn an_empty_or_blank_table_list_is_an_error() {
        let err = config_from(env(&[(TABLES_VAR, "")]), "docs-in").expect_err("refused");
        assert_eq!(
            err,
            "DATAVERSE_TABLES is set but names no table (its value is empty): list table logical names separated by commas, e.g. DATAVERSE_TABLES=account,contact, or unset it to generate every table"
        );
        for blank in [" ", ",", " , ,\t"] {
            let err = config_from(env(&[(TABLES_VAR, blank)]), "docs-in").expect_err("refused");
            assert!(
                err.starts_with("DATAVERSE_TABLES is set but names no table (its value is `"),
                "{err}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_table_list_that_is_not_utf8_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let env = |name: &str| (name == TABLES_VAR).then(|| OsString::from_vec(vec![b'a', 0xff]));
        let err = config_from(env, "docs-in").expect_err("refused");
        assert!(
            err.starts_with("DATAVERSE_TABLES is not valid UTF-8 (a\u{fffd}):"),
            "{err}"
        );
    }

    #[test]
    fn strict_is_1_or_true() {
        for (value, strict) in [("1", true), ("true", true), ("0", false), ("", false)] {
            let config = config_from(env(&[(STRICT_VAR, value)]), "docs-in").expect("config");
            assert_eq!(config.strict, strict, "{value:?}");
        }
    }
}
