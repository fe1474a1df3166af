//! Writes and single-row requests as values (Microsoft Learn, "Create a table row", "Update
//! and delete table rows", "Use alternate keys", "Upsert a table row", "Perform conditional
//! operations", "Associate and disassociate table rows"): each renders to an
//! [`http::Request`] with [`Operation::to_request`], or goes into a [`Batch`](super::Batch).

use super::expand::{Expandable, Nested, Selection};
use super::key::{Row, Target};
use super::prepared::{Change, Condition, IntoEtag, Operation, Payload, Prepared, WriteError};
use super::{query, Query};
use crate::body::{Body, Create, Update};
use crate::page::{Many, One};
use crate::record::Table;
use http::Method;

/// What a request returns: `$select`/`$expand` and annotations, held as a [`Query`] whose
/// options the request's URL carries.
struct Returning<T> {
    query: Query<T>,
    /// `Prefer: return=representation` (a create or update returns nothing without it).
    representation: bool,
}

impl<T: Table> Returning<T> {
    fn new() -> Self {
        Returning {
            query: query(),
            representation: false,
        }
    }

    /// `?$select=...&$expand=...` (or nothing) and the `Prefer` values.
    fn render(&self, write: bool) -> Result<(String, Option<String>), WriteError> {
        let url = self.query.path_and_query()?;
        let options = url
            .find('?')
            .map(|i| url[i..].to_string())
            .unwrap_or_default();
        let mut prefer = Vec::new();
        if write && self.representation {
            prefer.push("return=representation".to_string());
        }
        // What the rows need only for a row that comes back; the annotations asked for always
        // (`"*"` also details an error: Microsoft Learn, "Compose HTTP requests and handle
        // errors").
        prefer.extend(self.query.preferences(!write || self.representation));
        Ok((options, (!prefer.is_empty()).then(|| prefer.join(", "))))
    }
}

impl<T: Table> std::fmt::Debug for Returning<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Returning")
            .field("query", &self.query)
            .field("representation", &self.representation)
            .finish()
    }
}

/// `Clone` and `Debug` of a request type without bounds on its table (the derives would ask
/// `T: Clone`, which no record needs to be for its request to be cloned).
macro_rules! clone_debug {
    ($ty:ident { $($field:ident),* }) => {
        impl<T> Clone for $ty<T> {
            fn clone(&self) -> Self {
                $ty { $($field: self.$field.clone()),* }
            }
        }

        impl<T: Table> std::fmt::Debug for $ty<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &self.$field))*
                    .finish()
            }
        }
    };
}

clone_debug!(CreateRequest {
    target,
    body,
    returning
});
clone_debug!(UpdateRequest {
    row,
    body,
    condition,
    returning
});
clone_debug!(DeleteRequest { row, condition });
clone_debug!(RetrieveRequest {
    target,
    condition,
    returning
});

impl<T> Clone for Returning<T> {
    fn clone(&self) -> Self {
        Returning {
            query: self.query.clone(),
            representation: self.representation,
        }
    }
}

/// The `$select` and annotation methods of a request returning a row of `T`, and `$expand`
/// where the Web API takes it (not on an update: "The `$expand` query option is ignored if
/// used", Microsoft Learn, "Update with data returned").
macro_rules! returning {
    ($ty:ident, $what:literal) => {
        impl<T: Table> $ty<T> {
            #[doc = concat!("`$select`: the columns ", $what, " (a descriptor or a tuple of them).")]
            pub fn select(mut self, columns: impl Selection<T>) -> Self {
                self.returning.representation = true;
                self.returning.query = self.returning.query.select(columns);
                self
            }

            /// `Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue"`.
            pub fn formatted_values(mut self) -> Self {
                self.returning.query = self.returning.query.formatted_values();
                self
            }

            /// `Prefer: odata.include-annotations="*"`: every annotation.
            pub fn all_annotations(mut self) -> Self {
                self.returning.query = self.returning.query.all_annotations();
                self
            }

            /// One more annotation in `Prefer: odata.include-annotations`.
            pub fn annotation(mut self, name: &'static str) -> Self {
                self.returning.query = self.returning.query.annotation(name);
                self
            }
        }
    };
    ($ty:ident, $what:literal, expand) => {
        returning!($ty, $what);

        impl<T: Table> $ty<T> {
            #[doc = concat!("`$expand` a navigation property of the row ", $what, " (`|n| n` for no options).")]
            pub fn expand<N, F, S>(mut self, navigation: N, options: F) -> Self
            where
                N: Expandable<T>,
                F: FnOnce(Nested<N::Target, N::Kind>) -> Nested<N::Target, N::Kind, S>,
            {
                self.returning.representation = true;
                self.returning.query = self.returning.query.expand(navigation, options);
                self
            }

            #[doc = concat!("`$expand=<navigation>/$ref`: a reference (`@odata.id`) to the row a single-valued navigation property of the row ", $what, " leads to.")]
            pub fn expand_ref<R>(mut self, navigation: One<T, R>) -> Self {
                self.returning.representation = true;
                self.returning.query = self.returning.query.expand_ref(navigation);
                self
            }
        }
    };
}

/// `POST <entity set>` (or `POST <row>/<collection>`): creates a row from a create body.
/// See [`create`].
pub struct CreateRequest<T> {
    target: Target,
    body: Body<T, Create>,
    returning: Returning<T>,
}

/// Creates a row: `POST accounts` with the body's JSON (`Content-Type: application/json`).
/// [`select`](CreateRequest::select) or [`return_representation`](CreateRequest::return_representation)
/// ask for the created row back (`Prefer: return=representation`).
///
/// ```
/// # use dataverse_runtime::{self as rt, Column, One, ReadError, Reader, Table, Writer};
/// # #[derive(Debug)] pub struct Account;
/// # impl Table for Account {
/// #     const LOGICAL_NAME: &'static str = "account";
/// #     const ENTITY_SET_NAME: &'static str = "accounts";
/// #     fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok(Account) }
/// #     fn write<'a>(&'a self, _: &mut Writer<'a>) {}
/// # }
/// # const NAME: Column<Account, String> = Column::new("name");
/// # fn main() -> Result<(), rt::query::WriteError> {
/// use dataverse_runtime::query::{create, update, Operation};
/// use dataverse_runtime::{Body, Uuid};
///
/// let base = "https://org.crm.dynamics.com/api/data/v9.2/";
/// let post = create(Body::<Account>::new().set(NAME, "Contoso"))
///     .select(NAME)
///     .to_request(base)?;
/// assert_eq!(post.uri(), "https://org.crm.dynamics.com/api/data/v9.2/accounts?$select=name");
/// assert_eq!(post.headers()["prefer"], "return=representation");
///
/// let etag = Some(r#"W/"470867""#.to_string()); // a record's `etag` field
/// let patch = update(Uuid::nil(), Body::<Account, rt::Update>::new().set(NAME, "Fabrikam"))
///     .if_match(&etag)
///     .to_request(base)?;
/// assert_eq!(patch.method(), "PATCH");
/// assert_eq!(patch.headers()["if-match"], r#"W/"470867""#);
/// # Ok(())
/// # }
/// ```
pub fn create<T: Table>(body: Body<T, Create>) -> CreateRequest<T> {
    CreateRequest {
        target: Target::Path(super::request::encode(T::ENTITY_SET_NAME)),
        body,
        returning: Returning::new(),
    }
}

/// Creates a row related to `row` through a collection-valued navigation property:
/// `POST accounts(<id>)/Account_Tasks` (or `POST $1/Account_Tasks` in a change set).
pub fn create_related<S: Table, R: Table>(
    row: impl Into<Row<S>>,
    navigation: Many<S, R>,
    body: Body<R, Create>,
) -> CreateRequest<R> {
    CreateRequest {
        target: row.into().under(navigation.name, ""),
        body,
        returning: Returning::new(),
    }
}

impl<T: Table> CreateRequest<T> {
    /// `Prefer: return=representation`: the created row comes back (`201 Created`), every
    /// column unless [`select`](CreateRequest::select) says which.
    pub fn return_representation(mut self) -> Self {
        self.returning.representation = true;
        self
    }
}

returning!(CreateRequest, "of the created row to return", expand);

impl<T: Table> Operation for CreateRequest<T> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let (options, prefer) = self.returning.render(true)?;
        let target = self.target.clone().then(&options);
        let body = Payload::Json(self.body.to_json()?);
        Ok(Prepared::new(Method::POST, target, body).header("Prefer", prefer))
    }
}

impl<T: Table> Change for CreateRequest<T> {}

/// `PATCH <row>`: an update or an upsert. See [`update`] and [`upsert`].
pub struct UpdateRequest<T> {
    row: Row<T>,
    body: Result<String, crate::BodyError>,
    condition: Condition,
    returning: Returning<T>,
}

/// Updates a row: `PATCH accounts(<id>)` with the update body and `If-Match: *`, as Microsoft's
/// "Basic update" sends it: a `PATCH` without a condition creates a row that does not exist (an
/// upsert; use [`upsert`] for that), so an update of a deleted row fails (`404`) instead of
/// bringing it back. [`if_match`](UpdateRequest::if_match) updates only the version read
/// (optimistic concurrency: `412 Precondition Failed` otherwise).
pub fn update<T: Table>(row: impl Into<Row<T>>, body: Body<T, Update>) -> UpdateRequest<T> {
    upsert(row, body).update_only()
}

/// Upserts a row: `PATCH accounts(<id>)` or by alternate key
/// (`PATCH accounts(accountnumber='ABC')`), creating the row when there is none. The body may
/// be a create or an update body. [`create_only`](UpdateRequest::create_only)
/// (`If-None-Match: *`) prevents the update, [`update_only`](UpdateRequest::update_only)
/// (`If-Match: *`) the create.
pub fn upsert<T: Table, M>(row: impl Into<Row<T>>, body: Body<T, M>) -> UpdateRequest<T> {
    UpdateRequest {
        row: row.into(),
        body: body.to_json(),
        condition: Condition::None,
        returning: Returning::new(),
    }
}

impl<T: Table> UpdateRequest<T> {
    /// `If-Match: <etag>`: only if the row is still the version read (`&record.etag`);
    /// otherwise `412 Precondition Failed`.
    pub fn if_match(mut self, etag: impl IntoEtag) -> Self {
        self.condition = Condition::IfMatch(etag.into_etag());
        self
    }

    /// `If-Match: *`: update only, never create ("Prevent create in upsert").
    pub fn update_only(mut self) -> Self {
        self.condition = Condition::IfMatch(Some("*".to_string()));
        self
    }

    /// `If-None-Match: *`: create only, never update ("Prevent update in upsert").
    pub fn create_only(mut self) -> Self {
        self.condition = Condition::IfNoneMatch(Some("*".to_string()));
        self
    }

    /// `Prefer: return=representation`: the updated row comes back (`200 OK`).
    pub fn return_representation(mut self) -> Self {
        self.returning.representation = true;
        self
    }
}

returning!(UpdateRequest, "of the updated row to return");

impl<T: Table> Operation for UpdateRequest<T> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let (options, prefer) = self.returning.render(true)?;
        let body = Payload::Json(self.body.clone()?);
        let prepared = Prepared::new(Method::PATCH, self.row.target(&options), body);
        self.condition.apply(prepared.header("Prefer", prefer))
    }
}

impl<T: Table> Change for UpdateRequest<T> {}

/// `DELETE <row>`. See [`delete`].
pub struct DeleteRequest<T> {
    row: Row<T>,
    condition: Condition,
}

/// Deletes a row: `DELETE accounts(<id>)` (or by alternate key).
pub fn delete<T: Table>(row: impl Into<Row<T>>) -> DeleteRequest<T> {
    DeleteRequest {
        row: row.into(),
        condition: Condition::None,
    }
}

impl<T: Table> DeleteRequest<T> {
    /// `If-Match: <etag>`: only if the row is still the version read; otherwise
    /// `412 Precondition Failed`.
    pub fn if_match(mut self, etag: impl IntoEtag) -> Self {
        self.condition = Condition::IfMatch(etag.into_etag());
        self
    }
}

impl<T: Table> Operation for DeleteRequest<T> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let prepared = Prepared::new(Method::DELETE, self.row.target(""), Payload::None);
        self.condition.apply(prepared)
    }
}

impl<T: Table> Change for DeleteRequest<T> {}

/// `GET <row>?$select=...&$expand=...`. See [`retrieve`].
pub struct RetrieveRequest<T> {
    /// The row, or the row a single-valued navigation property leads to
    /// (`accounts(<id>)/primarycontactid`).
    pub(super) target: Target,
    condition: Condition,
    returning: Returning<T>,
}

/// Retrieves one row: `GET accounts(<id>)?$select=name` (or by alternate key); read the
/// response with [`from_slice`](crate::from_slice) into the record.
pub fn retrieve<T: Table>(row: impl Into<Row<T>>) -> RetrieveRequest<T> {
    RetrieveRequest::of(row.into().target(""))
}

impl<T: Table> RetrieveRequest<T> {
    pub(super) fn of(target: Target) -> Self {
        RetrieveRequest {
            target,
            condition: Condition::None,
            returning: Returning::new(),
        }
    }
}

impl<T: Table> RetrieveRequest<T> {
    /// `If-None-Match: <etag>`: the row only if it changed since the version read; a
    /// `304 Not Modified` with no body says it did not.
    pub fn if_none_match(mut self, etag: impl IntoEtag) -> Self {
        self.condition = Condition::IfNoneMatch(etag.into_etag());
        self
    }
}

returning!(RetrieveRequest, "to return", expand);

impl<T: Table> Operation for RetrieveRequest<T> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let (options, prefer) = self.returning.render(false)?;
        let target = self.target.clone().then(&options);
        let prepared = Prepared::new(Method::GET, target, Payload::None);
        self.condition.apply(prepared.header("Prefer", prefer))
    }
}

impl<T: Table, L> Operation for Query<T, L> {
    fn prepare(&self) -> Result<Prepared, WriteError> {
        let target = Target::Path(self.path_and_query()?);
        Ok(Prepared::new(Method::GET, target, Payload::None).header("Prefer", self.prefer()))
    }
}
