//! Tests of the merge.

use super::*;
use serde_json::Value;

/// A layer that states every property, each value depending on `n`: layers with different
/// `n` differ in every property. Written without `..Default::default()`, so a new model
/// field must be given a value here.
fn layer(n: u8) -> Table {
    let tag = |s: &str| format!("{s}_{n}");
    let flag = n % 2 == 0;
    let number = u32::from(n);
    let origin = Origin {
        file: tag("page.md"),
        product: Some(tag("product")),
        date: Some(Date {
            year: 2020 + u16::from(n),
            month: n,
            day: n,
        }),
    };
    let source = Source(Arc::new(origin.clone()));
    let origins: Origins = [source.clone()].into();
    let at = |line: u32| {
        Some(Loc {
            file: tag("page.md"),
            line: line + number * 100,
            col: number,
        })
    };
    let cascade = if flag {
        CascadeType::Cascade
    } else {
        CascadeType::NoCascade
    };
    let option = ChoiceOption {
        value: 1,
        label: tag("Label"),
        state: Some(i32::from(n)),
        default_status: Some(i32::from(n) + 10),
        invariant_name: Some(tag("invariant")),
        origins: origins.clone(),
        at: at(3),
    };
    let column = Column {
        logical_name: "col".to_string(),
        schema_name: tag("Col"),
        ty: Some(if flag {
            ColumnType::Integer
        } else {
            ColumnType::String
        }),
        required_level: Some(if flag {
            RequiredLevel::SystemRequired
        } else {
            RequiredLevel::Recommended
        }),
        targets: [tag("target")].into(),
        options: [(1, option)].into(),
        display_name: Some(tag("Column")),
        description: Some(tag("column description")),
        writable: Some(flag),
        valid_for_create: Some(flag),
        valid_for_update: Some(!flag),
        valid_for_read: Some(flag),
        global_choice_name: Some(tag("global")),
        default_form_value: Some(i32::from(n)),
        default_value: Some(tag("default")),
        max_length: Some(u64::from(n)),
        format: Some(Format::Other(tag("Format"))),
        format_name: Some(Format::Other(tag("FormatName"))),
        min_value: Some(tag("-1")),
        max_value: Some(tag("1")),
        precision: Some(number),
        precision_source: Some(PrecisionSource::Other(tag("source"))),
        datetime_behavior: Some(DateTimeBehavior::Other(tag("UserLocal"))),
        image: Some(ImageProperties {
            max_height: Some(number),
            max_width: Some(number + 1),
            max_size_in_kb: Some(number + 2),
            can_store_full_image: Some(flag),
            is_primary_image: Some(!flag),
        }),
        target_origins: [(tag("target"), origins.clone())].into(),
        properties: [
            ("Shared".to_string(), tag("shared")),
            (tag("Only"), tag("only")),
        ]
        .into(),
        origins: origins.clone(),
        at: at(1),
        type_at: at(2),
    };
    let key = ("sample_rel".to_string(), RelationshipKind::ManyToOne);
    let relationship = Relationship {
        schema_name: key.0.clone(),
        kind: key.1,
        referenced_entity: Some(tag("referenced")),
        referenced_attribute: Some(tag("referencedid")),
        referencing_entity: Some(tag("referencing")),
        referencing_attribute: Some(tag("referencingid")),
        intersect_entity: Some(tag("intersect")),
        cascade: Some(CascadeConfiguration {
            archive: Some(cascade),
            assign: Some(cascade),
            delete: Some(cascade),
            merge: Some(cascade),
            reparent: Some(cascade),
            rollup_view: Some(cascade),
            share: Some(cascade),
            unshare: Some(cascade),
        }),
        navigation_property: Some(tag("nav")),
        associated_menu: [
            ("Behavior".to_string(), tag("behavior")),
            (tag("Only"), tag("only")),
        ]
        .into(),
        origins: origins.clone(),
        at: at(4),
    };
    Table {
        logical_name: "sample".to_string(),
        schema_name: Some(tag("Sample")),
        display_name: Some(tag("Sample")),
        entity_set_name: Some(tag("samples")),
        primary_id_attribute: Some(tag("sampleid")),
        primary_name_attribute: Some(tag("name")),
        ownership_type: Some(OwnershipType::Other(tag("UserOwned"))),
        description: Some(tag("description")),
        collection_schema_name: Some(tag("Samples")),
        display_collection_name: Some(tag("Samples")),
        logical_collection_name: Some(tag("samples")),
        table_type: Some(TableType::Other(tag("Standard"))),
        extension_only: flag,
        columns: [("col".to_string(), column)].into(),
        relationships: [(key, relationship)].into(),
        origins: vec![origin],
        at: at(5),
    }
}

/// Paths that are keys, the same in every layer by construction.
const KEYS: [&str; 5] = [
    "/logical_name",
    "/columns/0/logical_name",
    "/columns/0/options/0/value",
    "/relationships/0/schema_name",
    "/relationships/0/kind",
];

/// Asserts that every leaf is stated (not null) in both and differs between them.
fn assert_differ_everywhere(path: &str, a: &Value, b: &Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, av) in a {
                if let Some(bv) = b.get(key) {
                    assert_differ_everywhere(&format!("{path}/{key}"), av, bv);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (av, bv)) in a.iter().zip(b).enumerate() {
                assert_differ_everywhere(&format!("{path}/{i}"), av, bv);
            }
        }
        _ if KEYS.contains(&path) => assert_eq!(a, b, "{path} is a key"),
        _ => {
            assert!(
                !a.is_null() && !b.is_null(),
                "{path} is not stated in both layers: give it a value in `layer`"
            );
            assert_ne!(a, b, "{path} is the same in both layers");
        }
    }
}

fn union<T: Ord + Clone>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> BTreeSet<T> {
    a.union(b).cloned().collect()
}

/// A later layer that states every property replaces each stated value and extends each
/// set and map: forgetting a field in `absorb*` fails this test.
#[test]
fn a_later_layer_states_every_property() {
    let (a, b) = (layer(1), layer(2));
    let json = |t: &Table| serde_json::to_value(t).expect("a table serializes");
    assert_differ_everywhere("", &json(&a), &json(&b));

    let mut merged = a.clone();
    let mut diags = Vec::new();
    absorb(&mut merged, b.clone(), &mut diags);

    // Expected: the later layer, with the sets and maps of both.
    let mut expected = b.clone();
    expected.origins = [a.origins.clone(), b.origins.clone()].concat();
    // Not a page's fact: `merge` sets it once every layer is folded.
    expected.extension_only = a.extension_only;
    let (ac, bc) = (&a.columns["col"], &b.columns["col"]);
    let ec = expected.columns.get_mut("col").expect("the column");
    ec.targets = union(&ac.targets, &bc.targets);
    ec.target_origins = ac.target_origins.clone();
    ec.target_origins.extend(bc.target_origins.clone());
    ec.properties = ac.properties.clone();
    ec.properties.extend(bc.properties.clone());
    ec.origins = union(&ac.origins, &bc.origins);
    ec.at = ac.at.clone();
    let eo = ec.options.get_mut(&1).expect("the option");
    eo.origins = union(&ac.options[&1].origins, &bc.options[&1].origins);
    let key = ("sample_rel".to_string(), RelationshipKind::ManyToOne);
    let (ar, br) = (&a.relationships[&key], &b.relationships[&key]);
    let er = expected
        .relationships
        .get_mut(&key)
        .expect("the relationship");
    er.associated_menu = ar.associated_menu.clone();
    er.associated_menu.extend(br.associated_menu.clone());
    er.origins = union(&ar.origins, &br.origins);

    assert_eq!(
        serde_json::to_string_pretty(&merged).expect("serializes"),
        serde_json::to_string_pretty(&expected).expect("serializes")
    );
    // The locations are not serialized.
    assert_eq!(merged.at, a.at, "a table stays where it was first named");
    let (mc, mr) = (&merged.columns["col"], &merged.relationships[&key]);
    assert_eq!(mc.at, ac.at, "a column stays where it was first described");
    assert_eq!(mc.type_at, bc.type_at);
    assert_eq!(mc.options[&1].at, bc.options[&1].at);
    assert_eq!(mr.at, br.at);
    // Type, label and the four endpoints differ: one warning each.
    assert_eq!(diags.len(), 6, "{diags:#?}");
}

/// An unstated value keeps what the earlier layer said.
#[test]
fn an_empty_later_layer_changes_nothing_but_origins() {
    let a = layer(1);
    let mut merged = a.clone();
    let mut diags = Vec::new();
    let empty = Table {
        logical_name: a.logical_name.clone(),
        ..Table::default()
    };
    absorb(&mut merged, empty, &mut diags);
    assert_eq!(
        serde_json::to_value(&merged).expect("serializes"),
        serde_json::to_value(&a).expect("serializes")
    );
    assert!(diags.is_empty());
}

/// One page of `table`: a base page, or an extension page of Sales.
fn page(table: &str, extension: bool) -> PageFacts {
    let dir = if extension { "sales" } else { "dataverse" };
    let file = format!("{dir}/{table}.md");
    let at = Loc {
        file: file.clone(),
        line: 4,
        col: 1,
    };
    let product = if extension {
        "Microsoft Dynamics 365 Sales"
    } else {
        "Microsoft Dataverse"
    };
    let origin = Origin {
        file,
        product: Some(product.to_string()),
        date: None,
    };
    PageFacts {
        origin: Arc::new(origin.clone()),
        extension,
        at: at.clone(),
        table: Table {
            logical_name: table.to_string(),
            origins: vec![origin],
            at: Some(at),
            ..Table::default()
        },
    }
}

/// Tables only extension pages describe are marked, and one warning lists them in name order,
/// located at the first one's page; a base page under an extension clears the mark.
#[test]
fn extension_only_tables_are_marked_and_summarised_once() {
    let pages = vec![
        page("task", true),
        page("account", false),
        page("email", true),
        page("contact", true),
        page("contact", false),
        page("activitypointer", true),
    ];
    let (model, diags) = merge(pages);
    let marked: Vec<(&str, bool)> = model
        .tables
        .values()
        .map(|t| (t.logical_name.as_str(), t.extension_only))
        .collect();
    assert_eq!(
        marked,
        [
            ("account", false),
            ("activitypointer", true),
            ("contact", false),
            ("email", true),
            ("task", true)
        ]
    );
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(
        diags[0].to_string(),
        "sales/activitypointer.md:4:1: warning: no base page for 3 tables, only extension pages, so they hold only the columns those pages change: activitypointer, email, task (add their base pages to the docs folder; see the README)"
    );
}

#[test]
fn one_extension_only_table_is_told_in_the_singular() {
    let (model, diags) = merge(vec![page("sample_widget", true)]);
    assert!(model.tables["sample_widget"].extension_only);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(
        diags[0].to_string(),
        "sales/sample_widget.md:4:1: warning: no base page for 1 table, only extension pages, so it holds only the columns those pages change: sample_widget (add its base page to the docs folder; see the README)"
    );
}

#[test]
fn base_pages_give_no_summary() {
    let (model, diags) = merge(vec![page("account", false), page("account", true)]);
    assert!(!model.tables["account"].extension_only);
    assert!(diags.is_empty(), "{diags:#?}");
    let (model, diags) = merge(Vec::new());
    assert!(model.tables.is_empty() && diags.is_empty());
}
