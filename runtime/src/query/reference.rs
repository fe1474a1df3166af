//! Associating and disassociating rows through `$ref` (Microsoft Learn, "Associate and
//! disassociate table rows"): collection-valued navigation properties take [`associate`] and
//! [`disassociate`], single-valued ones [`set_reference`] and [`clear_reference`], so a form
//! the Web API refuses for the kind does not compile.

use super::key::{ContentId, Row, Target};
use super::prepared::{Change, Operation, Payload, Prepared, WriteError};
use crate::body::Body;
use crate::page::{Many, One};
use crate::record::Table;
use crate::Uuid;
use http::Method;

/// A related row named by its id, or by the `Content-ID` of the change-set request that
/// created it (`$2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Related {
    /// The row's id.
    Id(Uuid),
    /// `$2`.
    Created(ContentId),
}

impl From<Uuid> for Related {
    fn from(id: Uuid) -> Self {
        Related::Id(id)
    }
}

impl From<ContentId> for Related {
    fn from(id: ContentId) -> Self {
        Related::Created(id)
    }
}

impl Related {
    fn target(self, entity_set: &str) -> Target {
        match self {
            Related::Id(id) => {
                Target::Path(format!("{}({id})", super::request::encode(entity_set)))
            }
            Related::Created(c) => Target::Created(c, String::new()),
        }
    }
}

/// A `$ref` request: associates or disassociates rows. See [`associate`], [`disassociate`],
/// [`set_reference`], [`clear_reference`].
#[derive(Debug, Clone)]
pub struct RefRequest {
    method: Method,
    target: Target,
    payload: Payload,
}

/// Associates a row through a collection-valued navigation property:
/// `POST accounts(<id>)/Account_Tasks/$ref` with `{"@odata.id": "<root>tasks(<other>)"}`.
pub fn associate<S: Table, R>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
    other: impl Into<Related>,
) -> RefRequest {
    RefRequest {
        method: Method::POST,
        target: row.into().under(navigation.name, "/$ref"),
        payload: Payload::Reference(other.into().target(navigation.entity_set)),
    }
}

/// Disassociates a row from a collection-valued navigation property:
/// `DELETE accounts(<id>)/Account_Tasks(<other>)/$ref`.
pub fn disassociate<S: Table, R>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
    other: Uuid,
) -> RefRequest {
    RefRequest {
        method: Method::DELETE,
        target: row
            .into()
            .under(navigation.name, &format!("({other})/$ref")),
        payload: Payload::None,
    }
}

/// Sets a single-valued navigation property: `PUT accounts(<id>)/primarycontactid/$ref` with
/// `{"@odata.id": "<root>contacts(<other>)"}`.
/// A collection-valued navigation property has no single-valued `$ref` (use [`associate`]):
///
/// ```compile_fail,E0308
/// # use dataverse_runtime::{Many, ReadError, Reader, Table, Uuid, Writer};
/// # #[derive(Debug)] pub struct Account;
/// # impl Table for Account {
/// #     const LOGICAL_NAME: &'static str = "account";
/// #     const ENTITY_SET_NAME: &'static str = "accounts";
/// #     fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok(Account) }
/// #     fn write<'a>(&'a self, _: &mut Writer<'a>) {}
/// # }
/// # const ACCOUNT_TASKS: Many<Account, Account> = Many::new("Account_Tasks", "tasks");
/// let _ = dataverse_runtime::query::set_reference(Uuid::nil(), ACCOUNT_TASKS, Uuid::nil());
/// ```
pub fn set_reference<S: Table, R>(
    row: impl Into<Row<S>>,
    navigation: One<S, R>,
    other: impl Into<Related>,
) -> RefRequest {
    RefRequest {
        method: Method::PUT,
        target: row.into().under(navigation.name, "/$ref"),
        payload: Payload::Reference(other.into().target(navigation.entity_set)),
    }
}

/// Clears a single-valued navigation property: `DELETE accounts(<id>)/primarycontactid/$ref`.
pub fn clear_reference<S: Table, R>(row: impl Into<Row<S>>, navigation: One<S, R>) -> RefRequest {
    RefRequest {
        method: Method::DELETE,
        target: row.into().under(navigation.name, "/$ref"),
        payload: Payload::None,
    }
}

impl Operation for RefRequest {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        Ok(Prepared::new(
            self.method.clone(),
            self.target.clone(),
            self.payload.clone(),
        ))
    }
}

impl Change for RefRequest {}

impl<T, M> Body<T, M> {
    /// Binds a single-valued navigation property to the row a request earlier in the same
    /// `$batch` change set created: `"primarycontactid@odata.bind": "$1"`.
    pub fn bind_created<R>(self, navigation: One<T, R>, created: ContentId) -> Self {
        let key = format!("{}@odata.bind", navigation.name);
        self.raw(&key, &created.reference())
    }
}
