//! Docs directories as they were at a git revision, for `diff --old git:<rev>`: the pages
//! [`super::read_docs_roots`] would read from a checkout of that revision, named the same way.
//!
//! Everything goes through the `git` program, offline (nothing is ever fetched): in each
//! repository the revision is resolved once to a commit id, the roots are listed with
//! `git ls-tree`, and their pages are read with a single `git cat-file --batch`. The revision is
//! untrusted text: it is refused when git could read it as an option, and only the commit id it
//! resolves to is passed to git afterwards.

use super::{loc, root_names, Docs, Provenance};
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{Loc, SourceFile};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `*.md` pages under `roots` as they were at `rev`, named exactly as
/// [`super::read_docs_roots`] names the files of the same roots in the working tree (one root:
/// paths relative to it; several: prefixed with root names from [`super::root_names`]), sorted
/// by path.
///
/// Each root is looked up in the repository holding it (or, when it no longer exists in the
/// working tree, holding its nearest existing ancestor), and `rev` is resolved in that
/// repository: [`Docs::provenance`] records the commit of each root. Only regular files are
/// pages: symlinks and submodules are skipped. A root with no page at `rev` is empty; a root in
/// no repository, or a `rev` that names no commit, is an error. A non-UTF-8 path or page is a
/// diagnostic in [`Docs`], as [`super::read_docs_roots`] reports it.
pub fn read_docs_at(rev: &str, roots: &[PathBuf]) -> Result<Docs, Diagnostics> {
    let error = |message: String| Diagnostic::error(rev_loc(rev), message);
    check_rev(rev).map_err(|m| Diagnostics(vec![error(m)]))?;
    let mut unique: Vec<&PathBuf> = Vec::new();
    for r in roots {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    let names = root_names(&unique);
    let (mut docs, mut failed) = (Docs::default(), Diagnostics::default());
    // Keyed by the repository's top directory, as git prints it.
    let mut repos: BTreeMap<Vec<u8>, Repo> = BTreeMap::new();
    for (root, name) in unique.iter().zip(&names) {
        let prefix = if unique.len() == 1 {
            String::new()
        } else {
            format!("{name}/")
        };
        match list_root(rev, root, &prefix, &mut repos, &mut docs.diagnostics) {
            Ok(commit) => docs.provenance.push(Provenance {
                root: name.clone(),
                commit: Some(commit),
            }),
            Err(m) => failed.push(error(m)),
        }
    }
    if !failed.is_empty() {
        // `finish` also drops the copies of an error about a repository holding several roots.
        return Err(failed.finish());
    }
    for repo in repos.values() {
        let ids: Vec<&str> = repo.pages.iter().map(|(_, id)| id.as_str()).collect();
        let blobs = cat_blobs(&repo.dir, &ids).map_err(|m| Diagnostics(vec![error(m)]))?;
        for ((path, _), bytes) in repo.pages.iter().zip(blobs) {
            match SourceFile::from_bytes(path.as_str(), bytes) {
                Ok(file) => docs.files.push(file),
                Err(d) => docs.diagnostics.push(d),
            }
        }
    }
    docs.files.sort_by(|a, b| a.path.cmp(&b.path));
    docs.provenance.sort_by(|a, b| a.root.cmp(&b.root));
    Ok(docs)
}

/// One file's bytes at `rev` (e.g. `Cargo.toml`), `Ok(None)` when the revision has no such file.
/// `path` is a path of the working tree (it need not exist there any more); `rev` is resolved
/// in the repository holding it. A symlink, directory or submodule at that path is an error.
pub fn read_file_at(rev: &str, path: &Path) -> Result<Option<Vec<u8>>, Diagnostic> {
    let error = |message: String| Diagnostic::error(rev_loc(rev), message);
    check_rev(rev).map_err(error)?;
    let place = locate(path).map_err(error)?;
    if place.inner.is_empty() {
        return Err(error(format!("{} is a directory", path.display())));
    }
    let commit = resolve(rev, &place.dir).map_err(error)?;
    let entries = ls_tree(&place.dir, &commit, &place.inner, false).map_err(error)?;
    let Some(entry) = entries.iter().find(|e| e.path == place.inner.as_bytes()) else {
        return Ok(None);
    };
    if !entry.regular {
        let m = format!(
            "{} is a symlink, directory or submodule at `{rev}`",
            path.display()
        );
        return Err(error(m));
    }
    let mut blobs = cat_blobs(&place.dir, &[entry.id.as_str()]).map_err(error)?;
    Ok(blobs.pop())
}

/// A repository holding roots: where to run git, the commit `rev` names there, and the pages
/// to read from it (path, blob id).
struct Repo {
    dir: PathBuf,
    commit: Result<String, String>,
    pages: Vec<(String, String)>,
}

/// Lists the pages of `root` at `rev` into its repository's [`Repo::pages`] (resolving `rev`
/// there first, if no other root did) and returns the commit they are read from.
fn list_root(
    rev: &str,
    root: &Path,
    prefix: &str,
    repos: &mut BTreeMap<Vec<u8>, Repo>,
    diagnostics: &mut Diagnostics,
) -> Result<String, String> {
    let place = locate(root)?;
    let repo = repos.entry(place.top).or_insert_with(|| Repo {
        dir: place.dir.clone(),
        commit: resolve(rev, &place.dir),
        pages: Vec::new(),
    });
    let commit = repo.commit.clone()?;
    let entries = ls_tree(&place.dir, &commit, &place.inner, true)
        .map_err(|m| format!("{}: {m}", root.display()))?;
    for (rel, id) in pages_under(&place.inner, entries) {
        match String::from_utf8(rel) {
            Ok(rel) => repo.pages.push((format!("{prefix}{rel}"), id)),
            Err(e) => diagnostics.push(non_utf8_path(prefix, e.as_bytes())),
        }
    }
    Ok(commit)
}

/// Where a path of the working tree is in its repository.
struct Place {
    /// The repository's top directory, as `git rev-parse --show-toplevel` prints it.
    top: Vec<u8>,
    /// An existing directory to run git in: the path itself, or its nearest existing ancestor.
    dir: PathBuf,
    /// The path inside the repository, `/`-separated, with no trailing `/`; empty for the top.
    inner: String,
}

/// One `git ls-tree -z` entry.
struct TreeEntry {
    /// A plain or executable file (100644, 100755): not a symlink (120000), submodule (160000)
    /// or tree (040000).
    regular: bool,
    id: String,
    /// From the top of the repository; bytes, as git stores them.
    path: Vec<u8>,
}

/// Where errors about the revision itself are reported: `git:<rev>`.
fn rev_loc(rev: &str) -> Loc {
    loc(&format!("git:{rev}"))
}

/// Refuses a revision git could take for something else: empty, an option (`-`), or with a NUL.
fn check_rev(rev: &str) -> Result<(), String> {
    if rev.is_empty() || rev.starts_with('-') || rev.contains('\0') {
        return Err(format!(
            "refusing the revision {rev:?}: expected a commit, branch, tag or `HEAD~1`, not empty \
             and not starting with `-`"
        ));
    }
    Ok(())
}

/// The commit id `rev` names in the repository holding `dir` (40 or 64 hex digits).
fn resolve(rev: &str, dir: &Path) -> Result<String, String> {
    let spec = format!("{rev}^{{commit}}");
    let args = ["rev-parse", "-q", "--verify", "--end-of-options", &spec];
    let out = run(dir, &args)?;
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && is_object_id(&id) {
        return Ok(id);
    }
    Err(format!(
        "`{rev}` names no commit in the repository holding {}: expected a commit, branch, tag \
         or `HEAD~1`{}",
        dir.display(),
        git_said(&out)
    ))
}

/// Finds the repository holding `path`, from `path` or, when it does not exist, its nearest
/// existing ancestor (the missing components are kept for the path inside the repository).
fn locate(path: &Path) -> Result<Place, String> {
    let existing = path
        .ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.is_dir())
        .unwrap_or(Path::new("."));
    // What the working tree no longer has: plain names (`..` cannot be followed in git).
    let tail = path.strip_prefix(existing).unwrap_or(path);
    let missing: Option<Vec<&str>> = tail
        .components()
        .map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    let missing = missing.ok_or_else(|| format!("{}: cannot find this in git", path.display()))?;
    let dir = existing.to_path_buf();
    let lookup = |what: &str| -> Result<Vec<u8>, String> {
        let out = run(&dir, &["rev-parse", what])?;
        match out.stdout.strip_suffix(b"\n") {
            Some(line) if out.status.success() => Ok(line.to_vec()),
            _ => Err(format!(
                "{} is not inside a git repository{}",
                path.display(),
                git_said(&out)
            )),
        }
    };
    let top = lookup("--show-toplevel")?;
    let prefix = String::from_utf8(lookup("--show-prefix")?)
        .map_err(|_| format!("{}: the path is not valid UTF-8", path.display()))?;
    let inner = format!("{prefix}{}", missing.join("/"));
    Ok(Place {
        top,
        dir,
        inner: inner.trim_end_matches('/').to_string(),
    })
}

/// The tree at `commit` under `inner` (the whole tree when empty); its subtrees too if `deep`.
fn ls_tree(dir: &Path, commit: &str, inner: &str, deep: bool) -> Result<Vec<TreeEntry>, String> {
    let mut args = vec!["ls-tree", "-z", "--full-tree"];
    if deep {
        args.push("-r");
    }
    args.extend([commit, "--"]);
    if !inner.is_empty() {
        args.push(inner);
    }
    let out = run(dir, &args)?;
    if !out.status.success() {
        return Err(format!(
            "cannot list the tree of {commit}{}",
            git_said(&out)
        ));
    }
    // Each entry is `<mode> <type> <id>\t<path>\0`.
    let parse = |record: &[u8]| -> Option<TreeEntry> {
        let tab = record.iter().position(|&b| b == b'\t')?;
        let meta = std::str::from_utf8(&record[..tab]).ok()?;
        let mut fields = meta.split(' ');
        let (mode, _kind, id) = (fields.next()?, fields.next()?, fields.next()?);
        is_object_id(id).then(|| TreeEntry {
            regular: mode == "100644" || mode == "100755",
            id: id.to_string(),
            path: record[tab + 1..].to_vec(),
        })
    };
    out.stdout
        .split(|&b| b == 0)
        .filter(|r| !r.is_empty())
        .map(|r| parse(r).ok_or_else(|| "unexpected `git ls-tree` output".to_string()))
        .collect()
}

/// The `*.md` regular files under `inner`: their path relative to it, and their blob id. A
/// file is a page by the rule [`super::read_docs_roots`] uses (`Path::extension`): its name
/// ends with `.md` and is not `.md` alone.
fn pages_under(inner: &str, entries: Vec<TreeEntry>) -> Vec<(Vec<u8>, String)> {
    let dir = format!("{inner}/");
    entries
        .into_iter()
        .filter(|e| e.regular)
        .filter_map(|e| {
            let rel = if inner.is_empty() {
                e.path.as_slice()
            } else {
                e.path.strip_prefix(dir.as_bytes())?
            };
            let name = rel.rsplit(|&b| b == b'/').next().unwrap_or(rel);
            (name.ends_with(b".md") && name.len() > 3).then(|| (rel.to_vec(), e.id))
        })
        .collect()
}

/// Reads blobs with one `git cat-file --batch`: ids are written from a thread while answers
/// (`<id> blob <size>\n<bytes>\n`) are read, so neither pipe can fill up and stall git.
fn cat_blobs(dir: &Path, ids: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git(dir)
        .args(["cat-file", "--batch", "--buffer"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("cannot talk to `git cat-file`".to_string());
    };
    let blobs: Result<Vec<_>, String> = std::thread::scope(|s| {
        s.spawn(move || -> io::Result<()> {
            let mut w = BufWriter::new(stdin);
            for id in ids {
                writeln!(w, "{id}")?;
            }
            w.flush() // then dropped: git sees the end of its input
        });
        let mut r = BufReader::new(stdout);
        let read = |id: &&str| {
            read_blob(&mut r, id).map_err(|e| format!("cannot read blob {id} from git: {e}"))
        };
        ids.iter().map(read).collect()
        // `r` is dropped here, before the writer is joined: a git that died cannot block it.
    });
    let out = child.wait_with_output().map_err(cannot_run)?;
    blobs.map_err(|e| format!("{e}{}", git_said(&out)))
}

/// One answer of `git cat-file --batch`: the blob `id`'s bytes.
fn read_blob(r: &mut impl BufRead, id: &str) -> io::Result<Vec<u8>> {
    let mut header = Vec::new();
    r.read_until(b'\n', &mut header)?;
    let header = String::from_utf8_lossy(&header);
    let size = match header.trim_end().split(' ').collect::<Vec<_>>()[..] {
        [answer, "blob", size] if answer == id => size.parse::<u64>().ok(),
        _ => None,
    };
    let unexpected = || io::Error::other(format!("unexpected answer {:?}", header.trim_end()));
    let size = size.ok_or_else(unexpected)?;
    let mut bytes = Vec::new();
    r.take(size).read_to_end(&mut bytes)?;
    let mut end = [0u8];
    r.read_exact(&mut end)?;
    if bytes.len() as u64 != size || end != *b"\n" {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(bytes)
}

/// The variables that tie git to one repository (`git rev-parse --local-env-vars`): set around
/// this program, as in a hook or a quarantined push, they would redirect it.
const REPOSITORY_VARS: [&str; 16] = [
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_PREFIX",
    "GIT_SHALLOW_FILE",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
];

/// `git -C <dir>`, with pathspecs taken literally and the repository found from `dir` alone
/// (none of [`REPOSITORY_VARS`] set around this program redirects it).
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).arg("--literal-pathspecs");
    for var in REPOSITORY_VARS {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs git to completion; only a failure to start it is an `Err`.
fn run(dir: &Path, args: &[&str]) -> Result<Output, String> {
    git(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(cannot_run)
}

fn cannot_run(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        format!("git is needed to read `git:` revisions, and it cannot be run: {e}")
    } else {
        format!("cannot run git: {e}")
    }
}

/// What git wrote to stderr, as ` (git: <message>)` to append to an error; empty when silent.
fn git_said(out: &Output) -> String {
    let said = String::from_utf8_lossy(&out.stderr);
    Some(said.trim())
        .filter(|s| !s.is_empty())
        .map_or(String::new(), |s| format!(" (git: {s})"))
}

/// A full object id: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.
fn is_object_id(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A page whose path is not UTF-8, reported as [`super::read_docs_roots`] reports it: the
/// path shown as `Path`'s `Debug` shows it, bad bytes as `\xNN`.
fn non_utf8_path(prefix: &str, rel: &[u8]) -> Diagnostic {
    let mut shown = String::new();
    for chunk in rel.utf8_chunks() {
        shown.extend(chunk.valid().chars().flat_map(char::escape_debug));
        shown.extend(chunk.invalid().iter().map(|b| format!("\\x{b:02X}")));
    }
    let lossy = String::from_utf8_lossy(rel);
    Diagnostic::error(
        loc(&format!("{prefix}{lossy}")),
        format!(
            "the path \"{shown}\" is not valid UTF-8: rename it (pages are named by their UTF-8 path)"
        ),
    )
}
