//! `dataverse-codegen`: generate bindings from a docs directory, or print its merged model.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dataverse_codegen::text::escape_hazards;
use dataverse_codegen::{io, Options};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    version,
    about = "Typed Rust bindings from Dataverse table/entity reference pages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate one Rust file per table (and the module index) into the output directory.
    Generate {
        /// The directories of `*.md` pages (searched recursively): repeat it, or give several
        /// paths after one `--docs`.
        #[arg(long, default_value = "docs-in", num_args = 1..)]
        docs: Vec<PathBuf>,
        /// Where the generated files go; written only when everything succeeded.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Only these tables (comma-separated logical names) and the tables they reference.
        #[arg(long)]
        tables: Option<String>,
        /// Merge only these products' extension pages (comma-separated slugs, see `products`);
        /// base pages are always merged.
        #[arg(long)]
        products: Option<String>,
    },
    /// Print the merged model as JSON.
    Model {
        #[arg(long, default_value = "docs-in", num_args = 1..)]
        docs: Vec<PathBuf>,
        #[arg(long)]
        strict: bool,
        #[arg(long)]
        products: Option<String>,
    },
    /// List the products the pages name: slug, full name, and each page (base or extension).
    Products {
        #[arg(long, default_value = "docs-in", num_args = 1..)]
        docs: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `--tables a,b`: an empty or blank list is an error, not "no table" (nor "every table").
fn tables_option(list: &str) -> Result<std::collections::BTreeSet<String>> {
    let tables = dataverse_codegen::cargo::parse_tables(list);
    if tables.is_empty() {
        anyhow::bail!(
            "--tables names no table: list table logical names separated by commas, e.g. --tables account,contact, or leave it out to generate every table"
        );
    }
    Ok(tables)
}

/// `--products a,b`: as `--tables`, an empty list is an error.
fn products_option(list: &str) -> Result<std::collections::BTreeSet<String>> {
    let products = dataverse_codegen::cargo::parse_products(list);
    if products.is_empty() {
        anyhow::bail!(
            "--products names no product: list product names separated by commas, e.g. --products sales,customer-service (the `products` command lists them), or leave it out to merge every product"
        );
    }
    Ok(products)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let (docs_dirs, options) = match &cli.command {
        Command::Generate {
            docs,
            strict,
            tables,
            products,
            ..
        } => (
            docs,
            Options {
                strict: *strict,
                tables: tables.as_deref().map(tables_option).transpose()?,
                products: products.as_deref().map(products_option).transpose()?,
                ..Options::default()
            },
        ),
        Command::Model {
            docs,
            strict,
            products,
        } => (
            docs,
            Options {
                strict: *strict,
                tables: None,
                products: products.as_deref().map(products_option).transpose()?,
                ..Options::default()
            },
        ),
        Command::Products { docs } => (docs, Options::default()),
    };
    let docs = match io::read_docs_roots(docs_dirs) {
        Ok(docs) => docs,
        Err(diags) => {
            eprintln!("{diags}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if docs.files.is_empty() && docs.diagnostics.is_empty() {
        let dirs: Vec<String> = docs_dirs.iter().map(|d| d.display().to_string()).collect();
        eprintln!(
            "error: --docs {}: {}",
            escape_hazards(&dirs.join(", ")),
            dataverse_codegen::cargo::NO_PAGES
        );
        return Ok(ExitCode::FAILURE);
    }
    if let Command::Products { .. } = cli.command {
        let (products, diags) = dataverse_codegen::products(&docs.files);
        for d in diags.iter() {
            eprintln!("{d}");
        }
        for p in products {
            println!("{}: {}", p.slug, escape_hazards(&p.name));
            for (page, extension) in p.pages {
                let kind = if extension { "extension" } else { "base" };
                println!("  {kind} {}", escape_hazards(&page));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let generated = match dataverse_codegen::generate_docs(docs, options) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{}", e.0);
            return Ok(ExitCode::FAILURE);
        }
    };
    for d in generated.diagnostics.iter() {
        eprintln!("{d}");
    }
    // Informational: not warnings, so `--strict` does not count them.
    for note in dataverse_codegen::skipped_note(&generated.skipped)
        .into_iter()
        .chain(generated.notes.iter().cloned())
    {
        eprintln!("{note}");
    }
    match cli.command {
        Command::Generate { out, .. } => {
            let report = io::write_output(&out, &generated.files)
                .with_context(|| format!("writing {}", out.display()))?;
            for line in dataverse_codegen::summary(&generated.model) {
                println!("{line}");
            }
            println!(
                "{}: {} written, {} unchanged, {} removed",
                out.display(),
                report.written.len(),
                report.unchanged.len(),
                report.removed.len()
            );
        }
        Command::Model { .. } => {
            let json = serde_json::to_string_pretty(&generated.model)?;
            println!("{json}");
        }
        Command::Products { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}
