//! The create/update body: `<Record>Body<M>`, one setter per writable column on the create
//! body, the update body or both; lookups bind through the table's `bindings`.

use super::*;
use crate::webapi::{writable, Writable};

/// The body type, its `From` into the runtime body, and its setters.
pub(super) fn body(model: &Model, t: &Table, n: &TableNames) -> TokenStream {
    let (rt, result, string) = (rt(), result(), string());
    let record = format_ident!("{}", n.record);
    let body = format_ident!("{}", n.body);
    let (mut both, mut create, mut update) = (Vec::new(), Vec::new(), Vec::new());
    for (c, cn) in columns_with_names(t, n) {
        let Some(setter) = setter(model, t, c, cn) else {
            continue;
        };
        match writable(t, c) {
            Writable::Both => both.push(setter),
            Writable::CreateOnly => create.push(setter),
            Writable::UpdateOnly => update.push(setter),
            Writable::Neither => {}
        }
    }
    let doc = docs(&[
        format!(
            "A create (`{body}<Create>`, POST) or update (`{body}<Update>`, PATCH) body for `{}`.",
            t.logical_name
        ),
        String::new(),
        "It holds only the columns that were set. A column valid only on create (or only on update) has its setter only on that body; `Null` writes `null`.".to_string(),
    ]);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct #body<M = #rt::Create>(#rt::Body, ::core::marker::PhantomData<M>);

        impl<M> ::core::convert::From<#body<M>> for #rt::Body {
            fn from(body: #body<M>) -> #rt::Body {
                body.0
            }
        }

        impl<M> #body<M> {
            #(#both)*

            /// Sets any property to any JSON value, for what the docs do not describe.
            pub fn raw<T: #rt::serde::Serialize>(mut self, property: &str, value: &T) -> Self {
                match #rt::Json::from_serialize(value) {
                    #result::Ok(json) => self.0.raw(property, json),
                    #result::Err(e) => self.0.error(&e.to_string()),
                }
                self
            }

            /// The JSON text to send; an error when a lookup was set to an undescribed target.
            pub fn to_json(&self) -> #result<#string, #rt::BodyError> {
                self.0.to_json()
            }
        }

        impl #body<#rt::Create> {
            #(#create)*

            /// Binds existing rows to a collection-valued navigation property (a constant of
            /// [`navigation`]): `<navigation property>@odata.bind: ["/<entity set>(<id>)", ...]`.
            pub fn bind<R>(mut self, nav: #rt::Many<#record, R>, ids: impl ::core::iter::IntoIterator<Item = #rt::Uuid>) -> Self {
                self.0.bind_many(nav, ids);
                self
            }

            /// Creates the related row of a single-valued navigation property with this one
            /// (deep insert): `<navigation property>: {...}`.
            pub fn insert_one<R: #rt::Table>(mut self, nav: #rt::One<#record, R>, row: R::Create) -> Self {
                self.0.insert_one(nav, row);
                self
            }

            /// Creates related rows of a collection-valued navigation property with this one
            /// (deep insert): `<navigation property>: [{...}, ...]`.
            pub fn insert_many<R: #rt::Table>(mut self, nav: #rt::Many<#record, R>, rows: impl ::core::iter::IntoIterator<Item = R::Create>) -> Self {
                self.0.insert_many(nav, rows);
                self
            }
        }

        impl #body<#rt::Update> {
            #(#update)*
        }
    }
}

/// Whether a body may set the column: writable, and of a kind written as a plain property, a
/// bind or parties (a File column's content is uploaded by its own requests, not in a body).
pub(super) fn settable(t: &Table, c: &Column, repr: &Repr) -> bool {
    let writable_kind = match repr {
        Repr::Lookup(LookupRepr::Open) => false,
        _ if c.ty == Some(ColumnType::File) => false,
        Repr::Raw => !matches!(c.ty, Some(ColumnType::PartyList | ColumnType::Virtual)),
        _ => true,
    };
    writable(t, c) != Writable::Neither && writable_kind
}

pub(super) fn setter(
    model: &Model,
    t: &Table,
    c: &Column,
    cn: &ColumnNames,
) -> Option<TokenStream> {
    let repr = repr(c, cn);
    if !settable(t, c, &repr) {
        return None;
    }
    let rt = rt();
    let f = format_ident!("{}", cn.field);
    let ty = field_type(c, cn);
    let key = &c.logical_name;
    let binding = format_ident!("{}", cn.constant);
    let mut lines = vec![format!("Sets `{key}`; `Null` writes `null`.")];
    match writable(t, c) {
        Writable::CreateOnly => {
            lines.push("Only on create: the docs say it is not valid for update.".to_string())
        }
        Writable::UpdateOnly => {
            lines.push("Only on update: the docs say it is not valid for create.".to_string())
        }
        _ => {}
    }
    let write = match repr {
        Repr::Lookup(_) => {
            lines.push(String::new());
            lines.push(
                "Writes `<navigation property>@odata.bind: \"/<entity set>(<id>)\"`:".to_string(),
            );
            for target in &c.targets {
                let (nav, nav_stated) = t.navigation_property(c, target);
                let (set, set_stated) = model.entity_set(target);
                lines.push(format!(
                    "- `{target}`: `{nav}@odata.bind`{} with `/{set}(id)`{}",
                    if nav_stated {
                        ""
                    } else {
                        " (assumed: no relationship states it)"
                    },
                    if set_stated {
                        ""
                    } else {
                        " (assumed: the docs do not give its entity set)"
                    },
                ));
            }
            quote!(self.0.lookup(&bindings::#binding, #rt::Set::into_value(value));)
        }
        Repr::Parties(mask) => return Some(parties_setter(t, c, cn, mask, lines)),
        _ => quote!(self.0.put(#key, #rt::Set::into_value(value));),
    };
    let doc = docs(&lines);
    let deprecated = deprecation::column(c);
    Some(quote! {
        #doc
        #deprecated
        pub fn #f(mut self, value: impl #rt::Set<#ty>) -> Self {
            #write
            self
        }
    })
}

/// A PartyList setter: each party joins the table's activity-parties collection with the
/// column's participation type, bound as `partyid_<target>@odata.bind` or by address.
pub(super) fn parties_setter(
    t: &Table,
    c: &Column,
    cn: &ColumnNames,
    mask: i32,
    mut lines: Vec<String>,
) -> TokenStream {
    let f = format_ident!("{}", cn.field);
    let ty = field_type(c, cn);
    let (nav, nav_stated) = t.parties_collection();
    let mask_lit = Literal::i32_unsuffixed(mask);
    let binding = format_ident!("{}", cn.constant);
    lines[0] = format!(
        "Adds parties to `{}` (participation type {mask}) in `{nav}`{}.",
        c.logical_name,
        if nav_stated {
            ""
        } else {
            " (assumed: no relationship states it)"
        }
    );
    let doc = docs(&lines);
    let deprecated = deprecation::column(c);
    quote! {
        #doc
        #deprecated
        pub fn #f(mut self, parties: #ty) -> Self {
            self.0.add_parties(#nav, #mask_lit, &bindings::#binding, parties);
            self
        }
    }
}
