//! Typed queries as values: a [`Query`] on a generated table renders to an
//! [`http::Request`] for the Web API, with no I/O (send it with any HTTP client, read the
//! response with [`from_slice`](crate::from_slice) into a [`Page`](crate::Page)).
//!
//! ```
//! # use dataverse_runtime::{self as rt, Column, Many, ReadError, Reader, Table, Writer};
//! # macro_rules! table { ($t:ident, $n:literal, $s:literal) => {
//! #     #[derive(Debug)] pub struct $t;
//! #     impl Table for $t {
//! #         const LOGICAL_NAME: &'static str = $n;
//! #         const ENTITY_SET_NAME: &'static str = $s;
//! #         fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok($t) }
//! #         fn write<'a>(&'a self, _: &mut Writer<'a>) {}
//! #     }
//! # } }
//! # table!(Account, "account", "accounts");
//! # table!(Task, "task", "tasks");
//! # mod columns { use super::*;
//! #     pub const NAME: Column<Account, String> = Column::new("name");
//! #     pub const REVENUE: Column<Account, rt::Decimal> = Column::new("revenue");
//! # }
//! # mod navigation { use super::*;
//! #     pub const ACCOUNT_TASKS: Many<Account, Task> = Many::new("Account_Tasks", "tasks");
//! # }
//! # mod task { use super::*;
//! #     pub const SUBJECT: Column<Task, String> = Column::new("subject");
//! #     pub const CREATEDON: Column<Task, rt::DateTime> = Column::new("createdon");
//! # }
//! # fn main() -> Result<(), rt::QueryError> {
//! use dataverse_runtime::{query, Decimal};
//!
//! let request = query::<Account>()
//!     .select((columns::NAME, columns::REVENUE))
//!     .filter(columns::NAME.contains("sample") & columns::REVENUE.gt(Decimal::from(5000)))
//!     .expand(navigation::ACCOUNT_TASKS, |tasks| {
//!         tasks
//!             .select(task::SUBJECT)
//!             .filter(task::SUBJECT.contains("Task"))
//!             .order_by(task::CREATEDON.desc())
//!     })
//!     .order_by(columns::REVENUE.desc())
//!     .top(3)
//!     .formatted_values()
//!     .to_request("https://org.crm.dynamics.com/api/data/v9.2/")?;
//! assert_eq!(
//!     request.uri(),
//!     "https://org.crm.dynamics.com/api/data/v9.2/accounts?$select=name,revenue\
//!      &$filter=contains(name,'sample')%20and%20revenue%20gt%205000\
//!      &$orderby=revenue%20desc&$top=3\
//!      &$expand=Account_Tasks($select=subject;$filter=contains(subject,'Task');$orderby=createdon%20desc)"
//! );
//! assert_eq!(
//!     request.headers()["prefer"],
//!     r#"odata.include-annotations="OData.Community.Display.V1.FormattedValue""#
//! );
//! # Ok(())
//! # }
//! ```
//!
//! What the server documents as invalid does not compile ([`select`](Query::select) of a column
//! not valid for read, a string compared with a choice column, `contains` on a number, `$top`
//! with a page size, `$orderby` on a collection expansion that expands further, `/$ref` on a
//! collection), or is refused by [`to_request`](Query::to_request) with a [`QueryError`] (more
//! than 15 `$expand`, a lambda under a lookup, a URL over 32,768 characters, an alternate key
//! value with a character Dataverse does not take in keys).
//!
//! Beyond queries: writes ([`create`], [`update`], [`upsert`], [`delete`], with conditions and
//! [`WriteHeaders`]), requests under one row ([`query_related`], [`retrieve_related`],
//! [`retrieve_property`], [`set_property`], [`related_references`], [`count_related`]),
//! associations ([`associate`], [`set_reference`]), [`initialize_from`], and [`Batch`]; every
//! request renders with [`Operation::to_request`] and prints with [`describe`].
//!
#![doc = include_str!("refused.md")]

mod batch;
mod compare;
mod expand;
mod filter;
mod functions;
mod headers;
mod initialize;
mod key;
mod literal;
mod prepared;
mod property;
mod reference;
mod related;
mod request;
mod response;
mod write;

pub use batch::{Batch, ChangeSet, MAX_BATCH_REQUESTS, MAX_BATCH_URL_LENGTH};
pub use compare::OrderBy;
pub use expand::{state, Expandable, Nested, Selected, Selection};
pub use filter::Filter;
pub use headers::{CustomLogic, WithHeaders, WriteHeaders};
pub use initialize::{initialize_from, InitializeRequest, TargetFields};
pub use key::{ContentId, Key, Row, UNSUPPORTED_KEY_CHARACTERS};
pub use literal::{quote, Dated, Identifier, IntoLiteral, IntoOperand, Literal, Operand, Ordered};
pub use prepared::{describe, Change, IntoEtag, Operation, Prepared, WriteError};
pub use property::{
    delete_property, retrieve_property, set_property, PropertyChange, PropertyRequest,
    PropertyValue, RawValueRequest,
};
pub use reference::{associate, clear_reference, disassociate, set_reference, RefRequest, Related};
pub use related::{
    count_related, count_rows, query_related, read_count, related_references, retrieve_related,
    CountRequest, Reference, ReferencesRequest,
};
pub use request::{QueryError, MAX_EXPANSIONS, MAX_PAGE_SIZE, MAX_URL_LENGTH};
pub use response::{BatchError, BatchItem, BatchResponse, PartResponse};
pub use write::{
    create, create_related, delete, retrieve, update, upsert, CreateRequest, DeleteRequest,
    RetrieveRequest, UpdateRequest,
};

use crate::page::One;
use crate::record::{Rows, Table};
use filter::Expr;
use std::marker::PhantomData;

/// The limit markers of a [`Query`]: `$top` and `Prefer: odata.maxpagesize` exclude each other
/// ("Don't use `$top` with the `Prefer: odata.maxpagesize` request header. If you include both,
/// `$top` is ignored", Microsoft Learn, "Page results using OData").
pub mod limit {
    /// Neither `$top` nor a page size.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Unlimited {}
    /// `$top`: no page size.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Top {}
    /// `Prefer: odata.maxpagesize`: no `$top`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Paged {}

    /// [`Unlimited`] or [`Top`]: `top` is allowed.
    pub trait MayTop: sealed::Sealed {}
    impl MayTop for Unlimited {}
    impl MayTop for Top {}

    /// [`Unlimited`] or [`Paged`]: `page_size` is allowed.
    pub trait MayPage: sealed::Sealed {}
    impl MayPage for Unlimited {}
    impl MayPage for Paged {}

    mod sealed {
        pub trait Sealed {}
        impl Sealed for super::Unlimited {}
        impl Sealed for super::Top {}
        impl Sealed for super::Paged {}
    }
}

/// A query of the rows of table `T` (`GET <entity set>?...`): see the
/// [module documentation](self). `L` tracks `$top` against the page size ([`limit`]).
pub struct Query<T, L = limit::Unlimited> {
    /// A row's collection-valued navigation property queried (`accounts(<id>)/Account_Tasks`)
    /// instead of the table's entity set.
    under: Option<key::Target>,
    options: Options,
    count: bool,
    page_size: Option<u32>,
    annotations: Vec<&'static str>,
    marker: PhantomData<fn() -> (T, L)>,
}

impl<T, L> Clone for Query<T, L> {
    fn clone(&self) -> Self {
        Query {
            under: self.under.clone(),
            options: self.options.clone(),
            count: self.count,
            page_size: self.page_size,
            annotations: self.annotations.clone(),
            marker: PhantomData,
        }
    }
}

impl<T: Table, L> std::fmt::Debug for Query<T, L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.path_and_query() {
            Ok(url) => write!(f, "Query({url}")?,
            Err(e) => write!(f, "Query({}: invalid: {e}", T::ENTITY_SET_NAME)?,
        }
        match self.prefer() {
            Some(prefer) => write!(f, "; Prefer: {prefer})"),
            None => f.write_str(")"),
        }
    }
}

/// A query of every row of table `T`, to narrow with [`Query`]'s methods.
pub fn query<T: Table>() -> Query<T> {
    Query {
        under: None,
        options: Options::of::<T>(),
        count: false,
        page_size: None,
        annotations: Vec::new(),
        marker: PhantomData,
    }
}

impl<T: Table, L> Query<T, L> {
    fn into<L2>(self) -> Query<T, L2> {
        Query {
            under: self.under,
            options: self.options,
            count: self.count,
            page_size: self.page_size,
            annotations: self.annotations,
            marker: PhantomData,
        }
    }

    /// `$select`: the columns to return (a descriptor or a tuple of them; a second call adds
    /// more). A lookup selects its `_x_value` property. Without it, every column comes back.
    pub fn select(mut self, columns: impl Selection<T>) -> Self {
        self.options.select(columns);
        self
    }

    /// `$filter`: which rows to return (a second call adds its condition with `and`).
    pub fn filter(mut self, filter: Filter<T>) -> Self {
        self.options.filter(filter.expr);
        self
    }

    /// `$orderby` (a second call adds a term after the first): `columns::REVENUE.desc()`.
    pub fn order_by(mut self, order: OrderBy<T>) -> Self {
        self.options.order_by.push(order.term());
        self
    }

    /// `$count=true`: the page's [`count`](crate::Page::count) of matching rows (at most 5,000).
    pub fn count(mut self) -> Self {
        self.count = true;
        self
    }

    /// `$expand` a navigation property of `T`; the closure sets the expansion's own options
    /// (`|n| n` for none). See [`Nested`] for what each kind allows.
    pub fn expand<N, F, S>(mut self, navigation: N, options: F) -> Self
    where
        N: Expandable<T>,
        F: FnOnce(Nested<N::Target, N::Kind>) -> Nested<N::Target, N::Kind, S>,
    {
        self.options.expand(navigation, options);
        self
    }

    /// `$expand=<navigation>/$ref`: references (`@odata.id`) to the related rows instead of
    /// their data. Only single-valued navigation properties take `/$ref`.
    pub fn expand_ref<R>(mut self, navigation: One<T, R>) -> Self {
        self.options.expand.push(Expansion {
            navigation: navigation.name,
            collection: false,
            form: Form::Reference,
        });
        self
    }

    /// `Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue"`:
    /// labels of choices, names of lookups' rows, formatted numbers and dates
    /// ([`Extra::formatted`](crate::Extra::formatted)).
    pub fn formatted_values(self) -> Self {
        self.annotation(crate::record::FORMATTED_VALUE)
    }

    /// `Prefer: odata.include-annotations="*"`: every annotation (formatted values, lookups'
    /// tables and navigation properties, ...).
    pub fn all_annotations(self) -> Self {
        self.annotation("*")
    }

    /// One more annotation in `Prefer: odata.include-annotations`
    /// (`Microsoft.Dynamics.CRM.lookuplogicalname`, ...).
    pub fn annotation(mut self, name: &'static str) -> Self {
        if !self.annotations.contains(&name) {
            self.annotations.push(name);
        }
        self
    }
}

impl<T: Table, L: limit::MayTop> Query<T, L> {
    /// `$top`: at most this many rows. Not with [`page_size`](Query::page_size): the type
    /// leaves it out once `top` is set.
    pub fn top(mut self, rows: u32) -> Query<T, limit::Top> {
        self.options.top = Some(rows);
        self.into()
    }
}

impl<T: Table, L: limit::MayPage> Query<T, L> {
    /// `Prefer: odata.maxpagesize=n`: pages of at most `n` rows (1 to 5,000), the next one
    /// requested with [`Page::next_request`](crate::Page::next_request). Not with
    /// [`top`](Query::top).
    pub fn page_size(mut self, rows: u32) -> Query<T, limit::Paged> {
        self.page_size = Some(rows);
        self.into()
    }
}

/// The options of a query or of one expansion, as they are rendered.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Options {
    select: Vec<&'static str>,
    /// A selected column needs the `lookuplogicalname` annotation.
    select_lookup_tables: bool,
    /// Every column (no `$select`) needs it: the rows' [`Rows::LOOKUP_TABLES`].
    all_lookup_tables: bool,
    filter: Option<Expr>,
    order_by: Vec<String>,
    top: Option<u32>,
    expand: Vec<Expansion>,
}

/// One `$expand` item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expansion {
    navigation: &'static str,
    collection: bool,
    form: Form,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Form {
    /// `nav(<options>)`, or `nav` with none.
    Options(Options),
    /// `nav/$ref`.
    Reference,
}

impl Options {
    /// No options yet, for rows of `R`.
    fn of<R: Rows>() -> Self {
        Options {
            all_lookup_tables: R::LOOKUP_TABLES,
            ..Options::default()
        }
    }

    fn select<T>(&mut self, columns: impl Selection<T>) {
        let mut selected = Selected::default();
        columns.properties(&mut selected);
        for p in selected.properties {
            if !self.select.contains(&p) {
                self.select.push(p);
            }
        }
        self.select_lookup_tables |= selected.lookup_tables;
    }

    /// The rows returned, here or in an expansion, need the `lookuplogicalname` annotation to
    /// read whole: a selected column does, or every column does and none is selected.
    fn needs_lookup_tables(&self) -> bool {
        let here = if self.select.is_empty() {
            self.all_lookup_tables
        } else {
            self.select_lookup_tables
        };
        here || self.expand.iter().any(|e| match &e.form {
            Form::Options(o) => o.needs_lookup_tables(),
            Form::Reference => false,
        })
    }

    fn filter(&mut self, expr: Expr) {
        self.filter = Some(match self.filter.take() {
            Some(before) => Expr::And(Box::new(before), Box::new(expr)),
            None => expr,
        });
    }

    fn expand<P: Rows, N, F, S>(&mut self, navigation: N, options: F)
    where
        N: Expandable<P>,
        F: FnOnce(Nested<N::Target, N::Kind>) -> Nested<N::Target, N::Kind, S>,
    {
        let mut nested = options(Nested::new(Options::of::<N::Target>()));
        let name = navigation.navigation();
        // The parties of an activity whose PartyList columns have several targets: each
        // party's table is only in the annotation, whatever is selected of the party rows.
        if P::PARTIES == Some(name) {
            nested.options.all_lookup_tables = true;
            nested.options.select_lookup_tables = true;
        }
        self.expand.push(Expansion {
            navigation: name,
            collection: N::COLLECTION,
            form: Form::Options(nested.options),
        });
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_annotations;
#[cfg(test)]
mod tests_literal;
#[cfg(test)]
mod tests_related;
#[cfg(test)]
mod tests_response;
#[cfg(test)]
mod tests_rules;
#[cfg(test)]
mod tests_write;
