//! Choice enums (local and global) and the Status/State mappings between them.

use super::*;
use crate::model::ChoiceOption;
use crate::names::ChoiceNames;
use std::collections::BTreeMap;
use std::fmt;

pub(super) fn choice_enum(c: &mut Code, col: &Column, cn: &ColumnNames) {
    if let Some(choice) = &cn.choice {
        choice_enum_of(
            c,
            &col.options,
            choice,
            format_args!("Choices of `{}`.", col.logical_name),
        );
    }
}

/// The `choices` module: one shared enum per global choice a generated table uses, with every
/// value any page lists for it (whatever tables are generated).
pub fn global_choices(model: &Model, names: &Names) -> String {
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
    let mut c = Code::default();
    c.block(
        format_args!("use ::dataverse_runtime as rt;\n"),
        |c| {
            for (name, options) in model.global_choices() {
                if !used.contains(name.as_str()) {
                    continue;
                }
                if let Some(choice) = names.global_choices.get(&name) {
                    choice_enum_of(
                        c,
                        &options,
                        choice,
                        format_args!(
                            "The global choice `{name}`, shared by every column that uses it."
                        ),
                    );
                }
            }
        },
        "",
    );
    c.into_string()
}

pub(super) fn choice_enum_of(
    c: &mut Code,
    options: &BTreeMap<i32, ChoiceOption>,
    choice: &ChoiceNames,
    subject: fmt::Arguments<'_>,
) {
    let ty = &choice.ty;
    // One entry per value with its label (`OPTIONS`, `label()`); a doc only for what the label
    // does not say: the state facts the docs give, and the products of a value that other
    // products than most of the values' state (a value a product's extension page adds).
    let froms: Vec<String> = options
        .values()
        .map(|o| products(o.origins.iter().map(|s| s.0.product.as_deref())).to_string())
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for from in &froms {
        *counts.entry(from).or_default() += 1;
    }
    let usual = counts.iter().max_by_key(|(_, n)| **n).map(|(p, _)| *p);
    c.doc(format_args!("{subject} An integer with one constant per value the docs list; any other integer the server sends is kept as it is (`from_value`, `value`, `label`)."));
    write!(
        c,
        "#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct {ty}(i32);
rt::choice_type!({ty} {{ "
    );
    for (i, (o, from)) in options.values().zip(&froms).enumerate() {
        if i > 0 {
            c.push_str(", ");
        }
        let from = Some(from.as_str()).filter(|p| Some(*p) != usual);
        if o.state.is_some() || o.default_status.is_some() || from.is_some() {
            c.doc_with(|line| {
                let mut sep = "";
                if let Some(s) = o.state {
                    write!(line, "Belongs to state {s}.");
                    sep = " ";
                }
                if let Some(s) = o.default_status {
                    write!(line, "{sep}Default status {s}.");
                    sep = " ";
                }
                if let Some(p) = from {
                    write!(line, "{sep}From: {p}.");
                }
            });
        }
        write!(
            c,
            "{}{} = {} => {}",
            deprecation::option(o),
            choice.variants[&o.value],
            o.value,
            Lit(&o.label)
        );
    }
    c.push_str(" }");
    // Values the docs no longer list, kept one release by the names lock: defined, deprecated,
    // never in `OPTIONS` nor used by any generated code.
    c.block(
        format_args!(" removed {{ "),
        |c| {
            for (i, (value, name)) in choice.removed.iter().enumerate() {
                if i > 0 {
                    c.push_str(", ");
                }
                c.doc(format_args!(
                    "Value {value}, which the docs no longer list: kept one release so code that names it still builds (`label()` gives `None`)."
                ));
                write!(c, "{}{name} = {value}", deprecation::removed(*value));
            }
        },
        " }",
    );
    c.push_str(");\n");
}

/// `Status::state()` and `State::default_status()`, where the docs give them: the Status enum
/// and the State enum of one table know each other.
pub(super) fn state_mapping(
    c: &mut Code,
    t: &Table,
    n: &TableNames,
    col: &Column,
    cn: &ColumnNames,
) {
    let (partner_type, method, doc) = match col.ty {
        Some(ColumnType::Status) => (
            ColumnType::State,
            "state",
            "The State this status belongs to, as the docs give it.",
        ),
        Some(ColumnType::State) => (
            ColumnType::Status,
            "default_status",
            "The default status of this state, as the docs give it.",
        ),
        _ => return,
    };
    let Some(own) = cn.choice.as_ref() else {
        return;
    };
    let Some((partner, partner_names)) = columns_with_names(t, n).find_map(|(p, pn)| {
        let names = pn.choice.as_ref()?;
        (p.ty.as_ref() == Some(&partner_type)).then_some((p, names))
    }) else {
        return;
    };
    let (ty, partner_ty) = (&own.ty, &partner_names.ty);
    c.block(
        format_args!(
            "impl {ty} {{
/// {doc}
pub const fn {method}(self) -> rt::Option<{partner_ty}> {{
match self {{
"
        ),
        |c| {
            for o in col.options.values() {
                let target = if partner_type == ColumnType::State {
                    o.state
                } else {
                    o.default_status
                };
                let Some(target) = target else {
                    continue;
                };
                let v = &own.variants[&o.value];
                match partner_names.variants.get(&target) {
                    Some(pv) if partner.options.contains_key(&target) => {
                        writeln!(c, "Self::{v} => rt::Option::Some({partner_ty}::{pv}),");
                    }
                    _ => writeln!(
                        c,
                        "Self::{v} => rt::Option::Some({partner_ty}::from_value({target})),"
                    ),
                }
            }
        },
        "_ => rt::Option::None,\n}\n}\n}\n",
    );
}
