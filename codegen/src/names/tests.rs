//! Tests of the names stage.

use super::*;

#[test]
fn camel_cases() {
    let cases = [
        (
            "msdyn_queueassignedreason",
            Some("MsdynQueueassignedreason"),
        ),
        ("RegardingObjectId", Some("RegardingObjectId")),
        ("Service-Maintenance Based", Some("ServiceMaintenanceBased")),
        ("Google's (new)", Some("GooglesNew")),
        ("self", Some("SelfValue")),
        ("", None),
        ("***", None),
        ("Café", None),
        ("1 Hour", Some("1Hour")),
        ("ACTIVE ", Some("Active")),
        ("URL of the MSDYN_X", Some("UrlOfTheMsdynX")),
        ("<b>Bold</b> text", Some("BoldText")),
    ];
    for (s, want) in cases {
        assert_eq!(upper_camel(s).as_deref(), want, "{s:?}");
    }
}

#[test]
fn idents() {
    assert_eq!(snake_ident("type"), "r#type");
    assert_eq!(snake_ident("self"), "self_");
    assert_eq!(snake_ident("crate"), "crate_");
    assert_eq!(snake_ident("msdyn_ocsession"), "msdyn_ocsession");
    assert_eq!(snake_ident("9lives"), "_9lives");
    assert_eq!(upper_snake("lk_x-y"), "LK_X_Y");
    for (camel, want) in [
        ("PayAsYouGo", "PAY_AS_YOU_GO"),
        ("Value2nd", "VALUE_2ND"),
        ("A", "A"),
        ("Sms", "SMS"),
        ("X9", "X_9"),
    ] {
        assert_eq!(screaming(camel), want);
    }
}

#[test]
fn variant_fallbacks_and_collisions() {
    let mut col = Column::default();
    for (v, l) in [
        (1, "Active"),
        (2, "active"),
        (3, ""),
        (4, "1 Hour"),
        (5, "Unknown"),
        (-1, "Émigré"),
        (6, "Done"),
    ] {
        col.options.insert(
            v,
            ChoiceOption {
                value: v,
                label: l.into(),
                ..Default::default()
            },
        );
    }
    let got: Vec<(i32, String)> = variants(&col.options).into_iter().collect();
    let want = [
        (-1, "VALUE_MINUS_1"),
        (1, "ACTIVE_1"),
        (2, "ACTIVE_2"),
        (3, "VALUE_3"),
        (4, "VALUE_4"),
        (5, "UNKNOWN"),
        (6, "DONE"),
    ];
    let want: Vec<(i32, String)> = want.iter().map(|(v, n)| (*v, n.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn a_namespace_never_gives_a_name_twice() {
    let mut ns = Namespace::reserving(&["etag", "ALL"]);
    assert_eq!(ns.claim("name".into(), "_"), "name");
    assert_eq!(ns.claim("etag".into(), "_"), "etag_");
    assert_eq!(ns.claim("etag_".into(), "_"), "etag__");
    assert_eq!(ns.claim("etag".into(), "_"), "etag_2");
    assert_eq!(ns.claim("etag".into(), "_"), "etag_3");
    assert_eq!(ns.claim("etag_3".into(), "_"), "etag_3_");
    assert_eq!(ns.claim("r#type".into(), "_"), "r#type");
    assert_eq!(
        ns.claim("type".into(), "_"),
        "type_",
        "raw and plain are one name"
    );
    assert_eq!(ns.claim("r#type".into(), "_"), "type_2");
    // Many names alike: each claim resumes where the last one stopped.
    let mut ns = Namespace::default();
    let got: Vec<String> = (0..5).map(|_| ns.claim("A".into(), "X")).collect();
    assert_eq!(got, ["A", "AX", "AX2", "AX3", "AX4"]);
    assert_eq!(ns.next.get("AX"), Some(&5));
    // A numbered name already taken is skipped.
    let mut ns = Namespace::reserving(&["x_2", "x_4"]);
    let got: Vec<String> = (0..4).map(|_| ns.claim("x".into(), "_")).collect();
    assert_eq!(got, ["x", "x_", "x_3", "x_5"]);
}

#[test]
fn colliding_labels_get_distinct_names_whatever_they_collide_with() {
    let mut options = BTreeMap::new();
    for (v, l) in [
        (1, "Active"),
        (2, "active"),
        (3, "Active1"),
        (4, "ALL"),
        (5, "A L L"),
        (6, "Unknown6"),
        (7, "Options"),
        (8, "Pay-As-You-Go"),
    ] {
        let label = l.to_string();
        options.insert(
            v,
            ChoiceOption {
                value: v,
                label,
                ..Default::default()
            },
        );
    }
    let got = variants(&options);
    let want = [
        (1, "ACTIVE_1_VALUE"),
        (2, "ACTIVE_2"),
        (3, "ACTIVE_1"),
        (4, "ALL_4"),
        (5, "ALL_5"),
        (6, "UNKNOWN_6"),
        (7, "OPTIONS_7"),
        (8, "PAY_AS_YOU_GO"),
    ];
    let want: BTreeMap<i32, String> = want.iter().map(|(v, n)| (*v, n.to_string())).collect();
    assert_eq!(got, want);
}

type Col<'a> = (&'a str, Option<crate::model::ColumnType>, &'a [&'a str]);

fn table(logical: &str, columns: &[Col<'_>]) -> Table {
    let mut t = Table {
        logical_name: logical.into(),
        ..Table::default()
    };
    for (name, ty, targets) in columns {
        let mut c = Column {
            logical_name: name.to_string(),
            schema_name: name.to_string(),
            ty: ty.clone(),
            ..Column::default()
        };
        for target in *targets {
            c.add_target(target, []);
        }
        t.columns.insert(name.to_string(), c);
    }
    t
}

#[test]
fn modules_files_fields_and_enums_never_take_the_generated_codes_own_names() {
    use crate::model::ColumnType::{Lookup, Picklist, String};
    let mut model = Model::default();
    let cols: &[Col<'_>] = &[
        ("etag", Some(String), &[]),
        ("etag_", Some(String), &[]),
        ("raw", Some(String), &[]),
        ("self", Some(String), &[]),
        ("all", Some(String), &[]),
        ("x", Some(Lookup), &["a", "unknown"]),
        ("x_target", Some(String), &[]),
        ("open", Some(Lookup), &[]),
        ("pick", Some(Picklist), &[]),
        ("kind", None, &["a"]),
    ];
    for name in [
        "tables",
        "choices",
        "runtime",
        "dataverse_tables",
        "tables_",
        "type",
        "self",
        "nul",
    ] {
        model.tables.insert(name.into(), table(name, cols));
    }
    let names = assign(&model);
    let module_file: Vec<(&str, &str)> = names
        .tables
        .values()
        .map(|t| (t.module.as_str(), t.file.as_str()))
        .collect();
    assert_eq!(
        module_file,
        [
            ("choices_", "choices_.rs"),
            ("dataverse_tables_", "dataverse_tables_.rs"),
            ("nul_", "nul_.rs"),
            ("runtime_", "runtime_.rs"),
            ("self_", "self_.rs"),
            ("tables_", "tables_.rs"),
            ("tables__", "tables__.rs"),
            ("r#type", "type.rs"),
        ]
    );
    let t = &names.tables["type"];
    let field = |c: &str| t.columns[c].field.as_str();
    assert_eq!(
        ["etag", "etag_", "raw", "self", "all", "x", "x_target"].map(field),
        ["etag_", "etag__", "raw_", "self_", "all", "x", "x_target"]
    );
    assert_eq!(t.columns["all"].constant, "ALL_COLUMN");
    let targets = t.columns["x"].targets.as_ref().expect("a target enum");
    assert_eq!(targets.ty, "X");
    assert_eq!(targets.variants["unknown"], "UnknownTable");
    assert!(
        t.columns["open"].targets.is_none(),
        "no target listed: no enum"
    );
    assert!(t.columns["pick"].choice.is_some() && t.columns["pick"].targets.is_none());
    assert!(
        t.columns["kind"].targets.is_some(),
        "untyped with targets: a lookup"
    );
    assert!(t.columns["etag"].choice.is_none() && t.columns["etag"].targets.is_none());
    assert_eq!((t.record.as_str(), t.body.as_str()), ("Type", "TypeBody"));
}
