//! `Schema::of`: what the report compares, from a merged model.

use super::*;

#[test]
fn a_relationship_with_itself_is_keyed_and_named_by_side() {
    use crate::model::{Model, Relationship, RelationshipKind, Table};
    let rel = |schema: &str, kind| Relationship {
        schema_name: schema.into(),
        kind,
        referenced_entity: Some("widget".into()),
        referenced_attribute: None,
        referencing_entity: Some("widget".into()),
        referencing_attribute: None,
        intersect_entity: None,
        cascade: None,
        navigation_property: None,
        associated_menu: BTreeMap::new(),
        origins: Default::default(),
        at: None,
    };
    let mut table = Table {
        logical_name: "widget".into(),
        ..Table::default()
    };
    for (schema, kind) in [
        ("widget_parent", RelationshipKind::OneToMany),
        ("widget_parent", RelationshipKind::ManyToOne),
        ("widget_owner", RelationshipKind::ManyToOne),
    ] {
        table
            .relationships
            .insert((schema.into(), kind), rel(schema, kind));
    }
    let mut model = Model::default();
    model.tables.insert("widget".into(), table);
    let s = Schema::of(&model);
    let rels = &s.tables["widget"].relationships;
    let keys: Vec<&str> = rels.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "widget_owner:many_to_one",
            "widget_parent:many_to_one",
            "widget_parent:one_to_many"
        ]
    );
    assert!(!rels["widget_owner:many_to_one"].both_sides);
    assert!(rels["widget_parent:many_to_one"].both_sides);
    assert!(rels["widget_parent:one_to_many"].both_sides);
    assert!(!s.tables["widget"].entity_set_stated);
    assert_eq!(s.tables["widget"].entity_set, "widgets");
}
