//! Every real page in ../shared/corpus parses with no error (skips when the corpus is absent).

mod common;

use dataverse_codegen::build_model;

#[test]
fn every_corpus_page_parses_without_error() {
    let Some(dir) = common::corpus() else {
        eprintln!("SKIPPED: ../shared/corpus is not present beside the project");
        return;
    };
    let files: Vec<_> = common::read(&dir)
        .into_iter()
        .filter(|f| {
            !f.path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .starts_with("SOURCES")
        })
        .collect();
    assert!(files.len() >= 30, "only {} corpus pages", files.len());
    let (model, diags) = build_model(&files);
    assert!(!diags.has_errors(), "{diags}");
    let columns: usize = model.tables.values().map(|t| t.columns.len()).sum();
    let options: usize = model
        .tables
        .values()
        .flat_map(|t| t.columns.values())
        .map(|c| c.options.len())
        .sum();
    let rels: usize = model.tables.values().map(|t| t.relationships.len()).sum();
    eprintln!(
        "corpus: {} pages, {} tables, {columns} columns, {options} choice values, {rels} relationships, {} warnings",
        files.len(),
        model.tables.len(),
        diags.warnings()
    );
    for d in diags.iter() {
        eprintln!("  {d}");
    }
    assert!(columns > 300 && options > 100 && rels > 100);
}
