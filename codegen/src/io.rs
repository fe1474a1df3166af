//! File system edges for the CLI and the build script: reading a docs directory, writing
//! output as one set, only where bytes changed.

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::HEADER;
use crate::source::{Loc, SourceFile};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

pub mod git;
mod provenance;
pub(crate) mod write;
pub use provenance::{git_commit, provenance, Provenance};

/// The pages of one or more docs directories, and the files that could not be read as pages.
#[derive(Debug, Default)]
pub struct Docs {
    pub files: Vec<SourceFile>,
    /// Unreadable, binary or non-UTF-8 files (content or path): errors reported with the rest
    /// of the run.
    pub diagnostics: Diagnostics,
    /// The git commit of each root that is inside a git checkout of its own (see
    /// [`provenance`]), in root-name order: the generated index file's header records them.
    pub provenance: Vec<Provenance>,
}

/// Reads every `*.md` under `dir` (recursively), sorted by relative path with `/` separators.
/// Only an unreadable directory is an `Err`; a bad file is a diagnostic in [`Docs`], and so is
/// a path below `dir` that is not UTF-8 (a lossy name could collapse two pages into one).
pub fn read_docs(dir: &Path) -> Result<Docs, Diagnostics> {
    read_docs_roots(&[dir.to_path_buf()])
}

/// Reads every `*.md` under each root, as [`read_docs`] does for one. A root given twice is read
/// once. With one root, file paths are relative to it; with several, each file's path is
/// prefixed with its root's *name*: the root's last path component, or, when another root ends
/// the same way, its shortest run of trailing components that no other root ends with
/// (`.../data-platform/reference/entities`, `ce/sales/developer/reference/entities` and
/// `ce/developer/entities` are named `data-platform/reference/entities`,
/// `developer/reference/entities` and `developer/entities`). Names come
/// from the set of roots, so the paths (and the whole output) do not depend on the order the
/// roots are given in. Every unreadable root is an error; the others are still read.
pub fn read_docs_roots(roots: &[PathBuf]) -> Result<Docs, Diagnostics> {
    let mut unique: Vec<&PathBuf> = Vec::new();
    for r in roots {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    let names = root_names(&unique);
    let mut diags = Diagnostics::default();
    let mut failed = Diagnostics::default();
    let mut files = Vec::new();
    let mut provenance = Vec::new();
    for (dir, name) in unique.iter().zip(&names) {
        let prefix = if unique.len() == 1 {
            String::new()
        } else {
            format!("{name}/")
        };
        let mut paths = Vec::new();
        if let Err(e) = collect_md(dir, &mut paths) {
            failed.push(Diagnostic::error(
                loc(&dir.display().to_string()),
                format!("cannot read the docs directory: {e}"),
            ));
            continue;
        }
        read_files(dir, &prefix, paths, &mut files, &mut diags);
        if let Some(p) = self::provenance(dir, name) {
            provenance.push(p);
        }
    }
    if !failed.is_empty() {
        return Err(failed);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    provenance.sort_by(|a, b| a.root.cmp(&b.root));
    Ok(Docs {
        files,
        diagnostics: diags,
        provenance,
    })
}

fn read_files(
    dir: &Path,
    prefix: &str,
    paths: Vec<PathBuf>,
    files: &mut Vec<SourceFile>,
    diags: &mut Diagnostics,
) {
    for path in paths {
        let rel = match relative(dir, &path) {
            Ok(rel) => format!("{prefix}{rel}"),
            Err(lossy) => {
                let raw = path.strip_prefix(dir).unwrap_or(&path);
                diags.push(Diagnostic::error(
                    loc(&format!("{prefix}{lossy}")),
                    format!(
                        "the path {raw:?} is not valid UTF-8: rename it (pages are named by their UTF-8 path)"
                    ),
                ));
                continue;
            }
        };
        match std::fs::read(&path) {
            Ok(bytes) => match SourceFile::from_bytes(&rel, bytes) {
                Ok(f) => files.push(f),
                Err(d) => diags.push(d),
            },
            Err(e) => diags.push(Diagnostic::error(loc(&rel), format!("cannot read: {e}"))),
        }
    }
}

/// The name of each root (see [`read_docs_roots`]): the shortest run of trailing components no
/// other root ends with. Components are those of the absolute path (for `.` or `..`), shown
/// lossily when not UTF-8.
pub fn root_names(roots: &[&PathBuf]) -> Vec<String> {
    let parts: Vec<Vec<String>> = roots
        .iter()
        .map(|r| {
            let abs = std::fs::canonicalize(r).unwrap_or_else(|_| r.to_path_buf());
            abs.components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let suffix = |p: &[String], k: usize| p[p.len().saturating_sub(k)..].join("/");
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut k = 1;
            while k < p.len()
                && parts
                    .iter()
                    .enumerate()
                    .any(|(j, q)| j != i && suffix(q, k) == suffix(p, k))
            {
                k += 1;
            }
            let name = suffix(p, k);
            if name.is_empty() {
                "docs".to_string()
            } else {
                name
            }
        })
        .collect()
}

fn loc(file: &str) -> Loc {
    Loc {
        file: file.to_string(),
        line: 1,
        col: 1,
    }
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_md(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// `path` relative to `dir`, joined with `/`; `Err` with a lossy rendering (for the location
/// only) when a component is not UTF-8.
fn relative(dir: &Path, path: &Path) -> Result<String, String> {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    match parts {
        Some(parts) => Ok(parts.join("/")),
        None => Err(rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")),
    }
}

/// What [`write_output`] (or [`crate::standalone::write_crate`]) did: files by path relative
/// to the directory written, each list sorted.
#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
}

/// Whether `name` is a plain output file name: one path component of ASCII `[a-z0-9_]` and a
/// single `.rs` extension, e.g. `msdyn_ocsession.rs`. Separators, `..`, drive prefixes, dots,
/// spaces, upper case, non-ASCII and control characters are all refused, and so are the
/// Windows device names (`con.rs`, `nul.rs`, `com1.rs`, ...), which are no file on Windows.
pub fn is_plain_file_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".rs") else {
        return false;
    };
    let charset = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    charset && !WINDOWS_DEVICE_NAMES.contains(&stem)
}

/// File stems Windows reserves for devices (`nul.rs` is no file there): the names stage keeps
/// them for itself, and the writer refuses them.
pub const WINDOWS_DEVICE_NAMES: [&str; 24] = [
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Data files the CLI writes beside the code (the schema `generate` compares the next run
/// against, [`crate::SCHEMA_FILE`]): the only names besides [`is_plain_file_name`] ones that
/// [`write_output`] accepts.
pub const DATA_FILES: [&str; 1] = [crate::SCHEMA_FILE];

/// The flat output directory of [`write_output`]: every file of an output name in it is the
/// generator's, and a `.rs` file starting with [`HEADER`] is one it wrote.
struct Output;

impl write::Layout for Output {
    fn accepts(&self, name: &str) -> bool {
        is_plain_file_name(name) || DATA_FILES.contains(&name)
    }

    fn refusal(&self, name: &str, dir: &Path) -> String {
        format!(
            "refusing to write {name:?} into {}: an output file name must be one path component of [a-z0-9_] with a `.rs` extension, and not a Windows device name",
            dir.display()
        )
    }

    fn may_replace(&self, _name: &str, _old: &[u8]) -> Result<(), String> {
        Ok(())
    }

    fn is_stale(&self, name: &str, file: &Path) -> bool {
        name.ends_with(".rs") && write::starts_with(file, HEADER.as_bytes())
    }
}

/// Writes `files` into `dir` as one set.
///
/// 1. Every name must be [`is_plain_file_name`] or one of [`DATA_FILES`]; otherwise nothing is
///    written (not even `dir`) and the error, of kind [`io::ErrorKind::InvalidInput`], names
///    the file. A target that is a directory or a symbolic link is refused too, before
///    anything is written; any file of an output name is replaced (the directory is the
///    generator's).
/// 2. Staging files (`.{name}.tmp`) left by an interrupted run are removed.
/// 3. Each file whose bytes differ from what `dir` holds is written to its staging file. If any
///    of these writes fails, every staging file is removed and the error returned: the previous
///    output is untouched.
/// 4. Only then is each staging file renamed over its target (each rename is atomic).
/// 5. Only after every rename, generated files (`.rs` starting with [`HEADER`]) that `files` no
///    longer holds are removed. Other files are never removed.
pub fn write_output(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<WriteReport> {
    write::write_set(dir, files, &Output)
}

/// Writes one file whole (the names lockfile): staged beside it as `.{name}.tmp`, then renamed
/// over it, so a reader never sees half of it; nothing is written when it already holds
/// `content`. Returns whether it was written.
pub fn write_file(path: &Path, content: &str) -> io::Result<bool> {
    let tmp = write::staging_path(path)?;
    let _ = std::fs::remove_file(&tmp);
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(io::Error::other(format!(
            "{}: is a directory, not a file",
            path.display()
        )));
    }
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(false);
    }
    write::stage(&tmp, content)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        write::with_path(path, e)
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_file_names() {
        let cases: &[(&str, bool)] = &[
            ("msdyn_ocsession.rs", true),
            ("tables.rs", true),
            ("choices.rs", true),
            ("_private.rs", true),
            ("a.rs", true),
            ("x2.rs", true),
            ("com10.rs", true),
            ("console.rs", true),
            ("", false),
            (".rs", false),
            ("rs", false),
            ("a", false),
            ("a.txt", false),
            ("a.rs.rs", false),
            ("a.rs.tmp", false),
            (".a.rs", false),
            (".a.rs.tmp", false),
            ("..rs", false),
            ("/x.rs", false),
            ("../x.rs", false),
            ("..\\x.rs", false),
            ("a/b.rs", false),
            ("a\\b.rs", false),
            ("./a.rs", false),
            ("C:x.rs", false),
            ("c:x.rs", false),
            ("a b.rs", false),
            ("Sample_Foo.rs", false),
            ("a.RS", false),
            ("a-b.rs", false),
            ("café.rs", false),
            ("a\u{0}.rs", false),
            ("a\n.rs", false),
            ("a\t.rs", false),
            ("a.rs\n", false),
            ("a.rs ", false),
            (" a.rs", false),
            ("con.rs", false),
            ("nul.rs", false),
            ("aux.rs", false),
            ("prn.rs", false),
            ("com1.rs", false),
            ("lpt9.rs", false),
        ];
        for &(name, plain) in cases {
            assert_eq!(is_plain_file_name(name), plain, "{name:?}");
        }
    }

    #[test]
    fn root_names_are_the_shortest_distinct_suffixes() {
        let roots: Vec<PathBuf> = [
            "/r/powerapps-docs/developer/data-platform/reference/entities",
            "/r/ce/ce/sales/developer/reference/entities",
            "/r/ce/ce/developer/entities",
            "/r/other/dv",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let refs: Vec<&PathBuf> = roots.iter().collect();
        assert_eq!(
            root_names(&refs),
            [
                "data-platform/reference/entities",
                "developer/reference/entities",
                "developer/entities",
                "dv"
            ]
        );
        let mut reversed = refs.clone();
        reversed.reverse();
        let mut names = root_names(&reversed);
        names.reverse();
        assert_eq!(names, root_names(&refs));
    }
}
