//! `dataverse-codegen diff`: what a docs update changes, for review and for CI.
//!
//! Exit status, as buf and cargo-semver-checks: 0 when no change (the allow file does not
//! accept) is at or above `--fail-on` and the version was bumped enough, 100 when one is or it
//! was not, 101 when the tool itself failed (a side that does not read or merge, a bad allow
//! file, git missing).

use clap::{Args, ValueEnum};
use dataverse_codegen::diag::Diagnostics;
use dataverse_codegen::diff::{self, allow::Allow, render, version, Bump, Level, Report, Schema};
use dataverse_codegen::io;
use dataverse_codegen::text::escape_hazards;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Some change is at or above `--fail-on`, or the version bump is short.
pub const CHANGES_FOUND: u8 = 100;
/// The tool failed.
pub const TOOL_FAILED: u8 = 101;

#[derive(Args)]
pub struct DiffArgs {
    /// The docs before: a directory, or `git:<rev>` for the `--docs` directories as they were
    /// at that revision (`git:HEAD~1`, `git:main`, `git:v0.3.0`).
    #[arg(long)]
    old: String,
    /// The docs after: a directory or `git:<rev>`; the `--docs` directories as they are now
    /// when left out.
    #[arg(long)]
    new: Option<String>,
    /// The docs directories `git:` revisions and the default `--new` read.
    #[arg(long, default_value = "docs-in", num_args = 1..)]
    docs: Vec<PathBuf>,
    /// Merge only these products' extension pages on both sides (as `generate`).
    #[arg(long)]
    products: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 100 when a change at or above this level is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Accepted changes: lines of `<fingerprint> <reason>`.
    #[arg(long)]
    allow: Option<PathBuf>,
    /// Show prose-only (`doc`) changes in the text, markdown and github formats.
    #[arg(long)]
    show_doc: bool,
    /// Check that this Cargo.toml's package version was bumped enough: the new version is read
    /// from the file, the old one from the same file at the `--old` revision.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// The old version, for `--manifest` when `--old` is a directory.
    #[arg(long)]
    old_version: Option<String>,
    /// The new version, instead of `--manifest`'s (a package with `version.workspace = true`).
    #[arg(long)]
    new_version: Option<String>,
    /// Prefix for page paths in `github` annotations (the docs directory from the repository
    /// root); the first `--docs` directory by default.
    #[arg(long)]
    path_prefix: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Github,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Doc,
    Never,
}

/// Runs `diff`; every failure is a message and [`TOOL_FAILED`].
pub fn run(args: DiffArgs) -> ExitCode {
    match compare(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {}", escape_hazards(&message));
            ExitCode::from(TOOL_FAILED)
        }
    }
}

fn compare(args: &DiffArgs) -> Result<ExitCode, String> {
    let products = args
        .products
        .as_deref()
        .map(super::products_option)
        .transpose()
        .map_err(|e| e.to_string())?;
    let old = side("old", &args.old, &args.docs, products.as_ref())?;
    let new = match &args.new {
        Some(spec) => side("new", spec, &args.docs, products.as_ref())?,
        None => side_from(
            "new",
            io::read_docs_roots(&args.docs),
            products.as_ref(),
            &args.docs,
        )?,
    };
    let mut report = diff::compare(&old, &new);
    if let Some(path) = &args.allow {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading the allow file {}: {e}", path.display()))?;
        let allow = Allow::parse(&text, &path.display().to_string()).map_err(|d| d.to_string())?;
        for (print, line) in allow.apply(&mut report) {
            eprintln!(
                "note: {}:{line}: {print} matches no change (remove it when it is no longer needed)",
                escape_hazards(&path.display().to_string())
            );
        }
    }
    let show = render::Show { doc: args.show_doc };
    let prefix = args
        .path_prefix
        .clone()
        .unwrap_or_else(|| default_prefix(args));
    print!(
        "{}",
        match args.format {
            Format::Text => render::text(&report, show),
            Format::Markdown => render::markdown(&report, show),
            Format::Github => render::github(&report, show, &prefix),
            Format::Json => render::json(&report),
        }
    );
    let bumped = version_check(args, report.semver)?;
    Ok(if fails(&report, args.fail_on) || !bumped {
        ExitCode::from(CHANGES_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where the new side's pages are, for annotations: the `--new` directory, else the one
/// `--docs` directory; none with several (their page paths start with root names).
fn default_prefix(args: &DiffArgs) -> String {
    let dir = match args.new.as_deref() {
        Some(spec) if !spec.starts_with("git:") => Some(PathBuf::from(spec)),
        _ if args.docs.len() == 1 => args.docs.first().cloned(),
        _ => None,
    };
    dir.map(|d| format!("{}/", d.display()).replace("//", "/"))
        .unwrap_or_default()
}

fn fails(report: &Report, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
        FailOn::Info => Level::Info,
        FailOn::Doc => Level::Doc,
        FailOn::Never => return false,
    };
    report.highest().is_some_and(|l| l >= threshold)
}

/// One side's schema: `git:<rev>` reads the docs roots at that revision, anything else is a
/// docs directory.
fn side(
    which: &str,
    spec: &str,
    roots: &[PathBuf],
    products: Option<&BTreeSet<String>>,
) -> Result<Schema, String> {
    match spec.strip_prefix("git:") {
        Some(rev) => side_from(which, io::git::read_docs_at(rev, roots), products, roots),
        None => {
            let dir = [PathBuf::from(spec)];
            side_from(which, io::read_docs_roots(&dir), products, &dir)
        }
    }
}

fn side_from(
    which: &str,
    docs: Result<io::Docs, Diagnostics>,
    products: Option<&BTreeSet<String>>,
    roots: &[PathBuf],
) -> Result<Schema, String> {
    let docs = docs.map_err(|d| format!("the {which} docs do not read:\n{d}"))?;
    if !docs.diagnostics.is_empty() {
        return Err(format!(
            "the {which} docs do not read:\n{}",
            docs.diagnostics
        ));
    }
    if docs.files.is_empty() {
        let dirs: Vec<String> = roots.iter().map(|d| d.display().to_string()).collect();
        return Err(format!(
            "the {which} docs ({}) hold no `*.md` page",
            escape_hazards(&dirs.join(", "))
        ));
    }
    let (model, diags) = dataverse_codegen::build_model_of(&docs.files, products);
    if diags.has_errors() {
        return Err(format!("the {which} docs do not merge:\n{diags}"));
    }
    if diags.warnings() > 0 {
        eprintln!(
            "note: the {which} docs have {} warning(s); `generate` shows them",
            diags.warnings()
        );
    }
    Ok(Schema::of(&model))
}

/// With `--manifest`: whether the package version was bumped enough for `needed` (a short
/// bump is reported on stderr).
fn version_check(args: &DiffArgs, needed: Bump) -> Result<bool, String> {
    let manifest = args.manifest.as_ref();
    if manifest.is_none() && args.old_version.is_none() && args.new_version.is_none() {
        return Ok(true);
    }
    let new = match (&args.new_version, manifest) {
        (Some(v), _) => v.clone(),
        (None, Some(path)) => {
            let shown = path.display().to_string();
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("reading {shown}: {e}"))?;
            version::manifest_version(&text, &shown)?
        }
        (None, None) => return Err("--old-version needs --new-version or --manifest".to_string()),
    };
    let old = match (&args.old_version, args.old.strip_prefix("git:"), manifest) {
        (Some(v), _, _) => v.clone(),
        (None, Some(rev), Some(path)) => old_manifest_version(rev, path)?,
        _ => {
            return Err(
                "checking the version with a directory as --old needs --old-version (the version the old docs were released as)"
                    .to_string(),
            )
        }
    };
    match version::check(&old, &new, needed) {
        Ok(()) => Ok(true),
        Err(message) => {
            eprintln!("error: {}", escape_hazards(&message));
            Ok(false)
        }
    }
}

fn old_manifest_version(rev: &str, manifest: &Path) -> Result<String, String> {
    let shown = format!("{} at git:{rev}", manifest.display());
    match io::git::read_file_at(rev, manifest) {
        Ok(Some(bytes)) => {
            let text = String::from_utf8(bytes).map_err(|_| format!("{shown} is not UTF-8"))?;
            version::manifest_version(&text, &shown)
        }
        Ok(None) => Err(format!("{shown} does not exist: give --old-version")),
        Err(d) => Err(d.to_string()),
    }
}

/// For `generate`: the schema of `model` as the JSON it writes beside the code (`None` for a
/// `--tables` selection, whose schema is not the docs' and is neither written nor compared),
/// and the one-line summary of what changed against the schema the output directory holds from
/// the last run, names the lockfile could not keep included.
pub fn against_previous(
    out: &Path,
    model: &dataverse_codegen::model::Model,
    lost: &[dataverse_codegen::names::LostName],
    selection: bool,
) -> (Option<String>, String) {
    let lost = diff::lost_names(lost);
    if selection {
        let summary = Report::new(lost).summary_line();
        return (None, format!("{summary} (tables not compared: --tables)"));
    }
    let schema = Schema::of(model).digest();
    let path = out.join(dataverse_codegen::SCHEMA_FILE);
    let (mut changes, note) = match previous(&path) {
        Ok(old) => (diff::compare(&old, &schema).changes, None),
        Err(why) => (Vec::new(), Some(why)),
    };
    changes.extend(lost);
    let summary = match note {
        None => Report::new(changes).summary_line(),
        Some(why) if changes.is_empty() => format!("schema changes: {why}"),
        Some(why) => format!("{} ({why})", Report::new(changes).summary_line()),
    };
    (
        Some(schema.to_json()),
        escape_hazards(&summary).into_owned(),
    )
}

/// The schema the last run wrote, or why there is none to compare with.
fn previous(path: &Path) -> Result<Schema, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("no earlier schema.json in the output to compare with".to_string())
        }
        Err(e) => return Err(format!("not compared ({}: {e})", path.display())),
    };
    let unreadable =
        |e: serde_json::Error| format!("not compared (the earlier schema.json does not read: {e})");
    /// The format alone, read first: a file of another format need not read as this one.
    #[derive(serde::Deserialize)]
    struct Format {
        format: u32,
    }
    let format = serde_json::from_slice::<Format>(&bytes)
        .map_err(unreadable)?
        .format;
    if format != diff::schema::FORMAT {
        return Err(format!(
            "not compared (the earlier schema.json has format {format}, this generator writes {})",
            diff::schema::FORMAT
        ));
    }
    serde_json::from_slice(&bytes).map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dvc-diff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn the_previous_schema_or_why_not() {
        let dir = scratch("previous");
        let path = dir.join("schema.json");
        let missing = previous(&path).unwrap_err();
        assert_eq!(
            missing,
            "no earlier schema.json in the output to compare with"
        );
        std::fs::create_dir_all(&path).expect("a directory in its place");
        let unreadable = previous(&path).unwrap_err();
        assert!(unreadable.starts_with("not compared ("), "{unreadable}");
        std::fs::remove_dir(&path).expect("rmdir");
        std::fs::write(&path, r#"{"format": 1, "tables": []}"#).expect("write");
        let old = previous(&path).unwrap_err();
        assert!(old.contains("has format 1, this generator writes"), "{old}");
        std::fs::write(&path, "{").expect("write");
        assert!(previous(&path).unwrap_err().contains("does not read"));
        let schema = Schema {
            format: diff::schema::FORMAT,
            ..Schema::default()
        };
        std::fs::write(&path, schema.to_json()).expect("write");
        assert_eq!(previous(&path), Ok(schema));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn annotation_paths_start_where_the_new_pages_are() {
        let args = |new: Option<&str>, docs: &[&str]| DiffArgs {
            old: "git:HEAD".into(),
            new: new.map(str::to_string),
            docs: docs.iter().map(PathBuf::from).collect(),
            products: None,
            format: Format::Github,
            fail_on: FailOn::Error,
            allow: None,
            show_doc: false,
            manifest: None,
            old_version: None,
            new_version: None,
            path_prefix: None,
        };
        assert_eq!(default_prefix(&args(None, &["docs-in"])), "docs-in/");
        assert_eq!(default_prefix(&args(Some("next/"), &["docs-in"])), "next/");
        assert_eq!(default_prefix(&args(Some("git:main"), &["a", "b"])), "");
        assert_eq!(default_prefix(&args(None, &["a", "b"])), "");
    }
}
