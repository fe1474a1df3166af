//! Target enums: one variant per table a lookup can point to.

use super::*;

pub(super) fn target_enum(c: &mut Code, col: &Column, cn: &ColumnNames) {
    let Some(targets) = &cn.targets else {
        return;
    };
    let ty = &targets.ty;
    if let Some(name) = &targets.shared {
        c.doc(format_args!(
            "The row `{}` points to: the enum `crate::lookups::{name}`, shared by every lookup of that table only.",
            col.logical_name,
        ));
        writeln!(c, "pub type {ty} = crate::lookups::{name};");
        return;
    }
    c.doc(format_args!(
        "The row `{}` points to: one variant per target table.",
        col.logical_name
    ));
    write!(
        c,
        "#[derive(Debug, Clone, PartialEq, Eq, Hash)]\npub enum {ty} {{\n"
    );
    // The variants need no docs: the field's rustdoc lists each target with its products.
    for logical in col.target_origins.keys() {
        writeln!(c, "{}(rt::Uuid),", targets.variants[logical]);
    }
    // With one target, a value read without the annotation can only be that target, and a
    // setter can take the bare id (but a PartyList's parties are never a bare id).
    let mode = match col.target_origins.len() {
        1 if col.ty == Some(ColumnType::PartyList) => "party ",
        1 => "one ",
        _ => "",
    };
    write!(
        c,
        "/// A target the docs do not list, or a value read without its
/// `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation.
Unknown(rt::EntityReference),
}}
rt::lookup_type!({ty} {mode}{{ "
    );
    for (i, logical) in col.target_origins.keys().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(c, "{sep}{} = {}", targets.variants[logical], Lit(logical));
    }
    c.push_str(" });\n");
}
