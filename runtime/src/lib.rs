//! The runtime of the generated Dataverse table bindings (`dataverse-codegen`): hand-written
//! support the generated code builds on: how column values travel in Web API
//! JSON ([`Wire`]), how records read and write rows without loss ([`Table`], [`Extra`]),
//! collections and navigation ([`Page`], [`One`], [`Many`]), bodies ([`Body`]), choices
//! ([`Choice`]), activity parties ([`Party`]) and typed queries rendered to HTTP requests
//! ([`query()`], [`Query`], [`Filter`]).

pub use chrono;
pub use http;
pub use rust_decimal::Decimal;
pub use serde;
pub use serde_json;
pub use uuid::Uuid;

pub mod body;
pub mod choice;
#[cfg(feature = "reqwest")]
pub mod client;
pub mod column;
pub mod json;
pub mod page;
pub mod party;
pub mod query;
pub mod record;
pub mod schema;
pub mod value;

pub use body::{
    reference, target, Body, BodyError, Create, Null, RawBody, Set, Target, Update, Value,
};
pub use choice::{Choice, MultiSelect};
pub use column::{access, kind, Column, ColumnInfo};
pub use json::{decimal, Json};
pub use page::{Expanded, Many, Navigation, One, Page};
pub use party::Party;
pub use query::{query, Batch, Filter, Operation, OrderBy, Query, QueryError, WriteError};
pub use record::{Extra, Lookup, ReadError, Reader, Rows, Table, Writer};
pub use schema::{
    cascade, Action, CascadeConfiguration, CascadeType, Relationship, RelationshipKind,
};
pub use value::{Date, DateTime, LocalDateTime, Wire};

#[doc(hidden)]
pub use crate::__dataverse_choice as choice_type;
#[doc(hidden)]
pub use crate::__dataverse_fields as fields;
#[doc(hidden)]
pub use crate::__dataverse_lookup as lookup_type;
#[doc(hidden)]
pub use crate::__dataverse_record as record;

/// `::core::option::Option`, under a path no generated name can shadow.
pub use ::core::option::Option;
/// `::std::string::String`, under a path no generated name can shadow.
pub use ::std::string::String;

/// A `ManagedProperty` column (such as `iscustomizable`): the Web API's `BooleanManagedProperty`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct BooleanManagedProperty {
    #[serde(rename = "Value")]
    pub value: bool,
    #[serde(rename = "CanBeChanged")]
    pub can_be_changed: bool,
    #[serde(rename = "ManagedPropertyLogicalName", default)]
    pub managed_property_logical_name: Option<String>,
}

/// A reference to a row of a table the docs do not name (or did not say).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntityReference {
    /// From the `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation, when present.
    pub logical_name: Option<String>,
    pub id: Uuid,
}

impl EntityReference {
    /// A row of the table `logical_name` (when known) with this id.
    pub fn from_parts(logical_name: Option<&str>, id: Uuid) -> Self {
        EntityReference {
            logical_name: logical_name.map(str::to_string),
            id,
        }
    }
}

impl Value for EntityReference {
    type Kind = column::kind::Bind;
}

/// A Web API response body that does not read: where (the JSON path) and why.
#[derive(Debug)]
pub struct Error {
    /// `value[2]`, `value[0].Account_Tasks[1]`: where the failing value is (`.` for the top).
    pub path: String,
    pub inner: serde_json::Error,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at {}: {}", self.path, self.inner)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.inner)
    }
}

/// Reads a response body (a record, a [`Page`], ...) with the JSON path of any error:
/// `at value[2]: account.revenue: expected a decimal number, found "abc" at line 1 column 96`.
pub fn from_slice<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| Error {
        path: e.path().to_string(),
        inner: e.into_inner(),
    })?;
    de.end().map_err(|inner| Error {
        path: ".".to_string(),
        inner,
    })?;
    Ok(value)
}

/// [`from_slice`] for text.
pub fn from_str<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, Error> {
    from_slice(body.as_bytes())
}

#[cfg(test)]
mod tests;
