//! Many [`PageFacts`] -> one [`Model`]: versions of a page collapse to the newest, then base and
//! extension layers are folded in a fixed order.
//!
//! Rules (also in the README):
//! 1. Pages are grouped by table logical name, then by product.
//! 2. Within a product, the page with the newest `ms.date` wins whole; pages without a date lose
//!    to dated ones, and between undated pages (or equal dates) the later path wins, with a warning.
//! 3. Layers fold in order: base pages (not extensions) first, Dataverse before Dynamics 365
//!    before other products, then extension pages by product name. A later layer adds targets,
//!    choice values, columns and relationships, and replaces every property it states.
//! 4. A choice value with two labels, a column whose Type differs between layers, or a
//!    relationship whose endpoints differ, is a warning naming both places; the later layer wins.
//! 5. A table described only by extension pages is kept, with a warning that no base page was found.

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
    for (name, pages) in by_table {
        let mut layers = newest_per_product(pages, &mut diags);
        layers.sort_by(|a, b| layer_key(a).cmp(&layer_key(b)));
        if let Some(first) = layers.first().filter(|l| l.extension) {
            diags.push(Diagnostic::warning(
                first.at.clone(),
                format!(
                    "no base page for `{name}`: only extension pages describe it, so it has only the columns they change"
                ),
            ).at(&[&name]));
        }
        let mut layers = layers.into_iter();
        let Some(first) = layers.next() else { continue };
        let mut table = first.table;
        for layer in layers {
            absorb(&mut table, layer.table, &mut diags);
        }
        model.tables.insert(name, table);
    }
    (model, diags)
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

/// Keeps one page per product: the newest by `ms.date`, else the later path.
fn newest_per_product(pages: Vec<PageFacts>, diags: &mut Vec<Diagnostic>) -> Vec<PageFacts> {
    let mut by_product: BTreeMap<Option<String>, Vec<PageFacts>> = BTreeMap::new();
    for p in pages {
        by_product
            .entry(p.origin.product.clone())
            .or_default()
            .push(p);
    }
    let mut kept = Vec::new();
    for (product, mut versions) in by_product {
        versions
            .sort_by(|a, b| (a.origin.date, &a.origin.file).cmp(&(b.origin.date, &b.origin.file)));
        let Some(winner) = versions.pop() else {
            continue;
        };
        let product = product.as_deref().unwrap_or("unnamed product");
        for loser in &versions {
            let why = match (loser.origin.date, winner.origin.date) {
                (Some(a), Some(b)) if a == b => format!("both dated {a}"),
                (Some(_), Some(_)) => continue, // the newer date wins: the normal case
                _ => "without an ms.date to order them".to_string(),
            };
            diags.push(
                Diagnostic::warning(
                    loser.at.clone(),
                    format!(
                        "two versions of the {product} page of `{}`, {why}: {} wins as the later path, this page is ignored",
                        winner.table.logical_name, winner.at
                    ),
                )
                .at(&[&winner.table.logical_name]),
            );
        }
        kept.push(winner);
    }
    kept
}

fn absorb(into: &mut Table, from: Table, diags: &mut Vec<Diagnostic>) {
    replace(&mut into.schema_name, from.schema_name);
    replace(&mut into.display_name, from.display_name);
    replace(&mut into.entity_set_name, from.entity_set_name);
    replace(&mut into.primary_id_attribute, from.primary_id_attribute);
    replace(
        &mut into.primary_name_attribute,
        from.primary_name_attribute,
    );
    replace(&mut into.ownership_type, from.ownership_type);
    replace(&mut into.description, from.description);
    replace(
        &mut into.collection_schema_name,
        from.collection_schema_name,
    );
    replace(
        &mut into.display_collection_name,
        from.display_collection_name,
    );
    replace(&mut into.table_type, from.table_type);
    for (name, col) in from.columns {
        match into.columns.get_mut(&name) {
            Some(existing) => absorb_column(&into.logical_name, existing, col, diags),
            None => {
                into.columns.insert(name, col);
            }
        }
    }
    for (name, rel) in from.relationships {
        match into.relationships.get_mut(&name) {
            Some(existing) => absorb_relationship(&into.logical_name, existing, rel, diags),
            None => {
                into.relationships.insert(name, rel);
            }
        }
    }
    into.origins.extend(from.origins);
}

fn absorb_column(table: &str, into: &mut Column, from: Column, diags: &mut Vec<Diagnostic>) {
    if let (Some(a), Some(b)) = (&into.ty, &from.ty) {
        if a != b {
            if let Some(at) = from.type_at.clone() {
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
    if from.ty.is_some() {
        into.ty = from.ty;
        into.type_at = from.type_at;
    }
    into.schema_name = from.schema_name;
    replace(&mut into.required_level, from.required_level);
    replace(&mut into.display_name, from.display_name);
    replace(&mut into.description, from.description);
    replace(&mut into.writable, from.writable);
    replace(&mut into.valid_for_create, from.valid_for_create);
    replace(&mut into.valid_for_update, from.valid_for_update);
    replace(&mut into.valid_for_read, from.valid_for_read);
    replace(&mut into.global_choice_name, from.global_choice_name);
    replace(&mut into.default_form_value, from.default_form_value);
    replace(&mut into.default_value, from.default_value);
    replace(&mut into.max_length, from.max_length);
    replace(&mut into.format, from.format);
    replace(&mut into.format_name, from.format_name);
    replace(&mut into.precision_source, from.precision_source);
    replace(&mut into.image, from.image);
    replace(&mut into.min_value, from.min_value);
    replace(&mut into.max_value, from.max_value);
    replace(&mut into.precision, from.precision);
    replace(&mut into.datetime_behavior, from.datetime_behavior);
    into.properties.extend(from.properties);
    for (target, origins) in from.target_origins {
        into.add_target(&target, origins);
    }
    for (value, opt) in from.options {
        match into.options.get_mut(&value) {
            Some(existing) => {
                if existing.label != opt.label {
                    let prev = existing
                        .at
                        .as_ref()
                        .map_or(String::new(), |l| l.to_string());
                    if let Some(at) = opt.at.clone() {
                        diags.push(
                            Diagnostic::warning(
                                at,
                                format!(
                                    "choice value {value} is `{}` here and `{}` at {prev}: the later layer wins",
                                    opt.label, existing.label
                                ),
                            )
                            .at(&[table, &into.logical_name]),
                        );
                    }
                    existing.label = opt.label;
                    existing.at = opt.at;
                }
                replace(&mut existing.state, opt.state);
                replace(&mut existing.default_status, opt.default_status);
                replace(&mut existing.invariant_name, opt.invariant_name);
                existing.origins.extend(opt.origins);
            }
            None => {
                into.options.insert(value, opt);
            }
        }
    }
    into.origins.extend(from.origins);
}

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
    replace(&mut into.referenced_entity, from.referenced_entity);
    replace(&mut into.referenced_attribute, from.referenced_attribute);
    replace(&mut into.referencing_entity, from.referencing_entity);
    replace(&mut into.referencing_attribute, from.referencing_attribute);
    replace(&mut into.intersect_entity, from.intersect_entity);
    replace(&mut into.cascade, from.cascade);
    replace(&mut into.navigation_property, from.navigation_property);
    into.associated_menu.extend(from.associated_menu);
    replace(&mut into.at, from.at);
    into.origins.extend(from.origins);
}

/// A stated value replaces; an unstated one keeps what an earlier layer said.
fn replace<T>(into: &mut Option<T>, from: Option<T>) {
    if from.is_some() {
        *into = from;
    }
}
