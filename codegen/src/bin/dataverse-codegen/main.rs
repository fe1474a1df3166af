//! `dataverse-codegen`: generate bindings from a docs directory, print its merged model, or
//! report what a docs update changes.

mod diff;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dataverse_codegen::names::NamesLock;
use dataverse_codegen::text::escape_hazards;
use dataverse_codegen::{io, standalone, Options};
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
        /// Only these tables (comma-separated logical names): nothing they refer to is pulled in.
        #[arg(long)]
        tables: Option<String>,
        /// Merge only these products' extension pages (comma-separated slugs, see `products`);
        /// base pages are always merged.
        #[arg(long)]
        products: Option<String>,
        /// The names lockfile: read, then rewritten with every identifier chosen. Default:
        /// `dataverse-names.lock` in the first docs directory (where build scripts read it).
        #[arg(long)]
        names: Option<PathBuf>,
        /// Drop the choice values removed from the docs that the lock keeps as deprecated
        /// constants (run at release time: they stay one release).
        #[arg(long)]
        prune: bool,
        /// Write a standalone crate into this directory instead of `--out`: Cargo.toml with one
        /// cargo feature per table and `all`, src/ with the modules, no build script.
        #[arg(long = "crate", value_name = "DIR", conflicts_with = "out")]
        krate: Option<PathBuf>,
        /// The standalone crate's package name [default: dataverse-tables].
        #[arg(long, value_name = "NAME", requires = "krate")]
        crate_name: Option<String>,
        /// The standalone crate's package version [default: 0.1.0].
        #[arg(long, value_name = "VERSION", requires = "krate")]
        crate_version: Option<String>,
        /// The standalone crate's `license` (an SPDX expression; crates.io requires one).
        #[arg(long, value_name = "SPDX", requires = "krate")]
        crate_license: Option<String>,
        /// Depend on the runtime crate by path (written as given: a relative path is relative
        /// to the crate directory) instead of by version.
        #[arg(
            long,
            value_name = "PATH",
            requires = "krate",
            conflicts_with = "runtime_version"
        )]
        runtime_path: Option<PathBuf>,
        /// The version requirement on `dataverse-runtime` [default: this generator's version].
        #[arg(long, value_name = "REQ", requires = "krate")]
        runtime_version: Option<String>,
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
    /// Report every schema change between two docs sets, classified (exit 0, 100 when a change
    /// is at or above --fail-on, 101 when the tool failed).
    Diff(diff::DiffArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // `diff` promises 101 for its own failures, usage errors included.
            let diff = std::env::args_os().nth(1).is_some_and(|a| a == "diff");
            return match e.exit_code() {
                0 => ExitCode::SUCCESS,
                _ if diff => ExitCode::from(diff::TOOL_FAILED),
                code => ExitCode::from(u8::try_from(code).unwrap_or(2)),
            };
        }
    };
    if let Command::Diff(args) = cli.command {
        return diff::run(args);
    }
    match run(cli) {
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

/// The names lockfile: `--names`, else `dataverse-names.lock` in the first docs directory.
fn lock_path(names: Option<&PathBuf>, docs: &[PathBuf]) -> PathBuf {
    match names {
        Some(path) => path.clone(),
        None => docs
            .first()
            .map_or_else(PathBuf::new, PathBuf::clone)
            .join(dataverse_codegen::names::LOCK_FILE),
    }
}

/// The lock at `path`; no lock when the file does not exist.
fn read_lock(path: &std::path::Path) -> Result<NamesLock, String> {
    match std::fs::read(path) {
        Ok(bytes) => {
            NamesLock::from_bytes(&bytes, &path.display().to_string()).map_err(|d| d.to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(NamesLock::default()),
        Err(e) => Err(format!(
            "error: reading the names lockfile {}: {e}",
            path.display()
        )),
    }
}

/// The standalone crate's flags of `generate --crate`.
struct CrateArgs {
    name: Option<String>,
    version: Option<String>,
    license: Option<String>,
    runtime_path: Option<PathBuf>,
    runtime_version: Option<String>,
}

impl CrateArgs {
    fn options(self) -> Result<standalone::CrateOptions> {
        let defaults = standalone::CrateOptions::default();
        let runtime = match (self.runtime_path, self.runtime_version) {
            (Some(path), _) => match path.to_str() {
                Some(path) => standalone::Runtime::Path(path.to_string()),
                None => anyhow::bail!(
                    "--runtime-path {}: not UTF-8, which Cargo.toml cannot hold",
                    escape_hazards(&path.to_string_lossy())
                ),
            },
            (None, Some(req)) => standalone::Runtime::Version(req),
            (None, None) => defaults.runtime,
        };
        Ok(standalone::CrateOptions {
            name: self.name.unwrap_or(defaults.name),
            version: self.version.unwrap_or(defaults.version),
            license: self.license,
            runtime,
            standalone: true,
        })
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let (docs_dirs, options) = match &cli.command {
        Command::Generate {
            docs,
            strict,
            tables,
            products,
            names,
            prune,
            krate,
            ..
        } => (
            docs,
            Options {
                strict: *strict,
                tables: tables.as_deref().map(tables_option).transpose()?,
                products: products.as_deref().map(products_option).transpose()?,
                names: match read_lock(&lock_path(names.as_ref(), docs)) {
                    Ok(lock) => lock,
                    Err(diags) => {
                        eprintln!("{diags}");
                        return Ok(ExitCode::FAILURE);
                    }
                },
                prune_removed: *prune,
                layout: match krate {
                    Some(_) => dataverse_codegen::Layout::Crate,
                    None => dataverse_codegen::Layout::BuildScript,
                },
                unformatted: false,
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
                products: products.as_deref().map(products_option).transpose()?,
                ..Options::default()
            },
        ),
        Command::Products { docs } => (docs, Options::default()),
        Command::Diff(_) => return Ok(ExitCode::SUCCESS),
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
    let mut generated = match dataverse_codegen::generate_docs(docs, options) {
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
        Command::Generate {
            out,
            names,
            docs,
            tables,
            krate,
            crate_name,
            crate_version,
            crate_license,
            runtime_path,
            runtime_version,
            ..
        } => {
            // A standalone crate keeps its schema digest at its top, beside Cargo.toml.
            let out = krate.as_ref().unwrap_or(&out);
            let mut files = match &krate {
                None => std::mem::take(&mut generated.files),
                Some(_) => {
                    let options = CrateArgs {
                        name: crate_name,
                        version: crate_version,
                        license: crate_license,
                        runtime_path,
                        runtime_version,
                    }
                    .options()?;
                    standalone::crate_files(&generated, &options)
                        .map_err(anyhow::Error::msg)
                        .with_context(|| format!("the crate {}", out.display()))?
                }
            };
            let lost = &generated.lost_names;
            let selection = tables.is_some();
            let (schema, changes) = diff::against_previous(out, &generated.model, lost, selection);
            if let Some(schema) = schema {
                files.insert(dataverse_codegen::SCHEMA_FILE.to_string(), schema);
            }
            let report = match krate {
                None => io::write_output(out, &files),
                Some(_) => standalone::write_crate(out, &files),
            }
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
            let lock = lock_path(names.as_ref(), &docs);
            io::write_file(&lock, &generated.names_lock.render())
                .with_context(|| format!("writing the names lockfile {}", lock.display()))?;
            for lost in &generated.lost_names {
                eprintln!("warning: {}", escape_hazards(&lost.to_string()));
            }
            println!("{changes}");
        }
        Command::Model { .. } => {
            let json = serde_json::to_string_pretty(&generated.model)?;
            println!("{json}");
        }
        Command::Products { .. } | Command::Diff(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}
