//! Shared lookup enums: a lookup that can point to one table only (`createdby` -> `systemuser`)
//! has the same enum whatever its column (`Systemuser(Uuid)` or `Unknown(EntityReference)`), so
//! each such target's enum is generated once, in the root `lookups` module, and every column's
//! target enum is a type alias of it. In a Dynamics-size docs set, thousands of columns point
//! to a few hundred tables; each enum costs the compiler about as much as a table's dozen
//! columns, so this is the largest part of what sharing saves. A column keeps an enum of its
//! own when the names stage named its variant otherwise (a name the lock kept, a collision).

use super::*;
use crate::names::target_type_name;
use std::collections::BTreeMap;

/// The shared enums' names, decided from the whole model so that a table's file is the same
/// whichever tables are generated: the type name of each table a one-target lookup points to,
/// unless two tables would take the same name (then neither is shared).
#[derive(Debug, Default)]
pub struct SharedLookups {
    /// Type name -> the target table's logical name.
    by_name: BTreeMap<String, String>,
}

impl SharedLookups {
    pub fn of(model: &Model) -> Self {
        let mut claims: BTreeMap<String, Option<&str>> = BTreeMap::new();
        let one_target = model.tables.values().flat_map(|t| t.columns.values());
        for target in one_target.filter_map(single_target) {
            let claim = claims
                .entry(target_type_name(target))
                .or_insert(Some(target));
            if *claim != Some(target) {
                *claim = None;
            }
        }
        let by_name = claims
            .into_iter()
            .filter_map(|(name, t)| Some((name, t?.to_string())))
            .collect();
        SharedLookups { by_name }
    }

    /// The shared enum the column's target enum is an alias of, if any.
    pub(super) fn of_column<'a>(&'a self, c: &Column, cn: &ColumnNames) -> Option<&'a str> {
        let target = single_target(c)?;
        let variant = cn.targets.as_ref()?.variants.get(target)?;
        let (name, table) = self.by_name.get_key_value(variant)?;
        (table == target).then_some(name.as_str())
    }
}

/// The one target of a lookup that is not a PartyList (whose enum also types its parties).
fn single_target(c: &Column) -> Option<&str> {
    let mut targets = c.targets.iter();
    match (targets.next(), targets.next()) {
        (Some(one), None) if c.is_lookup() && c.ty != Some(ColumnType::PartyList) => Some(one),
        _ => None,
    }
}

/// The `lookups` module: the shared enum of every target a generated table's column uses. In
/// a standalone crate ([`Layout::Crate`]) each is compiled with the features of the tables
/// that use it.
pub fn lookups(model: &Model, names: &Names, shared: &SharedLookups, layout: Layout) -> String {
    // Shared name -> the modules (features) of the tables whose columns use it.
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (logical, n) in &names.tables {
        let Some(t) = model.tables.get(logical) else {
            continue;
        };
        for (c, cn) in columns_with_names(t, n) {
            if let Some(name) = shared.of_column(c, cn) {
                let feature = n.module.trim_start_matches("r#");
                users.entry(name).or_default().insert(feature);
            }
        }
    }
    // Full paths, no `use`: in a standalone crate with none of their tables' features, no enum
    // is compiled and an import would be unused.
    let mut c = Code::default();
    for (ty, features) in &users {
        let table = shared.by_name[*ty].as_str();
        let cfg = Cfg(layout, features);
        c.doc(format_args!(
            "A lookup that can point to `{table}` rows only: the target enum of every such column."
        ));
        writeln!(
            c,
            "{cfg}#[derive(Debug, Clone, PartialEq, Eq, Hash)]\npub enum {ty} {{"
        );
        c.doc(format_args!("A `{table}` row."));
        writeln!(
            c,
            "{ty}(::dataverse_runtime::Uuid),
/// Another table's row, or a value read without its
/// `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation.
Unknown(::dataverse_runtime::EntityReference),
}}
{cfg}::dataverse_runtime::lookup_type!({ty} one {{ {ty} = {} }});",
            Lit(table),
        );
    }
    c.into_string()
}

/// `#[cfg(any(feature = "a", ..))]` in a standalone crate: compiled with the features of the
/// tables that use it; nothing in the build-script crate.
struct Cfg<'a>(Layout, &'a BTreeSet<&'a str>);

impl Display for Cfg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == Layout::BuildScript {
            return Ok(());
        }
        f.write_str("#[cfg(any(")?;
        for (i, feature) in self.1.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}feature = {}", Lit(feature))?;
        }
        f.write_str("))]\n")
    }
}
