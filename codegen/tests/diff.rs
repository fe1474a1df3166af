//! The schema change report on pairs of docs trees (fixtures/diff/<case>/{old,new}): each pair
//! holds one kind of change (or, for `layered`, `mixed` and the `real-*` pairs, the changes of
//! a product layer, of several kinds at once, and of real published page versions), and its
//! `expected.txt` lists exactly the changes the report must hold. Every output format of every
//! pair is a snapshot.

mod common;

use dataverse_codegen::diff::{self, render, Report, Schema};
use dataverse_codegen::source::SourceFile;
use std::path::Path;

fn schema(files: &[SourceFile]) -> Schema {
    let (model, diags) = dataverse_codegen::build_model(files);
    assert!(!diags.has_errors(), "{diags}");
    Schema::of(&model)
}

fn report(case: &Path) -> Report {
    let old = schema(&common::read(&case.join("old")));
    let new = schema(&common::read(&case.join("new")));
    diff::compare(&old, &new)
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(common::fixtures("diff"))
        .expect("fixtures/diff")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// `kind table item` of each change, as `expected.txt` lists them.
fn lines(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c.kind,
                c.table,
                c.item.as_deref().unwrap_or("-")
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_pair_reports_exactly_its_changes() {
    let cases = cases();
    assert!(cases.len() >= 25, "{cases:?}");
    let mut kinds_seen = std::collections::BTreeSet::new();
    for case in cases {
        let expected = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
        let mut expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        expected.sort();
        let report = report(&case);
        assert_eq!(lines(&report), expected, "{}", case.display());
        kinds_seen.extend(report.changes.iter().map(|c| c.kind));
    }
    // Every kind a docs change can make has a pair (`name_changed` comes from the lockfile).
    for kind in diff::Kind::ALL {
        if *kind != diff::Kind::NameChanged {
            assert!(kinds_seen.contains(kind), "no fixture pair reports {kind}");
        }
    }
}

#[test]
fn every_format_of_every_pair() {
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let report = report(&case);
        let show = render::Show { doc: true };
        let all = format!(
            "== text\n{}\n== markdown\n{}\n== github\n{}\n== json\n{}",
            render::text(&report, show),
            render::markdown(&report, show),
            render::github(&report, show, "docs/"),
            render::json(&report)
        );
        insta::assert_snapshot!(name, all);
    }
}

/// The report, fingerprints included, is the same whatever order the pages of either side
/// come in, for every pair.
#[test]
fn reports_do_not_depend_on_file_order() {
    use proptest::prelude::*;
    for case in cases() {
        let old = common::read(&case.join("old"));
        let new = common::read(&case.join("new"));
        let expected = render::json(&diff::compare(&schema(&old), &schema(&new)));
        let (n, m) = (old.len(), new.len());
        let orders = (
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..m).collect::<Vec<_>>()).prop_shuffle(),
        );
        proptest!(ProptestConfig::with_cases(8), |((a, b) in orders)| {
            let old: Vec<SourceFile> = a.iter().map(|i| old[*i].clone()).collect();
            let new: Vec<SourceFile> = b.iter().map(|i| new[*i].clone()).collect();
            let got = render::json(&diff::compare(&schema(&old), &schema(&new)));
            prop_assert_eq!(&got, &expected);
        });
    }
}

/// Moving a page to another folder changes where a change is, never its fingerprint.
#[test]
fn fingerprints_survive_moved_pages() {
    let case = common::fixtures("diff/mixed");
    let old = schema(&common::read(&case.join("old")));
    let new_files = common::read(&case.join("new"));
    let moved: Vec<SourceFile> = new_files
        .iter()
        .map(|f| SourceFile::new(format!("moved/{}", f.path), f.text.clone()))
        .collect();
    let a = diff::compare(&old, &schema(&new_files));
    let b = diff::compare(&old, &schema(&moved));
    let prints = |r: &Report| {
        r.changes
            .iter()
            .map(|c| c.fingerprint.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(prints(&a), prints(&b));
    assert!(a
        .changes
        .iter()
        .zip(&b.changes)
        .any(|(x, y)| x.new_loc != y.new_loc));
}

/// The schema `generate` writes reads back as the same schema.
#[test]
fn schemas_round_trip_through_json() {
    for case in cases() {
        let s = schema(&common::read(&case.join("new")));
        let json = serde_json::to_string(&s).expect("serializes");
        let back: Schema = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, s, "{}", case.display());
    }
}

/// The README's JSON Schema names every kind, and every report field.
#[test]
fn the_json_schema_matches_the_report() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("diff-report.schema.json");
    let text = std::fs::read_to_string(path).expect("diff-report.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let change = &schema["$defs"]["change"]["properties"];
    let kinds: Vec<&str> = change["kind"]["enum"]
        .as_array()
        .expect("kind enum")
        .iter()
        .filter_map(|k| k.as_str())
        .collect();
    let ours: Vec<&str> = diff::Kind::ALL.iter().map(|k| k.word()).collect();
    assert_eq!(kinds, ours);
    let report = report(&common::fixtures("diff/mixed"));
    let json: serde_json::Value = serde_json::from_str(&render::json(&report)).expect("JSON");
    for field in json["changes"][0].as_object().expect("a change").keys() {
        assert!(change.get(field).is_some(), "the schema lacks `{field}`");
    }
    let required = schema["$defs"]["change"]["required"]
        .as_array()
        .expect("required");
    assert_eq!(
        required.len(),
        json["changes"][0].as_object().unwrap().len()
    );
}

/// `generated/schema.json` is the schema of `docs-in/` (what `generate` compares its next run
/// with): a stale one would make the next summary wrong.
#[test]
fn the_generated_schema_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let model =
        dataverse_codegen::generate(&common::read(&root.join("docs-in")), Default::default())
            .expect("docs-in generates")
            .model;
    let committed =
        std::fs::read_to_string(root.join("generated").join(dataverse_codegen::SCHEMA_FILE))
            .expect("generated/schema.json");
    assert!(
        committed == Schema::of(&model).digest().to_json(),
        "generated/schema.json is stale: run `cargo run -p dataverse-codegen -- generate`"
    );
}

/// The digest `generate` keeps counts the same changes as the full schema, by kind and level.
#[test]
fn digests_count_what_full_schemas_count() {
    for case in cases() {
        let old = schema(&common::read(&case.join("old")));
        let new = schema(&common::read(&case.join("new")));
        let full = diff::compare(&old, &new);
        let digest = diff::compare(&old.clone().digest(), &new.clone().digest());
        let kinds = |r: &Report| {
            let mut k: Vec<_> = r
                .changes
                .iter()
                .map(|c| (c.kind, c.level, c.item.clone()))
                .collect();
            k.sort();
            k
        };
        assert_eq!(kinds(&digest), kinds(&full), "{}", case.display());
        assert!(digest
            .changes
            .iter()
            .all(|c| c.old_loc.is_none() && c.new_loc.is_none()));
    }
}
