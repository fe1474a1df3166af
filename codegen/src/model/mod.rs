//! The Dataverse model: tables, columns, choices, relationships. No markdown in here.
//!
//! A [`Table`] is a bag of facts: every field is optional or a set, because an extension page
//! states only what its product changes (a lookup's new targets without its Type, say). Lowering
//! one page gives one `Table` of that page's facts; merging folds those into one per logical name.
//! This is flatter than an enum-per-type (`ColumnType::Lookup { targets }`) on purpose: facts of
//! one column arrive from several pages before its type is known, and the emitter decides the
//! Rust representation from the merged facts.

mod lower;
mod merge;
pub mod validate;
mod words;

pub(crate) use lower::deprecation_marker;
pub use lower::{lower, PageFacts};
pub use merge::merge;
pub use validate::validate;
pub use words::{
    CascadeType, ColumnType, DateTimeBehavior, DateTimeFormat, Format, IntegerFormat,
    OwnershipType, PrecisionSource, RequiredLevel, StringFormat, TableType,
};

use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use crate::source::Loc;

/// The merged model: one table per logical name.
#[derive(Debug, Default, Serialize)]
pub struct Model {
    #[serde(serialize_with = "values")]
    pub tables: BTreeMap<String, Table>,
    /// By table: the pages a newer page of the same product replaced (merge rule 2), in
    /// (date, path) order.
    #[serde(skip)]
    pub superseded: BTreeMap<String, Vec<Superseded>>,
}

/// A page a newer page of its product replaced whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub old: Arc<Origin>,
    /// The page used instead.
    pub by: Arc<Origin>,
}

impl Model {
    /// A table's entity set name: from its page when present, else the plural Dataverse gives by
    /// default (`account` -> `accounts`, `opportunity` -> `opportunities`), reported as assumed.
    pub fn entity_set(&self, table: &str) -> (String, bool) {
        if let Some(set) = self
            .tables
            .get(table)
            .and_then(|t| t.entity_set_name.clone())
        {
            return (set, true);
        }
        let plural = if let Some(stem) = table
            .strip_suffix('y')
            .filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']))
        {
            format!("{stem}ies")
        } else if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| table.ends_with(e))
        {
            format!("{table}es")
        } else {
            format!("{table}s")
        };
        (plural, false)
    }

    /// Every global choice with the union of the values its columns list (the first column in
    /// table and column order gives a value's label).
    pub fn global_choices(&self) -> BTreeMap<String, BTreeMap<i32, ChoiceOption>> {
        let mut globals: BTreeMap<String, BTreeMap<i32, ChoiceOption>> = BTreeMap::new();
        for table in self.tables.values() {
            for col in table.columns.values() {
                let Some(name) = col.global_choice(&table.logical_name) else {
                    continue;
                };
                let options = globals.entry(name.to_string()).or_default();
                for (value, opt) in &col.options {
                    options
                        .entry(*value)
                        .and_modify(|o| o.origins.extend(opt.origins.iter().cloned()))
                        .or_insert_with(|| opt.clone());
                }
            }
        }
        globals
    }
}

/// Where a fact came from: one page, its product layer and its date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Origin {
    pub file: String,
    pub product: Option<String>,
    pub date: Option<Date>,
}

/// A shared [`Origin`], ordered and serialized by its file path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source(pub Arc<Origin>);

impl Ord for Source {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.file.cmp(&other.0.file)
    }
}
impl PartialOrd for Source {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.file)
    }
}

pub type Origins = BTreeSet<Source>;

/// A calendar date from `ms.date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    pub logical_name: String,
    pub schema_name: Option<String>,
    pub display_name: Option<String>,
    pub entity_set_name: Option<String>,
    pub primary_id_attribute: Option<String>,
    pub primary_name_attribute: Option<String>,
    pub ownership_type: Option<OwnershipType>,
    pub description: Option<String>,
    pub collection_schema_name: Option<String>,
    pub display_collection_name: Option<String>,
    pub logical_collection_name: Option<String>,
    pub table_type: Option<TableType>,
    /// Set by the merge: no base page describes the table, only extension pages, so it holds
    /// only the columns, targets and relationships those pages change.
    pub extension_only: bool,
    #[serde(serialize_with = "values")]
    pub columns: BTreeMap<String, Column>,
    #[serde(serialize_with = "values")]
    /// By schema name and side: a relationship of a table with itself is listed from both sides.
    pub relationships: BTreeMap<RelationshipKey, Relationship>,
    pub origins: Vec<Origin>,
    /// Where a page names the table (its `LogicalName` cell, else its H1).
    #[serde(skip)]
    pub at: Option<Loc>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Column {
    pub logical_name: String,
    pub schema_name: String,
    #[serde(rename = "type")]
    pub ty: Option<ColumnType>,
    pub required_level: Option<RequiredLevel>,
    /// Lookup targets, sorted.
    pub targets: BTreeSet<String>,
    #[serde(serialize_with = "values")]
    pub options: BTreeMap<i32, ChoiceOption>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    /// `Some(true)` under Writable columns, `Some(false)` under Read-only, `None` when unstated.
    pub writable: Option<bool>,
    pub valid_for_create: Option<bool>,
    pub valid_for_update: Option<bool>,
    pub valid_for_read: Option<bool>,
    pub global_choice_name: Option<String>,
    /// `DefaultFormValue`: the choice value a new form starts with (`-1` for none).
    pub default_form_value: Option<i32>,
    /// `DefaultValue` (Boolean columns: `True`/`False`).
    pub default_value: Option<String>,
    pub max_length: Option<u64>,
    /// `Format`: Text, Email, Url, TextArea, DateOnly, DateAndTime, ...
    pub format: Option<Format>,
    /// `FormatName` (String and Memo columns): StringFormat's words.
    pub format_name: Option<Format>,
    /// `MinValue`/`MaxValue` exactly as written (they exceed f64 precision for BigInt and Money).
    pub min_value: Option<String>,
    pub max_value: Option<String>,
    pub precision: Option<u32>,
    /// `PrecisionSource`, e.g. `2 (TransactionCurrency.CurrencyPrecision)`.
    pub precision_source: Option<PrecisionSource>,
    pub datetime_behavior: Option<DateTimeBehavior>,
    pub image: Option<ImageProperties>,
    /// The pages that state each target (kept in step by [`Column::add_target`]).
    pub target_origins: BTreeMap<String, Origins>,
    /// Stated properties the model does not type (ImeMode, IsLocalizable, MaxHeight, ...).
    pub properties: BTreeMap<String, String>,
    pub origins: Origins,
    #[serde(skip)]
    pub at: Option<Loc>,
    #[serde(skip)]
    pub type_at: Option<Loc>,
}

impl Column {
    /// The global choice (option set) this column shares with others: a `GlobalChoiceName`
    /// other than the `<table>_<column>` name Dataverse gives a local choice.
    pub fn global_choice(&self, table: &str) -> Option<&str> {
        let name = self.global_choice_name.as_deref()?;
        let local = format!("{table}_{}", self.logical_name);
        (self.is_choice() && !name.eq_ignore_ascii_case(&local)).then_some(name)
    }

    pub fn add_target(&mut self, target: &str, origins: impl IntoIterator<Item = Source>) {
        self.targets.insert(target.to_string());
        self.target_origins
            .entry(target.to_string())
            .or_default()
            .extend(origins);
    }

    /// A column with targets but no stated type is treated as a lookup (extension pages state
    /// only the targets they add).
    pub fn is_lookup(&self) -> bool {
        match &self.ty {
            Some(t) => t.is_reference(),
            None => !self.targets.is_empty(),
        }
    }

    /// A column with options but no stated type is treated as a picklist.
    pub fn is_choice(&self) -> bool {
        match &self.ty {
            Some(t) => t.has_choices(),
            None => !self.options.is_empty() && self.targets.is_empty(),
        }
    }
}

/// Image column sizes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImageProperties {
    pub max_height: Option<u32>,
    pub max_width: Option<u32>,
    pub max_size_in_kb: Option<u32>,
    pub can_store_full_image: Option<bool>,
    pub is_primary_image: Option<bool>,
}

/// The `participationtypemask` of the activity parties a PartyList column holds: the values of
/// the `activityparty` table's `participationtypemask` choice, by the column they fill. `None`
/// for a PartyList column this generator does not know.
pub fn participation_type_mask(column: &str) -> Option<i32> {
    Some(match column {
        "from" => 1,
        "to" => 2,
        "cc" => 3,
        "bcc" => 4,
        "requiredattendees" => 5,
        "optionalattendees" => 6,
        "organizer" => 7,
        "resources" => 10,
        "customers" => 11,
        "partners" => 12,
        _ => return None,
    })
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ChoiceOption {
    pub value: i32,
    pub label: String,
    /// For a Status value: the State value it belongs to.
    pub state: Option<i32>,
    /// For a State value: its default Status value.
    pub default_status: Option<i32>,
    pub invariant_name: Option<String>,
    pub origins: Origins,
    #[serde(skip)]
    pub at: Option<Loc>,
}

/// A relationship's schema name and the side this table is on.
pub type RelationshipKey = (String, RelationshipKind);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipKind {
    OneToMany,
    ManyToOne,
    ManyToMany,
}

impl RelationshipKind {
    /// The side as the JSON model, the names lockfile and the change report spell it:
    /// `one_to_many`, `many_to_one`, `many_to_many`.
    pub fn word(self) -> &'static str {
        match self {
            RelationshipKind::OneToMany => "one_to_many",
            RelationshipKind::ManyToOne => "many_to_one",
            RelationshipKind::ManyToMany => "many_to_many",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Relationship {
    pub schema_name: String,
    pub kind: RelationshipKind,
    pub referenced_entity: Option<String>,
    pub referenced_attribute: Option<String>,
    pub referencing_entity: Option<String>,
    pub referencing_attribute: Option<String>,
    pub intersect_entity: Option<String>,
    pub cascade: Option<CascadeConfiguration>,
    /// The navigation property on this table's side.
    pub navigation_property: Option<String>,
    /// `AssociatedMenuConfiguration` sub-values that are stated (Behavior, Group, Label, Order, ...).
    pub associated_menu: BTreeMap<String, String>,
    pub origins: Origins,
    #[serde(skip)]
    pub at: Option<Loc>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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

impl CascadeConfiguration {
    /// The fields by their page key, in the pages' order.
    pub fn fields(&self) -> [(&'static str, Option<CascadeType>); 8] {
        [
            ("Archive", self.archive),
            ("Assign", self.assign),
            ("Delete", self.delete),
            ("Merge", self.merge),
            ("Reparent", self.reparent),
            ("RollupView", self.rollup_view),
            ("Share", self.share),
            ("Unshare", self.unshare),
        ]
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Option<CascadeType>> {
        Some(match key {
            "Archive" => &mut self.archive,
            "Assign" => &mut self.assign,
            "Delete" => &mut self.delete,
            "Merge" => &mut self.merge,
            "Reparent" => &mut self.reparent,
            "RollupView" => &mut self.rollup_view,
            "Share" => &mut self.share,
            "Unshare" => &mut self.unshare,
            _ => return None,
        })
    }
}

/// Serializes a map as the list of its values (the JSON shape lists tables, columns, ...).
fn values<K, V: Serialize, S: Serializer>(map: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(map.values())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_sets_from_pages_else_the_default_plural() {
        let mut model = Model::default();
        let cases = [
            ("account", "accounts"),
            ("opportunity", "opportunities"),
            ("msdyn_bookingalertstatus", "msdyn_bookingalertstatuses"),
            ("survey", "surveys"),
            ("fax", "faxes"),
            ("msdyn_approach", "msdyn_approaches"),
        ];
        for (table, plural) in cases {
            assert_eq!(model.entity_set(table), (plural.to_string(), false));
        }
        let stated = Table {
            logical_name: "person".into(),
            entity_set_name: Some("people".into()),
            ..Table::default()
        };
        model.tables.insert("person".into(), stated);
        assert_eq!(model.entity_set("person"), ("people".to_string(), true));
    }
}
