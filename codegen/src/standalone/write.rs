//! Writing the crate: its files as one set, through [`crate::io`]'s set writer, touching only
//! files this generator wrote.

use super::{LIB, MANIFEST, MARKER, README};
use crate::io::write::{self, Layout};
use crate::io::WriteReport;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Whether [`write_crate`] writes a file of this relative path: `Cargo.toml`, `README.md`,
/// `schema.json` (the CLI's schema digest, [`crate::SCHEMA_FILE`]) or `src/<name>` with a plain
/// [`crate::io::is_plain_file_name`] name. Nothing else, so nothing lands outside the crate
/// directory or in a subdirectory other than `src/`.
pub fn is_crate_path(path: &str) -> bool {
    match path.strip_prefix("src/") {
        Some(file) => crate::io::is_plain_file_name(file),
        None => [MANIFEST, README, crate::SCHEMA_FILE].contains(&path),
    }
}

/// Whether `bytes` (a file at the relative `path`) is one this module (or, for `schema.json`,
/// the CLI) wrote: it starts with [`MARKER`] after its comment leader.
fn is_ours(path: &str, bytes: &[u8]) -> bool {
    if path == crate::SCHEMA_FILE {
        // JSON has no comments: ours when it is an object with a numeric `format`.
        return serde_json::from_slice::<serde_json::Value>(bytes)
            .is_ok_and(|v| v.get("format").is_some_and(serde_json::Value::is_u64));
    }
    let leader = if path.ends_with(".rs") {
        "// "
    } else if path.ends_with(".toml") {
        "# "
    } else {
        "<!-- "
    };
    bytes.starts_with(format!("{leader}{MARKER}").as_bytes())
}

/// The crate tree: [`is_crate_path`] files, `src/` the one subdirectory, and a file replaced
/// or removed only when it carries [`MARKER`].
struct CrateTree;

impl Layout for CrateTree {
    fn accepts(&self, path: &str) -> bool {
        is_crate_path(path)
    }

    fn refusal(&self, path: &str, dir: &Path) -> String {
        format!(
            "refusing to write {path:?} into the crate {}: a crate file is Cargo.toml, README.md, schema.json or src/ and a plain [a-z0-9_]+.rs name",
            dir.display()
        )
    }

    fn subdirs(&self) -> &[&str] {
        &["src"]
    }

    fn may_replace(&self, path: &str, old: &[u8]) -> Result<(), String> {
        if is_ours(path, old) {
            Ok(())
        } else {
            Err(format!(
                "exists and was not written by dataverse-codegen (it does not start with `{MARKER}`): refusing to replace it; generate the crate into its own directory"
            ))
        }
    }

    fn is_stale(&self, path: &str, file: &Path) -> bool {
        path.starts_with("src/")
            && path.ends_with(".rs")
            && write::starts_with(file, format!("// {MARKER}").as_bytes())
    }

    /// `src/` first, the crate root after the modules, the manifest last.
    fn rank(&self, path: &str) -> u8 {
        match path {
            MANIFEST => 3,
            LIB => 1,
            _ if path.starts_with("src/") => 0,
            _ => 2,
        }
    }
}

/// Writes the crate `files` ([`super::crate_files`], plus `schema.json` if wanted) into `dir` as
/// one set, never outside it.
///
/// 1. Every path must be [`is_crate_path`]; `dir/src` must not be a symbolic link or a file;
///    no target may be a symbolic link or a directory; and a target that exists with other
///    bytes must be one this generator wrote (it starts with [`MARKER`]: a hand-written
///    `Cargo.toml` or `src/lib.rs`, say of the directory of another crate, is never replaced).
///    Otherwise nothing is written and the error names the file.
/// 2. Staging files (`.{name}.tmp`) an interrupted run left are removed.
/// 3. Each file whose bytes differ from what `dir` holds is written to its staging file beside
///    it. If any write fails, every staging file is removed and the error returned: the
///    previous crate is untouched.
/// 4. Only then is each staging file renamed over its target, `src/` first and `Cargo.toml`
///    last (each rename is atomic).
/// 5. Only after every rename, files of `src/` that `files` no longer holds and that this
///    generator wrote (`.rs` starting with `// ` [`MARKER`]) are removed: a table that is
///    gone. Nothing else is ever removed.
pub fn write_crate(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<WriteReport> {
    write::write_set(dir, files, &CrateTree)
}
