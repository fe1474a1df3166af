//! The private wire struct: the JSON as the Web API shapes it, converted into the record.

use super::*;

/// The private wire struct: the JSON as the Web API shapes it, converted into the record.
pub(super) fn wire(t: &Table, n: &TableNames) -> TokenStream {
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
