//! Records: how a generated record reads itself from one Web API row and writes itself back,
//! losing nothing.
//!
//! A row is read as a map of property name to exact JSON text ([`Json`]). The generated
//! [`Table::read`] takes each column it types out of that map (a `null` stays, so it is written
//! back as `null`), and everything left — `@odata.*` control information, annotations such as
//! formatted values, expanded navigation properties, properties the docs do not describe — is
//! the record's [`Extra`]. Writing puts `Extra` back and the typed columns over it, so reading a
//! response and writing the record gives the same JSON value.

use super::json::Json;
use super::value::{found, Wire};
use super::Uuid;
use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// The annotation of a property's formatted value (a choice's label, a lookup's row name).
pub const FORMATTED_VALUE: &str = "OData.Community.Display.V1.FormattedValue";
/// The annotation of the table a lookup value points to.
pub const LOOKUP_LOGICAL_NAME: &str = "Microsoft.Dynamics.CRM.lookuplogicalname";
/// The annotation of the navigation property a lookup value belongs to.
pub const ASSOCIATED_NAVIGATION_PROPERTY: &str =
    "Microsoft.Dynamics.CRM.associatednavigationproperty";

/// A generated table: its record type reads and writes Web API rows, and these constants
/// describe it. Implemented by every generated record.
pub trait Table: Sized {
    /// The table's logical name (`account`).
    const LOGICAL_NAME: &'static str;
    /// The Web API entity set name (`accounts`): from the docs, else Dataverse's default plural
    /// (then [`Table::ENTITY_SET_NAME_ASSUMED`] is true).
    const ENTITY_SET_NAME: &'static str;
    /// The docs do not state the entity set name: [`Table::ENTITY_SET_NAME`] is the default plural.
    const ENTITY_SET_NAME_ASSUMED: bool = false;
    /// The primary key column, when the docs state it.
    const PRIMARY_ID_ATTRIBUTE: Option<&'static str> = None;
    /// The primary name column, when the docs state it.
    const PRIMARY_NAME_ATTRIBUTE: Option<&'static str> = None;
    /// Only product extension pages describe the table: the record has only the columns they
    /// change, and every other column of a row stays in [`Extra`].
    const EXTENSION_ONLY: bool = false;
    /// Some column's value names its table only in the
    /// `Microsoft.Dynamics.CRM.lookuplogicalname` annotation (a lookup or PartyList with
    /// several targets, or none listed): a query of every column asks for it.
    const LOOKUP_TABLES: bool = false;
    /// The activity-parties collection (`email_activity_parties`) when a PartyList column has
    /// several targets: an expansion of it asks for the parties' tables
    /// (`lookuplogicalname`), which its rows name only there.
    const PARTIES: Option<&'static str> = None;

    /// Takes the record's columns out of a row.
    fn read(row: &mut Reader) -> Result<Self, ReadError>;

    /// Puts the record's columns (and its [`Extra`]) into a row.
    fn write<'a>(&'a self, row: &mut Writer<'a>);
}

/// The rows a query returns: a generated record ([`Table`]) or [`Json`]. Says
/// what the `Prefer` header must ask for so that they read whole.
pub trait Rows {
    /// Reading every column needs the `lookuplogicalname` annotation ([`Table::LOOKUP_TABLES`]).
    const LOOKUP_TABLES: bool;
    /// Expanding this activity-parties collection needs it ([`Table::PARTIES`]).
    const PARTIES: Option<&'static str>;
}

impl<T: Table> Rows for T {
    const LOOKUP_TABLES: bool = <T as Table>::LOOKUP_TABLES;
    const PARTIES: Option<&'static str> = <T as Table>::PARTIES;
}

impl Rows for crate::Json {
    const LOOKUP_TABLES: bool = false;
    const PARTIES: Option<&'static str> = None;
}

/// A property of the wrong shape: `account.revenue: expected a decimal number, found "x"`; in an
/// expanded row, the path through it (`account.primarycontactid: contact.birthdate: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub table: &'static str,
    /// The Web API property.
    pub property: String,
    /// `expected ..., found ...` (the JSON cut to 60 characters), or the expanded row's error.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}: {}", self.table, self.property, self.message)
    }
}

impl std::error::Error for ReadError {}

/// One row being read: what the record has not taken yet.
#[derive(Debug)]
pub struct Reader {
    table: &'static str,
    row: BTreeMap<String, Json>,
    /// The first error of [`Reader::field`], what [`Reader::result`] returns.
    failed: Option<ReadError>,
}

impl Reader {
    pub fn new(table: &'static str, row: BTreeMap<String, Json>) -> Self {
        Reader {
            table,
            row,
            failed: None,
        }
    }

    /// `value` (a record read with [`Reader::field`]), or the first error a field met.
    pub fn result<R>(&mut self, value: R) -> Result<R, ReadError> {
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }

    /// Keeps the first error, for [`Reader::result`]: a record's reading code then has no
    /// branch per field (what the compiler of a crate of a thousand tables pays for).
    pub(crate) fn keep<V>(&mut self, read: Result<Option<V>, ReadError>) -> Option<V> {
        read.unwrap_or_else(|e| {
            self.failed.get_or_insert(e);
            None
        })
    }

    /// The row version (`@odata.etag`); an error is kept for [`Reader::result`].
    pub fn etag(&mut self) -> Option<String> {
        let read = self.get("@odata.etag");
        self.keep(read)
    }

    fn error(&self, property: &str, expected: &'static str, json: &Json) -> ReadError {
        ReadError {
            table: self.table,
            property: property.to_string(),
            message: format!("expected {expected}, found {}", found(json)),
        }
    }

    /// Takes a column: absent or `null` is `None` (a `null` stays, to be written back).
    pub fn get<T: Wire>(&mut self, property: &str) -> Result<Option<T>, ReadError> {
        let Some(json) = self.row.get(property).filter(|j| !j.is_null()) else {
            return Ok(None);
        };
        let value = T::read(json).ok_or_else(|| self.error(property, T::EXPECTED, json))?;
        self.row.remove(property);
        Ok(Some(value))
    }

    /// Takes a lookup from `_<column>_value`, its target from the `lookuplogicalname`
    /// annotation (which stays, with the other annotations).
    pub fn lookup<T: Lookup>(&mut self, column: &str) -> Result<Option<T>, ReadError> {
        let property = format!("_{column}_value");
        let Some(id) = self.get::<Uuid>(&property)? else {
            return Ok(None);
        };
        let table = self.annotation(&property, LOOKUP_LOGICAL_NAME)?;
        Ok(Some(T::from_parts(table.as_deref(), id)))
    }

    fn annotation(&self, property: &str, term: &str) -> Result<Option<String>, ReadError> {
        let key = format!("{property}@{term}");
        match self.row.get(&key).filter(|j| !j.is_null()) {
            None => Ok(None),
            Some(json) => json
                .parse()
                .map(Some)
                .map_err(|_| self.error(&key, "a string", json)),
        }
    }

    /// Reads a navigation property's rows without taking them (an activity's parties).
    pub fn peek_rows<T: serde::de::DeserializeOwned>(
        &self,
        property: &str,
    ) -> Result<Option<Vec<T>>, ReadError> {
        let Some(json) = self.row.get(property).filter(|j| !j.is_null()) else {
            return Ok(None);
        };
        json.parse()
            .map(Some)
            .map_err(|_| self.error(property, "an array of rows", json))
    }

    /// What no column took.
    pub fn finish(&mut self) -> Extra {
        Extra(std::mem::take(&mut self.row))
    }
}

/// One row being written.
#[derive(Debug, Default)]
pub struct Writer<'a> {
    extra: Option<&'a Extra>,
    typed: BTreeMap<String, Json>,
}

impl<'a> Writer<'a> {
    /// Writes what the record kept as it came; typed columns go over it.
    pub fn extra(&mut self, extra: &'a Extra) {
        self.extra = Some(extra);
    }

    pub fn put<T: Wire>(&mut self, property: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.typed.insert(property.to_string(), v.write());
        }
    }

    /// `_<column>_value` and, when the target is known, its `lookuplogicalname` annotation.
    pub fn lookup<T: Lookup>(&mut self, column: &str, value: &Option<T>) {
        let Some(value) = value else { return };
        let (table, id) = value.parts();
        let property = format!("_{column}_value");
        if let Some(table) = table {
            // Kept in step with the value when the row had it; added when it is needed to
            // read the value back (several targets), never added to a row that lacked it.
            let key = format!("{property}@{LOOKUP_LOGICAL_NAME}");
            let had = self.extra.is_some_and(|e| e.0.contains_key(&key));
            if had || !T::SINGLE_TARGET {
                self.typed
                    .insert(key, Json::from_serialize(&table).unwrap_or_default());
            }
        }
        self.typed.insert(property, id.write());
    }

    /// The row: the typed columns over what the record kept as it came.
    fn row(&self) -> BTreeMap<&str, &Json> {
        let mut all: BTreeMap<&str, &Json> = BTreeMap::new();
        if let Some(extra) = self.extra {
            all.extend(extra.0.iter().map(|(k, v)| (k.as_str(), v)));
        }
        all.extend(self.typed.iter().map(|(k, v)| (k.as_str(), v)));
        all
    }

    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let all = self.row();
        let mut map = s.serialize_map(Some(all.len()))?;
        for (k, v) in all {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A lookup value: a generated target enum, or an [`EntityReference`](super::EntityReference).
pub trait Lookup: Sized {
    /// The lookup has one target, so a value needs no `lookuplogicalname` annotation.
    const SINGLE_TARGET: bool = false;

    /// The value for the annotation's table (when known) and the id.
    fn from_parts(table: Option<&str>, id: Uuid) -> Self;
    /// The target table (when known) and the id.
    fn parts(&self) -> (Option<&str>, Uuid);
}

impl Lookup for super::EntityReference {
    fn from_parts(table: Option<&str>, id: Uuid) -> Self {
        super::EntityReference::from_parts(table, id)
    }

    fn parts(&self) -> (Option<&str>, Uuid) {
        (self.logical_name.as_deref(), self.id)
    }
}

/// What a row holds beyond the record's typed columns, exactly as it came: `@odata.context`,
/// `@odata.type`, annotations (formatted values, lookup tables), expanded navigation
/// properties, properties the docs do not describe, and the columns that came as `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra(pub BTreeMap<String, Json>);

impl Extra {
    pub fn get(&self, property: &str) -> Option<&Json> {
        self.0.get(property)
    }

    /// A string annotation of a property (`term` without the `@`).
    pub fn annotation(&self, property: &str, term: &str) -> Option<String> {
        self.0.get(&format!("{property}@{term}"))?.parse().ok()
    }

    /// The formatted value of a property, as the server renders it for the caller: a choice's
    /// label, a money value with its currency, a date in the user's format, a lookup's row
    /// name. Sent only with `Prefer: odata.include-annotations="*"` (or the FormattedValue
    /// annotation). Pass the Web API property name (`columns::PRIMARYCONTACTID`, which is
    /// `_primarycontactid_value`).
    pub fn formatted(&self, property: &str) -> Option<String> {
        self.annotation(property, FORMATTED_VALUE)
    }

    /// The table a lookup value points to (`lookuplogicalname`).
    pub fn lookup_table(&self, property: &str) -> Option<String> {
        self.annotation(property, LOOKUP_LOGICAL_NAME)
    }

    /// The navigation property a lookup value belongs to (`associatednavigationproperty`).
    pub fn associated_navigation_property(&self, property: &str) -> Option<String> {
        self.annotation(property, ASSOCIATED_NAVIGATION_PROPERTY)
    }

    fn control(&self, key: &str) -> Option<String> {
        self.0.get(key)?.parse().ok()
    }

    /// `@odata.context`.
    pub fn context(&self) -> Option<String> {
        self.control("@odata.context")
    }

    /// `@odata.type`, sent for rows of a derived type (`#Microsoft.Dynamics.CRM.task` in an
    /// `activitypointers` query).
    pub fn odata_type(&self) -> Option<String> {
        self.control("@odata.type")
    }

    /// The logical name of the row's derived type, from `@odata.type` (`task`).
    pub fn derived_table(&self) -> Option<String> {
        let ty = self.odata_type()?;
        let name = ty.strip_prefix("#Microsoft.Dynamics.CRM.")?;
        Some(name.to_string())
    }
}

/// A row of a table that is not generated reads as its [`Extra`]: every property, exactly.
impl<'de> serde::Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RowVisitor).map(Extra)
    }
}

impl serde::Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Reads a record through [`Table::read`]; what the generated `Deserialize` impls call.
pub fn deserialize<'de, T: Table, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let row = d.deserialize_map(RowVisitor)?;
    let mut reader = Reader::new(T::LOGICAL_NAME, row);
    T::read(&mut reader).map_err(D::Error::custom)
}

/// A record's `Debug` (what the generated impls call): the record type's name and the row as
/// it is written, by Web API property, typed columns over what `extra` kept. A column the row
/// does not hold is not listed (a derived `Debug` would print a `None` for each of hundreds).
pub fn debug<T: Table>(record: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut writer = Writer::default();
    record.write(&mut writer);
    let path = std::any::type_name::<T>();
    let mut s = f.debug_struct(path.rsplit("::").next().unwrap_or(path));
    for (property, value) in writer.row() {
        s.field(property, &format_args!("{value}"));
    }
    s.finish()
}

/// Writes a record through [`Table::write`]; what the generated `Serialize` impls call.
pub fn serialize<T: Table, S: Serializer>(record: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut writer = Writer::default();
    record.write(&mut writer);
    writer.serialize(s)
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = BTreeMap<String, Json>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut row = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            row.insert(key, value);
        }
        Ok(row)
    }
}

/// Everything a generated record has beyond its fields and its [`Table`] impl: `Serialize`,
/// `Deserialize` and `Debug` ([`debug`]) through [`Table`], `create()`, `update()` and
/// `expanded()`.
#[macro_export]
#[doc(hidden)]
macro_rules! __dataverse_record {
    ($ty:ident) => {
        impl $ty {
            /// Starts a create (POST) body: set columns with `.set(columns::X, value)`.
            pub fn create() -> $crate::Body<Self, $crate::Create> {
                $crate::Body::new()
            }

            /// Starts an update (PATCH) body: set columns with `.set(columns::X, value)`.
            pub fn update() -> $crate::Body<Self, $crate::Update> {
                $crate::Body::new()
            }

            /// The rows of an expanded navigation property (a constant of the table's
            /// `navigation` module), read into their table's record type; `None` when the row
            /// was read without it.
            pub fn expanded<N: $crate::Navigation<Self>>(
                &self,
                nav: N,
            ) -> ::core::result::Result<::core::option::Option<N::Output>, $crate::ReadError> {
                nav.read(&self.extra)
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::record::debug(self, f)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::record::deserialize(d)
            }
        }

        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::record::serialize(self, s)
            }
        }
    };
}

/// A lookup's target enum: its [`Lookup`] impl (each variant is a row of the table named beside
/// it; any other table, or none, is `Unknown`) and [`Value`](crate::Value). `one` marks a
/// single-target lookup, whose value needs no annotation and whose setter also takes the bare
/// id; `party` a single-target PartyList's enum (parties are never a bare id).
#[macro_export]
#[doc(hidden)]
macro_rules! __dataverse_lookup {
    ($ty:ident one { $v:ident = $table:literal $(,)? }) => {
        $crate::lookup_type!(@impl $ty, true, $v = $table);
        impl $crate::Set<$ty> for $crate::Uuid {
            fn into_value(self) -> ::core::option::Option<$ty> {
                ::core::option::Option::Some($ty::$v(self))
            }
        }
    };
    ($ty:ident party { $v:ident = $table:literal $(,)? }) => {
        $crate::lookup_type!(@impl $ty, true, $v = $table);
    };
    ($ty:ident { $($v:ident = $table:literal),+ $(,)? }) => {
        $crate::lookup_type!(@impl $ty, false, $($v = $table),+);
    };
    (@impl $ty:ident, $single:literal, $($v:ident = $table:literal),+) => {
        impl $crate::Lookup for $ty {
            const SINGLE_TARGET: bool = $single;

            fn from_parts(table: ::core::option::Option<&str>, id: $crate::Uuid) -> Self {
                match table {
                    $(::core::option::Option::Some($table) => Self::$v(id),)+
                    ::core::option::Option::None if $single => {
                        $crate::lookup_type!(@first id, $($v),+)
                    }
                    other => Self::Unknown($crate::EntityReference::from_parts(other, id)),
                }
            }

            fn parts(&self) -> (::core::option::Option<&str>, $crate::Uuid) {
                match self {
                    $(Self::$v(id) => (::core::option::Option::Some($table), *id),)+
                    Self::Unknown(r) => (r.logical_name.as_deref(), r.id),
                }
            }
        }

        impl $crate::Value for $ty {
            type Kind = $crate::kind::Bind;
        }
    };
    (@first $id:ident, $v:ident $(, $rest:ident)*) => {
        Self::$v($id)
    };
}
