//! Merge snapshots: each directory under fixtures/merge is one case, snapshot as the merged
//! model (JSON, with origins) followed by the run's diagnostics.

mod common;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{build_model, generate, Options};
use proptest::prelude::*;

fn cases() -> Vec<(String, Vec<SourceFile>)> {
    let dir = common::fixtures("merge");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/merge")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, common::read(&p))
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

fn render(files: &[SourceFile]) -> String {
    common::render_model(files)
}

#[test]
fn merge_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 9, "{} merge cases", cases.len());
    for (name, files) in cases {
        insta::assert_snapshot!(name.as_str(), render(&files));
    }
}

/// The rules, each checked on the model directly (the snapshots show everything else).
#[test]
fn merge_rules() {
    let cases: std::collections::BTreeMap<_, _> = cases().into_iter().collect();
    let model = |name: &str| build_model(&cases[name]);

    let (m, d) = model("base_plus_extension");
    let t = &m.tables["sample_widget"];
    let regarding = &t.columns["sample_regardingid"];
    assert_eq!(
        regarding.targets.iter().collect::<Vec<_>>(),
        ["account", "contact", "lead"]
    );
    assert_eq!(
        regarding.ty.as_ref().map(|t| t.word()),
        Some("Lookup"),
        "base facts stay"
    );
    assert_eq!(t.columns["sample_size"].options.len(), 3);
    assert_eq!(
        t.columns["sample_name"]
            .required_level
            .as_ref()
            .map(|r| r.word()),
        Some("ApplicationRequired"),
        "a stated property replaces"
    );
    assert_eq!(
        t.columns["sample_name"].max_length,
        Some(100),
        "an unstated one stays"
    );
    assert!(t.relationships.contains_key(&(
        "lead_sample_widget_regarding".to_string(),
        dataverse_codegen::model::RelationshipKind::ManyToOne
    )));
    assert!(d.is_empty(), "{d}");

    let (m, _) = model("two_products_add_targets");
    let regarding = &m.tables["sample_widget"].columns["sample_regardingid"];
    assert_eq!(
        regarding.targets.iter().collect::<Vec<_>>(),
        ["account", "contact", "incident", "lead"]
    );
    let lead: Vec<_> = regarding.target_origins["lead"]
        .iter()
        .map(|s| s.0.file.as_str())
        .collect();
    assert_eq!(
        lead,
        [
            "customer-service/sample_widget.md",
            "sales/sample_widget.md"
        ]
    );

    let (m, d) = model("versions_newer_drops_a_value");
    let size = &m.tables["sample_widget"].columns["sample_size"];
    assert_eq!(
        size.options.keys().copied().collect::<Vec<_>>(),
        [100000000, 100000001, 100000002]
    );
    assert!(d.is_empty(), "a newer date is no conflict: {d}");

    let (m, d) = model("extension_only");
    let t = &m.tables["sample_widget"];
    assert_eq!(t.columns.len(), 3);
    assert!(t.extension_only);
    assert_eq!(d.warnings(), 1, "{d}");
    assert_eq!(
        d.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["sales/sample_widget.md:4:1: warning: no base page for 1 table, only extension pages, so it holds only the columns those pages change: sample_widget (add its base page to the docs folder; see the README)"]
    );
    for case in cases.keys().filter(|c| *c != "extension_only") {
        let (m, d) = model(case);
        assert!(
            m.tables.values().all(|t| !t.extension_only),
            "{case} has a base page"
        );
        assert!(
            !d.iter().any(|d| d.message.starts_with("no base page")),
            "{case}: {d}"
        );
    }

    for (case, needle) in [
        ("conflict_choice_label", "choice value 100000001 is `Mid-size` here and `Medium` at dataverse/sample_widget.md:"),
        ("conflict_column_type", "Type `String` here differs from `Integer` at dataverse/sample_widget.md:"),
        ("conflict_relationship_endpoints", "ReferencingAttribute `sample_parentaccountid` here differs from `sample_accountid` at dataverse/sample_widget.md:"),
    ] {
        let (_, d) = model(case);
        assert!(
            d.iter().any(|x| x.message.contains(needle) && !x.is_error()),
            "{case}: expected a warning containing {needle:?}, got:\n{d}"
        );
    }
}

/// Older copies of a product's page are one informational note per table (not a diagnostic:
/// strict does not count it), naming each copy not used and why.
#[test]
fn older_copies_are_one_note_per_table() {
    let cases: std::collections::BTreeMap<_, _> = cases().into_iter().collect();
    for (case, note) in [
        ("conflict_same_product_and_date", "note: `sample_widget`: 1 older copy not used: sales/a/sample_widget.md (Microsoft Dynamics 365 Sales, also dated 2024-04-02, the earlier path; sales/b/sample_widget.md is used)"),
        ("undated_versions", "note: `sample_widget`: 1 older copy not used: customer-service/v1/sample_widget.md (Microsoft Dynamics 365 Customer Service, undated; customer-service/v2/sample_widget.md is used)"),
    ] {
        let strict = Options {
            strict: true,
            ..Options::default()
        };
        let g = generate(&cases[case], strict).unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(g.notes, [note], "{case}");
        let (_, d) = build_model(&cases[case]);
        assert!(d.is_empty(), "{case}: {d}");
    }
}

/// Every merge case and the seeds together: the tables only extension pages describe are listed
/// in one warning, and `--strict` makes it the run's one error.
#[test]
fn extension_only_tables_are_one_summary_and_strict_fails_on_it() {
    let pages = all_pages();
    let (model, diags) = build_model(&pages);
    let extension_only: Vec<&str> = model
        .tables
        .values()
        .filter(|t| t.extension_only)
        .map(|t| t.logical_name.as_str())
        .collect();
    assert_eq!(extension_only, ["msdyn_ocsession"]);
    let summaries: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("no base page"))
        .collect();
    assert_eq!(summaries.len(), 1, "{diags}");

    let seeds = common::read(&common::docs_in());
    let ok = generate(&seeds, Options::default()).expect("a warning only");
    let warnings: Vec<String> = ok.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["customer-service/msdyn_ocsession.md:11:1: warning: no base page for 1 table, only extension pages, so it holds only the columns those pages change: msdyn_ocsession (add its base page to the docs folder; see the README)"]
    );
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let err = generate(&seeds, strict).expect_err("strict fails on it");
    assert_eq!(err.0.errors(), 1, "{}", err.0);
    assert!(
        err.0
            .iter()
            .all(|d| d.is_error() && d.message.starts_with("no base page for 1 table")),
        "{}",
        err.0
    );
}

/// Pages of every merge case and the seeds together, in whatever order.
fn all_pages() -> Vec<SourceFile> {
    let mut all: Vec<SourceFile> = cases()
        .into_iter()
        .flat_map(|(case, files)| {
            files
                .into_iter()
                .map(move |f| SourceFile::new(format!("{case}/{}", f.path), f.text))
        })
        .collect();
    all.extend(common::read(&common::docs_in()));
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_file_order_gives_the_same_model(order in Just(all_pages()).prop_shuffle()) {
        let want = render(&all_pages());
        prop_assert_eq!(render(&order), want);
    }
}
