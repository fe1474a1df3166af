//! The hostile fixture (`hostile/option.md`): a table named `Option`, columns named `type`,
//! `self`, `match`, `etag` and `to_json`, labels that are keywords, digits, empty, duplicates,
//! comment terminators, quotes, links, HTML, code fences and non-ASCII. It compiles under
//! `#![deny(warnings)]`; this drives the names it got.

use dataverse_fixture_tables::option::{self as table, columns, relationships, Match, Type};
use dataverse_tables::runtime::{Choice, Uuid};

#[test]
fn the_names_chosen_work_as_an_api() {
    let row: table::Option = serde_json::from_str(
        r#"{"type": 6, "self": "me", "etag": "column", "@odata.etag": "W/\"1\"", "to_json": 3,
            "optioncolumn": 2, "_match_value": "00000000-0000-4000-8000-000000000001",
            "_match_value@Microsoft.Dynamics.CRM.lookuplogicalname": "unknown"}"#,
    )
    .expect("reads");
    assert_eq!(row.r#type, Some(Type::Active6));
    assert_eq!(row.self_.as_deref(), Some("me"));
    assert_eq!(
        row.etag_.as_deref(),
        Some("column"),
        "the column named etag"
    );
    assert_eq!(row.etag.as_deref(), Some("W/\"1\""), "the row version");
    assert_eq!(row.to_json_, Some(3));
    assert_eq!(row.optioncolumn, Some(table::OptionChoice::None));
    let id = Uuid::parse_str("00000000-0000-4000-8000-000000000001").expect("uuid");
    assert_eq!(
        row.r#match,
        Some(Match::UnknownTable(id)),
        "a target named unknown"
    );

    // Duplicates after normalization take their value; fallbacks are built from the value.
    let names = [
        (Type::SelfValue, 0),
        (Type::Fn, 1),
        (Type::Value2, 2),
        (Type::Value3, 3),
        (Type::Active4, 4),
        (Type::Active5, 5),
        (Type::Active6, 6),
        (Type::Value12, 12),
        (Type::Unknown14, 14),
        (Type::MinusFifteen, -15),
    ];
    for (variant, value) in names {
        assert_eq!(variant.value(), value);
        assert_eq!(Type::from_value(value), variant);
    }
    assert_eq!(Type::Unknown(99).value(), 99);
    assert_eq!(Type::EndsWithComment.label(), Some("Ends with */ comment"));
    assert_eq!(Type::SayHiThere.label(), Some("Say \"hi\" \\ there"));

    let body = table::Option::create()
        .r#type(Some(Type::Fn))
        .self_(None)
        .to_json_(Some(1))
        .to_json()
        .expect("writes");
    assert_eq!(body, r#"{"self":null,"to_json":1,"type":1}"#);
    assert_eq!(columns::TYPE, "type");
    assert_eq!(relationships::ALL_REL.schema_name, "ALL");
}
