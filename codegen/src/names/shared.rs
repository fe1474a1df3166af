//! Shared lookup enums: a lookup that can point to one table only (`createdby` -> `systemuser`)
//! has the same enum whatever its column (`Systemuser(Uuid)` or `Unknown(EntityReference)`), so
//! each such target's enum is generated once, in the root `lookups` module, and every column's
//! target enum is a type alias of it ([`TargetNames::shared`]). In a Dynamics-size docs set,
//! thousands of columns point to a few hundred tables, and each enum costs the compiler about as
//! much as a table's dozen columns. A column keeps an enum of its own when its variant was named
//! otherwise (a name the lock kept, a collision).

use super::{target_type_name, Names, TargetNames};
use crate::model::{Column, ColumnType, Model};
use std::collections::BTreeMap;

/// The shared enums' names, decided from the whole model so that a table's file is the same
/// whichever tables are generated: the type name of each table a one-target lookup points to,
/// unless two tables would take the same name (then neither is shared).
#[derive(Debug, Default)]
pub(super) struct SharedLookups {
    /// Type name -> the target table's logical name.
    pub(super) by_name: BTreeMap<String, String>,
}

impl SharedLookups {
    pub(super) fn of(model: &Model) -> Self {
        let mut claims: BTreeMap<String, Option<&str>> = BTreeMap::new();
        let one_target = model.tables.values().flat_map(|t| t.columns.values());
        for target in one_target.filter_map(single_target) {
            let name = target_type_name(target);
            if name == "Unknown" {
                continue; // every target enum's own variant: never a target's name
            }
            let claim = claims.entry(name).or_insert(Some(target));
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
    pub(super) fn of_column(&self, c: &Column, targets: &TargetNames) -> Option<String> {
        let target = single_target(c)?;
        let variant = targets.variants.get(target)?;
        let (name, table) = self.by_name.get_key_value(variant)?;
        (table == target).then(|| name.clone())
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

/// Marks each generated column whose target enum is an alias of a shared one, and records the
/// shared enums (type name -> target table) in `names`.
pub(super) fn assign(model: &Model, names: &mut Names) {
    let shared = SharedLookups::of(model);
    for (logical, tn) in &mut names.tables {
        let Some(t) = model.tables.get(logical) else {
            continue;
        };
        for (key, cn) in &mut tn.columns {
            if let (Some(col), Some(targets)) = (t.columns.get(key), cn.targets.as_mut()) {
                targets.shared = shared.of_column(col, targets);
            }
        }
    }
    names.shared_lookups = shared.by_name;
}
