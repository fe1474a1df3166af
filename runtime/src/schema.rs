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

/// The actions a cascade configuration covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Archive,
    Assign,
    Delete,
    Merge,
    Reparent,
    RollupView,
    Share,
    Unshare,
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

impl Relationship {
    /// A relationship of this kind with this schema name, its other facts not stated yet: add
    /// them with the `const` builder methods below (what generated code does).
    pub const fn new(kind: RelationshipKind, schema_name: &'static str) -> Self {
        Relationship {
            schema_name,
            kind,
            referenced_entity: None,
            referenced_attribute: None,
            referencing_entity: None,
            referencing_attribute: None,
            intersect_entity: None,
            navigation_property: None,
            cascade: None,
        }
    }

    /// The referenced (one) side: its table and the column the lookup points at.
    pub const fn referenced(mut self, entity: &'static str, attribute: &'static str) -> Self {
        self.referenced_entity = Some(entity);
        self.referenced_attribute = Some(attribute);
        self
    }

    /// The referencing (many) side: its table and its lookup column.
    pub const fn referencing(mut self, entity: &'static str, attribute: &'static str) -> Self {
        self.referencing_entity = Some(entity);
        self.referencing_attribute = Some(attribute);
        self
    }

    /// Only the referenced table (the docs do not name the column).
    pub const fn referenced_entity(mut self, entity: &'static str) -> Self {
        self.referenced_entity = Some(entity);
        self
    }

    /// Only the referenced column (the docs do not name the table).
    pub const fn referenced_attribute(mut self, attribute: &'static str) -> Self {
        self.referenced_attribute = Some(attribute);
        self
    }

    /// Only the referencing table (the docs do not name the column).
    pub const fn referencing_entity(mut self, entity: &'static str) -> Self {
        self.referencing_entity = Some(entity);
        self
    }

    /// Only the referencing column (the docs do not name the table).
    pub const fn referencing_attribute(mut self, attribute: &'static str) -> Self {
        self.referencing_attribute = Some(attribute);
        self
    }

    /// A many-to-many relationship's intersect table.
    pub const fn intersect(mut self, entity: &'static str) -> Self {
        self.intersect_entity = Some(entity);
        self
    }

    /// The navigation property on this table's side.
    pub const fn navigation(mut self, property: &'static str) -> Self {
        self.navigation_property = Some(property);
        self
    }

    /// The cascade configuration (often one of [`cascade`]'s presets).
    pub const fn cascade(mut self, cascade: CascadeConfiguration) -> Self {
        self.cascade = Some(cascade);
        self
    }
}

impl CascadeConfiguration {
    /// Every action with the same cascade type.
    pub const fn all(t: CascadeType) -> Self {
        CascadeConfiguration {
            archive: Some(t),
            assign: Some(t),
            delete: Some(t),
            merge: Some(t),
            reparent: Some(t),
            rollup_view: Some(t),
            share: Some(t),
            unshare: Some(t),
        }
    }

    /// One action's cascade type changed (`"delete"`, ...): how generated code states a
    /// configuration that differs from a preset in a field or two.
    pub const fn with(mut self, action: Action, t: Option<CascadeType>) -> Self {
        match action {
            Action::Archive => self.archive = t,
            Action::Assign => self.assign = t,
            Action::Delete => self.delete = t,
            Action::Merge => self.merge = t,
            Action::Reparent => self.reparent = t,
            Action::RollupView => self.rollup_view = t,
            Action::Share => self.share = t,
            Action::Unshare => self.unshare = t,
        }
        self
    }

    /// As pages written before the Archive and RollupView actions existed state it: those two
    /// not stated.
    pub const fn legacy(mut self) -> Self {
        self.archive = None;
        self.rollup_view = None;
        self
    }
}

/// The cascade configurations the docs state most often, by what they do; a relationship whose
/// configuration is none of these states it in full.
pub mod cascade {
    use super::CascadeConfiguration as C;
    use super::CascadeType::{Cascade, NoCascade, RemoveLink, Restrict};

    const fn with(delete: super::CascadeType) -> C {
        let mut c = C::all(NoCascade);
        c.delete = Some(delete);
        c
    }

    const fn ownership(merge: super::CascadeType) -> C {
        let mut c = C::all(Cascade);
        c.archive = Some(NoCascade);
        c.rollup_view = Some(NoCascade);
        c.merge = Some(merge);
        c
    }

    /// Nothing cascades.
    pub const NO_CASCADE: C = C::all(NoCascade);
    /// Deleting the parent deletes the related rows; nothing else cascades.
    pub const CASCADE_DELETE: C = with(Cascade);
    /// Deleting the parent clears the related rows' lookup; nothing cascades.
    pub const REMOVE_LINK: C = with(RemoveLink);
    /// The parent cannot be deleted while related rows exist; nothing cascades.
    pub const RESTRICT_DELETE: C = with(Restrict);
    /// Assign, delete, reparent, share and unshare cascade; merge, archive and rollup view do
    /// not (a parental relationship).
    pub const PARENTAL: C = ownership(NoCascade);
    /// Assign, delete, merge, reparent, share and unshare cascade; archive and rollup view do not.
    pub const PARENTAL_MERGE: C = ownership(Cascade);

    /// Every preset with its name, for the generator and for tests.
    pub const PRESETS: &[(&str, C)] = &[
        ("NO_CASCADE", NO_CASCADE),
        ("CASCADE_DELETE", CASCADE_DELETE),
        ("REMOVE_LINK", REMOVE_LINK),
        ("RESTRICT_DELETE", RESTRICT_DELETE),
        ("PARENTAL", PARENTAL),
        ("PARENTAL_MERGE", PARENTAL_MERGE),
    ];
}

impl Relationship {
    /// A one-to-many relationship (this table is the referenced, "one" side); name it with
    /// [`Relationship::schema_name`].
    pub const fn one_to_many() -> Self {
        Self::new(RelationshipKind::OneToMany, "")
    }

    /// A many-to-one relationship (this table holds the lookup).
    pub const fn many_to_one() -> Self {
        Self::new(RelationshipKind::ManyToOne, "")
    }

    /// A many-to-many relationship.
    pub const fn many_to_many() -> Self {
        Self::new(RelationshipKind::ManyToMany, "")
    }

    /// Its schema name.
    pub const fn schema_name(mut self, schema_name: &'static str) -> Self {
        self.schema_name = schema_name;
        self
    }
}
