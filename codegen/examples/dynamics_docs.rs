//! Writes the Dynamics-size docs set of issue 10 to a directory, for `scripts/scale-check.sh`:
//!
//! ```sh
//! cargo run --release -p dataverse-codegen --example dynamics_docs -- OUT_DIR [--copies 40]
//! cargo run --release -p dataverse-codegen --example dynamics_docs -- OUT_DIR --page 12000 [--shape columns|relationships]
//! ```
//!
//! The set: `--copies` renamed copies of every corpus page (`../shared/corpus`, else `docs-in/`;
//! `--base DIR` picks another folder), each with a `systemuser_c<i>` hub page that has a
//! one-to-many relationship to every other table of its copy (see `benches/scale/mod.rs`).
//! `--page KB` writes instead the one big page of about KB kilobytes the bench times.
//! The last lines printed are `tables: <contact of copy 0> <hub of copy 0>` for the script.

#[path = "../benches/scale/mod.rs"]
mod scale;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("usage: dynamics_docs OUT_DIR [--copies N] [--base DIR] [--page KB [--shape columns|relationships]]");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut out: Option<PathBuf> = None;
    let mut copies = scale::DEFAULT_COPIES;
    let mut base_dir: Option<PathBuf> = None;
    let mut page_kb: Option<usize> = None;
    let mut shape = scale::Shape::Columns;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--copies" => {
                copies = value("--copies")?
                    .parse()
                    .map_err(|e| format!("--copies: {e}"))?;
            }
            "--base" => base_dir = Some(PathBuf::from(value("--base")?)),
            "--page" => {
                page_kb = Some(
                    value("--page")?
                        .parse()
                        .map_err(|e| format!("--page: {e}"))?,
                );
            }
            "--shape" => {
                shape = match value("--shape")?.as_str() {
                    "columns" => scale::Shape::Columns,
                    "relationships" => scale::Shape::Relationships,
                    other => {
                        return Err(format!(
                            "--shape {other}: expected columns or relationships"
                        ))
                    }
                };
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let out = out.ok_or("OUT_DIR is missing")?;
    if let Some(kb) = page_kb {
        let page = scale::wide_page(kb * 1000, shape);
        write(&out, &page)?;
        println!(
            "wrote 1 page, {:.1} MB ({} shape) to {}",
            page.text.len() as f64 / 1e6,
            shape.word(),
            out.display()
        );
        return Ok(());
    }
    if copies == 0 {
        return Err("--copies must be at least 1".to_string());
    }
    let (dir, from_corpus) = match base_dir {
        Some(d) => (d, true),
        None => scale::base_dir(),
    };
    if !from_corpus {
        eprintln!(
            "note: no corpus at ../shared/corpus: building the set from {}",
            dir.display()
        );
    }
    let base = scale::read_base(&dir, from_corpus)?;
    let mut pages = 0usize;
    let mut bytes = 0usize;
    let mut hub_bytes = 0usize;
    for i in 0..copies {
        for f in scale::copy(&base, i) {
            if f.path.contains("/hub/") {
                hub_bytes += f.text.len();
            }
            pages += 1;
            bytes += f.text.len();
            write(&out, &f)?;
        }
    }
    println!(
        "wrote {pages} pages, {:.1} MB ({copies} copies of {} pages from {}, plus one hub page of {:.0} kB per copy) to {}",
        bytes as f64 / 1e6,
        base.pages.len(),
        base.dir.display(),
        hub_bytes as f64 / 1e3 / copies as f64,
        out.display()
    );
    // The contact table of copy 0 when the base has one, else its first table.
    let first = base
        .tables
        .iter()
        .flatten()
        .find(|t| t.as_str() == "contact")
        .or_else(|| {
            base.tables
                .iter()
                .flatten()
                .find(|t| t.as_str() != scale::HUB)
        })
        .cloned()
        .unwrap_or_default();
    println!(
        "tables: {} {}",
        scale::renamed(&first, 0),
        scale::renamed(scale::HUB, 0)
    );
    Ok(())
}

fn write(out: &Path, f: &dataverse_codegen::source::SourceFile) -> Result<(), String> {
    let path = out.join(&f.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, &f.text).map_err(|e| format!("{}: {e}", path.display()))
}
