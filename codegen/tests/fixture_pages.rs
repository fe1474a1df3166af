//! Fixture pages written for the tests (fixtures/pages): one per format era and one with every
//! column type. Each page's model is a snapshot; the code generated from all of them is too.

mod common;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{build_model, generate, Options};
use std::collections::BTreeSet;

fn page(path: &std::path::Path) -> SourceFile {
    common::fixture_page(path, &["pages", "tables"])
}

#[test]
fn each_fixture_page_model() {
    insta::glob!("fixtures/pages/**/*.md", |path| {
        insta::assert_snapshot!(common::render_model(&[page(path)]));
    });
}

/// A second set of pages in every format era, written independently of `pages/`.
#[test]
fn each_second_set_page_model() {
    insta::glob!("fixtures/tables/**/*.md", |path| {
        insta::assert_snapshot!(common::render_model(&[page(path)]));
    });
}

#[test]
fn the_second_set_merges_and_generates_without_warnings() {
    let files = common::read(&common::fixtures("tables"));
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let generated = generate(&files, strict).unwrap_or_else(|e| panic!("{e}"));
    let t = &generated.model.tables["sample_bankaccount"];
    let regarding = &t.columns["sample_regardingobjectid"];
    assert_eq!(
        regarding.targets.iter().collect::<Vec<_>>(),
        ["account", "contact", "lead"]
    );
    assert_eq!(t.columns["sample_accounttype"].options.len(), 8);
}

#[test]
fn the_fixtures_cover_every_column_type() {
    let files = common::read(&common::fixtures("pages"));
    let (model, diags) = build_model(&files);
    assert!(!diags.has_errors(), "{diags}");
    let seen: BTreeSet<&str> = model
        .tables
        .values()
        .flat_map(|t| t.columns.values())
        .filter_map(|c| c.ty.as_ref().map(|t| t.word()))
        .collect();
    let all = [
        "String",
        "Memo",
        "Integer",
        "BigInt",
        "Decimal",
        "Double",
        "Money",
        "Boolean",
        "DateTime",
        "Lookup",
        "Customer",
        "Owner",
        "PartyList",
        "Picklist",
        "MultiSelectPicklist",
        "State",
        "Status",
        "Uniqueidentifier",
        "EntityName",
        "Image",
        "File",
        "Virtual",
        "ManagedProperty",
    ];
    let missing: Vec<_> = all.iter().filter(|t| !seen.contains(*t)).collect();
    assert!(missing.is_empty(), "no fixture column of type {missing:?}");
}

#[test]
fn generated_code_of_the_fixtures() {
    let files = common::read(&common::fixtures("pages"));
    let generated = generate(&files, Options::default()).unwrap_or_else(|e| panic!("{e}"));
    for (name, code) in &generated.files {
        insta::assert_snapshot!(format!("generated__{name}"), code);
    }
}
