//! The `navigation` and `relationships` modules: typed navigation properties and the
//! relationships with their cascade configuration.

use super::*;

/// `navigation`: one typed constant per navigation property the relationships state, for
/// `$expand`, reading expanded rows, binds and deep insert.
pub(crate) fn navigation(c: &mut Code, plan: &TablePlan, names: &Names, n: &TableNames) {
    let record = &n.record;
    c.block(
        format_args!(
            "/// Navigation properties, for `$expand`, reading expanded rows, binding and deep insert.
pub mod navigation {{
use super::*;
/// A single-valued navigation property of this table.
pub type One<R> = rt::One<{record}, R>;
/// A collection-valued navigation property of this table.
pub type Many<R> = rt::Many<{record}, R>;
"
        ),
        |c| {
            for (key, nav) in &plan.navigation {
                let Some(id) = n.navigation.get(key) else {
                    continue;
                };
                let (other, property) = (&nav.table, &nav.property);
                let (handle, rows) = if nav.many {
                    ("Many", "rows")
                } else {
                    ("One", "row")
                };
                c.doc(format_args!(
                    "The `{other}` {rows} of `{property}` (relationship `{}`).",
                    nav.relationship
                ));
                write!(c, "pub const {id}: {handle}<");
                match names.tables.get(other) {
                    Some(tn) => write!(c, "crate::records::{}", tn.module),
                    None => c.push_str("rt::Json"),
                }
                let set = nav.entity_set.value();
                writeln!(c, "> = {handle}::new({}, {});", Lit(property), Lit(set));
            }
        },
        "}\n",
    );
}

/// The `relationships` module: each relationship as the docs state it, built with the
/// runtime's `const` builder (only the facts stated are written), cascades by preset.
pub(super) fn relationships(c: &mut Code, t: &Table, n: &TableNames) {
    c.block(
        format_args!(
            "/// The table's relationships, with their cascade configuration.
pub mod relationships {{
use super::*;
"
        ),
        |c| {
            for (r, name) in relationships_with_names(t, n) {
                c.doc(format_args!(
                    "`{}`, from {}.",
                    r.schema_name,
                    products(r.origins.iter().map(|s| s.0.product.as_deref()))
                ));
                write!(c, "pub const {name}: rt::Relationship = ");
                relationship_value(c, r);
                c.push_str(";\n");
            }
        },
        "}\n",
    );
}

/// One relationship constant's value: `rt::Relationship::many_to_one().schema_name("x")...`.
pub(super) fn relationship_value(c: &mut Code, r: &Relationship) {
    let kind = match r.kind {
        RelationshipKind::OneToMany => "one_to_many",
        RelationshipKind::ManyToOne => "many_to_one",
        RelationshipKind::ManyToMany => "many_to_many",
    };
    // The schema name in a call of its own: the first line then never wraps.
    write!(
        c,
        "rt::Relationship::{kind}().schema_name({})",
        Lit(&r.schema_name)
    );
    let mut pair = |both: &str, entity: &Option<String>, attribute: &Option<String>| {
        match (entity, attribute) {
            (Some(x), Some(y)) => write!(c, ".{both}({}, {})", Lit(x), Lit(y)),
            (Some(x), None) => write!(c, ".{both}_entity({})", Lit(x)),
            (None, Some(y)) => write!(c, ".{both}_attribute({})", Lit(y)),
            (None, None) => {}
        };
    };
    pair("referenced", &r.referenced_entity, &r.referenced_attribute);
    pair(
        "referencing",
        &r.referencing_entity,
        &r.referencing_attribute,
    );
    if let Some(x) = &r.intersect_entity {
        write!(c, ".intersect({})", Lit(x));
    }
    if let Some(x) = &r.navigation_property {
        write!(c, ".navigation({})", Lit(x));
    }
    if let Some(cascade_) = &r.cascade {
        c.push_str(".cascade(");
        cascade(c, cascade_);
        c.push_str(")");
    }
}

/// The runtime's presets (`rt::cascade::PARENTAL`), as they are or with the fields that differ
/// (`.with(rt::Action::Merge, ..)`), the preset that differs least (in preset order on a tie).
fn cascade(code: &mut Code, c: &crate::model::CascadeConfiguration) {
    use crate::model::CascadeType::{Cascade, NoCascade, RemoveLink, Restrict};
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
        return;
    };
    write!(code, "rt::cascade::{name}");
    if legacy {
        code.push_str(".legacy()");
    }
    for i in differ {
        match fields[i] {
            (action, Some(v)) => write!(
                code,
                ".with(rt::Action::{action}, rt::Option::Some(rt::CascadeType::{}))",
                v.word()
            ),
            (action, None) => write!(code, ".with(rt::Action::{action}, rt::Option::None)"),
        }
    }
}
