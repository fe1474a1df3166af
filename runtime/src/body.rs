//! Create (POST) and update (PATCH) bodies: only the columns that were set, lookups as
//! `@odata.bind`, related rows bound or created inside (deep insert).
//!
//! A body is [`Body<T, M>`] for table `T` with `M` = [`Create`] or [`Update`], set column by
//! column through the table's typed column descriptors: `.set(columns::NAME, "Contoso")`. A
//! column valid only for create can be set only on the create body, and the reverse, so a body
//! the Web API would refuse does not compile. `set` takes the value itself; writing `null` is
//! explicit (`.set(columns::DESCRIPTION, Null)`).

use super::column::{access::Allows, Column, ColumnInfo, Kind};
use super::json::Json;
use super::page::{Many, One};
use super::party::Party;
use super::record::{Lookup, Table};
use super::value::Wire;
use super::Uuid;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// The create (POST) body marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Create;

/// The update (PATCH) body marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Update;

/// Writes `null` to a column: `body.description(Null)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Null;

/// A column value type (every type a record field can have), and how its values travel.
pub trait Value {
    /// [`Prop`](super::kind::Prop) for plain values, [`Bind`](super::kind::Bind) for a lookup's
    /// target enum, [`Parties`](super::kind::Parties) for an activity's parties.
    type Kind;
}

impl<T: Lookup> Value for Vec<Party<T>> {
    type Kind = super::kind::Parties;
}

/// What a setter of a `T` column takes: a `T`, [`Null`], or for text a `&str`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value for a column of `{T}`",
    label = "expected a `{T}`, or `Null`",
    note = "`None` is not a value: write `null` with `dataverse_runtime::Null`"
)]
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
    let mut body = RawBody::default();
    body.raw("@odata.id", Json::from_serialize(&uri).unwrap_or_default());
    body.to_json().unwrap_or_default()
}

/// One target of a lookup: the table, the single-valued navigation property a body binds for
/// it, and the table's entity set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    pub table: &'static str,
    /// The single-valued navigation property bound for this target.
    pub navigation_property: &'static str,
    pub entity_set: &'static str,
}

/// A [`Target`], as generated column descriptors list them.
pub const fn target(
    table: &'static str,
    navigation_property: &'static str,
    entity_set: &'static str,
) -> Target {
    Target {
        table,
        navigation_property,
        entity_set,
    }
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
    Body(Box<RawBody>),
}

/// The untyped body a [`Body`] wraps: property -> value, in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawBody {
    entries: BTreeMap<String, Entry>,
    errors: Vec<String>,
}

fn bind_path(entity_set: &str, id: Uuid) -> Json {
    Json::from_serialize(&format!("/{entity_set}({id})")).unwrap_or_default()
}

impl RawBody {
    /// Sets a column to a value, or to `null`.
    pub fn put<T: Wire>(&mut self, property: &str, value: Option<T>) {
        let json = value.map_or_else(Json::null, |v| v.write());
        self.entries
            .insert(property.to_string(), Entry::Value(json));
    }

    /// Sets a lookup: `<navigation property>@odata.bind: "/<entity set>(<id>)"` for its target;
    /// `None` clears it (`<navigation property>@odata.bind: null` for every target's property).
    pub fn lookup<T: Lookup>(&mut self, column: &ColumnInfo, value: Option<T>) {
        self.bind(column, value.as_ref().map(Lookup::parts));
    }

    fn bind(&mut self, column: &ColumnInfo, value: Option<(Option<&str>, Uuid)>) {
        let Some((table, id)) = value else {
            for t in column.targets {
                let key = format!("{}@odata.bind", t.navigation_property);
                self.entries.insert(key, Entry::Value(Json::null()));
            }
            return;
        };
        let target = match (table, column.targets) {
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
                column.logical_name,
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
        column: &ColumnInfo,
        parties: Vec<Party<T>>,
    ) {
        for party in parties {
            let mut row = RawBody::default();
            row.put("participationtypemask", Some(participation_type_mask));
            if let Some(value) = &party.party {
                row.bind(column, Some(value.parts()));
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
    pub fn insert_one<S, R: Table>(&mut self, nav: One<S, R>, row: Body<R, Create>) {
        let row = row.raw;
        self.entries
            .insert(nav.name.to_string(), Entry::Body(Box::new(row)));
    }

    /// Creates related rows with this one (deep insert): `<navigation property>: [{...}, ...]`.
    pub fn insert_many<S, R: Table>(
        &mut self,
        nav: Many<S, R>,
        rows: impl IntoIterator<Item = Body<R, Create>>,
    ) {
        for row in rows {
            self.push(nav.name, Entry::Body(Box::new(row.raw)));
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
        // The row of a single-valued navigation property is either bound or created with this
        // one, not both (a collection may take both: existing rows bound, new ones created).
        for key in self.entries.keys() {
            if let Some(navigation) = key.strip_suffix("@odata.bind") {
                if let Some(Entry::Body(_)) = self.entries.get(navigation) {
                    errors.push(format!(
                        "`{navigation}` is both bound to an existing row and created with this one: keep one"
                    ));
                }
            }
        }
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

/// A create (`Body<T, Create>`, POST) or update (`Body<T, Update>`, PATCH) body for table `T`:
/// only the columns that were set, in key order. Start one with the record's `create()` or
/// `update()`; the generated `<Record>Body<M>` is this type.
pub struct Body<T, M = Create> {
    raw: RawBody,
    marker: PhantomData<fn() -> (T, M)>,
}

impl<T, M> Body<T, M> {
    /// An empty body.
    pub fn new() -> Self {
        Body {
            raw: RawBody::default(),
            marker: PhantomData,
        }
    }

    /// Sets a column (a constant of the table's `columns` module) to a value, or to `null` with
    /// [`Null`]: a plain property, a lookup as `<navigation property>@odata.bind`, or the
    /// parties of an activity. Only columns this operation accepts compile.
    pub fn set<V: Value, A: Allows<M>>(
        mut self,
        column: Column<T, V, A>,
        value: impl Set<V>,
    ) -> Self
    where
        V::Kind: Kind<V>,
    {
        V::Kind::set(&mut self.raw, &column.info(), value.into_value());
        self
    }

    /// Sets a property to JSON as it is.
    pub(crate) fn raw_json(mut self, property: &str, value: Json) -> Self {
        self.raw.raw(property, value);
        self
    }

    /// A body that fails to render with this message.
    pub(crate) fn error(mut self, message: String) -> Self {
        self.raw.error(&message);
        self
    }

    /// Sets any property to any JSON value, for what the docs do not describe.
    pub fn raw<S: serde::Serialize + ?Sized>(mut self, property: &str, value: &S) -> Self {
        match Json::from_serialize(value) {
            Ok(json) => self.raw.raw(property, json),
            Err(e) => self.raw.error(&e.to_string()),
        }
        self
    }

    /// The JSON text to send; an error when a lookup was set to an undescribed target.
    pub fn to_json(&self) -> Result<String, BodyError> {
        self.raw.to_json()
    }
}

impl<T> Body<T, Create> {
    /// Binds existing rows to a collection-valued navigation property (a constant of the
    /// table's `navigation` module): `<navigation property>@odata.bind: ["/<entity set>(<id>)", ...]`.
    pub fn bind<R>(mut self, nav: Many<T, R>, ids: impl IntoIterator<Item = Uuid>) -> Self {
        self.raw.bind_many(nav, ids);
        self
    }

    /// Creates the related row of a single-valued navigation property with this one (deep
    /// insert): `<navigation property>: {...}`.
    pub fn insert_one<R: Table>(mut self, nav: One<T, R>, row: Body<R, Create>) -> Self {
        self.raw.insert_one(nav, row);
        self
    }

    /// Creates related rows of a collection-valued navigation property with this one (deep
    /// insert): `<navigation property>: [{...}, ...]`.
    pub fn insert_many<R: Table>(
        mut self,
        nav: Many<T, R>,
        rows: impl IntoIterator<Item = Body<R, Create>>,
    ) -> Self {
        self.raw.insert_many(nav, rows);
        self
    }
}

impl<T> Body<T, Update> {
    /// Removes the row of one single-valued navigation property (a constant of the table's
    /// `navigation` module): `<navigation property>@odata.bind: null`, the documented
    /// "Disassociate with a single-valued navigation property". Setting the lookup column to
    /// [`Null`] does the same through every navigation property of its targets.
    pub fn unbind<R>(mut self, nav: One<T, R>) -> Self {
        self.raw
            .raw(&format!("{}@odata.bind", nav.name), Json::null());
        self
    }
}

impl<T, M> From<Body<T, M>> for RawBody {
    fn from(body: Body<T, M>) -> RawBody {
        body.raw
    }
}

impl<T, M> Default for Body<T, M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T, M> Clone for Body<T, M> {
    fn clone(&self) -> Self {
        Body {
            raw: self.raw.clone(),
            marker: PhantomData,
        }
    }
}

impl<T, M> PartialEq for Body<T, M> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<T, M> Eq for Body<T, M> {}

impl<T, M> fmt::Debug for Body<T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Body").field(&self.raw).finish()
    }
}
