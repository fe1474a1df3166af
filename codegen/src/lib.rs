//! dataverse-codegen: Dataverse table/entity reference pages -> typed Rust bindings.
//!
//! The pipeline, one function per arrow:
//!
//! ```text
//! SourceFile --parse::page--> Page --model::lower--> PageFacts --model::merge--> Model
//!   --model::validate--> (errors, or a Model whose every name follows Dataverse's rules)
//!   --resolve::table--> TablePlan (per generated table: what each column is on the wire)
//!   --names::assign--> Names --emit::table--> String (Rust source)
//!   --render::plain (build scripts) | render::pretty (syn + prettyplease)--> String
//! ```
//!
//! Everything but [`io`] is free of file system access; the CLI and the build script read the
//! docs with [`io::read_docs`], call [`generate`], and write with [`io::write_output`].

mod analyse;
use analyse::{analyse, parallel_map, parallel_map_with, Run};
pub mod cargo;
pub mod check;
pub mod diag;
#[cfg(feature = "diff")]
pub mod diff;
pub mod emit;
pub mod io;
pub mod model;
pub mod names;
pub mod parse;
pub mod render;
pub mod resolve;
pub mod source;
pub mod standalone;
pub mod text;
pub mod webapi;

use diag::{Diagnostic, Diagnostics, GenerateError};
use model::Model;
use source::{Loc, SourceFile};
use std::collections::{BTreeMap, BTreeSet};

/// Run options shared by the CLI and the build script.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Treat warnings as errors.
    pub strict: bool,
    /// Generate only these tables (logical names); all when `None`. Nothing else is pulled in:
    /// a lookup to a table that is not generated still binds with that table's entity set and
    /// navigation property (decided from every page), and an expansion of it reads as raw JSON.
    /// Global choices are the same whatever the selection (the types the selected tables use).
    pub tables: Option<BTreeSet<String>>,
    /// Merge only these products' extension layers (product slugs, see [`product_slug`]); base
    /// layers are always merged, and so are extension pages that name no product. All when
    /// `None`. A slug no page has is an error listing the known ones.
    pub products: Option<BTreeSet<String>>,
    /// The names an earlier run chose ([`names::NamesLock`], read from a
    /// [`names::LOCK_FILE`]): every item still in the docs keeps its recorded name, and new
    /// items never take one. `NamesLock::default()` records nothing: names as without a lock.
    /// With [`Options::tables`], the lock's entries of the tables not generated are kept as
    /// they are ([`names::AssignOptions::only`]).
    pub names: names::NamesLock,
    /// Drop the choice values the docs no longer list from the lock (and from the code)
    /// instead of keeping them one more release as deprecated constants: `generate --prune`,
    /// at release time.
    pub prune_removed: bool,
    /// What the output is compiled as: the build-script crate (every generated table is there)
    /// or a standalone crate with one cargo feature per table.
    pub layout: Layout,
    /// Write the code as the emitter wrote it, without the syn parse and prettyplease pass
    /// ([`render::plain`]): what build scripts do, since rustc reads it as well and nobody
    /// reviews `$OUT_DIR`. The reviewed mirror and the snapshots stay formatted.
    pub unformatted: bool,
}

/// How the generated files are compiled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// `include!`d from `$OUT_DIR` by a build script's crate: every generated table is there.
    #[default]
    BuildScript,
    /// A standalone crate (`generate --crate DIR`): each table is behind the cargo feature named
    /// as its module ([`TableFile::feature`]), so a reference to another table (a typed
    /// expansion) is that table's record only with its feature, raw JSON without it.
    Crate,
}

/// The name of the index file that declares one module per table.
pub const INDEX_FILE: &str = "tables.rs";

/// The name of the file of shared enums for global choices.
pub const CHOICES_FILE: &str = "choices.rs";

/// The name of the file of the `records` module: for each table another table refers to, its
/// record type when it is generated (in a standalone crate: when its feature is on), else raw
/// JSON. Navigation properties name their related rows through it.
pub const RECORDS_FILE: &str = "records.rs";

/// The name of the file of the `lookups` module: the shared enum of each table a one-target
/// lookup of a generated table points to (see `names::shared`).
pub const LOOKUPS_FILE: &str = "lookups.rs";

/// The name of the file the CLI's `generate` writes the schema of its output to, beside the
/// code, so the next run can report what changed (`diff::Schema`; not written by build scripts).
pub const SCHEMA_FILE: &str = "schema.json";

/// The items the generated index shares the crate root with: the `choices` module it declares
/// itself, and what the crate that includes it defines (`src/lib.rs`: the runtime module and
/// `pub use dataverse_runtime as runtime`). No table module may take these names.
/// `all` and `default` are the cargo features of a standalone crate besides one per table.
pub const ROOT_ITEMS: &[&str] = &[
    "choices",
    "lookups",
    "records",
    "runtime",
    "dataverse_tables",
    "all",
    "default",
];

/// What a successful run produces.
#[derive(Debug)]
pub struct Generated {
    /// File name -> content: [`INDEX_FILE`] and one `<logical name>.rs` per table.
    pub files: BTreeMap<String, String>,
    pub model: Model,
    /// Warnings (a successful run has no errors).
    pub diagnostics: Diagnostics,
    /// Markdown files that are not table pages ([`parse::recognise`]), in path order: not
    /// diagnostics, so `strict` does not count them. [`skipped_note`] is their one-line summary.
    pub skipped: Vec<Skipped>,
    /// Informational notes, one per table that had older copies of a product's page (see
    /// `older_copies`): not diagnostics, so `strict` does not count them.
    pub notes: Vec<String>,
    /// The names lock of this output: write it (with [`names::NamesLock::render`]) where
    /// [`Options::names`] came from to keep these names. The build script never writes it.
    pub names_lock: names::NamesLock,
    /// Names [`Options::names`] records that could not be kept, and why.
    pub lost_names: Vec<names::LostName>,
    /// The generated tables, in logical-name order.
    pub tables: Vec<TableFile>,
}

/// One generated table: its module and file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFile {
    pub logical_name: String,
    /// The module as the code names it (`r#type` for a keyword).
    pub module: String,
    /// Its file in [`Generated::files`] (`type.rs`).
    pub file: String,
    /// Its cargo feature in a standalone crate: the module without `r#`.
    pub feature: String,
}

/// A markdown file that is not a table page, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// The one line that names every skipped file and why, `None` when none was skipped.
pub fn skipped_note(skipped: &[Skipped]) -> Option<String> {
    let n = skipped.len();
    if n == 0 {
        return None;
    }
    let list: Vec<String> = skipped
        .iter()
        .map(|s| format!("{} ({})", s.file, s.reason))
        .collect();
    let text = format!(
        "note: skipped {n} markdown {}: {}",
        if n == 1 {
            "file that is not a table/entity reference page"
        } else {
            "files that are not table/entity reference pages"
        },
        list.join(", ")
    );
    Some(text::escape_hazards(&text).into_owned())
}

/// The slug that names a product in `--products` and `DATAVERSE_PRODUCTS`: the page's product
/// name without a leading `Microsoft ` and then without a leading `Dynamics 365 ` (when more
/// follows), lower-cased, every run of other characters than ASCII letters and digits one `-`,
/// with no `-` at either end. `Microsoft Dataverse` -> `dataverse`, `Microsoft Dynamics 365` ->
/// `dynamics-365`, `Microsoft Dynamics 365 Sales` -> `sales`, `Microsoft Dynamics 365 Customer
/// Service` -> `customer-service`.
pub fn product_slug(name: &str) -> String {
    let mut s = name.trim();
    if let Some(rest) = s.strip_prefix("Microsoft ") {
        s = rest.trim_start();
    }
    if let Some(rest) = s.strip_prefix("Dynamics 365 ") {
        if !rest.trim().is_empty() {
            s = rest.trim_start();
        }
    }
    let mut slug = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// One product of a docs set and the pages behind it, for the CLI's `products` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub slug: String,
    /// The full name the pages give (the first in name order when pages spell it differently).
    pub name: String,
    /// Page paths, each with whether it is an extension page.
    pub pages: Vec<(String, bool)>,
}

/// Parses, lowers and merges pages into the model. Pages are processed in path order whatever
/// order they are given in, so the model (and every diagnostic) is the same for any order.
/// Markdown files that are not table pages ([`parse::recognise`]) are left out.
pub fn build_model(sources: &[SourceFile]) -> (Model, Diagnostics) {
    build_model_of(sources, None)
}

/// [`build_model`] merging only the chosen products' extension layers (as [`Options::products`]),
/// exactly as [`generate`] merges them: what `diff` compares on each side.
pub fn build_model_of(
    sources: &[SourceFile],
    products: Option<&BTreeSet<String>>,
) -> (Model, Diagnostics) {
    let run = analyse(sources, products);
    (run.model, run.diags)
}

/// Every product the pages name, with the pages behind it (base or extension), in slug order.
/// Pages that name no product are not listed (they are merged whatever the selection).
pub fn products(sources: &[SourceFile]) -> (Vec<Product>, Diagnostics) {
    let run = analyse(sources, None);
    let mut list = run.products;
    for p in &mut list {
        p.pages.sort();
    }
    (list, run.diags)
}

/// The whole pipeline: pages in, formatted files out. Any error (or, with `strict`, any
/// warning) returns every diagnostic of the run and no output.
pub fn generate(sources: &[SourceFile], options: Options) -> Result<Generated, GenerateError> {
    generate_with(sources, Diagnostics::default(), &[], options)
}

/// [`generate`] over a docs directory read by [`io::read_docs`]: files that could not be read
/// are reported together with every other diagnostic of the run. The index file's header
/// records the commit of each docs root that is a git checkout ([`io::Docs::provenance`]).
pub fn generate_docs(docs: io::Docs, options: Options) -> Result<Generated, GenerateError> {
    let lines: Vec<String> = docs.provenance.iter().map(io::Provenance::line).collect();
    generate_with(&docs.files, docs.diagnostics, &lines, options)
}

fn generate_with(
    sources: &[SourceFile],
    earlier: Diagnostics,
    provenance: &[String],
    options: Options,
) -> Result<Generated, GenerateError> {
    let Run {
        model,
        mut diags,
        skipped,
        notes,
        ..
    } = analyse(sources, options.products.as_ref());
    diags.extend(earlier.0);
    if let Some(tables) = &options.tables {
        for name in tables.iter().filter(|t| !model.tables.contains_key(*t)) {
            diags.push(Diagnostic::error(
                Loc {
                    file: "DATAVERSE_TABLES".to_string(),
                    line: 1,
                    col: 1,
                },
                format!("table `{name}` was asked for, but no page describes it"),
            ));
        }
    }
    if options.strict {
        diags.promote_warnings();
    }
    let mut diags = diags.finish();
    if model.tables.is_empty() && !diags.has_errors() {
        diags.push(Diagnostic::error(
            Loc {
                file: "docs".to_string(),
                line: 1,
                col: 1,
            },
            "no table pages found: expected at least one `*.md` table/entity reference page",
        ));
    }
    if diags.has_errors() {
        return Err(GenerateError(diags.finish()));
    }
    // What each generated table's columns are, decided once (the resolve stage): the names
    // and the emitter both read it.
    let chosen: Vec<(&String, &model::Table)> = model
        .tables
        .iter()
        .filter(|(logical, _)| {
            options
                .tables
                .as_ref()
                .map_or(true, |s| s.contains(*logical))
        })
        .collect();
    let plans: BTreeMap<String, resolve::TablePlan> = parallel_map(&chosen, |(logical, t)| {
        ((*logical).clone(), resolve::table(&model, t))
    })
    .into_iter()
    .collect();
    let assign = names::AssignOptions {
        prune_removed: options.prune_removed,
        only: options.tables.as_ref(),
        plans: Some(&plans),
    };
    let names::Assigned {
        names,
        lock: names_lock,
        lost: lost_names,
    } = names::assign_with(&model, &options.names, assign);
    let render = |code: &str| {
        if options.unformatted {
            render::plain(code)
        } else {
            render::pretty(code)
        }
    };
    let mut files = BTreeMap::new();
    let index = render(&emit::index(&model, &names));
    let index = index.map_err(|e| internal(INDEX_FILE, &e))?;
    files.insert(
        INDEX_FILE.to_string(),
        render::with_provenance(index, provenance),
    );
    let choices = render(&emit::global_choices(&model, &names));
    let choices = choices.map_err(|e| internal(CHOICES_FILE, &e))?;
    files.insert(CHOICES_FILE.to_string(), choices);
    let records = render(&emit::records(&model, &names, options.layout));
    let records = records.map_err(|e| internal(RECORDS_FILE, &e))?;
    files.insert(RECORDS_FILE.to_string(), records);
    let lookups = render(&emit::lookups(&names, options.layout));
    let lookups = lookups.map_err(|e| internal(LOOKUPS_FILE, &e))?;
    files.insert(LOOKUPS_FILE.to_string(), lookups);
    let tables: Vec<(&String, &names::TableNames)> = names.tables.iter().collect();
    // One text buffer per thread, reused for every table it emits.
    let rendered = parallel_map_with(&tables, String::new, |code, (logical, table)| {
        code.clear();
        if let Some(plan) = plans.get(*logical) {
            emit::table(code, &model, plan, &names, logical);
        }
        render(code).map_err(|e| internal(&table.file, &e))
    });
    // File names come from the names stage: plain, unique, never the index or choices file.
    for ((_, table), code) in tables.into_iter().zip(rendered) {
        files.insert(table.file.clone(), code?);
    }
    let tables = names
        .tables
        .iter()
        .map(|(logical, n)| TableFile {
            logical_name: logical.clone(),
            module: n.module.clone(),
            file: n.file.clone(),
            feature: n.module.trim_start_matches("r#").to_string(),
        })
        .collect();
    Ok(Generated {
        files,
        tables,
        model,
        diagnostics: diags,
        skipped,
        notes,
        names_lock,
        lost_names,
    })
}

/// The emitter produced code that does not parse or that [`check`] refuses: a bug in this
/// crate, reported as a diagnostic rather than a panic so the build script still fails cleanly.
fn internal(file: &str, e: &str) -> GenerateError {
    let mut d = Diagnostics::default();
    d.push(Diagnostic::error(
        Loc {
            file: "<generated>".to_string(),
            line: 1,
            col: 1,
        },
        format!("internal error, please report: the generated `{file}` {e}"),
    ));
    GenerateError(d)
}

/// One line per table for the CLI summary.
pub fn summary(model: &Model) -> Vec<String> {
    model
        .tables
        .values()
        .map(|t| {
            let options: usize = t.columns.values().map(|c| c.options.len()).sum();
            let targets: usize = t.columns.values().map(|c| c.targets.len()).sum();
            format!(
                "{}: {} columns, {} choice values, {} lookup targets, {} relationships, from {} page{}",
                t.logical_name,
                t.columns.len(),
                options,
                targets,
                t.relationships.len(),
                t.origins.len(),
                if t.origins.len() == 1 { "" } else { "s" }
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
