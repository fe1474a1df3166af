//! What a docs update changes: two merged models compared, every change classified.
//!
//! ```text
//! Model --Schema::of--> Schema ┐
//! Model --Schema::of--> Schema ┴--compare--> Report --render::{text, markdown, github, json}
//! ```
//!
//! A [`Schema`] is the part of a model a change report needs (types, writability, choices,
//! targets, relationships, prose, and where each fact is stated), serializable so `generate` can
//! keep the schema of the output it wrote and compare the next run against it.
//!
//! Every change is classified as buf separates source from wire compatibility, on three axes:
//! [`Axis::Api`] (does code written against the old bindings still compile?), [`Axis::Wire`]
//! (do its requests and responses still work?), [`Axis::Behaviour`] (same code, different effect
//! on data), with a [`Level`]: `error` breaks, `warning` may break (the docs lack what is needed
//! to decide), `info` is additive, `doc` is prose only. The rules are in `classify`, one
//! function per kind, each with its reason.

pub mod allow;
mod classify;
mod compare;
pub mod render;
pub mod schema;
pub mod version;

pub use compare::compare;
pub use schema::Schema;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// How much a change breaks, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Prose only (descriptions, display names): hidden unless asked for.
    Doc,
    /// Additive: nothing written against the old bindings breaks.
    Info,
    /// May break: the docs do not say enough to decide.
    Warning,
    /// Breaks code, requests or data written against the old bindings.
    Error,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Error, Level::Warning, Level::Info, Level::Doc];

    pub fn word(self) -> &'static str {
        match self {
            Level::Doc => "doc",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// `1 error`, `2 warnings`, `3 info`, `1 doc`.
    pub fn counted(self, n: usize) -> String {
        match (self, n) {
            (Level::Error | Level::Warning, 1) | (Level::Info | Level::Doc, _) => {
                format!("{n} {self}")
            }
            (Level::Error | Level::Warning, _) => format!("{n} {self}s"),
        }
    }

    /// Parses `error`, `warning`, `info` or `doc`.
    pub fn parse(word: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.word() == word)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// What a change touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// The generated Rust API: does user code still compile?
    Api,
    /// The Web API: do requests and responses of the old bindings still work?
    Wire,
    /// The same code has a different effect on data.
    Behaviour,
}

impl Axis {
    pub fn word(self) -> &'static str {
        match self {
            Axis::Api => "api",
            Axis::Wire => "wire",
            Axis::Behaviour => "behaviour",
        }
    }
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $word:literal,)*) => {
        /// A kind of change, named as in the JSON report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind { $($(#[$doc])* $variant,)* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            pub fn word(self) -> &'static str {
                match self { $(Kind::$variant => $word,)* }
            }
        }
    };
}

kinds! {
    TableAdded = "table_added",
    TableRemoved = "table_removed",
    /// The table's entity set name (its URL segment) changed.
    EntitySetChanged = "entity_set_changed",
    ColumnAdded = "column_added",
    ColumnRemoved = "column_removed",
    ColumnTypeChanged = "column_type_changed",
    /// A Date and Time column's behaviour (User local, Date only, Time zone independent).
    DateBehaviorChanged = "date_behavior_changed",
    /// Which of read, create and update a column is valid for.
    ColumnWritabilityChanged = "column_writability_changed",
    RequiredLevelChanged = "required_level_changed",
    MaxLengthChanged = "max_length_changed",
    ChoiceValueAdded = "choice_value_added",
    ChoiceValueRemoved = "choice_value_removed",
    /// Same value, new label.
    ChoiceValueRelabelled = "choice_value_relabelled",
    /// Same label, new value: the item is `<column>:<label>`.
    ChoiceValueRenumbered = "choice_value_renumbered",
    LookupTargetAdded = "lookup_target_added",
    LookupTargetRemoved = "lookup_target_removed",
    RelationshipAdded = "relationship_added",
    RelationshipRemoved = "relationship_removed",
    /// The navigation property on this table's side of a relationship.
    NavigationPropertyChanged = "navigation_property_changed",
    CascadeChanged = "cascade_changed",
    DescriptionChanged = "description_changed",
    DisplayNameChanged = "display_name_changed",
    /// An identifier the names lockfile records could not be kept (`generate` only).
    NameChanged = "name_changed",
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// One change between two schemas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The table's logical name.
    pub table: String,
    pub kind: Kind,
    /// What in the table changed: `None` for the table itself, a column logical name,
    /// `<column>:<value>` for a choice value (`<column>:<label>` when renumbered),
    /// `<column>:<target>` for a lookup target, a relationship's schema name.
    pub item: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub level: Level,
    pub axes: Vec<Axis>,
    /// The product whose page states the item (the new side's, else the old side's).
    pub layer: Option<String>,
    /// `file:line:col` of the item on each side, when it exists there.
    pub old_loc: Option<String>,
    pub new_loc: Option<String>,
    /// Stable across runs, machines and page orders: see [`fingerprint`].
    pub fingerprint: String,
    /// Why the level, in one sentence (not part of the fingerprint).
    pub why: String,
    /// The allow file's reason, when it accepts this change ([`allow`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<String>,
}

impl Change {
    /// `table` or `table.item`, for people.
    pub fn subject(&self) -> String {
        match &self.item {
            Some(item) => format!("{}.{item}", self.table),
            None => self.table.clone(),
        }
    }
}

/// A change's fingerprint: the first 16 hex digits of the SHA-256 of its kind, table, item, old
/// and new values (each length-prefixed, so no two tuples hash alike by concatenation). Nothing
/// else goes in: not the locations, layer, level or wording, which move without the change
/// being another one.
pub fn fingerprint(
    kind: Kind,
    table: &str,
    item: Option<&str>,
    old: Option<&str>,
    new: Option<&str>,
) -> String {
    let mut hash = Sha256::new();
    let mut field = |s: Option<&str>| match s {
        Some(s) => {
            hash.update((s.len() as u64 + 1).to_be_bytes());
            hash.update(s.as_bytes());
        }
        None => hash.update(0u64.to_be_bytes()),
    };
    for part in [Some(kind.word()), Some(table), item, old, new] {
        field(part);
    }
    hex16(&hash.finalize())
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub(crate) fn fingerprint_hex(bytes: &[u8]) -> String {
    hex16(&Sha256::digest(bytes))
}

fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A `name_changed` finding per recorded identifier `generate` could not keep
/// ([`crate::names::LostName`]): the table is the item's table (`global:<choice>` for a global
/// choice), the item its lock key below that and its role (`etag field`), old and new the names.
pub fn lost_names(lost: &[crate::names::LostName]) -> Vec<Change> {
    lost.iter()
        .map(|l| {
            let key = l.key.to_string();
            let table = match (l.key.table(), l.key.global()) {
                (Some(table), _) => table.to_string(),
                (None, Some(choice)) => format!("global:{choice}"),
                (None, None) => key.clone(),
            };
            // The key below the table (`etag`, `account_parent:one_to_many`, `5`), and the role.
            let below = key
                .strip_prefix(table.as_str())
                .unwrap_or(&key)
                .trim_start_matches(['.', '/', '=']);
            let item = if below.is_empty() {
                l.role.to_string()
            } else {
                format!("{below} {}", l.role)
            };
            let class = classify::name_changed();
            let (old, new) = (Some(l.recorded.as_str()), l.instead.as_deref());
            Change {
                fingerprint: fingerprint(Kind::NameChanged, &table, Some(&item), old, new),
                table,
                kind: Kind::NameChanged,
                item: Some(item),
                old: old.map(str::to_string),
                new: new.map(str::to_string),
                level: class.level,
                axes: class.axes,
                layer: None,
                old_loc: None,
                new_loc: None,
                why: l.why.clone(),
                allowed: None,
            }
        })
        .collect()
}

/// The version bump a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// No change at all.
    None,
    /// Prose only.
    Patch,
    /// Additions, and changes that may break (`warning`).
    Minor,
    /// Something breaks (`error`).
    Major,
}

impl Bump {
    pub fn of(changes: &[Change]) -> Bump {
        changes
            .iter()
            .map(|c| match c.level {
                Level::Error => Bump::Major,
                Level::Warning | Level::Info => Bump::Minor,
                Level::Doc => Bump::Patch,
            })
            .max()
            .unwrap_or(Bump::None)
    }

    pub fn word(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// Every change between two schemas, in report order, and the bump they need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub semver: Bump,
}

impl Report {
    /// A report of `changes`, put in report order: level (errors first), table, item, kind,
    /// fingerprint. Every key comes from the schemas, none from page order.
    pub fn new(mut changes: Vec<Change>) -> Report {
        changes.sort_by(|a, b| {
            b.level.cmp(&a.level).then_with(|| {
                (&a.table, &a.item, a.kind, &a.fingerprint).cmp(&(
                    &b.table,
                    &b.item,
                    b.kind,
                    &b.fingerprint,
                ))
            })
        });
        let semver = Bump::of(&changes);
        Report { changes, semver }
    }

    /// How many changes of each level, in [`Level::ALL`] order.
    pub fn counts(&self) -> [(Level, usize); 4] {
        Level::ALL.map(|l| (l, self.changes.iter().filter(|c| c.level == l).count()))
    }

    /// The highest level of a change the allow file does not accept, `None` when there is none.
    pub fn highest(&self) -> Option<Level> {
        self.changes
            .iter()
            .filter(|c| c.allowed.is_none())
            .map(|c| c.level)
            .max()
    }

    /// The one-line summary `generate` prints: `schema changes: 1 error, 0 warnings, 2 info,
    /// 1 doc (semver: major)`, or `schema changes: none`.
    pub fn summary_line(&self) -> String {
        if self.changes.is_empty() {
            return "schema changes: none".to_string();
        }
        let counts: Vec<String> = self
            .counts()
            .iter()
            .map(|(level, n)| level.counted(*n))
            .collect();
        format!(
            "schema changes: {} (semver: {})",
            counts.join(", "),
            self.semver.word()
        )
    }
}

#[cfg(test)]
mod tests;
