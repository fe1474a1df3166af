//! File system edges for the CLI and the build script: reading a docs directory, writing
//! output only when every file is ready and only where bytes changed.

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::HEADER;
use crate::source::{Loc, SourceFile};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The pages of a docs directory, and the files that could not be read as pages.
#[derive(Debug, Default)]
pub struct Docs {
    pub files: Vec<SourceFile>,
    /// Unreadable, binary or non-UTF-8 files: errors reported with the rest of the run.
    pub diagnostics: Diagnostics,
}

/// Reads every `*.md` under `dir` (recursively), sorted by relative path with `/` separators.
/// Only an unreadable directory is an `Err`; a bad file is a diagnostic in [`Docs`].
pub fn read_docs(dir: &Path) -> Result<Docs, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut paths = Vec::new();
    if let Err(e) = collect_md(dir, &mut paths) {
        diags.push(Diagnostic::error(
            loc(&dir.display().to_string()),
            format!("cannot read the docs directory: {e}"),
        ));
        return Err(diags);
    }
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let rel = relative(dir, &path);
        match std::fs::read(&path) {
            Ok(bytes) => match SourceFile::from_bytes(&rel, bytes) {
                Ok(f) => files.push(f),
                Err(d) => diags.push(d),
            },
            Err(e) => diags.push(Diagnostic::error(loc(&rel), format!("cannot read: {e}"))),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Docs {
        files,
        diagnostics: diags,
    })
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

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What [`write_output`] did.
#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
}

/// Writes `files` into `dir`: each through a temporary file and a rename, only when its bytes
/// changed; generated files no longer produced (recognized by the header) are removed.
pub fn write_output(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<WriteReport> {
    std::fs::create_dir_all(dir)?;
    let mut report = WriteReport::default();
    for (name, content) in files {
        let path = dir.join(name);
        if std::fs::read(&path).is_ok_and(|old| old == content.as_bytes()) {
            report.unchanged.push(name.clone());
            continue;
        }
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, content)?;
        std::fs::rename(&tmp, &path)?;
        report.written.push(name.clone());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") && !files.contains_key(&name) {
            let ours = std::fs::read_to_string(entry.path()).is_ok_and(|s| s.starts_with(HEADER));
            if ours {
                std::fs::remove_file(entry.path())?;
                report.removed.push(name);
            }
        }
    }
    Ok(report)
}
