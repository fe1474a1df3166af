//! Every format item of the real docs repositories (issue 13), each on a fixture page of its own
//! (fixtures/formats): the 2018 relationship line form, dotted `ms.date`s, deprecation markers,
//! `\-`/`\_` escapes, Boolean labels, `-many-to-one` anchors and self-referencing relationships,
//! pages with no relationship section and placeholder descriptions. Each page's model is a
//! snapshot; the facts each item is about are also asserted directly.

mod common;

use dataverse_codegen::build_model;
use dataverse_codegen::model::{CascadeConfiguration, CascadeType, Model, RelationshipKind, Table};
use dataverse_codegen::source::SourceFile;

fn page(path: &std::path::Path) -> SourceFile {
    common::fixture_page(path, &["formats"])
}

#[test]
fn each_format_page_model() {
    insta::glob!("fixtures/formats/*.md", |path| {
        insta::assert_snapshot!(common::render_model(&[page(path)]));
    });
}

/// The model of one fixture page, which must read with no error and no warning.
fn model(file: &str) -> Model {
    let path = common::fixtures("formats").join(file);
    let (model, diags) = build_model(&[page(&path)]);
    assert!(!diags.has_errors(), "{diags}");
    assert_eq!(diags.warnings(), 0, "{diags}");
    model
}

fn table<'m>(model: &'m Model, name: &str) -> &'m Table {
    model
        .tables
        .get(name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

#[test]
fn the_2018_line_form_reads_keys_menu_and_cascade() {
    use CascadeType::*;
    let m = model("relationship_2018.md");
    let t = table(&m, "sample_crate");
    let rel = &t.relationships[&("sample_crate_parcels".into(), RelationshipKind::OneToMany)];
    assert_eq!(rel.referenced_entity.as_deref(), Some("sample_crate"));
    assert_eq!(rel.referencing_entity.as_deref(), Some("sample_parcel"));
    assert_eq!(rel.referencing_attribute.as_deref(), Some("sample_crateid"));
    assert_eq!(
        rel.navigation_property.as_deref(),
        Some("sample_crate_parcels")
    );
    assert_eq!(
        rel.cascade,
        Some(CascadeConfiguration {
            archive: None,
            assign: Some(Cascade),
            delete: Some(Restrict),
            merge: Some(NoCascade),
            reparent: Some(Cascade),
            rollup_view: None,
            share: Some(Cascade),
            unshare: Some(RemoveLink),
        })
    );
    let menu: Vec<(&str, &str)> = rel
        .associated_menu
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        menu,
        [
            ("Behavior", "UseCollectionName"),
            ("Group", "Details"),
            ("Order", "20000")
        ]
    );

    // The same sentence before a property table (2019): the table's keys.
    let rel = &t.relationships[&("sample_crate_labels".into(), RelationshipKind::OneToMany)];
    assert_eq!(rel.referencing_entity.as_deref(), Some("sample_stencil"));
    assert_eq!(
        rel.referencing_attribute.as_deref(),
        Some("sample_targetcrateid")
    );
    assert_eq!(rel.cascade.and_then(|c| c.delete), Some(Cascade));

    // Many-to-one: the line form after a `See …` sentence and an `**Added by**:` note.
    let rel = &t.relationships[&(
        "sample_warehouse_crates".into(),
        RelationshipKind::ManyToOne,
    )];
    assert_eq!(rel.referenced_entity.as_deref(), Some("sample_warehouse"));
    assert_eq!(
        rel.referenced_attribute.as_deref(),
        Some("sample_warehouseid")
    );
    assert_eq!(rel.referencing_entity.as_deref(), Some("sample_crate"));
    assert_eq!(
        rel.referencing_attribute.as_deref(),
        Some("sample_warehouseid")
    );
    assert_eq!(
        rel.navigation_property.as_deref(),
        Some("sample_warehouseid")
    );
    assert_eq!(rel.cascade.and_then(|c| c.delete), Some(RemoveLink));
    assert_eq!(rel.cascade.and_then(|c| c.assign), Some(NoCascade));
}

#[test]
fn dotted_dates_are_dates() {
    let m = model("dotted_date.md");
    let date = table(&m, "sample_dock").origins[0].date.expect("a date");
    assert_eq!(date.to_string(), "2024-03-15");
}

#[test]
fn deprecation_markers_stay_in_display_names_and_labels() {
    let m = model("deprecated.md");
    let t = table(&m, "sample_oldshelf");
    assert_eq!(t.display_name.as_deref(), Some("Old Shelf (Deprecated)"));
    assert_eq!(
        t.description.as_deref(),
        Some("[DEPRECATED] Shelves were replaced by racks; kept for older data.")
    );
    let code = &t.columns["sample_code"];
    assert_eq!(
        code.display_name.as_deref(),
        Some("(Deprecated) Shelf Code")
    );
    assert_eq!(code.description.as_deref(), Some("(Deprecated)"));
    let kind = &t.columns["sample_kind"];
    assert_eq!(kind.display_name.as_deref(), Some("Kind [DEPRECATED]"));
    assert_eq!(kind.options[&2].label, "Metal (Deprecated)");
    assert_eq!(kind.options[&3].label, "[DEPRECATED] Cardboard");

    // No display name anywhere: the H1's name and marker, as written.
    let m = model("deprecated_no_display.md");
    let t = table(&m, "sample_retiredbin");
    assert_eq!(
        t.display_name.as_deref(),
        Some("sample_retiredbin (Deprecated)")
    );

    // A marker after `table/entity reference` joins the page's display name.
    let m = model("deprecated_after_title.md");
    let t = table(&m, "sample_tray");
    assert_eq!(t.display_name.as_deref(), Some("Tray [DEPRECATED]"));
}

#[test]
fn escapes_come_out_unescaped() {
    let m = model("escapes.md");
    let leg = &table(&m, "sample_route").columns["sample_leg"];
    assert_eq!(leg.display_name.as_deref(), Some("Route leg - kind"));
    let labels: Vec<&str> = leg.options.values().map(|o| o.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Pick-up",
            "Line_haul",
            "Drop-off - final",
            "Cross_dock_transfer"
        ]
    );
}

#[test]
fn boolean_labels_read() {
    let labels = |t: &Table, col: &str| -> Vec<(i32, String)> {
        t.columns[col]
            .options
            .values()
            .map(|o| (o.value, o.label.clone()))
            .collect()
    };
    let m = model("boolean_labels.md");
    let t = table(&m, "sample_bay");
    assert_eq!(
        labels(t, "ismanaged"),
        [(0, "Unmanaged".to_string()), (1, "Managed".to_string())]
    );
    assert_eq!(
        t.columns["ismanaged"].default_value.as_deref(),
        Some("False")
    );
    assert_eq!(
        labels(t, "issealed"),
        [(0, "Open".to_string()), (1, "Sealed".to_string())]
    );
    assert_eq!(
        t.columns["issealed"].default_value.as_deref(),
        Some("False")
    );
    let m = model("boolean_labels_2019.md");
    assert_eq!(
        labels(table(&m, "sample_rack"), "ismanaged"),
        [(0, "Unmanaged".to_string()), (1, "Managed".to_string())]
    );
}

#[test]
fn self_referencing_relationships_keep_both_sides() {
    for (file, name, schema) in [
        (
            "self_referencing.md",
            "sample_zone",
            "sample_zone_parent_zone",
        ),
        (
            "self_referencing_2020.md",
            "sample_aisle",
            "sample_aisle_branches",
        ),
    ] {
        let m = model(file);
        let t = table(&m, name);
        for kind in [RelationshipKind::ManyToOne, RelationshipKind::OneToMany] {
            let rel = t
                .relationships
                .get(&(schema.to_string(), kind))
                .unwrap_or_else(|| panic!("{file}: no {kind:?} side of {schema}"));
            assert_eq!(rel.referenced_entity.as_deref(), Some(name), "{file}");
            assert_eq!(rel.referencing_entity.as_deref(), Some(name), "{file}");
        }
    }
}

#[test]
fn pages_without_relationships_and_with_placeholder_descriptions_read() {
    let m = model("no_relationships.md");
    let t = table(&m, "sample_pallettag");
    assert!(t.relationships.is_empty());
    assert_eq!(t.description, None);
    let serial = &t.columns["sample_serial"];
    assert_eq!(
        serial.description.as_deref(),
        Some("For internal use only.")
    );
    let weight = &t.columns["sample_weight"];
    assert_eq!((&weight.description, &weight.display_name), (&None, &None));
    assert_eq!(
        t.columns["sample_pallettagid"].description.as_deref(),
        Some("Description")
    );
}

/// A bad bullet under `**CascadeConfiguration**:` is reported where it is written.
#[test]
fn the_2018_line_form_locates_bad_cascade_bullets() {
    let path = common::fixtures("formats").join("relationship_2018.md");
    let text = std::fs::read_to_string(path).expect("fixture page is UTF-8");
    let text = text
        .replacen("- **Delete**: Restrict", "- **Delete**: Sometimes", 1)
        .replacen("- **Merge**: NoCascade", "- **Mingle**: NoCascade", 1);
    let (_, diags) = build_model(&[SourceFile::new("bad.md", text)]);
    let report = diags.to_string();
    assert!(
        report.contains("bad.md:66:15: error: unknown cascade value `Sometimes`"),
        "{report}"
    );
    assert!(
        report.contains("bad.md:67:3: warning: unknown cascade key `Mingle`"),
        "{report}"
    );
}

/// The 2018 form's keys and the table form's cells: unknown keys warn, bad cascade parts are
/// errors (a bad menu part is not), and bullets count only under a configuration key.
#[test]
fn the_2018_line_form_reports_what_it_does_not_know() {
    let path = common::fixtures("formats").join("relationship_2018.md");
    let text = std::fs::read_to_string(path).expect("fixture page is UTF-8");
    let (_, clean) = build_model(&[SourceFile::new("ok.md", text.clone())]);
    assert!(
        !clean.to_string().contains("unknown relationship property"),
        "{clean}"
    );
    let text = text
        .replacen("**IsHierarchical**: False<br />", "**Frobnicate**: yes<br />", 1)
        .replacen(
            "- **Unshare**: RemoveLink\n",
            "- **Unshare**: RemoveLink\n\nSome prose between the lists.\n\n- **Delete**: Sometimes\n",
            1,
        )
        .replacen(
            "|ReferencingAttribute|sample_targetcrateid|\n",
            "|ReferencingAttribute|sample_targetcrateid|\n|CascadeConfiguration|Assign: Cascade<br />oops|\n|AssociatedMenuConfiguration|Behavior: UseLabel<br />loose words|\n",
            1,
        );
    let (_, diags) = build_model(&[SourceFile::new("bad.md", text)]);
    let report = diags.to_string();
    assert!(
        report.contains("warning: unknown relationship property `Frobnicate`"),
        "{report}"
    );
    assert!(
        !report.contains("Sometimes"),
        "a list after prose is no cascade bullet: {report}"
    );
    assert!(
        report.contains("error: `oops` is not `Key: CascadeType`"),
        "{report}"
    );
    assert!(!report.contains("loose words"), "{report}");
}
