//! Relationship blocks -> [`Relationship`]. Three forms state the same keys, and
//! [`crate::parse`] reads them into one [`crate::parse::PropertyList`]:
//!
//! - a property table (`|ReferencingAttribute|createdby|`, 2019 and later), with
//!   `Key: value<br />…` cells for `CascadeConfiguration` and `AssociatedMenuConfiguration`;
//! - the 2017/2018 line form: a `Same as <table> entity [x](x.md#BKMK_x) Many-To-One
//!   relationship.` sentence, then `**Key**: value<br />` lines, and for the two configurations
//!   a `**CascadeConfiguration**:` line followed by bullets `- **Assign**: NoCascade`;
//! - a sentence alone (`See systemuser Entity [x](systemuser.md#BKMK_x) One-To-Many
//!   relationship.`), which names only the table on the other side
//!   ([`crate::parse::Item::linked_table`]).

use super::*;
use crate::parse::{Item, Part, RelationshipSection, SubValue};

impl Cx<'_> {
    pub(super) fn relationship(
        &mut self,
        table: &str,
        kind: RelationshipSection,
        item: &Item<'_>,
        source: &Source,
    ) -> Relationship {
        let kind = match kind {
            RelationshipSection::OneToMany => RelationshipKind::OneToMany,
            RelationshipSection::ManyToOne => RelationshipKind::ManyToOne,
            RelationshipSection::ManyToMany => RelationshipKind::ManyToMany,
        };
        let title = item.heading.title;
        let mut rel = Relationship {
            schema_name: title.to_string(),
            kind,
            referenced_entity: None,
            referenced_attribute: None,
            referencing_entity: None,
            referencing_attribute: None,
            intersect_entity: None,
            cascade: None,
            navigation_property: None,
            associated_menu: BTreeMap::new(),
            origins: [source.clone()].into(),
            at: Some(self.file.loc(item.heading.span.start)),
        };
        let crumbs = [table, "relationship", title];
        self.short_rows(&item.props, &crumbs);
        for p in &item.props.entries {
            let crumbs = [table, "relationship", title, p.key.as_str()];
            let v = value(p);
            match p.key.as_str() {
                "SchemaName" => {
                    if let Some(v) = v {
                        rel.schema_name = v;
                    }
                }
                // Logical names, compared case-insensitively like the table's own.
                "ReferencedEntity" => rel.referenced_entity = v.map(lowercase),
                "ReferencedAttribute" => rel.referenced_attribute = v.map(lowercase),
                "ReferencingEntity" => rel.referencing_entity = v.map(lowercase),
                "ReferencingAttribute" => rel.referencing_attribute = v.map(lowercase),
                "IntersectEntityName" => rel.intersect_entity = v.map(lowercase),
                // Each block describes this table's side; 2024 Sales pages write
                // `ReferencedEntityNavigationPropertyName` where `Referencing…` is meant.
                "ReferencingEntityNavigationPropertyName"
                | "ReferencedEntityNavigationPropertyName"
                | "NavigationPropertyName" => {
                    rel.navigation_property = v.or(rel.navigation_property.take())
                }
                key @ ("CascadeConfiguration" | "AssociatedMenuConfiguration") => {
                    // The `<br />`-separated parts of the cell, or (line form) the bullets
                    // under the `**CascadeConfiguration**:` line. A part with no colon is an
                    // error in a cascade configuration (reported before the pairs are read)
                    // and skipped elsewhere.
                    let parts = p.parts();
                    let pairs = parts.iter().filter_map(|part| match part {
                        SubValue::Pair(pair) => Some(pair),
                        SubValue::Text { .. } => None,
                    });
                    if key == "CascadeConfiguration" {
                        for part in &parts {
                            if let SubValue::Text { text, at } = part {
                                self.error(
                                    *at,
                                    format!("`{text}` is not `Key: CascadeType`"),
                                    &crumbs,
                                );
                            }
                        }
                        rel.cascade = self.cascade(pairs, &crumbs);
                    } else {
                        for part in pairs {
                            if let Some(value) = part.value.value() {
                                rel.associated_menu
                                    .insert(part.key.to_string(), value.to_string());
                            }
                        }
                    }
                }
                key if KNOWN_RELATIONSHIP_PROPERTIES.contains(&key) => {}
                key => self.warn(
                    p.at,
                    format!("unknown relationship property `{key}`: skipped"),
                    &crumbs,
                ),
            }
        }
        // The sentence ("See the [x](other.md#BKMK_x) one-to-many relationship for the
        // [other](other.md) table/entity.", "Same as other entity [x](other.md#BKMK_x)
        // Many-To-One relationship.") names the other table by its page, for blocks that do
        // not state it.
        let other = || item.linked_table.clone();
        match kind {
            RelationshipKind::ManyToOne => {
                if rel.referenced_entity.is_none() {
                    rel.referenced_entity = other();
                }
                rel.referencing_entity
                    .get_or_insert_with(|| table.to_string());
            }
            RelationshipKind::OneToMany => {
                if rel.referencing_entity.is_none() {
                    rel.referencing_entity = other();
                }
                rel.referenced_entity
                    .get_or_insert_with(|| table.to_string());
            }
            RelationshipKind::ManyToMany => {}
        }
        rel
    }

    fn cascade<'p>(
        &mut self,
        parts: impl IntoIterator<Item = &'p Part<'p>>,
        crumbs: &[&str],
    ) -> Option<CascadeConfiguration> {
        let mut config = CascadeConfiguration::default();
        let mut any = false;
        for part in parts {
            let (key, at) = (part.key, part.at);
            let word = part.value.text();
            let crumb = format!("{}.{key}", crumbs.last().unwrap_or(&""));
            let mut crumbs = crumbs.to_vec();
            crumbs.pop();
            crumbs.push(&crumb);
            let Some(slot) = config.field_mut(key) else {
                self.warn(
                    at,
                    format!("unknown cascade key `{key}`: expected Archive, Assign, Delete, Merge, Reparent, RollupView, Share or Unshare"),
                    &crumbs,
                );
                continue;
            };
            match CascadeType::parse(word) {
                Some(c) => {
                    *slot = Some(c);
                    any = true;
                }
                None => self.error(
                    part.value_at,
                    format!("unknown cascade value `{word}`: expected Cascade, NoCascade, Active, UserOwned, RemoveLink or Restrict"),
                    &crumbs,
                ),
            }
        }
        any.then_some(config)
    }
}

const KNOWN_RELATIONSHIP_PROPERTIES: &[&str] = &[
    "IsHierarchical",
    "IsCustomizable",
    "IsRelationshipAttributeDenormalized",
    "DenormalizedAttributeName",
    "EntityKey",
    "IsDenormalizedLookup",
    "RelationshipType",
    "SecurityTypes",
    "IsValidForAdvancedFind",
    "Entity1LogicalName",
    "Entity2LogicalName",
    "Entity1IntersectAttribute",
    "Entity2IntersectAttribute",
    "Entity1NavigationPropertyName",
    "Entity2NavigationPropertyName",
    "IntersectAttribute",
    // The solution that added a relationship (2023-24 pages), a note rather than a property.
    "Added by",
];
