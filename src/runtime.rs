//! Hand-written support the generated code builds on.

pub use serde;
pub use serde_json;
pub use uuid::Uuid;

/// A choice (option set) value: a known variant or an unknown integer.
pub trait Choice: Copy {
    /// The integer Dataverse stores.
    fn value(self) -> i32;
    /// The variant for an integer; unlisted integers become the `Unknown` variant.
    fn from_value(value: i32) -> Self;
}

/// Serde helpers for choices: they travel as plain integers.
pub mod choice {
    use super::Choice;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<C: Choice, S: Serializer>(c: C, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(c.value())
    }

    pub fn deserialize<'de, C: Choice, D: Deserializer<'de>>(d: D) -> Result<C, D::Error> {
        i32::deserialize(d).map(C::from_value)
    }
}

/// A multi-select choice column: the Web API sends it as a comma-separated string (`"1,3"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MultiSelect<C>(pub Vec<C>);

impl<C: Choice> serde::Serialize for MultiSelect<C> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(|c| c.value().to_string()).collect();
        s.serialize_str(&text.join(","))
    }
}

impl<'de, C: Choice> serde::Deserialize<'de> for MultiSelect<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<i32>()
                    .map(C::from_value)
                    .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a choice value")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(MultiSelect)
    }
}

/// A reference to a row of a table the docs do not name (or did not say).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntityReference {
    /// From the `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation, when present.
    pub logical_name: Option<String>,
    pub id: Uuid,
}

/// Which side of a relationship the table is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationshipKind {
    OneToMany,
    ManyToOne,
    ManyToMany,
}

/// Dataverse's `CascadeType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CascadeType {
    Cascade,
    NoCascade,
    Active,
    UserOwned,
    RemoveLink,
    Restrict,
}

/// What happens to related rows on each operation; `None` where the docs do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CascadeConfiguration {
    pub archive: Option<CascadeType>,
    pub assign: Option<CascadeType>,
    pub delete: Option<CascadeType>,
    pub merge: Option<CascadeType>,
    pub reparent: Option<CascadeType>,
    pub rollup_view: Option<CascadeType>,
    pub share: Option<CascadeType>,
    pub unshare: Option<CascadeType>,
}

/// A relationship as the docs describe it; `None` where they do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Relationship {
    pub schema_name: &'static str,
    pub kind: RelationshipKind,
    pub referenced_entity: Option<&'static str>,
    pub referenced_attribute: Option<&'static str>,
    pub referencing_entity: Option<&'static str>,
    pub referencing_attribute: Option<&'static str>,
    pub intersect_entity: Option<&'static str>,
    /// The navigation property on this table's side.
    pub navigation_property: Option<&'static str>,
    pub cascade: Option<CascadeConfiguration>,
}
