//! `dataverse-codegen diff` as CI runs it: exit codes, formats, the allow file, the version
//! check, `git:` revisions; and the one-line summary `generate` prints.

mod common;

use common::{bin, scratch};

use std::path::Path;
use std::process::{Command, Output};

fn case(name: &str, side: &str) -> String {
    common::fixtures(&format!("diff/{name}/{side}"))
        .display()
        .to_string()
}

fn diff(args: &[&str]) -> Output {
    bin()
        .arg("diff")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn exit_codes_follow_fail_on() {
    let (old, new) = (case("mixed", "old"), case("mixed", "new"));
    let run = diff(&["--old", &old, "--new", &new]);
    assert_eq!(run.status.code(), Some(100), "{}", stderr(&run));
    assert_eq!(stderr(&run), "", "no warning, no note");
    assert!(stdout(&run).contains("error[column_removed] sample_widget.sample_legacycode"));
    // Doc changes are counted, not shown, unless asked for.
    assert!(!stdout(&run).contains("doc[description_changed]"));
    assert!(stdout(&run).contains("(doc changes hidden: --show-doc)"));
    let shown = diff(&["--old", &old, "--new", &new, "--show-doc"]);
    assert!(stdout(&shown).contains("doc[description_changed]"));

    let never = diff(&["--old", &old, "--new", &new, "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
    // Only additions: passes at `error` and `warning`, fails at `info`.
    let (a, b) = (case("column_added", "old"), case("column_added", "new"));
    assert_eq!(diff(&["--old", &a, "--new", &b]).status.code(), Some(0));
    let warn = diff(&["--old", &a, "--new", &b, "--fail-on", "warning"]);
    assert_eq!(warn.status.code(), Some(0));
    let info = diff(&["--old", &a, "--new", &b, "--fail-on", "info"]);
    assert_eq!(info.status.code(), Some(100));
    // Prose only fails only at `doc`.
    let (a, b) = (
        case("description_changed", "old"),
        case("description_changed", "new"),
    );
    assert_eq!(
        diff(&["--old", &a, "--new", &b, "--fail-on", "info"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        diff(&["--old", &a, "--new", &b, "--fail-on", "doc"])
            .status
            .code(),
        Some(100)
    );
}

#[test]
fn the_tool_failing_is_101() {
    let missing = scratch("diff-missing").join("nope");
    let run = diff(&[
        "--old",
        &missing.display().to_string(),
        "--new",
        &case("mixed", "new"),
    ]);
    assert_eq!(run.status.code(), Some(101));
    assert!(
        stderr(&run).contains("the old docs do not read"),
        "{}",
        stderr(&run)
    );
    let bad_dir = scratch("diff-bad-page");
    std::fs::copy(
        common::fixtures("errors/non_numeric_choice.md"),
        bad_dir.join("widget.md"),
    )
    .expect("copy");
    let bad = bad_dir.display().to_string();
    let run = diff(&["--old", &bad, "--new", &case("mixed", "new")]);
    assert_eq!(run.status.code(), Some(101), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("the old docs do not merge"),
        "{}",
        stderr(&run)
    );
    let usage = diff(&["--new", &case("mixed", "new")]);
    assert_eq!(usage.status.code(), Some(101));
    let format = diff(&["--old", &bad, "--format", "yaml"]);
    assert_eq!(format.status.code(), Some(101));
}

#[test]
fn formats() {
    let (old, new) = (case("mixed", "old"), case("mixed", "new"));
    let json = diff(&["--old", &old, "--new", &new, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["semver"], "major");
    assert_eq!(value["changes"].as_array().map(Vec::len), Some(4));
    let md = diff(&["--old", &old, "--new", &new, "--format", "markdown"]);
    assert!(stdout(&md).starts_with("### Dataverse schema changes\n"));
    let gh = diff(&[
        "--old",
        &old,
        "--new",
        &new,
        "--format",
        "github",
        "--path-prefix",
        "docs-in/",
    ]);
    assert!(
        stdout(&gh)
            .contains("::error file=docs-in/sample_widget.md,line=101,col=1,title=cascade_changed"),
        "{}",
        stdout(&gh)
    );
}

#[test]
fn an_allow_file_accepts_known_changes() {
    let (old, new) = (case("column_removed", "old"), case("column_removed", "new"));
    let json = diff(&["--old", &old, "--new", &new, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let print = value["changes"][0]["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string();
    let dir = scratch("diff-allow");
    let allow = dir.join("allow.txt");
    std::fs::write(&allow, format!("# reviewed\n{print} nobody reads it\n")).expect("write");
    let allow = allow.display().to_string();
    let run = diff(&["--old", &old, "--new", &new, "--allow", &allow]);
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));
    assert!(stdout(&run).contains("allowed: nobody reads it"));
    // Without the reason, the file is refused with its location.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, format!("{print}\n")).expect("write");
    let run = diff(&[
        "--old",
        &old,
        "--new",
        &new,
        "--allow",
        &bad.display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(101));
    assert!(
        stderr(&run).contains("bad.txt:1:17: error: expected a reason"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn the_version_must_be_bumped_enough() {
    let (old, new) = (case("column_removed", "old"), case("column_removed", "new"));
    let dir = scratch("diff-version");
    let manifest = dir.join("Cargo.toml");
    std::fs::write(&manifest, "[package]\nname = \"t\"\nversion = \"0.3.1\"\n").expect("write");
    let manifest = manifest.display().to_string();
    let args = [
        "--old",
        &old,
        "--new",
        &new,
        "--fail-on",
        "never",
        "--manifest",
        &manifest,
    ];
    let short = diff(&[&args[..], &["--old-version", "0.3.0"]].concat());
    assert_eq!(short.status.code(), Some(100));
    assert!(
        stderr(&short).contains("use at least 0.4.0"),
        "{}",
        stderr(&short)
    );
    let enough = diff(&[&args[..], &["--old-version", "0.2.9"]].concat());
    assert_eq!(enough.status.code(), Some(0), "{}", stderr(&enough));
    let unknown = diff(&args);
    assert_eq!(unknown.status.code(), Some(101));
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn git_revisions_and_the_manifest_at_them() {
    if !Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("SKIPPED: git is not installed");
        return;
    }
    let repo = scratch("diff-git");
    assert!(git(&repo, &["init", "-q"]));
    let docs = repo.join("docs-in");
    copy_dir(&common::fixtures("diff/choice_value_removed/old"), &docs);
    let manifest = repo.join("Cargo.toml");
    std::fs::write(&manifest, "[package]\nname = \"t\"\nversion = \"1.2.0\"\n").expect("write");
    assert!(git(&repo, &["add", "-A"]) && git(&repo, &["commit", "-q", "-m", "old"]));
    copy_dir(&common::fixtures("diff/choice_value_removed/new"), &docs);
    std::fs::write(&manifest, "[package]\nname = \"t\"\nversion = \"1.3.0\"\n").expect("write");

    let run = bin()
        .current_dir(&repo)
        .args([
            "diff",
            "--old",
            "git:HEAD",
            "--manifest",
            "Cargo.toml",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    // The working tree against HEAD: a removed value (major), and 1.2.0 -> 1.3.0 is minor.
    assert_eq!(run.status.code(), Some(100), "{}", stderr(&run));
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(value["changes"][0]["kind"], "choice_value_removed");
    assert!(
        stderr(&run).contains("use at least 2.0.0"),
        "{}",
        stderr(&run)
    );
    // Argument injection through the revision is refused.
    let run = bin()
        .current_dir(&repo)
        .args(["diff", "--old", "git:--output=/tmp/x"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(101));
}

#[test]
fn generate_says_what_changed_against_the_output_it_replaces() {
    let out = scratch("generate-changes");
    let first = common::run_generate(&[], Path::new(&case("mixed", "old")), &out);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("schema changes: no earlier schema.json"));
    assert!(out.join("schema.json").is_file());
    let again = common::run_generate(&[], Path::new(&case("mixed", "old")), &out);
    assert!(
        stdout(&again).ends_with("schema changes: none\n"),
        "{}",
        stdout(&again)
    );
    let next = common::run_generate(&[], Path::new(&case("mixed", "new")), &out);
    assert!(
        stdout(&next)
            .ends_with("schema changes: 2 errors, 0 warnings, 1 info, 1 doc (semver: major)\n"),
        "{}",
        stdout(&next)
    );
    std::fs::write(out.join("schema.json"), "{").expect("write");
    let broken = common::run_generate(&[], Path::new(&case("mixed", "new")), &out);
    assert!(broken.status.success());
    assert!(stdout(&broken)
        .contains("schema changes: not compared (the earlier schema.json does not read"));
}

#[test]
fn usage_help_and_notes() {
    assert_eq!(diff(&["--help"]).status.code(), Some(0));
    let other = bin().args(["generate", "--bogus"]).output().expect("runs");
    assert_eq!(
        other.status.code(),
        Some(2),
        "usage errors of other commands stay 2"
    );
    // docs-in holds an extension-only table: one warning per side, noted, not shown.
    let docs = common::docs_in().display().to_string();
    let same = diff(&["--old", &docs, "--new", &docs]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(stdout(&same), "schema changes: none\n");
    assert!(
        stderr(&same).contains("note: the old docs have 1 warning(s); `generate` shows them"),
        "{}",
        stderr(&same)
    );
}

#[test]
fn model_options_reach_the_model() {
    let docs = common::docs_in();
    let strict = bin()
        .arg("model")
        .arg("--strict")
        .arg("--docs")
        .arg(&docs)
        .output()
        .expect("runs");
    assert_eq!(strict.status.code(), Some(1), "docs-in has a warning");
    let all = bin()
        .arg("model")
        .arg("--docs")
        .arg(&docs)
        .output()
        .expect("runs");
    let sales = bin()
        .args(["model", "--products", "sales", "--docs"])
        .arg(&docs)
        .output()
        .expect("runs");
    assert!(stdout(&all).contains("customer-service/"));
    assert!(!stdout(&sales).contains("customer-service/") && stdout(&sales).contains("sales/"));
}

#[test]
fn the_names_lockfile_is_read_and_refused_when_bad() {
    let out = scratch("lock-cli");
    let lock = out.join("dataverse-names.lock");
    let first = common::run_generate(&[], &common::docs_in(), &out);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = std::fs::read_to_string(&lock).expect("the lock is written");
    assert!(
        text.contains("msdyn_ocsession record MsdynOcsession\n"),
        "{text}"
    );
    // A recorded name is kept: rename the record in the lock, and the code follows.
    std::fs::write(
        &lock,
        text.replace("record MsdynOcsession\n", "record OcSession\n"),
    )
    .expect("write");
    let kept = common::run_generate(&[], &common::docs_in(), &out);
    assert!(kept.status.success(), "{}", stderr(&kept));
    let code = std::fs::read_to_string(out.join("msdyn_ocsession.rs")).expect("code");
    assert!(
        code.contains("pub struct OcSession"),
        "the lock's name is used"
    );
    // A recorded name another item's recorded name takes is lost: counted in the summary even
    // with no earlier schema to compare with, and printed.
    let lock_text = std::fs::read_to_string(&lock).expect("lock");
    std::fs::write(
        &lock,
        lock_text.replace("body MsdynOcsessionBody\n", "body OcSession\n"),
    )
    .expect("write");
    std::fs::remove_file(out.join("schema.json")).expect("rm");
    let lost = common::run_generate(&[], &common::docs_in(), &out);
    assert!(lost.status.success(), "{}", stderr(&lost));
    assert!(
        stdout(&lost).ends_with(
            "schema changes: 1 error, 0 warnings, 0 info, 0 doc (semver: major) (no earlier schema.json in the output to compare with)\n"
        ),
        "{}",
        stdout(&lost)
    );
    assert!(
        stderr(&lost).contains("warning: `msdyn_ocsession body`"),
        "{}",
        stderr(&lost)
    );
    // A malformed lock fails with its location, and nothing is written.
    std::fs::write(&lock, "msdyn_ocsession record 9bad\n").expect("write");
    let bad = common::run_generate(&[], &common::docs_in(), &out);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("dataverse-names.lock:1:"),
        "{}",
        stderr(&bad)
    );
    // A lock path that is no file is an error, not "no lock".
    std::fs::remove_file(&lock).expect("rm");
    std::fs::create_dir_all(&lock).expect("a directory in its place");
    let dir = common::run_generate(&[], &common::docs_in(), &out);
    assert_eq!(dir.status.code(), Some(1));
    assert!(
        stderr(&dir).contains("reading the names lockfile"),
        "{}",
        stderr(&dir)
    );
}
