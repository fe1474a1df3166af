//! dataverse-codegen: Dataverse table/entity reference pages -> typed Rust bindings.
//!
//! The pipeline, one function per arrow:
//!
//! ```text
//! SourceFile --parse::page--> Page --model::lower--> PageFacts --model::merge--> Model
//!   --model::validate--> (errors, or a Model whose every name follows Dataverse's rules)
//!   --names::assign--> Names --emit::table--> TokenStream --render::pretty--> String
//! ```
//!
//! Everything but [`io`] is free of file system access; the CLI and the build script read the
//! docs with [`io::read_docs`], call [`generate`], and write with [`io::write_output`].

pub mod cargo;
pub mod check;
pub mod diag;
pub mod emit;
pub mod io;
pub mod model;
pub mod names;
pub mod parse;
pub mod render;
pub mod source;
pub mod text;
pub mod webapi;

use diag::{Diagnostic, Diagnostics, GenerateError};
use model::Model;
use source::{Loc, SourceFile};
use std::collections::BTreeMap;

/// Run options shared by the CLI and the build script.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Treat warnings as errors.
    pub strict: bool,
    /// Generate only these tables (logical names) and the tables they reference; all when `None`.
    pub tables: Option<std::collections::BTreeSet<String>>,
}

/// The name of the index file that declares one module per table.
pub const INDEX_FILE: &str = "tables.rs";

/// The name of the file of shared enums for global choices.
pub const CHOICES_FILE: &str = "choices.rs";

/// The items the generated index shares the crate root with: the `choices` module it declares
/// itself, and what the crate that includes it defines (`src/lib.rs`: the runtime module and
/// `extern crate self as dataverse_tables`). No table module may take these names.
pub const ROOT_ITEMS: &[&str] = &["choices", "runtime", "dataverse_tables"];

/// What a successful run produces.
#[derive(Debug)]
pub struct Generated {
    /// File name -> content: [`INDEX_FILE`] and one `<logical name>.rs` per table.
    pub files: BTreeMap<String, String>,
    pub model: Model,
    /// Warnings (a successful run has no errors).
    pub diagnostics: Diagnostics,
}

/// Parses, lowers and merges pages into the model. Pages are processed in path order whatever
/// order they are given in, so the model (and every diagnostic) is the same for any order.
pub fn build_model(sources: &[SourceFile]) -> (Model, Diagnostics) {
    let mut sorted: Vec<&SourceFile> = sources.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut diags = Diagnostics::default();
    let mut facts = Vec::with_capacity(sorted.len());
    for (fact, ds) in parallel_map(&sorted, |file| {
        let (page, mut ds) = parse::page(file);
        let (fact, more) = model::lower(file, &page);
        ds.extend(more);
        (fact, ds)
    }) {
        diags.extend(ds);
        facts.extend(fact);
    }
    let (model, ds) = model::merge(facts);
    diags.extend(ds);
    diags.extend(model::validate(&model));
    (model, diags.finish())
}

/// Maps `f` over `items` on every available core, keeping the input order in the output.
/// Pages are independent until the merge, so parsing and lowering scale with the cores.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    // Interleaved chunks of similar total size would be better for skewed page sizes; contiguous
    // chunks keep the order trivially and are close enough for a docs set of many pages.
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// The whole pipeline: pages in, formatted files out. Any error (or, with `strict`, any
/// warning) returns every diagnostic of the run and no output.
pub fn generate(sources: &[SourceFile], options: Options) -> Result<Generated, GenerateError> {
    generate_with(sources, Diagnostics::default(), options)
}

/// [`generate`] over a docs directory read by [`io::read_docs`]: files that could not be read
/// are reported together with every other diagnostic of the run.
pub fn generate_docs(docs: io::Docs, options: Options) -> Result<Generated, GenerateError> {
    generate_with(&docs.files, docs.diagnostics, options)
}

fn generate_with(
    sources: &[SourceFile],
    earlier: Diagnostics,
    options: Options,
) -> Result<Generated, GenerateError> {
    let (mut model, mut diags) = build_model(sources);
    diags.extend(earlier.0);
    if let Some(tables) = &options.tables {
        for name in model.select(tables) {
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
    let names = names::assign(&model);
    let mut files = BTreeMap::new();
    let index = render::pretty(emit::index(&model, &names));
    files.insert(
        INDEX_FILE.to_string(),
        index.map_err(|e| internal(INDEX_FILE, &e))?,
    );
    let choices = render::pretty(emit::global_choices(&model, &names));
    let choices = choices.map_err(|e| internal(CHOICES_FILE, &e))?;
    files.insert(CHOICES_FILE.to_string(), choices);
    let tables: Vec<(&String, &names::TableNames)> = names.tables.iter().collect();
    let rendered = parallel_map(&tables, |(logical, table)| {
        render::pretty(emit::table(&model, &names, logical)).map_err(|e| internal(&table.file, &e))
    });
    // File names come from the names stage: plain, unique, never the index or choices file.
    for ((_, table), code) in tables.into_iter().zip(rendered) {
        files.insert(table.file.clone(), code?);
    }
    Ok(Generated {
        files,
        model,
        diagnostics: diags,
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
