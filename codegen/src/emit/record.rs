//! The record struct: one row as the Web API returns it, with each column documented.

use super::*;

/// A record field: how it is read from a row and written back.
enum Access {
    /// A plain property.
    Property(String),
    /// A lookup's `_x_value` (+ annotation), by column logical name.
    Lookup,
    /// The parties of one participation type in the activity-parties collection.
    Parties(i32),
}

/// The columns that are record fields, with how each is read.
fn fields<'a>(
    t: &'a Table,
    n: &'a TableNames,
) -> impl Iterator<Item = (&'a Column, &'a ColumnNames, Access)> {
    columns_with_names(t, n).filter_map(|(c, cn)| {
        let access = match repr(c, cn) {
            Repr::Parties(mask) => Access::Parties(mask),
            _ => {
                let property = crate::webapi::property(t, c)?;
                if c.is_lookup() {
                    Access::Lookup
                } else {
                    Access::Property(property)
                }
            }
        };
        Some((c, cn, access))
    })
}

pub(super) fn record(model: &Model, t: &Table, n: &TableNames) -> TokenStream {
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
    let (opt, string, result) = (opt(), string(), result());
    let mut decls = Vec::new();
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for (c, cn, access) in fields(t, n) {
        let f = format_ident!("{}", cn.field);
        let ty = field_type(c, cn);
        let doc = docs(&column_doc(c, cn));
        let deprecated = deprecation::column(c);
        decls.push(quote!(#doc #deprecated pub #f: #opt<#ty>,));
        let column = &c.logical_name;
        match access {
            Access::Property(p) => {
                reads.push(quote!(#f: r.get(#p)?,));
                writes.push(quote!(w.put(#p, &self.#f);));
            }
            Access::Lookup => {
                reads.push(quote!(#f: r.lookup(#column)?,));
                writes.push(quote!(w.lookup(#column, &self.#f);));
            }
            Access::Parties(mask) => {
                let (nav, _) = t.parties_collection();
                let mask = Literal::i32_unsuffixed(mask);
                reads.push(quote!(#f: r.parties(#nav, #mask)?,));
            }
        }
    }
    let (_, stated) = model.entity_set(&t.logical_name);
    let assumed = !stated;
    let extension_only = t.extension_only;
    let deprecated = deprecation::table(t);
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, PartialEq, Default)]
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

        #rt::record_serde!(#ty);

        impl #rt::Table for #ty {
            const LOGICAL_NAME: &'static str = LOGICAL_NAME;
            const ENTITY_SET_NAME: &'static str = ENTITY_SET_NAME;
            const ENTITY_SET_NAME_ASSUMED: bool = #assumed;
            const PRIMARY_ID_ATTRIBUTE: #opt<&'static str> = PRIMARY_ID_ATTRIBUTE;
            const PRIMARY_NAME_ATTRIBUTE: #opt<&'static str> = PRIMARY_NAME_ATTRIBUTE;
            const EXTENSION_ONLY: bool = #extension_only;
            type Create = #body<#rt::Create>;
            type Update = #body<#rt::Update>;

            fn read(r: &mut #rt::Reader) -> #result<Self, #rt::ReadError> {
                #result::Ok(Self {
                    etag: r.get("@odata.etag")?,
                    #(#reads)*
                    extra: r.finish(),
                })
            }

            fn write<'a>(&'a self, w: &mut #rt::Writer<'a>) {
                w.extra(&self.extra);
                w.put("@odata.etag", &self.etag);
                #(#writes)*
            }
        }

        impl #ty {
            /// The table's logical name.
            pub const LOGICAL_NAME: &'static str = LOGICAL_NAME;

            /// Starts a create (POST) body.
            pub fn create() -> #body<#rt::Create> {
                <#body<#rt::Create> as ::core::default::Default>::default()
            }

            /// Starts an update (PATCH) body.
            pub fn update() -> #body<#rt::Update> {
                <#body<#rt::Update> as ::core::default::Default>::default()
            }

            /// The rows of an expanded navigation property (a constant of [`navigation`]), read
            /// into their table's record type; `None` when the row was read without it.
            pub fn expanded<N: #rt::Navigation<Self>>(&self, nav: N) -> #result<#opt<N::Output>, #rt::ReadError> {
                nav.read(&self.extra)
            }
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
