//! Values in a `$filter`: one literal renderer per column value type, and the traits that say
//! which Rust values a column of each type is compared with.
//!
//! | column value | compared with | OData literal | as a query function parameter |
//! |---|---|---|---|
//! | `String` | `&str`, `String` | `'O''Bryan'` (`'` doubled) | `O'Bryan` |
//! | `i32`, `i64`, `f64`, `Decimal` | the same type | `100000`, `0.875`, `4520000.0000` (exact) | the same |
//! | `bool` | `bool` | `true` | `true` |
//! | `Uuid` | `Uuid` | `70bf4d48-34cb-ed11-b596-0022481d68cd` (bare) | the same |
//! | a choice | its constants (`IndustryCode::TRANSPORTATION`) | `30` | `30` |
//! | a lookup | the row's id (`Uuid`) | the id, bare, against `_x_value` | the id |
//! | [`DateTime`] (user local) | `DateTime` | `2024-01-31T10:00:00Z` (UTC) | the same |
//! | [`Date`] (date only) | `Date` | `2024-01-31` | the same |
//! | [`LocalDateTime`] (time zone independent) | `LocalDateTime` | `2024-01-31T10:00:00Z`: the wall-clock value, not converted | the same |
//!
//! A time zone independent column is an `Edm.DateTimeOffset` on the Web API, whose literals must
//! carry an offset, so its value is written as the Web API writes it: the time as entered, with
//! a `Z` that does not mean UTC (Microsoft Learn, "Behavior and format of the date and time
//! column"). A string compared with a choice column, or a number with a text column, does not
//! compile: `&str` is no `IntoLiteral<IndustryCode>`.

use crate::choice::Choice;
use crate::column::{access::Readable, Column};
use crate::record::Lookup;
use crate::value::{Date, DateTime, LocalDateTime};
use crate::{Decimal, Uuid};
use chrono::SecondsFormat;

/// A value rendered for a filter: its text and whether it is a string (quoted in `$filter`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    text: String,
    string: bool,
}

impl Literal {
    /// A string value: `'text'` in `$filter`.
    pub fn string(text: impl Into<String>) -> Self {
        Literal {
            text: text.into(),
            string: true,
        }
    }

    /// A value written as it is (numbers, GUIDs, dates, booleans).
    fn bare(text: String) -> Self {
        Literal {
            text,
            string: false,
        }
    }

    /// The value as an OData literal: strings single-quoted with `'` doubled, the rest bare.
    pub fn odata(&self) -> String {
        if self.string {
            quote(&self.text)
        } else {
            self.text.clone()
        }
    }

    /// The value as text, what the `PropertyValue(s)` string parameters of Dataverse query
    /// functions take.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A string as an OData string literal: `'O''Bryan'`.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A string as a JSON string, the elements of a query function's `PropertyValues` array: the
/// form Microsoft documents for values with an apostrophe (`["O'Brian"]`).
pub(crate) fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// A value a column with values of type `V` is compared with (`columns::NAME.eq("x")`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value of a column of `{V}`",
    label = "a column of `{V}` is compared with a `{V}` (a choice column with its constants, a lookup with a row id)",
    note = "a string compared with a choice column, or a number with a text column, is refused on purpose"
)]
pub trait IntoLiteral<V> {
    /// The value as a filter literal.
    fn into_literal(self) -> Literal;
}

/// Implements [`IntoLiteral<V>`] and [`IntoOperand<T, V>`] for a value type, from a function
/// of the value to its [`Literal`].
macro_rules! literal {
    ($([$($g:tt)*] $v:ty: $x:ty => $render:expr;)*) => {$(
        impl<$($g)*> IntoLiteral<$v> for $x {
            fn into_literal(self) -> Literal {
                let render: fn($x) -> Literal = $render;
                render(self)
            }
        }

        impl<Table, $($g)*> IntoOperand<Table, $v> for $x {
            fn into_operand(self) -> Operand {
                Operand::Value(<$x as IntoLiteral<$v>>::into_literal(self))
            }
        }
    )*};
}

literal! {
    [] String: &str => |s| Literal::string(s);
    [] String: String => |s| Literal::string(s);
    [] String: &String => |s| Literal::string(s.as_str());
    [] i32: i32 => |n| Literal::bare(n.to_string());
    [] i64: i64 => |n| Literal::bare(n.to_string());
    [] bool: bool => |b| Literal::bare(b.to_string());
    // Digit for digit, with its scale (`4520000.0000`).
    [] Decimal: Decimal => |d| Literal::bare(d.to_string());
    // Lowercase, hyphenated, bare.
    [] Uuid: Uuid => |id| Literal::bare(id.to_string());
    [] f64: f64 => |x| Literal::bare(double(x));
    [] DateTime: DateTime => |d| Literal::bare(d.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    [] Date: Date => |d| Literal::bare(d.format("%Y-%m-%d").to_string());
    [] LocalDateTime: LocalDateTime => |d| Literal::bare(format!("{}Z", d.format("%Y-%m-%dT%H:%M:%S%.f")));
    [C: Choice] C: C => |c| Literal::bare(c.value().to_string());
    // A lookup is compared by the id of the row it points to (`_primarycontactid_value eq <id>`).
    [L: Lookup] L: Uuid => |id| Literal::bare(id.to_string());
}

/// An `Edm.Double` literal: `NaN`, `INF`, `-INF`, or the shortest digits that read back exactly
/// (`Display` never uses an exponent).
fn double(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "INF" } else { "-INF" }.to_string()
    } else {
        x.to_string()
    }
}

/// The right side of a comparison: a value, or another column of the same row and value type
/// (`firstname eq lastname`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// A value.
    Value(Literal),
    /// A column's Web API property.
    Property(&'static str),
}

/// What a column of table `T` with values of type `V` compares with: a value
/// ([`IntoLiteral<V>`]) or a readable column of `T` with the same value type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with a column of `{V}`",
    label = "compare with a `{V}` (a choice column with its constants, a lookup with a row id) or a readable column of the same table and type",
    note = "a string compared with a choice column, or a number with a text column, is refused on purpose"
)]
pub trait IntoOperand<T, V> {
    /// The right side of the comparison.
    fn into_operand(self) -> Operand;
}

impl<T, V, A: Readable> IntoOperand<T, V> for Column<T, V, A> {
    fn into_operand(self) -> Operand {
        Operand::Property(self.property())
    }
}

/// Column value types with an order: `gt`, `ge`, `lt`, `le` and `Between` apply (numbers, text,
/// dates, and choices by their integer).
pub trait Ordered {}

impl Ordered for String {}
impl Ordered for i32 {}
impl Ordered for i64 {}
impl Ordered for f64 {}
impl Ordered for Decimal {}
impl Ordered for DateTime {}
impl Ordered for Date {}
impl Ordered for LocalDateTime {}
impl<C: Choice> Ordered for C {}

/// Date and Time columns of any behaviour: the date query functions (`On`, `LastXDays`, ...)
/// apply.
pub trait Dated {}

impl Dated for DateTime {}
impl Dated for Date {}
impl Dated for LocalDateTime {}

/// Columns that hold a row id (a `Uuid` column such as a primary key, or a lookup): the id
/// functions (`EqualUserId`, `EqualBusinessId`) and the hierarchy functions (`Under`, `Above`)
/// apply.
pub trait Identifier {}

impl Identifier for Uuid {}
impl<L: Lookup> Identifier for L {}
