//! The contract of [`write_set`], with a layout of its own: `*.out` files in the directory and
//! in `sub/`, ours when they start with `#ours`, the top-level ones renamed last.

use super::*;

struct Test;

const OURS: &str = "#ours";

fn plain(name: &str) -> bool {
    name.strip_suffix(".out")
        .is_some_and(|stem| !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_lowercase()))
}

impl Layout for Test {
    fn accepts(&self, path: &str) -> bool {
        plain(path.strip_prefix("sub/").unwrap_or(path))
    }
    fn refusal(&self, path: &str, _dir: &Path) -> String {
        format!("refused {path:?}")
    }
    fn subdirs(&self) -> &[&str] {
        &["sub"]
    }
    fn may_replace(&self, _path: &str, old: &[u8]) -> Result<(), String> {
        if old.starts_with(OURS.as_bytes()) {
            Ok(())
        } else {
            Err("not ours".to_string())
        }
    }
    fn is_stale(&self, path: &str, file: &Path) -> bool {
        path.ends_with(".out") && starts_with(file, OURS.as_bytes())
    }
    fn rank(&self, path: &str) -> u8 {
        u8::from(!path.starts_with("sub/"))
    }
}

/// A fresh, empty scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!(
        "dataverse-codegen-write-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch dir");
    Scratch(dir)
}

/// Every entry under `dir`, by relative path: a file's text, `None` for a directory.
fn tree(dir: &Path) -> BTreeMap<String, Option<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<String>>) {
        for entry in std::fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("under root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else if meta.file_type().is_symlink() {
                out.insert(rel, Some("a symbolic link".to_string()));
            } else {
                out.insert(rel, Some(std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn ours(body: &str) -> String {
    format!("{OURS} {body}\n")
}

/// A set of our files.
fn set(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(p, b)| (p.to_string(), ours(b)))
        .collect()
}

fn put(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
    std::fs::write(path, text).expect("write a fixture file");
}

/// An earlier set (every file changes in [`next`]), with a foreign file beside it.
fn previous(dir: &Path) -> BTreeMap<String, Option<String>> {
    let files = set(&[
        ("top.out", "old top"),
        ("sub/a.out", "old a"),
        ("sub/b.out", "old b"),
    ]);
    write_set(dir, &files, &Test).expect("the earlier set");
    put(dir, "sub/notes.txt", "mine");
    tree(dir)
}

fn next() -> BTreeMap<String, String> {
    set(&[
        ("top.out", "new top"),
        ("sub/a.out", "new a"),
        ("sub/b.out", "new b"),
        ("sub/c.out", "new c"),
    ])
}

#[test]
fn writes_a_set_and_leaves_unchanged_files_alone() {
    let dir = scratch("unchanged");
    let first =
        write_set(&dir, &set(&[("top.out", "t"), ("sub/a.out", "a")]), &Test).expect("first");
    assert_eq!(first.written, ["sub/a.out", "top.out"]);
    assert!(
        first.unchanged.is_empty() && first.removed.is_empty(),
        "{first:?}"
    );
    let a = dir.join("sub/a.out");
    let modified = std::fs::metadata(&a)
        .and_then(|m| m.modified())
        .expect("mtime");
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&a).expect("metadata"));

    let second =
        write_set(&dir, &set(&[("top.out", "t2"), ("sub/a.out", "a")]), &Test).expect("second");
    assert_eq!(second.written, ["top.out"]);
    assert_eq!(second.unchanged, ["sub/a.out"]);
    assert!(second.removed.is_empty(), "{second:?}");
    // A rewrite would be a new file renamed over it: a new inode, a new mtime.
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&a).expect("metadata")),
        inode,
        "sub/a.out was replaced"
    );
    let again = std::fs::metadata(&a)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(again, modified, "sub/a.out was rewritten");
    let expected: BTreeMap<String, Option<String>> = [
        ("sub", None),
        ("sub/a.out", Some(ours("a"))),
        ("top.out", Some(ours("t2"))),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t))
    .collect();
    assert_eq!(tree(&dir), expected, "contents, and no staging file left");
}

#[test]
fn a_directory_at_a_destination_leaves_the_previous_set_whole() {
    let dir = scratch("dir-at-destination");
    let mut before = previous(&dir);
    std::fs::remove_file(dir.join("sub/b.out")).expect("remove");
    put(&dir, "sub/b.out/inside", "kept");
    before.remove("sub/b.out");
    before.insert("sub/b.out".to_string(), None);
    before.insert("sub/b.out/inside".to_string(), Some("kept".to_string()));
    assert_eq!(tree(&dir), before);

    let err = write_set(&dir, &next(), &Test).expect_err("sub/b.out is a directory");
    assert!(err.to_string().contains("b.out: is a directory"), "{err}");
    assert_eq!(tree(&dir), before, "the previous set, byte for byte");
}

#[test]
fn a_failure_to_stage_mid_set_leaves_the_previous_set_whole() {
    let dir = scratch("fail-mid-set");
    let mut before = previous(&dir);
    // `sub/a.out` stages, then `sub/b.out` cannot: a directory holds its staging name.
    std::fs::create_dir(dir.join("sub/.b.out.tmp")).expect("a directory in the way");
    before.insert("sub/.b.out.tmp".to_string(), None);

    let err = write_set(&dir, &next(), &Test).expect_err("staging sub/b.out fails");
    assert!(err.to_string().contains(".b.out.tmp"), "{err}");
    // Old contents, no `sub/c.out`, no `.a.out.tmp` left.
    assert_eq!(tree(&dir), before);
}

#[test]
fn leftover_staging_files_of_ours_are_removed() {
    let dir = scratch("leftovers");
    put(&dir, ".top.out.tmp", "half a file");
    put(&dir, "sub/.gone.out.tmp", "half another");
    put(&dir, "sub/.notes.txt.tmp", "someone else's");
    put(&dir, ".editor.tmp", "someone else's");
    std::fs::create_dir(dir.join(".dir.out.tmp")).expect("a directory");
    let report = write_set(&dir, &set(&[("top.out", "t")]), &Test).expect("run");
    assert_eq!(report.written, ["top.out"]);
    let paths: Vec<String> = tree(&dir).into_keys().collect();
    assert_eq!(
        paths,
        [
            ".dir.out.tmp",
            ".editor.tmp",
            "sub",
            "sub/.notes.txt.tmp",
            "top.out"
        ]
    );
    assert_eq!(tree(&dir)["top.out"], Some(ours("t")));
}

#[test]
fn files_not_ours_are_never_replaced_or_removed() {
    let dir = scratch("foreign");
    let mut before = previous(&dir);
    put(&dir, "sub/old.out", &ours("no longer in the set"));
    put(&dir, "sub/foreign.out", "hand-written");
    put(&dir, "sub/mine.txt", &ours("not a .out file"));
    std::fs::create_dir(dir.join("sub/empty.out")).expect("a directory named like a file");

    // A foreign file at a destination: nothing is written.
    put(&dir, "sub/c.out", "hand-written c");
    let snapshot = tree(&dir);
    let err = write_set(&dir, &next(), &Test).expect_err("sub/c.out is not ours");
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
    assert!(err.to_string().contains("c.out: not ours"), "{err}");
    assert_eq!(tree(&dir), snapshot);

    // Without it: the set is written, only our stale file goes.
    std::fs::remove_file(dir.join("sub/c.out")).expect("remove");
    let report = write_set(&dir, &next(), &Test).expect("run");
    assert_eq!(
        report.written,
        ["sub/a.out", "sub/b.out", "sub/c.out", "top.out"]
    );
    assert_eq!(report.removed, ["sub/old.out"]);
    for (path, text) in next() {
        before.insert(path, Some(text));
    }
    before.insert("sub/foreign.out".into(), Some("hand-written".into()));
    before.insert("sub/mine.txt".into(), Some(ours("not a .out file")));
    before.insert("sub/empty.out".into(), None);
    assert_eq!(tree(&dir), before);
}

#[cfg(unix)]
#[test]
fn links_are_never_followed() {
    let root = scratch("links");
    let elsewhere = root.join("elsewhere");
    put(&elsewhere, "target.out", &ours("elsewhere"));
    let files = set(&[("top.out", "t"), ("sub/a.out", "a")]);

    // A link at a destination.
    let dir = root.join("file-link");
    std::fs::create_dir_all(&dir).expect("dir");
    std::os::unix::fs::symlink(elsewhere.join("target.out"), dir.join("top.out")).expect("link");
    let err = write_set(&dir, &files, &Test).expect_err("a link at top.out");
    assert!(
        err.to_string().contains("top.out: is a symbolic link"),
        "{err}"
    );
    assert_eq!(tree(&dir).len(), 1, "nothing written beside it");

    // A link as the subdirectory.
    let dir = root.join("dir-link");
    std::fs::create_dir_all(&dir).expect("dir");
    std::os::unix::fs::symlink(&elsewhere, dir.join("sub")).expect("link");
    let err = write_set(&dir, &files, &Test).expect_err("sub is a link");
    assert!(err.to_string().contains("sub: is not a directory"), "{err}");
    assert_eq!(tree(&dir).len(), 1, "nothing written beside it");

    let expected: BTreeMap<String, Option<String>> =
        [("target.out".to_string(), Some(ours("elsewhere")))].into();
    assert_eq!(tree(&elsewhere), expected, "nothing written through a link");
}

#[test]
fn a_refused_path_writes_nothing_not_even_the_directory() {
    let root = scratch("refused");
    let dir = root.join("out");
    for bad in [
        "../escape.out",
        "sub/deeper/x.out",
        "other/x.out",
        "X.out",
        "x.txt",
    ] {
        let mut files = set(&[("top.out", "t")]);
        files.insert(bad.to_string(), ours("x"));
        let err = write_set(&dir, &files, &Test).expect_err(bad);
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad}");
        assert_eq!(err.to_string(), format!("refused {bad:?}"));
        assert!(!dir.exists(), "{bad}: the directory was created");
    }
    assert!(tree(&root).is_empty());
}

#[test]
fn staging_names() {
    let path = staging_path(Path::new("a/sub/x.out")).expect("a file path");
    assert_eq!(path, Path::new("a/sub/.x.out.tmp"));
    assert_eq!(staged_name(".x.out.tmp"), Some("x.out"));
    assert_eq!(staged_name("x.out.tmp"), None);
    assert_eq!(staged_name(".x.out"), None);
    assert_eq!(staged_name("..tmp"), Some(""));
    assert!(staging_path(Path::new("..")).is_err());
}
