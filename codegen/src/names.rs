//! Every Rust identifier the emitter writes, and every file name, is decided here, in one pass
//! over the (validated) model. Which columns get a type of their own (a choice or a target
//! enum) follows the resolve stage's plan ([`crate::resolve`]), which the emitter follows too.
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
//! names from one `Namespace`, pre-loaded with the names the generated code itself uses
//! there, so no two items of a scope can ever share a name. Generated code names the standard
//! library by absolute paths (`::core::option::Option`), so a table or type may take any name.
//!
//! Names stay put: with a [`NamesLock`] (the names an earlier run chose), every item still in
//! the model keeps its recorded name where it can, and new items never take one (see the
//! `scope` module). A choice value the docs dropped keeps its constant, deprecated, until the
//! lock is pruned ([`AssignOptions::prune_removed`]).

mod case;
mod choice;
pub mod key;
pub mod lock;
mod scope;
mod shared;

pub use case::{screaming, snake_ident, target_type_name, upper_camel, upper_snake};
pub use key::{ItemKey, Role, Style};
pub use lock::{Entry, NamesLock, LOCK_FILE};
pub use scope::LostName;

use crate::model::{Column, Model, RelationshipKind, Table};
use crate::resolve::{self, Repr, TablePlan};
use case::{type_name, unraw};
use choice::choice_names;
use scope::{Namespace, Run, Want};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

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

#[derive(Debug, Default)]
pub struct Names {
    pub tables: BTreeMap<String, TableNames>,
    /// Global choice name -> its shared enum in the `choices` module.
    pub global_choices: BTreeMap<String, ChoiceNames>,
    /// The shared enums of one-target lookups, decided from the whole model: type name in the
    /// `lookups` module -> the target table.
    pub shared_lookups: BTreeMap<String, String>,
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

#[derive(Default)]
pub struct ChoiceNames {
    pub ty: String,
    /// Value -> its associated constant (`ACTIVE`).
    pub variants: BTreeMap<i32, String>,
    /// Values the docs no longer list that the lock keeps one more release -> their constant,
    /// emitted `#[deprecated]` and left out of `OPTIONS`.
    pub removed: BTreeMap<i32, String>,
}

// By hand, so `removed` shows only when there is one: the names of a run without a lock read as
// they always did.
impl fmt::Debug for ChoiceNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ChoiceNames");
        s.field("ty", &self.ty).field("variants", &self.variants);
        if !self.removed.is_empty() {
            s.field("removed", &self.removed);
        }
        s.finish()
    }
}

#[derive(Debug, Default)]
pub struct TargetNames {
    pub ty: String,
    /// Target logical name -> variant.
    pub variants: BTreeMap<String, String>,
    /// The shared enum of the root `lookups` module this enum is an alias of (a one-target
    /// lookup whose variant is its target's name: see `shared`).
    pub shared: Option<String>,
}

/// What [`assign`] decides.
#[derive(Debug)]
pub struct Assigned {
    pub names: Names,
    /// The lock to keep these names: exactly the names of the model's items, the removed choice
    /// values still kept (marked removed), and with [`AssignOptions::only`] the lock's
    /// entries of tables and global choices the model does not have.
    pub lock: NamesLock,
    /// Recorded names that could not be kept, in item order (as the lock's lines).
    pub lost: Vec<LostName>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct AssignOptions<'a> {
    /// Drop the choice values the docs no longer list instead of keeping them (deprecated)
    /// another release.
    pub prune_removed: bool,
    /// Name only these tables (a table selection; every table when `None`). Every table of the
    /// model still claims its module name, so a selection names modules as a full run does;
    /// the lock's entries of the tables not named are kept unchanged. Global choices are named
    /// from the whole model whatever the selection.
    pub only: Option<&'a BTreeSet<String>>,
    /// The plans of the generated tables, by logical name: a column gets a choice type when
    /// its plan's [`Repr`] is a choice, a target enum when it is a lookup or parties with
    /// targets. A table with no plan here is named from [`resolve::repr`], what its plan says.
    pub plans: Option<&'a BTreeMap<String, TablePlan>>,
}

/// Names for every item of `model`: recorded names from `lock` first (pass
/// `&NamesLock::default()` for none), then fresh ones.
pub fn assign(model: &Model, lock: &NamesLock) -> Assigned {
    assign_with(model, lock, AssignOptions::default())
}

/// [`assign`] with options.
pub fn assign_with(model: &Model, lock: &NamesLock, options: AssignOptions<'_>) -> Assigned {
    let mut run = Run {
        lock,
        out: NamesLock::default(),
        lost: Vec::new(),
    };
    let prune = options.prune_removed;
    let mut names = Names::default();
    let global_choices = model.global_choices();
    let mut globals = Namespace::default();
    // The crate root: the crate's own items, and the index and choices files' stems and the
    // stems Windows keeps for devices (a table file is named after its module).
    // `lib`: a standalone crate's root is `src/lib.rs`.
    let own_files = [
        crate::INDEX_FILE,
        crate::CHOICES_FILE,
        crate::RECORDS_FILE,
        "lib.rs",
    ]
    .map(|f| f.trim_end_matches(".rs"));
    let taken = crate::ROOT_ITEMS.iter().chain(&own_files);
    let mut modules = Namespace::reserving(taken.chain(&crate::io::WINDOWS_DEVICE_NAMES));
    let global_key = |choice: &str| ItemKey::Global {
        choice: choice.to_string(),
    };
    let keys = global_choices.keys().map(|n| (global_key(n), Role::Type));
    globals.keep(&run, keys);
    for (name, values) in &global_choices {
        let key = global_key(name);
        let want = Want::new(type_name(name, "GlobalChoice"), "Choice", Style::Camel);
        let ty = globals.name(&mut run, &key, Role::Type, want);
        let value_key = |value| ItemKey::GlobalValue {
            choice: name.clone(),
            value,
        };
        let choice = choice_names(&mut run, ty, values, &key, &value_key, prune);
        names.global_choices.insert(name.clone(), choice);
    }
    let table_key = |table: &str| ItemKey::Table {
        table: table.to_string(),
    };
    modules.keep(
        &run,
        model.tables.keys().map(|t| (table_key(t), Role::Module)),
    );
    let chosen = |logical: &str| options.only.map_or(true, |only| only.contains(logical));
    // The tables left out, with the module name each takes: their lock entries are kept in
    // one pass over the lock after the loop (one pass per table would be quadratic).
    let mut left_out: BTreeMap<&str, String> = BTreeMap::new();
    for (logical, table) in &model.tables {
        let want = Want::new(snake_ident(logical), "_", Style::Snake);
        let key = table_key(logical);
        if !chosen(logical) {
            // Not generated: its module name stays taken (and recorded, if the lock had none),
            // its other entries are kept as the lock has them.
            let mut scratch = Run {
                lock,
                out: NamesLock::default(),
                lost: Vec::new(),
            };
            let module = modules.name(&mut scratch, &key, Role::Module, want);
            left_out.insert(logical, module);
            continue;
        }
        let module = modules.name(&mut run, &key, Role::Module, want);
        let plan = options.plans.and_then(|plans| plans.get(logical));
        let globals = &names.global_choices;
        let table_names = table_names(&mut run, table, plan, module, globals, prune);
        names.tables.insert(logical.clone(), table_names);
    }
    keep_tables(&mut run, left_out);
    shared::assign(model, &mut names);
    let mut lost = run.lost;
    lost.sort_by(|a, b| (&a.key, a.role).cmp(&(&b.key, b.role)));
    Assigned {
        names,
        lock: run.out,
        lost,
    }
}

/// The tables the selection leaves out (with the module name each takes): the lock's entries
/// of them go to the lock written as they are, and each one's module name as it was taken
/// (the lock's when it records one). One pass over the lock.
fn keep_tables(run: &mut Run<'_>, left_out: BTreeMap<&str, String>) {
    for (k, role, entry) in run.lock.iter() {
        if k.table().is_some_and(|t| left_out.contains_key(t)) {
            run.out.insert(k.clone(), role, entry.clone());
        }
    }
    for (table, module) in left_out {
        let key = ItemKey::Table {
            table: table.to_string(),
        };
        let entry = lock::Entry {
            name: module,
            removed: false,
        };
        run.out.insert(key, Role::Module, entry);
    }
}

fn table_names(
    run: &mut Run<'_>,
    table: &Table,
    plan: Option<&TablePlan>,
    module: String,
    globals: &BTreeMap<String, ChoiceNames>,
    prune: bool,
) -> TableNames {
    let file = format!("{}.rs", unraw(&module));
    let t = &table.logical_name;
    let tkey = ItemKey::Table { table: t.clone() };
    let ckey = |column: &str| ItemKey::Column {
        table: t.clone(),
        column: column.to_string(),
    };
    let schema = table.schema_name.as_deref().unwrap_or(t);
    // `Column`: the table's column descriptor type (`emit::record`).
    let mut types = Namespace::reserving(&["Column"]);
    let reprs: BTreeMap<&str, Repr> = table
        .columns
        .iter()
        .map(|(logical, col)| (logical.as_str(), repr_of(plan, logical, col)))
        .collect();
    let mut items = vec![(tkey.clone(), Role::Record), (tkey.clone(), Role::Body)];
    for (logical, col) in &table.columns {
        let repr = reprs[logical.as_str()];
        if local_choice(table, col, repr, globals) {
            items.push((ckey(logical), Role::Choice));
        }
        if has_target_enum(col, repr) {
            items.push((ckey(logical), Role::Target));
        }
    }
    types.keep(run, items);
    let want = Want::new(type_name(schema, "Record"), "Record", Style::Camel);
    let record = types.name(run, &tkey, Role::Record, want);
    let want = Want::new(format!("{record}Body"), "Builder", Style::Camel);
    let body = types.name(run, &tkey, Role::Body, want);
    let mut consts = Namespace::reserving(&["ALL"]);
    let mut members = Namespace::reserving(OWN_MEMBERS);
    let column_keys = || table.columns.keys().map(|c| ckey(c));
    members.keep(run, column_keys().map(|k| (k, Role::Field)));
    consts.keep(run, column_keys().map(|k| (k, Role::Constant)));
    let mut columns = BTreeMap::new();
    for (logical, col) in &table.columns {
        let key = ckey(logical);
        let repr = reprs[logical.as_str()];
        let mut names = column_names(run, table, (col, repr), &key, globals, &mut types, prune);
        let want = Want::new(snake_ident(logical), "_", Style::Snake);
        names.field = members.name(run, &key, Role::Field, want);
        let want = Want::new(upper_snake(logical), "_COLUMN", Style::Screaming);
        names.constant = consts.name(run, &key, Role::Constant, want);
        columns.insert(logical.clone(), names);
    }
    let rkey = |(schema, kind): &crate::model::RelationshipKey| ItemKey::Relationship {
        table: t.clone(),
        schema: schema.clone(),
        kind: *kind,
    };
    let mut rel_consts = Namespace::reserving(&["ALL"]);
    let keys = table
        .relationships
        .keys()
        .map(|k| (rkey(k), Role::Constant));
    rel_consts.keep(run, keys);
    // A relationship of a table with itself is listed from both sides: both constants then
    // say which side they are.
    let mut sides: BTreeMap<&str, usize> = BTreeMap::new();
    for (schema, _) in table.relationships.keys() {
        *sides.entry(schema.as_str()).or_default() += 1;
    }
    let mut relationships = BTreeMap::new();
    for key in table.relationships.keys() {
        let (schema, kind) = key;
        let mut name = upper_snake(schema);
        if sides[schema.as_str()] > 1 {
            name.push_str(match kind {
                RelationshipKind::OneToMany => "_ONE_TO_MANY",
                RelationshipKind::ManyToOne => "_MANY_TO_ONE",
                RelationshipKind::ManyToMany => "_MANY_TO_MANY",
            });
        }
        let want = Want::new(name, "_REL", Style::Screaming);
        let constant = rel_consts.name(run, &rkey(key), Role::Constant, want);
        relationships.insert(key.clone(), constant);
    }
    let mut nav_consts = Namespace::default();
    let stated = || {
        let rels = table.relationships.iter();
        rels.filter_map(|(key, r)| Some((key, r.navigation_property.as_deref()?)))
    };
    nav_consts.keep(run, stated().map(|(k, _)| (rkey(k), Role::Navigation)));
    let mut navigation = BTreeMap::new();
    for (key, nav) in stated() {
        let want = Want::new(upper_snake(nav), "_NAV", Style::Screaming);
        let constant = nav_consts.name(run, &rkey(key), Role::Navigation, want);
        navigation.insert(key.clone(), constant);
    }
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

/// The shared enum of the column's global choice, when it has one.
fn global_of<'a>(
    table: &Table,
    col: &Column,
    globals: &'a BTreeMap<String, ChoiceNames>,
) -> Option<&'a ChoiceNames> {
    col.global_choice(&table.logical_name)
        .and_then(|g| globals.get(g))
}

/// How a column is represented: as its table's plan says, else as [`resolve::repr`] decides
/// (what the plan would say).
fn repr_of(plan: Option<&TablePlan>, logical: &str, col: &Column) -> Repr {
    let planned = plan.and_then(|p| p.columns.get(logical));
    planned.map_or_else(|| resolve::repr(col), |c| c.repr)
}

/// Whether the column gets a choice enum of its own: a choice with no global choice.
fn local_choice(
    table: &Table,
    col: &Column,
    repr: Repr,
    globals: &BTreeMap<String, ChoiceNames>,
) -> bool {
    matches!(repr, Repr::Choice | Repr::MultiChoice) && global_of(table, col, globals).is_none()
}

/// Whether the column gets a target enum: a lookup, or the parties of a PartyList column with
/// a known participation type, with at least one listed target (a PartyList column kept as
/// raw JSON gets none).
fn has_target_enum(col: &Column, repr: Repr) -> bool {
    matches!(repr, Repr::Lookup | Repr::Parties(_)) && !col.targets.is_empty()
}

/// The type names of one column (its choice or target enum, from the table's type scope) and
/// their values' and targets' names; field and constant come from the table's member and
/// constant scopes.
fn column_names(
    run: &mut Run<'_>,
    table: &Table,
    (col, repr): (&Column, Repr),
    key: &ItemKey,
    globals: &BTreeMap<String, ChoiceNames>,
    types: &mut Namespace,
    prune: bool,
) -> ColumnNames {
    let base = type_name(&col.schema_name, "Column");
    let global_choice = global_of(table, col, globals).map(|g| g.ty.clone());
    let (t, c) = (&table.logical_name, &col.logical_name);
    let choice = local_choice(table, col, repr, globals).then(|| {
        let want = Want::new(base.clone(), "Choice", Style::Camel);
        let ty = types.name(run, key, Role::Choice, want);
        let value_key = |value| ItemKey::Value {
            table: t.clone(),
            column: c.clone(),
            value,
        };
        choice_names(run, ty, &col.options, key, &value_key, prune)
    });
    let targets = has_target_enum(col, repr).then(|| {
        let want = Want::new(base.clone(), "Target", Style::Camel);
        let ty = types.name(run, key, Role::Target, want);
        let target_key = |target: &str| ItemKey::Target {
            table: t.clone(),
            column: c.clone(),
            target: target.to_string(),
        };
        let mut vs = Namespace::reserving(&["Unknown"]);
        vs.keep(
            run,
            col.targets.iter().map(|x| (target_key(x), Role::Variant)),
        );
        let variants = col.targets.iter().map(|x| {
            let want = Want::new(target_type_name(x), "Table", Style::Camel);
            (x.clone(), vs.name(run, &target_key(x), Role::Variant, want))
        });
        TargetNames {
            ty,
            variants: variants.collect(),
            shared: None,
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

#[cfg(test)]
mod tests;
