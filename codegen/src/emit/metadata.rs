//! The `columns` and `relationships` modules: column name constants and typed relationship constants.

use super::*;
use proc_macro2::Ident;

/// `columns`: the Web API property of every column that is one, for `$select`, `$filter`,
/// `$orderby` and annotations.
pub(super) fn column_constants(t: &Table, n: &TableNames) -> TokenStream {
    let props: Vec<(Ident, String, TokenStream)> = columns_with_names(t, n)
        .filter_map(|(c, cn)| {
            let p = crate::webapi::property(t, c)?;
            Some((format_ident!("{}", cn.constant), p, deprecation::column(c)))
        })
        .collect();
    let consts = props.iter().map(|(id, p, deprecated)| {
        let doc = docs(&[format!("`{p}`")]);
        quote!(#doc #deprecated pub const #id: &str = #p;)
    });
    let all = props.iter().map(|(id, _, _)| id);
    quote! {
        /// Web API property names, for `$select`, `$filter`, `$orderby` and reading annotations
        /// ([`Extra::formatted`](::dataverse_runtime::Extra::formatted)): a lookup is
        /// `_<column>_value`. Columns the Web API does not expose (lookup name companions,
        /// PartyList and Virtual columns, columns not valid for read) are not here.
        pub mod columns {
            #(#consts)*
            /// Every property, sorted by column.
            pub const ALL: &[&str] = &[#(#all),*];
        }
    }
}

/// `attributes`: every column's logical name (the SDK's attribute name, for FetchXML and
/// metadata), which is not always its Web API property.
pub(super) fn attribute_constants(t: &Table, n: &TableNames) -> TokenStream {
    let consts = columns_with_names(t, n).map(|(c, cn)| {
        let id = format_ident!("{}", cn.constant);
        let name = &c.logical_name;
        let deprecated = deprecation::column(c);
        quote!(#deprecated pub const #id: &str = #name;)
    });
    let all = columns_with_names(t, n).map(|(_, cn)| format_ident!("{}", cn.constant));
    quote! {
        /// Column logical names (FetchXML, metadata). Not Web API property names: use
        /// [`columns`] in queries.
        pub mod attributes {
            #(#consts)*
            /// Every column, sorted.
            pub const ALL: &[&str] = &[#(#all),*];
        }
    }
}

/// `navigation`: one typed constant per navigation property the relationships state, for
/// `$expand`, reading expanded rows, binds and deep insert.
pub(crate) fn navigation(model: &Model, names: &Names, t: &Table, n: &TableNames) -> TokenStream {
    let rt = rt();
    let record = format_ident!("{}", n.record);
    let consts = t.relationships.iter().filter_map(|(key, r)| {
        let id = format_ident!("{}", n.navigation.get(key)?);
        let nav = r.navigation_property.as_deref()?;
        let other = match r.kind {
            RelationshipKind::ManyToOne => r.referenced_entity.as_deref(),
            RelationshipKind::OneToMany => r.referencing_entity.as_deref(),
            RelationshipKind::ManyToMany => [&r.referenced_entity, &r.referencing_entity]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .find(|e| *e != t.logical_name)
                .or(Some(t.logical_name.as_str())),
        }?;
        let target = match names.tables.get(other) {
            Some(tn) => {
                let alias = format_ident!("{}", tn.module);
                quote!(crate::records::#alias)
            }
            None => quote!(#rt::Json),
        };
        let (set, _) = model.entity_set(other);
        let (handle, what) = match r.kind {
            RelationshipKind::ManyToOne => (quote!(One), "The"),
            _ => (quote!(Many), "The"),
        };
        let doc = docs(&[format!(
            "{what} `{other}` row{} of `{nav}` (relationship `{}`).",
            if r.kind == RelationshipKind::ManyToOne { "" } else { "s" },
            r.schema_name
        )]);
        Some(quote!(#doc pub const #id: #rt::#handle<super::#record, #target> = #rt::#handle::new(#nav, #set);))
    });
    quote! {
        /// Navigation properties, for `$expand`, reading expanded rows, binding and deep insert.
        pub mod navigation {
            #[allow(unused_imports)]
            use ::dataverse_runtime as rt;
            #(#consts)*
        }
    }
}

/// `bindings`: how each lookup and PartyList column binds, per target.
pub(super) fn bindings(model: &Model, t: &Table, n: &TableNames) -> TokenStream {
    let rt = rt();
    let consts = columns_with_names(t, n).filter_map(|(c, cn)| {
        let party = c.ty == Some(ColumnType::PartyList);
        if !(c.is_lookup() || party) {
            return None;
        }
        let id = format_ident!("{}", cn.constant);
        let column = &c.logical_name;
        let targets = c.targets.iter().map(|target| {
            let nav = if party {
                format!("partyid_{target}")
            } else {
                t.navigation_property(c, target).0
            };
            let (set, _) = model.entity_set(target);
            quote!(#rt::Target { table: #target, navigation_property: #nav, entity_set: #set })
        });
        Some(quote! {
            pub(super) const #id: #rt::Binding = #rt::Binding { column: #column, targets: &[#(#targets),*] };
        })
    });
    let consts: Vec<TokenStream> = consts.collect();
    if consts.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// How each lookup binds, per target.
        #[allow(dead_code)]
        mod bindings {
            use ::dataverse_runtime as rt;
            #(#consts)*
        }
    }
}

pub(super) fn relationships(t: &Table, n: &TableNames) -> TokenStream {
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
            use ::dataverse_runtime::{CascadeConfiguration, CascadeType, Relationship, RelationshipKind};
            #(#consts)*
            /// Every relationship, sorted by schema name.
            pub const ALL: &[Relationship] = &[#(#all),*];
        }
    }
}

/// One relationship constant's value. The `relationships` module holds no user-named items,
/// so it imports the runtime types and the prelude's `Some`/`None` can be used unqualified.
pub(super) fn relationship_value(r: &Relationship) -> TokenStream {
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
pub(crate) fn snake(key: &str) -> String {
    let mut out = String::new();
    for (i, ch) in key.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}
