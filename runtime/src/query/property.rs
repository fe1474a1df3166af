//! One property of one row (Microsoft Learn, "Retrieve a table row using the Web API":
//! "Retrieve a single property value", "Retrieve the raw value of a property"; "Update and
//! delete table rows": "Update a single property value", "Delete a single property value").
//! Plain columns only: a lookup's row goes through its navigation property
//! ([`retrieve_related`](super::retrieve_related), [`set_reference`](super::set_reference)).

use super::key::Row;
use super::prepared::{Change, Operation, Payload, Prepared, WriteError};
use super::related::UnderRow;
use crate::body::{Set, Value};
use crate::column::access::{Allows, Readable};
use crate::column::{kind, Column};
use crate::record::Table;
use crate::value::Wire;
use crate::{Json, Update};
use http::Method;
use serde::de::{Deserialize, Deserializer, Error as _};
use std::fmt;
use std::marker::PhantomData;

/// `GET <row>/<property>`: see [`retrieve_property`]. Its [`read`](PropertyRequest::read)
/// reads the answer as the column's value type.
pub struct PropertyRequest<V> {
    request: UnderRow,
    marker: PhantomData<fn() -> V>,
}

impl<V> Clone for PropertyRequest<V> {
    fn clone(&self) -> Self {
        PropertyRequest {
            request: self.request.clone(),
            marker: PhantomData,
        }
    }
}

impl<V> fmt::Debug for PropertyRequest<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PropertyRequest")
            .field(&self.request)
            .finish()
    }
}

/// Retrieves one property of a row: `GET accounts(<id>)/name`, answered with
/// `{"value": "Contoso"}` (read it with [`PropertyRequest::read`]).
pub fn retrieve_property<T: Table, V: Value<Kind = kind::Prop>, A: Readable>(
    row: impl Into<Row<T>>,
    column: Column<T, V, A>,
) -> PropertyRequest<V> {
    PropertyRequest {
        request: UnderRow::new(Method::GET, row.into(), column.property(), Payload::None),
        marker: PhantomData,
    }
}

impl<V: Wire> PropertyRequest<V> {
    /// Reads the answer: `{"value": ...}` as the column's value, `None` for `null` and for an
    /// empty answer (`204 No Content`, which OData sends for a null property).
    pub fn read(&self, body: &[u8]) -> Result<Option<V>, crate::Error> {
        if body.trim_ascii().is_empty() {
            return Ok(None);
        }
        crate::from_slice::<PropertyValue<V>>(body).map(|v| v.0)
    }
}

impl<V> PropertyRequest<V> {
    /// `GET accounts(<id>)/name/$value`: the raw value as plain text (`Contoso`), not JSON.
    pub fn raw_value(self) -> RawValueRequest {
        RawValueRequest(self.request.then("/$value"))
    }
}

impl<V> Operation for PropertyRequest<V> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(self.request.prepare())
    }
}

/// `GET <row>/<property>/$value`: see [`PropertyRequest::raw_value`]. The answer is the
/// value as plain text.
#[derive(Debug, Clone)]
pub struct RawValueRequest(UnderRow);

impl Operation for RawValueRequest {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(self.0.prepare())
    }
}

/// `PUT` or `DELETE <row>/<property>`: see [`set_property`] and [`delete_property`]. A write:
/// it goes in a change set.
#[derive(Debug, Clone)]
pub struct PropertyChange(UnderRow);

/// Updates one property of a row: `PUT accounts(<id>)/name` with `{"value": "Contoso"}`.
/// [`Null`](crate::Null) clears it, as Microsoft documents: `DELETE accounts(<id>)/name`
/// ([`delete_property`]). Plain columns valid for update only.
pub fn set_property<T: Table, V: Value<Kind = kind::Prop> + Wire, A: Allows<Update>>(
    row: impl Into<Row<T>>,
    column: Column<T, V, A>,
    value: impl Set<V>,
) -> PropertyChange {
    let property = column.info().property;
    PropertyChange(match value.into_value() {
        Some(value) => {
            let body = format!(r#"{{"value":{}}}"#, value.write().get());
            UnderRow::new(Method::PUT, row.into(), property, Payload::Json(body))
        }
        None => UnderRow::new(Method::DELETE, row.into(), property, Payload::None),
    })
}

/// Clears one property of a row: `DELETE accounts(<id>)/description`.
pub fn delete_property<T: Table, V: Value<Kind = kind::Prop>, A: Allows<Update>>(
    row: impl Into<Row<T>>,
    column: Column<T, V, A>,
) -> PropertyChange {
    let property = column.info().property;
    PropertyChange(UnderRow::new(
        Method::DELETE,
        row.into(),
        property,
        Payload::None,
    ))
}

impl Operation for PropertyChange {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(self.0.prepare())
    }
}

impl Change for PropertyChange {}

/// The answer of a [`retrieve_property`]: `{"@odata.context": "...", "value": "Contoso"}`,
/// `None` for `null` ([`PropertyRequest::read`] also takes an empty answer).
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyValue<V>(pub Option<V>);

impl<'de, V: Wire> Deserialize<'de> for PropertyValue<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Body {
            value: Json,
        }
        let Body { value } = Body::deserialize(d)?;
        if value.is_null() {
            return Ok(PropertyValue(None));
        }
        V::read(&value)
            .map(|v| PropertyValue(Some(v)))
            .ok_or_else(|| {
                D::Error::custom(format_args!(
                    "value: expected {}, found {}",
                    V::EXPECTED,
                    crate::value::found(&value)
                ))
            })
    }
}
