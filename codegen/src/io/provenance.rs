//! Which commit of a git checkout a docs root was read from, read from `.git` without running
//! git.

use std::path::{Path, PathBuf};

/// Which commit of a git checkout a docs root was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The root's name: its prefix in file paths (see [`super::read_docs_roots`]), or its last path
    /// component when it is the only root.
    pub root: String,
    /// The commit HEAD names (40 hex digits); `None` when it cannot be read from the `.git`
    /// directory (a `.git` file of a worktree or submodule, an unborn branch, a broken ref).
    pub commit: Option<String>,
}

impl Provenance {
    /// The header line: `docs: <root> at <commit>` (or `at an unknown commit`).
    pub fn line(&self) -> String {
        match &self.commit {
            Some(c) => format!("docs: {} at {c}", self.root),
            None => format!("docs: {} at an unknown commit", self.root),
        }
    }
}

/// The commit of the git checkout holding `dir`, named `name`: `None` when `dir` is in no git
/// checkout, or in the same checkout as the working directory (the project's own docs: its
/// commit changes with every commit of the project, so recording it would make every build
/// differ). Read from the `.git` directory, never by running git: `HEAD` is either the commit
/// itself (a detached HEAD) or `ref: refs/...`, read from that file, else from `packed-refs`.
pub fn provenance(dir: &Path, name: &str) -> Option<Provenance> {
    let abs = std::fs::canonicalize(dir).ok()?;
    let git = find_git(&abs)?;
    let own = std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok())
        .and_then(|d| find_git(&d));
    if own.as_ref() == Some(&git) {
        return None;
    }
    Some(Provenance {
        root: name.to_string(),
        commit: git_commit(&git),
    })
}

/// The nearest `.git` (directory or file) at `dir` or above it.
fn find_git(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(".git"))
        .find(|g| std::fs::symlink_metadata(g).is_ok())
}

/// The commit HEAD names in a `.git` directory; `None` for a `.git` file (a worktree or
/// submodule: reported as unknown) or anything unreadable.
pub fn git_commit(git: &Path) -> Option<String> {
    if !git.is_dir() {
        return None;
    }
    let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(reference) = head.strip_prefix("ref:") else {
        return is_hash(head).then(|| head.to_ascii_lowercase());
    };
    let reference = reference.trim();
    // Only `refs/...` names, with no `..`: HEAD is data, not a path to follow anywhere.
    if !reference.starts_with("refs/") || reference.split('/').any(|p| p.is_empty() || p == "..") {
        return None;
    }
    if let Ok(text) = std::fs::read_to_string(git.join(reference)) {
        let hash = text.trim();
        return is_hash(hash).then(|| hash.to_ascii_lowercase());
    }
    let packed = std::fs::read_to_string(git.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (hash, name) = line.split_once(' ')?;
        (name.trim() == reference && is_hash(hash)).then(|| hash.to_ascii_lowercase())
    })
}

fn is_hash(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}
