//! The one writer of a set of files, all or nothing: every changed file is staged beside its
//! destination, and only when all are staged are they renamed, so a failure before the renames
//! leaves the previous set whole. It writes the flat output directory
//! ([`super::write_output`]) and the standalone crate tree
//! ([`crate::standalone::write_crate`]); a [`Layout`] says what differs between them.

use super::WriteReport;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What differs between the sets [`write_set`] writes. Paths are relative to the set's
/// directory, with `/` separators.
pub(crate) trait Layout {
    /// Whether the set may hold a file at `path`. A path it refuses fails the whole set before
    /// anything is written; a staging file of a path it accepts is the writer's own leftover.
    /// It must accept only paths of one component, or of one of [`Layout::subdirs`] and one.
    fn accepts(&self, path: &str) -> bool;
    /// The error message refusing `path`, one [`Layout::accepts`] refuses, in `dir`.
    fn refusal(&self, path: &str, dir: &Path) -> String;
    /// The subdirectories of one component the files may go into besides the directory itself:
    /// created, refused when a symbolic link or a file, searched for leftovers and stale files.
    fn subdirs(&self) -> &[&str] {
        &[]
    }
    /// Whether an existing file at `path`, holding `old` (not the set's bytes), may be
    /// replaced: `Err` says why not, and the whole set fails before anything is written.
    fn may_replace(&self, path: &str, old: &[u8]) -> Result<(), String>;
    /// Whether the regular file `file`, at `path`, that the set does not hold, is one an
    /// earlier set wrote and the writer removes after the renames.
    fn is_stale(&self, path: &str, file: &Path) -> bool;
    /// The order of the renames: lower ranks first, then by path.
    fn rank(&self, _path: &str) -> u8 {
        0
    }
}

/// Writes `files` into `dir` as one set, never outside it.
///
/// 1. Every path must be one `layout` accepts; no subdirectory may be a symbolic link or a
///    file; no destination may be a symbolic link or a directory; and a destination that holds
///    other bytes must be one `layout` may replace. Otherwise nothing is written (not even
///    `dir`) and the error names the file: [`io::ErrorKind::InvalidInput`] for a refused path,
///    [`io::ErrorKind::AlreadyExists`] for a file that may not be replaced.
/// 2. Staging files (`.{name}.tmp`) of accepted paths, left by an interrupted run, are removed.
/// 3. Each file whose bytes differ from what `dir` holds is written to its staging file beside
///    its destination; the others are not touched (reported unchanged). If any write fails,
///    every staging file is removed and the error returned: the previous set is untouched.
/// 4. Only then is each staging file renamed over its destination, in [`Layout::rank`] order
///    (each rename is atomic).
/// 5. Only after every rename, the regular files `files` does not hold that
///    [`Layout::is_stale`] calls stale are removed. Nothing else is ever removed.
pub(crate) fn write_set(
    dir: &Path,
    files: &BTreeMap<String, String>,
    layout: &impl Layout,
) -> io::Result<WriteReport> {
    if let Some(bad) = files.keys().find(|p| !layout.accepts(p)) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            layout.refusal(bad, dir),
        ));
    }
    let mut folders = vec![(String::new(), dir.to_path_buf())];
    for sub in layout.subdirs() {
        let path = dir.join(sub);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            return Err(io::Error::other(format!(
                "{}: is not a directory (a symbolic link or a file): refusing to write files there",
                path.display()
            )));
        }
        folders.push((format!("{sub}/"), path));
    }
    let mut report = WriteReport::default();
    let mut changed: Vec<(&str, &str)> = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        match existing(&path)? {
            Some(old) if old == content.as_bytes() => report.unchanged.push(name.clone()),
            Some(old) => {
                layout.may_replace(name, &old).map_err(|why| {
                    io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!("{}: {why}", path.display()),
                    )
                })?;
                changed.push((name, content));
            }
            None => changed.push((name, content)),
        }
    }

    for (prefix, path) in &folders {
        std::fs::create_dir_all(path).map_err(|e| with_path(path, e))?;
        remove_leftover_staging(path, |name| layout.accepts(&format!("{prefix}{name}")))?;
    }
    changed.sort_by_key(|(name, _)| (layout.rank(name), *name));
    let mut staged: Vec<(PathBuf, PathBuf, &str)> = Vec::new();
    for (name, content) in changed {
        let path = dir.join(name);
        let tmp = staging_path(&path)?;
        if let Err(e) = stage(&tmp, content) {
            discard(&staged);
            return Err(e);
        }
        staged.push((tmp, path, name));
    }
    rename_all(&staged)?;
    report.written = staged.iter().map(|(_, _, n)| n.to_string()).collect();
    report.written.sort();

    for (prefix, path) in &folders {
        for entry in std::fs::read_dir(path).map_err(|e| with_path(path, e))? {
            let entry = entry.map_err(|e| with_path(path, e))?;
            let Some(name) = entry.file_name().to_str().map(|n| format!("{prefix}{n}")) else {
                continue; // not a name this generator writes
            };
            let file = entry.path();
            // `DirEntry::file_type` does not follow symbolic links: only regular files.
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            if regular && !files.contains_key(&name) && layout.is_stale(&name, &file) {
                std::fs::remove_file(&file).map_err(|e| with_path(&file, e))?;
                report.removed.push(name);
            }
        }
    }
    report.removed.sort();
    Ok(report)
}

/// The bytes of the file at `path`, `None` when there is none; an error when it is a directory
/// or a symbolic link (never followed, never replaced) or cannot be read.
fn existing(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(with_path(path, e)),
    };
    if meta.file_type().is_symlink() || meta.is_dir() {
        let what = if meta.is_dir() {
            "directory"
        } else {
            "symbolic link"
        };
        return Err(io::Error::other(format!(
            "{}: is a {what}, not a file: refusing to replace it",
            path.display()
        )));
    }
    std::fs::read(path)
        .map(Some)
        .map_err(|e| with_path(path, e))
}

/// Renames each staging file over its destination, in order. On a failure, removes the staging
/// files not renamed yet and names the files already replaced.
fn rename_all(staged: &[(PathBuf, PathBuf, &str)]) -> io::Result<()> {
    for (i, (tmp, path, _)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            discard(&staged[i..]);
            let done: Vec<&str> = staged[..i].iter().map(|(_, _, n)| *n).collect();
            let done = if done.is_empty() {
                "none".to_string()
            } else {
                done.join(", ")
            };
            return Err(io::Error::new(
                e.kind(),
                format!(
                    "renaming {} to {}: {e} (already replaced: {done})",
                    tmp.display(),
                    path.display(),
                ),
            ));
        }
    }
    Ok(())
}

/// The staging path of `path`: `.{file name}.tmp` beside it.
pub(crate) fn staging_path(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{}: not a file path", path.display())))?;
    let mut staging = OsString::from(".");
    staging.push(name);
    staging.push(".tmp");
    Ok(path.with_file_name(staging))
}

/// The file name a staging file's name (`.{name}.tmp`) stands for.
fn staged_name(entry: &str) -> Option<&str> {
    entry.strip_prefix('.')?.strip_suffix(".tmp")
}

/// Writes `content` to the new file `tmp`. On failure, removes it if it was created.
pub(crate) fn stage(tmp: &Path, content: &str) -> io::Result<()> {
    // `create_new` refuses an existing file, directory or symbolic link at the staging path.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .map_err(|e| with_path(tmp, e))?;
    if let Err(e) = file.write_all(content.as_bytes()) {
        drop(file);
        let _ = std::fs::remove_file(tmp);
        return Err(with_path(tmp, e));
    }
    Ok(())
}

/// Removes staging files (best effort: the error that led here is the one to report).
fn discard(staged: &[(PathBuf, PathBuf, &str)]) {
    for (tmp, _, _) in staged {
        let _ = std::fs::remove_file(tmp);
    }
}

/// Removes the staging files (not directories) in `dir` of the file names `ours` accepts.
fn remove_leftover_staging(dir: &Path, ours: impl Fn(&str) -> bool) -> io::Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| with_path(dir, e))? {
        let entry = entry.map_err(|e| with_path(dir, e))?;
        let staging = entry
            .file_name()
            .to_str()
            .and_then(staged_name)
            .is_some_and(&ours);
        if staging && entry.file_type().is_ok_and(|t| !t.is_dir()) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| with_path(&path, e))?;
        }
    }
    Ok(())
}

/// Whether the file at `path` starts with `prefix` (reading no more than that).
pub(crate) fn starts_with(path: &Path, prefix: &[u8]) -> bool {
    let mut head = Vec::with_capacity(prefix.len());
    std::fs::File::open(path)
        .and_then(|f| f.take(prefix.len() as u64).read_to_end(&mut head))
        .is_ok_and(|_| head == prefix)
}

/// Adds the path to an IO error, keeping its kind.
pub(crate) fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests;
