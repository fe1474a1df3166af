//! The record struct: one row as the Web API returns it, with each column documented.

use super::*;

/// The record, its `Table` impl (columns read and written through their descriptors), the body
/// type and the column descriptor type of the table.
pub(super) fn record(t: &Table, n: &TableNames, plan: &TablePlan) -> TokenStream {
    let rt = rt();
    let ty = format_ident!("{}", n.record);
    let body = format_ident!("{}", n.body);
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
    if t.extension_only {
        lines.push(String::new());
        lines.push("Only product extension pages describe this table, so this record has only the columns they change; every other column of a row stays in `extra`. Add the table's base page to the docs to get them all.".to_string());
    }
    let doc = docs(&lines);
    let (opt, string) = (opt(), string());
    let mut decls = Vec::new();
    let mut fields = Vec::new();
    for (c, cn) in columns_with_names(t, n) {
        let Some(p) = plan.columns.get(&c.logical_name).filter(|p| p.field) else {
            continue;
        };
        let f = format_ident!("{}", cn.field);
        let column = format_ident!("{}", cn.constant);
        let ty = field_type(p.repr, cn);
        let doc = docs(&column_doc(c, p));
        let deprecated = deprecation::column(c);
        decls.push(quote!(#doc #deprecated pub #f: #opt<#ty>,));
        fields.push(quote!(#f: #column));
    }
    let mut consts = Vec::new();
    if !plan.entity_set.is_stated() {
        consts.push(quote!(
            const ENTITY_SET_NAME_ASSUMED: bool = true;
        ));
    }
    if let Some(id) = &t.primary_id_attribute {
        consts.push(quote!(const PRIMARY_ID_ATTRIBUTE: #opt<&'static str> = #opt::Some(#id);));
    }
    if let Some(name) = &t.primary_name_attribute {
        consts.push(quote!(const PRIMARY_NAME_ATTRIBUTE: #opt<&'static str> = #opt::Some(#name);));
    }
    if t.extension_only {
        consts.push(quote!(
            const EXTENSION_ONLY: bool = true;
        ));
    }
    let deprecated = deprecation::table(t);
    let body_doc = docs(&[
        format!("A create (`{body}<Create>`, POST) or update (`{body}<Update>`, PATCH) body for `{}`: `{}::create().set(columns::X, value)`.", t.logical_name, n.record),
    ]);
    let column_doc = docs(&[format!(
        "A column of `{}`: the constants of its `columns` module.",
        t.logical_name
    )]);
    quote! {
        #doc
        #deprecated
        #[derive(Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #ty {
            /// The row version (`@odata.etag`), for `If-Match` on update and delete.
            pub etag: #opt<#string>,
            #(#decls)*
            /// Everything else the row holds, exactly as it came: `@odata.context`, annotations
            /// (formatted values, lookup tables), expanded navigation properties, properties the
            /// docs do not describe, and the columns that came as `null`. Written back as it is.
            pub extra: #rt::Extra,
        }

        #rt::record!(#ty);

        impl #rt::Table for #ty {
            const LOGICAL_NAME: &'static str = LOGICAL_NAME;
            const ENTITY_SET_NAME: &'static str = ENTITY_SET_NAME;
            #(#consts)*
            #rt::fields!(#(#fields),*);
        }

        #body_doc
        pub type #body<M = #rt::Create> = #rt::Body<#ty, M>;

        #column_doc
        pub type Column<V, A = #rt::access::Rcu> = #rt::Column<#ty, V, A>;
    }
}

/// A column's rustdoc: what the docs say it is, then its logical name, type, targets and
/// products in one paragraph.
pub(super) fn column_doc(c: &Column, p: &crate::resolve::ColumnPlan) -> Vec<String> {
    let first = match (&c.display_name, &c.description) {
        (Some(d), Some(desc)) if d != desc => format!("{d}: {desc}"),
        (Some(d), _) => d.clone(),
        (None, Some(desc)) => desc.clone(),
        (None, None) => format!("`{}`", c.schema_name),
    };
    let ty = match &c.ty {
        Some(t) => format!("`{}`", t.word()),
        None if c.is_lookup() => "not stated (a lookup: it has Targets)".to_string(),
        None if c.is_choice() => "not stated (a choice: it has options)".to_string(),
        None => "not stated".to_string(),
    };
    let mut facts = format!("Logical name `{}`; type {ty}.", c.logical_name);
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
        facts.push_str(&format!(" Targets: {}.", targets.join(", ")));
    }
    if matches!(p.repr, Repr::Raw) {
        facts.push(' ');
        facts.push_str(raw_reason(c));
    }
    if !p.create && !p.update && p.field {
        facts.push_str(" Read-only.");
    } else if p.create && !p.update {
        facts.push_str(" Only on create: the docs say it is not valid for update.");
    } else if p.update && !p.create {
        facts.push_str(" Only on update: the docs say it is not valid for create.");
    }
    for t in p
        .targets
        .iter()
        .filter(|t| !t.navigation.is_stated() || !t.entity_set.is_stated())
    {
        facts.push_str(&format!(
            " `{}` binds `{}@odata.bind` to `/{}(id)`{}.",
            t.table,
            t.navigation.value(),
            t.entity_set.value(),
            match (t.navigation.is_stated(), t.entity_set.is_stated()) {
                (false, false) => " (both assumed: no relationship or page states them)",
                (false, true) => " (the navigation property assumed: no relationship states it)",
                _ => " (the entity set assumed: the docs do not give it)",
            }
        ));
    }
    facts.push_str(&format!(
        " From: {}.",
        products(c.origins.iter().map(|s| s.0.product.as_deref()))
    ));
    // One paragraph either way; one line is one line fewer for every user to compile.
    vec![format!("{first} {facts}")]
}
