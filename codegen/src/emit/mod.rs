//! Model + Names -> tokens. Pure: `quote!` for all code, names only from [`Names`], prose only
//! through [`docs`], which escapes it.
//!
//! Column representation (what a user gets for each column):
//! - String, Memo, EntityName -> `String`; Integer -> `i32`; BigInt -> `i64`; Double -> `f64`;
//!   Boolean -> `bool`; Uniqueidentifier -> `Uuid`.
//! - Picklist, State, Status, and any untyped column that has choice options -> its choice enum;
//!   MultiSelectPicklist -> `MultiSelect<enum>`.
//! - Lookup, Customer, Owner, and any untyped column that has Targets (extension pages state
//!   only the targets they add, never the Type) -> a target enum with one variant per target
//!   (several targets), `Uuid` (one target), or an `EntityReference` (no target listed).
//! - Every other type (Decimal, Money, DateTime, PartyList, Image, File, Virtual, ManagedProperty,
//!   unknown words, untyped columns) -> raw `serde_json::Value`, said so in its rustdoc.

use crate::model::{Column, ColumnType, Model, Relationship, RelationshipKind, Table};
use crate::names::{ColumnNames, Names, TableNames};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

mod body;
mod choice;
mod docs;
mod metadata;
mod record;
mod target;
#[cfg(test)]
mod tests;
mod wire;

use body::body;
pub use choice::global_choices;
use choice::{choice_enum, state_mapping};
pub use docs::docs;
use docs::products;
use metadata::{column_constants, relationships};
use record::record;
use target::target_enum;
use wire::wire;

/// The runtime support module, as generated code names it: every table module imports it as
/// `rt` (a private name no generated item can take, see `names`).
fn rt() -> TokenStream {
    quote!(rt)
}

/// `::core::option::Option`: the standard library by absolute paths, so no generated name
/// (a table called `Option`, a choice called `String`) can shadow what the code means.
fn opt() -> TokenStream {
    quote!(::core::option::Option)
}

fn string() -> TokenStream {
    quote!(::std::string::String)
}

fn result() -> TokenStream {
    quote!(::core::result::Result)
}

/// `Some("x")` or `None`, as an `Option<&'static str>` constant.
fn opt_str(v: Option<&str>) -> TokenStream {
    let opt = opt();
    match v {
        Some(s) => quote!(#opt::Some(#s)),
        None => quote!(#opt::None),
    }
}

/// The serde crate as the derive attributes name it (a path string, not an import).
const SERDE_CRATE: &str = "::dataverse_tables::runtime::serde";

/// The module index: one `pub mod` per table, each including its file from `$OUT_DIR`.
pub fn index(model: &Model, names: &Names) -> TokenStream {
    let mods = model.tables.iter().filter_map(|(logical, t)| {
        let n = names.tables.get(logical)?;
        let module = format_ident!("{}", n.module);
        let file = format!("/{}", n.file);
        let doc = docs(&[format!(
            "{} (`{}`).",
            t.display_name.as_deref().unwrap_or(&t.logical_name),
            t.logical_name
        )]);
        Some(quote! {
            #doc
            pub mod #module {
                include!(concat!(env!("OUT_DIR"), #file));
            }
        })
    });
    quote! {
        /// Global choices: one enum per option set that several columns share.
        pub mod choices {
            include!(concat!(env!("OUT_DIR"), "/choices.rs"));
        }
        #(#mods)*
    }
}

/// One table's module body.
pub fn table(model: &Model, names: &Names, logical_name: &str) -> TokenStream {
    let (Some(t), Some(n)) = (
        model.tables.get(logical_name),
        names.tables.get(logical_name),
    ) else {
        return TokenStream::new();
    };
    let record = record(t, n);
    let body = body(model, t, n);
    let wire = wire(t, n);
    let columns = column_constants(t, n);
    let relationships = relationships(t, n);
    let enums = columns_with_names(t, n).map(|(c, cn)| {
        let choice = choice_enum(c, cn);
        let mapping = state_mapping(t, n, c, cn);
        let targets = target_enum(c, cn);
        quote!(#choice #mapping #targets)
    });
    let logical = &t.logical_name;
    let set = opt_str(t.entity_set_name.as_deref());
    let pid = opt_str(t.primary_id_attribute.as_deref());
    let pname = opt_str(t.primary_name_attribute.as_deref());
    let record_ty = format_ident!("{}", n.record);
    let opt = opt();
    quote! {
        use ::dataverse_tables::runtime as rt;

        /// The table's logical name.
        pub const LOGICAL_NAME: &str = #logical;
        /// The Web API entity set name, when the pages state it.
        pub const ENTITY_SET_NAME: #opt<&str> = #set;
        /// The primary key column, when the pages state it.
        pub const PRIMARY_ID_ATTRIBUTE: #opt<&str> = #pid;
        /// The primary name column, when the pages state it.
        pub const PRIMARY_NAME_ATTRIBUTE: #opt<&str> = #pname;

        impl #record_ty {
            /// The table's logical name.
            pub const LOGICAL_NAME: &'static str = LOGICAL_NAME;
        }

        #record
        #body
        #columns
        #relationships
        #(#enums)*
        #wire
    }
}

/// How one column is represented in Rust.
enum Repr {
    Plain(TokenStream),
    Choice,
    MultiChoice,
    /// A lookup read from `_x_value` (+ annotation).
    Lookup(LookupRepr),
    /// Decimal and Money: exact decimals, read and written as JSON numbers digit for digit.
    Decimal,
    /// A PartyList column: the parties of one participation type in the activity-parties collection.
    Parties(i32),
    Raw,
}

enum LookupRepr {
    /// The target enum: one variant per listed target.
    Targets,
    /// No target listed: an `EntityReference`.
    Open,
}

fn repr(c: &Column, cn: &ColumnNames) -> Repr {
    let rt = rt();
    if c.ty == Some(ColumnType::PartyList) {
        return match crate::model::participation_type_mask(&c.logical_name) {
            Some(mask) => Repr::Parties(mask),
            None => Repr::Raw,
        };
    }
    if c.is_lookup() {
        return Repr::Lookup(match &cn.targets {
            Some(_) => LookupRepr::Targets,
            None => LookupRepr::Open,
        });
    }
    if cn.choice.is_some() || cn.global_choice.is_some() {
        return match c.ty {
            Some(ColumnType::MultiSelectPicklist) => Repr::MultiChoice,
            _ => Repr::Choice,
        };
    }
    match &c.ty {
        Some(ColumnType::String | ColumnType::Memo | ColumnType::EntityName) => {
            Repr::Plain(string())
        }
        Some(ColumnType::Integer) => Repr::Plain(quote!(i32)),
        Some(ColumnType::BigInt) => Repr::Plain(quote!(i64)),
        Some(ColumnType::Double) => Repr::Plain(quote!(f64)),
        Some(ColumnType::Boolean) => Repr::Plain(quote!(bool)),
        Some(ColumnType::Uniqueidentifier) => Repr::Plain(quote!(#rt::Uuid)),
        Some(ColumnType::Decimal | ColumnType::Money) => Repr::Decimal,
        Some(ColumnType::DateTime) if is_date_only(c) => Repr::Plain(quote!(#rt::Date)),
        Some(ColumnType::DateTime) => Repr::Plain(quote!(#rt::DateTime)),
        // Edm.Binary: the Web API sends the image as base64 text.
        Some(ColumnType::Image) => Repr::Plain(string()),
        // The id of the stored file; its bytes come from the column's `$value` endpoint.
        Some(ColumnType::File) => Repr::Plain(quote!(#rt::Uuid)),
        Some(ColumnType::ManagedProperty) => Repr::Plain(quote!(#rt::BooleanManagedProperty)),
        _ => Repr::Raw,
    }
}

/// `DateOnly` behaviour or format: a calendar date (`YYYY-MM-DD` on the wire).
fn is_date_only(c: &Column) -> bool {
    c.datetime_behavior.as_deref() == Some("DateOnly") || c.format.as_deref() == Some("DateOnly")
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

/// The field type (without the outer `Option`).
fn field_type(c: &Column, cn: &ColumnNames) -> TokenStream {
    let rt = rt();
    match repr(c, cn) {
        Repr::Plain(ty) => ty,
        Repr::Choice => choice_type(cn),
        Repr::MultiChoice => {
            let e = choice_type(cn);
            quote!(#rt::MultiSelect<#e>)
        }
        Repr::Lookup(LookupRepr::Targets) => ident_of(cn.targets.as_ref().map(|t| &t.ty)),
        Repr::Lookup(LookupRepr::Open) => quote!(#rt::EntityReference),
        Repr::Decimal => quote!(#rt::Decimal),
        Repr::Parties(_) => {
            let party = match &cn.targets {
                Some(t) => {
                    let ty = format_ident!("{}", t.ty);
                    quote!(#ty)
                }
                None => quote!(#rt::EntityReference),
            };
            quote!(::std::vec::Vec<#rt::Party<#party>>)
        }
        Repr::Raw => quote!(#rt::serde_json::Value),
    }
}

/// The column's choice enum: its own, or the shared one of its global choice.
fn choice_type(cn: &ColumnNames) -> TokenStream {
    match &cn.global_choice {
        Some(global) => {
            let ty = format_ident!("{}", global);
            quote!(crate::choices::#ty)
        }
        None => ident_of(cn.choice.as_ref().map(|c| &c.ty)),
    }
}

fn ident_of(name: Option<&String>) -> TokenStream {
    let name = name.map_or("Unnamed", String::as_str);
    let id = format_ident!("{}", name);
    quote!(#id)
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
