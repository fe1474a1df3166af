//! The `columns` and `relationships` modules: column name constants and typed relationship constants.

use super::*;

pub(super) fn column_constants(t: &Table, n: &TableNames) -> TokenStream {
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
            use ::dataverse_tables::runtime::{CascadeConfiguration, CascadeType, Relationship, RelationshipKind};
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
pub(super) fn snake(key: &str) -> String {
    let mut out = String::new();
    for (i, ch) in key.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}
