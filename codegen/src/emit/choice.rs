//! Choice enums (local and global) and the Status/State mappings between them.

use super::*;

pub(super) fn choice_enum(c: &Column, cn: &ColumnNames) -> TokenStream {
    match &cn.choice {
        Some(choice) => choice_enum_of(
            &c.options,
            choice,
            &format!("Choices of `{}`.", c.logical_name),
        ),
        None => TokenStream::new(),
    }
}

/// The `choices` module: one shared enum per global choice a generated table uses, with every
/// value any page lists for it (whatever tables are generated).
pub fn global_choices(model: &Model, names: &Names) -> TokenStream {
    let used: BTreeSet<&str> = names
        .tables
        .keys()
        .filter_map(|logical| model.tables.get(logical))
        .flat_map(|t| {
            t.columns
                .values()
                .filter_map(|c| c.global_choice(&t.logical_name))
        })
        .collect();
    let enums = model
        .global_choices()
        .into_iter()
        .filter(|(name, _)| used.contains(name.as_str()))
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
        use ::dataverse_runtime as rt;
        #(#enums)*
    }
}

pub(super) fn choice_enum_of(
    options: &std::collections::BTreeMap<i32, crate::model::ChoiceOption>,
    choice: &crate::names::ChoiceNames,
    subject: &str,
) -> TokenStream {
    let rt = rt();
    let ty = format_ident!("{}", choice.ty);
    // One entry per value with its label (`OPTIONS`, `label()`); a doc only for what the label
    // does not say: the state facts the docs give, and the products of a value that other
    // products than most of the values' state (a value a product's extension page adds).
    let of =
        |o: &crate::model::ChoiceOption| products(o.origins.iter().map(|s| s.0.product.as_deref()));
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for o in options.values() {
        *counts.entry(of(o)).or_default() += 1;
    }
    let usual = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(p, _)| p.clone());
    let values = options.values().map(|o| {
        let v = format_ident!("{}", choice.variants[&o.value]);
        let lit = Literal::i32_unsuffixed(o.value);
        let label = &o.label;
        let facts: Vec<String> = [
            o.state.map(|s| format!("Belongs to state {s}.")),
            o.default_status.map(|s| format!("Default status {s}.")),
            Some(of(o))
                .filter(|p| Some(p) != usual.as_ref())
                .map(|p| format!("From: {p}.")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let doc = if facts.is_empty() {
            TokenStream::new()
        } else {
            docs(&[facts.join(" ")])
        };
        let deprecated = deprecation::option(o);
        quote!(#doc #deprecated #v = #lit => #label)
    });
    // Values the docs no longer list, kept one release by the names lock: defined, deprecated,
    // never in `OPTIONS` nor used by any generated code.
    let removed: Vec<TokenStream> = choice
        .removed
        .iter()
        .map(|(value, name)| {
            let v = format_ident!("{}", name);
            let lit = Literal::i32_unsuffixed(*value);
            let doc = docs(&[format!(
                "Value {value}, which the docs no longer list: kept one release so code that names it still builds (`label()` gives `None`)."
            )]);
            let deprecated = deprecation::removed(*value);
            quote!(#doc #deprecated #v = #lit)
        })
        .collect();
    let removed = if removed.is_empty() {
        TokenStream::new()
    } else {
        quote!(removed { #(#removed),* })
    };
    let doc = docs(&[format!("{subject} An integer with one constant per value the docs list; any other integer the server sends is kept as it is (`from_value`, `value`, `label`).")]);
    quote! {
        #doc
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #ty(i32);

        #rt::choice_type!(#ty { #(#values),* } #removed);
    }
}

/// `Status::state()` and `State::default_status()`, where the docs give them: the Status enum
/// and the State enum of one table know each other.
pub(super) fn state_mapping(
    t: &Table,
    n: &TableNames,
    c: &Column,
    cn: &ColumnNames,
) -> TokenStream {
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
                    quote!(#partner_ty::from_value(#lit))
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
