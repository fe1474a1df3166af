//! The record struct: one row as the Web API returns it, with each column documented.

use super::*;

pub(super) fn record(t: &Table, n: &TableNames) -> TokenStream {
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

pub(super) fn column_doc(c: &Column, cn: &ColumnNames) -> Vec<String> {
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
