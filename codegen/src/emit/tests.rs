//! Tests of the emitter's text helpers.

use super::docs::escape_doc;
use super::metadata::navigation;
use crate::model::{Model, Relationship, RelationshipKind, Table};

#[test]
fn doc_escaping() {
    assert_eq!(
        escape_doc("see [x](y) <b>*bold*</b>"),
        "see \\[x\\](y) \\<b\\>\\*bold\\*\\</b\\>"
    );
    assert_eq!(escape_doc("`a_b` and a_b"), "`a_b` and a\\_b");
    assert_eq!(escape_doc("    indented code"), "indented code");
    assert_eq!(escape_doc("odd ` tick"), "odd ` tick`");
    assert_eq!(escape_doc("Tom & Jerry"), "Tom &amp; Jerry");
    assert_eq!(
        escape_doc("evil\u{202e}txt\u{2066} zero\u{200b}width\u{feff} bell\u{7} nel\u{85}x"),
        "eviltxt zerowidth bell nel x"
    );
}

/// A many-to-many navigation property points at the other end, whichever side lists it, and at
/// the table itself for a self-relationship; a target that is not generated reads as raw JSON.
#[test]
fn many_to_many_navigation_targets_the_other_end() {
    let rel = |schema: &str, a: &str, b: &str, nav: &str| Relationship {
        schema_name: schema.into(),
        kind: RelationshipKind::ManyToMany,
        referenced_entity: Some(a.into()),
        referenced_attribute: None,
        referencing_entity: Some(b.into()),
        referencing_attribute: None,
        intersect_entity: None,
        cascade: None,
        navigation_property: Some(nav.into()),
        associated_menu: Default::default(),
        origins: Default::default(),
        at: None,
    };
    let mut model = Model::default();
    let mut a = Table {
        logical_name: "sample_a".into(),
        ..Table::default()
    };
    for r in [
        rel("sample_a_b", "sample_a", "sample_b", "sample_a_b_nav"),
        rel("sample_b_a", "sample_b", "sample_a", "sample_b_a_nav"),
        rel("sample_a_a", "sample_a", "sample_a", "sample_a_a_nav"),
        rel("sample_a_z", "sample_a", "sample_z", "sample_a_z_nav"),
    ] {
        a.relationships.insert((r.schema_name.clone(), r.kind), r);
    }
    let b = Table {
        logical_name: "sample_b".into(),
        ..Table::default()
    };
    model.tables.insert("sample_a".into(), a);
    model.tables.insert("sample_b".into(), b);
    let names = crate::names::assign(&model, &crate::names::NamesLock::default()).names;
    let mut code = super::Code::default();
    let plan = crate::resolve::table(&model, &model.tables["sample_a"]);
    navigation(&mut code, &plan, &names, &names.tables["sample_a"]);
    let text = code.into_string().replace(' ', "");
    for want in [
        "SAMPLE_A_B_NAV:Many<crate::records::sample_b>",
        "SAMPLE_B_A_NAV:Many<crate::records::sample_b>",
        "SAMPLE_A_A_NAV:Many<crate::records::sample_a>",
        "SAMPLE_A_Z_NAV:Many<rt::Json>",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
}

/// A column kept as raw JSON says why in its rustdoc.
#[test]
fn raw_columns_say_why() {
    use crate::model::{Column, ColumnType};
    let col = |ty| Column {
        logical_name: "x".into(),
        ty,
        ..Column::default()
    };
    let why = |ty| super::raw_reason(&col(ty));
    assert!(why(Some(ColumnType::PartyList)).starts_with("A PartyList column with no known"));
    assert!(why(Some(ColumnType::Virtual)).starts_with("Virtual columns hold no data"));
    assert!(why(Some(ColumnType::Other("Frob".into()))).starts_with("An unknown Type"));
    assert!(why(None).starts_with("No page states this column's Type"));
}

proptest::proptest! {
    /// A doc line is written a piece at a time: the same literal as the whole escaped line.
    #[test]
    fn doc_lines_are_the_literal_of_the_escaped_line(line in any_line()) {
        let whole = if line.is_empty() {
            "#[doc = \"\"]\n".to_string()
        } else {
            format!("#[doc = {}]\n", super::Lit(&format!(" {}", escape_doc(&line))))
        };
        proptest::prop_assert_eq!(super::docs(&[line]).to_string(), whole);
    }
}

fn any_line() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::prop_oneof![
        proptest::arbitrary::any::<String>(),
        "[ a`_*\\[\\]<>#|~&\\\\\"'\\x00-\\x1f0-7\u{85}\u{202e}\u{2028}\u{feff}é]{0,40}",
    ]
}

/// A page of table `sample_a` whose lookup columns each name the given targets (`Type` as
/// given: `Lookup` or `PartyList`).
fn lookup_page(columns: &[(&str, &str, &str)]) -> crate::source::SourceFile {
    let mut text = String::from(
        "# A (sample_a) table/entity reference\n\n## Properties\n\n|Property|Value|\n|---|---|\n|**LogicalName**|`sample_a`|\n|**EntitySetName**|`sample_as`|\n\n## Writable columns/attributes\n\n",
    );
    for (name, ty, targets) in columns {
        text.push_str(&format!(
            "### <a name=\"BKMK_{name}\"></a> {name}\n\n|Property|Value|\n|---|---|\n|Description|**A lookup.**|\n|LogicalName|`{name}`|\n|Type|{ty}|\n|Targets|{targets}|\n\n"
        ));
    }
    crate::source::SourceFile::new("sample_a.md", text)
}

/// One-target lookups share their target's enum; a PartyList keeps its own (`party` mode), as
/// do several targets and two targets whose enums would take one name; in a standalone crate a
/// shared enum is compiled with the features of the tables that use it.
#[test]
fn one_target_lookups_share_an_enum_unless_they_cannot() {
    let page = lookup_page(&[
        ("ownerish", "Lookup", "sample_b"),
        ("again", "Lookup", "sample_b"),
        ("to", "PartyList", "sample_b"),
        ("twin", "Lookup", "a_b"),
        ("twin_", "Lookup", "a_b_"),
        ("multi", "Lookup", "sample_b,sample_c"),
        // Not a lookup: its target claims no shared name (it would collide with `sample_b`'s).
        ("label", "String", "sample__b"),
    ]);
    let options = crate::Options {
        layout: crate::Layout::Crate,
        ..crate::Options::default()
    };
    let g = crate::generate(&[page], options).expect("the page generates");
    let lookups = &g.files[crate::LOOKUPS_FILE];
    let table = &g.files["sample_a.rs"];
    assert_eq!(lookups.matches("pub enum").count(), 1, "{lookups}");
    assert!(
        lookups.contains("#[cfg(any(feature = \"sample_a\"))]"),
        "{lookups}"
    );
    assert!(lookups.contains("lookup_type!(SampleB one { SampleB = \"sample_b\" })"));
    assert!(
        table.contains("pub type Ownerish = crate::lookups::SampleB;"),
        "{table}"
    );
    assert!(
        table.contains("pub type Again = crate::lookups::SampleB;"),
        "{table}"
    );
    assert!(table.contains("rt::lookup_type!(To party {"), "{table}");
    assert!(table.contains("pub enum Twin {") && table.contains("pub enum TwinTarget {"));
    assert!(table.contains("rt::lookup_type!(Multi {"), "{table}");
    assert!(
        table.contains("rt::lookup_type!(Twin one { AB = \"a_b\" })"),
        "{table}"
    );
}

#[test]
fn which_columns_name_their_table_only_in_the_annotation() {
    use super::record::{needs_lookup_table, parties_need_tables};
    use crate::resolve::{ColumnPlan, Plain, Repr, Stated, TargetPlan};
    let plan = |repr: Repr, targets: usize| ColumnPlan {
        repr,
        property: None,
        field: true,
        create: true,
        update: true,
        targets: (0..targets)
            .map(|n| TargetPlan {
                table: format!("t{n}"),
                navigation: Stated::Stated(format!("n{n}")),
                entity_set: Stated::Assumed(format!("t{n}s")),
            })
            .collect(),
    };
    // (repr, targets) -> (a lookup that needs it, parties that need it)
    let cases = [
        (Repr::Lookup, 1, false, false),
        (Repr::Lookup, 2, true, false),
        (Repr::OpenLookup, 0, true, false),
        (Repr::Parties(1), 1, false, false),
        (Repr::Parties(2), 3, false, true),
        (Repr::Plain(Plain::String), 0, false, false),
        (Repr::Choice, 0, false, false),
    ];
    for (repr, targets, lookup, parties) in cases {
        let p = plan(repr, targets);
        assert_eq!(needs_lookup_table(&p), lookup, "{repr:?} with {targets}");
        assert_eq!(parties_need_tables(&p), parties, "{repr:?} with {targets}");
    }
}
