//! Requests under one row and counts (Microsoft Learn, "Retrieve a table row using the Web
//! API": "Retrieve a single property value", "Retrieve related table records"; "Update and
//! delete table rows": "Update a single property value", "Delete a single property value";
//! "Query data using the Web API": `/$count`).

use super::key::{Row, Target};
use super::prepared::{Change, Operation, Payload, Prepared, WriteError};
use super::request::encode;
use super::write::RetrieveRequest;
use super::{query, Query, Source};
use crate::body::{Set, Value};
use crate::column::access::{Allows, Readable};
use crate::column::{kind, Column};
use crate::page::{Many, One};
use crate::record::Table;
use crate::value::Wire;
use crate::{Json, Update};
use http::Method;
use serde::de::{Deserialize, Deserializer, Error as _};
use std::marker::PhantomData;

/// `/<navigation property>`, encoded.
fn segment(navigation: &str) -> String {
    format!("/{}", encode(navigation))
}

/// Queries the rows related to `row` through a collection-valued navigation property,
/// `GET accounts(<id>)/Account_Tasks?$select=subject`, with every option of a [`Query`] of
/// the related table (read the response into a [`Page`](crate::Page) of its records).
///
/// ```
/// # use dataverse_runtime::{self as rt, Column, Many, ReadError, Reader, Table, Writer};
/// # macro_rules! table { ($t:ident, $n:literal, $s:literal) => {
/// #     #[derive(Debug)] pub struct $t;
/// #     impl Table for $t {
/// #         const LOGICAL_NAME: &'static str = $n;
/// #         const ENTITY_SET_NAME: &'static str = $s;
/// #         fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok($t) }
/// #         fn write<'a>(&'a self, _: &mut Writer<'a>) {}
/// #     }
/// # } }
/// # table!(Account, "account", "accounts");
/// # table!(Task, "task", "tasks");
/// # const ACCOUNT_TASKS: Many<Account, Task> = Many::new("Account_Tasks", "tasks");
/// # const SUBJECT: Column<Task, String> = Column::new("subject");
/// use dataverse_runtime::query::query_related;
/// use dataverse_runtime::Uuid;
///
/// let account = Uuid::from_u128(1);
/// let tasks = query_related(account, ACCOUNT_TASKS).select(SUBJECT).page_size(50);
/// assert_eq!(
///     tasks.path_and_query().unwrap(),
///     "accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject"
/// );
/// ```
pub fn query_related<S: Table, R: Table>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
) -> Query<R> {
    let mut q = query::<R>();
    q.source = match row.into().target(&segment(navigation.name)) {
        Target::Path(path) => Source::Path(path),
        Target::Created(c, _) => Source::Created(c),
        Target::Refused(e) => Source::Refused(e),
    };
    q
}

/// Retrieves the row a single-valued navigation property of `row` leads to:
/// `GET accounts(<id>)/primarycontactid?$select=fullname` (`204 No Content` when the lookup is
/// empty).
pub fn retrieve_related<S: Table, R: Table>(
    row: impl Into<Row<S>>,
    navigation: One<S, R>,
) -> RetrieveRequest<R> {
    RetrieveRequest::of(row.into().target(&segment(navigation.name)))
}

/// `GET <collection>/$count`: the number of rows (up to 5,000), as plain text. See
/// [`count_rows`] and [`count_related`]; read the response with [`read_count`].
pub struct CountRequest<T> {
    query: Query<T>,
}

/// Counts the rows of a table: `GET accounts/$count`. A count of the rows matching a filter
/// is a query's [`count`](Query::count) (`$count=true`, `@odata.count`).
pub fn count_rows<T: Table>() -> CountRequest<T> {
    CountRequest { query: query() }
}

/// Counts the rows related to `row` through a collection-valued navigation property:
/// `GET accounts(<id>)/Account_Tasks/$count`.
pub fn count_related<S: Table, R: Table>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
) -> CountRequest<R> {
    CountRequest {
        query: query_related(row, navigation),
    }
}

impl<T: Table> Operation for CountRequest<T> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let path = self.query.source_path()? + "/$count";
        Ok(Prepared::new(
            Method::GET,
            Target::Path(path),
            Payload::None,
        ))
    }
}

/// Reads the response of a [`CountRequest`]: the plain-text number (`10`), a byte-order mark
/// and surrounding whitespace allowed.
pub fn read_count(body: &[u8]) -> Result<u64, crate::Error> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    serde_json::from_slice(body.trim_ascii()).map_err(|inner| crate::Error {
        path: ".".to_string(),
        inner,
    })
}

/// A request to a path under one row: one property (`GET accounts(<id>)/name`, read into a
/// [`PropertyValue`]; `PUT`, `DELETE`), its raw value, or the references to related rows
/// (`GET accounts(<id>)/Account_Tasks/$ref`, read into a [`Page`](crate::Page) of
/// [`Reference`]). See [`retrieve_property`], [`set_property`], [`delete_property`],
/// [`related_references`].
#[derive(Debug, Clone)]
pub struct RowRequest<M = Read> {
    method: Method,
    target: Target,
    payload: Payload,
    marker: PhantomData<fn() -> M>,
}

/// [`RowRequest`] marker of a `GET`: not in a change set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {}

/// [`RowRequest`] marker of a `PUT` or `DELETE`: a [`Change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {}

impl<M> RowRequest<M> {
    fn new<T: Table>(method: Method, row: Row<T>, property: &str, payload: Payload) -> Self {
        RowRequest {
            method,
            target: row.target(&segment(property)),
            payload,
            marker: PhantomData,
        }
    }
}

/// The references to the rows related to `row` through a collection-valued navigation
/// property: `GET accounts(<id>)/Account_Tasks/$ref`, answered with
/// `{"value": [{"@odata.id": "<root>tasks(<id>)"}, ...]}` (a [`Page`](crate::Page) of
/// [`Reference`]).
pub fn related_references<S: Table, R>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
) -> RowRequest<Read> {
    let mut request = RowRequest::new(Method::GET, row.into(), navigation.name, Payload::None);
    request.target = request.target.then("/$ref");
    request
}

/// A reference to a row, as `$ref` requests return them: `{"@odata.id": "<root>tasks(<id>)"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Reference {
    /// The row's URL.
    #[serde(rename = "@odata.id")]
    pub url: String,
}

impl Reference {
    /// The row's id: the GUID in the URL's last parentheses, when there is one.
    pub fn id(&self) -> Option<crate::Uuid> {
        let (_, key) = self.url.strip_suffix(')')?.rsplit_once('(')?;
        key.parse().ok()
    }
}

/// Retrieves one property of a row: `GET accounts(<id>)/name`, answered with
/// `{"value": "Contoso"}` ([`PropertyValue`]). Plain columns only: a lookup's row is
/// [`retrieve_related`].
pub fn retrieve_property<T: Table, V: Value<Kind = kind::Prop>, A: Readable>(
    row: impl Into<Row<T>>,
    column: Column<T, V, A>,
) -> RowRequest<Read> {
    RowRequest::new(Method::GET, row.into(), column.property(), Payload::None)
}

impl RowRequest<Read> {
    /// `GET accounts(<id>)/name/$value`: the raw value as plain text (`Contoso`), not JSON.
    pub fn raw_value(mut self) -> Self {
        self.target = self.target.then("/$value");
        self
    }
}

/// Updates one property of a row: `PUT accounts(<id>)/name` with `{"value": "Contoso"}`.
/// [`Null`](crate::Null) clears it, as Microsoft documents: `DELETE accounts(<id>)/name`
/// ([`delete_property`]). Plain columns valid for update only: a lookup is set with
/// [`set_reference`](super::set_reference).
pub fn set_property<T: Table, V: Value<Kind = kind::Prop> + Wire, A: Allows<Update>>(
    row: impl Into<Row<T>>,
    column: Column<T, V, A>,
    value: impl Set<V>,
) -> RowRequest<Write> {
    let property = column.info().property;
    match value.into_value() {
        Some(value) => {
            let body = format!(r#"{{"value":{}}}"#, value.write().get());
            RowRequest::new(Method::PUT, row.into(), property, Payload::Json(body))
        }
        None => RowRequest::new(Method::DELETE, row.into(), property, Payload::None),
    }
}

/// Clears one property of a row: `DELETE accounts(<id>)/description`.
pub fn delete_property<T: Table, V: Value<Kind = kind::Prop>, A: Allows<Update>>(
    row: impl Into<Row<T>>,
    column: Column<T, V, A>,
) -> RowRequest<Write> {
    RowRequest::new(
        Method::DELETE,
        row.into(),
        column.info().property,
        Payload::None,
    )
}

impl<M> Operation for RowRequest<M> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(Prepared::new(
            self.method.clone(),
            self.target.clone(),
            self.payload.clone(),
        ))
    }
}

impl Change for RowRequest<Write> {}

/// The response of a [`retrieve_property`]: `{"@odata.context": "...", "value": "Contoso"}`,
/// `None` for `null`.
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
