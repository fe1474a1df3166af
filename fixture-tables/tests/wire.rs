//! Serde round trips for every column type, against JSON shaped as the Dataverse Web API
//! documents it (GET responses with annotations; POST/PATCH bodies with `@odata.bind`).

mod common;

use common::*;
use dataverse_fixture_tables::choices::SampleBranch;
use dataverse_fixture_tables::sample_bankaccount::{
    columns, relationships, OwnerId, SampleBankaccount, SampleBankaccountBody, SampleCategory,
    SampleCustomerId, SampleParentBankId, SampleRegardingObjectId, Statecode, Statuscode,
};
use dataverse_runtime::{
    self as rt, chrono, Choice, EntityReference, Lookup, MultiSelect, Null, Page,
};

#[test]
fn reads_every_column_type_from_a_get_response() {
    let row: SampleBankaccount = rt::from_str(ROW).expect("reads");
    assert_typed_columns(&row);
    assert_eq!(row.extra.context().as_deref(), Some(CONTEXT));
    assert_eq!(
        row.sample_balance.map(|d| d.to_string()).as_deref(),
        Some("922337203685477.0000"),
        "Money keeps every digit"
    );
    assert_eq!(row.sample_balance_base, Some(decimal("-0.01")));
    assert_eq!(
        row.extra
            .formatted(columns::SAMPLE_CATEGORY.property())
            .as_deref(),
        Some("Pay-As-You-Go")
    );
    assert_eq!(
        row.extra
            .formatted(columns::SAMPLE_ISJOINT.property())
            .as_deref(),
        Some("Joint")
    );
    assert_eq!(
        row.extra
            .annotation(
                columns::OWNERID.property(),
                "Microsoft.Dynamics.CRM.lookuplogicalname"
            )
            .as_deref(),
        Some("team")
    );
    // Exactly the untyped properties are left in extra: every column was taken.
    let extra: Vec<&str> = row.extra.0.keys().map(String::as_str).collect();
    assert_eq!(
        extra,
        [
            "@odata.context",
            "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname",
            "_ownerid_value@OData.Community.Display.V1.FormattedValue",
            "_sample_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname",
            "_sample_regardingobjectid_value",
            "owneridtype",
            "sample_balance@OData.Community.Display.V1.FormattedValue",
            "sample_category@OData.Community.Display.V1.FormattedValue",
            "sample_futurecolumn",
            "sample_isjoint@OData.Community.Display.V1.FormattedValue",
            "sample_summary",
        ]
    );
}

#[test]
fn a_row_writes_back_as_it_came() {
    let row: SampleBankaccount = rt::from_str(ROW).expect("reads");
    // The text carries Money's digits as they came.
    let text = serde_json::to_string(&row).expect("writes");
    assert!(
        text.contains(r#""sample_balance":922337203685477.0000,"#),
        "{text}"
    );
    let written = serde_json::to_value(&row).expect("writes");
    assert_eq!(json(&text), written);
    assert_writes_back(&written, ROW);
    // And the written row reads back to the same record.
    let again: SampleBankaccount = serde_json::from_value(written).expect("reads again");
    assert_eq!(again, row);
}

#[test]
fn a_record_is_built_field_by_field() {
    let mut row = SampleBankaccount::default();
    row.sample_name = Some("Household".to_string());
    row.sample_balance = Some(decimal("10.50"));
    row.sample_openedon = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    row.statuscode = Some(Statuscode::ACTIVE);
    row.sample_customerid = Some(SampleCustomerId::Account(uuid(
        "00000000-0000-4000-8000-0000000000bb",
    )));
    let text = serde_json::to_string(&row).expect("writes");
    assert_eq!(
        text,
        concat!(
            "{",
            r#""_sample_customerid_value":"00000000-0000-4000-8000-0000000000bb","#,
            r#""_sample_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"account","#,
            r#""sample_balance":10.50,"#,
            r#""sample_name":"Household","#,
            r#""sample_openedon":"2024-03-01","#,
            r#""statuscode":1"#,
            "}"
        )
    );
    let again: SampleBankaccount = rt::from_str(&text).expect("reads");
    assert_eq!(again.sample_customerid, row.sample_customerid);
    assert_eq!(again.sample_balance, row.sample_balance);
    assert_eq!(
        again
            .extra
            .lookup_table(columns::SAMPLE_CUSTOMERID.property())
            .as_deref(),
        Some("account"),
        "the target's table travels as the annotation"
    );
    assert_eq!(
        serde_json::to_string(&SampleBankaccount::default()).expect("writes"),
        "{}"
    );
}

#[test]
fn a_body_writes_every_settable_column_type() {
    let opened = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).expect("date");
    let reviewed = utc("2024-05-19T08:30:00Z");
    // The create and update bodies are two types.
    let _: SampleBankaccountBody<rt::Create> = SampleBankaccount::create();
    let _: SampleBankaccountBody<rt::Update> = SampleBankaccount::update();
    let body = SampleBankaccount::create()
        .set(columns::SAMPLE_NAME, "Household")
        .set(
            columns::SAMPLE_ACCOUNTNUMBER,
            "GB33BUKB20201555555555".to_string(),
        )
        .set(columns::SAMPLE_NOTES, Null)
        .set(columns::SAMPLE_DAILYLIMIT, 250)
        .set(columns::SAMPLE_EXTERNALSEQUENCE, -9007199254740993_i64)
        .set(columns::SAMPLE_RATING, 0.5)
        .set(columns::SAMPLE_BALANCE, decimal("922337203685477.0000"))
        .set(columns::SAMPLE_INTERESTRATE, decimal("0.0001"))
        .set(columns::SAMPLE_ISJOINT, false)
        .set(columns::SAMPLE_OPENEDON, opened)
        .set(columns::SAMPLE_LASTREVIEWEDON, reviewed)
        .set(columns::SAMPLE_CATEGORY, SampleCategory::from_value(7))
        .set(
            columns::SAMPLE_BRANCHES,
            MultiSelect(vec![SampleBranch::NORTH, SampleBranch::SOUTH]),
        )
        .set(columns::STATECODE, Statecode::ACTIVE)
        .set(columns::STATUSCODE, Statuscode::ACTIVE)
        .set(
            columns::SAMPLE_CUSTOMERID,
            SampleCustomerId::Account(uuid("00000000-0000-4000-8000-0000000000bb")),
        )
        .set(
            columns::SAMPLE_PARENTBANKID,
            uuid("00000000-0000-4000-8000-0000000000cc"),
        )
        .set(
            columns::OWNERID,
            OwnerId::Systemuser(uuid("00000000-0000-4000-8000-0000000000aa")),
        )
        .raw("sample_futurecolumn", &serde_json::json!({"a": [1, null]}))
        .to_json()
        .expect("every value is writable");
    let expected = concat!(
        "{",
        r#""ownerid@odata.bind":"/systemusers(00000000-0000-4000-8000-0000000000aa)","#,
        r#""sample_CustomerId_account@odata.bind":"/accounts(00000000-0000-4000-8000-0000000000bb)","#,
        r#""sample_ParentBankId@odata.bind":"/sample_banks(00000000-0000-4000-8000-0000000000cc)","#,
        r#""sample_accountnumber":"GB33BUKB20201555555555","#,
        r#""sample_balance":922337203685477.0000,"#,
        r#""sample_branches":"100000001,100000002","#,
        r#""sample_category":7,"#,
        r#""sample_dailylimit":250,"#,
        r#""sample_externalsequence":-9007199254740993,"#,
        r#""sample_futurecolumn":{"a":[1,null]},"#,
        r#""sample_interestrate":0.0001,"#,
        r#""sample_isjoint":false,"#,
        r#""sample_lastreviewedon":"2024-05-19T08:30:00Z","#,
        r#""sample_name":"Household","#,
        r#""sample_notes":null,"#,
        r#""sample_openedon":"2024-03-01","#,
        r#""sample_rating":0.5,"#,
        r#""statecode":0,"#,
        r#""statuscode":1"#,
        "}"
    );
    assert_eq!(body, expected);
    // A single-target lookup takes its enum as well as a bare id.
    let by_enum = SampleBankaccount::update()
        .set(
            columns::SAMPLE_PARENTBANKID,
            SampleParentBankId::SampleBank(uuid("00000000-0000-4000-8000-0000000000cc")),
        )
        .to_json()
        .expect("writes");
    assert_eq!(
        by_enum,
        r#"{"sample_ParentBankId@odata.bind":"/sample_banks(00000000-0000-4000-8000-0000000000cc)"}"#
    );
    assert_eq!(
        SampleBankaccount::update().to_json().expect("writes"),
        "{}",
        "an empty body"
    );
}

#[test]
fn the_polymorphic_lookup_writes_and_reads_back_through_each_target() {
    let id = uuid("5f1a0d2e-7c1b-4a39-9a53-2f0c4d7e8b11");
    let cases = [
        (
            "account",
            SampleRegardingObjectId::Account(id),
            "sample_regardingobjectid_account",
            "accounts",
        ),
        (
            "contact",
            SampleRegardingObjectId::Contact(id),
            "sample_regardingobjectid_contact",
            "contacts",
        ),
        (
            "lead",
            SampleRegardingObjectId::Lead(id),
            "sample_regardingobjectid_lead",
            "leads",
        ),
        (
            "opportunity",
            SampleRegardingObjectId::Opportunity(id),
            "sample_regardingobjectid_opportunity",
            "opportunities",
        ),
    ];
    for (target, value, nav, set) in cases {
        assert_eq!(value.parts(), (Some(target), id), "{target}");
        assert_eq!(
            SampleRegardingObjectId::from_parts(Some(target), id),
            value,
            "{target}"
        );
        let body = SampleBankaccount::update()
            .set(columns::SAMPLE_REGARDINGOBJECTID, value.clone())
            .to_json()
            .expect("writes");
        assert_eq!(
            body,
            format!(r#"{{"{nav}@odata.bind":"/{set}({id})"}}"#),
            "{target}"
        );
        let response = format!(
            r#"{{"_sample_regardingobjectid_value":"{id}","_sample_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"{target}"}}"#
        );
        let row: SampleBankaccount = rt::from_str(&response).expect("reads");
        assert_eq!(row.sample_regardingobjectid, Some(value), "{target}");
        assert_eq!(
            row.extra
                .lookup_table(columns::SAMPLE_REGARDINGOBJECTID.property())
                .as_deref(),
            Some(target)
        );
        assert_writes_back(&serde_json::to_value(&row).expect("writes"), &response);
    }
    // A target the docs do not list reads, and cannot be bound.
    let other = SampleRegardingObjectId::from_parts(Some("systemuser"), id);
    assert_eq!(
        other,
        SampleRegardingObjectId::Unknown(EntityReference::from_parts(Some("systemuser"), id))
    );
    let err = SampleBankaccount::update()
        .set(columns::SAMPLE_REGARDINGOBJECTID, other)
        .to_json()
        .expect_err("no navigation property for systemuser");
    assert_eq!(
        err.to_string(),
        "sample_regardingobjectid: no navigation property is known for target systemuser"
    );
    // Read without its annotation, a polymorphic value has no table, and writes back so.
    let bare = format!(r#"{{"_sample_regardingobjectid_value":"{id}"}}"#);
    let row: SampleBankaccount = rt::from_str(&bare).expect("reads");
    assert_eq!(
        row.sample_regardingobjectid,
        Some(SampleRegardingObjectId::Unknown(
            EntityReference::from_parts(None, id)
        ))
    );
    assert_writes_back(&serde_json::to_value(&row).expect("writes"), &bare);
    // Without its annotation a polymorphic value has no table; a single-target one does.
    assert_eq!(
        SampleRegardingObjectId::from_parts(None, id),
        SampleRegardingObjectId::Unknown(EntityReference::from_parts(None, id))
    );
    assert_eq!(
        SampleParentBankId::from_parts(None, id),
        SampleParentBankId::SampleBank(id)
    );
    // Clearing a lookup nulls its navigation properties; leaving it out writes nothing.
    let cleared = SampleBankaccount::update()
        .set(columns::SAMPLE_PARENTBANKID, Null)
        .to_json()
        .expect("writes");
    assert_eq!(cleared, r#"{"sample_ParentBankId@odata.bind":null}"#);
    let cleared = SampleBankaccount::update()
        .set(columns::SAMPLE_REGARDINGOBJECTID, Null)
        .to_json()
        .expect("writes");
    assert_eq!(
        cleared,
        concat!(
            "{",
            r#""sample_regardingobjectid_account@odata.bind":null,"#,
            r#""sample_regardingobjectid_contact@odata.bind":null,"#,
            r#""sample_regardingobjectid_lead@odata.bind":null,"#,
            r#""sample_regardingobjectid_opportunity@odata.bind":null"#,
            "}"
        )
    );
}

#[test]
fn choices_round_trip_known_and_unknown_values() {
    for value in [-1, 100000000, 100000002, 192350001, 42] {
        let c = SampleCategory::from_value(value);
        assert_eq!(c.value(), value);
        let json = serde_json::to_string(&c).expect("writes");
        assert_eq!(json, value.to_string());
        assert_eq!(
            serde_json::from_str::<SampleCategory>(&json).expect("reads"),
            c
        );
    }
    // A value the docs do not list is kept as it is, with no label.
    let unlisted = SampleCategory::from_value(42);
    assert_eq!(unlisted.label(), None);
    assert!(SampleCategory::OPTIONS.iter().all(|(c, _)| *c != unlisted));
    assert_eq!(format!("{unlisted:?}"), "SampleCategory(42)");
    assert_eq!(
        format!("{:?}", SampleCategory::PAY_AS_YOU_GO),
        r#"SampleCategory(100000003 "Pay-As-You-Go")"#
    );
    assert_eq!(
        SampleCategory::from_value(100000003),
        SampleCategory::PAY_AS_YOU_GO,
        "a listed value is its constant"
    );
    assert_eq!(
        SampleCategory::VALUE_100000002.label(),
        Some(""),
        "an empty label"
    );
    assert_eq!(
        SampleCategory::CHILDRENS_UNDER_16.label(),
        Some("Children's (under 16)")
    );
    assert_eq!(SampleCategory::GOLD.label(), Some("Gold"), "trimmed");
    assert_eq!(SampleCategory::NOT_CLASSED.value(), -1);
    assert_eq!(SampleCategory::PREMIER.value(), 192350000, "a Sales value");
    assert_eq!(SampleCategory::BUSINESS.value(), 192350001, "a Sales value");
    assert_eq!(SampleCategory::OPTIONS.len(), 8);
    assert!(
        SampleCategory::OPTIONS
            .windows(2)
            .all(|w| w[0].0.value() < w[1].0.value()),
        "in value order"
    );
    assert_eq!(
        <SampleCategory as Choice>::OPTIONS,
        SampleCategory::OPTIONS,
        "the trait's options"
    );
    // Constants work in patterns.
    let tier = |c: SampleCategory| match c {
        SampleCategory::GOLD | SampleCategory::PREMIER => "top",
        SampleCategory::NOT_CLASSED => "none",
        _ => "other",
    };
    assert_eq!(tier(SampleCategory::from_value(192350000)), "top");
    assert_eq!(tier(SampleCategory::from_value(-1)), "none");
    assert_eq!(tier(unlisted), "other");
}

#[test]
fn relationship_metadata() {
    let rel = relationships::SAMPLE_BANK_SAMPLE_BANKACCOUNT;
    let cascade = rel.cascade.expect("cascade");
    assert_eq!(
        cascade.delete,
        Some(dataverse_runtime::CascadeType::Restrict)
    );
    // A relationship of the table with itself is listed from both sides.
    let down = relationships::SAMPLE_BANKACCOUNT_PARENT_ONE_TO_MANY;
    let up = relationships::SAMPLE_BANKACCOUNT_PARENT_MANY_TO_ONE;
    assert_eq!(down.kind, dataverse_runtime::RelationshipKind::OneToMany);
    assert_eq!(up.kind, dataverse_runtime::RelationshipKind::ManyToOne);
    assert_eq!(up.navigation_property, Some("sample_ParentAccountId"));
    assert_eq!(down.navigation_property, Some("sample_bankaccount_parent"));
    let m2m = relationships::SAMPLE_BANKACCOUNT_CONTACT;
    assert_eq!(m2m.intersect_entity, Some("sample_bankaccount_contact"));
    assert_eq!(m2m.kind, dataverse_runtime::RelationshipKind::ManyToMany);
}

#[test]
fn columns_are_web_api_properties_and_attributes_logical_names() {
    assert_eq!(columns::OWNERID.property(), "_ownerid_value");
    assert_eq!(columns::OWNERID.logical_name(), "ownerid");
    assert_eq!(
        columns::SAMPLE_CUSTOMERID.property(),
        "_sample_customerid_value"
    );
    assert_eq!(
        columns::SAMPLE_CUSTOMERID.logical_name(),
        "sample_customerid"
    );
    assert_eq!(columns::SAMPLE_BALANCE.property(), "sample_balance");
    assert_eq!(
        columns::SAMPLE_BALANCE.property(),
        columns::SAMPLE_BALANCE.logical_name()
    );
    // A lookup's name and type companions, a PartyList and a Virtual column are no Web API
    // properties: they have no column descriptor (`OWNERIDTYPE`, `SAMPLE_CUSTOMERIDNAME`,
    // `SAMPLE_SIGNATORIES`, `SAMPLE_SUMMARY`; see the `compile_fail` examples of the crate).
    // The companion reads into extra.
    let row: SampleBankaccount =
        rt::from_str(r#"{"sample_customeridname": "Kim", "sample_signatories": []}"#)
            .expect("reads");
    assert_eq!(
        row.extra.get("sample_customeridname").map(rt::Json::get),
        Some(r#""Kim""#)
    );
    assert_eq!(row.extra.0.len(), 2);
}

#[test]
fn a_global_choice_is_one_shared_type() {
    // `sample_branches` uses the global choice `sample_branch`: its values live in `choices`.
    let m: MultiSelect<SampleBranch> = serde_json::from_str(r#""100000001""#).expect("reads");
    assert_eq!(m.0, [SampleBranch::NORTH]);
    assert_eq!(SampleBranch::OPTIONS.len(), 3);
    let m: MultiSelect<SampleBranch> = serde_json::from_str(r#""100000000,7""#).expect("reads");
    assert_eq!(
        m.0,
        [SampleBranch::HEAD_OFFICE, SampleBranch::from_value(7)]
    );
    assert_eq!(
        serde_json::to_string(&m).expect("writes"),
        r#""100000000,7""#
    );
}

#[test]
fn status_and_state_know_each_other() {
    assert_eq!(Statuscode::FROZEN.state(), Some(Statecode::INACTIVE));
    assert_eq!(Statuscode::ACTIVE.state(), Some(Statecode::ACTIVE));
    assert_eq!(Statuscode::INACTIVE.state(), Some(Statecode::INACTIVE));
    assert_eq!(Statuscode::from_value(5).state(), None);
    assert_eq!(
        Statecode::INACTIVE.default_status(),
        Some(Statuscode::INACTIVE)
    );
    assert_eq!(Statecode::ACTIVE.default_status(), Some(Statuscode::ACTIVE));
    assert_eq!(Statecode::from_value(9).default_status(), None);
}

#[test]
fn a_wrong_shape_names_the_table_the_property_and_the_shape() {
    let cases = [
        (
            r#"{"sample_openedon": "2024-02-29T00:00:00Z"}"#,
            r#"sample_bankaccount.sample_openedon: expected a date (`2024-01-31`), found "2024-02-29T00:00:00Z""#,
        ),
        (
            r#"{"sample_balance": "twelve"}"#,
            r#"sample_bankaccount.sample_balance: expected a decimal number, found "twelve""#,
        ),
        (
            r#"{"sample_interestrate": true}"#,
            "sample_bankaccount.sample_interestrate: expected a decimal number, found true",
        ),
        (
            r#"{"sample_lastreviewedon": "2024-05-19"}"#,
            r#"sample_bankaccount.sample_lastreviewedon: expected a UTC date-time (`2024-01-31T08:30:00Z`), found "2024-05-19""#,
        ),
    ];
    for (text, message) in cases {
        let err = rt::from_str::<SampleBankaccount>(text).expect_err(text);
        assert_eq!(err.path, ".", "{text}");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("at .: {message}")),
            "{shown}\nwanted: {message}"
        );
    }
    // Inside a user's flattened wrapper too.
    let err = rt::from_str::<WithContext>(
        r#"{"@odata.context": "c", "sample_openedon": "2024-02-29T00:00:00Z"}"#,
    )
    .expect_err("not a date");
    let shown = err.to_string();
    assert!(
        shown.contains(
            r#"sample_bankaccount.sample_openedon: expected a date (`2024-01-31`), found "2024-02-29T00:00:00Z""#
        ),
        "{shown}"
    );
    // In a page, the error says which row.
    let page = r#"{"value": [{}, {"sample_openedon": "2024-02-29"}, {"sample_balance": "x"}]}"#;
    let err = rt::from_str::<Page<SampleBankaccount>>(page).expect_err("row 2");
    assert_eq!(err.path, "value[2]");
    let shown = err.to_string();
    assert!(
        shown.starts_with(
            r#"at value[2]: sample_bankaccount.sample_balance: expected a decimal number, found "x""#
        ),
        "{shown}"
    );
}

#[test]
fn a_page_writes_back_as_it_came() {
    let page = format!(
        r#"{{"@odata.context": "ctx", "@odata.count": 2, "value": [{ROW}, {{"sample_name": "Second"}}], "@odata.nextLink": "next"}}"#
    );
    let read: Page<SampleBankaccount> = rt::from_str(&page).expect("reads");
    assert_eq!(read.rows.len(), 2);
    assert_typed_columns(&read.rows[0]);
    assert_eq!(
        read.rows[0]
            .sample_balance
            .map(|d| d.to_string())
            .as_deref(),
        Some("922337203685477.0000"),
        "rows of a page are read from the input: Money keeps every digit"
    );
    assert_eq!(read.rows[1].sample_name.as_deref(), Some("Second"));
    assert_eq!(read.count, Some(2));
    assert_eq!(read.next_link.as_deref(), Some("next"));
    assert_writes_back(&serde_json::to_value(&read).expect("writes"), &page);
}
