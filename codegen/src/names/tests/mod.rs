//! Tests of the names stage.

use super::*;
use crate::model::ChoiceOption;
use std::collections::BTreeSet;

/// The constants of one choice's values, with no lock.
fn variants_of(options: &BTreeMap<i32, ChoiceOption>) -> BTreeMap<i32, String> {
    let lock = NamesLock::default();
    let mut run = Run {
        lock: &lock,
        out: NamesLock::default(),
        lost: Vec::new(),
    };
    let of = ItemKey::Column {
        table: "t".into(),
        column: "c".into(),
    };
    let value_key = |value| ItemKey::Value {
        table: "t".into(),
        column: "c".into(),
        value,
    };
    choice_names(&mut run, "T".into(), options, &of, &value_key, false).variants
}

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
    let got: Vec<(i32, String)> = variants_of(&col.options).into_iter().collect();
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
fn a_namespace_never_gives_a_name_twice_and_never_counts() {
    let key = |c: &str| ItemKey::Column {
        table: "t".into(),
        column: c.into(),
    };
    let snake = |n: &str| Want::new(n.into(), "_", Style::Snake);
    let mut ns = Namespace::reserving(&["etag", "ALL"]);
    let field = Role::Field;
    assert_eq!(ns.claim(snake("name"), &key("name"), field), "name");
    assert_eq!(ns.claim(snake("etag"), &key("etag"), field), "etag_");
    assert_eq!(ns.claim(snake("etag_"), &key("etag_"), field), "etag__");
    // Name and suffixed name taken: a hash of the item's key, not a counter.
    let third = ns.claim(snake("etag"), &key("x"), field);
    assert_eq!(
        third,
        format!("etag_{}", scope::hash("t.x field", 0, Style::Snake))
    );
    assert!(third.len() == "etag_".len() + 6, "{third}");
    // The same item asking in another scope, after other claims, gets the same name.
    let mut other = Namespace::reserving(&["etag", "etag_", "zzz"]);
    assert_eq!(other.claim(snake("etag"), &key("x"), field), third);
    assert_eq!(ns.claim(snake("r#type"), &key("type"), field), "r#type");
    assert_eq!(
        ns.claim(snake("type"), &key("type2"), field),
        "type_",
        "raw and plain are one name"
    );
    // A tag (a choice value's value) comes before the hash.
    let mut values = Namespace::reserving(&["A", "A_VALUE"]);
    let want = Want {
        name: "A".into(),
        suffix: "_VALUE",
        tag: Some("7".into()),
        style: Style::Screaming,
    };
    assert_eq!(values.claim(want, &key("v"), Role::Constant), "A_VALUE_7");
    // Camel names join without `_`; constants hash in upper case.
    let mut types = Namespace::reserving(&["AB", "ABChoice"]);
    let got = types.claim(
        Want::new("AB".into(), "Choice", Style::Camel),
        &key("a__b"),
        Role::Choice,
    );
    assert!(
        Style::Camel.accepts(&got) && got.starts_with("ABChoice"),
        "{got}"
    );
    let mut consts = Namespace::reserving(&["A", "A_REL"]);
    let got = consts.claim(
        Want::new("A".into(), "_REL", Style::Screaming),
        &key("a"),
        Role::Constant,
    );
    assert!(
        Style::Screaming.accepts(&got) && got.starts_with("A_REL_"),
        "{got}"
    );
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
    let got = variants_of(&options);
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
    let names = assign(&model, &NamesLock::default()).names;
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

/// A table `t` with a picklist `status` of `values` and string columns `strings`.
fn choice_table(values: &[(i32, &str)], strings: &[&str]) -> Model {
    use crate::model::ColumnType;
    let mut t = table("t", &[]);
    let mut status = Column {
        logical_name: "status".into(),
        schema_name: "Status".into(),
        ty: Some(ColumnType::Picklist),
        ..Column::default()
    };
    for (v, label) in values {
        let label = label.to_string();
        let o = ChoiceOption {
            value: *v,
            label,
            ..Default::default()
        };
        status.options.insert(*v, o);
    }
    t.columns.insert("status".into(), status);
    for name in strings {
        let c = Column {
            logical_name: name.to_string(),
            schema_name: name.to_string(),
            ty: Some(ColumnType::String),
            ..Column::default()
        };
        t.columns.insert(name.to_string(), c);
    }
    let mut model = Model::default();
    model.tables.insert("t".into(), t);
    model
}

fn status_names(names: &Names) -> &ChoiceNames {
    let choice = names.tables["t"].columns["status"].choice.as_ref();
    choice.expect("a local choice")
}

fn value_key(value: i32) -> ItemKey {
    ItemKey::Value {
        table: "t".into(),
        column: "status".into(),
        value,
    }
}

#[test]
fn recorded_names_are_claimed_first_so_nothing_is_renamed() {
    let base = choice_table(&[(1, "Active"), (2, "Done")], &["etag_"]);
    let first = assign(&base, &NamesLock::default());
    assert_eq!(status_names(&first.names).variants[&1], "ACTIVE");
    assert_eq!(first.names.tables["t"].columns["etag_"].field, "etag_");
    // A colliding label and a column whose field collides are added.
    let grown = choice_table(
        &[(1, "Active"), (2, "Done"), (3, "ACTIVE")],
        &["etag", "etag_"],
    );
    let unlocked = assign(&grown, &NamesLock::default());
    let values = &status_names(&unlocked.names).variants;
    assert_eq!(
        (values[&1].as_str(), values[&3].as_str()),
        ("ACTIVE_1", "ACTIVE_3")
    );
    assert_eq!(unlocked.names.tables["t"].columns["etag_"].field, "etag__");
    let locked = assign(&grown, &first.lock);
    assert!(locked.lost.is_empty(), "{:?}", locked.lost);
    let values = &status_names(&locked.names).variants;
    assert_eq!(
        (values[&1].as_str(), values[&3].as_str()),
        ("ACTIVE", "ACTIVE_3")
    );
    let columns = &locked.names.tables["t"].columns;
    // `etag` is the generated code's, `etag_` recorded: the new column's name comes from its key.
    let hashed = format!("etag_{}", scope::hash("t.etag field", 0, Style::Snake));
    assert_eq!(columns["etag_"].field, "etag_");
    assert_eq!(columns["etag"].field, hashed);
    // Every base name is in the new lock unchanged; the lock is exactly the model's names.
    for (key, role, entry) in first.lock.iter() {
        assert_eq!(locked.lock.get(key, role), Some(entry), "{key} {role}");
    }
    assert_eq!(
        assign(&grown, &locked.lock).lock,
        locked.lock,
        "a fixed point"
    );
    let keys: BTreeSet<String> = locked
        .lock
        .iter()
        .map(|(k, r, _)| format!("{k} {r}"))
        .collect();
    assert!(keys.contains("t.status=3 constant") && keys.contains("t.etag field"));
}

#[test]
fn a_recorded_name_that_is_not_free_is_lost_and_said_why() {
    let model = choice_table(&[(1, "Active"), (2, "Done")], &["a", "b"]);
    let text = "t module choices\nt.a field name\nt.b field name\nt.status=2 constant OPTIONS\n";
    let lock = NamesLock::parse(text, "x.lock").expect("a valid lock");
    let got = assign(&model, &lock);
    let lost: Vec<String> = got.lost.iter().map(|l| l.to_string()).collect();
    assert_eq!(
        lost,
        [
            "`t module`: the recorded name `choices` cannot be kept (the generated code uses `choices` itself there): it is `t` now",
            "`t.b field`: the recorded name `name` cannot be kept (`t.a field` has that name there): it is `b` now",
            "`t.status=2 constant`: the recorded name `OPTIONS` cannot be kept (the generated code uses `OPTIONS` itself there): it is `DONE` now",
        ]
    );
    assert_eq!(got.names.tables["t"].columns["a"].field, "name");
    assert_eq!(
        got.lock
            .get(&value_key(2), Role::Constant)
            .map(|e| e.name.as_str()),
        Some("DONE")
    );
}

#[test]
fn a_removed_value_stays_deprecated_until_pruned_and_comes_back_with_its_name() {
    let base = choice_table(&[(1, "Active"), (2, "On hold")], &[]);
    let first = assign(&base, &NamesLock::default());
    let gone = choice_table(&[(1, "Active"), (3, "On Hold")], &[]);
    let kept = assign(&gone, &first.lock);
    let names = status_names(&kept.names);
    assert_eq!(
        names.removed.iter().collect::<Vec<_>>(),
        [(&2, &"ON_HOLD".to_string())]
    );
    // The new value does not take the removed one's name.
    assert_eq!(names.variants[&3], "ON_HOLD_VALUE");
    let entry = kept.lock.get(&value_key(2), Role::Constant).expect("kept");
    assert!(entry.removed && entry.name == "ON_HOLD");
    // Kept again by the next run of the release, then pruned.
    assert_eq!(assign(&gone, &kept.lock).lock, kept.lock);
    let options = AssignOptions {
        prune_removed: true,
        ..AssignOptions::default()
    };
    let pruned = assign_with(&gone, &kept.lock, options);
    assert!(status_names(&pruned.names).removed.is_empty());
    assert_eq!(pruned.lock.get(&value_key(2), Role::Constant), None);
    assert_eq!(status_names(&pruned.names).variants[&3], "ON_HOLD_VALUE");
    // A value that comes back takes its recorded name again, no longer removed (and the one
    // that came instead is the removed one now).
    let back = assign(&base, &kept.lock);
    assert_eq!(status_names(&back.names).variants[&2], "ON_HOLD");
    let removed = &status_names(&back.names).removed;
    assert_eq!(
        removed.iter().collect::<Vec<_>>(),
        [(&3, &"ON_HOLD_VALUE".to_string())]
    );
    let entry = back
        .lock
        .get(&value_key(2), Role::Constant)
        .expect("present");
    assert!(!entry.removed);
}

#[test]
fn a_table_selection_keeps_the_lock_entries_of_the_other_tables() {
    let mut model = choice_table(&[(1, "Active")], &[]);
    let mut other = table("u", &[]);
    other.logical_name = "u".into();
    model.tables.insert("u".into(), other);
    let full = assign(&model, &NamesLock::default());
    let mut v = table("v", &[]);
    v.logical_name = "v".into();
    model.tables.insert("v".into(), v);
    // `u` recorded under the name `v` would take... `v`: a selection of `v` alone keeps it so.
    let lock = NamesLock::parse(
        &full.lock.render().replace("u module u", "u module v"),
        "x.lock",
    )
    .expect("valid");
    let only: BTreeSet<String> = ["v".to_string()].into();
    let options = AssignOptions {
        only: Some(&only),
        ..AssignOptions::default()
    };
    let got = assign_with(&model, &lock, options);
    assert_eq!(got.names.tables.keys().collect::<Vec<_>>(), ["v"]);
    assert_eq!(got.names.tables["v"].module, "v_");
    let u = ItemKey::Table { table: "u".into() };
    assert_eq!(got.lock.get(&u, Role::Record), lock.get(&u, Role::Record));
    assert_eq!(
        got.lock.get(&u, Role::Module).map(|e| e.name.as_str()),
        Some("v")
    );
    // A table the selection leaves out and the lock does not know yet: its module is recorded.
    let got = assign_with(&model, &NamesLock::default(), options);
    assert_eq!(
        got.lock.get(&u, Role::Module).map(|e| e.name.as_str()),
        Some("u")
    );
    assert_eq!(got.lock.get(&u, Role::Record), None);
    // Gone from the docs, `u`'s names go too, selection or not.
    model.tables.remove("u");
    let got = assign_with(&model, &lock, options);
    assert_eq!(got.lock.get(&u, Role::Record), None);
    assert_eq!(got.names.tables["v"].module, "v");
}

#[test]
fn the_hash_is_fnv_1a_of_the_key_and_its_salt() {
    // FNV-1a 64 of "abc" is 0xe71fa2190541574b; a salt n > 0 hashes "abc#n".
    assert_eq!(scope::hash("abc", 0, Style::Snake), "41574b");
    assert_eq!(scope::hash("abc", 1, Style::Snake), "c7e7cb");
    assert_eq!(scope::hash("abc", 2, Style::Screaming), "C7E97E");
    // When the hashed name is taken too, the next salt: never a loop, never a counter.
    let key = ItemKey::Value {
        table: "widget".into(),
        column: "size".into(),
        value: 3,
    };
    let owner = "widget.size=3 constant";
    let first = format!("A_VALUE_{}", scope::hash(owner, 0, Style::Screaming));
    assert_eq!(first, "A_VALUE_CB0DC0");
    let mut ns = Namespace::reserving(&["A", "A_VALUE", "A_VALUE_CB0DC0"]);
    let got = ns.claim(
        Want::new("A".into(), "_VALUE", Style::Screaming),
        &key,
        Role::Constant,
    );
    assert_eq!(got, "A_VALUE_9B2F18", "salt 1");
    assert!(!ns.is_free("A_VALUE_9B2F18") && ns.is_free("A_VALUE_9B2F19"));
}

mod plan;
