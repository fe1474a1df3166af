use super::schema::{ColumnSchema, OptionSchema, RelationshipSchema, Stated, TableSchema};
use super::*;
use std::collections::BTreeMap;

fn stated(at: &str) -> Stated {
    Stated {
        layer: Some("Microsoft Dataverse".to_string()),
        at: Some(at.to_string()),
    }
}

fn col(ty: &str) -> ColumnSchema {
    ColumnSchema {
        ty: Some(ty.to_string()),
        access: vec!["read".into(), "create".into(), "update".into()],
        stated: stated("t.md:10:1"),
        ..ColumnSchema::default()
    }
}

fn choice(options: &[(i32, &str)]) -> ColumnSchema {
    let mut c = col("Picklist");
    c.options = options
        .iter()
        .map(|(v, l)| {
            let label = l.to_string();
            let at = stated(&format!("t.md:{}:1", 20 + v));
            (*v, OptionSchema { label, stated: at })
        })
        .collect();
    c
}

fn schema(columns: Vec<(&str, ColumnSchema)>) -> Schema {
    let table = TableSchema {
        entity_set: "widgets".into(),
        entity_set_stated: true,
        stated: stated("t.md:1:1"),
        columns: columns
            .into_iter()
            .map(|(n, c)| (n.to_string(), c))
            .collect(),
        ..TableSchema::default()
    };
    Schema {
        format: schema::FORMAT,
        tables: [("widget".to_string(), table)].into(),
    }
}

/// `(level kind item old new)` of every change, in report order.
fn changes(old: &Schema, new: &Schema) -> Vec<String> {
    compare(old, new)
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {}",
                c.level,
                c.kind,
                c.item.as_deref().unwrap_or("-"),
                c.old.as_deref().unwrap_or("-"),
                c.new.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn no_change_no_report() {
    let a = schema(vec![("name", col("String"))]);
    let report = compare(&a, &a.clone());
    assert!(report.changes.is_empty());
    assert_eq!(report.semver, Bump::None);
    assert_eq!(report.highest(), None);
    assert_eq!(report.summary_line(), "schema changes: none");
}

#[test]
fn tables_added_and_removed() {
    let a = schema(vec![]);
    let mut b = Schema {
        format: schema::FORMAT,
        tables: BTreeMap::new(),
    };
    assert_eq!(changes(&a, &b), ["error table_removed - - -"]);
    b.tables.insert("gadget".into(), TableSchema::default());
    b.tables.insert("widget".into(), a.tables["widget"].clone());
    assert_eq!(changes(&a, &b), ["info table_added - - -"]);
    let report = compare(&a, &b);
    assert_eq!(report.changes[0].table, "gadget");
    assert_eq!(report.changes[0].new_loc, None);
}

#[test]
fn column_facts() {
    let a = schema(vec![
        ("gone", col("String")),
        ("kind", col("String")),
        ("memo", col("String")),
        ("stated", col("String")),
        ("size", col("String")),
        ("grow", col("String")),
        ("level", col("String")),
        ("app", col("String")),
        ("less", col("String")),
    ]);
    let mut b = a.clone();
    let t = b.tables.get_mut("widget").unwrap();
    t.columns.remove("gone");
    t.columns.insert("fresh".into(), col("Integer"));
    let mut required = col("String");
    required.required_level = Some("SystemRequired".into());
    t.columns.insert("needed".into(), required);
    let c = &mut t.columns;
    c.get_mut("kind").unwrap().ty = Some("Integer".into());
    c.get_mut("memo").unwrap().ty = Some("Memo".into());
    c.get_mut("stated").unwrap().ty = None;
    c.get_mut("size").unwrap().max_length = Some(10);
    let mut a2 = a.clone();
    a2.tables
        .get_mut("widget")
        .unwrap()
        .columns
        .get_mut("size")
        .unwrap()
        .max_length = Some(20);
    a2.tables
        .get_mut("widget")
        .unwrap()
        .columns
        .get_mut("grow")
        .unwrap()
        .max_length = Some(20);
    c.get_mut("grow").unwrap().max_length = Some(40);
    c.get_mut("level").unwrap().required_level = Some("SystemRequired".into());
    c.get_mut("app").unwrap().required_level = Some("ApplicationRequired".into());
    a2.tables
        .get_mut("widget")
        .unwrap()
        .columns
        .get_mut("less")
        .unwrap()
        .required_level = Some("ApplicationRequired".into());
    c.get_mut("less").unwrap().required_level = Some("None".into());
    assert_eq!(
        changes(&a2, &b),
        [
            "error column_removed gone String -",
            "error column_type_changed kind String Integer",
            "error required_level_changed level - SystemRequired",
            "warning required_level_changed app - ApplicationRequired",
            "warning column_added needed - String",
            "warning max_length_changed size 20 10",
            "warning column_type_changed stated String -",
            "info column_added fresh - Integer",
            "info max_length_changed grow 20 40",
            "info required_level_changed less ApplicationRequired None",
            "info column_type_changed memo String Memo",
        ]
    );
}

#[test]
fn writability_and_dates() {
    let mut date = col("DateTime");
    date.date_behavior = Some("UserLocal".into());
    let a = schema(vec![("when", date.clone()), ("name", col("String"))]);
    let mut b = a.clone();
    let c = &mut b.tables.get_mut("widget").unwrap().columns;
    c.get_mut("when").unwrap().date_behavior = Some("DateOnly".into());
    c.get_mut("name").unwrap().access = vec!["read".into(), "create".into()];
    assert_eq!(
        changes(&a, &b),
        [
            "error column_writability_changed name read, create, update read, create",
            "error date_behavior_changed when UserLocal DateOnly",
        ]
    );
    assert_eq!(
        changes(&b, &a),
        [
            "error date_behavior_changed when DateOnly UserLocal",
            "info column_writability_changed name read, create read, create, update",
        ]
    );
    // Stating the default behaviour changes nothing on the wire.
    let mut c = a.clone();
    let when = c
        .tables
        .get_mut("widget")
        .unwrap()
        .columns
        .get_mut("when")
        .unwrap();
    when.date_behavior = None;
    assert_eq!(
        changes(&a, &c),
        ["info date_behavior_changed when UserLocal -"]
    );
    // A behaviour word on a column that is no date is not a date change.
    let mut d = a.clone();
    let e = d.clone();
    d.tables
        .get_mut("widget")
        .unwrap()
        .columns
        .get_mut("name")
        .unwrap()
        .date_behavior = Some("DateOnly".into());
    assert_eq!(changes(&e, &d), Vec::<String>::new());
}

#[test]
fn choice_values() {
    let a = schema(vec![(
        "status",
        choice(&[
            (1, "Active"),
            (2, "Paused"),
            (3, "Closed"),
            (4, "Same"),
            (5, "Same"),
        ]),
    )]);
    let b = schema(vec![(
        "status",
        choice(&[
            (1, "Active"),
            (2, "On hold"),
            (7, "Closed"),
            (9, "New"),
            (4, "Same"),
            (6, "Same"),
        ]),
    )]);
    assert_eq!(
        changes(&a, &b),
        [
            "error choice_value_removed status:5 Same -",
            "error choice_value_renumbered status:Closed 3 7",
            "warning choice_value_relabelled status:2 Paused On hold",
            "info choice_value_added status:6 - Same",
            "info choice_value_added status:9 - New",
        ]
    );
    let report = compare(&a, &b);
    let renumbered = &report.changes[1];
    assert_eq!(renumbered.old_loc.as_deref(), Some("t.md:23:1"));
    assert_eq!(renumbered.new_loc.as_deref(), Some("t.md:27:1"));
    assert_eq!(report.semver, Bump::Major);
}

#[test]
fn targets_and_relationships() {
    let mut lookup = col("Customer");
    lookup.targets = [
        ("account".to_string(), stated("t.md:5:1")),
        ("lead".to_string(), stated("t.md:5:1")),
    ]
    .into();
    let mut a = schema(vec![("customerid", lookup.clone())]);
    let rel = |schema: &str, nav: &str, delete: &str| RelationshipSchema {
        schema_name: schema.into(),
        kind: "one_to_many".into(),
        navigation_property: Some(nav.into()),
        cascade: [("Delete".to_string(), delete.to_string())].into(),
        stated: stated("t.md:40:1"),
        ..RelationshipSchema::default()
    };
    let t = a.tables.get_mut("widget").unwrap();
    t.relationships.insert(
        "widget_parent".into(),
        rel("widget_parent", "children", "RemoveLink"),
    );
    t.relationships.insert(
        "widget_gone".into(),
        rel("widget_gone", "gone", "RemoveLink"),
    );
    let mut b = a.clone();
    let t = b.tables.get_mut("widget").unwrap();
    t.relationships.remove("widget_gone");
    t.relationships
        .insert("widget_new".into(), rel("widget_new", "fresh", "Cascade"));
    t.relationships.insert(
        "widget_parent".into(),
        rel("widget_parent", "kids", "Cascade"),
    );
    let targets = &mut t.columns.get_mut("customerid").unwrap().targets;
    targets.remove("account");
    targets.insert("contact".into(), stated("t.md:6:1"));
    assert_eq!(
        changes(&a, &b),
        [
            "error lookup_target_removed customerid:account account -",
            "error relationship_removed widget_gone one_to_many ? -> ? -",
            "error navigation_property_changed widget_parent children kids",
            "error cascade_changed widget_parent Delete: RemoveLink Delete: Cascade",
            "warning lookup_target_added customerid:contact - contact",
            "info relationship_added widget_new - one_to_many ? -> ?",
        ]
    );
}

#[test]
fn cascades_by_effect() {
    let m = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let level =
        |a: &[(&str, &str)], b: &[(&str, &str)]| classify::cascade_changed(&m(a), &m(b)).level;
    assert_eq!(
        level(&[("Delete", "RemoveLink")], &[("Delete", "Cascade")]),
        Level::Error
    );
    assert_eq!(level(&[], &[("Delete", "Restrict")]), Level::Error);
    assert_eq!(
        level(&[("Delete", "Cascade")], &[("Delete", "RemoveLink")]),
        Level::Warning
    );
    assert_eq!(
        level(
            &[("Delete", "Cascade"), ("Assign", "Cascade")],
            &[("Delete", "Cascade")]
        ),
        Level::Warning
    );
    assert_eq!(
        level(
            &[("Delete", "Restrict")],
            &[("Delete", "Restrict"), ("Share", "Cascade")]
        ),
        Level::Warning
    );
}

#[test]
fn prose_is_doc() {
    let mut a = schema(vec![("name", col("String"))]);
    let t = a.tables.get_mut("widget").unwrap();
    t.display_name = Some("Widget".into());
    t.description = Some("A widget.".into());
    let mut b = a.clone();
    let t = b.tables.get_mut("widget").unwrap();
    t.display_name = Some("Gadget".into());
    t.description = Some("A gadget.".into());
    t.entity_set = "gadgets".into();
    let c = t.columns.get_mut("name").unwrap();
    c.display_name = Some("Name".into());
    c.description = Some("What it is called.".into());
    assert_eq!(
        changes(&a, &b),
        [
            "error entity_set_changed - widgets gadgets",
            "doc description_changed - A widget. A gadget.",
            "doc display_name_changed - Widget Gadget",
            "doc description_changed name - What it is called.",
            "doc display_name_changed name - Name",
        ]
    );
    let mut report = compare(&a, &b);
    report.changes.retain(|c| c.level == Level::Doc);
    assert_eq!(Bump::of(&report.changes), Bump::Patch);
}

#[test]
fn first_and_second_targets_change_the_rust_type() {
    let with = |targets: &[&str]| {
        let mut c = col("Lookup");
        c.targets = targets
            .iter()
            .map(|t| (t.to_string(), stated("t.md:5:1")))
            .collect();
        schema(vec![("parentid", c)])
    };
    let level = |a: &[&str], b: &[&str]| compare(&with(a), &with(b)).changes[0].level;
    assert_eq!(level(&[], &["account"]), Level::Error);
    assert_eq!(level(&["account"], &["account", "contact"]), Level::Error);
    assert_eq!(
        level(&["account", "contact"], &["account", "contact", "lead"]),
        Level::Warning
    );
}

#[test]
fn stated_and_guessed_names() {
    let rel = |nav: Option<&str>| RelationshipSchema {
        schema_name: "widget_parent".into(),
        kind: "many_to_one".into(),
        navigation_property: nav.map(str::to_string),
        ..RelationshipSchema::default()
    };
    let with = |nav: Option<&str>| {
        let mut s = schema(vec![]);
        let t = s.tables.get_mut("widget").unwrap();
        t.relationships
            .insert("widget_parent:many_to_one".into(), rel(nav));
        s
    };
    let (none, some, other) = (with(None), with(Some("parentid")), with(Some("parent")));
    let level = |a: &Schema, b: &Schema| compare(a, b).changes[0].level;
    assert_eq!(level(&none, &some), Level::Info);
    assert_eq!(level(&some, &none), Level::Warning);
    assert_eq!(level(&some, &other), Level::Error);
    // An entity set that was the default plural, now stated otherwise: a warning.
    let mut stated_set = none.clone();
    stated_set.tables.get_mut("widget").unwrap().entity_set = "widgetry".into();
    let mut guessed = none.clone();
    guessed.tables.get_mut("widget").unwrap().entity_set_stated = false;
    assert_eq!(level(&guessed, &stated_set), Level::Warning);
    assert_eq!(level(&stated_set, &guessed), Level::Warning);
    let mut renamed = stated_set.clone();
    renamed.tables.get_mut("widget").unwrap().entity_set = "gizmos".into();
    assert_eq!(level(&stated_set, &renamed), Level::Error);
}

#[test]
fn relationships_whose_ends_change_are_other_relationships() {
    let rel = |to: &str, both: bool| RelationshipSchema {
        schema_name: "widget_parent".into(),
        kind: "one_to_many".into(),
        referenced_entity: Some("widget".into()),
        referencing_entity: Some(to.into()),
        both_sides: both,
        ..RelationshipSchema::default()
    };
    let with = |rels: Vec<(&str, RelationshipSchema)>| {
        let mut s = schema(vec![]);
        let t = s.tables.get_mut("widget").unwrap();
        t.relationships = rels.into_iter().map(|(k, r)| (k.to_string(), r)).collect();
        s
    };
    let a = with(vec![("widget_parent:one_to_many", rel("contact", false))]);
    let b = with(vec![("widget_parent:one_to_many", rel("account", false))]);
    assert_eq!(
        changes(&a, &b),
        [
            "error relationship_removed widget_parent one_to_many widget -> contact -",
            "info relationship_added widget_parent - one_to_many widget -> account",
        ]
    );
    // A relationship with itself, now listed from its other side too: one addition, named by
    // its side; the side listed before is no change.
    let mut back = rel("widget", true);
    back.kind = "many_to_one".into();
    let c = with(vec![("widget_parent:one_to_many", rel("widget", false))]);
    let d = with(vec![
        ("widget_parent:one_to_many", rel("widget", true)),
        ("widget_parent:many_to_one", back),
    ]);
    assert_eq!(
        changes(&c, &d),
        ["info relationship_added widget_parent:many_to_one - many_to_one widget -> widget"]
    );
}

#[test]
fn choice_types_and_requirements() {
    let local = choice(&[(1, "Open")]);
    let mut global = local.clone();
    global.global_choice = Some("sample_status".into());
    let a = schema(vec![("status", local)]);
    let b = schema(vec![("status", global)]);
    assert_eq!(
        changes(&a, &b),
        ["error column_type_changed status Picklist Picklist (global choice sample_status)"]
    );
    let mut unset = col("String");
    unset.access = vec!["read".into(), "update".into()];
    let mut recommended = unset.clone();
    recommended.required_level = Some("Recommended".into());
    let mut limited = unset.clone();
    limited.max_length = Some(100);
    let mut required = unset.clone();
    required.required_level = Some("SystemRequired".into());
    let c = schema(vec![
        ("a", unset.clone()),
        ("b", unset.clone()),
        ("c", unset),
    ]);
    let d = schema(vec![("a", required), ("b", recommended), ("c", limited)]);
    assert_eq!(
        changes(&c, &d),
        [
            "warning required_level_changed a - SystemRequired",
            "warning max_length_changed c - 100",
            "info required_level_changed b - Recommended",
        ]
    );
    assert!(compare(&c, &d).changes[2].axes.is_empty());
}

#[test]
fn swapped_labels_are_renumberings() {
    let a = schema(vec![(
        "size",
        choice(&[(1, "Small"), (2, "Large"), (5, "Gone")]),
    )]);
    let b = schema(vec![(
        "size",
        choice(&[(2, "Small"), (3, "Large"), (4, "Fresh")]),
    )]);
    assert_eq!(
        changes(&a, &b),
        [
            "error choice_value_removed size:5 Gone -",
            "error choice_value_renumbered size:Large 2 3",
            "error choice_value_renumbered size:Small 1 2",
            "info choice_value_added size:4 - Fresh",
        ]
    );
    // One label moves onto a value whose label is gone: the move, and the value's new meaning.
    let c = schema(vec![("size", choice(&[(2, "Small")]))]);
    assert_eq!(
        changes(&a, &c),
        [
            "error choice_value_removed size:5 Gone -",
            "error choice_value_renumbered size:Small 1 2",
            "warning choice_value_relabelled size:2 Large Small",
        ]
    );
}

#[test]
fn less_required_is_behaviour_and_recommended_is_nothing() {
    let with = |level: &str| {
        let mut c = col("String");
        c.required_level = Some(level.to_string());
        schema(vec![("name", c)])
    };
    let one = |a: &str, b: &str| compare(&with(a), &with(b)).changes.remove(0);
    let less = one("SystemRequired", "None");
    assert_eq!(
        (less.level, less.axes.as_slice()),
        (Level::Info, &[Axis::Behaviour][..])
    );
    let app_less = one("SystemRequired", "ApplicationRequired");
    assert_eq!(app_less.axes, [Axis::Behaviour]);
    let same = one("None", "Recommended");
    assert_eq!((same.level, same.axes.len()), (Level::Info, 0));
    assert_eq!(
        one("ApplicationRequired", "SystemRequired").level,
        Level::Error
    );
}

mod output;
mod projection;
