//! The hostile fixture (`hostile/option.md`): a table named `Option`, columns named `type`,
//! `self`, `match`, `etag` and `to_json`, labels that are keywords, digits, empty, duplicates,
//! comment terminators, quotes, links, HTML, code fences and non-ASCII. It compiles under
//! `#![deny(warnings)]`; this drives the names it got.

use dataverse_fixture_tables::option::{
    self as table, columns, relationships, Match, OptionChoice, Type,
};
use dataverse_runtime::{self as rt, Choice, EntityReference, Lookup, Null, Uuid};

const ROW: &str = r#"{"type": 6, "self": "me", "etag": "column", "@odata.etag": "W/\"1\"", "to_json": 3,
    "optioncolumn": 2, "_match_value": "00000000-0000-4000-8000-000000000001",
    "_match_value@Microsoft.Dynamics.CRM.lookuplogicalname": "unknown"}"#;

#[test]
fn the_names_chosen_work_as_an_api() {
    let row: table::Option = rt::from_str(ROW).expect("reads");
    assert_eq!(row.r#type, Some(Type::ACTIVE_6));
    assert_eq!(row.self_.as_deref(), Some("me"));
    assert_eq!(
        row.etag_.as_deref(),
        Some("column"),
        "the column named etag"
    );
    assert_eq!(row.etag.as_deref(), Some("W/\"1\""), "the row version");
    assert_eq!(row.to_json_, Some(3));
    assert_eq!(row.optioncolumn, Some(OptionChoice::NONE));
    assert_eq!(OptionChoice::SOME.value(), 1);
    let id = Uuid::parse_str("00000000-0000-4000-8000-000000000001").expect("uuid");
    assert_eq!(
        row.r#match,
        Some(Match::UnknownTable(id)),
        "a target named unknown"
    );
    assert_eq!(
        row.extra.lookup_table(columns::MATCH.property()).as_deref(),
        Some("unknown"),
        "the annotation stays in extra"
    );
    assert_eq!(row.extra.0.len(), 1, "every other property is typed");
    assert_eq!(
        serde_json::to_value(&row).expect("writes"),
        serde_json::from_str::<serde_json::Value>(ROW).expect("JSON"),
        "writes back what it read"
    );

    // A keyword-named choice value still works in a pattern, with a `_` arm for the rest.
    let kind = |t: Type| match t {
        Type::SELF_VALUE => "self",
        Type::FN => "fn",
        Type::ACTIVE_6 => "ACTIVE",
        Type::UNKNOWN => "unknown",
        _ => "other",
    };
    assert_eq!(row.r#type.map(kind), Some("ACTIVE"));
    assert_eq!(kind(Type::UNKNOWN), "unknown");
    assert_eq!(kind(Type::from_value(99)), "other");

    // Duplicates after normalization take their value; fallbacks are built from the value.
    let names = [
        (Type::SELF_VALUE, 0, "Self"),
        (Type::FN, 1, "fn"),
        (Type::VALUE_2, 2, "1st choice"),
        (Type::VALUE_3, 3, ""),
        (Type::ACTIVE_4, 4, "Active"),
        (Type::ACTIVE_5, 5, "active"),
        (Type::ACTIVE_6, 6, "ACTIVE"),
        (Type::LINKED, 9, "Linked"),
        (Type::BOLD, 10, "<b>Bold</b>"),
        (Type::RUST_FN_MAIN, 11, "rust fn main() {}"),
        (Type::VALUE_12, 12, "Café crème"),
        (Type::VALUE_13, 13, "日本"),
        (Type::UNKNOWN, 14, "Unknown"),
        (Type::MINUS_FIFTEEN, -15, "Minus fifteen"),
        (Type::OPTION, 16, "Option"),
        (Type::STRING, 17, "String"),
    ];
    for (constant, value, label) in names {
        assert_eq!(constant.value(), value);
        assert_eq!(Type::from_value(value), constant);
        assert_eq!(constant.label(), Some(label), "{value}");
        assert!(Type::OPTIONS.contains(&(constant, label)), "{value}");
    }
    assert_eq!(Type::OPTIONS.len(), 18);
    assert!(
        Type::OPTIONS.windows(2).all(|w| w[0].0 < w[1].0),
        "in value order"
    );
    // A value the docs do not list is a value all the same, with no label.
    let unlisted = Type::from_value(99);
    assert_eq!(unlisted.value(), 99);
    assert_eq!(unlisted.label(), None);
    assert_eq!(<Type as Choice>::from_value(99), unlisted);
    assert_eq!(format!("{unlisted:?}"), "Type(99)");
    assert_eq!(format!("{:?}", Type::ACTIVE_6), r#"Type(6 "ACTIVE")"#);
    assert_eq!(
        format!("{:?}", Type::SAY_HI_THERE),
        r#"Type(8 "Say \"hi\" \\ there")"#
    );
    assert_eq!(
        Type::ENDS_WITH_COMMENT.label(),
        Some("Ends with */ comment")
    );
    assert_eq!(Type::SAY_HI_THERE.label(), Some("Say \"hi\" \\ there"));

    let body = table::Option::create()
        .set(columns::TYPE, Type::FN)
        .set(columns::SELF, Null)
        .set(columns::TO_JSON, 1)
        .to_json()
        .expect("writes");
    assert_eq!(body, r#"{"self":null,"to_json":1,"type":1}"#);
    let update = table::Option::update()
        .set(columns::ETAG, "column")
        .set(columns::MATCH, Match::SelfValue(id))
        .to_json()
        .expect("writes");
    assert_eq!(
        update,
        format!(r#"{{"etag":"column","match_self@odata.bind":"/selfs({id})"}}"#)
    );
    assert_eq!(columns::TYPE.property(), "type");
    assert_eq!(columns::TYPE.logical_name(), "type");
    assert_eq!(
        columns::MATCH.property(),
        "_match_value",
        "a Web API property name"
    );
    assert_eq!(columns::MATCH.logical_name(), "match", "the logical name");
    assert_eq!(relationships::ALL_REL.schema_name, "ALL");
}

#[test]
fn a_target_named_unknown_is_not_the_unknown_variant() {
    let id = Uuid::parse_str("00000000-0000-4000-8000-000000000002").expect("uuid");
    assert_eq!(
        Match::from_parts(Some("unknown"), id),
        Match::UnknownTable(id)
    );
    assert_eq!(Match::from_parts(Some("self"), id), Match::SelfValue(id));
    assert_eq!(Match::from_parts(Some("option"), id), Match::Option(id));
    assert_eq!(
        Match::from_parts(None, id),
        Match::Unknown(EntityReference::from_parts(None, id)),
        "a polymorphic lookup without its annotation"
    );
    assert_eq!(Match::UnknownTable(id).parts(), (Some("unknown"), id));
    let body = table::Option::update()
        .set(columns::MATCH, Match::UnknownTable(id))
        .to_json()
        .expect("writes");
    assert_eq!(
        body,
        format!(r#"{{"match_unknown@odata.bind":"/unknowns({id})"}}"#)
    );
    let err = table::Option::update()
        .set(columns::MATCH, Match::from_parts(Some("contact"), id))
        .to_json()
        .expect_err("no navigation property for an undescribed target");
    assert_eq!(
        err.to_string(),
        "match: no navigation property is known for target contact"
    );
}
