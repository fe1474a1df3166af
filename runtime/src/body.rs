//! Create (POST) and update (PATCH) bodies: only the columns that were set, lookups as
//! `@odata.bind`, related rows bound or created inside (deep insert).
//!
//! A generated body is `<Record>Body<M>` with `M` = [`Create`] or [`Update`]: a column valid
//! only for create has its setter only on the create body, and the reverse, so a body the Web
//! API would refuse does not compile. Setters take the value itself (`.name("Contoso")`);
//! writing `null` is explicit (`.description(Null)`).

use super::json::Json;
use super::page::{Many, One};
use super::party::Party;
use super::record::{Lookup, Table};
use super::value::Wire;
use super::Uuid;
use std::collections::BTreeMap;

/// The create (POST) body marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Create;

/// The update (PATCH) body marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Update;

/// Writes `null` to a column: `body.description(Null)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Null;

/// A column value type a setter takes (every type a record field can have).
pub trait Value {}

/// What a setter of a `T` column takes: a `T`, [`Null`], or for text a `&str`.
pub trait Set<T> {
    /// `None` writes `null`.
    fn into_value(self) -> Option<T>;
}

impl<T: Value> Set<T> for T {
    fn into_value(self) -> Option<T> {
        Some(self)
    }
}

impl<T: Value> Set<T> for Null {
    fn into_value(self) -> Option<T> {
        None
    }
}

impl Set<String> for &str {
    fn into_value(self) -> Option<String> {
        Some(self.to_string())
    }
}

/// The body that associates a row through a `$ref` request (`POST <row>/<collection>/$ref`,
/// `PUT <row>/<single-valued>/$ref`): `{"@odata.id": "<service root><entity set>(<id>)"}`, with
/// the service root as given (`https://org.crm.dynamics.com/api/data/v9.2/`).
pub fn reference<T: Table>(service_root: &str, id: Uuid) -> String {
    let root = service_root.trim_end_matches('/');
    let uri = format!("{root}/{}({id})", T::ENTITY_SET_NAME);
    let mut body = Body::default();
    body.raw("@odata.id", Json::from_serialize(&uri).unwrap_or_default());
    body.to_json().unwrap_or_default()
}

/// How a lookup column binds: for each target table, its navigation property and entity set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub column: &'static str,
    pub targets: &'static [Target],
}

/// One target of a lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub table: &'static str,
    /// The single-valued navigation property bound for this target.
    pub navigation_property: &'static str,
    pub entity_set: &'static str,
}

/// A body that cannot be written: a lookup set to a target the docs do not describe, say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError(pub Vec<String>);

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}

impl std::error::Error for BodyError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Value(Json),
    List(Vec<Entry>),
    Body(Box<Body>),
}

/// The untyped body every generated body wraps: property -> value, in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    entries: BTreeMap<String, Entry>,
    errors: Vec<String>,
}

fn bind_path(entity_set: &str, id: Uuid) -> Json {
    Json::from_serialize(&format!("/{entity_set}({id})")).unwrap_or_default()
}

impl Body {
    /// Sets a column to a value, or to `null`.
    pub fn put<T: Wire>(&mut self, property: &str, value: Option<T>) {
        let json = value.map_or_else(Json::null, |v| v.write());
        self.entries
            .insert(property.to_string(), Entry::Value(json));
    }

    /// Sets a lookup: `<navigation property>@odata.bind: "/<entity set>(<id>)"` for its target;
    /// `None` clears it (`<navigation property>@odata.bind: null` for every target's property).
    pub fn lookup<T: Lookup>(&mut self, binding: &Binding, value: Option<T>) {
        self.bind(binding, value.as_ref().map(Lookup::parts));
    }

    fn bind(&mut self, binding: &Binding, value: Option<(Option<&str>, Uuid)>) {
        let Some((table, id)) = value else {
            for t in binding.targets {
                let key = format!("{}@odata.bind", t.navigation_property);
                self.entries.insert(key, Entry::Value(Json::null()));
            }
            return;
        };
        let target = match (table, binding.targets) {
            (Some(table), targets) => targets.iter().find(|t| t.table == table),
            (None, [only]) => Some(only),
            (None, _) => None,
        };
        match target {
            Some(t) => {
                let key = format!("{}@odata.bind", t.navigation_property);
                let path = bind_path(t.entity_set, id);
                self.entries.insert(key, Entry::Value(path));
            }
            None => self.errors.push(format!(
                "{}: no navigation property is known for target {}",
                binding.column,
                table.unwrap_or("(none given)")
            )),
        }
    }

    /// Adds activity parties to the activity-parties collection: each bound to a row
    /// (`partyid_<target>@odata.bind`) or, unresolved, by its address.
    pub fn add_parties<T: Lookup>(
        &mut self,
        collection: &str,
        participation_type_mask: i32,
        binding: &Binding,
        parties: Vec<Party<T>>,
    ) {
        for party in parties {
            let mut row = Body::default();
            row.put("participationtypemask", Some(participation_type_mask));
            if let Some(value) = &party.party {
                row.bind(binding, Some(value.parts()));
            }
            if let Some(address) = party.address_used {
                row.put("addressused", Some(address));
            }
            self.push(collection, Entry::Body(Box::new(row)));
        }
    }

    fn push(&mut self, key: &str, entry: Entry) {
        let slot = self
            .entries
            .entry(key.to_string())
            .or_insert_with(|| Entry::List(Vec::new()));
        match slot {
            Entry::List(items) => items.push(entry),
            other => *other = Entry::List(vec![entry]),
        }
    }

    /// Binds existing rows to a collection-valued navigation property:
    /// `<navigation property>@odata.bind: ["/<entity set>(<id>)", ...]`.
    pub fn bind_many<S, R>(&mut self, nav: Many<S, R>, ids: impl IntoIterator<Item = Uuid>) {
        let key = format!("{}@odata.bind", nav.name);
        for id in ids {
            self.push(&key, Entry::Value(bind_path(nav.entity_set, id)));
        }
    }

    /// Creates a related row with this one (deep insert): `<navigation property>: {...}`.
    pub fn insert_one<S, R: Table>(&mut self, nav: One<S, R>, row: R::Create) {
        let row: Body = row.into();
        self.entries
            .insert(nav.name.to_string(), Entry::Body(Box::new(row)));
    }

    /// Creates related rows with this one (deep insert): `<navigation property>: [{...}, ...]`.
    pub fn insert_many<S, R: Table>(
        &mut self,
        nav: Many<S, R>,
        rows: impl IntoIterator<Item = R::Create>,
    ) {
        for row in rows {
            self.push(nav.name, Entry::Body(Box::new(row.into())));
        }
    }

    /// Any property, with any JSON, for what the docs do not describe.
    pub fn raw(&mut self, property: &str, value: Json) {
        self.entries
            .insert(property.to_string(), Entry::Value(value));
    }

    /// Records a value that cannot be written; [`Body::to_json`] reports it.
    pub fn error(&mut self, message: &str) {
        self.errors.push(message.to_string());
    }

    /// The JSON text of the body, or every error of it and of the rows inside it.
    pub fn to_json(&self) -> Result<String, BodyError> {
        let mut errors = Vec::new();
        let mut out = String::new();
        self.render(&mut out, &mut errors);
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(BodyError(errors))
        }
    }

    fn render(&self, out: &mut String, errors: &mut Vec<String>) {
        errors.extend(self.errors.iter().cloned());
        out.push('{');
        for (i, (key, entry)) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(Json::from_serialize(key).unwrap_or_default().get());
            out.push(':');
            entry.render(out, errors);
        }
        out.push('}');
    }
}

impl Entry {
    fn render(&self, out: &mut String, errors: &mut Vec<String>) {
        match self {
            Entry::Value(json) => out.push_str(json.get()),
            Entry::Body(body) => body.render(out, errors),
            Entry::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.render(out, errors);
                }
                out.push(']');
            }
        }
    }
}
