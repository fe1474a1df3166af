//! The create/update body builder: one setter per writable column, lookups as `@odata.bind`.

use super::*;

/// The create/update body builder: one setter per column that can be written.
pub(super) fn body(model: &Model, t: &Table, n: &TableNames) -> TokenStream {
    let (rt, result, string) = (rt(), result(), string());
    let record = format_ident!("{}", n.record);
    let body = format_ident!("{}", n.body);
    let setters = columns_with_names(t, n).filter_map(|(c, cn)| setter(model, t, c, cn));
    // A setter may be called `default`: the trait's function is named in full.
    let new = quote!(<#body as ::core::default::Default>::default());
    let doc = docs(&[
        format!(
            "A create (POST) or update (PATCH) body for `{}`.",
            t.logical_name
        ),
        String::new(),
        "It holds only the columns that were set; a setter given `None` writes `null`.".to_string(),
    ]);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct #body(#rt::Body);

        impl #record {
            /// Starts a create (POST) body.
            pub fn create() -> #body {
                #new
            }

            /// Starts an update (PATCH) body.
            pub fn update() -> #body {
                #new
            }
        }

        impl #body {
            #(#setters)*

            /// Sets any key to raw JSON, for what the docs do not describe.
            pub fn raw(mut self, key: &str, value: &#rt::serde_json::Value) -> Self {
                self.0.set_raw(key, value);
                self
            }

            /// The JSON text to send; an error when a lookup was set to an undescribed target.
            pub fn to_json(&self) -> #result<#string, #rt::BodyError> {
                self.0.to_json()
            }
        }
    }
}

/// Whether a body may set the column: not read-only, valid for create or update, and of a
/// kind that is written as a plain property or a bind.
pub(super) fn settable(c: &Column, repr: &Repr) -> bool {
    let read_only = c.writable == Some(false)
        || (c.valid_for_create == Some(false) && c.valid_for_update == Some(false));
    let writable_kind = match repr {
        Repr::Lookup(LookupRepr::Open) => false,
        Repr::Raw => !matches!(c.ty, Some(ColumnType::PartyList | ColumnType::Virtual)),
        _ => true,
    };
    !read_only && writable_kind
}

pub(super) fn setter(
    model: &Model,
    t: &Table,
    c: &Column,
    cn: &ColumnNames,
) -> Option<TokenStream> {
    let repr = repr(c, cn);
    if !settable(c, &repr) {
        return None;
    }
    let f = format_ident!("{}", cn.field);
    let ty = field_type(c, cn);
    let key = &c.logical_name;
    let mut lines = vec![format!("Sets `{key}`; `None` writes `null`.")];
    if c.valid_for_update == Some(false) {
        lines.push("Only on create: the docs say it is not valid for update.".to_string());
    }
    if c.valid_for_create == Some(false) {
        lines.push("Only on update: the docs say it is not valid for create.".to_string());
    }
    let opt = opt();
    let write = match repr {
        Repr::Decimal => quote!(self.0.set_decimal(#key, value);),
        Repr::Choice => quote!(self.0.set_choice(#key, value);),
        Repr::Lookup(_) => {
            let enum_ty = ident_of(cn.targets.as_ref().map(|t| &t.ty));
            let names = cn.targets.as_ref()?;
            let mut arms = Vec::new();
            let mut navs = Vec::new();
            lines.push(String::new());
            lines.push(
                "Writes `<navigation property>@odata.bind: \"/<entity set>(<id>)\"`:".to_string(),
            );
            for target in &c.targets {
                let variant = format_ident!("{}", names.variants[target]);
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
                arms.push(
                    quote!(#opt::Some(#enum_ty::#variant(id)) => self.0.bind(#nav, #set, id),),
                );
                navs.push(nav);
            }
            let unknown =
                format!("{key}: no navigation property is known for a target outside the docs");
            quote! {
                match value {
                    #(#arms)*
                    #opt::Some(#enum_ty::Unknown(_)) => self.0.error(#unknown),
                    #opt::None => self.0.unbind(&[#(#navs),*]),
                }
            }
        }
        Repr::Parties(mask) => return Some(parties_setter(model, t, c, cn, mask, lines)),
        _ => quote!(self.0.set(#key, value);),
    };
    let doc = docs(&lines);
    Some(quote! {
        #doc
        pub fn #f(mut self, value: #opt<#ty>) -> Self {
            #write
            self
        }
    })
}

/// A PartyList setter: each party joins the table's activity-parties collection with the
/// column's participation type, bound as `partyid_<target>@odata.bind` or by address.
pub(super) fn parties_setter(
    model: &Model,
    t: &Table,
    c: &Column,
    cn: &ColumnNames,
    mask: i32,
    mut lines: Vec<String>,
) -> TokenStream {
    let f = format_ident!("{}", cn.field);
    let ty = field_type(c, cn);
    let opt = opt();
    let (nav, nav_stated) = t.parties_collection();
    let mask_lit = Literal::i32_unsuffixed(mask);
    lines[0] = format!(
        "Adds parties to `{}` (participation type {mask}) in `{nav}`{}.",
        c.logical_name,
        if nav_stated {
            ""
        } else {
            " (assumed: no relationship states it)"
        }
    );
    let unknown = format!(
        "{}: no entity set is known for a party outside the docs",
        c.logical_name
    );
    let arms = cn.targets.as_ref().map(|names| {
        let enum_ty = format_ident!("{}", names.ty);
        let rows = c.targets.iter().map(|target| {
            let variant = format_ident!("{}", names.variants[target]);
            let (set, _) = model.entity_set(target);
            quote! {
                #opt::Some(#enum_ty::#variant(id)) => self.0.add_party(#nav, #mask_lit, #opt::Some((#target, #set, id)), address),
            }
        });
        quote! {
            #(#rows)*
            #opt::Some(#enum_ty::Unknown(_)) => self.0.error(#unknown),
        }
    });
    let arms = arms.unwrap_or_else(|| quote!(#opt::Some(_) => self.0.error(#unknown),));
    let doc = docs(&lines);
    quote! {
        #doc
        pub fn #f(mut self, parties: #ty) -> Self {
            for party in parties {
                let address = party.address_used.as_deref();
                match party.party {
                    #arms
                    #opt::None => self.0.add_party(#nav, #mask_lit, #opt::None, address),
                }
            }
            self
        }
    }
}
