//! Many [`PageFacts`] -> one [`Model`]: versions of a page collapse to the newest, then base and
//! extension layers are folded in a fixed order.
//!
//! Rules (also in the README):
//! 1. Pages are grouped by table logical name, then by product.
//! 2. Within a product, the page with the newest `ms.date` wins whole; pages without a date lose
//!    to dated ones, and between undated pages (or equal dates) the later path wins. The copies
//!    not used are no diagnostic: [`crate::generate`] notes them, one note per table.
//! 3. Layers fold in order: base pages (not extensions) first, Dataverse before Dynamics 365
//!    before other products, then extension pages by product name. A later layer adds targets,
//!    choice values, columns and relationships, and replaces every property it states.
//! 4. A choice value with two labels, a column whose Type differs between layers, or a
//!    relationship whose endpoints differ, is a warning naming both places; the later layer wins.
//! 5. A table described only by extension pages is kept, marked [`Table::extension_only`]; one
//!    warning lists every such table.

use super::lower::PageFacts;
use super::*;
use crate::diag::Diagnostic;

/// Merges every page's facts into one model. The result does not depend on the input order.
pub fn merge(pages: Vec<PageFacts>) -> (Model, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut by_table: BTreeMap<String, Vec<PageFacts>> = BTreeMap::new();
    for p in pages {
        by_table
            .entry(p.table.logical_name.clone())
            .or_default()
            .push(p);
    }
    let mut model = Model::default();
    // The tables only extension pages describe, in name order, each with its first page.
    let mut extension_only: Vec<(String, Loc)> = Vec::new();
    for (name, pages) in by_table {
        let mut superseded = Vec::new();
        let mut layers = newest_per_product(pages, &mut superseded);
        if !superseded.is_empty() {
            model.superseded.insert(name.clone(), superseded);
        }
        layers.sort_by(|a, b| layer_key(a).cmp(&layer_key(b)));
        let mut layers = layers.into_iter();
        let Some(first) = layers.next() else { continue };
        // Base layers sort first: the first layer is an extension only when every layer is.
        if first.extension {
            extension_only.push((name.clone(), first.at.clone()));
        }
        let mut table = first.table;
        table.extension_only = first.extension;
        for layer in layers {
            absorb(&mut table, layer.table, &mut diags);
        }
        model.tables.insert(name, table);
    }
    diags.extend(extension_only_summary(&extension_only));
    (model, diags)
}

/// One warning for every table that only extension pages describe (one per table would repeat
/// in every build), located at the first such table's page.
fn extension_only_summary(tables: &[(String, Loc)]) -> Option<Diagnostic> {
    let ((_, at), n) = (tables.first()?, tables.len());
    let names: Vec<&str> = tables.iter().map(|(name, _)| name.as_str()).collect();
    let (count, pronoun, possessive, pages) = if n == 1 {
        ("1 table".to_string(), "it holds", "its", "page")
    } else {
        (format!("{n} tables"), "they hold", "their", "pages")
    };
    Some(Diagnostic::warning(
        at.clone(),
        format!(
            "no base page for {count}, only extension pages, so {pronoun} only the columns those pages change: {} (add {possessive} base {pages} to the docs folder; see the README)",
            names.join(", ")
        ),
    ))
}

fn layer_key(p: &PageFacts) -> (bool, u8, Option<&str>, &str) {
    let product = p.origin.product.as_deref();
    let rank = match product {
        Some("Microsoft Dataverse") => 0,
        Some("Microsoft Dynamics 365") => 1,
        _ => 2,
    };
    (p.extension, rank, product, &p.origin.file)
}

/// Keeps one page per product: the newest by `ms.date`, else the later path. The copies it
/// drops are no diagnostic: the caller ([`crate::generate`]) reports them as one note per table.
fn newest_per_product(pages: Vec<PageFacts>, superseded: &mut Vec<Superseded>) -> Vec<PageFacts> {
    let mut by_product: BTreeMap<Option<String>, Vec<PageFacts>> = BTreeMap::new();
    for p in pages {
        by_product
            .entry(p.origin.product.clone())
            .or_default()
            .push(p);
    }
    let mut kept = Vec::new();
    for (_, mut versions) in by_product {
        versions
            .sort_by(|a, b| (a.origin.date, &a.origin.file).cmp(&(b.origin.date, &b.origin.file)));
        let Some(newest) = versions.pop() else {
            continue;
        };
        superseded.extend(versions.into_iter().map(|old| Superseded {
            old: old.origin,
            by: newest.origin.clone(),
        }));
        kept.push(newest);
    }
    kept
}

/// Folds a later layer into a table. `from` is destructured without `..`, so a new field of
/// [`Table`] does not compile until it is merged here.
fn absorb(into: &mut Table, from: Table, diags: &mut Vec<Diagnostic>) {
    let Table {
        logical_name: _, // the grouping key: the same in every layer
        schema_name,
        display_name,
        entity_set_name,
        primary_id_attribute,
        primary_name_attribute,
        ownership_type,
        description,
        collection_schema_name,
        display_collection_name,
        logical_collection_name,
        table_type,
        extension_only: _, // set by `merge` once every layer is folded
        columns,
        relationships,
        origins,
        at,
    } = from;
    // The table stays located where the first layer named it (as a column does).
    if into.at.is_none() {
        into.at = at;
    }
    replace(&mut into.schema_name, schema_name);
    replace(&mut into.display_name, display_name);
    replace(&mut into.entity_set_name, entity_set_name);
    replace(&mut into.primary_id_attribute, primary_id_attribute);
    replace(&mut into.primary_name_attribute, primary_name_attribute);
    replace(&mut into.ownership_type, ownership_type);
    replace(&mut into.description, description);
    replace(&mut into.collection_schema_name, collection_schema_name);
    replace(&mut into.display_collection_name, display_collection_name);
    replace(&mut into.logical_collection_name, logical_collection_name);
    replace(&mut into.table_type, table_type);
    for (name, col) in columns {
        match into.columns.get_mut(&name) {
            Some(existing) => absorb_column(&into.logical_name, existing, col, diags),
            None => {
                into.columns.insert(name, col);
            }
        }
    }
    for (name, rel) in relationships {
        match into.relationships.get_mut(&name) {
            Some(existing) => absorb_relationship(&into.logical_name, existing, rel, diags),
            None => {
                into.relationships.insert(name, rel);
            }
        }
    }
    into.origins.extend(origins);
}

/// Folds a later layer's column into one an earlier layer described (exhaustively, as
/// [`absorb`]).
fn absorb_column(table: &str, into: &mut Column, from: Column, diags: &mut Vec<Diagnostic>) {
    let Column {
        logical_name: _, // the map key: the same in both
        schema_name,
        ty,
        required_level,
        targets,
        options,
        display_name,
        description,
        writable,
        valid_for_create,
        valid_for_update,
        valid_for_read,
        global_choice_name,
        default_form_value,
        default_value,
        max_length,
        format,
        format_name,
        min_value,
        max_value,
        precision,
        precision_source,
        datetime_behavior,
        image,
        target_origins,
        properties,
        origins,
        at: _, // the column stays located where an earlier layer first described it
        type_at,
    } = from;
    if let (Some(a), Some(b)) = (&into.ty, &ty) {
        if a != b {
            if let Some(at) = type_at.clone() {
                let prev = into
                    .type_at
                    .as_ref()
                    .map_or(String::new(), |l| l.to_string());
                diags.push(
                    Diagnostic::warning(
                        at,
                        format!(
                            "Type `{}` here differs from `{}` at {prev}: the later layer wins",
                            b.word(),
                            a.word()
                        ),
                    )
                    .at(&[table, &into.logical_name, "Type"]),
                );
            }
        }
    }
    if ty.is_some() {
        into.ty = ty;
        into.type_at = type_at;
    }
    // Every column section has a heading, so every layer states the schema name.
    into.schema_name = schema_name;
    replace(&mut into.required_level, required_level);
    replace(&mut into.display_name, display_name);
    replace(&mut into.description, description);
    replace(&mut into.writable, writable);
    replace(&mut into.valid_for_create, valid_for_create);
    replace(&mut into.valid_for_update, valid_for_update);
    replace(&mut into.valid_for_read, valid_for_read);
    replace(&mut into.global_choice_name, global_choice_name);
    replace(&mut into.default_form_value, default_form_value);
    replace(&mut into.default_value, default_value);
    replace(&mut into.max_length, max_length);
    replace(&mut into.format, format);
    replace(&mut into.format_name, format_name);
    replace(&mut into.precision_source, precision_source);
    replace(&mut into.image, image);
    replace(&mut into.min_value, min_value);
    replace(&mut into.max_value, max_value);
    replace(&mut into.precision, precision);
    replace(&mut into.datetime_behavior, datetime_behavior);
    into.properties.extend(properties);
    into.targets.extend(targets);
    for (target, origins) in target_origins {
        into.add_target(&target, origins);
    }
    for (value, opt) in options {
        match into.options.get_mut(&value) {
            Some(existing) => absorb_option(table, &into.logical_name, existing, opt, diags),
            None => {
                into.options.insert(value, opt);
            }
        }
    }
    into.origins.extend(origins);
}

/// Folds a later layer's choice value into one an earlier layer listed (exhaustively, as
/// [`absorb`]).
fn absorb_option(
    table: &str,
    column: &str,
    into: &mut ChoiceOption,
    from: ChoiceOption,
    diags: &mut Vec<Diagnostic>,
) {
    let ChoiceOption {
        value,
        label,
        state,
        default_status,
        invariant_name,
        origins,
        at,
    } = from;
    if into.label != label {
        let prev = into.at.as_ref().map_or(String::new(), |l| l.to_string());
        if let Some(at) = at.clone() {
            diags.push(
                Diagnostic::warning(
                    at,
                    format!(
                        "choice value {value} is `{label}` here and `{}` at {prev}: the later layer wins",
                        into.label
                    ),
                )
                .at(&[table, column]),
            );
        }
        into.label = label;
        // The value stays located where its label was stated.
        into.at = at;
    }
    replace(&mut into.state, state);
    replace(&mut into.default_status, default_status);
    replace(&mut into.invariant_name, invariant_name);
    into.origins.extend(origins);
}

/// Folds a later layer's relationship into one an earlier layer described (exhaustively, as
/// [`absorb`]).
fn absorb_relationship(
    table: &str,
    into: &mut Relationship,
    from: Relationship,
    diags: &mut Vec<Diagnostic>,
) {
    let endpoints = |r: &Relationship| {
        [
            ("ReferencedEntity", r.referenced_entity.clone()),
            ("ReferencedAttribute", r.referenced_attribute.clone()),
            ("ReferencingEntity", r.referencing_entity.clone()),
            ("ReferencingAttribute", r.referencing_attribute.clone()),
        ]
    };
    for ((key, a), (_, b)) in endpoints(into).into_iter().zip(endpoints(&from)) {
        if let (Some(a), Some(b), Some(at)) = (&a, &b, &from.at) {
            if a != b {
                let prev = into.at.as_ref().map_or(String::new(), |l| l.to_string());
                diags.push(
                    Diagnostic::warning(
                        at.clone(),
                        format!(
                            "{key} `{b}` here differs from `{a}` at {prev}: the later layer wins"
                        ),
                    )
                    .at(&[table, "relationship", &into.schema_name, key]),
                );
            }
        }
    }
    let Relationship {
        schema_name: _, // with `kind`, the map key: the same in both
        kind: _,
        referenced_entity,
        referenced_attribute,
        referencing_entity,
        referencing_attribute,
        intersect_entity,
        cascade,
        navigation_property,
        associated_menu,
        origins,
        at,
    } = from;
    replace(&mut into.referenced_entity, referenced_entity);
    replace(&mut into.referenced_attribute, referenced_attribute);
    replace(&mut into.referencing_entity, referencing_entity);
    replace(&mut into.referencing_attribute, referencing_attribute);
    replace(&mut into.intersect_entity, intersect_entity);
    replace(&mut into.cascade, cascade);
    replace(&mut into.navigation_property, navigation_property);
    into.associated_menu.extend(associated_menu);
    replace(&mut into.at, at);
    into.origins.extend(origins);
}

/// A stated value replaces; an unstated one keeps what an earlier layer said.
fn replace<T>(into: &mut Option<T>, from: Option<T>) {
    if from.is_some() {
        *into = from;
    }
}

#[cfg(test)]
mod tests;
