//! Target enums: one variant per table a lookup can point to.

use super::*;

pub(super) fn target_enum(c: &Column, cn: &ColumnNames) -> TokenStream {
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
    // With one target, a value read without the annotation can only be that target, and a
    // setter can take the bare id.
    let (only, single, from_id) = match rows.as_slice() {
        // A PartyList's setter takes parties, never a bare id.
        [(v, _, _)] if c.ty != Some(ColumnType::PartyList) => (
            quote!(#opt::None => Self::#v(id),),
            quote!(
                const SINGLE_TARGET: bool = true;
            ),
            quote! {
                impl #rt::Set<#ty> for #rt::Uuid {
                    fn into_value(self) -> #opt<#ty> {
                        #opt::Some(#ty::#v(self))
                    }
                }
            },
        ),
        [(v, _, _)] => (
            quote!(#opt::None => Self::#v(id),),
            quote!(
                const SINGLE_TARGET: bool = true;
            ),
            TokenStream::new(),
        ),
        _ => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
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

        impl #rt::Lookup for #ty {
            #single

            fn from_parts(logical_name: #opt<&str>, id: #rt::Uuid) -> Self {
                match logical_name {
                    #(#from)*
                    #only
                    other => Self::Unknown(#rt::EntityReference::from_parts(other, id)),
                }
            }

            fn parts(&self) -> (#opt<&str>, #rt::Uuid) {
                match self {
                    #(#to)*
                    Self::Unknown(r) => (r.logical_name.as_deref(), r.id),
                }
            }
        }

        impl #rt::Value for #ty {}

        #from_id
    }
}
