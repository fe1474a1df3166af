//! Serde round trips for every column type, against JSON shaped as the Dataverse Web API
//! documents it (GET responses with annotations; POST/PATCH bodies with `@odata.bind`).

use dataverse_fixture_tables::choices::SampleBranch;
use dataverse_fixture_tables::sample_bankaccount::{
    relationships, OwnerId, SampleBankaccount, SampleCategory, SampleCustomerId,
    SampleParentBankId, SampleRegardingObjectId, Statecode, Statuscode,
};
use dataverse_tables::runtime::{chrono, Choice, Decimal, MultiSelect, Uuid};
use std::str::FromStr;

fn uuid(s: &str) -> Uuid {
    Uuid::parse_str(s).expect("uuid")
}

const ROW: &str = r#"{
    "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#sample_bankaccounts/$entity",
    "@odata.etag": "W/\"4429014\"",
    "sample_bankaccountid": "2a3b4c5d-0000-4000-8000-000000000001",
    "sample_accountnumber": "GB33BUKB20201555555555",
    "sample_name": "Household",
    "sample_notes": "Opened at the branch.\nSecond line.",
    "sample_dailylimit": 500,
    "sample_externalsequence": 9007199254740993,
    "sample_rating": 0.875,
    "sample_balance": 922337203685477.0000,
    "sample_balance@OData.Community.Display.V1.FormattedValue": "$922,337,203,685,477.00",
    "sample_balance_base": -0.01,
    "sample_interestrate": 1.2345,
    "sample_isjoint": true,
    "sample_isjoint@OData.Community.Display.V1.FormattedValue": "Joint",
    "sample_openedon": "2024-02-29",
    "sample_lastreviewedon": "2024-05-19T08:30:00Z",
    "createdon": "2023-11-02T17:05:09Z",
    "sample_category": 100000003,
    "sample_category@OData.Community.Display.V1.FormattedValue": "Pay-As-You-Go",
    "sample_branches": "100000000,100000002",
    "statecode": 1,
    "statuscode": 100000000,
    "owneridtype": "systemuser",
    "sample_logo": "iVBORw0KGgo=",
    "sample_document": "8f2d6d35-6f41-4b8a-9a0b-2d3e8f0a1b2c",
    "iscustomizable": {"Value": true, "CanBeChanged": false, "ManagedPropertyLogicalName": "iscustomizableanddeletable"},
    "sample_summary": null,
    "versionnumber": 4429014,
    "_ownerid_value": "00000000-0000-4000-8000-0000000000aa",
    "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "team",
    "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Sales team",
    "_sample_customerid_value": "00000000-0000-4000-8000-0000000000bb",
    "_sample_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "contact",
    "_sample_parentbankid_value": "00000000-0000-4000-8000-0000000000cc",
    "_sample_regardingobjectid_value": null,
    "sample_futurecolumn": "ignored"
}"#;

#[test]
fn reads_every_column_type_from_a_get_response() {
    let row: SampleBankaccount = serde_json::from_str(ROW).expect("reads");
    assert_eq!(row.etag.as_deref(), Some("W/\"4429014\""));
    assert_eq!(
        row.sample_bankaccountid,
        Some(uuid("2a3b4c5d-0000-4000-8000-000000000001"))
    );
    assert_eq!(
        row.sample_accountnumber.as_deref(),
        Some("GB33BUKB20201555555555")
    );
    assert_eq!(
        row.sample_notes.as_deref(),
        Some("Opened at the branch.\nSecond line.")
    );
    assert_eq!(row.sample_dailylimit, Some(500));
    assert_eq!(
        row.sample_externalsequence,
        Some(9007199254740993),
        "BigInt beyond f64"
    );
    assert_eq!(row.sample_rating, Some(0.875));
    assert_eq!(
        row.sample_balance.map(|d| d.to_string()).as_deref(),
        Some("922337203685477.0000"),
        "Money keeps every digit"
    );
    assert_eq!(row.sample_balance_base, Decimal::from_str("-0.01").ok());
    assert_eq!(row.sample_interestrate, Decimal::from_str("1.2345").ok());
    assert_eq!(row.sample_isjoint, Some(true));
    assert_eq!(
        row.sample_openedon,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    assert_eq!(
        row.sample_lastreviewedon.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-05-19T08:30:00+00:00")
    );
    assert_eq!(row.sample_category, Some(SampleCategory::PayAsYouGo));
    assert_eq!(
        row.sample_branches,
        Some(MultiSelect(vec![
            SampleBranch::HeadOffice,
            SampleBranch::South
        ]))
    );
    assert_eq!(row.statecode, Some(Statecode::Inactive));
    assert_eq!(row.statuscode, Some(Statuscode::Frozen));
    assert_eq!(row.owneridtype.as_deref(), Some("systemuser"));
    assert_eq!(row.sample_logo.as_deref(), Some("iVBORw0KGgo="));
    assert_eq!(
        row.sample_document,
        Some(uuid("8f2d6d35-6f41-4b8a-9a0b-2d3e8f0a1b2c"))
    );
    let managed = row.iscustomizable.as_ref().expect("managed property");
    assert!(managed.value && !managed.can_be_changed);
    assert_eq!(row.sample_summary, None, "null reads as None");
    assert_eq!(row.versionnumber, Some(4429014));
    assert_eq!(
        row.ownerid,
        Some(OwnerId::Team(uuid("00000000-0000-4000-8000-0000000000aa")))
    );
    assert_eq!(
        row.sample_customerid,
        Some(SampleCustomerId::Contact(uuid(
            "00000000-0000-4000-8000-0000000000bb"
        )))
    );
    assert_eq!(
        row.sample_parentbankid,
        Some(SampleParentBankId::SampleBank(uuid(
            "00000000-0000-4000-8000-0000000000cc"
        ))),
        "a single-target lookup needs no annotation"
    );
    assert_eq!(row.sample_regardingobjectid, None);
    // Columns the response does not carry are None.
    assert_eq!(row.sample_signatories, None);
    assert_eq!(row.sample_logo_url, None);
}

#[test]
fn a_body_writes_every_settable_column_type() {
    let opened = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).expect("date");
    let reviewed = chrono::DateTime::parse_from_rfc3339("2024-05-19T08:30:00Z")
        .expect("date-time")
        .with_timezone(&chrono::Utc);
    let body = SampleBankaccount::create()
        .sample_name(Some("Household".to_string()))
        .sample_notes(None)
        .sample_dailylimit(Some(250))
        .sample_externalsequence(Some(-9007199254740993))
        .sample_rating(Some(0.5))
        .sample_balance(Decimal::from_str("922337203685477.0000").ok())
        .sample_interestrate(Decimal::from_str("0.0001").ok())
        .sample_isjoint(Some(false))
        .sample_openedon(Some(opened))
        .sample_lastreviewedon(Some(reviewed))
        .sample_category(Some(SampleCategory::Unknown(7)))
        .sample_branches(Some(MultiSelect(vec![
            SampleBranch::North,
            SampleBranch::South,
        ])))
        .statecode(Some(Statecode::Active))
        .statuscode(Some(Statuscode::Active))
        .sample_customerid(Some(SampleCustomerId::Account(uuid(
            "00000000-0000-4000-8000-0000000000bb",
        ))))
        .sample_parentbankid(Some(SampleParentBankId::SampleBank(uuid(
            "00000000-0000-4000-8000-0000000000cc",
        ))))
        .ownerid(Some(OwnerId::Systemuser(uuid(
            "00000000-0000-4000-8000-0000000000aa",
        ))))
        .to_json()
        .expect("every value is writable");
    let expected = concat!(
        "{",
        r#""ownerid@odata.bind":"/systemusers(00000000-0000-4000-8000-0000000000aa)","#,
        r#""sample_CustomerId_account@odata.bind":"/accounts(00000000-0000-4000-8000-0000000000bb)","#,
        r#""sample_ParentBankId@odata.bind":"/sample_banks(00000000-0000-4000-8000-0000000000cc)","#,
        r#""sample_balance":922337203685477.0000,"#,
        r#""sample_branches":"100000001,100000002","#,
        r#""sample_category":7,"#,
        r#""sample_dailylimit":250,"#,
        r#""sample_externalsequence":-9007199254740993,"#,
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
        let body = SampleBankaccount::update()
            .sample_regardingobjectid(Some(value.clone()))
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
        let row: SampleBankaccount = serde_json::from_str(&response).expect("reads");
        assert_eq!(row.sample_regardingobjectid, Some(value), "{target}");
    }
    // Clearing a lookup nulls its navigation properties; leaving it out writes nothing.
    let cleared = SampleBankaccount::update()
        .sample_parentbankid(None)
        .to_json()
        .expect("writes");
    assert_eq!(cleared, r#"{"sample_ParentBankId":null}"#);
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
    assert_eq!(SampleCategory::from_value(42), SampleCategory::Unknown(42));
    assert_eq!(
        SampleCategory::Value100000002.label(),
        Some(""),
        "an empty label"
    );
    assert_eq!(
        SampleCategory::ChildrensUnder16.label(),
        Some("Children's (under 16)")
    );
    assert_eq!(SampleCategory::Premier.value(), 192350000, "a Sales value");
}

#[test]
fn relationship_metadata() {
    let rel = relationships::SAMPLE_BANK_SAMPLE_BANKACCOUNT;
    let cascade = rel.cascade.expect("cascade");
    assert_eq!(
        cascade.delete,
        Some(dataverse_tables::runtime::CascadeType::Restrict)
    );
    // A relationship of the table with itself is listed from both sides.
    let down = relationships::SAMPLE_BANKACCOUNT_PARENT_ONE_TO_MANY;
    let up = relationships::SAMPLE_BANKACCOUNT_PARENT_MANY_TO_ONE;
    assert_eq!(
        down.kind,
        dataverse_tables::runtime::RelationshipKind::OneToMany
    );
    assert_eq!(
        up.kind,
        dataverse_tables::runtime::RelationshipKind::ManyToOne
    );
    assert_eq!(up.navigation_property, Some("sample_ParentAccountId"));
    assert_eq!(down.navigation_property, Some("sample_bankaccount_parent"));
    let m2m = relationships::SAMPLE_BANKACCOUNT_CONTACT;
    assert_eq!(m2m.intersect_entity, Some("sample_bankaccount_contact"));
    assert_eq!(
        m2m.kind,
        dataverse_tables::runtime::RelationshipKind::ManyToMany
    );
}

#[test]
fn a_global_choice_is_one_shared_enum() {
    // `sample_branches` uses the global choice `sample_branch`: its values live in `choices`.
    let m: MultiSelect<SampleBranch> = serde_json::from_str(r#""100000001""#).expect("reads");
    assert_eq!(m.0, [SampleBranch::North]);
    assert_eq!(SampleBranch::ALL.len(), 3);
}

#[test]
fn status_and_state_know_each_other() {
    assert_eq!(Statuscode::Frozen.state(), Some(Statecode::Inactive));
    assert_eq!(Statuscode::Active.state(), Some(Statecode::Active));
    assert_eq!(Statuscode::Unknown(5).state(), None);
    assert_eq!(
        Statecode::Inactive.default_status(),
        Some(Statuscode::Inactive)
    );
    assert_eq!(Statecode::Unknown(9).default_status(), None);
}
