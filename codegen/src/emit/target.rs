//! Target enums: one variant per table a lookup can point to.

use super::*;

pub(super) fn target_enum(c: &Column, cn: &ColumnNames, shared: &SharedLookups) -> TokenStream {
    let Some(targets) = &cn.targets else {
        return TokenStream::new();
    };
    let rt = rt();
    let ty = format_ident!("{}", targets.ty);
    if let Some(name) = shared.of_column(c, cn) {
        let doc = docs(&[format!(
            "The row `{}` points to: the enum `crate::lookups::{name}`, shared by every lookup of that table only.",
            c.logical_name,
        )]);
        let name = format_ident!("{}", name);
        return quote!(#doc pub type #ty = crate::lookups::#name;);
    }
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
    // The variants need no docs: the field's rustdoc lists each target with its products.
    let decls = rows.iter().map(|(v, _, _)| quote!(#v(#rt::Uuid),));
    let pairs = rows.iter().map(|(v, l, _)| quote!(#v = #l));
    // With one target, a value read without the annotation can only be that target, and a
    // setter can take the bare id (but a PartyList's parties are never a bare id).
    let mode = match rows.as_slice() {
        [_] if c.ty == Some(ColumnType::PartyList) => quote!(party),
        [_] => quote!(one),
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

        #rt::lookup_type!(#ty #mode { #(#pairs),* });
    }
}
