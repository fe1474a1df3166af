//! The `columns` module: one typed descriptor per column a record reads or a body sets
//! (`rt::Column<Record, Value, Access>`), the constant data the runtime's generic
//! `Body::set`, record reading and writing, and queries run on.

use super::*;
use crate::resolve::{ColumnPlan, TargetPlan};

/// The access marker of a plan: what the Web API allows with the column.
fn access(p: &ColumnPlan) -> Option<&'static str> {
    let read = p.property.is_some();
    Some(match (read, p.create, p.update) {
        (true, true, true) => "Rcu",
        (true, true, false) => "Rc",
        (true, false, true) => "Ru",
        (true, false, false) => "R",
        (false, true, true) => "Cu",
        (false, true, false) => "C",
        (false, false, true) => "U",
        (false, false, false) if p.field => "Hidden",
        (false, false, false) => return None,
    })
}

fn targets(targets: &[TargetPlan]) -> TokenStream {
    let rt = rt();
    let each = targets.iter().map(|t| {
        let (table, nav, set) = (&t.table, t.navigation.value(), t.entity_set.value());
        quote!(#rt::target(#table, #nav, #set))
    });
    quote!(&[#(#each),*])
}

/// One descriptor per column that has one, with its type and value.
pub(super) fn columns(t: &Table, n: &TableNames, plan: &TablePlan) -> TokenStream {
    let rt = rt();
    let consts: Vec<TokenStream> = columns_with_names(t, n)
        .filter_map(|(c, cn)| {
            let p = plan.columns.get(&c.logical_name)?;
            let access = access(p)?;
            let id = format_ident!("{}", cn.constant);
            let ty = field_type(p.repr, cn);
            let logical = &c.logical_name;
            let value = match p.repr {
                Repr::Lookup | Repr::OpenLookup => {
                    let property = format!("_{logical}_value");
                    let targets = targets(&p.targets);
                    quote!(Column::lookup(#property, #logical, #targets))
                }
                Repr::Parties(mask) => {
                    let collection = plan.parties_collection.value();
                    let mask = Literal::i32_unsuffixed(mask);
                    let targets = targets(&p.targets);
                    quote!(Column::parties(#logical, #collection, #mask, #targets))
                }
                _ => quote!(Column::new(#logical)),
            };
            let params = match access {
                "Rcu" => quote!(#ty),
                a => {
                    let a = format_ident!("{}", a);
                    quote!(#ty, #rt::access::#a)
                }
            };
            // A column the record has no field for is described here in full.
            let doc = if p.field {
                TokenStream::new()
            } else {
                docs(&super::record::column_doc(c, p))
            };
            let deprecated = deprecation::column(c);
            Some(quote!(#doc #deprecated pub const #id: Column<#params> = #value;))
        })
        .collect();
    if consts.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// Typed column descriptors: set them in bodies (`.set(columns::NAME, "x")`), read
        /// their Web API property (`columns::NAME.property()`: `_<column>_value` for a lookup,
        /// only for readable columns) or logical name (`.logical_name()`).
        pub mod columns {
            use super::*;
            #(#consts)*
        }
    }
}
