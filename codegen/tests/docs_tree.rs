//! A docs tree laid out like the real repositories (two checkouts, several era folders of one
//! product, `toc.yml`, a deprecated-tables list, an action page, overview pages, Field Service
//! `d365/` and `dv/` subfolders, an extension page inside a base folder): it generates without
//! error, the skipped files and older copies are one note each, and product layers are a choice.

mod common;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{generate_docs, io, Generated, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn roots() -> Vec<PathBuf> {
    ["powerapps-docs", "dynamics-365-customer-engagement"]
        .iter()
        .map(|r| common::fixtures(&format!("docs-tree/{r}")))
        .collect()
}

fn run(roots: &[PathBuf], products: Option<&[&str]>) -> Generated {
    let docs = io::read_docs_roots(roots).expect("the roots read");
    assert!(docs.diagnostics.is_empty(), "{}", docs.diagnostics);
    let options = Options {
        strict: true,
        products: products.map(|p| p.iter().map(|s| s.to_string()).collect()),
        ..Options::default()
    };
    generate_docs(docs, options).unwrap_or_else(|e| panic!("{e}"))
}

/// What the user reads: warnings, the skipped-files note, the older-copies notes, a line per
/// table.
fn report(g: &Generated) -> String {
    let mut out = String::new();
    for d in g.diagnostics.iter() {
        out.push_str(&format!("{d}\n"));
    }
    for note in dataverse_codegen::skipped_note(&g.skipped)
        .into_iter()
        .chain(g.notes.iter().cloned())
    {
        out.push_str(&format!("{note}\n"));
    }
    for line in dataverse_codegen::summary(&g.model) {
        out.push_str(&format!("{line}\n"));
    }
    out
}

#[test]
fn the_tree_generates_strictly_with_one_note_for_the_skipped_files() {
    let g = run(&roots(), None);
    insta::assert_snapshot!("docs_tree_report", report(&g));
    let skipped: Vec<&str> = g.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    assert!(g.files.contains_key("sample_shelf.rs") && g.files.contains_key("sample_crate.rs"));
}

#[test]
fn the_output_does_not_depend_on_the_order_of_the_roots() {
    let mut reversed = roots();
    reversed.reverse();
    let (a, b) = (run(&roots(), None), run(&reversed, None));
    assert_eq!(a.files, b.files);
    assert_eq!(report(&a), report(&b));
}

/// Lines of `a` that `b` lacks (counting repeats), per file.
fn only_in(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (name, text) in a {
        let mut other: BTreeMap<&str, usize> = BTreeMap::new();
        for line in b.get(name).map(String::as_str).unwrap_or("").lines() {
            *other.entry(line).or_default() += 1;
        }
        for line in text.lines() {
            match other.get_mut(line) {
                Some(n) if *n > 0 => *n -= 1,
                _ => out.push_str(&format!("{name}: {line}\n")),
            }
        }
    }
    out
}

#[test]
fn product_layers_are_a_choice() {
    let all = run(&roots(), None);
    let sales = run(&roots(), Some(&["sales"]));
    let every = run(&roots(), Some(&["customer-service", "sales"]));
    assert_eq!(all.files, every.files, "every product is the default");
    let text = format!(
        "--- only with every product (customer-service, sales):\n{}--- only with --products sales:\n{}",
        only_in(&all.files, &sales.files),
        only_in(&sales.files, &all.files)
    );
    insta::assert_snapshot!("docs_tree_products_sales_vs_all", text);
}

#[test]
fn an_unknown_product_is_an_error_listing_the_known_ones() {
    let docs = io::read_docs_roots(&roots()).expect("the roots read");
    let options = Options {
        products: Some(BTreeSet::from(["field-service".to_string()])),
        ..Options::default()
    };
    let err = generate_docs(docs, options).expect_err("unknown product");
    assert_eq!(
        err.to_string(),
        "DATAVERSE_PRODUCTS:1:1: error: product `field-service` was asked for, but no page names it: the products of these pages are customer-service, dataverse, dynamics-365, sales\n1 error, 0 warnings"
    );
}

#[test]
fn products_lists_each_product_with_its_pages() {
    let docs = io::read_docs_roots(&roots()).expect("the roots read");
    let (products, diags) = dataverse_codegen::products(&docs.files);
    assert!(diags.is_empty(), "{diags}");
    let mut text = String::new();
    for p in products {
        text.push_str(&format!("{}: {}\n", p.slug, p.name));
        for (page, extension) in p.pages {
            let kind = if extension { "extension" } else { "base" };
            text.push_str(&format!("  {kind} {page}\n"));
        }
    }
    insta::assert_snapshot!("docs_tree_products", text);
}

/// Pages that spell one product two ways are one product, named by the first spelling in name
/// order (the same whatever order the pages come in).
#[test]
fn one_product_spelled_two_ways_is_named_by_the_first_spelling() {
    let page = |table: &str, product: &str| {
        format!(
            "# Sample ({table}) table/entity reference ({product})\n\n## Columns/Attributes\n\n### <a name=\"BKMK_sample_name\"></a> sample_name\n\n|Property|Value|\n|---|---|\n|LogicalName|sample_name|\n|Type|String|\n"
        )
    };
    let files = [
        SourceFile::new("a.md", page("sample_a", "Microsoft Dynamics 365 sales")),
        SourceFile::new("b.md", page("sample_b", "Microsoft Dynamics 365 Sales")),
    ];
    for order in [[0, 1], [1, 0]] {
        let sources: Vec<SourceFile> = order.iter().map(|&i| files[i].clone()).collect();
        let (products, diags) = dataverse_codegen::products(&sources);
        assert!(!diags.has_errors(), "{diags}");
        let names: Vec<(&str, &str, usize)> = products
            .iter()
            .map(|p| (p.slug.as_str(), p.name.as_str(), p.pages.len()))
            .collect();
        assert_eq!(names, [("sales", "Microsoft Dynamics 365 Sales", 2)]);
    }
}
