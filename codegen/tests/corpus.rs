//! Every real page in ../shared/corpus parses with no error (skips when the corpus is absent).

mod common;

use dataverse_codegen::build_model;

#[test]
fn every_corpus_page_parses_without_error() {
    let Some(dir) = common::corpus() else {
        eprintln!("SKIPPED: ../shared/corpus is not present beside the project");
        return;
    };
    let files: Vec<_> = common::read(&dir)
        .into_iter()
        .filter(|f| {
            !f.path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .starts_with("SOURCES")
        })
        .collect();
    assert!(files.len() >= 30, "only {} corpus pages", files.len());
    let (model, diags) = build_model(&files);
    assert!(!diags.has_errors(), "{diags}");
    let columns: usize = model.tables.values().map(|t| t.columns.len()).sum();
    let options: usize = model
        .tables
        .values()
        .flat_map(|t| t.columns.values())
        .map(|c| c.options.len())
        .sum();
    let rels: usize = model.tables.values().map(|t| t.relationships.len()).sum();
    eprintln!(
        "corpus: {} pages, {} tables, {columns} columns, {options} choice values, {rels} relationships, {} warnings",
        files.len(),
        model.tables.len(),
        diags.warnings()
    );
    for d in diags.iter() {
        eprintln!("  {d}");
    }
    assert!(columns > 300 && options > 100 && rels > 100);
}

/// The seeds layered on the real Dynamics 365 base page of `msdyn_ocsession`.
#[test]
fn seeds_merge_onto_the_base_page() {
    let Some(dir) = common::corpus() else {
        eprintln!("SKIPPED: ../shared/corpus is not present beside the project");
        return;
    };
    let base_path = dir.join("ce-base/msdyn_ocsession.md");
    let Ok(text) = std::fs::read_to_string(&base_path) else {
        eprintln!("SKIPPED: {} is not present", base_path.display());
        return;
    };
    let base = dataverse_codegen::source::SourceFile::new("base/msdyn_ocsession.md", text);
    let (alone, _) = build_model(std::slice::from_ref(&base));
    let mut files = common::read(&common::docs_in());
    files.push(base);
    let (model, diags) = build_model(&files);
    assert!(!diags.has_errors(), "{diags}");
    assert!(
        !diags.iter().any(|d| d.message.starts_with("no base page")),
        "{diags}"
    );

    let base_table = &alone.tables["msdyn_ocsession"];
    let t = &model.tables["msdyn_ocsession"];
    // Every base column is there, and the extensions add no column the base lacks.
    assert_eq!(
        t.columns.keys().collect::<Vec<_>>(),
        base_table.columns.keys().collect::<Vec<_>>()
    );
    let regarding = &t.columns["regardingobjectid"];
    let base_targets = &base_table.columns["regardingobjectid"].targets;
    for extension_target in [
        "msdyn_bookingalertstatus",
        "msdyn_bookingrule",
        "msdyn_resourceterritory",
        "msdyn_systemuserschedulersetting",
        "msdyn_timegroup",
        "msdyn_timegroupdetail",
        "sample_bankaccount",
    ] {
        assert!(regarding.targets.contains(extension_target));
        assert!(!base_targets.contains(extension_target));
    }
    assert!(regarding.targets.is_superset(base_targets));
    assert_eq!(regarding.targets.len(), base_targets.len() + 7);
    let origin = |target: &str| -> Vec<String> {
        regarding.target_origins[target]
            .iter()
            .map(|s| s.0.file.clone())
            .collect()
    };
    assert_eq!(
        origin("sample_bankaccount"),
        ["sales/msdyn_ocsession.2024-05-19.md"]
    );
    assert_eq!(origin("account"), ["base/msdyn_ocsession.md"]);
    assert_eq!(regarding.ty.as_ref().map(|t| t.word()), Some("Lookup"));

    // The Sales page restates four values the base page already lists, with the same labels:
    // no conflict, and each value records both pages.
    for column in ["msdyn_queueassignedreason", "msdyn_sessioncreationreason"] {
        let options = &t.columns[column].options;
        let base_options = &base_table.columns[column].options;
        let added = (192350024..=192350027)
            .filter(|v| !base_options.contains_key(v))
            .count();
        assert_eq!(options.len(), base_options.len() + added, "{column}");
        for value in 192350024..=192350027 {
            let origins: Vec<_> = options[&value]
                .origins
                .iter()
                .map(|s| s.0.file.as_str())
                .collect();
            let mut want = vec!["sales/msdyn_ocsession.2024-05-19.md"];
            if base_options.contains_key(&value) {
                want.insert(0, "base/msdyn_ocsession.md");
            }
            assert_eq!(origins, want, "{column} {value}");
        }
    }
    let options: usize = t.columns.values().map(|c| c.options.len()).sum();
    eprintln!(
        "seeds + base: {} columns, {} choice values, {} targets of regardingobjectid, {} relationships",
        t.columns.len(),
        options,
        regarding.targets.len(),
        t.relationships.len()
    );
}
