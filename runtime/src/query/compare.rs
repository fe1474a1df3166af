//! Conditions and orderings built from a readable column descriptor: comparisons (`eq`, `ne`,
//! `gt`, `ge`, `lt`, `le`), null tests, the OData string functions (`contains`, `startswith`,
//! `endswith`, text columns only) and `$orderby` terms.
//!
//! Only a column valid for read has a Web API property to filter or order on: these methods
//! exist for columns whose access marker is [`Readable`].

use super::filter::{Cmp, Expr, Filter};
use super::literal::{IntoLiteral, IntoOperand, Ordered};
use crate::column::{access::Readable, Column};
use std::marker::PhantomData;

impl<T, V, A: Readable> Column<T, V, A> {
    fn compare(self, cmp: Cmp, value: impl IntoOperand<T, V>) -> Filter<T> {
        Filter::new(Expr::Compare(self.property(), cmp, value.into_operand()))
    }

    /// `property eq value`: the value is one of the column's type (a choice constant for a
    /// choice column, a row id for a lookup), or another column of the row with the same type.
    pub fn eq(self, value: impl IntoOperand<T, V>) -> Filter<T> {
        self.compare(Cmp::Eq, value)
    }

    /// `property ne value`.
    pub fn ne(self, value: impl IntoOperand<T, V>) -> Filter<T> {
        self.compare(Cmp::Ne, value)
    }

    /// `property eq null`: the column is empty.
    pub fn is_null(self) -> Filter<T> {
        Filter::new(Expr::Null(self.property(), false))
    }

    /// `property ne null`: the column has a value.
    pub fn not_null(self) -> Filter<T> {
        Filter::new(Expr::Null(self.property(), true))
    }

    /// `$orderby=property asc`. A lookup orders by the related row's primary name, a choice
    /// by its integer value (Microsoft Learn, "Order rows using OData").
    pub fn asc(self) -> OrderBy<T> {
        OrderBy::new(self.property(), false)
    }

    /// `$orderby=property desc`.
    pub fn desc(self) -> OrderBy<T> {
        OrderBy::new(self.property(), true)
    }
}

impl<T, V: Ordered, A: Readable> Column<T, V, A> {
    /// `property gt value`.
    pub fn gt(self, value: impl IntoOperand<T, V>) -> Filter<T> {
        self.compare(Cmp::Gt, value)
    }

    /// `property ge value`.
    pub fn ge(self, value: impl IntoOperand<T, V>) -> Filter<T> {
        self.compare(Cmp::Ge, value)
    }

    /// `property lt value`.
    pub fn lt(self, value: impl IntoOperand<T, V>) -> Filter<T> {
        self.compare(Cmp::Lt, value)
    }

    /// `property le value`.
    pub fn le(self, value: impl IntoOperand<T, V>) -> Filter<T> {
        self.compare(Cmp::Le, value)
    }
}

impl<T, A: Readable> Column<T, String, A> {
    fn text(self, function: &'static str, value: impl IntoLiteral<String>) -> Filter<T> {
        Filter::new(Expr::Text(function, self.property(), value.into_literal()))
    }

    /// `contains(property,'value')` (case-insensitive, as every string filter of Dataverse).
    pub fn contains(self, value: impl IntoLiteral<String>) -> Filter<T> {
        self.text("contains", value)
    }

    /// `startswith(property,'value')`.
    #[doc(alias = "startswith")]
    pub fn starts_with(self, value: impl IntoLiteral<String>) -> Filter<T> {
        self.text("startswith", value)
    }

    /// `endswith(property,'value')`.
    #[doc(alias = "endswith")]
    pub fn ends_with(self, value: impl IntoLiteral<String>) -> Filter<T> {
        self.text("endswith", value)
    }
}

/// One `$orderby` term on table `T`: `columns::REVENUE.desc()`.
pub struct OrderBy<T> {
    pub(crate) property: &'static str,
    pub(crate) descending: bool,
    marker: PhantomData<fn() -> T>,
}

impl<T> OrderBy<T> {
    fn new(property: &'static str, descending: bool) -> Self {
        OrderBy {
            property,
            descending,
            marker: PhantomData,
        }
    }

    /// `revenue desc`.
    pub(crate) fn term(&self) -> String {
        let direction = if self.descending { "desc" } else { "asc" };
        format!("{} {direction}", self.property)
    }
}

impl<T> Clone for OrderBy<T> {
    fn clone(&self) -> Self {
        OrderBy::new(self.property, self.descending)
    }
}

impl<T> std::fmt::Debug for OrderBy<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OrderBy({})", self.term())
    }
}
