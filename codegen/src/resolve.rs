//! Model -> Plan: what each column *is* in the bindings, decided once, between the merge and
//! the emitter: its representation, whether the Web API reads, creates and updates it, and for
//! each lookup target the navigation property a body binds and the target's entity set, each
//! [`Stated`] by the docs or [`Assumed`](Stated::Assumed) by Dataverse's conventions.
//!
//! The emitter spells a plan in Rust; it decides nothing about the wire itself. Everything
//! here is linear in the table: the navigation properties the relationships state are indexed
//! once per table, not searched per lookup target.

use crate::model::{
    Column, ColumnType, Model, Relationship, RelationshipKey, RelationshipKind, Table,
};
use crate::webapi::{self, DateKind, Writable};
use std::collections::BTreeMap;

/// A fact the docs state, or one assumed from Dataverse's conventions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stated<T> {
    Stated(T),
    Assumed(T),
}

impl<T> Stated<T> {
    pub fn value(&self) -> &T {
        match self {
            Stated::Stated(v) | Stated::Assumed(v) => v,
        }
    }

    pub fn is_stated(&self) -> bool {
        matches!(self, Stated::Stated(_))
    }

    fn of(stated: Option<T>, assumed: impl FnOnce() -> T) -> Self {
        match stated {
            Some(v) => Stated::Stated(v),
            None => Stated::Assumed(assumed()),
        }
    }
}

/// How a column's values are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// A plain value of a Rust type of the runtime or the standard library.
    Plain(Plain),
    /// A choice: its own type, or its global choice's.
    Choice,
    /// A multi-select choice: `MultiSelect<choice>`.
    MultiChoice,
    /// A lookup with listed targets: its target enum.
    Lookup,
    /// A lookup with no listed target: an `EntityReference`, read-only.
    OpenLookup,
    /// A PartyList column with a known participation type: its parties.
    Parties(i32),
    /// Exact raw JSON, for what the docs do not type.
    Raw,
}

/// The plain Rust types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plain {
    String,
    I32,
    I64,
    F64,
    Bool,
    Uuid,
    Decimal,
    Date(DateKind),
    ManagedProperty,
}

/// One lookup (or PartyList) target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetPlan {
    pub table: String,
    /// The single-valued navigation property a body binds for this target.
    pub navigation: Stated<String>,
    pub entity_set: Stated<String>,
}

/// Everything the emitter needs to know about one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPlan {
    pub repr: Repr,
    /// Its Web API property when the Web API reads it (`_x_value` for a lookup).
    pub property: Option<String>,
    /// A record field: a property, or the parties of an activity.
    pub field: bool,
    /// A create body may set it.
    pub create: bool,
    /// An update body may set it.
    pub update: bool,
    pub targets: Vec<TargetPlan>,
}

/// Everything the emitter needs to know about one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePlan {
    pub entity_set: Stated<String>,
    /// The collection-valued navigation property of its activity parties.
    pub parties_collection: Stated<String>,
    /// By column logical name.
    pub columns: BTreeMap<String, ColumnPlan>,
    /// The navigation properties on this table's side of its relationships, by relationship.
    pub navigation: BTreeMap<RelationshipKey, NavigationPlan>,
}

/// A navigation property of a table: where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationPlan {
    /// The relationship's schema name, as the docs write it.
    pub relationship: String,
    pub property: String,
    /// The table at the other end (the table itself for a many-to-many with itself).
    pub table: String,
    /// That table's entity set.
    pub entity_set: Stated<String>,
    /// Collection-valued (one-to-many, many-to-many) rather than single-valued.
    pub many: bool,
}

/// The plan of one table of the model.
pub fn table(model: &Model, t: &Table) -> TablePlan {
    let entity_set = stated_set(model, &t.logical_name);
    // The activity parties' collection: from the one-to-many relationship with
    // `activityparty`, else `<table>_activity_parties`.
    let parties = t.relationships.values().find_map(|r| {
        (r.kind == RelationshipKind::OneToMany
            && r.referencing_entity.as_deref() == Some("activityparty"))
        .then(|| r.navigation_property.clone())
        .flatten()
    });
    let parties_collection = Stated::of(parties, || format!("{}_activity_parties", t.logical_name));
    // (lookup column, target) -> navigation property, from the many-to-one relationships.
    let mut navigation: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for r in t.relationships.values() {
        if r.kind != RelationshipKind::ManyToOne {
            continue;
        }
        if let (Some(column), Some(target), Some(nav)) = (
            r.referencing_attribute.as_deref(),
            r.referenced_entity.as_deref(),
            r.navigation_property.as_deref(),
        ) {
            navigation.entry((column, target)).or_insert(nav);
        }
    }
    let columns = t
        .columns
        .iter()
        .map(|(logical, c)| (logical.clone(), column(model, t, c, &navigation)))
        .collect();
    let navigation = t
        .relationships
        .iter()
        .filter_map(|(key, r)| Some((key.clone(), navigation_of(model, t, r)?)))
        .collect();
    TablePlan {
        entity_set,
        parties_collection,
        columns,
        navigation,
    }
}

/// The navigation property a relationship states on this table's side, and where it leads.
fn navigation_of(model: &Model, t: &Table, r: &Relationship) -> Option<NavigationPlan> {
    let property = r.navigation_property.clone()?;
    let other = match r.kind {
        RelationshipKind::ManyToOne => r.referenced_entity.as_deref(),
        RelationshipKind::OneToMany => r.referencing_entity.as_deref(),
        RelationshipKind::ManyToMany => [&r.referenced_entity, &r.referencing_entity]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|e| *e != t.logical_name)
            .or(Some(t.logical_name.as_str())),
    }?;
    Some(NavigationPlan {
        relationship: r.schema_name.clone(),
        property,
        table: other.to_string(),
        entity_set: stated_set(model, other),
        many: r.kind != RelationshipKind::ManyToOne,
    })
}

/// A table's entity set: as its page states it, or Dataverse's default plural.
fn stated_set(model: &Model, table: &str) -> Stated<String> {
    match model.entity_set(table) {
        (set, true) => Stated::Stated(set),
        (set, false) => Stated::Assumed(set),
    }
}

fn column(
    model: &Model,
    t: &Table,
    c: &Column,
    navigation: &BTreeMap<(&str, &str), &str>,
) -> ColumnPlan {
    let repr = repr(c);
    let party = c.ty == Some(ColumnType::PartyList);
    let targets = if c.is_lookup() || party {
        c.targets
            .iter()
            .map(|target| {
                let nav = if party {
                    Stated::Stated(format!("partyid_{target}"))
                } else {
                    let stated = navigation
                        .get(&(c.logical_name.as_str(), target.as_str()))
                        .map(|n| n.to_string());
                    Stated::of(stated, || {
                        // An Owner lookup binds through one navigation property whatever the target.
                        if c.targets.len() == 1 || c.ty == Some(ColumnType::Owner) {
                            c.logical_name.clone()
                        } else {
                            format!("{}_{target}", c.logical_name)
                        }
                    })
                };
                TargetPlan {
                    table: target.clone(),
                    navigation: nav,
                    entity_set: stated_set(model, target),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    // What a body can write: a plain property, a bind or parties (a File column's content is
    // uploaded by its own requests, an open lookup has no navigation property to bind).
    let settable = match repr {
        Repr::OpenLookup => false,
        _ if c.ty == Some(ColumnType::File) => false,
        Repr::Raw => !matches!(c.ty, Some(ColumnType::PartyList | ColumnType::Virtual)),
        _ => true,
    };
    let writable = if settable {
        webapi::writable(t, c)
    } else {
        Writable::Neither
    };
    let property = webapi::property(t, c);
    ColumnPlan {
        field: property.is_some() || matches!(repr, Repr::Parties(_)),
        property,
        create: matches!(writable, Writable::Both | Writable::CreateOnly),
        update: matches!(writable, Writable::Both | Writable::UpdateOnly),
        repr,
        targets,
    }
}

/// A column's representation, from what the docs state of it. A column whose Type no page
/// states is a lookup when it has Targets and a choice when it has options (extension pages
/// state only what they change).
pub fn repr(c: &Column) -> Repr {
    if c.ty == Some(ColumnType::PartyList) {
        return match crate::model::participation_type_mask(&c.logical_name) {
            Some(mask) => Repr::Parties(mask),
            None => Repr::Raw,
        };
    }
    if c.is_lookup() {
        return if c.targets.is_empty() {
            Repr::OpenLookup
        } else {
            Repr::Lookup
        };
    }
    if c.is_choice() {
        return match c.ty {
            Some(ColumnType::MultiSelectPicklist) => Repr::MultiChoice,
            _ => Repr::Choice,
        };
    }
    Repr::Plain(match &c.ty {
        Some(ColumnType::String | ColumnType::Memo | ColumnType::EntityName) => Plain::String,
        Some(ColumnType::Integer) => Plain::I32,
        Some(ColumnType::BigInt) => Plain::I64,
        Some(ColumnType::Double) => Plain::F64,
        Some(ColumnType::Boolean) => Plain::Bool,
        Some(ColumnType::Uniqueidentifier) => Plain::Uuid,
        Some(ColumnType::Decimal | ColumnType::Money) => Plain::Decimal,
        Some(ColumnType::DateTime) => Plain::Date(webapi::date_kind(c)),
        // Edm.Binary: the Web API sends the image as base64 text.
        Some(ColumnType::Image) => Plain::String,
        // The id of the stored file; its bytes come from the column's `$value` endpoint.
        Some(ColumnType::File) => Plain::Uuid,
        Some(ColumnType::ManagedProperty) => Plain::ManagedProperty,
        _ => return Repr::Raw,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each navigation property leads to the table at the other end, single-valued only from
    /// a many-to-one; a many-to-many with the table itself leads to the table; a relationship
    /// that states no navigation property gives none.
    #[test]
    fn navigation_properties_lead_to_the_other_end() {
        let rel = |name: &str, kind, from: &str, to: &str, nav: Option<&str>| Relationship {
            schema_name: name.into(),
            kind,
            referenced_entity: Some(from.into()),
            referenced_attribute: None,
            referencing_entity: Some(to.into()),
            referencing_attribute: None,
            intersect_entity: None,
            cascade: None,
            navigation_property: nav.map(Into::into),
            associated_menu: BTreeMap::new(),
            origins: Default::default(),
            at: None,
        };
        let mut t = Table {
            logical_name: "sample_a".into(),
            ..Table::default()
        };
        let mut model = Model::default();
        let other = Table {
            logical_name: "sample_city".into(),
            entity_set_name: Some("sample_towns".into()),
            ..Table::default()
        };
        model.tables.insert(other.logical_name.clone(), other);
        use RelationshipKind::*;
        for r in [
            rel("m1", ManyToOne, "sample_city", "sample_a", Some("m1_nav")),
            rel("o1", OneToMany, "sample_a", "sample_party", Some("o1_nav")),
            rel("mm", ManyToMany, "sample_a", "sample_a", Some("mm_nav")),
            rel(
                "mm2",
                ManyToMany,
                "sample_city",
                "sample_a",
                Some("mm2_nav"),
            ),
            rel("none", OneToMany, "sample_a", "sample_city", None),
        ] {
            t.relationships.insert((r.schema_name.clone(), r.kind), r);
        }
        let plan = table(&model, &t);
        let nav = |name: &str, kind| plan.navigation.get(&(name.to_string(), kind));
        let m1 = nav("m1", ManyToOne).expect("m1");
        assert_eq!(
            (m1.property.as_str(), m1.table.as_str(), m1.many),
            ("m1_nav", "sample_city", false)
        );
        assert_eq!(m1.entity_set, Stated::Stated("sample_towns".to_string()));
        assert_eq!(m1.relationship, "m1");
        let o1 = nav("o1", OneToMany).expect("o1");
        assert_eq!((o1.table.as_str(), o1.many), ("sample_party", true));
        assert_eq!(o1.entity_set, Stated::Assumed("sample_parties".to_string()));
        let mm = nav("mm", ManyToMany).expect("mm");
        assert_eq!((mm.table.as_str(), mm.many), ("sample_a", true));
        assert_eq!(
            nav("mm2", ManyToMany).map(|n| n.table.as_str()),
            Some("sample_city")
        );
        assert!(nav("none", OneToMany).is_none());
        assert_eq!(plan.navigation.len(), 4);
    }

    /// A lookup with no listed target reads as an `EntityReference` and cannot be written (no
    /// navigation property to bind); a File column's content has its own requests.
    #[test]
    fn open_lookups_and_files_are_read_only() {
        let col = |name: &str, ty| Column {
            logical_name: name.into(),
            ty: Some(ty),
            ..Column::default()
        };
        let mut t = Table {
            logical_name: "sample_a".into(),
            ..Table::default()
        };
        for c in [
            col("opened", ColumnType::Lookup),
            col("doc", ColumnType::File),
            col("name", ColumnType::String),
        ] {
            t.columns.insert(c.logical_name.clone(), c);
        }
        let plan = table(&Model::default(), &t);
        let open = &plan.columns["opened"];
        assert_eq!(open.repr, Repr::OpenLookup);
        assert_eq!(open.property.as_deref(), Some("_opened_value"));
        assert!(!open.create && !open.update && open.field);
        let file = &plan.columns["doc"];
        assert_eq!(file.repr, Repr::Plain(Plain::Uuid));
        assert!(!file.create && !file.update);
        let name = &plan.columns["name"];
        assert!(name.create && name.update && name.field);
        assert_eq!(plan.entity_set, Stated::Assumed("sample_as".to_string()));
        let parties = "sample_a_activity_parties".to_string();
        assert_eq!(plan.parties_collection, Stated::Assumed(parties));
    }
}
