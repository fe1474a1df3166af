//! The standalone crate (`generate --crate DIR`): its manifest, root and README for the fixture
//! pages, determinism, the crate writer, the CLI, and the crate compiling with no feature, one
//! feature and every feature.

mod common;

use common::{bin, scratch};

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::standalone::{self, CrateOptions, Runtime, MARKER};
use dataverse_codegen::{Generated, Layout, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pages() -> Vec<SourceFile> {
    common::read(&common::fixtures("pages"))
}

fn generate(sources: &[SourceFile], layout: Layout) -> Generated {
    let options = Options {
        layout,
        ..Options::default()
    };
    match dataverse_codegen::generate(sources, options) {
        Ok(g) => g,
        Err(e) => panic!("generating:\n{}", e.0),
    }
}

/// Fixed options, so the snapshots do not follow the generator's version.
fn options() -> CrateOptions {
    CrateOptions {
        runtime: Runtime::Version("0.1".to_string()),
        ..CrateOptions::default()
    }
}

fn crate_of(sources: &[SourceFile]) -> BTreeMap<String, String> {
    let generated = generate(sources, Layout::Crate);
    standalone::crate_files(&generated, &options()).expect("the crate's files")
}

/// Every file below `dir` (relative path -> bytes), for comparing a directory before and after.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("below root");
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out);
    }
    out
}

fn features(manifest: &str) -> toml::Table {
    let parsed: toml::Table = toml::from_str(manifest).expect("Cargo.toml is TOML");
    parsed["features"]
        .as_table()
        .expect("a [features] table")
        .clone()
}

// ---------------------------------------------------------------------------------------------
// The files.

#[test]
fn the_manifest_root_and_readme_of_the_fixture_pages() {
    let files = crate_of(&pages());
    insta::assert_snapshot!("manifest", files["Cargo.toml"]);
    insta::assert_snapshot!("lib_rs", files["src/lib.rs"]);
    insta::assert_snapshot!("readme", files["README.md"]);
}

#[test]
fn one_feature_per_table_sorted_and_all_lists_every_table() {
    let generated = generate(&pages(), Layout::Crate);
    let files = standalone::crate_files(&generated, &options()).expect("files");
    let features = features(&files["Cargo.toml"]);
    let tables: BTreeSet<&str> = generated
        .tables
        .iter()
        .map(|t| t.feature.as_str())
        .collect();
    assert!(
        tables.contains("contact") && tables.contains("option"),
        "{tables:?}"
    );

    let declared: Vec<&str> = features.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = tables.iter().copied().chain(["all", "default"]).collect();
    expected.sort();
    assert_eq!(
        declared, expected,
        "one feature per table, and all, default"
    );
    for t in &tables {
        assert_eq!(features[*t].as_array().map(Vec::len), Some(0), "{t} = []");
    }
    assert_eq!(features["default"].as_array().map(Vec::len), Some(0));
    let all: Vec<&str> = features["all"]
        .as_array()
        .expect("all is a list")
        .iter()
        .map(|v| v.as_str().expect("a feature name"))
        .collect();
    assert_eq!(
        all,
        tables.iter().copied().collect::<Vec<_>>(),
        "all: every table, sorted"
    );
    // The feature lines themselves are in order too (the TOML table would sort them anyway).
    let manifest = &files["Cargo.toml"];
    let lines: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_suffix(" = []"))
        .filter(|f| *f != "default")
        .collect();
    assert_eq!(lines, tables.iter().copied().collect::<Vec<_>>());

    // Every table has its module behind its feature, and its file in src/.
    let lib = &files["src/lib.rs"];
    for t in &generated.tables {
        let gate = format!("#[cfg(feature = \"{}\")]", t.feature);
        let module = format!("pub mod {};", t.module);
        let at = lib
            .find(&module)
            .unwrap_or_else(|| panic!("{module} in lib.rs"));
        assert!(lib[..at].contains(&gate), "{gate} before {module}");
        assert_eq!(
            files.get(&format!("src/{}", t.file)),
            generated.files.get(&t.file)
        );
    }
    // src/ holds the generated files but the build-script index, and the crate root.
    let src: BTreeSet<&str> = files
        .keys()
        .filter_map(|k| k.strip_prefix("src/"))
        .collect();
    let mut expected: BTreeSet<&str> = generated.files.keys().map(String::as_str).collect();
    expected.remove(dataverse_codegen::INDEX_FILE);
    expected.insert("lib.rs");
    assert_eq!(src, expected);
    assert_eq!(files.len(), src.len() + 2, "and Cargo.toml, README.md");

    // A table's rows are named through `records`: typed with the feature, JSON without it.
    let records = &files["src/records.rs"];
    assert!(
        records.contains("#[cfg(not(feature = \"account\"))]"),
        "{records}"
    );
    assert!(files["src/contact.rs"].contains("crate::records::account"));
}

#[test]
fn the_same_bytes_for_any_page_order() {
    let forwards = pages();
    let mut backwards = forwards.clone();
    backwards.reverse();
    let mut rotated = forwards.clone();
    rotated.rotate_left(forwards.len() / 2);
    let first = crate_of(&forwards);
    assert_eq!(first, crate_of(&forwards), "twice");
    assert_eq!(first, crate_of(&backwards), "reversed");
    assert_eq!(first, crate_of(&rotated), "rotated");
}

#[test]
fn a_build_script_generation_is_refused() {
    let generated = generate(&pages(), Layout::BuildScript);
    let err = standalone::crate_files(&generated, &options()).unwrap_err();
    assert!(err.contains("Layout::Crate"), "{err}");
}

#[test]
fn the_runtime_dependency_as_given() {
    let generated = generate(&pages(), Layout::Crate);
    let with = |runtime: Runtime| {
        let options = CrateOptions {
            runtime,
            ..options()
        };
        let files = standalone::crate_files(&generated, &options).expect("files");
        let manifest: toml::Table = toml::from_str(&files["Cargo.toml"]).expect("TOML");
        manifest["dependencies"]["dataverse-runtime"].clone()
    };
    assert_eq!(
        with(Runtime::Version("=0.1.2".into())).as_str(),
        Some("=0.1.2")
    );
    let path = with(Runtime::Path("../runtime".into()));
    assert_eq!(
        path["path"].as_str(),
        Some("../runtime"),
        "relative, as given"
    );
    let odd = r#"C:\vendor\dataverse "runtime""#;
    let path = with(Runtime::Path(odd.into()));
    assert_eq!(path["path"].as_str(), Some(odd), "one TOML string, exactly");
}

#[test]
fn the_package_options() {
    let generated = generate(&pages(), Layout::Crate);
    let options = CrateOptions {
        name: "contoso-dataverse".to_string(),
        version: "2.3.0-beta.1".to_string(),
        license: Some("MIT OR Apache-2.0".to_string()),
        standalone: false,
        ..options()
    };
    let files = standalone::crate_files(&generated, &options).expect("files");
    let manifest: toml::Table = toml::from_str(&files["Cargo.toml"]).expect("TOML");
    let package = &manifest["package"];
    assert_eq!(package["name"].as_str(), Some("contoso-dataverse"));
    assert_eq!(package["version"].as_str(), Some("2.3.0-beta.1"));
    assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
    assert_eq!(package["edition"].as_str(), Some("2021"));
    assert_eq!(package["autobins"].as_bool(), Some(false));
    assert!(!manifest.contains_key("workspace"), "standalone: false");
    assert!(files["README.md"].contains("contoso_dataverse::runtime"));
    let standalone = standalone::crate_files(&generated, &self::options()).expect("files");
    let manifest: toml::Table = toml::from_str(&standalone["Cargo.toml"]).expect("TOML");
    assert_eq!(manifest["workspace"].as_table().map(|t| t.len()), Some(0));
}

#[test]
fn options_cargo_would_refuse_are_errors_naming_them() {
    let generated = generate(&pages(), Layout::Crate);
    let cases: Vec<(CrateOptions, &str)> = vec![
        (
            CrateOptions {
                name: "2tables".into(),
                ..options()
            },
            "crate name \"2tables\"",
        ),
        (
            CrateOptions {
                name: "dataverse_runtime".into(),
                ..options()
            },
            "crate name `dataverse_runtime` is taken",
        ),
        (
            CrateOptions {
                version: "1.0".into(),
                ..options()
            },
            "crate version \"1.0\"",
        ),
        (
            CrateOptions {
                runtime: Runtime::Version("0.1\"\n[x]".into()),
                ..options()
            },
            "runtime version requirement",
        ),
        (
            CrateOptions {
                runtime: Runtime::Path("a\u{202e}b".into()),
                ..options()
            },
            "runtime path \"a\\\\u{202e}b\"",
        ),
    ];
    for (options, expected) in cases {
        let err = standalone::crate_files(&generated, &options).unwrap_err();
        assert!(err.contains(expected), "{err}\nexpected: {expected}");
    }
}

#[test]
fn a_table_named_lib_never_replaces_the_crate_root() {
    let generated = generate(
        &common::read(&common::fixtures("standalone/lib")),
        Layout::Crate,
    );
    match standalone::crate_files(&generated, &options()) {
        // Today: refused, naming the table.
        Err(e) => assert!(e.contains("table `lib`") && e.contains("lib.rs"), "{e}"),
        // Once the names stage reserves `lib`: the table's module is another file.
        Ok(files) => {
            let root = &files["src/lib.rs"];
            assert!(root.starts_with(&format!("// {MARKER}")), "{root}");
            assert!(root.contains("pub mod records;"), "{root}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The writer.

#[test]
fn the_writer_writes_a_set_keeps_what_it_did_not_write_and_removes_stale_modules() {
    let dir = scratch("standalone-writer").join("crate");
    let files = crate_of(&pages());
    let report = standalone::write_crate(&dir, &files).expect("written");
    assert_eq!(report.written.len(), files.len());
    for (name, text) in &files {
        assert_eq!(&std::fs::read_to_string(dir.join(name)).expect(name), text);
    }
    // Again: nothing to write.
    let again = standalone::write_crate(&dir, &files).expect("written");
    assert!(
        again.written.is_empty() && again.removed.is_empty(),
        "{again:?}"
    );
    assert_eq!(again.unchanged.len(), files.len());

    // Files of the user's own, and a leftover staging file of an interrupted run.
    std::fs::write(dir.join("src/handwritten.rs"), "pub fn mine() {}\n").expect("write");
    std::fs::write(dir.join("notes.txt"), "mine\n").expect("write");
    std::fs::write(dir.join("build.rs"), "fn main() {}\n").expect("write");
    std::fs::write(dir.join("src/.team.rs.tmp"), "half").expect("write");

    // The `team` page is gone.
    let fewer: Vec<SourceFile> = pages()
        .into_iter()
        .filter(|p| !p.path.ends_with("team.md"))
        .collect();
    let next = crate_of(&fewer);
    assert!(!next.contains_key("src/team.rs"));
    let report = standalone::write_crate(&dir, &next).expect("written");
    assert_eq!(report.removed, ["src/team.rs"]);
    assert!(!dir.join("src/team.rs").exists());
    assert!(
        !dir.join("src/.team.rs.tmp").exists(),
        "leftover staging removed"
    );
    let kept = std::fs::read_to_string(dir.join("src/handwritten.rs")).expect("kept");
    assert_eq!(kept, "pub fn mine() {}\n");
    assert!(dir.join("notes.txt").is_file() && dir.join("build.rs").is_file());
    assert!(
        !features(&std::fs::read_to_string(dir.join("Cargo.toml")).expect("toml"))
            .contains_key("team")
    );
}

#[test]
fn the_writer_refuses_before_writing_anything() {
    let root = scratch("standalone-refuse");
    let files = crate_of(&pages());

    // Paths outside the crate's files.
    for bad in [
        "../escape.rs",
        "src/a/b.rs",
        "build.rs",
        "src/A.rs",
        "/abs.rs",
        "src/nul.rs",
    ] {
        let dir = root.join("bad-path");
        let mut with = files.clone();
        with.insert(bad.to_string(), "x".to_string());
        let err = standalone::write_crate(&dir, &with).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{bad}: {err}");
        assert!(err.to_string().contains(bad), "{err}");
        assert!(
            !dir.exists(),
            "{bad}: nothing written, not even the directory"
        );
    }
    assert!(!root.join("escape.rs").exists());

    // The directory of another crate: its manifest and root are not ours.
    let other = root.join("other");
    std::fs::create_dir_all(other.join("src")).expect("dir");
    std::fs::write(other.join("Cargo.toml"), "[package]\nname = \"mine\"\n").expect("write");
    std::fs::write(other.join("src/lib.rs"), "pub fn mine() {}\n").expect("write");
    let before = tree(&other);
    let err = standalone::write_crate(&other, &files).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists, "{err}");
    assert!(
        err.to_string().contains("not written by dataverse-codegen"),
        "{err}"
    );
    assert_eq!(tree(&other), before, "untouched");

    // A user's module of a table's name.
    let mine = root.join("mine");
    std::fs::create_dir_all(mine.join("src")).expect("dir");
    std::fs::write(mine.join("src/contact.rs"), "pub struct Mine;\n").expect("write");
    let err = standalone::write_crate(&mine, &files).unwrap_err();
    assert!(err.to_string().contains("contact.rs"), "{err}");
    assert_eq!(tree(&mine).len(), 1, "nothing else written");
}

#[cfg(unix)]
#[test]
fn the_writer_never_follows_a_link_out_of_the_crate() {
    let root = scratch("standalone-links");
    let elsewhere = root.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("dir");
    let files = crate_of(&pages());

    let dir = root.join("src-link");
    std::fs::create_dir_all(&dir).expect("dir");
    std::os::unix::fs::symlink(&elsewhere, dir.join("src")).expect("symlink");
    let err = standalone::write_crate(&dir, &files).unwrap_err();
    assert!(err.to_string().contains("src"), "{err}");

    let dir = root.join("file-link");
    std::fs::create_dir_all(dir.join("src")).expect("dir");
    std::fs::write(elsewhere.join("target.rs"), format!("// {MARKER}\n")).expect("write");
    std::os::unix::fs::symlink(elsewhere.join("target.rs"), dir.join("src/records.rs"))
        .expect("symlink");
    let err = standalone::write_crate(&dir, &files).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(tree(&elsewhere).len(), 1, "nothing written elsewhere");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("target.rs")).expect("read"),
        format!("// {MARKER}\n")
    );
}

#[test]
fn a_failure_while_staging_leaves_the_previous_crate_whole() {
    let dir = scratch("standalone-staging").join("crate");
    let files = crate_of(&pages());
    standalone::write_crate(&dir, &files).expect("written");
    let before = tree(&dir);
    // Every file changes; staging `records.rs` fails (a directory holds its staging name).
    let changed: BTreeMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.clone(), format!("{v}// changed\n")))
        .collect();
    std::fs::create_dir(dir.join("src/.records.rs.tmp")).expect("dir");
    let err = standalone::write_crate(&dir, &changed).unwrap_err();
    assert!(err.to_string().contains(".records.rs.tmp"), "{err}");
    std::fs::remove_dir(dir.join("src/.records.rs.tmp")).expect("rmdir");
    assert_eq!(tree(&dir), before, "byte-identical, no staging file left");
}

// ---------------------------------------------------------------------------------------------
// The CLI.

/// `generate --crate <dir>` with the names lock beside the crate, in a scratch working
/// directory (so a default `--out generated` would show).
fn generate_crate(cwd: &Path, docs: &Path, dir: &Path, extra: &[&str]) -> Output {
    bin()
        .current_dir(cwd)
        .arg("generate")
        .arg("--docs")
        .arg(docs)
        .arg("--names")
        .arg(cwd.join("dataverse-names.lock"))
        .arg("--crate")
        .arg(dir)
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn ok(run: &Output) -> String {
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn cli_generate_crate_writes_the_crate_and_regenerates_it() {
    let cwd = scratch("standalone-cli");
    let dir = cwd.join("tables");
    let docs = cwd.join("docs");
    std::fs::create_dir_all(&docs).expect("dir");
    for page in pages() {
        let path = docs.join(&page.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, &page.text).expect("copy");
    }
    let stdout = ok(&generate_crate(
        &cwd,
        &docs,
        &dir,
        &["--crate-name", "contoso-tables", "--runtime-version", "0.1"],
    ));
    assert!(
        stdout.contains(" written, 0 unchanged, 0 removed"),
        "{stdout}"
    );
    for file in [
        "Cargo.toml",
        "README.md",
        "schema.json",
        "src/lib.rs",
        "src/contact.rs",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert!(!dir.join("src/tables.rs").exists(), "no build-script index");
    assert!(!cwd.join("generated").exists(), "nothing into --out");
    assert!(cwd.join("dataverse-names.lock").is_file());
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("toml");
    assert!(manifest.contains("name = \"contoso-tables\""), "{manifest}");
    assert!(
        manifest.contains("dataverse-runtime = \"0.1\""),
        "{manifest}"
    );

    // The user's files, then a page removed.
    std::fs::write(dir.join("src/handwritten.rs"), "pub fn mine() {}\n").expect("write");
    std::fs::write(dir.join("LICENSE"), "mine\n").expect("write");
    std::fs::remove_file(docs.join("webapi/team.md")).expect("rm");
    let stdout = ok(&generate_crate(
        &cwd,
        &docs,
        &dir,
        &["--crate-name", "contoso-tables", "--runtime-version", "0.1"],
    ));
    assert!(stdout.contains(", 1 removed"), "{stdout}");
    assert!(
        stdout.contains("schema changes: ") && stdout.contains(" error"),
        "table_removed: {stdout}"
    );
    assert!(!dir.join("src/team.rs").exists());
    assert!(dir.join("src/handwritten.rs").is_file() && dir.join("LICENSE").is_file());
    let after = std::fs::read_to_string(dir.join("Cargo.toml")).expect("toml");
    assert!(!features(&after).contains_key("team"), "{after}");
}

#[test]
fn cli_accepts_every_name_the_collisions_fixture_chooses() {
    let cwd = scratch("standalone-cli-collisions");
    let dir = cwd.join("crate");
    ok(&generate_crate(
        &cwd,
        &common::fixtures("collisions"),
        &dir,
        &[],
    ));
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib.rs");
    assert!(lib.contains("pub mod r#type;"), "{lib}");
    assert!(dir.join("src/type.rs").is_file() && dir.join("src/tables_.rs").is_file());
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("toml");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        manifest.contains(&format!("dataverse-runtime = \"{version}\"")),
        "the default runtime requirement is the generator's version: {manifest}"
    );
}

#[test]
fn cli_refuses_the_directory_of_another_crate_and_bad_flags() {
    let cwd = scratch("standalone-cli-refuse");
    let pages = common::fixtures("pages");
    let dir = cwd.join("mine");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\n").expect("write");
    let run = generate_crate(&cwd, &pages, &dir, &[]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("not written by dataverse-codegen"),
        "{stderr}"
    );
    assert_eq!(tree(&dir).len(), 1, "only the user's Cargo.toml");

    let run = generate_crate(&cwd, &pages, &cwd.join("bad"), &["--crate-name", "2x"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("crate name \"2x\""), "{stderr}");
    assert!(!cwd.join("bad").exists());

    // Usage errors (clap: exit 2), nothing written.
    let usage: [&[&str]; 4] = [
        &["--crate-name", "x"],
        &["--runtime-path", "rt"],
        &["--crate", "c", "--out", "o"],
        &[
            "--crate",
            "c",
            "--runtime-path",
            "rt",
            "--runtime-version",
            "1",
        ],
    ];
    for args in usage {
        let run = bin()
            .current_dir(&cwd)
            .arg("generate")
            .arg("--docs")
            .arg(&pages)
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(2), "{args:?}");
    }
    assert!(!cwd.join("c").exists() && !cwd.join("o").exists() && !cwd.join("generated").exists());
}

// ---------------------------------------------------------------------------------------------
// The build.

/// `cargo check` of the crate in `dir` with `features`, warnings denied, in a target directory
/// shared by every run (the runtime and its dependencies compile once).
fn cargo_check(dir: &Path, features: &[&str]) {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("standalone-check");
    let run = Command::new(env!("CARGO"))
        .arg("check")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(features)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .expect("cargo runs");
    assert!(
        run.status.success(),
        "cargo check {features:?} of {} failed:\n{}",
        dir.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The crate of `docs`, depending on this workspace's runtime by path, with this workspace's
/// Cargo.lock (the same dependency versions, no new resolution).
fn crate_for_build(name: &str, docs: &Path) -> PathBuf {
    let cwd = scratch(&format!("standalone-build-{name}"));
    let dir = cwd.join("crate");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace");
    let runtime = workspace.join("runtime");
    let runtime = runtime.to_str().expect("a UTF-8 path");
    ok(&generate_crate(
        &cwd,
        docs,
        &dir,
        &["--runtime-path", runtime],
    ));
    let lock = workspace.join("Cargo.lock");
    if lock.is_file() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).expect("copy Cargo.lock");
    }
    dir
}

#[test]
fn the_crate_compiles_with_no_feature_one_feature_and_every_feature() {
    let dir = crate_for_build("pages", &common::fixtures("pages"));
    cargo_check(&dir, &[]);
    // Their navigation properties lead to tables that are then off: raw JSON.
    cargo_check(&dir, &["--features", "contact"]);
    cargo_check(&dir, &["--features", "account"]);
    cargo_check(&dir, &["--features", "all"]);

    // Modules named as keywords and as what the crate root holds; a table `main`.
    let collisions = crate_for_build("collisions", &common::fixtures("collisions"));
    cargo_check(&collisions, &["--features", "all"]);
    let main = crate_for_build("main", &common::fixtures("standalone/main"));
    cargo_check(&main, &["--features", "all"]);
}
