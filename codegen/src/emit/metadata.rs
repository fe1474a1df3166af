//! The `navigation` and `relationships` modules: typed navigation properties and the
//! relationships with their cascade configuration.

use super::*;

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
            if r.kind == RelationshipKind::ManyToOne {
                ""
            } else {
                "s"
            },
            r.schema_name
        )]);
        Some(quote!(#doc pub const #id: #handle<#target> = #handle::new(#nav, #set);))
    });
    let consts: Vec<TokenStream> = consts.collect();
    if consts.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// Navigation properties, for `$expand`, reading expanded rows, binding and deep insert.
        pub mod navigation {
            use super::*;
            /// A single-valued navigation property of this table.
            pub type One<R> = #rt::One<#record, R>;
            /// A collection-valued navigation property of this table.
            pub type Many<R> = #rt::Many<#record, R>;
            #(#consts)*
        }
    }
}

/// The `relationships` module: each relationship as the docs state it, built with the
/// runtime's `const` builder (only the facts stated are written), cascades by preset.
pub(super) fn relationships(t: &Table, n: &TableNames) -> TokenStream {
    let consts: Vec<TokenStream> = relationships_with_names(t, n)
        .map(|(r, name)| {
            let id = format_ident!("{}", name);
            let value = relationship_value(r);
            let doc = docs(&[format!(
                "`{}`, from {}.",
                r.schema_name,
                products(r.origins.iter().map(|s| s.0.product.as_deref()))
            )]);
            quote!(#doc pub const #id: rt::Relationship = #value;)
        })
        .collect();
    if consts.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// The table's relationships, with their cascade configuration.
        pub mod relationships {
            use super::*;
            #(#consts)*
        }
    }
}

/// One relationship constant's value: `rt::Relationship::many_to_one().schema_name("x")...`.
pub(super) fn relationship_value(r: &Relationship) -> TokenStream {
    let rt = rt();
    let name = &r.schema_name;
    let kind = match r.kind {
        RelationshipKind::OneToMany => quote!(one_to_many),
        RelationshipKind::ManyToOne => quote!(many_to_one),
        RelationshipKind::ManyToMany => quote!(many_to_many),
    };
    // The schema name in a call of its own: the first line then never wraps.
    let mut value = quote!(#rt::Relationship::#kind().schema_name(#name));
    let pair = |value: &mut TokenStream,
                both: &str,
                entity: &Option<String>,
                attribute: &Option<String>| {
        let (e, a) = (
            format_ident!("{both}_entity"),
            format_ident!("{both}_attribute"),
        );
        let both = format_ident!("{both}");
        *value = match (entity, attribute) {
            (Some(x), Some(y)) => quote!(#value.#both(#x, #y)),
            (Some(x), None) => quote!(#value.#e(#x)),
            (None, Some(y)) => quote!(#value.#a(#y)),
            (None, None) => value.clone(),
        };
    };
    pair(
        &mut value,
        "referenced",
        &r.referenced_entity,
        &r.referenced_attribute,
    );
    pair(
        &mut value,
        "referencing",
        &r.referencing_entity,
        &r.referencing_attribute,
    );
    if let Some(x) = &r.intersect_entity {
        value = quote!(#value.intersect(#x));
    }
    if let Some(x) = &r.navigation_property {
        value = quote!(#value.navigation(#x));
    }
    if let Some(c) = &r.cascade {
        let cascade = cascade(c);
        value = quote!(#value.cascade(#cascade));
    }
    value
}

/// The runtime's presets (`rt::cascade::PARENTAL`), as they are or with the fields that differ
/// (`.with(rt::Action::Merge, ..)`), the preset that differs least (in preset order on a tie).
fn cascade(c: &crate::model::CascadeConfiguration) -> TokenStream {
    use crate::model::CascadeType::{Cascade, NoCascade, RemoveLink, Restrict};
    let rt = rt();
    let opt = opt();
    // The runtime's presets, as `fields()` lists them: archive, assign, delete, merge,
    // reparent, rollup view, share, unshare.
    let (n, c_) = (Some(NoCascade), Some(Cascade));
    let presets = [
        ("NO_CASCADE", [n, n, n, n, n, n, n, n]),
        ("CASCADE_DELETE", [n, n, c_, n, n, n, n, n]),
        ("REMOVE_LINK", [n, n, Some(RemoveLink), n, n, n, n, n]),
        ("RESTRICT_DELETE", [n, n, Some(Restrict), n, n, n, n, n]),
        ("PARENTAL", [n, c_, c_, n, c_, n, c_, c_]),
        ("PARENTAL_MERGE", [n, c_, c_, c_, c_, n, c_, c_]),
    ];
    let fields = c.fields();
    let diff = |values: &[Option<crate::model::CascadeType>; 8]| -> Vec<usize> {
        (0..8).filter(|&i| fields[i].1 != values[i]).collect()
    };
    let legacy = fields[0].1.is_none() && fields[5].1.is_none();
    let best = presets
        .iter()
        .map(|(name, values)| {
            let mut values = *values;
            if legacy {
                values[0] = None;
                values[5] = None;
            }
            (name, diff(&values))
        })
        .min_by_key(|(_, d)| d.len());
    let Some((name, differ)) = best else {
        return TokenStream::new();
    };
    let preset = format_ident!("{name}");
    let mut value = quote!(#rt::cascade::#preset);
    if legacy {
        value = quote!(#value.legacy());
    }
    for i in differ {
        let (key, v) = fields[i];
        let action = format_ident!("{key}");
        let v = match v {
            Some(v) => {
                let w = format_ident!("{}", v.word());
                quote!(#opt::Some(#rt::CascadeType::#w))
            }
            None => quote!(#opt::None),
        };
        value = quote!(#value.with(#rt::Action::#action, #v));
    }
    value
}
