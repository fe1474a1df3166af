//! What a names lock line is about: an item of the model ([`ItemKey`]) and the role of the name
//! ([`Role`]), both written with Dataverse names and values only.
//!
//! Key syntax (each part is a name [`crate::model::validate()`] accepts, so none holds `.`, `/`,
//! `:`, `=`, `-` or a space):
//!
//! | item | key |
//! |---|---|
//! | table | `account` |
//! | column | `account.statecode` |
//! | choice value | `account.statecode=1` |
//! | lookup target | `account.parentcustomerid->contact` |
//! | relationship | `account/account_primary_contact:many_to_one` |
//! | global choice | `global:budgetstatus` |
//! | global choice value | `global:budgetstatus=2` |
//!
//! Keys sort by table (global choices first), then the table, its columns (each followed by its
//! values in numeric order and its targets), then its relationships: one table's lines stay
//! together in a diff.

use super::case::{is_keyword, unraw};
use crate::model::validate::NameRule;
use crate::model::RelationshipKind;
use std::cmp::Ordering;
use std::fmt;

/// One item of the model that has names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemKey {
    Table {
        table: String,
    },
    Column {
        table: String,
        column: String,
    },
    /// A value of a column's own (local) choice.
    Value {
        table: String,
        column: String,
        value: i32,
    },
    Target {
        table: String,
        column: String,
        target: String,
    },
    Relationship {
        table: String,
        schema: String,
        kind: RelationshipKind,
    },
    Global {
        choice: String,
    },
    GlobalValue {
        choice: String,
        value: i32,
    },
}

/// The order of keys: see the module documentation.
type Order<'a> = (
    u8,
    &'a str,
    u8,
    &'a str,
    u8,
    i32,
    &'a str,
    Option<RelationshipKind>,
);

impl ItemKey {
    fn order(&self) -> Order<'_> {
        match self {
            ItemKey::Global { choice } => (0, choice, 0, "", 0, 0, "", None),
            ItemKey::GlobalValue { choice, value } => (0, choice, 1, "", 0, *value, "", None),
            ItemKey::Table { table } => (1, table, 0, "", 0, 0, "", None),
            ItemKey::Column { table, column } => (1, table, 1, column, 0, 0, "", None),
            ItemKey::Value {
                table,
                column,
                value,
            } => (1, table, 1, column, 1, *value, "", None),
            ItemKey::Target {
                table,
                column,
                target,
            } => (1, table, 1, column, 2, 0, target, None),
            ItemKey::Relationship {
                table,
                schema,
                kind,
            } => (1, table, 2, schema, 0, 0, "", Some(*kind)),
        }
    }

    /// The table the item belongs to (`None` for global choices and their values).
    pub fn table(&self) -> Option<&str> {
        match self {
            ItemKey::Table { table }
            | ItemKey::Column { table, .. }
            | ItemKey::Value { table, .. }
            | ItemKey::Target { table, .. }
            | ItemKey::Relationship { table, .. } => Some(table),
            ItemKey::Global { .. } | ItemKey::GlobalValue { .. } => None,
        }
    }

    /// The global choice the item is or belongs to.
    pub fn global(&self) -> Option<&str> {
        match self {
            ItemKey::Global { choice } | ItemKey::GlobalValue { choice, .. } => Some(choice),
            _ => None,
        }
    }

    /// Whether the item is a choice value (the only items a lock may keep as removed).
    pub fn is_value(&self) -> bool {
        matches!(self, ItemKey::Value { .. } | ItemKey::GlobalValue { .. })
    }

    /// What the item is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            ItemKey::Table { .. } => "table",
            ItemKey::Column { .. } => "column",
            ItemKey::Value { .. } => "choice value",
            ItemKey::Target { .. } => "lookup target",
            ItemKey::Relationship { .. } => "relationship",
            ItemKey::Global { .. } => "global choice",
            ItemKey::GlobalValue { .. } => "global choice value",
        }
    }

    /// The roles an item of this kind has names for.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            ItemKey::Table { .. } => &[Role::Module, Role::Record, Role::Body],
            ItemKey::Column { .. } => &[Role::Field, Role::Constant, Role::Choice, Role::Target],
            ItemKey::Value { .. } | ItemKey::GlobalValue { .. } => &[Role::Constant],
            ItemKey::Target { .. } => &[Role::Variant],
            ItemKey::Relationship { .. } => &[Role::Constant, Role::Navigation],
            ItemKey::Global { .. } => &[Role::Type],
        }
    }
}

impl Ord for ItemKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order().cmp(&other.order())
    }
}

impl PartialOrd for ItemKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

const SIDES: [RelationshipKind; 3] = [
    RelationshipKind::OneToMany,
    RelationshipKind::ManyToOne,
    RelationshipKind::ManyToMany,
];

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemKey::Table { table } => write!(f, "{table}"),
            ItemKey::Column { table, column } => write!(f, "{table}.{column}"),
            ItemKey::Value {
                table,
                column,
                value,
            } => write!(f, "{table}.{column}={value}"),
            ItemKey::Target {
                table,
                column,
                target,
            } => write!(f, "{table}.{column}->{target}"),
            ItemKey::Relationship {
                table,
                schema,
                kind,
            } => write!(f, "{table}/{schema}:{}", kind.word()),
            ItemKey::Global { choice } => write!(f, "{GLOBAL}{choice}"),
            ItemKey::GlobalValue { choice, value } => write!(f, "{GLOBAL}{choice}={value}"),
        }
    }
}

const GLOBAL: &str = "global:";

/// The key syntax, for messages about a key that does not follow it.
pub const KEY_SYNTAX: &str = "`table`, `table.column`, `table.column=value`, `table.column->target`, `table/relationship:side`, `global:choice` or `global:choice=value`";

/// A key that does not parse: the byte offset in the key where the fault is, and what was
/// expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub at: usize,
    pub message: String,
}

impl ItemKey {
    /// Parses a key written as [`ItemKey`]'s `Display` writes it.
    pub fn parse(s: &str) -> Result<ItemKey, KeyError> {
        if let Some(rest) = s.strip_prefix(GLOBAL) {
            let at = GLOBAL.len();
            let (name, value) = match rest.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (rest, None),
            };
            let choice = part(name, at, NameRule::Schema, "global choice name")?;
            return Ok(match value {
                None => ItemKey::Global { choice },
                Some(v) => ItemKey::GlobalValue {
                    choice,
                    value: number(v, at + name.len() + 1)?,
                },
            });
        }
        let end = s.find(['.', '/']).unwrap_or(s.len());
        let table = part(&s[..end], 0, NameRule::Table, "table logical name")?;
        let rest = &s[end..];
        if rest.is_empty() {
            return Ok(ItemKey::Table { table });
        }
        let at = end + 1;
        if let Some(rel) = rest.strip_prefix('/') {
            let Some((schema, side)) = rel.split_once(':') else {
                return Err(KeyError {
                    at: s.len(),
                    message: "expected `:one_to_many`, `:many_to_one` or `:many_to_many` after the relationship's schema name".to_string(),
                });
            };
            let schema = part(schema, at, NameRule::Schema, "relationship schema name")?;
            let side_at = s.len() - side.len();
            let kind = SIDES
                .into_iter()
                .find(|k| k.word() == side)
                .ok_or_else(|| KeyError {
                    at: side_at,
                    message: format!(
                        "`{side}` is not a relationship side: expected `one_to_many`, `many_to_one` or `many_to_many`"
                    ),
                })?;
            return Ok(ItemKey::Relationship {
                table,
                schema,
                kind,
            });
        }
        // `rest` starts with `.`: a column, then maybe `=value` or `->target`.
        let rest = &rest[1..];
        let end = [rest.find('='), rest.find("->")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        let column = part(&rest[..end], at, NameRule::Column, "column logical name")?;
        let tail = &rest[end..];
        let tail_at = at + end;
        if tail.is_empty() {
            Ok(ItemKey::Column { table, column })
        } else if let Some(v) = tail.strip_prefix('=') {
            Ok(ItemKey::Value {
                table,
                column,
                value: number(v, tail_at + 1)?,
            })
        } else {
            let target = tail.strip_prefix("->").unwrap_or(tail);
            let target = part(target, tail_at + 2, NameRule::Table, "lookup target")?;
            Ok(ItemKey::Target {
                table,
                column,
                target,
            })
        }
    }
}

fn part(s: &str, at: usize, rule: NameRule, what: &str) -> Result<String, KeyError> {
    if rule.accepts(s) {
        return Ok(s.to_string());
    }
    let message = if s.is_empty() {
        format!(
            "expected a {what} here ({}): an item key is {KEY_SYNTAX}",
            rule.expected()
        )
    } else {
        format!(
            "`{s}` is not a {what}: expected {} (an item key is {KEY_SYNTAX})",
            rule.expected()
        )
    };
    Err(KeyError { at, message })
}

fn number(s: &str, at: usize) -> Result<i32, KeyError> {
    let canonical = s.parse::<i32>().ok().filter(|v| v.to_string() == s);
    canonical.ok_or_else(|| KeyError {
        at,
        message: format!(
            "`{s}` is not a choice value: expected an integer from -2147483648 to 2147483647, written without `+` or leading zeros"
        ),
    })
}

/// What a name is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A table's module (and, without its `r#`, its file's stem).
    Module,
    /// A table's record type.
    Record,
    /// A table's create/update body type.
    Body,
    /// A column's record field and body setter.
    Field,
    /// A column's constant (`columns::X`, `attributes::X`), a choice value's associated constant,
    /// a relationship's constant.
    Constant,
    /// A column's own choice type.
    Choice,
    /// A lookup column's target type.
    Target,
    /// A lookup target's variant.
    Variant,
    /// A global choice's type in the `choices` module.
    Type,
    /// A relationship's navigation property constant.
    Navigation,
}

pub const ROLES: [Role; 10] = [
    Role::Module,
    Role::Record,
    Role::Body,
    Role::Field,
    Role::Constant,
    Role::Choice,
    Role::Target,
    Role::Variant,
    Role::Type,
    Role::Navigation,
];

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::Module => "module",
            Role::Record => "record",
            Role::Body => "body",
            Role::Field => "field",
            Role::Constant => "constant",
            Role::Choice => "choice",
            Role::Target => "target",
            Role::Variant => "variant",
            Role::Type => "type",
            Role::Navigation => "navigation",
        }
    }

    pub fn parse(word: &str) -> Option<Role> {
        ROLES.into_iter().find(|r| r.word() == word)
    }

    /// How a name of this role is spelled.
    pub fn style(self) -> Style {
        match self {
            Role::Module | Role::Field => Style::Snake,
            Role::Record
            | Role::Body
            | Role::Choice
            | Role::Target
            | Role::Variant
            | Role::Type => Style::Camel,
            Role::Constant | Role::Navigation => Style::Screaming,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The spelling of a generated identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `sample_name`, `r#type`: modules and fields.
    Snake,
    /// `SampleProfile`: types and variants.
    Camel,
    /// `SAMPLE_NAME`: constants.
    Screaming,
}

impl Style {
    /// What the style accepts, for messages.
    pub fn expected(self) -> &'static str {
        match self {
            Style::Snake => "a snake_case identifier: ASCII lower-case letters, digits and `_`, not starting with a digit, with `r#` before a keyword (`r#type`), never `self`, `super`, `crate` or `_`",
            Style::Camel => "an UpperCamelCase identifier: an ASCII upper-case letter, then ASCII letters and digits, never `Self`",
            Style::Screaming => "a SCREAMING_SNAKE_CASE identifier: an ASCII upper-case letter, then ASCII upper-case letters, digits and `_`",
        }
    }

    /// Whether `ident` is an identifier of this style that generated code can use as it is.
    pub fn accepts(self, ident: &str) -> bool {
        let bytes = ident.as_bytes();
        let Some(&first) = bytes.first() else {
            return false;
        };
        let rest = &bytes[1..];
        match self {
            Style::Snake => {
                if let Some(word) = ident.strip_prefix("r#") {
                    return is_keyword(word);
                }
                let lower = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_';
                (first.is_ascii_lowercase() || first == b'_')
                    && rest.iter().all(lower)
                    && !is_keyword(ident)
                    && !matches!(unraw(ident), "_" | "self" | "super" | "crate")
            }
            Style::Camel => {
                first.is_ascii_uppercase()
                    && rest.iter().all(u8::is_ascii_alphanumeric)
                    && ident != "Self"
            }
            Style::Screaming => {
                let upper = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_';
                first.is_ascii_uppercase() && rest.iter().all(upper)
            }
        }
    }
}
