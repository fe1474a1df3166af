//! The part of a merged model a change report compares, with where each fact is stated.
//!
//! Built from a [`Model`] by [`Schema::of`], and serializable: `generate` writes it beside the
//! code ([`FILE`]) so the next run can say what changed against the output it replaces. Values
//! are kept as the Web API sees them where that is what breaks (the entity set actually used,
//! the bodies a column may be set in), as the page words otherwise.

use crate::model::{Column, Model, Relationship, Table};
use crate::source::Loc;
use crate::webapi::{self, Writable};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The file `generate` writes the schema of its output to, in the output directory.
pub const FILE: &str = crate::SCHEMA_FILE;

/// The format of [`FILE`]; a file of another format is not compared (the report says so).
pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub format: u32,
    pub tables: BTreeMap<String, TableSchema>,
}

/// Where an item is stated: its page's product layer and `file:line:col`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stated {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Stated {
    pub fn is_empty(&self) -> bool {
        self.layer.is_none() && self.at.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSchema {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The entity set name requests use: stated, else the default plural.
    pub entity_set: String,
    /// Whether a page states the entity set (else it is the default plural, a guess).
    pub entity_set_stated: bool,
    #[serde(default, skip_serializing_if = "Stated::is_empty")]
    pub stated: Stated,
    pub columns: BTreeMap<String, ColumnSchema>,
    /// By `<schema name, lower-cased>:<side>` (`account_parent_account:one_to_many`).
    pub relationships: BTreeMap<String, RelationshipSchema>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSchema {
    /// The page's Type word; `None` when no page states it (extension pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// The global choice (option set) the column shares, which names its Rust type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_choice: Option<String>,
    /// `DateTimeBehavior` as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_behavior: Option<String>,
    /// Which of `read`, `create`, `update` the column is valid for.
    pub access: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<i32, OptionSchema>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, Stated>,
    #[serde(default, skip_serializing_if = "Stated::is_empty")]
    pub stated: Stated,
    /// Where the Type is stated (falls back to `stated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionSchema {
    pub label: String,
    #[serde(default, skip_serializing_if = "Stated::is_empty")]
    pub stated: Stated,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipSchema {
    pub schema_name: String,
    /// `one_to_many`, `many_to_one` or `many_to_many`: the side this table is on.
    pub kind: String,
    /// The table is on both sides (a relationship with itself): its item names the side.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub both_sides: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referencing_entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referencing_attribute: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub navigation_property: Option<String>,
    /// The stated cascade actions: `Delete` -> `RemoveLink`, ...
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cascade: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Stated::is_empty")]
    pub stated: Stated,
}

impl Schema {
    /// The JSON `generate` writes to [`FILE`]: pretty, keys in order, a final newline.
    pub fn to_json(&self) -> String {
        match serde_json::to_string_pretty(self) {
            Ok(json) => json + "\n",
            // Maps of strings and numbers only: serializing cannot fail.
            Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
        }
    }

    /// What `generate` keeps in [`FILE`]: enough to count the next run's changes by kind and
    /// level, and small. Locations and layers are left out (the summary does not show them) and
    /// descriptions are kept as a digest (a change is still a change): about 40% of the full
    /// schema, under the size of the pages.
    pub fn digest(mut self) -> Schema {
        fn text_digest(text: &mut Option<String>) {
            if let Some(t) = text {
                *t = format!("sha256:{}", super::fingerprint_hex(t.as_bytes()));
            }
        }
        for table in self.tables.values_mut() {
            table.stated = Stated::default();
            text_digest(&mut table.description);
            for c in table.columns.values_mut() {
                c.stated = Stated::default();
                c.type_at = None;
                text_digest(&mut c.description);
                for o in c.options.values_mut() {
                    o.stated = Stated::default();
                }
                for t in c.targets.values_mut() {
                    *t = Stated::default();
                }
            }
            for r in table.relationships.values_mut() {
                r.stated = Stated::default();
            }
        }
        self
    }

    /// The schema of a merged model.
    pub fn of(model: &Model) -> Schema {
        let tables = model
            .tables
            .iter()
            .map(|(name, t)| (name.clone(), table(model, t)))
            .collect();
        Schema {
            format: FORMAT,
            tables,
        }
    }
}

/// Looks up the product layer of the page a fact is stated on.
struct Layers<'a>(BTreeMap<&'a str, Option<&'a str>>);

impl<'a> Layers<'a> {
    fn of(t: &'a Table) -> Self {
        Layers(
            t.origins
                .iter()
                .map(|o| (o.file.as_str(), o.product.as_deref()))
                .collect(),
        )
    }

    fn stated(&self, at: Option<&Loc>) -> Stated {
        Stated {
            layer: at
                .and_then(|l| self.0.get(l.file.as_str()).copied().flatten())
                .map(str::to_string),
            at: at.map(Loc::to_string),
        }
    }

    /// A fact known by the pages stating it (no position): the first page's layer and file.
    fn stated_by<'b>(&self, files: impl IntoIterator<Item = &'b str>) -> Stated {
        let first = files.into_iter().min();
        Stated {
            layer: first
                .and_then(|f| self.0.get(f).copied().flatten())
                .map(str::to_string),
            at: first.map(str::to_string),
        }
    }
}

fn table(model: &Model, t: &Table) -> TableSchema {
    let layers = Layers::of(t);
    let (entity_set, entity_set_stated) = model.entity_set(&t.logical_name);
    let mut sides: BTreeMap<&str, usize> = BTreeMap::new();
    for (schema, _) in t.relationships.keys() {
        *sides.entry(schema.as_str()).or_default() += 1;
    }
    let relationships = t
        .relationships
        .iter()
        .map(|((schema, kind), r)| {
            let key = format!("{schema}:{}", kind.word());
            let both = sides.get(schema.as_str()).is_some_and(|n| *n > 1);
            (key, relationship(&layers, r, both))
        })
        .collect();
    TableSchema {
        display_name: t.display_name.clone(),
        description: t.description.clone(),
        entity_set,
        entity_set_stated,
        stated: layers.stated(t.at.as_ref()),
        columns: t
            .columns
            .iter()
            .map(|(name, c)| (name.clone(), column(&layers, t, c)))
            .collect(),
        relationships,
    }
}

fn column(layers: &Layers, t: &Table, c: &Column) -> ColumnSchema {
    let mut access = Vec::new();
    if c.valid_for_read != Some(false) {
        access.push("read".to_string());
    }
    let (create, update) = match webapi::writable(t, c) {
        Writable::Both => (true, true),
        Writable::CreateOnly => (true, false),
        Writable::UpdateOnly => (false, true),
        Writable::Neither => (false, false),
    };
    if create {
        access.push("create".to_string());
    }
    if update {
        access.push("update".to_string());
    }
    let targets = c
        .targets
        .iter()
        .map(|target| {
            let files: BTreeSet<&str> = c
                .target_origins
                .get(target)
                .into_iter()
                .flatten()
                .map(|s| s.0.file.as_str())
                .collect();
            // The lookup's own position when its page states the target.
            let stated = match &c.at {
                Some(at) if files.contains(at.file.as_str()) || files.is_empty() => {
                    layers.stated(Some(at))
                }
                _ => layers.stated_by(files),
            };
            (target.clone(), stated)
        })
        .collect();
    ColumnSchema {
        ty: c.ty.as_ref().map(|t| t.word().to_string()),
        global_choice: c.global_choice(&t.logical_name).map(str::to_string),
        date_behavior: c.datetime_behavior.as_ref().map(|b| b.word().to_string()),
        access,
        required_level: c.required_level.as_ref().map(|r| r.word().to_string()),
        max_length: c.max_length,
        display_name: c.display_name.clone(),
        description: c.description.clone(),
        options: c
            .options
            .iter()
            .map(|(v, o)| {
                let stated = layers.stated(o.at.as_ref().or(c.at.as_ref()));
                let label = o.label.clone();
                (*v, OptionSchema { label, stated })
            })
            .collect(),
        targets,
        stated: layers.stated(c.at.as_ref()),
        type_at: c.type_at.as_ref().map(Loc::to_string),
    }
}

fn relationship(layers: &Layers, r: &Relationship, both_sides: bool) -> RelationshipSchema {
    let cascade = r
        .cascade
        .iter()
        .flat_map(|c| c.fields())
        .filter_map(|(key, value)| Some((key.to_string(), value?.word().to_string())))
        .collect();
    RelationshipSchema {
        schema_name: r.schema_name.clone(),
        kind: r.kind.word().to_string(),
        both_sides,
        referenced_entity: r.referenced_entity.clone(),
        referencing_entity: r.referencing_entity.clone(),
        referencing_attribute: r.referencing_attribute.clone(),
        navigation_property: r.navigation_property.clone(),
        cascade,
        stated: layers.stated(r.at.as_ref()),
    }
}
