//! Tests of the build-script driver: its configuration from the environment, and runs.

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
fn generate_into_reads_the_names_lock_beside_the_docs_and_never_writes_it() {
    let docs = Scratch::new("lock-docs", &[]);
    let out = Scratch::new("lock-out", &[]);
    let page = "# Sample (sample_x) table/entity reference\n\n## Columns/Attributes\n\n### <a name=\"BKMK_sample_name\"></a> sample_name\n\n|Property|Value|\n|---|---|\n|LogicalName|sample_name|\n|Type|String|\n";
    std::fs::write(docs.0.join("sample_x.md"), page).expect("page");
    let lock = docs.0.join(LOCK_FILE);
    let text = "# kept\nsample_x record KeptRecord\n";
    std::fs::write(&lock, text).expect("lock");
    assert_eq!(BuildScript::new(&docs.0).generate_into(&out.0), Ok(()));
    let code = std::fs::read_to_string(out.0.join("sample_x.rs")).expect("written");
    assert!(code.contains("pub struct KeptRecord"), "{code}");
    assert_eq!(std::fs::read_to_string(&lock).expect("still there"), text);
    // A malformed lock fails the run with its located errors, and writes nothing.
    std::fs::write(&lock, "sample_x record KeptRecord\nsample_x recrd X\n").expect("lock");
    let out2 = Scratch::new("lock-out-2", &[]);
    let err = BuildScript::new(&docs.0)
        .generate_into(&out2.0)
        .expect_err("refused");
    let at = format!(
        "{}:2:10: error: `recrd` is not a role of a table",
        lock.display()
    );
    assert!(err.starts_with(&at), "{err}");
    assert!(!out2.0.join("sample_x.rs").exists());
    // A lock named elsewhere must exist.
    let named = BuildScript::new(&docs.0).names_lock(docs.0.join("nope.lock"));
    let err = named.generate_into(&out2.0).expect_err("refused");
    assert!(
        err.contains(": no such file: name an existing names lock"),
        "{err}"
    );
}

#[test]
fn the_names_lock_variable_names_a_file_and_is_not_empty() {
    let config = config_from(env(&[(NAMES_LOCK_VAR, "/x/names.lock")]), "docs-in").expect("a path");
    assert_eq!(config.names, Some(PathBuf::from("/x/names.lock")));
    assert_eq!(config_from(env(&[]), "docs-in").expect("unset").names, None);
    let err = config_from(env(&[(NAMES_LOCK_VAR, " ")]), "docs-in").expect_err("empty");
    assert!(
        err.starts_with("DATAVERSE_NAMES_LOCK is set but empty"),
        "{err}"
    );
}

#[test]
fn a_stale_lock_is_one_counted_line() {
    let old = NamesLock::parse("a module a\na record A\n", "x").expect("valid");
    let new = NamesLock::parse("a module a\nb module b\n", "x").expect("valid");
    assert_eq!(
        stale_lock_note(Path::new("d/x.lock"), &old, &new),
        "note: the names lock d/x.lock is out of date (1 name new or changed, 1 name no longer used): the build script never writes it; regenerate it with `dataverse-codegen generate` so new names stay put too"
    );
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
        let err = config_from(env(&[(DOCS_DIR_VAR, docs.path())]), "docs-in").expect_err("refused");
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
    let config =
        config_from(env(&[(PRODUCTS_VAR, "Sales, customer-service")]), "docs-in").expect("a list");
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
    let config =
        config_from(env(&[(TABLES_VAR, "Contact, account\tcontact")]), "docs-in").expect("a list");
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
