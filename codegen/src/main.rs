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
        /// The directory of `*.md` pages (searched recursively).
        #[arg(long, default_value = "docs-in")]
        docs: PathBuf,
        /// Where the generated files go; written only when everything succeeded.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Only these tables (comma-separated logical names) and the tables they reference.
        #[arg(long)]
        tables: Option<String>,
    },
    /// Print the merged model as JSON.
    Model {
        #[arg(long, default_value = "docs-in")]
        docs: PathBuf,
        #[arg(long)]
        strict: bool,
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

fn run(cli: Cli) -> Result<ExitCode> {
    let (docs_dir, options) = match &cli.command {
        Command::Generate {
            docs,
            strict,
            tables,
            ..
        } => (
            docs,
            Options {
                strict: *strict,
                tables: tables.as_deref().map(tables_option).transpose()?,
            },
        ),
        Command::Model { docs, strict } => (
            docs,
            Options {
                strict: *strict,
                tables: None,
            },
        ),
    };
    let docs = match io::read_docs(docs_dir) {
        Ok(docs) => docs,
        Err(diags) => {
            eprintln!("{diags}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if docs.files.is_empty() && docs.diagnostics.is_empty() {
        eprintln!(
            "error: --docs {}: {}",
            escape_hazards(&docs_dir.display().to_string()),
            dataverse_codegen::cargo::NO_PAGES
        );
        return Ok(ExitCode::FAILURE);
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
    }
    Ok(ExitCode::SUCCESS)
}
