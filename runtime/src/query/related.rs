//! Requests under one row, through its navigation properties, and counts (Microsoft Learn,
//! "Retrieve a table row using the Web API": "Retrieve navigation property values"; "Query
//! data using the Web API": `/$count`). One property of a row is in [`property`](super::property).

use super::key::{Row, Target};
use super::prepared::{Operation, Payload, Prepared, WriteError};
use super::request::encode;
use super::write::RetrieveRequest;
use super::{query, Query};
use crate::page::{Many, One};
use crate::record::Table;
use http::Method;

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
    q.under = Some(row.into().under(navigation.name, ""));
    q
}

/// Retrieves the row a single-valued navigation property of `row` leads to:
/// `GET accounts(<id>)/primarycontactid?$select=fullname` (`204 No Content` when the lookup is
/// empty).
pub fn retrieve_related<S: Table, R: Table>(
    row: impl Into<Row<S>>,
    navigation: One<S, R>,
) -> RetrieveRequest<R> {
    RetrieveRequest::of(row.into().under(navigation.name, ""))
}

/// `GET <collection>/$count`: the number of rows (up to 5,000), as plain text. See
/// [`count_rows`] and [`count_related`]; read the answer with [`read_count`].
#[derive(Debug, Clone)]
pub struct CountRequest(Target);

/// Counts the rows of a table: `GET accounts/$count`. A count of the rows matching a filter
/// is a query's [`count`](Query::count) (`$count=true`, `@odata.count`).
pub fn count_rows<T: Table>() -> CountRequest {
    CountRequest(Target::Path(format!(
        "{}/$count",
        encode(T::ENTITY_SET_NAME)
    )))
}

/// Counts the rows related to `row` through a collection-valued navigation property:
/// `GET accounts(<id>)/Account_Tasks/$count` (of a generated table or not).
pub fn count_related<S: Table, R>(row: impl Into<Row<S>>, navigation: Many<S, R>) -> CountRequest {
    CountRequest(row.into().under(navigation.name, "/$count"))
}

impl Operation for CountRequest {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(Prepared::new(Method::GET, self.0.clone(), Payload::None))
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

/// A request to a path under one row, the part every kind shares.
#[derive(Debug, Clone)]
pub(super) struct UnderRow {
    method: Method,
    target: Target,
    payload: Payload,
}

impl UnderRow {
    /// `<row>/<segment>` (encoded).
    pub(super) fn new<T: Table>(method: Method, row: Row<T>, path: &str, payload: Payload) -> Self {
        UnderRow {
            method,
            target: row.under(path, ""),
            payload,
        }
    }

    /// The same request to `<path>/<suffix>` (`/$value`, `/$ref`).
    pub(super) fn then(mut self, suffix: &str) -> Self {
        self.target = self.target.then(suffix);
        self
    }

    pub(super) fn prepare(&self) -> Prepared {
        Prepared::new(
            self.method.clone(),
            self.target.clone(),
            self.payload.clone(),
        )
    }
}

/// `GET <row>/<collection>/$ref`: see [`related_references`].
#[derive(Debug, Clone)]
pub struct ReferencesRequest(UnderRow);

/// The references to the rows related to `row` through a collection-valued navigation
/// property: `GET accounts(<id>)/Account_Tasks/$ref`, answered with
/// `{"value": [{"@odata.id": "<root>tasks(<id>)"}, ...]}` (a [`Page`](crate::Page) of
/// [`Reference`]).
pub fn related_references<S: Table, R>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
) -> ReferencesRequest {
    ReferencesRequest(
        UnderRow::new(Method::GET, row.into(), navigation.name, Payload::None).then("/$ref"),
    )
}

impl Operation for ReferencesRequest {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(self.0.prepare())
    }
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
