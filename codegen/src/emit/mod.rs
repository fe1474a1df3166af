//! Model + Names -> Rust source text, written straight into one `String` per file
//! (`code::Code`); [`crate::render`] checks it and, for reviewed output, formats it. Pure.
//!
//! What may reach the text, and how:
//! - fixed code, written here: absolute paths to what it means (`::core`, `::std`, the runtime
//!   as `rt`, whose `rt::Option` and `rt::String` no generated name can shadow);
//! - identifiers only from the names stage ([`Names`]), as they are (raw forms `r#type`
//!   included): never page text;
//! - numbers (`i32` values, written as `proc_macro2`'s unsuffixed literals are);
//! - page text only as a string literal (`code::Lit`, escaped as `proc_macro2` escapes it, so
//!   no quote, newline, control or bidirectional character is raw) or as rustdoc ([`docs`]:
//!   `docs::write_doc` neutralizes markdown and drops hazards, then it is written as a
//!   `#[doc = "..."]` literal the same way).
//!
//! [`crate::check::text`] then refuses any hazard character in every file, and, on the
//! formatted path, [`crate::check::ast`] any name defined twice in a scope.
//!
//! Column representation (what a user gets for each column):
//! - String, Memo, EntityName -> `String`; Integer -> `i32`; BigInt -> `i64`; Double -> `f64`;
//!   Boolean -> `bool`; Uniqueidentifier -> `Uuid`.
//! - Picklist, State, Status, and any untyped column that has choice options -> its choice enum;
//!   MultiSelectPicklist -> `MultiSelect<enum>`.
//! - Lookup, Customer, Owner, and any untyped column that has Targets (extension pages state
//!   only the targets they add, never the Type) -> a target enum with one variant per target
//!   (several targets), `Uuid` (one target), or an `EntityReference` (no target listed).
//! - Decimal, Money -> `Decimal` (exact); DateTime -> by behaviour (see [`crate::webapi::DateKind`]):
//!   `DateTime` (UTC), `Date`, or `LocalDateTime`; PartyList -> the parties of its participation
//!   type; Image -> base64 `String`; File -> `Uuid`; ManagedProperty -> `BooleanManagedProperty`.
//! - Every other type (unknown words, untyped columns) -> exact raw JSON (`rt::Json`), said so in
//!   its rustdoc.
//!
//! A record has a field per column that is a Web API property ([`crate::webapi::property`]) and
//! per PartyList column; bodies have a setter per writable column, on the create body, the
//! update body or both ([`crate::webapi::writable`]).

use crate::model::{Column, ColumnType, Model, Relationship, RelationshipKind, Table};
use crate::names::{ColumnNames, Names, TableNames};
use crate::resolve::{ColumnPlan, Plain, Repr, TablePlan};
use crate::webapi::DateKind;
use crate::Layout;
use code::{Code, Lit};
use std::collections::BTreeSet;
use std::fmt::{self, Display};

mod choice;
mod code;
mod columns;
mod deprecation;
mod docs;
mod lookups;
mod metadata;
mod record;
mod target;
#[cfg(test)]
mod tests;

pub use choice::global_choices;
use choice::{choice_enum, state_mapping};
use columns::columns;
use docs::products;
pub use docs::{docs, Docs};
pub use lookups::lookups;
use metadata::{navigation, relationships};
use record::record;
use target::target_enum;

/// The module index: one `pub mod` per table, each including its file from `$OUT_DIR`.
pub fn index(model: &Model, names: &Names) -> String {
    let mut c = Code::default();
    c.push_str(
        r#"/// Global choices: one type per option set that several columns share.
#[allow(deprecated)]
pub mod choices {
include!(concat!(env!("OUT_DIR"), "/choices.rs"));
}
/// The enums of lookups that can point to one table only, shared by every such
/// column (each column's target enum is an alias of one).
pub mod lookups {
include!(concat!(env!("OUT_DIR"), "/lookups.rs"));
}
/// The record type of each generated table, by module name: what navigation
/// properties lead to.
#[allow(non_camel_case_types, deprecated)]
pub mod records {
include!(concat!(env!("OUT_DIR"), "/records.rs"));
}
"#,
    );
    for (logical, t) in &model.tables {
        let Some(n) = names.tables.get(logical) else {
            continue;
        };
        c.doc(format_args!(
            "{} (`{}`).",
            t.display_name.as_deref().unwrap_or(&t.logical_name),
            t.logical_name
        ));
        writeln!(
            c,
            "#[allow(deprecated)]\npub mod {} {{\ninclude!(concat!(env!(\"OUT_DIR\"), {}));\n}}",
            n.module,
            Lit(&format!("/{}", n.file))
        );
    }
    c.into_string()
}

/// The `records` module: per generated table, its record type under the table's module name;
/// in a standalone crate ([`Layout::Crate`]) only with the table's feature, else raw JSON.
/// Navigation properties name the rows they lead to through it, so a table file is the same
/// whichever tables are compiled with it.
pub fn records(model: &Model, names: &Names, layout: Layout) -> String {
    let mut c = Code::default();
    for (logical, n) in &names.tables {
        let name = model
            .tables
            .get(logical)
            .map_or(logical.as_str(), |t| t.logical_name.as_str());
        let (module, record) = (&n.module, &n.record);
        c.doc(format_args!("A `{name}` row."));
        match layout {
            Layout::BuildScript => {
                writeln!(c, "pub type {module} = crate::{module}::{record};");
            }
            Layout::Crate => {
                let feature = Lit(n.module.trim_start_matches("r#"));
                writeln!(
                    c,
                    "#[cfg(feature = {feature})]\npub type {module} = crate::{module}::{record};"
                );
                c.doc(format_args!("A `{name}` row."));
                writeln!(
                    c,
                    "#[cfg(not(feature = {feature}))]\npub type {module} = ::dataverse_runtime::Json;"
                );
            }
        }
    }
    c.into_string()
}

/// One table's module body, written at the end of `out`: a buffer the caller reuses from one
/// table to the next (growing a new `String` for each of a thousand tables costs more than
/// writing them).
pub fn table(out: &mut String, model: &Model, plan: &TablePlan, names: &Names, logical_name: &str) {
    let (Some(t), Some(n)) = (
        model.tables.get(logical_name),
        names.tables.get(logical_name),
    ) else {
        return;
    };
    let set = plan.entity_set.value();
    let mut c = Code::new(std::mem::take(out));
    writeln!(
        c,
        "use ::dataverse_runtime as rt;\n/// The table's logical name.\npub const LOGICAL_NAME: &str = {};",
        Lit(&t.logical_name),
    );
    if plan.entity_set.is_stated() {
        c.doc(format_args!("The Web API entity set name, `{set}`."));
    } else {
        c.doc(format_args!("The Web API entity set name, assumed: the docs do not state it, so this is Dataverse's default plural, `{set}`."));
    }
    writeln!(c, "pub const ENTITY_SET_NAME: &str = {};", Lit(set));
    record(&mut c, t, n, plan);
    columns(&mut c, t, n, plan);
    navigation(&mut c, plan, names, n);
    relationships(&mut c, t, n);
    for (col, cn) in columns_with_names(t, n) {
        choice_enum(&mut c, col, cn);
        state_mapping(&mut c, t, n, col, cn);
        target_enum(&mut c, col, cn);
    }
    *out = c.into_string();
}

/// The field type (without the outer `Option`) of a column planned as `.0`.
struct FieldType<'a>(Repr, &'a ColumnNames);

impl Display for FieldType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let FieldType(repr, cn) = *self;
        f.write_str(match repr {
            Repr::Plain(p) => match p {
                Plain::String => "rt::String",
                Plain::I32 => "i32",
                Plain::I64 => "i64",
                Plain::F64 => "f64",
                Plain::Bool => "bool",
                Plain::Uuid => "rt::Uuid",
                Plain::Decimal => "rt::Decimal",
                Plain::Date(DateKind::Utc) => "rt::DateTime",
                Plain::Date(DateKind::DateOnly) => "rt::Date",
                Plain::Date(DateKind::TimeZoneIndependent) => "rt::LocalDateTime",
                Plain::ManagedProperty => "rt::BooleanManagedProperty",
            },
            Repr::Choice => return ChoiceType(cn).fmt(f),
            Repr::MultiChoice => return write!(f, "rt::MultiSelect<{}>", ChoiceType(cn)),
            Repr::Lookup => ident_of(cn.targets.as_ref().map(|t| &t.ty)),
            Repr::OpenLookup => "rt::EntityReference",
            Repr::Parties(_) => {
                let party = cn
                    .targets
                    .as_ref()
                    .map_or("rt::EntityReference", |t| t.ty.as_str());
                return write!(f, "::std::vec::Vec<rt::Party<{party}>>");
            }
            Repr::Raw => "rt::Json",
        })
    }
}

/// Why a column is kept as raw JSON, for its rustdoc.
fn raw_reason(c: &Column) -> &'static str {
    match c.ty {
        Some(ColumnType::PartyList) => "A PartyList column with no known participation type: its parties cannot be told apart in the activity parties collection, so it is kept as raw JSON.",
        Some(ColumnType::Virtual) => "Virtual columns hold no data of their own: kept as raw JSON.",
        Some(ColumnType::Other(_)) => "An unknown Type: kept as raw JSON.",
        _ => "No page states this column's Type: kept as raw JSON.",
    }
}

/// The column's choice enum: its own, or the shared one of its global choice.
struct ChoiceType<'a>(&'a ColumnNames);

impl Display for ChoiceType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.global_choice {
            Some(global) => write!(f, "crate::choices::{global}"),
            None => f.write_str(ident_of(self.0.choice.as_ref().map(|c| &c.ty))),
        }
    }
}

fn ident_of(name: Option<&String>) -> &str {
    name.map_or("Unnamed", String::as_str)
}

/// The table's relationships with their constant names, in key order.
fn relationships_with_names<'a>(
    t: &'a Table,
    n: &'a TableNames,
) -> impl Iterator<Item = (&'a Relationship, &'a String)> {
    t.relationships
        .iter()
        .filter_map(|(key, r)| Some((r, n.relationships.get(key)?)))
}

/// The table's columns with their names, in logical-name order.
fn columns_with_names<'a>(
    t: &'a Table,
    n: &'a TableNames,
) -> impl Iterator<Item = (&'a Column, &'a ColumnNames)> {
    t.columns
        .iter()
        .filter_map(|(key, c)| Some((c, n.columns.get(key)?)))
}
