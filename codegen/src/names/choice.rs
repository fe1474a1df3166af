//! The names of a choice's values: constants from labels, the same whatever order the values
//! come in, and the values the lock keeps after the docs dropped them.

use super::case::{screaming, upper_camel, value_name, value_suffix};
use super::key::{ItemKey, Role, Style};
use super::scope::{Namespace, Run, Want};
use super::ChoiceNames;
use crate::model::ChoiceOption;
use std::collections::BTreeMap;

/// Constant-scope names of every choice type: its table of options.
const OWN_CHOICE_ITEMS: &[&str] = &["OPTIONS"];

/// A choice's names: its type `ty` and its values' constants ([`variants`]), with the values
/// the lock records that the docs no longer list (unless pruned).
pub(super) fn choice_names(
    run: &mut Run<'_>,
    ty: String,
    options: &BTreeMap<i32, ChoiceOption>,
    of: &ItemKey,
    value_key: &dyn Fn(i32) -> ItemKey,
    prune: bool,
) -> ChoiceNames {
    let gone: Vec<i32> = if prune {
        Vec::new()
    } else {
        let recorded = run.lock.values_of(of).map(|(v, _)| v);
        recorded.filter(|v| !options.contains_key(v)).collect()
    };
    let mut scope = Namespace::reserving(OWN_CHOICE_ITEMS);
    let keys = options
        .keys()
        .chain(&gone)
        .map(|v| (value_key(*v), Role::Constant));
    scope.keep(run, keys);
    let variants = variants(run, &mut scope, options, value_key);
    let removed = gone
        .iter()
        .filter_map(|v| Some((*v, scope.removed(run, &value_key(*v))?)))
        .collect();
    ChoiceNames {
        ty,
        variants,
        removed,
    }
}

/// Constant names for a choice's options (`Pay-As-You-Go` -> `PAY_AS_YOU_GO`): from labels;
/// labels that collide after normalization (or take a name the type uses itself) all take their
/// value as a suffix. Recorded names (phase one of `scope`) come first.
fn variants(
    run: &mut Run<'_>,
    scope: &mut Namespace,
    options: &BTreeMap<i32, ChoiceOption>,
    value_key: &dyn Fn(i32) -> ItemKey,
) -> BTreeMap<i32, String> {
    let base: Vec<(i32, String)> = options
        .values()
        .map(|o| {
            let name = upper_camel(&o.label)
                .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
                .map(|n| screaming(&n))
                .unwrap_or_else(|| value_name(o.value));
            (o.value, name)
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, n) in &base {
        *counts.entry(n.as_str()).or_default() += 1;
    }
    let clashes = |n: &str| counts[n] > 1 || OWN_CHOICE_ITEMS.contains(&n);
    let mut out = BTreeMap::new();
    let mut name = |v: i32, n: String| {
        let want = Want {
            name: n,
            suffix: "_VALUE",
            tag: Some(value_suffix(v)),
            style: Style::Screaming,
        };
        scope.name(run, &value_key(v), Role::Constant, want)
    };
    // Names of their own first, so a suffixed name can only ever give way to them.
    for (v, n) in base.iter().filter(|(_, n)| !clashes(n)) {
        out.insert(*v, name(*v, n.clone()));
    }
    for (v, n) in base.iter().filter(|(_, n)| clashes(n)) {
        out.insert(*v, name(*v, format!("{n}_{}", value_suffix(*v))));
    }
    out
}
