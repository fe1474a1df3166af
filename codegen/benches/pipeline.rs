//! `cargo bench -p dataverse-codegen`: throughput of the pipeline against one bare
//! pulldown-cmark pass over the same bytes (the yardstick in DEVELOPERS.md).
//!
//! The input is every page of `../shared/corpus` (else `docs-in/`), copied until it reaches
//! `DATAVERSE_BENCH_MB` megabytes (default 50), each copy's tables renamed so they stay apart.

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{build_model, generate, Options};
use pulldown_cmark::{Options as MdOptions, Parser};
use std::path::Path;
use std::time::{Duration, Instant};

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
    let names = dataverse_codegen::names::assign(&m);
    let emit_only = best_of(1, || {
        for t in m.tables.keys() {
            std::hint::black_box(dataverse_codegen::emit::table(&m, &names, t).to_string());
        }
    });
    let parse_only = best_of(1, || {
        for t in m.tables.keys() {
            let ts = dataverse_codegen::emit::table(&m, &names, t);
            std::hint::black_box(syn::parse2::<syn::File>(ts).ok());
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
    row("  of which emit to tokens (1 thread)", emit_only);
    row("  of which emit + syn parse (1 thread)", parse_only);
}

fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}
