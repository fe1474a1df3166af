//! Every Rust identifier the emitter writes is decided here, in one pass over the model.
//!
//! Rules: modules and fields keep the logical name (keywords become raw identifiers; `self`,
//! `super`, `crate` and `Self` take a `_` suffix); types and variants are UpperCamelCase; choice
//! variants come from labels, and a label that gives no usable name (empty, symbols only,
//! non-ASCII, starting with a digit) falls back to `Value<n>`. Names that collide after
//! normalization all take their value as a suffix, so a name never depends on iteration order.
//! `Unknown` is reserved for the catch-all variant.

use crate::model::{ChoiceOption, Column, Model, RelationshipKind, Table};
use std::collections::{BTreeMap, BTreeSet};

/// Module names at the crate root that tables must not take.
const RESERVED_MODULES: &[&str] = &["runtime", "choices"];

/// Field and method names the generated record and body types use themselves.
const RESERVED_FIELDS: &[&str] = &["etag", "to_json", "raw"];

/// Names the generated code uses unqualified inside a table module (prelude items): no
/// generated type may take them, so they can never be shadowed.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "From", "Into",
    "ToString", "Default", "Self",
];

#[derive(Debug, Default)]
pub struct Names {
    pub tables: BTreeMap<String, TableNames>,
    /// Global choice name -> its shared enum in the `choices` module.
    pub global_choices: BTreeMap<String, ChoiceNames>,
}

#[derive(Debug, Default)]
pub struct TableNames {
    /// The wire struct's field for the activity-parties collection, when a PartyList needs it.
    pub parties_field: Option<String>,
    pub module: String,
    pub record: String,
    /// The create/update body builder.
    pub body: String,
    pub columns: BTreeMap<String, ColumnNames>,
    /// Relationship schema name -> constant name.
    pub relationships: BTreeMap<crate::model::RelationshipKey, String>,
}

#[derive(Debug, Default)]
pub struct ColumnNames {
    pub field: String,
    /// The wire struct's field for a lookup's `@Microsoft.Dynamics.CRM.lookuplogicalname`.
    pub target_field: Option<String>,
    pub constant: String,
    /// The choice enum of the column's own (local) choice.
    pub choice: Option<ChoiceNames>,
    /// The shared enum of the column's global choice, in the `choices` module.
    pub global_choice: Option<String>,
    /// The target enum, for lookups with at least one listed target.
    pub targets: Option<TargetNames>,
}

#[derive(Debug, Default)]
pub struct ChoiceNames {
    pub ty: String,
    pub variants: BTreeMap<i32, String>,
}

#[derive(Debug, Default)]
pub struct TargetNames {
    pub ty: String,
    /// Target logical name -> variant.
    pub variants: BTreeMap<String, String>,
}

pub fn assign(model: &Model) -> Names {
    let mut names = Names::default();
    let mut globals = Namespace::default();
    globals
        .taken
        .extend(RESERVED_TYPES.iter().map(|s| s.to_string()));
    for (name, options) in model.global_choices() {
        let ty = globals.claim(type_name(&name, "GlobalChoice"), "Choice");
        let variants = variants(&options);
        names
            .global_choices
            .insert(name, ChoiceNames { ty, variants });
    }
    for (logical, table) in &model.tables {
        let table_names = table_names(table, &names.global_choices);
        names.tables.insert(logical.clone(), table_names);
    }
    names
}

fn table_names(table: &Table, globals: &BTreeMap<String, ChoiceNames>) -> TableNames {
    let mut module = snake_ident(&table.logical_name);
    if RESERVED_MODULES.contains(&module.as_str()) {
        module.push('_');
    }
    let schema = table.schema_name.as_deref().unwrap_or(&table.logical_name);
    let mut types = Namespace::default();
    types
        .taken
        .extend(RESERVED_TYPES.iter().map(|s| s.to_string()));
    let record = types.claim(type_name(schema, "Record"), "Record");
    let body = types.claim(format!("{record}Body"), "Builder");
    let mut consts = Namespace::default();
    consts.taken.insert("ALL".to_string());
    let mut columns = BTreeMap::new();
    for (logical, col) in &table.columns {
        columns.insert(
            logical.clone(),
            column_names(table, col, globals, &mut types, &mut consts),
        );
    }
    // The `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation decides a lookup's variant; its
    // wire field shares the struct with every column.
    let mut wire = Namespace::default();
    wire.taken.insert("etag".to_string());
    wire.taken
        .extend(columns.values().map(|c: &ColumnNames| c.field.clone()));
    for (logical, names) in columns.iter_mut() {
        let needs_target = table.columns.get(logical).is_some_and(Column::is_lookup);
        if needs_target {
            let base = format!("{}_target", names.field.trim_start_matches("r#"));
            names.target_field = Some(wire.claim(base, "_"));
        }
    }
    let needs_parties = table.columns.values().any(|c| {
        c.ty == Some(crate::model::ColumnType::PartyList)
            && crate::model::participation_type_mask(&c.logical_name).is_some()
    });
    let parties_field = needs_parties.then(|| wire.claim("activity_parties".to_string(), "_"));
    let mut rel_consts = Namespace::default();
    rel_consts.taken.insert("ALL".to_string());
    // A relationship of a table with itself is listed from both sides: both constants then
    // say which side they are.
    let mut sides: BTreeMap<&str, usize> = BTreeMap::new();
    for (schema, _) in table.relationships.keys() {
        *sides.entry(schema.as_str()).or_default() += 1;
    }
    let relationships = table
        .relationships
        .keys()
        .map(|key| {
            let (schema, kind) = key;
            let mut name = upper_snake(schema);
            if sides[schema.as_str()] > 1 {
                name.push_str(match kind {
                    RelationshipKind::OneToMany => "_ONE_TO_MANY",
                    RelationshipKind::ManyToOne => "_MANY_TO_ONE",
                    RelationshipKind::ManyToMany => "_MANY_TO_MANY",
                });
            }
            (key.clone(), rel_consts.claim(name, "_REL"))
        })
        .collect();
    TableNames {
        parties_field,
        module,
        record,
        body,
        columns,
        relationships,
    }
}

fn column_names(
    table: &Table,
    col: &Column,
    globals: &BTreeMap<String, ChoiceNames>,
    types: &mut Namespace,
    consts: &mut Namespace,
) -> ColumnNames {
    let base = type_name(&col.schema_name, "Column");
    let global_choice = col
        .global_choice(&table.logical_name)
        .and_then(|g| globals.get(g))
        .map(|g| g.ty.clone());
    let choice = (col.is_choice() && global_choice.is_none()).then(|| ChoiceNames {
        ty: types.claim(base.clone(), "Choice"),
        variants: variants(&col.options),
    });
    let has_targets = col.is_lookup() || col.ty == Some(crate::model::ColumnType::PartyList);
    let targets = (has_targets && !col.targets.is_empty()).then(|| {
        let mut vs = Namespace::default();
        vs.taken.insert("Unknown".to_string());
        TargetNames {
            ty: types.claim(base.clone(), "Target"),
            variants: col
                .targets
                .iter()
                .map(|t| (t.clone(), vs.claim(type_name(t, "Table"), "Table")))
                .collect(),
        }
    });
    let mut field = snake_ident(&col.logical_name);
    if RESERVED_FIELDS.contains(&field.as_str()) {
        field.push('_');
    }
    ColumnNames {
        field,
        target_field: None,
        constant: consts.claim(upper_snake(&col.logical_name), "_COLUMN"),
        choice,
        global_choice,
        targets,
    }
}

/// Variant names for a column's options: from labels, with value suffixes on collisions.
fn variants(options: &BTreeMap<i32, ChoiceOption>) -> BTreeMap<i32, String> {
    let base: Vec<(i32, String)> = options
        .values()
        .map(|o| {
            let name = upper_camel(&o.label)
                .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
                .unwrap_or_else(|| value_name(o.value));
            (o.value, name)
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, n) in &base {
        *counts.entry(n.as_str()).or_default() += 1;
    }
    base.iter()
        .map(|(v, n)| {
            let clash = counts[n.as_str()] > 1 || n == "Unknown";
            let name = if clash {
                format!("{n}{}", value_suffix(*v))
            } else {
                n.clone()
            };
            (*v, name)
        })
        .collect()
}

fn value_suffix(v: i32) -> String {
    if v < 0 {
        format!("Minus{}", v.unsigned_abs())
    } else {
        v.to_string()
    }
}

fn value_name(v: i32) -> String {
    format!("Value{}", value_suffix(v))
}

/// A set of taken names; `claim` appends the role suffix (then `2`, `3`, …) until free.
#[derive(Default)]
struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    fn claim(&mut self, name: String, suffix: &str) -> String {
        let mut candidate = name.clone();
        if self.taken.contains(&candidate) {
            candidate = format!("{name}{suffix}");
        }
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{name}{suffix}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// A type or variant name from `s`: [`upper_camel`], with `role` in front when that starts with a
/// digit (`1stChoice` -> `Column1stChoice`) or stands alone when nothing usable is left.
fn type_name(s: &str, role: &str) -> String {
    match upper_camel(s) {
        Some(name) if name.starts_with(|c: char| c.is_ascii_alphabetic()) => name,
        Some(name) => format!("{role}{name}"),
        None => role.to_string(),
    }
}

/// `msdyn_queueassignedreason` -> `MsdynQueueassignedreason`; `RegardingObjectId` stays;
/// `Service-Maintenance Based` -> `ServiceMaintenanceBased`. `None` when nothing usable is
/// left (empty, symbols only, non-ASCII letters).
pub fn upper_camel(s: &str) -> Option<String> {
    if s.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        return None;
    }
    let text = strip_tags(s);
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        let word: String = word.chars().filter(|c| *c != '\'').collect();
        // `ACTIVE` and `URL` read as `Active` and `Url`, as Rust names acronyms.
        let shouting = word.len() > 1 && !word.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            if shouting {
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            } else {
                out.extend(chars);
            }
        }
    }
    if out.is_empty() {
        return None;
    }
    if out == "Self" {
        out.push_str("Value");
    }
    Some(out)
}

/// Drops `<tag>`s, so `<b>Bold</b>` names `Bold`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `sample_bankaccount_msdyn_ocsessions` -> `SAMPLE_BANKACCOUNT_MSDYN_OCSESSIONS`.
pub fn upper_snake(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'X');
    }
    out
}

/// A field or module name from a logical name: keywords become raw identifiers.
pub fn snake_ident(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if matches!(out.as_str(), "self" | "super" | "crate" | "_") {
        out.push('_');
    } else if is_keyword(&out) {
        out.insert_str(0, "r#");
    }
    out
}

fn is_keyword(s: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
        "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
        "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    KEYWORDS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_cases() {
        let cases = [
            (
                "msdyn_queueassignedreason",
                Some("MsdynQueueassignedreason"),
            ),
            ("RegardingObjectId", Some("RegardingObjectId")),
            ("Service-Maintenance Based", Some("ServiceMaintenanceBased")),
            ("Google's (new)", Some("GooglesNew")),
            ("self", Some("SelfValue")),
            ("", None),
            ("***", None),
            ("Café", None),
            ("1 Hour", Some("1Hour")),
            ("ACTIVE ", Some("Active")),
            ("URL of the MSDYN_X", Some("UrlOfTheMsdynX")),
            ("<b>Bold</b> text", Some("BoldText")),
        ];
        for (s, want) in cases {
            assert_eq!(upper_camel(s).as_deref(), want, "{s:?}");
        }
    }

    #[test]
    fn idents() {
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("crate"), "crate_");
        assert_eq!(snake_ident("msdyn_ocsession"), "msdyn_ocsession");
        assert_eq!(snake_ident("9lives"), "_9lives");
        assert_eq!(upper_snake("lk_x-y"), "LK_X_Y");
    }

    #[test]
    fn variant_fallbacks_and_collisions() {
        let mut col = Column::default();
        for (v, l) in [
            (1, "Active"),
            (2, "active"),
            (3, ""),
            (4, "1 Hour"),
            (5, "Unknown"),
            (-1, "Émigré"),
            (6, "Done"),
        ] {
            col.options.insert(
                v,
                ChoiceOption {
                    value: v,
                    label: l.into(),
                    ..Default::default()
                },
            );
        }
        let got: Vec<(i32, String)> = variants(&col.options).into_iter().collect();
        let want = [
            (-1, "ValueMinus1"),
            (1, "Active1"),
            (2, "Active2"),
            (3, "Value3"),
            (4, "Value4"),
            (5, "Unknown5"),
            (6, "Done"),
        ];
        let want: Vec<(i32, String)> = want.iter().map(|(v, n)| (*v, n.to_string())).collect();
        assert_eq!(got, want);
    }
}
