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
use crate::resolve::{Plain, Repr, TablePlan};
use crate::webapi::DateKind;
use crate::Layout;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

mod choice;
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
pub use docs::docs;
use docs::products;
pub use lookups::{lookups, SharedLookups};
use metadata::{navigation, relationships};
use record::record;
use target::target_enum;

/// The runtime support module, as generated code names it: every table module imports it as
/// `rt` (a private name no generated item can take, see `names`).
fn rt() -> TokenStream {
    quote!(rt)
}

/// `Option` and `String` through the runtime (`rt::Option`): never a bare name, so no generated
/// name (a table called `Option`, a choice called `String`) can shadow what the code means.
fn opt() -> TokenStream {
    quote!(rt::Option)
}

fn string() -> TokenStream {
    quote!(rt::String)
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
pub fn table(
    model: &Model,
    plan: &TablePlan,
    names: &Names,
    shared: &SharedLookups,
    logical_name: &str,
) -> TokenStream {
    let (Some(t), Some(n)) = (
        model.tables.get(logical_name),
        names.tables.get(logical_name),
    ) else {
        return TokenStream::new();
    };
    let record = record(t, n, plan);
    let columns = columns(t, n, plan);
    let navigation = navigation(model, names, t, n);
    let relationships = relationships(t, n);
    let enums = columns_with_names(t, n).map(|(c, cn)| {
        let choice = choice_enum(c, cn);
        let mapping = state_mapping(t, n, c, cn);
        let targets = target_enum(c, cn, shared);
        quote!(#choice #mapping #targets)
    });
    let logical = &t.logical_name;
    let set = plan.entity_set.value();
    let set_doc = if plan.entity_set.is_stated() {
        format!("The Web API entity set name, `{set}`.")
    } else {
        format!("The Web API entity set name, assumed: the docs do not state it, so this is Dataverse's default plural, `{set}`.")
    };
    let set_doc = docs(&[set_doc]);
    quote! {
        use ::dataverse_runtime as rt;

        /// The table's logical name.
        pub const LOGICAL_NAME: &str = #logical;
        #set_doc
        pub const ENTITY_SET_NAME: &str = #set;

        #record
        #columns
        #navigation
        #relationships
        #(#enums)*
    }
}

/// The field type (without the outer `Option`) of a column planned as `repr`.
fn field_type(repr: Repr, cn: &ColumnNames) -> TokenStream {
    let rt = rt();
    match repr {
        Repr::Plain(p) => match p {
            Plain::String => string(),
            Plain::I32 => quote!(i32),
            Plain::I64 => quote!(i64),
            Plain::F64 => quote!(f64),
            Plain::Bool => quote!(bool),
            Plain::Uuid => quote!(#rt::Uuid),
            Plain::Decimal => quote!(#rt::Decimal),
            Plain::Date(DateKind::Utc) => quote!(#rt::DateTime),
            Plain::Date(DateKind::DateOnly) => quote!(#rt::Date),
            Plain::Date(DateKind::TimeZoneIndependent) => quote!(#rt::LocalDateTime),
            Plain::ManagedProperty => quote!(#rt::BooleanManagedProperty),
        },
        Repr::Choice => choice_type(cn),
        Repr::MultiChoice => {
            let e = choice_type(cn);
            quote!(#rt::MultiSelect<#e>)
        }
        Repr::Lookup => ident_of(cn.targets.as_ref().map(|t| &t.ty)),
        Repr::OpenLookup => quote!(#rt::EntityReference),
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
