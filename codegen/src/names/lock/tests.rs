//! Tests of the names lock file: its text, its errors, and that it reads back what it wrote.

use super::*;
use crate::model::validate::NameRule;
use crate::model::RelationshipKind;
use crate::names::key::{Style, KEY_SYNTAX, ROLES};
use proptest::prelude::*;

fn entry(name: &str) -> Entry {
    Entry {
        name: name.to_string(),
        removed: false,
    }
}

fn sample() -> NamesLock {
    let t = |s: &str| s.to_string();
    let mut lock = NamesLock::default();
    let value = |value| ItemKey::Value {
        table: t("account"),
        column: t("statecode"),
        value,
    };
    let removed = Entry {
        removed: true,
        ..entry("ON_HOLD")
    };
    let rows = [
        (
            ItemKey::Table {
                table: t("account"),
            },
            Role::Record,
            entry("Account"),
        ),
        (
            ItemKey::Table {
                table: t("account"),
            },
            Role::Module,
            entry("account"),
        ),
        (
            ItemKey::Table {
                table: t("account2"),
            },
            Role::Module,
            entry("account2"),
        ),
        (value(2), Role::Constant, removed),
        (value(-1), Role::Constant, entry("VALUE_MINUS_1")),
        (
            ItemKey::Relationship {
                table: t("account"),
                schema: t("account_parent_account"),
                kind: RelationshipKind::ManyToOne,
            },
            Role::Navigation,
            entry("PARENTACCOUNTID"),
        ),
        (
            ItemKey::Target {
                table: t("account"),
                column: t("ownerid"),
                target: t("team"),
            },
            Role::Variant,
            entry("Team"),
        ),
        (
            ItemKey::Column {
                table: t("account"),
                column: t("type"),
            },
            Role::Field,
            entry("r#type"),
        ),
        (
            ItemKey::Column {
                table: t("account"),
                column: t("statecode"),
            },
            Role::Choice,
            entry("Statecode"),
        ),
        (
            ItemKey::Global {
                choice: t("Budget_Status"),
            },
            Role::Type,
            entry("BudgetStatus"),
        ),
        (
            ItemKey::GlobalValue {
                choice: t("Budget_Status"),
                value: 100_000_000,
            },
            Role::Constant,
            entry("OPEN"),
        ),
    ];
    for (key, role, e) in rows {
        lock.insert(key, role, e);
    }
    lock
}

#[test]
fn the_file_is_sorted_by_table_then_item_then_role() {
    let text = sample().render();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "global:Budget_Status type BudgetStatus",
            "global:Budget_Status=100000000 constant OPEN",
            "account module account",
            "account record Account",
            "account.ownerid->team variant Team",
            "account.statecode choice Statecode",
            "account.statecode=-1 constant VALUE_MINUS_1",
            "account.statecode=2 constant ON_HOLD removed",
            "account.type field r#type",
            "account/account_parent_account:many_to_one navigation PARENTACCOUNTID",
            "account2 module account2",
        ]
    );
    assert!(text.starts_with("# dataverse-names.lock: "), "{text}");
    assert_eq!(NamesLock::parse(&text, "x.lock"), Ok(sample()));
    let gone: Vec<i32> = sample()
        .values_of(&ItemKey::Column {
            table: "account".into(),
            column: "statecode".into(),
        })
        .map(|(v, _)| v)
        .collect();
    assert_eq!(gone, [-1, 2]);
}

#[test]
fn comments_blank_lines_crlf_and_a_byte_order_mark_are_fine() {
    let text = "\u{feff}# a comment\r\n\r\n  # indented\r\naccount  module\taccount\r\n";
    let lock = NamesLock::from_bytes(text.as_bytes(), "x.lock").expect("valid");
    let key = ItemKey::Table {
        table: "account".into(),
    };
    assert_eq!(lock.get(&key, Role::Module), Some(&entry("account")));
    assert_eq!(lock.len(), 1);
    assert_eq!(NamesLock::parse("", "x.lock"), Ok(NamesLock::default()));
}

#[test]
fn every_malformed_line_is_an_error_where_it_is() {
    let text = "\
account module account
Account module account
account.name fld name
account.name field Name
account.name field name extra
account module other
<<<<<<< HEAD
account.statecode=01 constant A
account.statecode=1 constant A removed
account.name constant NAME removed
account/x:sideways constant X
account/x constant X
global:=1 constant X
account.a-b field a
account.c->Team variant Team
account.type field type
account.self field self
account
account record
>>>>>>> theirs
account.statecode choice Self
account.statecode=2 constant a
";
    let err = NamesLock::parse(text, "dataverse-names.lock").expect_err("malformed");
    let got: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    let syntax = KEY_SYNTAX;
    let snake = Style::Snake.expected();
    let expected = [
        format!("dataverse-names.lock:2:1: error: `Account` is not a table logical name: expected {} (an item key is {syntax})", NameRule::Table.expected()),
        "dataverse-names.lock:3:14: error: `fld` is not a role of a column: expected one of field, constant, choice, target".to_string(),
        format!("dataverse-names.lock:4:20: error: `Name` is not a field name: expected {snake}"),
        "dataverse-names.lock:5:25: error: unexpected `extra`: expected nothing after the identifier (only a choice value may be `removed`)".to_string(),
        "dataverse-names.lock:6:1: error: `account module` is named twice (first at line 1): expected one line per item and role; after a merge, keep one of the two lines".to_string(),
        "dataverse-names.lock:7:1: error: a merge conflict marker: expected lock lines only; resolve the conflict by keeping one side's lines (lines you delete are named afresh by the next `generate`)".to_string(),
        "dataverse-names.lock:8:19: error: `01` is not a choice value: expected an integer from -2147483648 to 2147483647, written without `+` or leading zeros".to_string(),
        "dataverse-names.lock:10:28: error: unexpected `removed`: expected nothing after the identifier (only a choice value may be `removed`)".to_string(),
        "dataverse-names.lock:11:11: error: `sideways` is not a relationship side: expected `one_to_many`, `many_to_one` or `many_to_many`".to_string(),
        "dataverse-names.lock:12:10: error: expected `:one_to_many`, `:many_to_one` or `:many_to_many` after the relationship's schema name".to_string(),
        format!("dataverse-names.lock:13:8: error: expected a global choice name here ({}): an item key is {syntax}", NameRule::Schema.expected()),
        format!("dataverse-names.lock:14:9: error: `a-b` is not a column logical name: expected {} (an item key is {syntax})", NameRule::Column.expected()),
        format!("dataverse-names.lock:15:12: error: `Team` is not a lookup target: expected {} (an item key is {syntax})", NameRule::Table.expected()),
        format!("dataverse-names.lock:16:20: error: `type` is not a field name: expected {snake}"),
        format!("dataverse-names.lock:17:20: error: `self` is not a field name: expected {snake}"),
        "dataverse-names.lock:18:8: error: expected a role after the item `account` (one of module, record, body), then the identifier".to_string(),
        "dataverse-names.lock:19:15: error: expected the record identifier after `account record`".to_string(),
        "dataverse-names.lock:20:1: error: a merge conflict marker: expected lock lines only; resolve the conflict by keeping one side's lines (lines you delete are named afresh by the next `generate`)".to_string(),
        format!("dataverse-names.lock:21:26: error: `Self` is not a choice name: expected {}", Style::Camel.expected()),
        format!("dataverse-names.lock:22:30: error: `a` is not a constant name: expected {}", Style::Screaming.expected()),
    ];
    assert_eq!(got, expected);
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let err = NamesLock::from_bytes(b"account module account\nab \xff", "x.lock").expect_err("bad");
    assert_eq!(
        err.to_string(),
        "x.lock:2:4: error: invalid UTF-8 (byte 0xff): expected a names lock, a UTF-8 text file\n1 error, 0 warnings"
    );
}

#[test]
fn identifier_styles() {
    for ok in ["name", "_9lives", "r#type", "r#gen", "etag__", "self_"] {
        assert!(Style::Snake.accepts(ok), "{ok}");
    }
    for bad in [
        "", "Name", "9x", "type", "self", "r#self", "r#name", "_", "a-b", "é",
    ] {
        assert!(!Style::Snake.accepts(bad), "{bad}");
    }
    for ok in ["Account", "ABChoice", "Value2nd", "SelfValue"] {
        assert!(Style::Camel.accepts(ok), "{ok}");
    }
    for bad in ["", "account", "Self", "A_B", "9A"] {
        assert!(!Style::Camel.accepts(bad), "{bad}");
    }
    for ok in ["A", "ACTIVE_1", "X_9", "ALL__"] {
        assert!(Style::Screaming.accepts(ok), "{ok}");
    }
    for bad in ["", "Active", "_A", "1A", "A-B"] {
        assert!(!Style::Screaming.accepts(bad), "{bad}");
    }
}

fn name(rule: NameRule) -> impl Strategy<Value = String> {
    let re = match rule {
        NameRule::Table | NameRule::Column => "[a-z][a-z0-9_]{0,6}",
        NameRule::Schema => "[A-Za-z_][A-Za-z0-9_]{0,6}",
    };
    proptest::string::string_regex(re)
        .expect("a valid regex")
        .prop_filter("a Dataverse name", move |s| rule.accepts(s))
}

fn key() -> impl Strategy<Value = ItemKey> {
    let (t, c, s) = (
        || name(NameRule::Table),
        || name(NameRule::Column),
        || name(NameRule::Schema),
    );
    let kind = proptest::sample::select(vec![
        RelationshipKind::OneToMany,
        RelationshipKind::ManyToOne,
        RelationshipKind::ManyToMany,
    ]);
    prop_oneof![
        t().prop_map(|table| ItemKey::Table { table }),
        (t(), c()).prop_map(|(table, column)| ItemKey::Column { table, column }),
        (t(), c(), any::<i32>()).prop_map(|(table, column, value)| ItemKey::Value {
            table,
            column,
            value
        }),
        (t(), c(), t()).prop_map(|(table, column, target)| ItemKey::Target {
            table,
            column,
            target
        }),
        (t(), s(), kind).prop_map(|(table, schema, kind)| ItemKey::Relationship {
            table,
            schema,
            kind
        }),
        s().prop_map(|choice| ItemKey::Global { choice }),
        (s(), any::<i32>()).prop_map(|(choice, value)| ItemKey::GlobalValue { choice, value }),
    ]
}

fn ident(style: Style) -> impl Strategy<Value = String> {
    let re = match style {
        Style::Snake => "(r#)?[a-z_][a-z0-9_]{0,6}",
        Style::Camel => "[A-Z][A-Za-z0-9]{0,6}",
        Style::Screaming => "[A-Z][A-Z0-9_]{0,6}",
    };
    proptest::string::string_regex(re)
        .expect("a valid regex")
        .prop_filter("an identifier of its style", move |s| style.accepts(s))
}

fn line() -> impl Strategy<Value = (ItemKey, Role, Entry)> {
    (key(), any::<prop::sample::Index>(), any::<bool>()).prop_flat_map(|(key, i, removed)| {
        let role = *i.get(key.roles());
        let removed = removed && key.is_value();
        ident(role.style()).prop_map(move |name| (key.clone(), role, Entry { name, removed }))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the entries, the text reads back as the same lock, and renders the same again.
    #[test]
    fn parse_reads_back_what_render_writes(lines in prop::collection::vec(line(), 0..40)) {
        let mut lock = NamesLock::default();
        for (key, role, entry) in lines {
            lock.insert(key, role, entry);
        }
        let text = lock.render();
        let back = NamesLock::parse(&text, "x.lock");
        prop_assert_eq!(back.as_ref(), Ok(&lock), "{}", text);
        prop_assert_eq!(back.map(|l| l.render()), Ok(text));
    }

    /// Every key reads back from its text, and every role's word back to the role.
    #[test]
    fn keys_read_back(key in key()) {
        prop_assert_eq!(ItemKey::parse(&key.to_string()), Ok(key));
    }
}

#[test]
fn roles_read_back() {
    for role in ROLES {
        assert_eq!(Role::parse(role.word()), Some(role));
    }
}

#[test]
fn the_values_of_one_choice() {
    let mut lock = NamesLock::default();
    assert!(lock.is_empty());
    assert_eq!(lock.len(), 0);
    let value = |table: &str, column: &str, value| ItemKey::Value {
        table: table.into(),
        column: column.into(),
        value,
    };
    let global = |choice: &str, value| ItemKey::GlobalValue {
        choice: choice.into(),
        value,
    };
    for (key, name) in [
        (value("widget", "size", -1), "NONE"),
        (value("widget", "size", 7), "LARGE"),
        (value("widget", "sizes", 1), "OTHER_COLUMN"),
        (value("widgets", "size", 2), "OTHER_TABLE"),
        (global("status", 1), "OPEN"),
        (global("statuses", 1), "OTHER_CHOICE"),
    ] {
        lock.insert(key, Role::Constant, entry(name));
    }
    lock.insert(
        ItemKey::Column {
            table: "widget".into(),
            column: "size".into(),
        },
        Role::Field,
        entry("size"),
    );
    assert!(!lock.is_empty());
    assert_eq!(lock.len(), 7);
    let names = |of: ItemKey| -> Vec<(i32, String)> {
        lock.values_of(&of)
            .map(|(v, e)| (v, e.name.clone()))
            .collect()
    };
    let column = ItemKey::Column {
        table: "widget".into(),
        column: "size".into(),
    };
    assert_eq!(
        names(column),
        [(-1, "NONE".to_string()), (7, "LARGE".to_string())]
    );
    let status = ItemKey::Global {
        choice: "status".into(),
    };
    assert_eq!(names(status), [(1, "OPEN".to_string())]);
    let table = ItemKey::Table {
        table: "widget".into(),
    };
    assert!(names(table).is_empty());
}
