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

fn record(t: &Table, n: &TableNames) -> TokenStream {
    let rt = rt();
    let ty = format_ident!("{}", n.record);
    let wire = format!("wire::{}", n.record);
    let mut lines = vec![format!(
        "{} (`{}`): one row, as the Web API returns it.",
        t.display_name.as_deref().unwrap_or(&t.logical_name),
        t.logical_name
    )];
    if let Some(d) = &t.description {
        lines.push(String::new());
        lines.push(d.clone());
    }
    lines.push(String::new());
    lines.push(format!(
        "Described by: {}.",
        products(t.origins.iter().map(|o| o.product.as_deref()))
    ));
    let doc = docs(&lines);
    let (opt, string) = (opt(), string());
    let fields = columns_with_names(t, n).map(|(c, cn)| {
        let f = format_ident!("{}", cn.field);
        let ty = field_type(c, cn);
        let doc = docs(&column_doc(c, cn));
        quote! {
            #doc
            pub #f: #opt<#ty>,
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, #rt::serde::Deserialize)]
        #[serde(crate = #SERDE_CRATE, from = #wire)]
        pub struct #ty {
            /// The row version (`@odata.etag`), for `If-Match` on update and delete.
            pub etag: #opt<#string>,
            #(#fields)*
        }
    }
}

fn column_doc(c: &Column, cn: &ColumnNames) -> Vec<String> {
    let mut lines = Vec::new();
    match (&c.display_name, &c.description) {
        (Some(d), Some(desc)) if d != desc => lines.push(format!("{d}: {desc}")),
        (Some(d), _) => lines.push(d.clone()),
        (None, Some(desc)) => lines.push(desc.clone()),
        (None, None) => lines.push(format!("`{}`", c.schema_name)),
    }
    lines.push(String::new());
    let ty = match &c.ty {
        Some(t) => format!("`{}`", t.word()),
        None if c.is_lookup() => "not stated (a lookup: it has Targets)".to_string(),
        None if c.is_choice() => "not stated (a choice: it has options)".to_string(),
        None => "not stated".to_string(),
    };
    lines.push(format!("Logical name `{}`; type {ty}.", c.logical_name));
    if !c.targets.is_empty() {
        let targets: Vec<String> = c
            .target_origins
            .iter()
            .map(|(t, o)| {
                format!(
                    "`{t}` ({})",
                    products(o.iter().map(|s| s.0.product.as_deref()))
                )
            })
            .collect();
        lines.push(format!("Targets: {}.", targets.join(", ")));
    }
    if matches!(repr(c, cn), Repr::Raw) {
        lines.push(raw_reason(c).to_string());
    }
    lines.push(format!(
        "From: {}.",
        products(c.origins.iter().map(|s| s.0.product.as_deref()))
    ));
    lines
}

/// `Microsoft Dynamics 365 Customer Service, Microsoft Dynamics 365 Sales`
fn products<'a>(ps: impl Iterator<Item = Option<&'a str>>) -> String {
    let set: BTreeSet<&str> = ps.map(|p| p.unwrap_or("unnamed product")).collect();
    set.into_iter().collect::<Vec<_>>().join(", ")
}

fn column_constants(t: &Table, n: &TableNames) -> TokenStream {
    let consts = columns_with_names(t, n).map(|(c, cn)| {
        let id = format_ident!("{}", cn.constant);
        let name = &c.logical_name;
        let doc = docs(&[format!("`{name}`")]);
        quote!(#doc pub const #id: &str = #name;)
    });
    let all = columns_with_names(t, n).map(|(_, cn)| format_ident!("{}", cn.constant));
    quote! {
        /// Column logical names, for `$select` and `$filter`.
        pub mod columns {
            #(#consts)*
            /// Every column, sorted.
            pub const ALL: &[&str] = &[#(#all),*];
        }
    }
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

fn relationships(t: &Table, n: &TableNames) -> TokenStream {
    let consts = relationships_with_names(t, n).map(|(r, name)| {
        let id = format_ident!("{}", name);
        let value = relationship_value(r);
        let doc = docs(&[
            format!("`{}`", r.schema_name),
            String::new(),
            format!(
                "From: {}.",
                products(r.origins.iter().map(|s| s.0.product.as_deref()))
            ),
        ]);
        quote!(#doc pub const #id: Relationship = #value;)
    });
    let all = relationships_with_names(t, n).map(|(_, name)| format_ident!("{}", name));
    quote! {
        /// The table's relationships, with their cascade configuration.
        pub mod relationships {
            #[allow(unused_imports)]
            use ::dataverse_tables::runtime::{CascadeConfiguration, CascadeType, Relationship, RelationshipKind};
            #(#consts)*
            /// Every relationship, sorted by schema name.
            pub const ALL: &[Relationship] = &[#(#all),*];
        }
    }
}

/// One relationship constant's value. The `relationships` module holds no user-named items,
/// so it imports the runtime types and the prelude's `Some`/`None` can be used unqualified.
fn relationship_value(r: &Relationship) -> TokenStream {
    let s = |v: &Option<String>| match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let kind = match r.kind {
        RelationshipKind::OneToMany => quote!(OneToMany),
        RelationshipKind::ManyToOne => quote!(ManyToOne),
        RelationshipKind::ManyToMany => quote!(ManyToMany),
    };
    let cascade = match &r.cascade {
        None => quote!(None),
        Some(c) => {
            let fields = c.fields().map(|(key, v)| {
                let f = format_ident!("{}", snake(key));
                let v = match v {
                    Some(v) => {
                        let w = format_ident!("{}", v.word());
                        quote!(Some(CascadeType::#w))
                    }
                    None => quote!(None),
                };
                quote!(#f: #v)
            });
            quote!(Some(CascadeConfiguration { #(#fields),* }))
        }
    };
    let name = &r.schema_name;
    let (a, b, c, d, e, f) = (
        s(&r.referenced_entity),
        s(&r.referenced_attribute),
        s(&r.referencing_entity),
        s(&r.referencing_attribute),
        s(&r.intersect_entity),
        s(&r.navigation_property),
    );
    quote! {
        Relationship {
            schema_name: #name,
            kind: RelationshipKind::#kind,
            referenced_entity: #a,
            referenced_attribute: #b,
            referencing_entity: #c,
            referencing_attribute: #d,
            intersect_entity: #e,
            navigation_property: #f,
            cascade: #cascade,
        }
    }
}

/// `RollupView` -> `rollup_view`.
fn snake(key: &str) -> String {
    let mut out = String::new();
    for (i, ch) in key.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

fn choice_enum(c: &Column, cn: &ColumnNames) -> TokenStream {
    match &cn.choice {
        Some(choice) => choice_enum_of(
            &c.options,
            choice,
            &format!("Choices of `{}`.", c.logical_name),
        ),
        None => TokenStream::new(),
    }
}

/// The `choices` module: one shared enum per global choice.
pub fn global_choices(model: &Model, names: &Names) -> TokenStream {
    let enums = model
        .global_choices()
        .into_iter()
        .filter_map(|(name, options)| {
            let choice = names.global_choices.get(&name)?;
            Some(choice_enum_of(
                &options,
                choice,
                &format!("The global choice `{name}`, shared by every column that uses it."),
            ))
        });
    let enums: Vec<TokenStream> = enums.collect();
    if enums.is_empty() {
        return TokenStream::new();
    }
    quote! {
        use ::dataverse_tables::runtime as rt;
        #(#enums)*
    }
}

fn choice_enum_of(
    options: &std::collections::BTreeMap<i32, crate::model::ChoiceOption>,
    choice: &crate::names::ChoiceNames,
    subject: &str,
) -> TokenStream {
    let (rt, opt, result) = (rt(), opt(), result());
    let ty = format_ident!("{}", choice.ty);
    let variants: Vec<_> = options
        .values()
        .map(|o| {
            let v = format_ident!("{}", choice.variants[&o.value]);
            let lit = Literal::i32_unsuffixed(o.value);
            let label = &o.label;
            let mut lines = vec![if o.label.is_empty() {
                "(no label)".to_string()
            } else {
                o.label.clone()
            }];
            lines.push(String::new());
            let mut facts = format!("Value {}", o.value);
            if let Some(s) = o.state {
                facts.push_str(&format!("; belongs to state {s}"));
            }
            if let Some(s) = o.default_status {
                facts.push_str(&format!("; default status {s}"));
            }
            lines.push(format!(
                "{facts}. From: {}.",
                products(o.origins.iter().map(|s| s.0.product.as_deref()))
            ));
            (v, lit, label, docs(&lines))
        })
        .collect();
    let decls = variants.iter().map(|(v, _, _, doc)| quote!(#doc #v,));
    let to_value = variants
        .iter()
        .map(|(v, lit, _, _)| quote!(Self::#v => #lit,));
    let from_value = variants
        .iter()
        .map(|(v, lit, _, _)| quote!(#lit => Self::#v,));
    let labels = variants
        .iter()
        .map(|(v, _, label, _)| quote!(Self::#v => #opt::Some(#label),));
    let all = variants.iter().map(|(v, _, _, _)| quote!(Self::#v));
    let doc = docs(&[subject.to_string()]);
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ty {
            #(#decls)*
            /// A value the docs do not list; reads and writes as the integer it holds.
            Unknown(i32),
        }

        impl #ty {
            /// Every value the docs list, in value order.
            pub const ALL: &'static [Self] = &[#(#all),*];

            /// The label the docs give, `None` for [`Self::Unknown`].
            pub const fn label(self) -> #opt<&'static str> {
                match self {
                    #(#labels)*
                    Self::Unknown(_) => #opt::None,
                }
            }
        }

        impl #rt::Choice for #ty {
            fn value(self) -> i32 {
                match self {
                    #(#to_value)*
                    Self::Unknown(v) => v,
                }
            }

            fn from_value(value: i32) -> Self {
                match value {
                    #(#from_value)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl #rt::serde::Serialize for #ty {
            fn serialize<S: #rt::serde::Serializer>(&self, s: S) -> #result<S::Ok, S::Error> {
                #rt::choice::serialize(*self, s)
            }
        }

        impl<'de> #rt::serde::Deserialize<'de> for #ty {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(d: D) -> #result<Self, D::Error> {
                #rt::choice::deserialize(d)
            }
        }
    }
}

/// `Status::state()` and `State::default_status()`, where the docs give them: the Status enum
/// and the State enum of one table know each other.
fn state_mapping(t: &Table, n: &TableNames, c: &Column, cn: &ColumnNames) -> TokenStream {
    let (partner_type, method, doc) = match c.ty {
        Some(ColumnType::Status) => (
            ColumnType::State,
            format_ident!("state"),
            "The State this status belongs to, as the docs give it.",
        ),
        Some(ColumnType::State) => (
            ColumnType::Status,
            format_ident!("default_status"),
            "The default status of this state, as the docs give it.",
        ),
        _ => return TokenStream::new(),
    };
    let Some(own) = cn.choice.as_ref() else {
        return TokenStream::new();
    };
    let opt = opt();
    let Some((partner, partner_names)) = columns_with_names(t, n).find_map(|(p, pn)| {
        let names = pn.choice.as_ref()?;
        (p.ty.as_ref() == Some(&partner_type)).then_some((p, names))
    }) else {
        return TokenStream::new();
    };
    let doc = format!(" {doc}");
    let ty = format_ident!("{}", own.ty);
    let partner_ty = format_ident!("{}", partner_names.ty);
    let arms: Vec<_> = c
        .options
        .values()
        .filter_map(|o| {
            let target = if partner_type == ColumnType::State {
                o.state
            } else {
                o.default_status
            }?;
            let v = format_ident!("{}", own.variants[&o.value]);
            let value = match partner_names.variants.get(&target) {
                Some(pv) if partner.options.contains_key(&target) => {
                    let pv = format_ident!("{}", pv);
                    quote!(#partner_ty::#pv)
                }
                _ => {
                    let lit = Literal::i32_unsuffixed(target);
                    quote!(#partner_ty::Unknown(#lit))
                }
            };
            Some(quote!(Self::#v => #opt::Some(#value),))
        })
        .collect();
    if arms.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #ty {
            #[doc = #doc]
            pub const fn #method(self) -> #opt<#partner_ty> {
                match self {
                    #(#arms)*
                    _ => #opt::None,
                }
            }
        }
    }
}

fn target_enum(c: &Column, cn: &ColumnNames) -> TokenStream {
    let Some(targets) = &cn.targets else {
        return TokenStream::new();
    };
    let (rt, opt) = (rt(), opt());
    let ty = format_ident!("{}", targets.ty);
    let rows: Vec<_> = c
        .target_origins
        .iter()
        .map(|(logical, origins)| {
            let v = format_ident!("{}", targets.variants[logical]);
            let doc = docs(&[format!(
                "A `{logical}` row. From: {}.",
                products(origins.iter().map(|s| s.0.product.as_deref()))
            )]);
            (v, logical, doc)
        })
        .collect();
    let decls = rows.iter().map(|(v, _, doc)| quote!(#doc #v(#rt::Uuid),));
    let from = rows
        .iter()
        .map(|(v, l, _)| quote!(#opt::Some(#l) => Self::#v(id),));
    let to = rows
        .iter()
        .map(|(v, l, _)| quote!(Self::#v(id) => (#opt::Some(#l), *id),));
    // With one target, a value read without the annotation can only be that target.
    let only = match rows.as_slice() {
        [(v, _, _)] => quote!(#opt::None => Self::#v(id),),
        _ => TokenStream::new(),
    };
    let doc = docs(&[format!(
        "The row `{}` points to: one variant per target table.",
        c.logical_name
    )]);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #ty {
            #(#decls)*
            /// A target the docs do not list, or a value read without its
            /// `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation.
            Unknown(#rt::EntityReference),
        }

        impl #ty {
            /// The target from the annotation's logical name and the id.
            pub fn from_parts(logical_name: #opt<&str>, id: #rt::Uuid) -> Self {
                match logical_name {
                    #(#from)*
                    #only
                    other => Self::Unknown(#rt::EntityReference::from_parts(other, id)),
                }
            }

            /// The target table's logical name (when known) and the id.
            pub fn parts(&self) -> (#opt<&str>, #rt::Uuid) {
                match self {
                    #(#to)*
                    Self::Unknown(r) => (r.logical_name.as_deref(), r.id),
                }
            }
        }
    }
}

/// The create/update body builder: one setter per column that can be written.
fn body(model: &Model, t: &Table, n: &TableNames) -> TokenStream {
    let (rt, result, string) = (rt(), result(), string());
    let record = format_ident!("{}", n.record);
    let body = format_ident!("{}", n.body);
    let setters = columns_with_names(t, n).filter_map(|(c, cn)| setter(model, t, c, cn));
    // A setter may be called `default`: the trait's function is named in full.
    let new = quote!(<#body as ::core::default::Default>::default());
    let doc = docs(&[
        format!(
            "A create (POST) or update (PATCH) body for `{}`.",
            t.logical_name
        ),
        String::new(),
        "It holds only the columns that were set; a setter given `None` writes `null`.".to_string(),
    ]);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct #body(#rt::Body);

        impl #record {
            /// Starts a create (POST) body.
            pub fn create() -> #body {
                #new
            }

            /// Starts an update (PATCH) body.
            pub fn update() -> #body {
                #new
            }
        }

        impl #body {
            #(#setters)*

            /// Sets any key to raw JSON, for what the docs do not describe.
            pub fn raw(mut self, key: &str, value: &#rt::serde_json::Value) -> Self {
                self.0.set_raw(key, value);
                self
            }

            /// The JSON text to send; an error when a lookup was set to an undescribed target.
            pub fn to_json(&self) -> #result<#string, #rt::BodyError> {
                self.0.to_json()
            }
        }
    }
}

/// Whether a body may set the column: not read-only, valid for create or update, and of a
/// kind that is written as a plain property or a bind.
fn settable(c: &Column, repr: &Repr) -> bool {
    let read_only = c.writable == Some(false)
        || (c.valid_for_create == Some(false) && c.valid_for_update == Some(false));
    let writable_kind = match repr {
        Repr::Lookup(LookupRepr::Open) => false,
        Repr::Raw => !matches!(c.ty, Some(ColumnType::PartyList | ColumnType::Virtual)),
        _ => true,
    };
    !read_only && writable_kind
}

fn setter(model: &Model, t: &Table, c: &Column, cn: &ColumnNames) -> Option<TokenStream> {
    let repr = repr(c, cn);
    if !settable(c, &repr) {
        return None;
    }
    let f = format_ident!("{}", cn.field);
    let ty = field_type(c, cn);
    let key = &c.logical_name;
    let mut lines = vec![format!("Sets `{key}`; `None` writes `null`.")];
    if c.valid_for_update == Some(false) {
        lines.push("Only on create: the docs say it is not valid for update.".to_string());
    }
    if c.valid_for_create == Some(false) {
        lines.push("Only on update: the docs say it is not valid for create.".to_string());
    }
    let opt = opt();
    let write = match repr {
        Repr::Decimal => quote!(self.0.set_decimal(#key, value);),
        Repr::Choice => quote!(self.0.set_choice(#key, value);),
        Repr::Lookup(_) => {
            let enum_ty = ident_of(cn.targets.as_ref().map(|t| &t.ty));
            let names = cn.targets.as_ref()?;
            let mut arms = Vec::new();
            let mut navs = Vec::new();
            lines.push(String::new());
            lines.push(
                "Writes `<navigation property>@odata.bind: \"/<entity set>(<id>)\"`:".to_string(),
            );
            for target in &c.targets {
                let variant = format_ident!("{}", names.variants[target]);
                let (nav, nav_stated) = t.navigation_property(c, target);
                let (set, set_stated) = model.entity_set(target);
                lines.push(format!(
                    "- `{target}`: `{nav}@odata.bind`{} with `/{set}(id)`{}",
                    if nav_stated {
                        ""
                    } else {
                        " (assumed: no relationship states it)"
                    },
                    if set_stated {
                        ""
                    } else {
                        " (assumed: the docs do not give its entity set)"
                    },
                ));
                arms.push(
                    quote!(#opt::Some(#enum_ty::#variant(id)) => self.0.bind(#nav, #set, id),),
                );
                navs.push(nav);
            }
            let unknown =
                format!("{key}: no navigation property is known for a target outside the docs");
            quote! {
                match value {
                    #(#arms)*
                    #opt::Some(#enum_ty::Unknown(_)) => self.0.error(#unknown),
                    #opt::None => self.0.unbind(&[#(#navs),*]),
                }
            }
        }
        Repr::Parties(mask) => return Some(parties_setter(model, t, c, cn, mask, lines)),
        _ => quote!(self.0.set(#key, value);),
    };
    let doc = docs(&lines);
    Some(quote! {
        #doc
        pub fn #f(mut self, value: #opt<#ty>) -> Self {
            #write
            self
        }
    })
}

/// A PartyList setter: each party joins the table's activity-parties collection with the
/// column's participation type, bound as `partyid_<target>@odata.bind` or by address.
fn parties_setter(
    model: &Model,
    t: &Table,
    c: &Column,
    cn: &ColumnNames,
    mask: i32,
    mut lines: Vec<String>,
) -> TokenStream {
    let f = format_ident!("{}", cn.field);
    let ty = field_type(c, cn);
    let opt = opt();
    let (nav, nav_stated) = t.parties_collection();
    let mask_lit = Literal::i32_unsuffixed(mask);
    lines[0] = format!(
        "Adds parties to `{}` (participation type {mask}) in `{nav}`{}.",
        c.logical_name,
        if nav_stated {
            ""
        } else {
            " (assumed: no relationship states it)"
        }
    );
    let unknown = format!(
        "{}: no entity set is known for a party outside the docs",
        c.logical_name
    );
    let arms = cn.targets.as_ref().map(|names| {
        let enum_ty = format_ident!("{}", names.ty);
        let rows = c.targets.iter().map(|target| {
            let variant = format_ident!("{}", names.variants[target]);
            let (set, _) = model.entity_set(target);
            quote! {
                #opt::Some(#enum_ty::#variant(id)) => self.0.add_party(#nav, #mask_lit, #opt::Some((#target, #set, id)), address),
            }
        });
        quote! {
            #(#rows)*
            #opt::Some(#enum_ty::Unknown(_)) => self.0.error(#unknown),
        }
    });
    let arms = arms.unwrap_or_else(|| quote!(#opt::Some(_) => self.0.error(#unknown),));
    let doc = docs(&lines);
    quote! {
        #doc
        pub fn #f(mut self, parties: #ty) -> Self {
            for party in parties {
                let address = party.address_used.as_deref();
                match party.party {
                    #arms
                    #opt::None => self.0.add_party(#nav, #mask_lit, #opt::None, address),
                }
            }
            self
        }
    }
}

/// The private wire struct: the JSON as the Web API shapes it, converted into the record.
fn wire(t: &Table, n: &TableNames) -> TokenStream {
    let (rt, opt, string) = (rt(), opt(), string());
    let ty = format_ident!("{}", n.record);
    let mut fields = Vec::new();
    let mut inits = Vec::new();
    for (c, cn) in columns_with_names(t, n) {
        let f = format_ident!("{}", cn.field);
        let ty = field_type(c, cn);
        match repr(c, cn) {
            Repr::Parties(mask) => {
                let Some(pf) = n.parties_field.as_deref().map(|p| format_ident!("{}", p)) else {
                    continue;
                };
                let mask = Literal::i32_unsuffixed(mask);
                let party = match &cn.targets {
                    Some(t) => {
                        let tt = format_ident!("{}", t.ty);
                        quote!(#tt::from_parts)
                    }
                    None => quote!(#rt::EntityReference::from_parts),
                };
                inits.push(quote!(#f: #rt::parties(w.#pf.as_deref(), #mask, #party),));
            }
            Repr::Lookup(kind) => {
                let value = format!("_{}_value", c.logical_name);
                fields.push(quote! {
                    #[serde(rename = #value, default)]
                    pub(super) #f: #opt<#rt::Uuid>,
                });
                // The annotation field exists exactly for the kinds that read it.
                let target = cn.target_field.as_deref().map(|tf| format_ident!("{}", tf));
                if let Some(tf) = &target {
                    let annotation = format!("{value}@Microsoft.Dynamics.CRM.lookuplogicalname");
                    fields.push(quote! {
                        #[serde(rename = #annotation, default)]
                        pub(super) #tf: #opt<#string>,
                    });
                }
                let conv = match (kind, &target) {
                    (LookupRepr::Targets, Some(tf)) => {
                        quote!(#ty::from_parts(w.#tf.as_deref(), id))
                    }
                    (LookupRepr::Open, Some(tf)) => {
                        quote!(#rt::EntityReference::from_parts(w.#tf.as_deref(), id))
                    }
                    _ => {
                        inits.push(quote!(#f: w.#f,));
                        continue;
                    }
                };
                inits.push(quote!(#f: w.#f.map(|id| #conv),));
            }
            Repr::Decimal => {
                let name = &c.logical_name;
                fields.push(quote! {
                    #[serde(rename = #name, default, with = "rt::decimal::option")]
                    pub(super) #f: #opt<#ty>,
                });
                inits.push(quote!(#f: w.#f,));
            }
            _ => {
                let name = &c.logical_name;
                fields.push(quote! {
                    #[serde(rename = #name, default)]
                    pub(super) #f: #opt<#ty>,
                });
                inits.push(quote!(#f: w.#f,));
            }
        }
    }
    if let Some(pf) = n.parties_field.as_deref().map(|p| format_ident!("{}", p)) {
        let (nav, _) = t.parties_collection();
        fields.push(quote! {
            #[serde(rename = #nav, default)]
            pub(super) #pf: #opt<::std::vec::Vec<#rt::WireParty>>,
        });
    }
    let uses =
        if columns_with_names(t, n).any(|(_, cn)| cn.choice.is_some() || cn.targets.is_some()) {
            quote!(
                #[allow(unused_imports)]
                use super::*;
            )
        } else {
            TokenStream::new()
        };
    let w = quote!(w);
    quote! {
        mod wire {
            #[allow(unused_imports)]
            use ::dataverse_tables::runtime as rt;
            #uses
            #[derive(#rt::serde::Deserialize)]
            #[serde(crate = #SERDE_CRATE)]
            pub(super) struct #ty {
                #[serde(rename = "@odata.etag", default)]
                pub(super) etag: #opt<#string>,
                #(#fields)*
            }
        }

        impl ::core::convert::From<wire::#ty> for #ty {
            fn from(#w: wire::#ty) -> Self {
                Self {
                    etag: w.etag,
                    #(#inits)*
                }
            }
        }
    }
}

/// Upstream prose as rustdoc: one `#[doc]` per line, with markdown and HTML neutralized so no
/// page text becomes a link, an HTML tag, emphasis or a doctest.
pub fn docs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {}", escape_doc(l))
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Escapes markdown-active characters outside of `code spans` we wrote ourselves, and drops
/// control, bidirectional and invisible characters (see [`crate::text`]).
fn escape_doc(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for ch in crate::text::strip_hazards(line).trim().chars() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            _ if in_code => out.push(ch),
            '\\' | '[' | ']' | '*' | '_' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    if in_code {
        // An unbalanced backtick from upstream text: close it so the next line is unaffected.
        out.push('`');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_escaping() {
        assert_eq!(
            escape_doc("see [x](y) <b>*bold*</b>"),
            "see \\[x\\](y) \\<b\\>\\*bold\\*\\</b\\>"
        );
        assert_eq!(escape_doc("`a_b` and a_b"), "`a_b` and a\\_b");
        assert_eq!(escape_doc("    indented code"), "indented code");
        assert_eq!(escape_doc("odd ` tick"), "odd ` tick`");
        assert_eq!(escape_doc("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(
            escape_doc("evil\u{202e}txt\u{2066} zero\u{200b}width\u{feff} bell\u{7} nel\u{85}x"),
            "eviltxt zerowidth bell nel x"
        );
    }

    #[test]
    fn snake_keys() {
        assert_eq!(snake("RollupView"), "rollup_view");
        assert_eq!(snake("Archive"), "archive");
    }
}
