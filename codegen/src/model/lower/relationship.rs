//! Relationship blocks -> [`Relationship`]. Three forms state the same keys:
//!
//! - a property table (`|ReferencingAttribute|createdby|`, 2019 and later), with
//!   `Key: value<br />…` cells for `CascadeConfiguration` and `AssociatedMenuConfiguration`;
//! - the 2017/2018 line form: a `Same as <table> entity [x](x.md#BKMK_x) Many-To-One
//!   relationship.` sentence, then `**Key**: value<br />` lines, and for the two configurations
//!   a `**CascadeConfiguration**:` line followed by bullets `- **Assign**: NoCascade`;
//! - a sentence alone (`See systemuser Entity [x](systemuser.md#BKMK_x) One-To-Many
//!   relationship.`), which names only the table on the other side.

use super::*;

/// One `Key: value` sub-value of a configuration: a part of a `<br />`-separated cell or one
/// bullet under a `**Key**:` line. `at` is where the part starts, `value_at` its value.
#[derive(Clone, Copy)]
struct Part<'a> {
    key: &'a str,
    value: &'a str,
    at: usize,
    value_at: usize,
}

/// The keys whose value is a list of sub-values.
const CONFIGURATIONS: [&str; 2] = ["CascadeConfiguration", "AssociatedMenuConfiguration"];

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
        let props = self.props(item.table.as_ref(), &item.blocks, &crumbs);
        let bullets = if item.table.is_none() {
            bullets_by_key(&item.blocks)
        } else {
            Vec::new()
        };
        for p in &props {
            let crumbs = [table, "relationship", title, p.key.as_str()];
            let v = p.value();
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
                    let cascade = key == "CascadeConfiguration";
                    let mut parts = self.cell_parts(p, cascade, &crumbs);
                    // The line form: `**CascadeConfiguration**:` with the bullets under it.
                    if let Some((_, list)) = bullets.iter().find(|(k, _)| *k == key) {
                        parts.extend(list.iter().copied());
                    }
                    if cascade {
                        rel.cascade = self.cascade(&parts, &crumbs);
                    } else {
                        for part in parts {
                            if let Some(value) = CellValue::of(part.value).into_option() {
                                rel.associated_menu.insert(part.key.to_string(), value);
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
        let other = || {
            item.blocks
                .iter()
                .filter(|b| b.raw.starts_with("See ") || b.raw.starts_with("Same as "))
                .find_map(|b| linked_page(b.raw))
        };
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

    /// The `Key: value` parts of a `<br />`-separated cell (blank parts dropped). A part with no
    /// colon is an error in a cascade configuration and skipped elsewhere.
    fn cell_parts<'a>(&mut self, p: &Prop<'a>, cascade: bool, crumbs: &[&str]) -> Vec<Part<'a>> {
        let mut parts = Vec::new();
        for (offset, part) in cell::split_br(p.raw) {
            let at = p.at + offset;
            if part.trim().is_empty() {
                continue;
            }
            match cell::key_value(part) {
                Some((key, value)) => parts.push(Part {
                    key,
                    value,
                    at,
                    value_at: at + part.find(value).unwrap_or(0),
                }),
                None if cascade => {
                    self.error(at, format!("`{part}` is not `Key: CascadeType`"), crumbs)
                }
                None => {}
            }
        }
        parts
    }

    fn cascade(&mut self, parts: &[Part<'_>], crumbs: &[&str]) -> Option<CascadeConfiguration> {
        let mut config = CascadeConfiguration::default();
        let mut any = false;
        for part in parts {
            let (key, at) = (part.key, part.at);
            let word = cell::plain(part.value);
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
            match CascadeType::parse(&word) {
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

/// The 2017/2018 line form's bullets, by the `**Key**:` line they follow: a paragraph whose last
/// line is `**CascadeConfiguration**:` (no value) opens a list, and each following list item
/// `- **Assign**: NoCascade` is one part of it, up to the next paragraph.
fn bullets_by_key<'a>(blocks: &[Block<'a>]) -> Vec<(&'a str, Vec<Part<'a>>)> {
    let mut lists: Vec<(&'a str, Vec<Part<'a>>)> = Vec::new();
    let mut open = false;
    for b in blocks {
        match b.kind {
            BlockKind::Paragraph => {
                let last = b.raw.lines().next_back().and_then(cell::bold_key_line);
                open = match last {
                    Some((key, "")) if CONFIGURATIONS.contains(&key) => {
                        lists.push((key, Vec::new()));
                        true
                    }
                    _ => false,
                };
            }
            BlockKind::ListItem if open => {
                let Some((_, list)) = lists.last_mut() else {
                    continue;
                };
                let text = b.raw.trim_start();
                let marker = ["- ", "* ", "+ "]
                    .iter()
                    .find_map(|m| text.strip_prefix(m))
                    .unwrap_or(text);
                let start = b.span.start + (b.raw.len() - marker.len());
                if let Some((key, value)) = cell::bold_key_line(marker) {
                    let value_at = start + value.as_ptr() as usize - marker.as_ptr() as usize;
                    list.push(Part {
                        key,
                        value,
                        at: start,
                        value_at,
                    });
                }
            }
            _ => open = false,
        }
    }
    lists
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
