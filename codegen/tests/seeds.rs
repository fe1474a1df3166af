//! The three seed pages in docs-in/, end to end.

mod common;

use dataverse_codegen::{build_model, generate, Options};
use serde_json::Value;

fn model_json() -> Value {
    let (model, diags) = build_model(&common::read(&common::docs_in()));
    assert!(!diags.has_errors(), "{diags}");
    serde_json::to_value(&model).expect("the model serializes")
}

#[test]
fn model_json_matches_the_documented_shape() {
    let json = model_json();
    let tables = json["tables"].as_array().expect("tables is a list");
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t["logical_name"], "msdyn_ocsession");
    assert_eq!(t["schema_name"], "msdyn_ocsession");
    assert_eq!(t["display_name"], "Session");
    for key in [
        "entity_set_name",
        "primary_id_attribute",
        "primary_name_attribute",
        "ownership_type",
    ] {
        assert!(t[key].is_null(), "{key} is stated by no seed page");
    }

    let columns = t["columns"].as_array().expect("columns is a list");
    let names: Vec<&str> = columns
        .iter()
        .filter_map(|c| c["logical_name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "msdyn_queueassignedreason",
            "msdyn_sessioncreationreason",
            "regardingobjectid"
        ]
    );
    let regarding = &columns[2];
    assert_eq!(regarding["schema_name"], "RegardingObjectId");
    assert!(regarding["type"].is_null());
    assert!(regarding["required_level"].is_null());
    assert_eq!(
        regarding["targets"],
        serde_json::json!([
            "msdyn_bookingalertstatus",
            "msdyn_bookingrule",
            "msdyn_resourceterritory",
            "msdyn_systemuserschedulersetting",
            "msdyn_timegroup",
            "msdyn_timegroupdetail",
            "sample_bankaccount"
        ])
    );
    for c in &columns[..2] {
        let options: Vec<(i64, &str)> = c["options"]
            .as_array()
            .expect("options is a list")
            .iter()
            .map(|o| {
                (
                    o["value"].as_i64().unwrap_or(-1),
                    o["label"].as_str().unwrap_or("?"),
                )
            })
            .collect();
        assert_eq!(
            options,
            [
                (192350024, "BotTransferSession"),
                (192350025, "BotEndConversation"),
                (192350026, "AssignToAgentBySupervisor"),
                (192350027, "AssignToQueueBySupervisor"),
            ]
        );
        assert!(c["options"][0]["state"].is_null());
    }

    let rels = t["relationships"]
        .as_array()
        .expect("relationships is a list");
    assert_eq!(rels.len(), 7);
    assert!(rels.iter().all(|r| r["kind"] == "many_to_one"));
    let schema: Vec<&str> = rels
        .iter()
        .filter_map(|r| r["schema_name"].as_str())
        .collect();
    let mut sorted = schema.clone();
    sorted.sort();
    assert_eq!(schema, sorted, "relationships are sorted by schema name");
    let bank = &rels[6];
    assert_eq!(
        *bank,
        serde_json::json!({
            "schema_name": "sample_bankaccount_msdyn_ocsessions", "kind": "many_to_one",
            "referenced_entity": "sample_bankaccount", "referenced_attribute": "sample_bankaccountid",
            "referencing_entity": "msdyn_ocsession", "referencing_attribute": "regardingobjectid",
            "intersect_entity": null,
            "cascade": {"archive": "NoCascade", "assign": "Cascade", "delete": "Cascade", "merge": "NoCascade",
                        "reparent": "Cascade", "rollup_view": "NoCascade", "share": "Cascade", "unshare": "Cascade"},
            "navigation_property": null,
            "associated_menu": {},
            "origins": ["sales/msdyn_ocsession.2024-05-19.md"]
        })
    );
}

#[test]
fn model_json_snapshot() {
    insta::assert_json_snapshot!(model_json());
}

#[test]
fn the_newer_sales_page_wins_whole() {
    let json = model_json();
    let origins: Vec<&str> = json["tables"][0]["origins"]
        .as_array()
        .expect("origins")
        .iter()
        .filter_map(|o| o["file"].as_str())
        .collect();
    assert_eq!(
        origins,
        [
            "customer-service/msdyn_ocsession.md",
            "sales/msdyn_ocsession.2024-05-19.md"
        ]
    );
}

#[test]
fn output_is_identical_in_any_input_order() {
    let files = common::read(&common::docs_in());
    let forward = generate(&files, Options::default()).expect("seeds generate");
    let mut reversed = files.clone();
    reversed.reverse();
    let backward = generate(&reversed, Options::default()).expect("seeds generate");
    assert_eq!(forward.files, backward.files);
    let json = |g: &dataverse_codegen::Generated| serde_json::to_string(&g.model).expect("json");
    assert_eq!(json(&forward), json(&backward));
    assert_eq!(forward.diagnostics, backward.diagnostics);
}

#[test]
fn crlf_line_endings_read_the_same() {
    let files = common::read(&common::docs_in());
    let crlf: Vec<_> = files
        .iter()
        .map(|f| {
            dataverse_codegen::source::SourceFile::new(f.path.clone(), f.text.replace('\n', "\r\n"))
        })
        .collect();
    let json = |files: &[dataverse_codegen::source::SourceFile]| {
        let (model, diags) = build_model(files);
        assert!(!diags.has_errors(), "{diags}");
        serde_json::to_string(&model).expect("json")
    };
    assert_eq!(json(&crlf), json(&files));
}
