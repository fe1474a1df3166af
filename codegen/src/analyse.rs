//! The stages before naming: every page parsed and lowered (on every core), the products the
//! pages name, the merge of the chosen layers and the validation of the model; and the
//! order-keeping parallel map the pipeline uses.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, Model};
use crate::source::{Loc, SourceFile};
use crate::{parse, product_slug, text, Product, Skipped};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct Run {
    pub model: Model,
    pub diags: Diagnostics,
    pub skipped: Vec<Skipped>,
    pub notes: Vec<String>,
    pub products: Vec<Product>,
}

/// Parses and lowers every page (in path order, on every core), lists the products, merges the
/// chosen products' layers and validates the model.
pub(crate) fn analyse(sources: &[SourceFile], chosen: Option<&BTreeSet<String>>) -> Run {
    let mut sorted: Vec<&SourceFile> = sources.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut skipped = Vec::new();
    sorted.retain(|file| match parse::recognise::recognise(file) {
        None => true,
        Some(reason) => {
            skipped.push(Skipped {
                file: file.path.clone(),
                reason,
            });
            false
        }
    });
    let mut diags = Diagnostics::default();
    let mut facts = Vec::with_capacity(sorted.len());
    for (fact, ds) in parallel_map(&sorted, |file| {
        let (page, mut ds) = parse::page(file);
        let (fact, more) = model::lower(file, &page);
        ds.extend(more);
        (fact, ds)
    }) {
        diags.extend(ds);
        facts.extend(fact);
    }
    // Every product the pages name, with its pages (before any selection).
    let mut by_slug: BTreeMap<String, Product> = BTreeMap::new();
    for f in &facts {
        let Some(name) = f.origin.product.as_deref() else {
            continue;
        };
        let slug = product_slug(name);
        let product = by_slug.entry(slug.clone()).or_insert_with(|| Product {
            slug,
            name: name.to_string(),
            pages: Vec::new(),
        });
        if name < product.name.as_str() {
            product.name = name.to_string();
        }
        product.pages.push((f.origin.file.clone(), f.extension));
    }
    let products: Vec<Product> = by_slug.into_values().collect();
    if let Some(chosen) = chosen {
        let known: Vec<&str> = products.iter().map(|p| p.slug.as_str()).collect();
        for name in chosen.iter().filter(|n| !known.contains(&n.as_str())) {
            diags.push(Diagnostic::error(
                Loc {
                    file: "DATAVERSE_PRODUCTS".to_string(),
                    line: 1,
                    col: 1,
                },
                format!(
                    "product `{name}` was asked for, but no page names it: the products of these pages are {}",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                ),
            ));
        }
        facts.retain(|f| {
            !f.extension
                || f.origin
                    .product
                    .as_deref()
                    .map_or(true, |p| chosen.contains(&product_slug(p)))
        });
    }
    let (model, ds) = model::merge(facts);
    let notes = older_copies(&model);
    diags.extend(ds);
    diags.extend(model::validate(&model));
    Run {
        model,
        diags: diags.finish(),
        skipped,
        notes,
        products,
    }
}

/// One note per table whose pages merge rule 2 replaced (within one product the newest
/// `ms.date` wins whole), naming each copy that is not used and why, in table order.
fn older_copies(model: &Model) -> Vec<String> {
    model
        .superseded
        .iter()
        .map(|(table, old)| {
            let list: Vec<String> = old
                .iter()
                .map(|s| {
                    let product = s.old.product.as_deref().unwrap_or("unnamed product");
                    let why = match s.old.date {
                        Some(a) if s.old.date == s.by.date => {
                            format!("also dated {a}, the earlier path")
                        }
                        Some(a) => format!("dated {a}"),
                        None => "undated".to_string(),
                    };
                    format!("{} ({product}, {why}; {} is used)", s.old.file, s.by.file)
                })
                .collect();
            let text = format!(
                "note: `{table}`: {} older cop{} not used: {}",
                list.len(),
                if list.len() == 1 { "y" } else { "ies" },
                list.join(", ")
            );
            text::escape_hazards(&text).into_owned()
        })
        .collect()
}

/// Maps `f` over `items` on every available core, keeping the input order in the output.
/// Pages are independent until the merge, so parsing and lowering scale with the cores.
pub(crate) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    parallel_map_with(items, || (), |(), item| f(item))
}

/// [`parallel_map`] where each thread has a `state` of its own (from `init`) that `f` reuses
/// from one item to the next: the emitter's text buffer.
pub(crate) fn parallel_map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run = |part: &[T]| {
        let mut state = init();
        part.iter()
            .map(|item| f(&mut state, item))
            .collect::<Vec<R>>()
    };
    if threads < 2 || items.len() < 2 {
        return run(items);
    }
    // Interleaved chunks of similar total size would be better for skewed page sizes; contiguous
    // chunks keep the order trivially and are close enough for a docs set of many pages.
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| run(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}
