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
use crate::webapi::DateKind;
use crate::Layout;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

mod body;
mod choice;
mod deprecation;
mod docs;
mod metadata;
mod record;
mod target;
#[cfg(test)]
mod tests;

use body::body;
pub use choice::global_choices;
use choice::{choice_enum, state_mapping};
pub use docs::docs;
use docs::products;
use metadata::{attribute_constants, bindings, column_constants, navigation, relationships};
use record::record;
use target::target_enum;

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
            #[allow(deprecated)]
            pub mod #module {
                include!(concat!(env!("OUT_DIR"), #file));
            }
        })
    });
    quote! {
        /// Global choices: one type per option set that several columns share.
        #[allow(deprecated)]
        pub mod choices {
            include!(concat!(env!("OUT_DIR"), "/choices.rs"));
        }
        /// The record type of each generated table, by module name: what navigation
        /// properties lead to.
        #[allow(non_camel_case_types)]
        pub mod records {
            include!(concat!(env!("OUT_DIR"), "/records.rs"));
        }
        #(#mods)*
    }
}

/// The `records` module: per generated table, its record type under the table's module name;
/// in a standalone crate ([`Layout::Crate`]) only with the table's feature, else raw JSON.
/// Navigation properties name the rows they lead to through it, so a table file is the same
/// whichever tables are compiled with it.
pub fn records(model: &Model, names: &Names, layout: Layout) -> TokenStream {
    let aliases = names.tables.iter().map(|(logical, n)| {
        let alias = format_ident!("{}", n.module);
        let module = format_ident!("{}", n.module);
        let record = format_ident!("{}", n.record);
        let name = model
            .tables
            .get(logical)
            .map_or(logical.as_str(), |t| t.logical_name.as_str());
        let doc = docs(&[format!("A `{name}` row.")]);
        match layout {
            Layout::BuildScript => quote! {
                #doc
                pub type #alias = crate::#module::#record;
            },
            Layout::Crate => {
                let feature = n.module.trim_start_matches("r#");
                quote! {
                    #doc
                    #[cfg(feature = #feature)]
                    pub type #alias = crate::#module::#record;
                    #doc
                    #[cfg(not(feature = #feature))]
                    pub type #alias = ::dataverse_runtime::Json;
                }
            }
        }
    });
    quote!(#(#aliases)*)
}

/// One table's module body.
pub fn table(model: &Model, names: &Names, logical_name: &str) -> TokenStream {
    let (Some(t), Some(n)) = (
        model.tables.get(logical_name),
        names.tables.get(logical_name),
    ) else {
        return TokenStream::new();
    };
    let record = record(model, t, n);
    let body = body(model, t, n);
    let columns = column_constants(t, n);
    let attributes = attribute_constants(t, n);
    let navigation = navigation(model, names, t, n);
    let bindings = bindings(model, t, n);
    let relationships = relationships(t, n);
    let enums = columns_with_names(t, n).map(|(c, cn)| {
        let choice = choice_enum(c, cn);
        let mapping = state_mapping(t, n, c, cn);
        let targets = target_enum(c, cn);
        quote!(#choice #mapping #targets)
    });
    let logical = &t.logical_name;
    let (set, stated) = model.entity_set(logical);
    let set_doc = if stated {
        format!("The Web API entity set name, `{set}`.")
    } else {
        format!("The Web API entity set name, assumed: the docs do not state it, so this is Dataverse's default plural, `{set}`.")
    };
    let set_doc = docs(&[set_doc]);
    let pid = opt_str(t.primary_id_attribute.as_deref());
    let pname = opt_str(t.primary_name_attribute.as_deref());
    let opt = opt();
    quote! {
        use ::dataverse_runtime as rt;

        /// The table's logical name.
        pub const LOGICAL_NAME: &str = #logical;
        #set_doc
        pub const ENTITY_SET_NAME: &str = #set;
        /// The primary key column, when the pages state it.
        pub const PRIMARY_ID_ATTRIBUTE: #opt<&str> = #pid;
        /// The primary name column, when the pages state it.
        pub const PRIMARY_NAME_ATTRIBUTE: #opt<&str> = #pname;

        #record
        #body
        #columns
        #attributes
        #navigation
        #bindings
        #relationships
        #(#enums)*
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
        Some(ColumnType::DateTime) => Repr::Plain(match crate::webapi::date_kind(c) {
            DateKind::Utc => quote!(#rt::DateTime),
            DateKind::DateOnly => quote!(#rt::Date),
            DateKind::TimeZoneIndependent => quote!(#rt::LocalDateTime),
        }),
        // Edm.Binary: the Web API sends the image as base64 text.
        Some(ColumnType::Image) => Repr::Plain(string()),
        // The id of the stored file; its bytes come from the column's `$value` endpoint.
        Some(ColumnType::File) => Repr::Plain(quote!(#rt::Uuid)),
        Some(ColumnType::ManagedProperty) => Repr::Plain(quote!(#rt::BooleanManagedProperty)),
        _ => Repr::Raw,
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
        Repr::Raw => quote!(#rt::Json),
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
