//! The `columns` module: one typed descriptor per column a record reads or a body sets
//! (`rt::Column<Record, Value, Access>`), the constant data the runtime's generic
//! `Body::set`, record reading and writing, and queries run on.

use super::*;
use crate::resolve::{ColumnPlan, TargetPlan};
use std::fmt::{self, Display};

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

/// `&[rt::target("table", "navigation", "set"), ..]`: where a lookup's binds go.
struct Targets<'a>(&'a [TargetPlan]);

impl Display for Targets<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("&[")?;
        for (i, t) in self.0.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(
                f,
                "{sep}rt::target({}, {}, {})",
                Lit(&t.table),
                Lit(t.navigation.value()),
                Lit(t.entity_set.value())
            )?;
        }
        f.write_str("]")
    }
}

/// One descriptor per column that has one, with its type and value.
pub(super) fn columns(c: &mut Code, t: &Table, n: &TableNames, plan: &TablePlan) {
    c.block(
        format_args!(
            "/// Typed column descriptors: set them in bodies (`.set(columns::NAME, \"x\")`), read
/// their Web API property (`columns::NAME.property()`: `_<column>_value` for a lookup,
/// only for readable columns) or logical name (`.logical_name()`).
pub mod columns {{
use super::*;
"
        ),
        |c| {
            for (col, cn) in columns_with_names(t, n) {
                let Some(p) = plan.columns.get(&col.logical_name) else {
                    continue;
                };
                let Some(access) = access(p) else {
                    continue;
                };
                // A column the record has no field for is described here in full.
                if !p.field {
                    c.doc_with(|line| super::record::column_doc(line, col, p));
                }
                let ty = FieldType(p.repr, cn);
                write!(
                    c,
                    "{}pub const {}: Column<{ty}",
                    deprecation::column(col),
                    cn.constant
                );
                if access != "Rcu" {
                    write!(c, ", rt::access::{access}");
                }
                let logical = Lit(&col.logical_name);
                match p.repr {
                    Repr::Lookup | Repr::OpenLookup => writeln!(
                        c,
                        "> = Column::lookup({}, {logical}, {});",
                        Lit(&format!("_{}_value", col.logical_name)),
                        Targets(&p.targets)
                    ),
                    Repr::Parties(mask) => writeln!(
                        c,
                        "> = Column::parties({logical}, {}, {mask}, {});",
                        Lit(plan.parties_collection.value()),
                        Targets(&p.targets)
                    ),
                    _ => writeln!(c, "> = Column::new({logical});"),
                }
            }
        },
        "}\n",
    );
}
