//! Relationship metadata as the docs describe it: kinds, cascade configurations.

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
