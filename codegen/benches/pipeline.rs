//! `cargo bench -p dataverse-codegen`: throughput of the pipeline against one bare
//! pulldown-cmark pass over the same bytes (the yardstick in DEVELOPERS.md).
//!
//! The input is every page of `../shared/corpus` (else `docs-in/`), copied until it reaches
//! `DATAVERSE_BENCH_MB` megabytes (default 50), each copy's tables renamed so they stay apart.
//!
//! Then pathological cells: one page each whose column `Description` cell is ~200 kB of one
//! run that once made cell normalization quadratic (`*`, ` *`, `[`, `[x](`), timed through
//! `generate` against a bare pulldown-cmark pass over the same page.
#[path = "common/timing.rs"]
mod timing;
use timing::best_of;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{build_model, generate, Options};
use pulldown_cmark::{Options as MdOptions, Parser};
use std::path::Path;
use std::time::Duration;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../../shared/corpus");
    let dir = if corpus.is_dir() {
        corpus
    } else {
        root.join("../docs-in")
    };
    let pages: Vec<SourceFile> = match dataverse_codegen::io::read_docs(&dir) {
        Ok(docs) => docs
            .files
            .into_iter()
            .filter(|f| {
                !f.path
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .starts_with("SOURCES")
            })
            .collect(),
        Err(d) => panic!("cannot read {}: {d}", dir.display()),
    };
    let target_mb: usize = std::env::var("DATAVERSE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let one: usize = pages.iter().map(|p| p.text.len()).sum();
    let copies = (target_mb * 1_000_000).div_ceil(one.max(1));
    let mut files = Vec::with_capacity(pages.len() * copies);
    for i in 0..copies {
        for p in &pages {
            let stem = p
                .path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .split('.')
                .next()
                .unwrap_or("");
            let text = p.text.replace(stem, &format!("{stem}_c{i}"));
            files.push(SourceFile::new(format!("c{i}/{}", p.path), text));
        }
    }
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    println!(
        "input: {} pages, {:.1} MB ({} copies of {} pages from {})",
        files.len(),
        bytes as f64 / 1e6,
        copies,
        pages.len(),
        dir.display()
    );

    let bare = best_of(3, || {
        let mut events = 0usize;
        let opts = MdOptions::ENABLE_TABLES | MdOptions::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        for f in &files {
            events += Parser::new_ext(&f.text, opts).into_offset_iter().count();
        }
        std::hint::black_box(events);
    });
    let model = best_of(3, || {
        std::hint::black_box(build_model(&files));
    });
    let (m, _) = build_model(&files);
    let names = dataverse_codegen::names::assign(&m, &Default::default()).names;
    let plan = |t: &String| dataverse_codegen::resolve::table(&m, &m.tables[t]);
    let emit_only = best_of(1, || {
        let mut code = String::new();
        for t in m.tables.keys() {
            code.clear();
            dataverse_codegen::emit::table(&mut code, &m, &plan(t), &names, t);
            std::hint::black_box(&code);
        }
    });
    let parse_only = best_of(1, || {
        let mut code = String::new();
        for t in m.tables.keys() {
            code.clear();
            dataverse_codegen::emit::table(&mut code, &m, &plan(t), &names, t);
            std::hint::black_box(syn::parse_file(&code).ok());
        }
    });
    let full = best_of(3, || {
        let _ = std::hint::black_box(generate(&files, Options::default()));
    });
    let row = |name: &str, d: Duration| {
        println!(
            "{name:<42} {:>8.1} ms {:>8.1} MB/s {:>6.2}x bare",
            d.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / d.as_secs_f64(),
            d.as_secs_f64() / bare.as_secs_f64()
        );
    };
    row("bare pulldown-cmark pass (1 thread)", bare);
    row("parse + lower + merge (all cores)", model);
    row("generate: + names, emit, render (all cores)", full);
    row("  of which emit to text (1 thread)", emit_only);
    row("  of which emit + syn parse (1 thread)", parse_only);

    println!("pathological cells (one page, ~200 kB Description cell):");
    for (name, unit) in [
        ("`*`", "*"),
        ("` *`", " *"),
        ("`[`", "["),
        ("`[x](`", "[x]("),
    ] {
        let page = pathological_page(&unit.repeat(200_000 / unit.len()));
        let bytes = page.text.len();
        let bare = best_of(3, || {
            let opts = MdOptions::ENABLE_TABLES | MdOptions::ENABLE_YAML_STYLE_METADATA_BLOCKS;
            let events = Parser::new_ext(&page.text, opts).into_offset_iter().count();
            std::hint::black_box(events);
        });
        let files = [page];
        // The timing must cover the whole pipeline, not an early error.
        let outcome = match generate(&files, Options::default()) {
            Ok(g) => format!("{} files", g.files.len()),
            Err(e) => format!("FAILED: {e}"),
        };
        let full = best_of(3, || {
            let _ = std::hint::black_box(generate(&files, Options::default()));
        });
        println!(
            "{:<42} {:>8.1} ms {:>8.1} MB/s {:>6.2}x bare ({outcome})",
            format!("generate, {name} run ({:.1} kB)", bytes as f64 / 1e3),
            full.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / full.as_secs_f64(),
            full.as_secs_f64() / bare.as_secs_f64()
        );
    }
}

/// A small valid page whose one column has `description` as its Description cell.
fn pathological_page(description: &str) -> SourceFile {
    let text = format!(
        "---
title: \"Pathological (sample_pathological) table/entity reference (Microsoft Dataverse)\"
ms.topic: reference
---

# Pathological (sample_pathological) table/entity reference

## Properties

|Property|Value|
|---|---|
|LogicalName|`sample_pathological`|
|SchemaName|`sample_Pathological`|
|EntitySetName|`sample_pathologicals`|
|PrimaryIdAttribute|`sample_pathologicalid`|

## Writable columns/attributes

### <a name=\"BKMK_sample_Name\"></a> sample_Name

|Property|Value|
|---|---|
|Description|{description}|
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`sample_name`|
|RequiredLevel|None|
|Type|String|
|MaxLength|100|
"
    );
    SourceFile::new("pathological/sample_pathological.md", text)
}
