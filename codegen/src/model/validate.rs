//! The merged model against Dataverse's naming rules, before any name reaches the names stage.
//!
//! Page text becomes file names, module names, URLs (`/<entity set>(<id>)`) and JSON keys, so a
//! name that Dataverse itself would refuse is refused here with a located error rather than
//! trusted downstream: a table logical name is 1 to 64 ASCII lower-case letters, digits and `_`
//! starting with a letter (lowering has lower-cased it); column and other logical names follow
//! the same rule up to 128 characters; schema-style names (relationships, entity sets,
//! navigation properties, global choices) may also use upper-case letters.

use super::{Column, Model, Relationship, Table};
use crate::diag::Diagnostic;
use crate::source::Loc;

/// A kind of name and the rule it must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// A table logical name: `[a-z][a-z0-9_]*`, at most 64 characters.
    Table,
    /// A column logical name: `[a-z][a-z0-9_]*`, at most 128 characters.
    Column,
    /// A schema name or Web API name: `[A-Za-z_][A-Za-z0-9_]*`, at most 128 characters.
    Schema,
}

impl NameRule {
    /// What the rule expects, for diagnostics.
    pub fn expected(self) -> &'static str {
        match self {
            NameRule::Table => {
                "1 to 64 ASCII lower-case letters, digits and `_`, starting with a letter"
            }
            NameRule::Column => {
                "1 to 128 ASCII lower-case letters, digits and `_`, starting with a letter"
            }
            NameRule::Schema => {
                "1 to 128 ASCII letters, digits and `_`, not starting with a digit, not only `_`"
            }
        }
    }

    /// Whether `name` follows the rule.
    pub fn accepts(self, name: &str) -> bool {
        let (max, upper_ok, first_underscore_ok) = match self {
            NameRule::Table => (64, false, false),
            NameRule::Column => (128, false, false),
            NameRule::Schema => (128, true, true),
        };
        let letter = |b: u8| b.is_ascii_lowercase() || (upper_ok && b.is_ascii_uppercase());
        let bytes = name.as_bytes();
        match bytes.first() {
            Some(&b) if letter(b) || (first_underscore_ok && b == b'_') => {}
            _ => return false,
        }
        bytes.len() <= max
            && bytes
                .iter()
                .all(|&b| letter(b) || b.is_ascii_digit() || b == b'_')
            && bytes.iter().any(|&b| b != b'_')
    }
}

/// Every name of the model that will reach generated code, against its rule: one error per bad
/// name, located where a page states it, with the table (and item) as breadcrumb.
pub fn validate(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for table in model.tables.values() {
        check_table(table, &mut out);
    }
    out
}

fn check_table(t: &Table, out: &mut Vec<Diagnostic>) {
    let at = || t.at.clone().unwrap_or_else(|| unlocated(t));
    let table = t.logical_name.as_str();
    let mut check = |rule: NameRule, what: &str, name: Option<&str>, at: Loc, crumbs: &[&str]| {
        if let Some(name) = name.filter(|n| !rule.accepts(n)) {
            out.push(bad_name(rule, what, name, at, crumbs));
        }
    };
    check(
        NameRule::Table,
        "table logical name",
        Some(table),
        at(),
        &[],
    );
    let props = [
        ("EntitySetName", &t.entity_set_name, NameRule::Schema),
        (
            "LogicalCollectionName",
            &t.logical_collection_name,
            NameRule::Schema,
        ),
        (
            "CollectionSchemaName",
            &t.collection_schema_name,
            NameRule::Schema,
        ),
        (
            "PrimaryIdAttribute",
            &t.primary_id_attribute,
            NameRule::Column,
        ),
        (
            "PrimaryNameAttribute",
            &t.primary_name_attribute,
            NameRule::Column,
        ),
    ];
    for (key, value, rule) in props {
        check(rule, key, value.as_deref(), at(), &[table, key]);
    }
    for c in t.columns.values() {
        check_column(table, c, at(), &mut check);
    }
    for r in t.relationships.values() {
        check_relationship(table, r, at(), &mut check);
    }
}

type Check<'a> = dyn FnMut(NameRule, &str, Option<&str>, Loc, &[&str]) + 'a;

fn check_column(table: &str, c: &Column, table_at: Loc, check: &mut Check<'_>) {
    let at = c.at.clone().unwrap_or(table_at);
    let name = c.logical_name.as_str();
    let crumbs = [table, name];
    check(
        NameRule::Column,
        "column logical name",
        Some(name),
        at.clone(),
        &crumbs,
    );
    for target in &c.targets {
        check(
            NameRule::Table,
            "lookup target",
            Some(target),
            at.clone(),
            &crumbs,
        );
    }
    let global = c.global_choice_name.as_deref();
    check(NameRule::Schema, "GlobalChoiceName", global, at, &crumbs);
}

fn check_relationship(table: &str, r: &Relationship, table_at: Loc, check: &mut Check<'_>) {
    let at = r.at.clone().unwrap_or(table_at);
    let name = r.schema_name.as_str();
    let crumbs = [table, "relationship", name];
    check(
        NameRule::Schema,
        "relationship schema name",
        Some(name),
        at.clone(),
        &crumbs,
    );
    let ends = [
        ("ReferencedEntity", &r.referenced_entity, NameRule::Table),
        ("ReferencingEntity", &r.referencing_entity, NameRule::Table),
        ("IntersectEntityName", &r.intersect_entity, NameRule::Table),
        (
            "ReferencedAttribute",
            &r.referenced_attribute,
            NameRule::Column,
        ),
        (
            "ReferencingAttribute",
            &r.referencing_attribute,
            NameRule::Column,
        ),
        (
            "navigation property",
            &r.navigation_property,
            NameRule::Schema,
        ),
    ];
    for (key, value, rule) in ends {
        check(rule, key, value.as_deref(), at.clone(), &crumbs);
    }
}

fn bad_name(rule: NameRule, what: &str, name: &str, at: Loc, crumbs: &[&str]) -> Diagnostic {
    Diagnostic::error(
        at,
        format!(
            "{what} `{name}` is not a Dataverse name: expected {}",
            rule.expected()
        ),
    )
    .at(crumbs)
}

/// A table built by hand (tests, library users) has no location: name its table instead.
fn unlocated(t: &Table) -> Loc {
    Loc {
        file: format!("<table {}>", t.logical_name),
        line: 1,
        col: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rules() {
        let cases: &[(&str, [bool; 3])] = &[
            ("account", [true, true, true]),
            ("msdyn_ocsession2", [true, true, true]),
            ("Account", [false, false, true]),
            ("_value", [false, false, true]),
            ("", [false, false, false]),
            ("1sample", [false, false, false]),
            ("/x", [false, false, false]),
            ("../x", [false, false, false]),
            ("..\\x", [false, false, false]),
            ("a-b", [false, false, false]),
            ("sample widget", [false, false, false]),
            ("sample\u{202e}x", [false, false, false]),
            ("café", [false, false, false]),
            ("x.rs", [false, false, false]),
        ];
        for (name, [table, column, schema]) in cases {
            assert_eq!(NameRule::Table.accepts(name), *table, "table {name:?}");
            assert_eq!(NameRule::Column.accepts(name), *column, "column {name:?}");
            assert_eq!(NameRule::Schema.accepts(name), *schema, "schema {name:?}");
        }
        let long = |n: usize| "a".repeat(n);
        let (t, c, s) = (NameRule::Table, NameRule::Column, NameRule::Schema);
        assert!(t.accepts(&long(64)) && !t.accepts(&long(65)));
        assert!(c.accepts(&long(128)) && !c.accepts(&long(129)));
        assert!(s.accepts(&long(128)) && !s.accepts(&long(129)));
        assert!(s.accepts("_x") && !s.accepts("_") && !s.accepts("__"));
    }

    #[test]
    fn every_name_of_the_model_is_checked_where_it_is_stated() {
        let loc = |line| Loc {
            file: "p.md".into(),
            line,
            col: 1,
        };
        let mut column = Column {
            logical_name: "a-b".into(),
            at: Some(loc(7)),
            global_choice_name: Some("x y".into()),
            ..Column::default()
        };
        column.add_target("../t", []);
        let rel = Relationship {
            schema_name: "r/x".into(),
            kind: super::super::RelationshipKind::ManyToOne,
            referenced_entity: Some("/e".into()),
            referenced_attribute: Some("A".into()),
            referencing_entity: Some("ok".into()),
            referencing_attribute: Some("ok".into()),
            intersect_entity: None,
            cascade: None,
            navigation_property: Some("n(1)".into()),
            associated_menu: Default::default(),
            origins: Default::default(),
            at: Some(loc(9)),
        };
        let mut table = Table {
            logical_name: "/x".into(),
            entity_set_name: Some("s/".into()),
            primary_id_attribute: Some("id".into()),
            at: Some(loc(3)),
            ..Table::default()
        };
        table.columns.insert("a-b".into(), column);
        table.relationships.insert(("r/x".into(), rel.kind), rel);
        let mut model = Model::default();
        model.tables.insert("/x".into(), table);
        let got: Vec<String> = validate(&model).iter().map(|d| d.to_string()).collect();
        let e = |line: u32, what: &str, name: &str, rule: NameRule, crumbs: &str| {
            format!(
                "p.md:{line}:1: error: {what} `{name}` is not a Dataverse name: expected {}{crumbs}",
                rule.expected()
            )
        };
        let (t, c, s) = (NameRule::Table, NameRule::Column, NameRule::Schema);
        assert_eq!(
            got,
            [
                e(3, "table logical name", "/x", t, ""),
                e(3, "EntitySetName", "s/", s, " (/x > EntitySetName)"),
                e(7, "column logical name", "a-b", c, " (/x > a-b)"),
                e(7, "lookup target", "../t", t, " (/x > a-b)"),
                e(7, "GlobalChoiceName", "x y", s, " (/x > a-b)"),
                e(
                    9,
                    "relationship schema name",
                    "r/x",
                    s,
                    " (/x > relationship > r/x)"
                ),
                e(9, "ReferencedEntity", "/e", t, " (/x > relationship > r/x)"),
                e(
                    9,
                    "ReferencedAttribute",
                    "A",
                    c,
                    " (/x > relationship > r/x)"
                ),
                e(
                    9,
                    "navigation property",
                    "n(1)",
                    s,
                    " (/x > relationship > r/x)"
                ),
            ]
        );
    }
}
