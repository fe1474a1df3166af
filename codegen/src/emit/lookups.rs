//! The root `lookups` module: the enums one-target lookups share (which columns share which
//! enum is the names stage's decision, `names::shared`).

use super::*;
use std::collections::BTreeMap;

/// The `lookups` module: the shared enum of every target a generated table's column uses. In
/// a standalone crate ([`Layout::Crate`]) each is compiled with the features of the tables
/// that use it.
pub fn lookups(names: &Names, layout: Layout) -> String {
    // Shared name -> the modules (features) of the tables whose columns use it.
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for n in names.tables.values() {
        let shared = n
            .columns
            .values()
            .filter_map(|cn| cn.targets.as_ref()?.shared.as_deref());
        for name in shared {
            users
                .entry(name)
                .or_default()
                .insert(n.module.trim_start_matches("r#"));
        }
    }
    // Full paths, no `use`: in a standalone crate with none of their tables' features, no enum
    // is compiled and an import would be unused.
    let mut c = Code::default();
    for (ty, features) in &users {
        let Some(table) = names.shared_lookups.get(*ty) else {
            continue;
        };
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
