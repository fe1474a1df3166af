//! The level and axes of each kind of change, with the reason a reviewer reads.
//!
//! One function per kind (or family); each decides from the old and new values only, so the
//! same change is classified the same wherever it occurs.

use super::{Axis, Level};
use crate::webapi::DateKind;
use std::collections::BTreeMap;

/// A change's classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Class {
    pub level: Level,
    pub axes: Vec<Axis>,
    pub why: &'static str,
}

fn class(level: Level, axes: &[Axis], why: &'static str) -> Class {
    Class {
        level,
        axes: axes.to_vec(),
        why,
    }
}

use Axis::{Api, Behaviour, Wire};
use Level::{Doc, Error, Info, Warning};

pub(super) fn table_added() -> Class {
    class(
        Info,
        &[Api],
        "a new table: a new module, nothing existing changes",
    )
}

pub(super) fn table_removed() -> Class {
    class(
        Error,
        &[Api, Wire],
        "its module goes, and requests to the table fail",
    )
}

pub(super) fn entity_set_changed(both_stated: bool) -> Class {
    if both_stated {
        class(
            Error,
            &[Wire],
            "requests and binds address the table by its entity set name",
        )
    } else {
        class(
            Warning,
            &[Wire],
            "one side's entity set is the default plural, a guess: check which name the server uses",
        )
    }
}

/// A new column breaks old code only when the server requires it on create.
pub(super) fn column_added(required_level: Option<&str>, creatable: bool) -> Class {
    if required_level == Some("SystemRequired") && creatable {
        class(
            Warning,
            &[Wire],
            "the server requires the new column: creates written without it may be refused",
        )
    } else {
        class(
            Info,
            &[Api],
            "a new field; records of old bindings read as before",
        )
    }
}

pub(super) fn column_removed() -> Class {
    class(
        Error,
        &[Api, Wire],
        "its field and setters go, and the server refuses it in requests",
    )
}

/// The family of Rust type and JSON shape a Type word gives.
fn shape(ty: &str) -> &str {
    match ty {
        "String" | "Memo" | "EntityName" => "text",
        "Decimal" | "Money" => "decimal",
        "Lookup" | "Customer" | "Owner" => "lookup",
        "Picklist" | "State" | "Status" => "choice",
        other => other,
    }
}

pub(super) fn column_type_changed(
    old: Option<&str>,
    new: Option<&str>,
    same_global_choice: bool,
) -> Class {
    match (old, new) {
        _ if !same_global_choice => class(
            Error,
            &[Api],
            "the column's choice type changes (local, or another global choice)",
        ),
        (Some(a), Some(b)) if shape(a) == shape(b) => {
            class(Info, &[], "the Rust type and the JSON shape stay the same")
        }
        (Some(_), Some(_)) => class(
            Error,
            &[Api, Wire],
            "the field's Rust type and its JSON shape change",
        ),
        _ => class(
            Warning,
            &[Api, Wire],
            "the type is stated on one side only: the Rust type may change",
        ),
    }
}

pub(super) fn date_behavior_changed(old: DateKind, new: DateKind) -> Class {
    if old == new {
        class(Info, &[], "values travel in the same shape")
    } else {
        class(
            Error,
            &[Api, Wire, Behaviour],
            "values travel in another shape (UTC date-time, date, or wall-clock date-time) and the Rust type changes",
        )
    }
}

/// `access` lists which of read, create and update a column is valid for.
pub(super) fn column_writability_changed(old: &[String], new: &[String]) -> Class {
    if old.iter().any(|a| !new.contains(a)) {
        class(
            Error,
            &[Api, Wire],
            "a setter or field goes, and the server refuses the column where it was accepted",
        )
    } else {
        class(Info, &[Api], "the column is accepted in more requests")
    }
}

pub(super) fn required_level_changed(
    old: Option<&str>,
    new: Option<&str>,
    creatable: bool,
) -> Class {
    let rank = |l: Option<&str>| match l {
        Some("SystemRequired") => 2,
        Some("ApplicationRequired") => 1,
        _ => 0,
    };
    match (rank(old), rank(new)) {
        // Equal ranks are not a change of level (both SystemRequired is no change at all).
        (_, 2) if creatable => class(
            Error,
            &[Wire],
            "the server now refuses creates without the column",
        ),
        (_, 2) => class(
            Warning,
            &[Wire],
            "the column is now system required, though no create may set it",
        ),
        (0, 1) => class(
            Warning,
            &[Behaviour],
            "apps and forms now require the column; the Web API does not enforce it",
        ),
        (a, b) if b < a => class(Info, &[Behaviour], "the column is required less"),
        _ => class(
            Info,
            &[],
            "a recommendation only (or the default stated): nothing enforces it",
        ),
    }
}

pub(super) fn max_length_changed(old: Option<u64>, new: Option<u64>) -> Class {
    match (old, new) {
        (Some(a), Some(b)) if b < a => class(
            Warning,
            &[Wire],
            "values longer than the new maximum are refused",
        ),
        (None, Some(_)) => class(
            Warning,
            &[Wire],
            "a maximum is stated where none was: longer values may be refused",
        ),
        _ => class(Info, &[], "values of the old maximum are still accepted"),
    }
}

pub(super) fn choice_value_added() -> Class {
    class(
        Info,
        &[Api],
        "a new constant; old bindings read the value as an integer without a name",
    )
}

pub(super) fn choice_value_removed() -> Class {
    class(
        Error,
        &[Api, Wire],
        "the server refuses the value; its constant goes (kept one release as deprecated by the names lockfile)",
    )
}

pub(super) fn choice_value_relabelled() -> Class {
    class(
        Warning,
        &[Behaviour],
        "`label()` and formatted values read differently: check the value still means the same",
    )
}

pub(super) fn choice_value_renumbered() -> Class {
    class(
        Error,
        &[Api, Wire, Behaviour],
        "old bindings send the old number, which now means something else or nothing",
    )
}

/// `counts`: how many targets the lookup had and has.
pub(super) fn lookup_target_added(counts: (usize, usize)) -> Class {
    match counts.0 {
        0 => class(
            Error,
            &[Api],
            "the lookup's first listed target: its field becomes a target enum",
        ),
        1 => class(
            Error,
            &[Api],
            "a second target: setters no longer take a bare id, the row's table must be named",
        ),
        _ => class(
            Warning,
            &[Api],
            "a new variant of the target enum: an exhaustive `match` on it no longer compiles",
        ),
    }
}

pub(super) fn lookup_target_removed() -> Class {
    class(
        Error,
        &[Api, Wire],
        "its variant goes, and the server refuses binds to that table",
    )
}

pub(super) fn relationship_added() -> Class {
    class(Info, &[Api], "a new relationship and navigation property")
}

pub(super) fn relationship_removed() -> Class {
    class(
        Error,
        &[Api, Wire],
        "its constants go, and expansions and binds through it fail",
    )
}

/// `had`, `has`: whether each side states the navigation property.
pub(super) fn navigation_property_changed(had: bool, has: bool) -> Class {
    match (had, has) {
        (true, true) => class(
            Error,
            &[Api, Wire],
            "expansions and binds name the navigation property",
        ),
        (true, false) => class(
            Warning,
            &[Api],
            "no longer stated: its constant goes, though the server may still have it",
        ),
        _ => class(Info, &[Api], "newly stated: a new navigation constant"),
    }
}

/// A parent's delete that now deletes the children, or is now refused while they exist,
/// changes data; any other cascade change may.
pub(super) fn cascade_changed(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Class {
    let delete = |m: &BTreeMap<String, String>| m.get("Delete").cloned();
    match (delete(old).as_deref(), delete(new).as_deref()) {
        (a, Some("Cascade")) if a != Some("Cascade") => class(
            Error,
            &[Behaviour],
            "deleting the referenced (parent) row now deletes the rows that point to it",
        ),
        (a, Some("Restrict")) if a != Some("Restrict") => class(
            Error,
            &[Behaviour],
            "deleting the referenced (parent) row is now refused while rows point to it",
        ),
        _ => class(
            Warning,
            &[Behaviour],
            "the same operation on the referenced (parent) row now has another effect on the rows that point to it",
        ),
    }
}

pub(super) fn prose() -> Class {
    class(Doc, &[], "prose only")
}

pub(super) fn name_changed() -> Class {
    class(
        Error,
        &[Api],
        "the names lockfile records another identifier: code using it no longer compiles",
    )
}
