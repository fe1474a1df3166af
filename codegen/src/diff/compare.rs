//! Two schemas in, every change out. Items are matched by key (table and column logical names,
//! choice values, target tables, relationship schema names), never by position, so neither side's
//! page order matters; each map is walked once, so the work is linear in the schemas' size.

use super::classify::{self as c, Class};
use super::schema::{ColumnSchema, OptionSchema, RelationshipSchema, Schema, Stated, TableSchema};
use super::{fingerprint, Change, Kind, Report};
use crate::model::DateTimeBehavior;
use crate::webapi::date_kind_of;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Every change from `old` to `new`, in report order.
pub fn compare(old: &Schema, new: &Schema) -> Report {
    let mut out = Changes::default();
    for (name, side) in pairs(&old.tables, &new.tables) {
        match side {
            Side::Old(t) => out
                .push(name, Kind::TableRemoved, None, c::table_removed())
                .values(t.display_name.clone(), None)
                .at(Some(&t.stated), None),
            Side::New(t) => out
                .push(name, Kind::TableAdded, None, c::table_added())
                .values(None, t.display_name.clone())
                .at(None, Some(&t.stated)),
            Side::Both(a, b) => table(&mut out, name, a, b),
        }
    }
    Report::new(out.0)
}

/// An item found on one side or both.
enum Side<'a, T> {
    Old(&'a T),
    New(&'a T),
    Both(&'a T, &'a T),
}

/// The union of two maps' keys, in key order, with each key's values: one merge walk.
fn pairs<'a, K: Ord, T>(
    old: &'a BTreeMap<K, T>,
    new: &'a BTreeMap<K, T>,
) -> Vec<(&'a K, Side<'a, T>)> {
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((ka, _)), Some((kb, _))) => ka.cmp(kb),
        };
        match (
            next,
            a.next_if(|_| next.is_le()),
            b.next_if(|_| next.is_ge()),
        ) {
            (Ordering::Equal, Some((k, x)), Some((_, y))) => out.push((k, Side::Both(x, y))),
            (_, Some((k, x)), None) => out.push((k, Side::Old(x))),
            (_, None, Some((k, y))) => out.push((k, Side::New(y))),
            _ => break,
        }
    }
    out
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    /// Records a change; chain [`ChangeRef::values`] and [`ChangeRef::at`] to complete it.
    fn push(
        &mut self,
        table: &str,
        kind: Kind,
        item: Option<String>,
        class: Class,
    ) -> ChangeRef<'_> {
        self.0.push(Change {
            table: table.to_string(),
            kind,
            item,
            old: None,
            new: None,
            level: class.level,
            axes: class.axes,
            layer: None,
            old_loc: None,
            new_loc: None,
            fingerprint: String::new(),
            why: class.why.to_string(),
            allowed: None,
        });
        let last = self.0.len() - 1;
        ChangeRef(&mut self.0[last])
    }
}

struct ChangeRef<'a>(&'a mut Change);

impl ChangeRef<'_> {
    fn values(self, old: Option<String>, new: Option<String>) -> Self {
        let c = &mut *self.0;
        c.fingerprint = fingerprint(
            c.kind,
            &c.table,
            c.item.as_deref(),
            old.as_deref(),
            new.as_deref(),
        );
        c.old = old;
        c.new = new;
        self
    }

    /// Where the item is stated on each side; the layer is the new side's, else the old's.
    fn at(self, old: Option<&Stated>, new: Option<&Stated>) {
        let c = &mut *self.0;
        c.old_loc = old.and_then(|s| s.at.clone());
        c.new_loc = new.and_then(|s| s.at.clone());
        c.layer = new
            .and_then(|s| s.layer.clone())
            .or_else(|| old.and_then(|s| s.layer.clone()));
    }
}

fn table(out: &mut Changes, name: &str, a: &TableSchema, b: &TableSchema) {
    let (sa, sb) = (Some(&a.stated), Some(&b.stated));
    if a.entity_set != b.entity_set {
        let class = c::entity_set_changed(a.entity_set_stated && b.entity_set_stated);
        out.push(name, Kind::EntitySetChanged, None, class)
            .values(Some(a.entity_set.clone()), Some(b.entity_set.clone()))
            .at(sa, sb);
    }
    let names = (&a.display_name, &b.display_name);
    prose(out, Kind::DisplayNameChanged, (name, None), names, (sa, sb));
    let texts = (&a.description, &b.description);
    prose(out, Kind::DescriptionChanged, (name, None), texts, (sa, sb));
    for (col, side) in pairs(&a.columns, &b.columns) {
        let item = Some(col.clone());
        match side {
            Side::Old(x) => out
                .push(name, Kind::ColumnRemoved, item, c::column_removed())
                .values(x.ty.clone(), None)
                .at(Some(&x.stated), None),
            Side::New(y) => {
                let class = c::column_added(y.required_level.as_deref(), creatable(y));
                out.push(name, Kind::ColumnAdded, item, class)
                    .values(None, y.ty.clone())
                    .at(None, Some(&y.stated));
            }
            Side::Both(x, y) => column(out, name, col, x, y),
        }
    }
    relationships(out, name, a, b);
}

/// Relationships by schema name and side; one whose ends changed is another relationship.
fn relationships(out: &mut Changes, name: &str, a: &TableSchema, b: &TableSchema) {
    for (_, side) in pairs(&a.relationships, &b.relationships) {
        match side {
            Side::Old(r) => relationship_removed(out, name, r),
            Side::New(r) => relationship_added(out, name, r),
            Side::Both(x, y) if ends(x) != ends(y) => {
                relationship_removed(out, name, x);
                relationship_added(out, name, y);
            }
            Side::Both(x, y) => relationship(out, name, x, y),
        }
    }
}

/// A relationship's item: its schema name as the page spells it, with the side when the table
/// is on both.
fn relationship_item(r: &RelationshipSchema) -> Option<String> {
    Some(if r.both_sides {
        format!("{}:{}", r.schema_name, r.kind)
    } else {
        r.schema_name.clone()
    })
}

fn relationship_removed(out: &mut Changes, table: &str, r: &RelationshipSchema) {
    let class = c::relationship_removed();
    out.push(
        table,
        Kind::RelationshipRemoved,
        relationship_item(r),
        class,
    )
    .values(Some(ends(r)), None)
    .at(Some(&r.stated), None);
}

fn relationship_added(out: &mut Changes, table: &str, r: &RelationshipSchema) {
    let class = c::relationship_added();
    out.push(table, Kind::RelationshipAdded, relationship_item(r), class)
        .values(None, Some(ends(r)))
        .at(None, Some(&r.stated));
}

/// Whether a column may be set when a row is created.
fn creatable(c: &ColumnSchema) -> bool {
    c.access.iter().any(|a| a == "create")
}

/// A column's Type word, with the global choice that names its Rust type.
fn type_text(c: &ColumnSchema) -> Option<String> {
    match (&c.ty, &c.global_choice) {
        (Some(ty), Some(g)) => Some(format!("{ty} (global choice {g})")),
        (None, Some(g)) => Some(format!("global choice {g}")),
        (ty, None) => ty.clone(),
    }
}

/// `one_to_many account -> contact (parentcustomerid)`: what a relationship connects.
fn ends(r: &RelationshipSchema) -> String {
    let or = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".to_string());
    let mut text = format!(
        "{} {} -> {}",
        r.kind,
        or(&r.referenced_entity),
        or(&r.referencing_entity)
    );
    if let Some(attr) = &r.referencing_attribute {
        text.push_str(&format!(" ({attr})"));
    }
    text
}

/// A display name or description change (`doc`).
fn prose(
    out: &mut Changes,
    kind: Kind,
    (table, item): (&str, Option<&str>),
    (old, new): (&Option<String>, &Option<String>),
    (sa, sb): (Option<&Stated>, Option<&Stated>),
) {
    if old != new {
        out.push(table, kind, item.map(str::to_string), c::prose())
            .values(old.clone(), new.clone())
            .at(sa, sb);
    }
}

fn column(out: &mut Changes, table: &str, col: &str, a: &ColumnSchema, b: &ColumnSchema) {
    let (sa, sb) = (Some(&a.stated), Some(&b.stated));
    let item = || Some(col.to_string());
    if a.ty != b.ty || a.global_choice != b.global_choice {
        let class = c::column_type_changed(
            a.ty.as_deref(),
            b.ty.as_deref(),
            a.global_choice == b.global_choice,
        );
        let type_at = |s: &ColumnSchema| Stated {
            layer: s.stated.layer.clone(),
            at: s.type_at.clone().or_else(|| s.stated.at.clone()),
        };
        out.push(table, Kind::ColumnTypeChanged, item(), class)
            .values(type_text(a), type_text(b))
            .at(Some(&type_at(a)), Some(&type_at(b)));
    }
    let is_date = |s: &ColumnSchema| s.ty.as_deref() == Some("DateTime");
    if a.date_behavior != b.date_behavior && (is_date(a) || is_date(b)) {
        // The schema keeps the page's word; its kind goes by the word's meaning.
        let kind = |s: &ColumnSchema| {
            let behavior = s.date_behavior.as_deref().map(DateTimeBehavior::parse);
            date_kind_of(behavior.as_ref())
        };
        let kinds = (kind(a), kind(b));
        out.push(
            table,
            Kind::DateBehaviorChanged,
            item(),
            c::date_behavior_changed(kinds.0, kinds.1),
        )
        .values(a.date_behavior.clone(), b.date_behavior.clone())
        .at(sa, sb);
    }
    if a.access != b.access {
        let class = c::column_writability_changed(&a.access, &b.access);
        out.push(table, Kind::ColumnWritabilityChanged, item(), class)
            .values(Some(a.access.join(", ")), Some(b.access.join(", ")))
            .at(sa, sb);
    }
    if a.required_level != b.required_level {
        let (x, y) = (a.required_level.as_deref(), b.required_level.as_deref());
        out.push(
            table,
            Kind::RequiredLevelChanged,
            item(),
            c::required_level_changed(x, y, creatable(b)),
        )
        .values(a.required_level.clone(), b.required_level.clone())
        .at(sa, sb);
    }
    if a.max_length != b.max_length {
        let class = c::max_length_changed(a.max_length, b.max_length);
        out.push(table, Kind::MaxLengthChanged, item(), class)
            .values(
                a.max_length.map(|n| n.to_string()),
                b.max_length.map(|n| n.to_string()),
            )
            .at(sa, sb);
    }
    let names = (&a.display_name, &b.display_name);
    prose(
        out,
        Kind::DisplayNameChanged,
        (table, Some(col)),
        names,
        (sa, sb),
    );
    let texts = (&a.description, &b.description);
    prose(
        out,
        Kind::DescriptionChanged,
        (table, Some(col)),
        texts,
        (sa, sb),
    );
    options(out, table, col, a, b);
    targets(out, table, col, a, b);
}

/// Lookup targets; the class depends on how many the lookup had and has (the Rust type of a
/// lookup with one target differs from one with several).
fn targets(out: &mut Changes, table: &str, col: &str, a: &ColumnSchema, b: &ColumnSchema) {
    let counts = (a.targets.len(), b.targets.len());
    for (target, side) in pairs(&a.targets, &b.targets) {
        let item = Some(format!("{col}:{target}"));
        match side {
            Side::Old(s) => out
                .push(
                    table,
                    Kind::LookupTargetRemoved,
                    item,
                    c::lookup_target_removed(),
                )
                .values(Some(target.clone()), None)
                .at(Some(s), None),
            Side::New(s) => out
                .push(
                    table,
                    Kind::LookupTargetAdded,
                    item,
                    c::lookup_target_added(counts),
                )
                .values(None, Some(target.clone()))
                .at(None, Some(s)),
            Side::Both(..) => {}
        }
    }
}

/// Choice values. A label each side lists once, under different values, was renumbered (a
/// swap of two labels is two renumberings); the other values are matched by value: gone,
/// come, or relabelled (unless both labels were renumbered, which says it all).
fn options(out: &mut Changes, table: &str, col: &str, a: &ColumnSchema, b: &ColumnSchema) {
    let (old, new) = (unique_labels(&a.options), unique_labels(&b.options));
    let mut renumbered: BTreeMap<&str, (i32, i32)> = BTreeMap::new();
    for (label, from) in &old {
        match new.get(label) {
            Some(to) if to != from => {
                renumbered.insert(label, (*from, *to));
            }
            _ => {}
        }
    }
    for (label, (from, to)) in &renumbered {
        out.push(
            table,
            Kind::ChoiceValueRenumbered,
            Some(format!("{col}:{label}")),
            c::choice_value_renumbered(),
        )
        .values(Some(from.to_string()), Some(to.to_string()))
        .at(
            a.options.get(from).map(|o| &o.stated),
            b.options.get(to).map(|o| &o.stated),
        );
    }
    let moved = |label: &str| renumbered.contains_key(label);
    for (value, side) in pairs(&a.options, &b.options) {
        let item = Some(format!("{col}:{value}"));
        match side {
            Side::Old(o) if !moved(&o.label) => out
                .push(
                    table,
                    Kind::ChoiceValueRemoved,
                    item,
                    c::choice_value_removed(),
                )
                .values(Some(o.label.clone()), None)
                .at(Some(&o.stated), None),
            Side::New(o) if !moved(&o.label) => out
                .push(table, Kind::ChoiceValueAdded, item, c::choice_value_added())
                .values(None, Some(o.label.clone()))
                .at(None, Some(&o.stated)),
            Side::Both(x, y) if x.label != y.label && !(moved(&x.label) && moved(&y.label)) => {
                out.push(
                    table,
                    Kind::ChoiceValueRelabelled,
                    item,
                    c::choice_value_relabelled(),
                )
                .values(Some(x.label.clone()), Some(y.label.clone()))
                .at(Some(&x.stated), Some(&y.stated));
            }
            _ => {}
        }
    }
}

/// Each label listed once, with its value.
fn unique_labels(options: &BTreeMap<i32, OptionSchema>) -> BTreeMap<&str, i32> {
    let mut seen: BTreeMap<&str, Option<i32>> = BTreeMap::new();
    for (value, o) in options {
        seen.entry(o.label.as_str())
            .and_modify(|v| *v = None)
            .or_insert(Some(*value));
    }
    seen.into_iter()
        .filter_map(|(label, v)| Some((label, v?)))
        .collect()
}

fn relationship(out: &mut Changes, table: &str, a: &RelationshipSchema, b: &RelationshipSchema) {
    let (sa, sb) = (Some(&a.stated), Some(&b.stated));
    let item = relationship_item(b);
    if a.navigation_property != b.navigation_property {
        out.push(
            table,
            Kind::NavigationPropertyChanged,
            item.clone(),
            c::navigation_property_changed(
                a.navigation_property.is_some(),
                b.navigation_property.is_some(),
            ),
        )
        .values(a.navigation_property.clone(), b.navigation_property.clone())
        .at(sa, sb);
    }
    if a.cascade != b.cascade {
        // Only the actions that differ, `Delete: RemoveLink` -> `Delete: Cascade`.
        let show = |m: &BTreeMap<String, String>, other: &BTreeMap<String, String>| {
            let parts: Vec<String> = m
                .iter()
                .filter(|(k, v)| other.get(*k) != Some(*v))
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        };
        out.push(
            table,
            Kind::CascadeChanged,
            item,
            c::cascade_changed(&a.cascade, &b.cascade),
        )
        .values(show(&a.cascade, &b.cascade), show(&b.cascade, &a.cascade))
        .at(sa, sb);
    }
}
