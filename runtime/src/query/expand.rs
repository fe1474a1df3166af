//! `$expand` ([`Nested`], the options of one expansion, with the Web API's rules as type
//! states) and filters through navigation properties: a single-valued one filters through its
//! row (`navigation::PRIMARYCONTACTID.matches(contact::columns::FULLNAME.eq("x"))` is
//! `primarycontactid/fullname eq 'x'`), a collection-valued one through `any`/`all`
//! (`Account_Tasks/all(t:t/statecode eq 1)`).

use super::filter::{Expr, Filter};
use super::Options;
use crate::column::{access::Readable, Column};
use crate::page::{Many, One};
use crate::record::{Rows, Table};
use std::marker::PhantomData;

/// The kind and state markers of [`Nested`].
pub mod state {
    /// A single-valued navigation property's expansion.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Single {}
    /// A collection-valued navigation property's expansion.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Collection {}
    /// Neither ordered, limited nor expanding further: everything is still allowed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Open {}
    /// Has `$orderby` or `$top`: no nested `$expand`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Limited {}
    /// Has a nested `$expand`: no `$orderby` or `$top`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Expanding {}

    /// The states that may still order and limit ([`Open`], [`Limited`]).
    pub trait MayLimit: sealed::Sealed {}
    impl MayLimit for Open {}
    impl MayLimit for Limited {}

    /// The states that may still expand ([`Open`], [`Expanding`]).
    pub trait MayExpand: sealed::Sealed {}
    impl MayExpand for Open {}
    impl MayExpand for Expanding {}

    mod sealed {
        pub trait Sealed {}
        impl Sealed for super::Open {}
        impl Sealed for super::Limited {}
        impl Sealed for super::Expanding {}
    }
}

use state::{Collection, Expanding, Limited, MayExpand, MayLimit, Open, Single};

/// Columns to `$select` from table `T`: one readable column descriptor, or a tuple of them
/// (`(columns::NAME, columns::REVENUE)`). A column that is not valid for read has no Web API
/// property and is refused at compile time.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be selected from this table",
    label = "only readable columns of the queried table (or tuples of them) can be selected",
    note = "a column of another table does not fit: select the columns of `{T}` (or of the expanded table inside `expand`)"
)]
pub trait Selection<T> {
    /// Adds the columns' Web API properties.
    fn properties(self, out: &mut Selected);
}

/// What a `$select` collects: the properties, and whether one of them needs the
/// `lookuplogicalname` annotation ([`ColumnInfo::needs_lookup_table`](crate::ColumnInfo::needs_lookup_table)).
#[derive(Debug, Default)]
pub struct Selected {
    pub(crate) properties: Vec<&'static str>,
    pub(crate) lookup_tables: bool,
}

impl<T, V, A: Readable> Selection<T> for Column<T, V, A> {
    fn properties(self, out: &mut Selected) {
        out.properties.push(self.property());
        out.lookup_tables |= self.info().needs_lookup_table();
    }
}

macro_rules! tuples {
    ($(($($c:ident),+))*) => {$(
        #[allow(non_snake_case)]
        impl<T, $($c: Selection<T>),+> Selection<T> for ($($c,)+) {
            fn properties(self, out: &mut Selected) {
                let ($($c,)+) = self;
                $($c.properties(out);)+
            }
        }
    )*};
}

tuples! {
    (A) (A, B) (A, B, C) (A, B, C, D) (A, B, C, D, E) (A, B, C, D, E, F) (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H) (A, B, C, D, E, F, G, H, I) (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K) (A, B, C, D, E, F, G, H, I, J, K, L)
}

/// A navigation property of table `S` that `$expand` takes: [`One`] or [`Many`].
pub trait Expandable<S> {
    /// The related rows' type (a generated record, or `Json` for a table not generated).
    type Target: Rows;
    /// [`Single`] or [`Collection`].
    type Kind;
    /// The navigation property's name.
    fn navigation(&self) -> &'static str;
    /// Whether it is collection-valued.
    const COLLECTION: bool;
}

impl<S, R: Rows> Expandable<S> for One<S, R> {
    type Target = R;
    type Kind = Single;
    const COLLECTION: bool = false;

    fn navigation(&self) -> &'static str {
        self.name
    }
}

impl<S, R: Rows> Expandable<S> for Many<S, R> {
    type Target = R;
    type Kind = Collection;
    const COLLECTION: bool = true;

    fn navigation(&self) -> &'static str {
        self.name
    }
}

/// The options of one expanded navigation property whose rows are `R`: what the closure of
/// `expand` receives and returns. `K` is [`Single`] or [`Collection`]; `S` is the
/// collection's state ([`Open`], [`Limited`], [`Expanding`]).
///
/// What the Web API allows inside depends on the navigation property (Microsoft Learn, "Join
/// tables using OData"):
///
/// - single-valued ([`One`], a lookup): `$select` and a nested `$expand`;
/// - collection-valued ([`Many`]): `$select`, `$filter`, `$orderby`, `$top` and a nested
///   `$expand`, but `$orderby` and `$top` are "not supported with nested `$expand`": a
///   collection expansion that orders or limits ([`Limited`]) has no `expand`, and one that
///   expands ([`Expanding`]) has no `order_by` or `top`. A nested `$expand` elsewhere in the
///   query turns the same rule on for every collection expansion: that is checked when the
///   request is built ([`QueryError::OrderOrTopWithNestedExpand`](super::QueryError)).
pub struct Nested<R, K, S = Open> {
    pub(crate) options: Options,
    marker: PhantomData<Marker<R, K, S>>,
}

/// Only the parameters' names matter: `Send + Sync` whatever they are.
type Marker<R, K, S> = fn() -> (R, K, S);

impl<R, K, S> Clone for Nested<R, K, S> {
    fn clone(&self) -> Self {
        Nested::new(self.options.clone())
    }
}

impl<R, K, S> std::fmt::Debug for Nested<R, K, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Nested").field(&self.options).finish()
    }
}

impl<R, K, S> Nested<R, K, S> {
    pub(crate) fn new(options: Options) -> Self {
        Nested {
            options,
            marker: PhantomData,
        }
    }

    fn into<S2>(self) -> Nested<R, K, S2> {
        Nested::new(self.options)
    }

    /// `$select`: the related rows' columns to return.
    pub fn select(mut self, columns: impl Selection<R>) -> Self {
        self.options.select(columns);
        self
    }
}

impl<R: Rows> Nested<R, Single> {
    /// A nested `$expand` of a navigation property of the related row.
    pub fn expand<N, F, S2>(mut self, navigation: N, options: F) -> Self
    where
        N: Expandable<R>,
        F: FnOnce(Nested<N::Target, N::Kind>) -> Nested<N::Target, N::Kind, S2>,
    {
        self.options.expand(navigation, options);
        self
    }
}

impl<R, S> Nested<R, Collection, S> {
    /// `$filter`: which related rows to return (a second call adds its condition with `and`).
    pub fn filter(mut self, filter: Filter<R>) -> Self {
        self.options.filter(filter.expr);
        self
    }
}

impl<R, S: MayLimit> Nested<R, Collection, S> {
    /// `$orderby` (a second call adds a term after the first).
    pub fn order_by(mut self, order: super::OrderBy<R>) -> Nested<R, Collection, Limited> {
        self.options.order_by.push(order.term());
        self.into()
    }

    /// `$top`: at most this many related rows.
    pub fn top(mut self, rows: u32) -> Nested<R, Collection, Limited> {
        self.options.top = Some(rows);
        self.into()
    }
}

impl<R: Rows, S: MayExpand> Nested<R, Collection, S> {
    /// A nested `$expand` of a navigation property of the related rows.
    pub fn expand<N, F, S2>(mut self, navigation: N, options: F) -> Nested<R, Collection, Expanding>
    where
        N: Expandable<R>,
        F: FnOnce(Nested<N::Target, N::Kind>) -> Nested<N::Target, N::Kind, S2>,
    {
        self.options.expand(navigation, options);
        self.into()
    }
}

impl<S, R> One<S, R> {
    /// A condition on the related row, through this single-valued navigation property:
    /// `primarycontactid/fullname eq 'x'`. A condition holding `any`/`all` is refused when the
    /// request is built: Dataverse does not support lambdas under a lookup.
    pub fn matches(self, filter: Filter<R>) -> Filter<S> {
        Filter::new(Expr::Path(self.name, Box::new(filter.expr)))
    }
}

impl<S, R: Table> Many<S, R> {
    fn lambda(self, all: bool, inner: Option<Expr>) -> Filter<S> {
        Filter::new(Expr::Lambda {
            navigation: self.name,
            all,
            letter: R::LOGICAL_NAME.chars().next().unwrap_or('x'),
            inner: inner.map(Box::new),
        })
    }

    /// `Account_Emails/any(e:contains(e/subject,'x'))`: some related row matches. The
    /// variable is the related table's first letter, as Microsoft's examples name it.
    pub fn any(self, filter: Filter<R>) -> Filter<S> {
        self.lambda(false, Some(filter.expr))
    }

    /// `Account_Tasks/all(t:t/statecode eq 1)`: every related row matches.
    pub fn all(self, filter: Filter<R>) -> Filter<S> {
        self.lambda(true, Some(filter.expr))
    }

    /// `Account_Tasks/any()`: there is at least one related row.
    pub fn not_empty(self) -> Filter<S> {
        self.lambda(false, None)
    }
}
