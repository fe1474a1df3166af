//! `io::write_output` writes a set or nothing, `io::read_docs` refuses non-UTF-8 paths, reads
//! several roots, and records the git commit of a docs checkout.
//!
//! Tests run as root in CI, so failures are provoked with directories in the way, not with
//! permissions.

use dataverse_codegen::io::{read_docs, read_docs_roots, write_output, Provenance};
use dataverse_codegen::render::HEADER;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A fresh, empty scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("io").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the scratch dir");
    }
    std::fs::create_dir_all(&dir).expect("create the scratch dir");
    dir
}

/// A generated file's text.
fn generated(body: &str) -> String {
    format!("{HEADER}\n{body}\n")
}

fn set(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(name, body)| (name.to_string(), generated(body)))
        .collect()
}

/// Every entry under `dir`, recursively: files with their bytes (as text when UTF-8, to read
/// a failure), directories as `None`.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<String>>) {
        for entry in std::fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("under root").to_path_buf();
            if path.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| format!("not UTF-8: {:?}", e.into_bytes()));
                out.insert(rel, Some(text));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn names(dir: &Path) -> Vec<String> {
    tree(dir)
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write a fixture file");
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("metadata").ino()
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let dir = scratch("unchanged");
    let first = write_output(&dir, &set(&[("a.rs", "a"), ("b.rs", "b")])).expect("first run");
    assert_eq!(first.written, ["a.rs", "b.rs"]);
    let a = dir.join("a.rs");
    let a_modified = std::fs::metadata(&a)
        .and_then(|m| m.modified())
        .expect("mtime");
    #[cfg(unix)]
    let a_inode = inode(&a);

    let second = write_output(&dir, &set(&[("a.rs", "a"), ("b.rs", "b2")])).expect("second run");
    assert_eq!(second.unchanged, ["a.rs"]);
    assert_eq!(second.written, ["b.rs"]);
    assert!(second.removed.is_empty());
    // A rewrite goes through a new file and a rename: a new inode and a new mtime.
    #[cfg(unix)]
    assert_eq!(inode(&a), a_inode, "a.rs was replaced");
    let modified = std::fs::metadata(&a)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(modified, a_modified, "a.rs was rewritten");
    assert_eq!(
        std::fs::read_to_string(dir.join("b.rs")).expect("b.rs"),
        generated("b2")
    );
    assert_eq!(names(&dir), ["a.rs", "b.rs"], "no staging file is left");
}

#[test]
fn stale_generated_files_go_and_foreign_files_stay() {
    let dir = scratch("stale");
    write(&dir.join("old.rs"), &generated("old"));
    write(
        &dir.join("Old_Upper.rs"),
        &generated("from an older version"),
    );
    write(&dir.join("notes.rs"), "// hand-written\n");
    write(&dir.join("README.md"), &generated("not a .rs file"));
    std::fs::create_dir(dir.join("sub.rs")).expect("a directory named like a file");
    let report = write_output(&dir, &set(&[("a.rs", "a")])).expect("run");
    assert_eq!(report.written, ["a.rs"]);
    assert_eq!(report.removed, ["Old_Upper.rs", "old.rs"]);
    assert_eq!(
        names(&dir),
        ["README.md", "a.rs", "notes.rs", "sub.rs"],
        "only generated .rs files are removed"
    );
}

#[test]
fn staging_files_are_gone_after_success_and_leftovers_are_cleaned() {
    let dir = scratch("leftovers");
    // What an interrupted run leaves: staging files of produced and of no longer produced names.
    write(&dir.join(".a.rs.tmp"), "half a file");
    write(&dir.join(".gone.rs.tmp"), "half another");
    // Not a staging name of ours.
    write(&dir.join(".editor.tmp"), "someone else's");
    let report = write_output(&dir, &set(&[("a.rs", "a"), ("b.rs", "b")])).expect("run");
    assert_eq!(report.written, ["a.rs", "b.rs"]);
    assert_eq!(names(&dir), [".editor.tmp", "a.rs", "b.rs"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("a.rs")).expect("a.rs"),
        generated("a")
    );
}

/// The output of an earlier run, plus a foreign file: what a failed run must leave alone.
fn previous_output(dir: &Path) {
    write(&dir.join("a.rs"), &generated("old a"));
    write(&dir.join("b.rs"), &generated("old b"));
    write(&dir.join("c.rs"), &generated("old c"));
    write(&dir.join("stale.rs"), &generated("no longer produced"));
    write(&dir.join("notes.txt"), "mine");
}

/// The next run: every file changed, one new, `stale.rs` gone.
fn next_run() -> BTreeMap<String, String> {
    set(&[
        ("a.rs", "new a"),
        ("b.rs", "new b"),
        ("c.rs", "new c"),
        ("d.rs", "new d"),
    ])
}

#[test]
fn a_failure_to_stage_the_second_file_changes_nothing() {
    let dir = scratch("fail-staging");
    previous_output(&dir);
    // A directory where b.rs would be staged: a.rs is staged, then b.rs fails.
    std::fs::create_dir(dir.join(".b.rs.tmp")).expect("a directory in the way");
    let before = tree(&dir);

    let err = write_output(&dir, &next_run()).expect_err("staging b.rs fails");
    assert!(err.to_string().contains(".b.rs.tmp"), "{err}");
    // Byte for byte as before: old a, b, c; stale.rs kept; no d.rs; no staging file left (the
    // directory in the way is the test's own).
    assert_eq!(tree(&dir), before);
}

#[test]
fn a_directory_at_a_target_changes_nothing() {
    let dir = scratch("fail-target");
    previous_output(&dir);
    std::fs::remove_file(dir.join("b.rs")).expect("remove b.rs");
    std::fs::create_dir(dir.join("b.rs")).expect("a directory at b.rs");
    write(&dir.join("b.rs").join("inside"), "kept");
    let before = tree(&dir);

    let err = write_output(&dir, &next_run()).expect_err("b.rs is a directory");
    assert!(err.to_string().contains("b.rs"), "{err}");
    assert_eq!(tree(&dir), before);
}

#[test]
fn a_bad_file_name_writes_nothing_anywhere() {
    let bad = [
        "../escape.rs",
        "..\\escape.rs",
        "sub/escape.rs",
        "C:escape.rs",
        "Escape.rs",
        "escape",
        "",
    ];
    for (i, name) in bad.iter().enumerate() {
        let root = scratch(&format!("bad-name-{i}"));
        let out = root.join("out");
        // An absolute name, aimed inside the scratch dir.
        let absolute = root.join("abs.rs").to_string_lossy().into_owned();
        for (name, existing) in [(name.to_string(), false), (absolute, true)] {
            if existing {
                std::fs::create_dir_all(&out).expect("an earlier output");
                write(&out.join("a.rs"), &generated("old a"));
            }
            let before = tree(&root);
            let mut files = set(&[("a.rs", "new a"), ("z.rs", "z")]);
            files.insert(name.clone(), generated("escaped"));

            let err = write_output(&out, &files).expect_err("a bad name is refused");
            assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{name:?}");
            assert!(err.to_string().contains(&format!("{name:?}")), "{err}");
            assert_eq!(tree(&root), before, "{name:?}: something was written");
            // Nothing beside the scratch dir either.
            let parent = root.parent().expect("a parent");
            assert!(!parent.join("escape.rs").exists(), "{name:?}");
            assert!(!root.join("escape.rs").exists(), "{name:?}");
        }
    }
}

#[test]
fn a_missing_output_directory_is_created() {
    let root = scratch("create");
    let out = root.join("nested").join("out");
    let report = write_output(&out, &set(&[("tables.rs", "t")])).expect("run");
    assert_eq!(report.written, ["tables.rs"]);
    assert_eq!(names(&out), ["tables.rs"]);
}

#[cfg(unix)]
#[test]
fn non_utf8_paths_are_located_errors_not_lossy_names() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let docs = scratch("non-utf8");
    write(&docs.join("ok.md"), "# ok\n");
    // Both would be `�.md` if decoded lossily.
    write(&docs.join(OsStr::from_bytes(b"\xff.md")), "# one\n");
    write(&docs.join(OsStr::from_bytes(b"\xfe.md")), "# two\n");
    let sub = docs.join(OsStr::from_bytes(b"sub\xff"));
    std::fs::create_dir(&sub).expect("a non-UTF-8 directory");
    write(&sub.join("page.md"), "# three\n");

    let read = read_docs(&docs).expect("the directory is readable");
    let paths: Vec<&str> = read.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["ok.md"]);
    let errors: Vec<String> = read
        .diagnostics
        .iter()
        .inspect(|d| assert!(d.is_error(), "{d}"))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    for (file, raw) in [
        ("\u{fffd}.md", "\\xFF.md"),
        ("\u{fffd}.md", "\\xFE.md"),
        ("sub\u{fffd}/page.md", "sub\\xFF/page.md"),
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("{file}:1:1: error:")) && e.contains(raw)),
            "no error at {file} naming {raw}: {errors:#?}"
        );
    }
}

const PAGE: &str = "# Widget (sample_widget) table/entity reference (Microsoft Dataverse)\n\n## Properties\n\n|Property|Value|\n|---|---|\n|LogicalName|`sample_widget`|\n|PrimaryIdAttribute|`sample_widgetid`|\n";
const HASH_A: &str = "0123456789abcdef0123456789abcdef01234567";
const HASH_B: &str = "89abcdef0123456789abcdef0123456789abcdef";

/// Writes a file, creating its directories.
fn put(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("dirs");
    write(path, text);
}

/// A fake checkout: `<dir>/.git` with `HEAD` (and whatever `refs` says), a page in `<dir>/docs`.
fn checkout(name: &str, head: &str, refs: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    put(&dir.join(".git/HEAD"), head);
    for (path, text) in refs {
        put(&dir.join(".git").join(path), text);
    }
    put(&dir.join("docs/sample_widget.md"), PAGE);
    dir.join("docs")
}

fn provenance(docs: &Path) -> Vec<Provenance> {
    read_docs(docs).expect("readable").provenance
}

#[test]
fn the_commit_of_a_docs_checkout_is_read_from_its_git_directory() {
    let loose = checkout(
        "git-loose",
        "ref: refs/heads/main\n",
        &[("refs/heads/main", &format!("{HASH_A}\n"))],
    );
    let packed = checkout(
        "git-packed",
        "ref: refs/heads/live\n",
        &[(
            "packed-refs",
            &format!("# pack-refs with: peeled fully-peeled sorted\n{HASH_A} refs/heads/main\n{HASH_B} refs/heads/live\n"),
        )],
    );
    let detached = checkout("git-detached", &format!("{}\n", HASH_B.to_uppercase()), &[]);
    let escaping = checkout("git-escaping", "ref: refs/../../HEAD\n", &[]);
    // A ref outside `refs/`, or with an empty component, is not followed; a detached HEAD
    // that is not 40 hex digits is no commit.
    let outside = checkout(
        "git-outside",
        "ref: heads/main\n",
        &[("heads/main", &format!("{HASH_A}\n"))],
    );
    let empty_part = checkout(
        "git-empty-part",
        "ref: refs//main\n",
        &[("refs/main", &format!("{HASH_A}\n"))],
    );
    let not_hex = checkout("git-not-hex", &format!("{}\n", "z".repeat(40)), &[]);
    let short = checkout("git-short", &format!("{}\n", &HASH_A[..39]), &[]);
    let cases = [
        (&loose, Some(HASH_A)),
        (&packed, Some(HASH_B)),
        (&detached, Some(HASH_B)),
        (&escaping, None),
        (&outside, None),
        (&empty_part, None),
        (&not_hex, None),
        (&short, None),
    ];
    for (docs, commit) in cases {
        assert_eq!(
            provenance(docs),
            [Provenance {
                root: "docs".to_string(),
                commit: commit.map(str::to_string),
            }],
            "{}",
            docs.display()
        );
    }
    // A worktree's `.git` is a file pointing elsewhere: the commit is reported as unknown.
    let worktree = scratch("git-worktree");
    put(
        &worktree.join(".git"),
        "gitdir: /elsewhere/.git/worktrees/x\n",
    );
    put(&worktree.join("docs/sample_widget.md"), PAGE);
    let found = provenance(&worktree.join("docs"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line(), "docs: docs at an unknown commit");
}

#[test]
fn the_index_header_records_each_root_checkout() {
    let a = checkout(
        "git-root-a",
        "ref: refs/heads/main\n",
        &[("refs/heads/main", HASH_A)],
    );
    let b = scratch("git-root-b").join("entities");
    put(&b.join(".git/HEAD"), HASH_B);
    put(&b.join("sample_other.md"), &PAGE.replace("widget", "other"));
    let docs = read_docs_roots(&[b.clone(), a.clone()]).expect("readable");
    let paths: Vec<&str> = docs.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["docs/sample_widget.md", "entities/sample_other.md"]);
    let g = dataverse_codegen::generate_docs(docs, dataverse_codegen::Options::default())
        .expect("generates");
    let index = &g.files["tables.rs"];
    let expected = format!("{HEADER}// docs: docs at {HASH_A}\n// docs: entities at {HASH_B}\n\n");
    assert!(index.starts_with(&expected), "{index}");
    // The same roots in the other order: the same output.
    let again = read_docs_roots(&[a, b]).expect("readable");
    let g2 = dataverse_codegen::generate_docs(again, dataverse_codegen::Options::default())
        .expect("generates");
    assert_eq!(g.files, g2.files);
}
