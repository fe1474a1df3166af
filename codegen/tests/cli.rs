//! The binary: exit codes, summaries, and output left untouched on failure.

mod common;

use common::{bin, scratch};

use std::path::Path;

#[test]
fn generate_writes_files_and_a_summary_line_per_table() {
    let out = scratch("cli-generate");
    let run = common::run_generate(&[], &common::docs_in(), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.starts_with("msdyn_ocsession: 3 columns, 8 choice values, 7 lookup targets, 7 relationships, from 2 pages\n"),
        "{stdout}"
    );
    assert!(out.join("msdyn_ocsession.rs").is_file());
    assert!(out.join("tables.rs").is_file());
}

#[test]
fn bad_input_fails_and_leaves_the_output_as_it_was() {
    let docs = scratch("cli-bad-docs");
    let out = scratch("cli-bad-out");
    std::fs::create_dir_all(docs.join("sales")).expect("dir");
    for entry in std::fs::read_dir(common::docs_in().join("sales")).expect("docs-in/sales") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            docs.join("sales").join(path.file_name().expect("name")),
        )
        .expect("copy");
    }
    std::fs::copy(
        common::fixtures("errors/non_numeric_choice.md"),
        docs.join("widget.md"),
    )
    .expect("copy");
    std::fs::write(out.join("msdyn_ocsession.rs"), "// reviewed output\n").expect("write");

    let run = common::run_generate(&[], &docs, &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("widget.md:21:2: error: choice value `large` is not an integer"),
        "{stderr}"
    );
    let kept = std::fs::read_to_string(out.join("msdyn_ocsession.rs")).expect("kept");
    assert_eq!(kept, "// reviewed output\n");
    let names: Vec<_> = std::fs::read_dir(&out).expect("out").collect();
    assert_eq!(names.len(), 1, "nothing else was written");
}

#[test]
fn model_prints_json() {
    let run = bin()
        .args(["model", "--docs"])
        .arg(common::docs_in())
        .output()
        .expect("runs");
    assert!(run.status.success());
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON on stdout");
    assert_eq!(json["tables"][0]["logical_name"], "msdyn_ocsession");
}

#[test]
fn a_missing_docs_directory_is_an_error() {
    let run = bin()
        .args(["model", "--docs", "/nonexistent/docs"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot read the docs directory"));
}

#[test]
fn tables_selects_what_is_generated() {
    let out = scratch("cli-tables");
    let pages = common::fixtures("pages");
    let run = common::run_generate(&["--tables", "sample_note,samplelegacyitem"], &pages, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            // Exactly what was asked for: nothing sample_note refers to is pulled in.
            "choices.rs",
            "dataverse-names.lock",
            "lookups.rs",
            "records.rs",
            "sample_note.rs",
            "samplelegacyitem.rs",
            "tables.rs",
        ]
    );
    // The tables not generated still bind with what every page says of them, and their
    // rows read as raw JSON.
    let note = std::fs::read_to_string(out.join("sample_note.rs")).expect("note");
    let records = std::fs::read_to_string(out.join("records.rs")).expect("records");
    assert!(note.contains("\"accounts\""), "{note}");
    assert!(note.contains("rt::Json"), "{note}");
    assert!(!records.contains("account"), "{records}");
    assert!(
        records.contains("pub type sample_note = crate::sample_note::"),
        "{records}"
    );

    // A selection's schema is not the docs': neither written (above) nor compared.
    assert!(
        String::from_utf8_lossy(&run.stdout)
            .ends_with("schema changes: none (tables not compared: --tables)\n"),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let run = common::run_generate(&["--tables", "nosuchtable"], &pages, &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("table `nosuchtable` was asked for, but no page describes it"),
        "{stderr}"
    );
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn no_page_can_make_the_generator_write_outside_its_output_folder() {
    // Pages naming their table `/…`, `../../…` and `..\…`: the run fails, and the scratch
    // folder (docs beside out) and the absolute path hold exactly what they held before.
    let root = scratch("cli-escape");
    let docs = root.join("deep/docs");
    std::fs::create_dir_all(&docs).expect("docs");
    let probe = format!("dataverse-codegen-escape-probe-{}", std::process::id());
    let absolute = format!("/tmp/{probe}");
    let pages = [
        ("absolute.md", absolute.as_str()),
        ("dotdot.md", "../../escaped"),
        ("backslash.md", "..\\\\..\\\\escaped"),
    ];
    for (file, name) in pages {
        let page = format!(
            "---\nms.date: 01/02/2024\n---\n\n# Evil ({name}) table/entity reference\n\n## Properties\n\n|Property|Value|\n|---|---|\n|LogicalName|`{name}`|\n\n## Writable columns/attributes\n\n### <a name=\"BKMK_x\"></a> x\n\n|Property|Value|\n|---|---|\n|LogicalName|`x`|\n|Type|String|\n"
        );
        std::fs::write(docs.join(file), page).expect("page");
    }
    let before = tree(&root);
    let out = root.join("deep/out");
    let run = common::run_generate(&[], &docs, &out);
    assert_eq!(run.status.code(), Some(1), "refused");
    let stderr = String::from_utf8_lossy(&run.stderr);
    for file in ["absolute.md", "dotdot.md", "backslash.md"] {
        assert!(
            stderr.contains(&format!("{file}:11:14: error: table logical name `")),
            "{file} is refused where it names the table:\n{stderr}"
        );
    }
    assert_eq!(
        tree(&root),
        before,
        "nothing was written anywhere under the scratch folder"
    );
    assert!(!Path::new(&format!("{absolute}.rs")).exists());
    assert!(!root.join("escaped.rs").exists() && !root.join("deep/escaped.rs").exists());
}

#[test]
fn colliding_names_write_only_plain_files_inside_the_output() {
    // Tables named after the generator's own files and modules, a keyword and the crate.
    let root = scratch("cli-collisions");
    let out = root.join("out");
    let run = common::run_generate(&[], &common::fixtures("collisions"), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        tree(&root),
        [
            "out/a_b.rs",
            "out/a_b_.rs",
            "out/choices.rs",
            "out/choices_.rs",
            "out/dataverse-names.lock",
            "out/dataverse_tables_.rs",
            "out/lookups.rs",
            "out/lookups_.rs",
            "out/option.rs",
            "out/records.rs",
            "out/runtime_.rs",
            "out/sample_collide.rs",
            "out/sample_foo.rs",
            "out/schema.json",
            "out/self_.rs",
            "out/tables.rs",
            "out/tables_.rs",
            "out/type.rs",
        ]
    );
    let index = std::fs::read_to_string(out.join("tables.rs")).expect("index");
    assert!(index.contains("pub mod tables_ {") && index.contains("\"/tables_.rs\""));
    assert!(index.contains("pub mod r#type {") && index.contains("\"/type.rs\""));
    assert!(index.contains("pub mod lookups_ {") && index.contains("\"/lookups_.rs\""));
    // One-target lookups share their target's enum, unless two targets would share a name
    // (`a_b`, `a_b_`) or the column's variant is not the target's name (`unknown`).
    let lookups = std::fs::read_to_string(out.join("lookups.rs")).expect("lookups");
    let table = std::fs::read_to_string(out.join("lookups_.rs")).expect("lookups_");
    assert!(lookups.contains("pub enum Runtime {") && lookups.contains("pub enum Lookups {"));
    assert!(
        !lookups.contains("enum AB") && !lookups.contains("enum Unknown"),
        "{lookups}"
    );
    assert!(
        table.contains("pub type RuntimeId = crate::lookups::Runtime;"),
        "{table}"
    );
    assert!(table.contains("pub enum AbId {") && table.contains("pub enum UnknownId {"));
}

#[test]
fn a_docs_directory_without_a_page_is_an_error() {
    let docs = scratch("cli-no-pages");
    std::fs::create_dir_all(docs.join("sales")).expect("dir");
    std::fs::write(docs.join("sales/README.txt"), "not a page\n").expect("write");
    let out = scratch("cli-no-pages-out");
    for run in [
        common::run_generate(&[], &docs, &out),
        bin()
            .args(["model", "--docs"])
            .arg(&docs)
            .output()
            .expect("runs"),
    ] {
        assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(
            stderr,
            format!(
                "error: --docs {}: no `*.md` page in this directory or below it: expected Dataverse table/entity reference pages\n",
                docs.display()
            )
        );
    }
    let written: Vec<_> = std::fs::read_dir(&out).expect("out").collect();
    assert!(written.is_empty(), "nothing written");
}

#[test]
fn a_blank_table_list_is_an_error() {
    let out = scratch("cli-blank-tables");
    for blank in ["", " , "] {
        let run = common::run_generate(&["--tables", blank], &common::docs_in(), &out);
        assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stderr.starts_with("error: --tables names no table: "),
            "{stderr}"
        );
    }
}

#[test]
fn extension_only_tables_are_one_warning_and_strict_fails_on_it() {
    let out = scratch("cli-extension-only");
    let summary = "no base page for 1 table, only extension pages, so it holds only the columns those pages change: msdyn_ocsession";
    let run = common::run_generate(&[], &common::docs_in(), &out);
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.contains(&format!(": warning: {summary}")),
        "{stderr}"
    );
    // The older Sales copy is an informational note, not a warning: strict does not count it.
    assert!(
        stderr.ends_with("\nnote: `msdyn_ocsession`: 1 older copy not used: sales/msdyn_ocsession.2024-05-12.md (Microsoft Dynamics 365 Sales, dated 2024-05-12; sales/msdyn_ocsession.2024-05-19.md is used)\n"),
        "{stderr}"
    );

    let strict_out = scratch("cli-extension-only-strict");
    let run = common::run_generate(&["--strict"], &common::docs_in(), &strict_out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&format!(": error: {summary}")), "{stderr}");
    assert!(stderr.ends_with("1 error, 0 warnings\n"), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(&strict_out).expect("out").collect();
    assert!(written.is_empty(), "nothing written");
}

fn docs_tree(root: &str) -> std::path::PathBuf {
    common::fixtures(&format!("docs-tree/{root}"))
}

#[test]
fn several_docs_roots_with_products_and_a_skipped_files_note() {
    let pa = docs_tree("powerapps-docs");
    let ce = docs_tree("dynamics-365-customer-engagement");
    // `--docs` repeated, and several paths after one `--docs`: the same run.
    let (one, two) = (scratch("cli-roots-one"), scratch("cli-roots-two"));
    let a = bin()
        .args(["generate", "--strict", "--products", "sales", "--docs"])
        .arg(&pa)
        .arg("--docs")
        .arg(&ce)
        .arg("--out")
        .arg(&one)
        .arg("--names")
        .arg(one.join("names.lock"))
        .output()
        .expect("runs");
    let b = bin()
        .args(["generate", "--strict", "--products", "sales", "--docs"])
        .arg(&ce)
        .arg(&pa)
        .arg("--out")
        .arg(&two)
        .arg("--names")
        .arg(two.join("names.lock"))
        .output()
        .expect("runs");
    for run in [&a, &b] {
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{stderr}");
        assert!(
            stderr.starts_with("note: skipped 5 markdown files that are not table/entity reference pages: dynamics-365-customer-engagement/ce/customer-service/develop/reference/entities/deprecated-entities.md (a list of deprecated tables), "),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 3, "{stderr}");
    }
    assert_eq!(a.stdout.len(), b.stdout.len());
    let shelf = |dir: &Path| std::fs::read_to_string(dir.join("sample_shelf.rs")).expect("written");
    assert_eq!(shelf(&one), shelf(&two));
    assert!(shelf(&one).contains("SAMPLES") && !shelf(&one).contains("SPARE_PARTS"));

    let unknown = bin()
        .args(["generate", "--products", "sale", "--docs"])
        .arg(&ce)
        .arg("--out")
        .arg(scratch("cli-roots-unknown"))
        .arg("--names")
        .arg(scratch("cli-roots-unknown-lock").join("names.lock"))
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("error: product `sale` was asked for, but no page names it: the products of these pages are customer-service, dataverse, dynamics-365, sales"),
        "{stderr}"
    );
}

#[test]
fn products_lists_slugs_names_and_pages() {
    let run = bin()
        .args(["products", "--docs"])
        .arg(docs_tree("dynamics-365-customer-engagement"))
        .output()
        .expect("runs");
    assert!(run.status.success());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.starts_with("customer-service: Microsoft Dynamics 365 Customer Service\n  extension ce/customer-service/develop/reference/entities/sample_shelf.md\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("sales: Microsoft Dynamics 365 Sales\n  extension ce/sales/developer/reference/entities/sample_shelf.md\n"),
        "{stdout}"
    );
}
