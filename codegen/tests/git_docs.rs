//! `io::git` reads docs directories as they were at a git revision: the pages `read_docs_roots`
//! reads from a checkout of that revision, named the same way.
//!
//! Each test makes its own repositories under the system temp dir, with git isolated from the
//! user's and the system's configuration, and removes them at the end. Without git, the tests
//! print `SKIPPED: git is not installed` and pass.

use dataverse_codegen::io::git::{read_docs_at, read_file_at};
use dataverse_codegen::io::{read_docs_roots, Docs, Provenance};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::slice::from_ref;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A scratch directory, removed when dropped (also when an assertion fails).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("dv-git-docs-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the scratch dir");
        Scratch(dir)
    }

    fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether git can run; prints why the test does nothing when not.
fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("SKIPPED: git is not installed");
    }
    ok
}

/// Runs git in `dir` with `input` on stdin, isolated from any configuration but its own;
/// returns stdout without the trailing newline.
fn git_with(dir: &Path, args: &[&str], input: &[u8]) -> String {
    let null = if cfg!(windows) { "NUL" } else { "/dev/null" };
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", null)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run git");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write to git");
    let out = child.wait_with_output().expect("wait for git");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "git {args:?} failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

fn git(dir: &Path, args: &[&str]) -> String {
    git_with(dir, args, b"")
}

/// A new repository at `dir`.
fn init(dir: &Path) {
    std::fs::create_dir_all(dir).expect("create the repository dir");
    git(dir, &["init", "-q"]);
}

/// Writes files (creating their directories) and removes those given `None`.
fn edit(dir: &Path, files: &[(&str, Option<&[u8]>)]) {
    for (rel, content) in files {
        let path = dir.join(rel);
        match content {
            Some(bytes) => {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, bytes).expect("write");
            }
            None => std::fs::remove_file(&path).expect("remove"),
        }
    }
}

/// Commits everything in the working tree.
fn commit_all(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Stages an entry git stores as given, whatever the working tree holds: a symlink (`120000`),
/// a submodule (`160000`) or a file with a path that is not UTF-8.
fn stage_entry(dir: &Path, mode: &str, id: &str, path: &[u8]) {
    let mut record = format!("{mode} {id}\t").into_bytes();
    record.extend_from_slice(path);
    record.push(0);
    git_with(dir, &["update-index", "-z", "--index-info"], &record);
}

fn blob(dir: &Path, content: &[u8]) -> String {
    git_with(dir, &["hash-object", "-w", "--stdin"], content)
}

/// Pages as `(path, text)`, to compare two readings.
fn pages(docs: &Docs) -> Vec<(String, String)> {
    docs.files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect()
}

fn paths(docs: &Docs) -> Vec<&str> {
    docs.files.iter().map(|f| f.path.as_str()).collect()
}

fn messages(docs: &Docs) -> Vec<String> {
    docs.diagnostics.iter().map(|d| d.to_string()).collect()
}

/// The single error of a failed reading.
fn only_error(result: Result<Docs, dataverse_codegen::diag::Diagnostics>) -> String {
    let errors = result.expect_err("an error");
    assert_eq!(errors.0.len(), 1, "{errors}");
    errors.0[0].to_string()
}

#[test]
fn an_older_commit_reads_as_its_checkout() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("history");
    let repo = tmp.join("docs");
    init(&repo);
    edit(
        &repo,
        &[
            ("a.md", Some(b"# A\nold\n")),
            ("b.md", Some(b"# B\n")),
            ("sub/c.md", Some("\u{feff}# C\n".as_bytes())),
            ("notes.txt", Some(b"not a page")),
            (".md", Some(b"not a page either")),
        ],
    );
    commit_all(&repo, "one");
    let first = git(&repo, &["rev-parse", "HEAD"]);
    git(&repo, &["tag", "v1"]);
    edit(
        &repo,
        &[
            ("a.md", Some(b"# A\nnew\n")),
            ("b.md", None),
            ("d.md", Some(b"# D\n")),
        ],
    );
    commit_all(&repo, "two");

    let roots = [repo.clone()];
    let old = read_docs_at("HEAD~1", &roots).expect("read HEAD~1");
    assert_eq!(paths(&old), ["a.md", "b.md", "sub/c.md"]);
    assert_eq!(old.files[0].text, "# A\nold\n");
    assert_eq!(old.files[2].text, "# C\n", "a byte order mark is dropped");
    assert!(old.diagnostics.is_empty(), "{:?}", messages(&old));
    let root = "docs".to_string();
    let commit = Some(first.clone());
    assert_eq!(old.provenance, [Provenance { root, commit }]);

    // The same pages, named the same, as a checkout of that commit.
    let checkout = tmp.join("checkout");
    let wt = checkout.to_str().expect("UTF-8 temp dir");
    git(&repo, &["worktree", "add", "-q", "--detach", wt, "HEAD~1"]);
    let checked_out = read_docs_roots(from_ref(&checkout)).expect("read the checkout");
    assert_eq!(pages(&old), pages(&checked_out));

    // A commit id, a tag and a branch name the same commits.
    for rev in [first.as_str(), "v1", "main~1"] {
        let docs = read_docs_at(rev, &roots).expect("read by another name");
        assert_eq!(pages(&docs), pages(&old), "{rev}");
    }
    let new = read_docs_at("HEAD", &roots).expect("read HEAD");
    assert_eq!(paths(&new), ["a.md", "d.md", "sub/c.md"]);
    let working = read_docs_roots(&roots).expect("read the working tree");
    assert_eq!(pages(&new), pages(&working));
}

#[test]
fn a_nested_root_reads_only_its_own_pages() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("nested");
    let repo = tmp.join("repo");
    init(&repo);
    edit(
        &repo,
        &[
            ("README.md", Some(b"# top\n")),
            ("docs/entities/account.md", Some(b"# account\n")),
            ("docs/entities/deep/contact.md", Some(b"# contact\n")),
            ("docs/entities-more/lead.md", Some(b"# lead\n")),
            ("legacy/old.md", Some(b"# old\n")),
        ],
    );
    commit_all(&repo, "one");
    edit(
        &repo,
        &[("legacy/old.md", None), ("fresh/new.md", Some(b"# new\n"))],
    );
    std::fs::remove_dir(repo.join("legacy")).expect("remove the emptied dir");
    commit_all(&repo, "two");

    let entities = [repo.join("docs/entities")];
    let old = read_docs_at("HEAD~1", &entities).expect("read the nested root");
    assert_eq!(paths(&old), ["account.md", "deep/contact.md"]);
    assert_eq!(old.provenance[0].root, "entities");
    assert_eq!(
        pages(&old),
        pages(&read_docs_roots(&entities).expect("read the working tree"))
    );

    // A root the working tree no longer has is read from its nearest existing ancestor.
    assert!(!repo.join("legacy").exists());
    let legacy = read_docs_at("HEAD~1", &[repo.join("legacy")]).expect("read a removed root");
    assert_eq!(paths(&legacy), ["old.md"]);
    let gone = read_docs_at("HEAD", &[repo.join("legacy")]).expect("read an empty root");
    assert!(gone.files.is_empty() && gone.diagnostics.is_empty());
    // A root that did not exist yet is empty too.
    let fresh = read_docs_at("HEAD~1", &[repo.join("fresh")]).expect("read a later root");
    assert!(fresh.files.is_empty());
    assert_eq!(fresh.provenance.len(), 1);
}

#[test]
fn several_roots_are_named_as_in_the_working_tree() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("roots");
    let (one, two) = (tmp.join("one"), tmp.join("two"));
    init(&one);
    init(&two);
    edit(
        &one,
        &[
            ("a/entities/p.md", Some(b"# p\n")),
            ("b/entities/q.md", Some(b"# q\n")),
        ],
    );
    edit(&two, &[("entities/r.md", Some(b"# r\n"))]);
    commit_all(&one, "one");
    commit_all(&two, "two");

    let roots = [
        two.join("entities"),
        one.join("a/entities"),
        one.join("b/entities"),
        one.join("a/entities"),
    ];
    let at = read_docs_at("HEAD", &roots).expect("read HEAD");
    assert_eq!(
        paths(&at),
        ["a/entities/p.md", "b/entities/q.md", "two/entities/r.md"]
    );
    let working = read_docs_roots(&roots).expect("read the working tree");
    assert_eq!(pages(&at), pages(&working));
    // Each root's commit, resolved in its own repository: what the checkouts' HEADs record.
    assert_eq!(at.provenance, working.provenance);
    let ids: Vec<_> = at.provenance.iter().map(|p| p.commit.clone()).collect();
    let (head1, head2) = (
        git(&one, &["rev-parse", "HEAD"]),
        git(&two, &["rev-parse", "HEAD"]),
    );
    assert_eq!(ids, [Some(head1.clone()), Some(head1), Some(head2)]);
}

#[test]
fn a_revision_that_git_could_read_as_an_option_is_refused() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("options");
    let repo = tmp.join("repo");
    init(&repo);
    edit(&repo, &[("a.md", Some(b"# A\n"))]);
    commit_all(&repo, "one");
    let evil = tmp.join("written");
    let output = format!("--output={}", evil.display());
    for rev in [
        "",
        "-h",
        "--all",
        output.as_str(),
        "--end-of-options",
        "HEAD\0",
    ] {
        let error = only_error(read_docs_at(rev, from_ref(&repo)));
        assert!(error.contains("refusing the revision"), "{error}");
        assert!(error.starts_with("git:"), "{error}");
        let error = read_file_at(rev, &repo.join("a.md")).expect_err("refused");
        assert!(error.message.contains("refusing the revision"), "{error}");
    }
    assert!(!evil.exists());
}

#[test]
fn a_revision_that_names_no_commit_is_an_error_naming_it() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("unknown");
    let repo = tmp.join("repo");
    init(&repo);
    edit(
        &repo,
        &[("a.md", Some(b"# A\n")), ("docs/b.md", Some(b"# B\n"))],
    );
    commit_all(&repo, "one");
    // Two roots in one repository: the revision is resolved, and reported, once.
    let roots = [repo.clone(), repo.join("docs")];
    for rev in ["no-such-branch", "HEAD~5", "HEAD:a.md", "HEAD^{tree}"] {
        let error = only_error(read_docs_at(rev, &roots));
        assert!(error.starts_with(&format!("git:{rev}:1:1: error: `{rev}` names no commit")));
        assert!(
            error.contains("expected a commit, branch, tag or `HEAD~1`"),
            "{error}"
        );
        let error = read_file_at(rev, &repo.join("a.md")).expect_err("unknown");
        assert!(
            error.message.contains(&format!("`{rev}` names no commit")),
            "{error}"
        );
    }
}

#[test]
fn a_root_outside_any_repository_is_an_error_naming_it() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("outside");
    let outside = Command::new("git")
        .arg("-C")
        .arg(&tmp.0)
        .args(["rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| !o.status.success());
    if !outside {
        println!("SKIPPED: the temp dir is inside a git repository");
        return;
    }
    edit(&tmp.0, &[("a.md", Some(b"# A\n"))]);
    let error = only_error(read_docs_at("HEAD", from_ref(&tmp.0)));
    let named = format!("{} is not inside a git repository", tmp.0.display());
    assert!(error.contains(&named), "{error}");
}

#[test]
fn bad_pages_and_paths_are_diagnostics() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("bad");
    let repo = tmp.join("repo");
    init(&repo);
    edit(
        &repo,
        &[
            ("good.md", Some(b"# good\n")),
            ("latin1.md", Some(b"# caf\xe9\n")),
            ("binary.md", Some(b"PK\x03\x04\x00")),
        ],
    );
    git(&repo, &["add", "-A"]);
    let id = blob(&repo, b"# bad name\n");
    stage_entry(&repo, "100644", &id, b"dir/caf\xe9.md");
    git(&repo, &["commit", "-q", "-m", "one"]);

    let docs = read_docs_at("HEAD", from_ref(&repo)).expect("read");
    assert_eq!(paths(&docs), ["good.md"]);
    let mut found = messages(&docs);
    found.sort();
    assert_eq!(
        found,
        [
            "binary.md:1:5: error: binary file (NUL byte): expected a UTF-8 markdown page",
            "dir/caf\u{fffd}.md:1:1: error: the path \"dir/caf\\xE9.md\" is not valid UTF-8: \
             rename it (pages are named by their UTF-8 path)",
            "latin1.md:1:6: error: invalid UTF-8 (byte 0xe9): expected a UTF-8 markdown page",
        ]
    );
    // A checkout reports the same (where file names are bytes).
    if cfg!(unix) {
        let checkout = tmp.join("checkout");
        let wt = checkout.to_str().expect("UTF-8 temp dir");
        git(&repo, &["worktree", "add", "-q", "--detach", wt, "HEAD"]);
        let checked_out = read_docs_roots(from_ref(&checkout)).expect("read the checkout");
        let mut theirs = messages(&checked_out);
        theirs.sort();
        assert_eq!(found, theirs);
    }
}

#[test]
fn symlinks_and_submodules_are_skipped() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("links");
    let repo = tmp.join("repo");
    init(&repo);
    edit(&repo, &[("a.md", Some(b"# A\n"))]);
    git(&repo, &["add", "-A"]);
    let target = blob(&repo, b"a.md");
    stage_entry(&repo, "120000", &target, b"link.md");
    let script = blob(&repo, b"# run\n");
    stage_entry(&repo, "100755", &script, b"exec.md");
    git(&repo, &["commit", "-q", "-m", "one"]);
    let head = git(&repo, &["rev-parse", "HEAD"]);
    stage_entry(&repo, "160000", &head, b"module.md");
    git(&repo, &["commit", "-q", "-m", "two"]);

    let docs = read_docs_at("HEAD", from_ref(&repo)).expect("read");
    assert_eq!(paths(&docs), ["a.md", "exec.md"]);
    assert!(docs.diagnostics.is_empty(), "{:?}", messages(&docs));
    assert!(read_file_at("HEAD", &repo.join("link.md")).is_err());
    assert!(read_file_at("HEAD", &repo.join("module.md")).is_err());
}

#[test]
fn many_and_large_pages_come_through_one_batch() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("many");
    let repo = tmp.join("repo");
    init(&repo);
    let body = "| Name | Value |\n|---|---|\n".repeat(100);
    let files: Vec<(String, Vec<u8>)> = (0..400)
        .map(|i| {
            (
                format!("p/{i:03}.md"),
                format!("# {i}\n{body}").into_bytes(),
            )
        })
        .chain([("big.md".to_string(), "x".repeat(3 << 20).into_bytes())])
        .collect();
    let edits: Vec<(&str, Option<&[u8]>)> = files
        .iter()
        .map(|(p, b)| (p.as_str(), Some(b.as_slice())))
        .collect();
    edit(&repo, &edits);
    commit_all(&repo, "one");
    let docs = read_docs_at("HEAD", from_ref(&repo)).expect("read");
    assert_eq!(docs.files.len(), 401);
    assert_eq!(
        pages(&docs),
        pages(&read_docs_roots(&[repo]).expect("read"))
    );
}

#[test]
fn one_file_at_a_revision() {
    if !have_git() {
        return;
    }
    let tmp = Scratch::new("file");
    let repo = tmp.join("repo");
    init(&repo);
    edit(
        &repo,
        &[
            ("Cargo.toml", Some(b"v1")),
            ("crates/x/Cargo.toml", Some(b"x1")),
            ("old/gone.toml", Some(b"gone")),
        ],
    );
    commit_all(&repo, "one");
    edit(
        &repo,
        &[
            ("Cargo.toml", Some(b"v2")),
            ("new.toml", Some(b"new")),
            ("old/gone.toml", None),
        ],
    );
    commit_all(&repo, "two");

    let at = |rev: &str, rel: &str| read_file_at(rev, &repo.join(rel)).expect("read a file");
    assert_eq!(at("HEAD~1", "Cargo.toml").as_deref(), Some(&b"v1"[..]));
    assert_eq!(at("HEAD", "Cargo.toml").as_deref(), Some(&b"v2"[..]));
    assert_eq!(
        at("HEAD~1", "crates/x/Cargo.toml").as_deref(),
        Some(&b"x1"[..])
    );
    assert_eq!(at("HEAD~1", "old/gone.toml").as_deref(), Some(&b"gone"[..]));
    assert_eq!(at("HEAD~1", "new.toml"), None);
    assert_eq!(at("HEAD", "old/gone.toml"), None);
    assert_eq!(at("HEAD", "crates/x/missing/Cargo.toml"), None);
    let error = read_file_at("HEAD", &repo.join("crates")).expect_err("a directory");
    assert!(
        error
            .message
            .contains("is a symlink, directory or submodule"),
        "{error}"
    );
    assert_eq!(error.loc.file, "git:HEAD");
}
