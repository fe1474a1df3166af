//! The record struct: one row as the Web API returns it, with each column documented.

use super::*;
use code::Text;

/// The column's values name their table only in the `lookuplogicalname` annotation: a lookup
/// with several targets or none (the runtime's `ColumnInfo::needs_lookup_table`). PartyList
/// columns are read from the parties collection, which asks for itself (`PARTIES`).
pub(super) fn needs_lookup_table(p: &ColumnPlan) -> bool {
    matches!(p.repr, Repr::Lookup | Repr::OpenLookup) && p.targets.len() != 1
}

/// A PartyList column with several targets: expanding the parties asks for their tables.
pub(super) fn parties_need_tables(p: &ColumnPlan) -> bool {
    matches!(p.repr, Repr::Parties(_)) && p.targets.len() != 1
}

/// The record, its `Table` impl (columns read and written through their descriptors), the body
/// type and the column descriptor type of the table.
pub(super) fn record(c: &mut Code, t: &Table, n: &TableNames, plan: &TablePlan) {
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
    let (ty, body) = (&n.record, &n.body);
    write!(
        c,
        "{}{}#[derive(Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct {ty} {{
/// The row version (`@odata.etag`), for `If-Match` on update and delete.
pub etag: rt::Option<rt::String>,
",
        docs(&lines),
        deprecation::table(t),
    );
    // The columns the record has a field for.
    let fields = || {
        columns_with_names(t, n).filter_map(|(col, cn)| {
            let p = plan.columns.get(&col.logical_name).filter(|p| p.field)?;
            Some((col, cn, p))
        })
    };
    for (col, cn, p) in fields() {
        c.doc_with(|line| column_doc(line, col, p));
        writeln!(
            c,
            "{}pub {}: rt::Option<{}>,",
            deprecation::column(col),
            cn.field,
            FieldType(p.repr, cn)
        );
    }
    write!(
        c,
        "/// Everything else the row holds, exactly as it came: `@odata.context`, annotations
/// (formatted values, lookup tables), expanded navigation properties, properties the
/// docs do not describe, and the columns that came as `null`. Written back as it is.
pub extra: rt::Extra,
}}
rt::record!({ty});
impl rt::Table for {ty} {{
const LOGICAL_NAME: &'static str = LOGICAL_NAME;
const ENTITY_SET_NAME: &'static str = ENTITY_SET_NAME;
"
    );
    if !plan.entity_set.is_stated() {
        c.push_str("const ENTITY_SET_NAME_ASSUMED: bool = true;\n");
    }
    if let Some(id) = &t.primary_id_attribute {
        writeln!(
            c,
            "const PRIMARY_ID_ATTRIBUTE: rt::Option<&'static str> = rt::Option::Some({});",
            Lit(id)
        );
    }
    if let Some(name) = &t.primary_name_attribute {
        writeln!(
            c,
            "const PRIMARY_NAME_ATTRIBUTE: rt::Option<&'static str> = rt::Option::Some({});",
            Lit(name)
        );
    }
    if t.extension_only {
        c.push_str("const EXTENSION_ONLY: bool = true;\n");
    }
    if fields().any(|(_, _, p)| needs_lookup_table(p)) {
        c.push_str("const LOOKUP_TABLES: bool = true;\n");
    }
    if fields().any(|(_, _, p)| parties_need_tables(p)) {
        writeln!(
            c,
            "const PARTIES: rt::Option<&'static str> = rt::Option::Some({});",
            Lit(plan.parties_collection.value())
        );
    }
    c.push_str("rt::fields!(");
    for (i, (_, cn, _)) in fields().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(c, "{sep}{}: {}", cn.field, cn.constant);
    }
    c.push_str(");\n}\n");
    c.doc(format_args!(
        "A create (`{body}<Create>`, POST) or update (`{body}<Update>`, PATCH) body for `{}`: `{ty}::create().set(columns::X, value)`.",
        t.logical_name
    ));
    writeln!(c, "pub type {body}<M = rt::Create> = rt::Body<{ty}, M>;");
    c.doc(format_args!(
        "A column of `{}`: the constants of its `columns` module.",
        t.logical_name
    ));
    writeln!(
        c,
        "pub type Column<V, A = rt::access::Rcu> = rt::Column<{ty}, V, A>;"
    );
}

/// A column's rustdoc, one paragraph on one line (one line fewer for every user to compile):
/// what the docs say it is, then its logical name, type, targets and products.
pub(super) fn column_doc(out: &mut Text, c: &Column, p: &crate::resolve::ColumnPlan) {
    match (&c.display_name, &c.description) {
        (Some(d), Some(desc)) if d != desc => write!(out, "{d}: {desc}"),
        (Some(d), _) => write!(out, "{d}"),
        (None, Some(desc)) => write!(out, "{desc}"),
        (None, None) => write!(out, "`{}`", c.schema_name),
    };
    write!(out, " Logical name `{}`; type ", c.logical_name);
    match &c.ty {
        Some(t) => write!(out, "`{}`.", t.word()),
        None if c.is_lookup() => write!(out, "not stated (a lookup: it has Targets)."),
        None if c.is_choice() => write!(out, "not stated (a choice: it has options)."),
        None => write!(out, "not stated."),
    };
    if !c.targets.is_empty() {
        out.push_str(" Targets: ");
        for (i, (t, o)) in c.target_origins.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let from = products(o.iter().map(|s| s.0.product.as_deref()));
            write!(out, "{sep}`{t}` ({from})");
        }
        out.push('.');
    }
    if matches!(p.repr, Repr::Raw) {
        out.push(' ');
        out.push_str(raw_reason(c));
    }
    if !p.create && !p.update && p.field {
        out.push_str(" Read-only.");
    } else if p.create && !p.update {
        out.push_str(" Only on create: the docs say it is not valid for update.");
    } else if p.update && !p.create {
        out.push_str(" Only on update: the docs say it is not valid for create.");
    }
    for t in p
        .targets
        .iter()
        .filter(|t| !t.navigation.is_stated() || !t.entity_set.is_stated())
    {
        write!(
            out,
            " `{}` binds `{}@odata.bind` to `/{}(id)`{}.",
            t.table,
            t.navigation.value(),
            t.entity_set.value(),
            match (t.navigation.is_stated(), t.entity_set.is_stated()) {
                (false, false) => " (both assumed: no relationship or page states them)",
                (false, true) => " (the navigation property assumed: no relationship states it)",
                _ => " (the entity set assumed: the docs do not give it)",
            }
        );
    }
    let from = products(c.origins.iter().map(|s| s.0.product.as_deref()));
    write!(out, " From: {from}.");
}
