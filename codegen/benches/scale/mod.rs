//! The Dynamics-size docs set of issue 10, shared by `benches/dynamics.rs` and
//! `examples/dynamics_docs.rs` (which writes it to a directory for `scripts/scale-check.sh`).
//!
//! The set is `copies` renamed copies of every base page (the corpus at `../../shared/corpus`,
//! else `docs-in/`), plus in each copy a `systemuser`-like hub page:
//!
//! - each copy's tables are renamed `<name>_c<i>` (every occurrence of the page's table logical
//!   name in its text, as `pipeline.rs` renames file stems), and so is every `systemuser` of the
//!   copy: lookups (`createdby`, `ownerid`, ...) and many-to-one relationships of the copy's
//!   pages then name the copy's hub `systemuser_c<i>`, as every Dynamics table names `systemuser`;
//! - the hub page (`c<i>/hub/systemuser_c<i>.md`) is written in the current ("E6") page format:
//!   messages, properties, ~100 writable and ~20 read-only columns modelled on the real
//!   systemuser page, its own many-to-one relationships, and a one-to-many relationship to every
//!   other table of its copy: the ones the copy's pages list as many-to-one from systemuser (same
//!   schema name and referencing column), plus `lk_<t>_createdby`, `lk_<t>_createdonbehalfby`,
//!   `lk_<t>_modifiedby`, `lk_<t>_modifiedonbehalfby` and `user_<t>` (`owninguser`) for each of
//!   those columns a table has and no page relationship covers, and `lk_<t>_createdby` for a
//!   table with none of them, as the real systemuser page lists them (1.8 MB, nearly all of it
//!   one-to-many blocks of that shape).
//!
//! `hub.rs` writes the hub page, `wide.rs` ([`wide_page`]) one page of a given size for the size-proportionality checks.

#![allow(dead_code)] // the bench and the example each use part of it

use dataverse_codegen::model::RelationshipKind;
use dataverse_codegen::source::SourceFile;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Copies in the Dynamics-size set.
pub const DEFAULT_COPIES: usize = 40;

/// The logical name of the hub table in the base pages (renamed per copy).
pub const HUB: &str = "systemuser";

/// The base pages a set is built from.
pub struct Base {
    pub dir: PathBuf,
    /// `false` when the corpus is absent and `docs-in/` is used instead.
    pub from_corpus: bool,
    pub pages: Vec<SourceFile>,
    /// The table logical names each page describes (as [`dataverse_codegen::build_model`]
    /// reads the page alone), the names renamed per copy.
    pub tables: Vec<Vec<String>>,
}

/// `DATAVERSE_BENCH_BASE` when set, else the corpus directory (`../../shared/corpus` from the
/// codegen crate), else `docs-in/` (then `false`: not the corpus).
pub fn base_dir() -> (PathBuf, bool) {
    if let Some(dir) = std::env::var_os("DATAVERSE_BENCH_BASE").filter(|d| !d.is_empty()) {
        return (PathBuf::from(dir), true);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../../shared/corpus");
    if corpus.is_dir() {
        (corpus, true)
    } else {
        (root.join("../docs-in"), false)
    }
}

/// Reads the base pages (every `*.md` but the corpus's `SOURCES*.md` notes).
pub fn read_base(dir: &Path, from_corpus: bool) -> Result<Base, String> {
    let docs = dataverse_codegen::io::read_docs(dir)
        .map_err(|d| format!("cannot read {}: {d}", dir.display()))?;
    let pages: Vec<SourceFile> = docs
        .files
        .into_iter()
        .filter(|f| !file_name(&f.path).starts_with("SOURCES"))
        .collect();
    if pages.is_empty() {
        return Err(format!("no pages in {}", dir.display()));
    }
    let tables = pages
        .iter()
        .map(|p| {
            let (model, _) = dataverse_codegen::build_model(std::slice::from_ref(p));
            let mut names: Vec<String> = model.tables.into_keys().collect();
            // Longest first, so a name inside another is renamed after it.
            names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            names
        })
        .collect();
    Ok(Base {
        dir: dir.to_path_buf(),
        from_corpus,
        pages,
        tables,
    })
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The renamed logical name of `name` in copy `copy`.
pub fn renamed(name: &str, copy: usize) -> String {
    format!("{name}_c{copy}")
}

/// `text` with `suffix` after every ASCII-case-insensitive occurrence of `name` (an ASCII
/// logical name), the occurrence's case kept: `Contact` -> `Contact_c0`, `contactid` ->
/// `contact_c0id`. Headings (`# Discount table/entity reference`) name extension tables.
pub fn rename(text: &str, name: &str, suffix: &str) -> String {
    let hay = text.as_bytes();
    let needle = name.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut last = 0;
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            at += needle.len();
            // An ASCII match starts and ends on character boundaries.
            out.push_str(&text[last..at]);
            out.push_str(suffix);
            last = at;
        } else {
            at += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// One copy of the base pages plus its hub page.
pub fn copy(base: &Base, i: usize) -> Vec<SourceFile> {
    let hub = renamed(HUB, i);
    let mut files: Vec<SourceFile> = base
        .pages
        .iter()
        .zip(&base.tables)
        .map(|(page, names)| {
            let suffix = format!("_c{i}");
            let mut text = page.text.clone();
            for name in names.iter().filter(|n| n.as_str() != HUB) {
                text = rename(&text, name, &suffix);
            }
            let text = rename(&text, HUB, &suffix);
            // Extension pages that state no logical name are named by their file.
            let (dir, name) = match page.path.rsplit_once('/') {
                Some((dir, name)) => (format!("{dir}/"), name),
                None => (String::new(), page.path.as_str()),
            };
            let (stem, rest) = name.split_once('.').unwrap_or((name, "md"));
            let path = if names.iter().any(|n| n == stem) {
                format!("c{i}/{dir}{}.{rest}", renamed(stem, i))
            } else {
                format!("c{i}/{}", page.path)
            };
            SourceFile::new(path, text)
        })
        .collect();
    let (model, _) = dataverse_codegen::build_model(&files);
    let mut related: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (logical, table) in &model.tables {
        if *logical == hub {
            continue;
        }
        let mut rels: Vec<(String, String)> = Vec::new();
        let mut covered: BTreeSet<String> = BTreeSet::new();
        for r in table.relationships.values() {
            if r.kind == RelationshipKind::ManyToOne && r.referenced_entity.as_deref() == Some(&hub)
            {
                if let Some(attr) = &r.referencing_attribute {
                    covered.insert(attr.clone());
                    rels.push((r.schema_name.clone(), attr.clone()));
                }
            }
        }
        for attr in [
            "createdby",
            "createdonbehalfby",
            "modifiedby",
            "modifiedonbehalfby",
            "owninguser",
        ] {
            if table.columns.contains_key(attr) && !covered.contains(attr) {
                let schema = if attr == "owninguser" {
                    format!("user_{logical}")
                } else {
                    format!("lk_{logical}_{attr}")
                };
                rels.push((schema, attr.to_string()));
            }
        }
        if rels.is_empty() {
            rels.push((format!("lk_{logical}_createdby"), "createdby".to_string()));
        }
        related.insert(logical.clone(), rels);
    }
    files.push(SourceFile::new(
        format!("c{i}/hub/{hub}.md"),
        hub_page(&hub, &related),
    ));
    files
}

/// The whole set: `copies` copies of the base pages, each with its hub.
pub fn dynamics_set(base: &Base, copies: usize) -> Vec<SourceFile> {
    (0..copies).flat_map(|i| copy(base, i)).collect()
}

/// Total bytes of page text.
pub fn bytes(files: &[SourceFile]) -> usize {
    files.iter().map(|f| f.text.len()).sum()
}

/// The copies asked for by `DATAVERSE_BENCH_COPIES`, else [`DEFAULT_COPIES`].
pub fn copies_from_env() -> usize {
    std::env::var("DATAVERSE_BENCH_COPIES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(DEFAULT_COPIES)
}

mod hub;
mod wide;

pub use hub::hub_page;
pub use wide::{wide_page, Shape};
