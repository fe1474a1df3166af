//! Dataverse query functions (`Microsoft.Dynamics.CRM.*`, Microsoft Learn "Filter rows using
//! OData", "Dataverse query functions") with typed parameters, as methods of the column
//! descriptors they apply to:
//!
//! - any readable column: [`is_in`](Column::is_in), [`not_in`](Column::not_in);
//! - ordered columns (numbers, text, dates, choices): [`between`](Column::between),
//!   [`not_between`](Column::not_between);
//! - Date and Time columns: [`on`](Column::on), [`on_or_after`](Column::on_or_after),
//!   [`on_or_before`](Column::on_or_before), [`last_x_days`](Column::last_x_days),
//!   [`next_x_days`](Column::next_x_days), [`this_month`](Column::this_month), ...;
//! - id columns (a `Uuid` column or a lookup): [`equal_user_id`](Column::equal_user_id),
//!   [`equal_business_id`](Column::equal_business_id), [`under`](Column::under),
//!   [`above`](Column::above), ...;
//! - multi-select choice columns: [`contain_values`](Column::contain_values),
//!   [`does_not_contain_values`](Column::does_not_contain_values).
//!
//! Each names its column by logical name (`PropertyName='ownerid'`: the attribute the function
//! evaluates, which for a lookup is not its `_ownerid_value` property). Lists are sent as JSON
//! strings (`PropertyValues=["5","2000"]`), the form the docs show for `Between` and require for
//! values with an apostrophe.

use super::filter::{Expr, Filter, Param};
use super::literal::{Dated, Identifier, IntoLiteral, Ordered};
use crate::choice::{Choice, MultiSelect};
use crate::column::{access::Readable, Column};
use crate::value::Date;
use crate::Uuid;

impl<T, V, A: Readable> Column<T, V, A> {
    fn function(self, name: &'static str, param: Option<Param>) -> Filter<T> {
        Filter::new(Expr::Function(name, self.logical_name(), param))
    }

    fn list<I>(values: I) -> Param
    where
        I: IntoIterator,
        I::Item: IntoLiteral<V>,
    {
        Param::List(
            values
                .into_iter()
                .map(|v| v.into_literal().text().to_string())
                .collect(),
        )
    }

    /// `Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=["a","b"])`: the column
    /// equals one of the values.
    #[doc(alias = "In")]
    pub fn is_in<I>(self, values: I) -> Filter<T>
    where
        I: IntoIterator,
        I::Item: IntoLiteral<V>,
    {
        self.function("In", Some(Self::list(values)))
    }

    /// `Microsoft.Dynamics.CRM.NotIn(...)`: the column equals none of the values.
    #[doc(alias = "NotIn")]
    pub fn not_in<I>(self, values: I) -> Filter<T>
    where
        I: IntoIterator,
        I::Item: IntoLiteral<V>,
    {
        self.function("NotIn", Some(Self::list(values)))
    }
}

impl<T, V: Ordered, A: Readable> Column<T, V, A> {
    /// `Microsoft.Dynamics.CRM.Between(PropertyName='x',PropertyValues=["low","high"])`.
    #[doc(alias = "Between")]
    pub fn between(self, low: impl IntoLiteral<V>, high: impl IntoLiteral<V>) -> Filter<T> {
        self.function("Between", Some(range(low, high)))
    }

    /// `Microsoft.Dynamics.CRM.NotBetween(...)`.
    #[doc(alias = "NotBetween")]
    pub fn not_between(self, low: impl IntoLiteral<V>, high: impl IntoLiteral<V>) -> Filter<T> {
        self.function("NotBetween", Some(range(low, high)))
    }
}

/// The two values of `Between`.
fn range<V>(low: impl IntoLiteral<V>, high: impl IntoLiteral<V>) -> Param {
    let text = |l: super::literal::Literal| l.text().to_string();
    Param::List(vec![text(low.into_literal()), text(high.into_literal())])
}

/// Date functions taking a day: `PropertyValue='2024-01-31'`.
macro_rules! on_day {
    ($($(#[$m:meta])* $method:ident = $name:literal;)*) => {$(
        $(#[$m])*
        #[doc(alias = $name)]
        pub fn $method(self, day: Date) -> Filter<T> {
            let day = day.format("%Y-%m-%d").to_string();
            self.function($name, Some(Param::Text(day)))
        }
    )*};
}

/// Date functions taking a count: `PropertyValue=7`.
macro_rules! count {
    ($($(#[$m:meta])* $method:ident = $name:literal;)*) => {$(
        $(#[$m])*
        #[doc(alias = $name)]
        pub fn $method(self, count: u32) -> Filter<T> {
            self.function($name, Some(Param::Number(i64::from(count))))
        }
    )*};
}

/// Functions with no parameter but the column.
macro_rules! bare {
    ($($(#[$m:meta])* $method:ident = $name:literal;)*) => {$(
        $(#[$m])*
        #[doc(alias = $name)]
        pub fn $method(self) -> Filter<T> {
            self.function($name, None)
        }
    )*};
}

impl<T, V: Dated, A: Readable> Column<T, V, A> {
    on_day! {
        /// `Microsoft.Dynamics.CRM.On(PropertyName='x',PropertyValue='2024-01-31')`: on that day.
        on = "On";
        /// `Microsoft.Dynamics.CRM.OnOrAfter(...)`: on that day or later.
        on_or_after = "OnOrAfter";
        /// `Microsoft.Dynamics.CRM.OnOrBefore(...)`: on that day or earlier.
        on_or_before = "OnOrBefore";
    }

    count! {
        /// `Microsoft.Dynamics.CRM.LastXDays(PropertyName='x',PropertyValue=7)`.
        last_x_days = "LastXDays";
        /// `Microsoft.Dynamics.CRM.NextXDays(PropertyName='x',PropertyValue=7)`.
        next_x_days = "NextXDays";
        /// `Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='x',PropertyValue=7)`.
        older_than_x_days = "OlderThanXDays";
        /// `Microsoft.Dynamics.CRM.LastXMonths(PropertyName='x',PropertyValue=3)`.
        last_x_months = "LastXMonths";
        /// `Microsoft.Dynamics.CRM.NextXMonths(PropertyName='x',PropertyValue=3)`.
        next_x_months = "NextXMonths";
    }

    bare! {
        /// `Microsoft.Dynamics.CRM.Today(PropertyName='x')`.
        today = "Today";
        /// `Microsoft.Dynamics.CRM.Yesterday(PropertyName='x')`.
        yesterday = "Yesterday";
        /// `Microsoft.Dynamics.CRM.Tomorrow(PropertyName='x')`.
        tomorrow = "Tomorrow";
        /// `Microsoft.Dynamics.CRM.ThisWeek(PropertyName='x')`.
        this_week = "ThisWeek";
        /// `Microsoft.Dynamics.CRM.ThisMonth(PropertyName='x')`.
        this_month = "ThisMonth";
        /// `Microsoft.Dynamics.CRM.ThisYear(PropertyName='x')`.
        this_year = "ThisYear";
        /// `Microsoft.Dynamics.CRM.LastMonth(PropertyName='x')`.
        last_month = "LastMonth";
        /// `Microsoft.Dynamics.CRM.NextMonth(PropertyName='x')`.
        next_month = "NextMonth";
    }
}

/// Hierarchy functions taking a row id: `PropertyValue='<guid>'`.
macro_rules! row {
    ($($(#[$m:meta])* $method:ident = $name:literal;)*) => {$(
        $(#[$m])*
        #[doc(alias = $name)]
        pub fn $method(self, id: Uuid) -> Filter<T> {
            self.function($name, Some(Param::Text(id.to_string())))
        }
    )*};
}

impl<T, V: Identifier, A: Readable> Column<T, V, A> {
    bare! {
        /// `Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')`: the calling user.
        equal_user_id = "EqualUserId";
        /// `Microsoft.Dynamics.CRM.NotEqualUserId(...)`.
        not_equal_user_id = "NotEqualUserId";
        /// `Microsoft.Dynamics.CRM.EqualBusinessId(PropertyName='owningbusinessunit')`: the
        /// calling user's business unit.
        equal_business_id = "EqualBusinessId";
        /// `Microsoft.Dynamics.CRM.NotEqualBusinessId(...)`.
        not_equal_business_id = "NotEqualBusinessId";
        /// `Microsoft.Dynamics.CRM.EqualUserOrUserTeams(...)`.
        equal_user_or_user_teams = "EqualUserOrUserTeams";
    }

    row! {
        /// `Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='<id>')`: rows
        /// below that row in the table's hierarchy.
        under = "Under";
        /// `Microsoft.Dynamics.CRM.UnderOrEqual(...)`.
        under_or_equal = "UnderOrEqual";
        /// `Microsoft.Dynamics.CRM.NotUnder(...)`.
        not_under = "NotUnder";
        /// `Microsoft.Dynamics.CRM.Above(PropertyName='accountid',PropertyValue='<id>')`: rows
        /// above that row in the hierarchy.
        above = "Above";
        /// `Microsoft.Dynamics.CRM.AboveOrEqual(...)`.
        above_or_equal = "AboveOrEqual";
    }
}

impl<T, C: Choice, A: Readable> Column<T, MultiSelect<C>, A> {
    fn values<I: IntoIterator<Item = C>>(values: I) -> Param {
        Param::List(values.into_iter().map(|c| c.value().to_string()).collect())
    }

    /// `Microsoft.Dynamics.CRM.ContainValues(PropertyName='x',PropertyValues=["2"])`: the
    /// selection holds any of the values.
    #[doc(alias = "ContainValues")]
    pub fn contain_values<I: IntoIterator<Item = C>>(self, values: I) -> Filter<T> {
        self.function("ContainValues", Some(Self::values(values)))
    }

    /// `Microsoft.Dynamics.CRM.DoesNotContainValues(...)`: the selection holds none of them.
    #[doc(alias = "DoesNotContainValues")]
    pub fn does_not_contain_values<I: IntoIterator<Item = C>>(self, values: I) -> Filter<T> {
        self.function("DoesNotContainValues", Some(Self::values(values)))
    }
}
