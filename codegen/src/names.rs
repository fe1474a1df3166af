//! Every Rust identifier the emitter writes, and every file name, is decided here, in one pass
//! over the (validated) model.
//!
//! Rules: modules and fields keep the logical name (keywords become raw identifiers; `self`,
//! `super` and `crate` take a `_` suffix); types and variants are UpperCamelCase; choice
//! variants come from labels, and a label that gives no usable name (empty, symbols only,
//! non-ASCII, starting with a digit) falls back to `Value<n>`. Labels that collide after
//! normalization all take their value as a suffix, so a name never depends on the order pages
//! or options come in.
//!
//! Every scope of the generated code (the crate root's modules and files, each module's types,
//! each struct's fields, each type's methods and constants, each enum's variants) claims its
//! names from one [`Namespace`], pre-loaded with the names the generated code itself uses
//! there, so no two items of a scope can ever share a name. Generated code names the standard
//! library by absolute paths (`::core::option::Option`), so a table or type may take any name.

use crate::model::{ChoiceOption, Column, Model, RelationshipKind, Table};
use std::collections::{BTreeMap, BTreeSet};

/// Field and method names the generated record and body types use themselves.
const OWN_MEMBERS: &[&str] = &[
    "etag",
    "extra",
    "create",
    "update",
    "expanded",
    "raw",
    "to_json",
    "bind",
    "insert_one",
    "insert_many",
];

/// Constant-scope names of every choice type: its table of options.
const OWN_CHOICE_ITEMS: &[&str] = &["OPTIONS"];

#[derive(Debug, Default)]
pub struct Names {
    pub tables: BTreeMap<String, TableNames>,
    /// Global choice name -> its shared enum in the `choices` module.
    pub global_choices: BTreeMap<String, ChoiceNames>,
}

#[derive(Debug, Default)]
pub struct TableNames {
    pub module: String,
    /// The table's file in the output folder: a plain `[a-z0-9_]+.rs` name, unique, never one
    /// of the generator's own files.
    pub file: String,
    pub record: String,
    /// The create/update body builder.
    pub body: String,
    pub columns: BTreeMap<String, ColumnNames>,
    /// Relationship key -> constant name.
    pub relationships: BTreeMap<crate::model::RelationshipKey, String>,
    /// Relationship key -> navigation property constant, for relationships that state one.
    pub navigation: BTreeMap<crate::model::RelationshipKey, String>,
}

#[derive(Debug, Default)]
pub struct ColumnNames {
    pub field: String,
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
    /// Value -> its associated constant (`ACTIVE`).
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
    for (name, options) in model.global_choices() {
        let ty = globals.claim(type_name(&name, "GlobalChoice"), "Choice");
        let variants = variants(&options);
        names
            .global_choices
            .insert(name, ChoiceNames { ty, variants });
    }
    // The crate root: the crate's own items, and the index and choices files' stems and the
    // stems Windows keeps for devices (a table file is named after its module).
    let own_files = [crate::INDEX_FILE, crate::CHOICES_FILE].map(|f| f.trim_end_matches(".rs"));
    let taken = crate::ROOT_ITEMS.iter().chain(&own_files);
    let mut modules = Namespace::reserving(taken.chain(&crate::io::WINDOWS_DEVICE_NAMES));
    for (logical, table) in &model.tables {
        let module = modules.claim(snake_ident(logical), "_");
        let table_names = table_names(table, module, &names.global_choices);
        names.tables.insert(logical.clone(), table_names);
    }
    names
}

fn table_names(
    table: &Table,
    module: String,
    globals: &BTreeMap<String, ChoiceNames>,
) -> TableNames {
    let file = format!("{}.rs", unraw(&module));
    let schema = table.schema_name.as_deref().unwrap_or(&table.logical_name);
    let mut types = Namespace::default();
    let record = types.claim(type_name(schema, "Record"), "Record");
    let body = types.claim(format!("{record}Body"), "Builder");
    let mut consts = Namespace::reserving(&["ALL"]);
    let mut members = Namespace::reserving(OWN_MEMBERS);
    let mut columns = BTreeMap::new();
    for (logical, col) in &table.columns {
        let mut names = column_names(table, col, globals, &mut types);
        names.field = members.claim(snake_ident(logical), "_");
        names.constant = consts.claim(upper_snake(logical), "_COLUMN");
        columns.insert(logical.clone(), names);
    }
    let mut rel_consts = Namespace::reserving(&["ALL"]);
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
    let mut nav_consts = Namespace::default();
    let navigation = table
        .relationships
        .iter()
        .filter_map(|(key, r)| {
            let nav = r.navigation_property.as_deref()?;
            Some((key.clone(), nav_consts.claim(upper_snake(nav), "_NAV")))
        })
        .collect();
    TableNames {
        module,
        file,
        record,
        body,
        columns,
        relationships,
        navigation,
    }
}

/// The type names of one column (its choice or target enum); field and constant come from the
/// table's member and constant scopes.
fn column_names(
    table: &Table,
    col: &Column,
    globals: &BTreeMap<String, ChoiceNames>,
    types: &mut Namespace,
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
        let mut vs = Namespace::reserving(&["Unknown"]);
        TargetNames {
            ty: types.claim(base.clone(), "Target"),
            variants: col
                .targets
                .iter()
                .map(|t| (t.clone(), vs.claim(type_name(t, "Table"), "Table")))
                .collect(),
        }
    });
    ColumnNames {
        field: String::new(),
        constant: String::new(),
        choice,
        global_choice,
        targets,
    }
}

/// Constant names for a choice's options (`Pay-As-You-Go` -> `PAY_AS_YOU_GO`): from labels;
/// labels that collide after normalization (or take a name the type uses itself) all take their
/// value as a suffix.
fn variants(options: &BTreeMap<i32, ChoiceOption>) -> BTreeMap<i32, String> {
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
    let mut scope = Namespace::reserving(OWN_CHOICE_ITEMS);
    let mut out = BTreeMap::new();
    // Names of their own first, so a suffixed name can only ever give way to them.
    for (v, n) in base.iter().filter(|(_, n)| !clashes(n)) {
        out.insert(*v, scope.claim(n.clone(), "_VALUE"));
    }
    for (v, n) in base.iter().filter(|(_, n)| clashes(n)) {
        out.insert(
            *v,
            scope.claim(format!("{n}_{}", value_suffix(*v)), "_VALUE"),
        );
    }
    out
}

fn value_suffix(v: i32) -> String {
    if v < 0 {
        format!("MINUS_{}", v.unsigned_abs())
    } else {
        v.to_string()
    }
}

fn value_name(v: i32) -> String {
    format!("VALUE_{}", value_suffix(v))
}

/// `PayAsYouGo` -> `PAY_AS_YOU_GO`, `Value2nd` -> `VALUE_2ND`: an UpperCamelCase name as a
/// constant name.
pub fn screaming(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    let mut prev: Option<char> = None;
    for c in camel.chars() {
        let boundary = match prev {
            Some(p) => {
                (c.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()))
                    || (c.is_ascii_digit() && p.is_ascii_alphabetic())
            }
            None => false,
        };
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
        prev = Some(c);
    }
    out
}

/// The names taken in one scope. `claim` gives the name asked for when free, else the name with
/// the scope's role suffix, else with a number after it: always a name nobody in the scope has.
/// Claims happen in model order (sorted by logical name), so the result is the same on every
/// machine and for any page order. Raw identifiers count without their `r#`.
#[derive(Default)]
struct Namespace {
    taken: BTreeSet<String>,
    /// The next number to try per suffixed base, so many names alike cost linear time.
    next: BTreeMap<String, usize>,
}

impl Namespace {
    fn reserving<'a>(names: impl IntoIterator<Item = &'a &'a str>) -> Self {
        Namespace {
            taken: names.into_iter().map(|s| s.to_string()).collect(),
            next: BTreeMap::new(),
        }
    }

    fn claim(&mut self, name: String, suffix: &str) -> String {
        let free = |ns: &Self, n: &str| !ns.taken.contains(unraw(n));
        let chosen = if free(self, &name) {
            name
        } else {
            let base = format!("{}{suffix}", unraw(&name));
            if free(self, &base) {
                base
            } else {
                let mut n = self.next.get(&base).copied().unwrap_or(2);
                while !free(self, &format!("{base}{n}")) {
                    n += 1;
                }
                self.next.insert(base.clone(), n + 1);
                format!("{base}{n}")
            }
        };
        self.taken.insert(unraw(&chosen).to_string());
        chosen
    }
}

/// An identifier without its `r#`.
fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
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
mod tests;
