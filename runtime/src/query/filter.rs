//! `$filter` as a typed expression tree: [`Filter<T>`] is a condition on rows of table `T`,
//! built from its column descriptors (`columns::NAME.eq("x")`), combined with `&`, `|`, `!`
//! (or [`Filter::and`], [`Filter::or`], [`std::ops::Not::not`]) and rendered once, with the
//! parentheses OData's precedence needs.

use super::literal::{json_string, quote, Literal, Operand};
use super::QueryError;
use std::fmt;
use std::marker::PhantomData;

/// A condition on rows of table `T`, for `$filter` (top level or inside an `$expand`), a lambda
/// (`any`/`all`) or a single-valued navigation path.
pub struct Filter<T> {
    pub(crate) expr: Expr,
    marker: PhantomData<fn() -> T>,
}

impl<T> Filter<T> {
    pub(crate) fn new(expr: Expr) -> Self {
        Filter {
            expr,
            marker: PhantomData,
        }
    }

    /// Both conditions hold: `a and b`.
    pub fn and(self, other: Filter<T>) -> Filter<T> {
        Filter::new(Expr::And(Box::new(self.expr), Box::new(other.expr)))
    }

    /// Either condition holds: `a or b`.
    pub fn or(self, other: Filter<T>) -> Filter<T> {
        Filter::new(Expr::Or(Box::new(self.expr), Box::new(other.expr)))
    }

    /// The `$filter` text of this condition, before percent-encoding:
    /// `contains(name,'sample') and revenue gt 5000`.
    pub fn to_odata(&self) -> Result<String, QueryError> {
        render(&self.expr)
    }
}

impl<T> Clone for Filter<T> {
    fn clone(&self) -> Self {
        Filter::new(self.expr.clone())
    }
}

impl<T> PartialEq for Filter<T> {
    fn eq(&self, other: &Self) -> bool {
        self.expr == other.expr
    }
}

impl<T> fmt::Debug for Filter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_odata() {
            Ok(text) => write!(f, "Filter({text})"),
            Err(e) => write!(f, "Filter(invalid: {e})"),
        }
    }
}

impl<T> std::ops::BitAnd for Filter<T> {
    type Output = Filter<T>;

    /// `a & b` is [`Filter::and`].
    fn bitand(self, other: Filter<T>) -> Filter<T> {
        self.and(other)
    }
}

impl<T> std::ops::BitOr for Filter<T> {
    type Output = Filter<T>;

    /// `a | b` is [`Filter::or`].
    fn bitor(self, other: Filter<T>) -> Filter<T> {
        self.or(other)
    }
}

impl<T> std::ops::Not for Filter<T> {
    type Output = Filter<T>;

    /// `!a` is `not a` (a comparison is put in parentheses: `not (name eq 'x')`).
    fn not(self) -> Filter<T> {
        Filter::new(Expr::Not(Box::new(self.expr)))
    }
}

/// The `$filter` text of a condition on the queried rows.
pub(crate) fn render(expr: &Expr) -> Result<String, QueryError> {
    let mut out = String::new();
    expr.render(&mut out, &Scope::default())?;
    Ok(out)
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Cmp {
    fn keyword(self) -> &'static str {
        match self {
            Cmp::Eq => "eq",
            Cmp::Ne => "ne",
            Cmp::Gt => "gt",
            Cmp::Ge => "ge",
            Cmp::Lt => "lt",
            Cmp::Le => "le",
        }
    }
}

/// A parameter of a Dataverse query function after `PropertyName`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Param {
    /// `PropertyValue='text'` (an `Edm.String`).
    Text(String),
    /// `PropertyValue=7` (an `Edm.Int64`).
    Number(i64),
    /// `PropertyValues=["a","b"]` (a `Collection(Edm.String)`).
    List(Vec<String>),
}

/// The tree a [`Filter`] holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// `property op value` or `property op other_property`.
    Compare(&'static str, Cmp, Operand),
    /// `property eq null` (`false`) or `property ne null` (`true`).
    Null(&'static str, bool),
    /// `contains(property,'x')`, `startswith`, `endswith`.
    Text(&'static str, &'static str, Literal),
    /// `Microsoft.Dynamics.CRM.<name>(PropertyName='<logical name>'[,<param>])`.
    Function(&'static str, &'static str, Option<Param>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `<single-valued navigation>/<condition on the related row>`.
    Path(&'static str, Box<Expr>),
    /// `<collection>/any(x:<condition>)`, `all`, or `any()` (no condition).
    Lambda {
        navigation: &'static str,
        all: bool,
        /// The lambda variable's first letter: the related table's.
        letter: char,
        inner: Option<Box<Expr>>,
    },
}

/// Where a condition is rendered: the prefix of its properties (`o/`, `primarycontactid/`) and
/// the lambda variables already in use around it.
#[derive(Debug, Default, Clone)]
struct Scope {
    prefix: String,
    variables: Vec<String>,
}

impl Scope {
    fn property(&self, out: &mut String, property: &str) {
        out.push_str(&self.prefix);
        out.push_str(property);
    }

    /// A variable for a lambda over rows of a table starting with `letter` (the convention
    /// Microsoft documents), numbered when an enclosing lambda has it already.
    fn variable(&self, letter: char) -> String {
        let base = letter.to_ascii_lowercase();
        let base = if base.is_ascii_alphabetic() {
            base
        } else {
            'x'
        };
        let mut name = base.to_string();
        let mut n = 1;
        while self.variables.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }
}

impl Expr {
    /// Whether the condition holds a lambda operator (`any`/`all`).
    fn has_lambda(&self) -> bool {
        match self {
            Expr::Lambda { .. } => true,
            Expr::And(a, b) | Expr::Or(a, b) => a.has_lambda() || b.has_lambda(),
            Expr::Not(a) | Expr::Path(_, a) => a.has_lambda(),
            _ => false,
        }
    }

    /// Binds tighter than `and`/`or` without parentheses: everything but `and`, `or` and the
    /// comparisons (which `not` would otherwise take only the left side of).
    fn is_atom(&self) -> bool {
        matches!(
            self.shape(),
            Expr::Text(..) | Expr::Function(..) | Expr::Lambda { .. } | Expr::Not(_)
        )
    }

    /// The condition a navigation path leads to: what decides its parentheses, since a path
    /// prefixes each property of the condition (`primarycontactid/a eq 1 or primarycontactid/b
    /// eq 2`).
    fn shape(&self) -> &Expr {
        match self {
            Expr::Path(_, inner) => inner.shape(),
            e => e,
        }
    }

    fn render(&self, out: &mut String, scope: &Scope) -> Result<(), QueryError> {
        match self {
            Expr::Compare(property, cmp, operand) => {
                scope.property(out, property);
                out.push(' ');
                out.push_str(cmp.keyword());
                out.push(' ');
                match operand {
                    Operand::Value(value) => out.push_str(&value.odata()),
                    Operand::Property(other) => scope.property(out, other),
                }
            }
            Expr::Null(property, negated) => {
                scope.property(out, property);
                out.push_str(if *negated { " ne null" } else { " eq null" });
            }
            Expr::Text(function, property, value) => {
                out.push_str(function);
                out.push('(');
                scope.property(out, property);
                out.push(',');
                out.push_str(&value.odata());
                out.push(')');
            }
            Expr::Function(name, property, param) => {
                out.push_str(&scope.prefix);
                out.push_str("Microsoft.Dynamics.CRM.");
                out.push_str(name);
                out.push_str("(PropertyName=");
                out.push_str(&quote(property));
                match param {
                    None => {}
                    Some(Param::Text(text)) => {
                        out.push_str(",PropertyValue=");
                        out.push_str(&quote(text));
                    }
                    Some(Param::Number(n)) => out.push_str(&format!(",PropertyValue={n}")),
                    Some(Param::List(values)) => {
                        let values: Vec<String> = values.iter().map(|v| json_string(v)).collect();
                        out.push_str(",PropertyValues=[");
                        out.push_str(&values.join(","));
                        out.push(']');
                    }
                }
                out.push(')');
            }
            Expr::And(a, b) => {
                a.operand(out, scope, Expr::is_or)?;
                out.push_str(" and ");
                b.operand(out, scope, Expr::is_or)?;
            }
            Expr::Or(a, b) => {
                a.operand(out, scope, |_| false)?;
                out.push_str(" or ");
                b.operand(out, scope, |_| false)?;
            }
            Expr::Not(a) => {
                out.push_str("not ");
                a.operand(out, scope, |e| !e.is_atom())?;
            }
            Expr::Path(navigation, inner) => {
                if inner.has_lambda() {
                    return Err(QueryError::LambdaUnderLookup {
                        navigation: navigation.to_string(),
                    });
                }
                let scope = Scope {
                    prefix: format!("{}{navigation}/", scope.prefix),
                    variables: scope.variables.clone(),
                };
                inner.render(out, &scope)?;
            }
            Expr::Lambda {
                navigation,
                all,
                letter,
                inner,
            } => {
                scope.property(out, navigation);
                out.push_str(if *all { "/all(" } else { "/any(" });
                if let Some(inner) = inner {
                    let variable = scope.variable(*letter);
                    out.push_str(&variable);
                    out.push(':');
                    let mut variables = scope.variables.clone();
                    variables.push(variable.clone());
                    let scope = Scope {
                        prefix: format!("{variable}/"),
                        variables,
                    };
                    inner.render(out, &scope)?;
                }
                out.push(')');
            }
        }
        Ok(())
    }

    fn is_or(&self) -> bool {
        matches!(self.shape(), Expr::Or(..))
    }

    /// Renders an operand of `and`/`or`/`not`, in parentheses when `grouped` says so.
    fn operand(
        &self,
        out: &mut String,
        scope: &Scope,
        grouped: impl Fn(&Expr) -> bool,
    ) -> Result<(), QueryError> {
        if grouped(self) {
            out.push('(');
            self.render(out, scope)?;
            out.push(')');
            Ok(())
        } else {
            self.render(out, scope)
        }
    }
}
