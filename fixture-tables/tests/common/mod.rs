//! What the fixture-table tests share: a GET response of `sample_bankaccount` with every column
//! type, and the checks of its typed columns and of a written-back row.
#![allow(dead_code, unused_imports)]

use dataverse_fixture_tables::choices::SampleBranch;
use dataverse_fixture_tables::sample_bankaccount::{
    columns, relationships, OwnerId, SampleBankaccount, SampleBankaccountBody, SampleCategory,
    SampleCustomerId, SampleParentBankId, SampleRegardingObjectId, Statecode, Statuscode,
};
use dataverse_runtime::serde::{Deserialize, Serialize};
use dataverse_runtime::{
    self as rt, chrono, Choice, Decimal, EntityReference, Lookup, MultiSelect, Null, Page, Uuid,
};
use serde_json::Value;

pub fn uuid(s: &str) -> Uuid {
    Uuid::parse_str(s).expect("uuid")
}

pub fn decimal(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal")
}

pub fn utc(s: &str) -> rt::DateTime {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("date-time")
        .with_timezone(&chrono::Utc)
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// Where two JSON values differ (`/value/0/name: ...`), to say what a round trip changed.
pub fn differences(path: &str, got: &Value, want: &Value, out: &mut Vec<String>) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (key, value) in w {
                match g.get(key) {
                    Some(got) => differences(&format!("{path}/{key}"), got, value, out),
                    None => out.push(format!("{path}/{key}: read but not written")),
                }
            }
            for key in g.keys().filter(|k| !w.contains_key(*k)) {
                out.push(format!("{path}/{key}: written but not read"));
            }
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
            for (i, (got, want)) in g.iter().zip(w).enumerate() {
                differences(&format!("{path}/{i}"), got, want, out);
            }
        }
        _ if got != want => out.push(format!("{path}: {got} instead of {want}")),
        _ => {}
    }
}

/// The JSON written is the JSON read, as `serde_json::Value`s.
pub fn assert_writes_back(written: &Value, read: &str) {
    let want = json(read);
    let mut diff = Vec::new();
    differences("", written, &want, &mut diff);
    assert_eq!(diff, Vec::<String>::new(), "the round trip changed the row");
    assert_eq!(*written, want);
}

pub const CONTEXT: &str =
    "https://org.crm.dynamics.com/api/data/v9.2/$metadata#sample_bankaccounts/$entity";

pub const ROW: &str = r#"{
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

/// Every typed value of [`ROW`] but Money (checked apart: its exactness depends on how the
/// row was read).
pub fn assert_typed_columns(row: &SampleBankaccount) {
    assert_eq!(row.etag.as_deref(), Some("W/\"4429014\""));
    assert_eq!(
        row.sample_bankaccountid,
        Some(uuid("2a3b4c5d-0000-4000-8000-000000000001"))
    );
    assert_eq!(
        row.sample_accountnumber.as_deref(),
        Some("GB33BUKB20201555555555")
    );
    assert_eq!(row.sample_name.as_deref(), Some("Household"));
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
    assert_eq!(row.sample_interestrate, Some(decimal("1.2345")));
    assert_eq!(row.sample_isjoint, Some(true));
    // DateOnly behaviour: a bare date.
    assert_eq!(
        row.sample_openedon,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    // UserLocal behaviour: UTC.
    assert_eq!(row.sample_lastreviewedon, Some(utc("2024-05-19T08:30:00Z")));
    assert_eq!(
        row.sample_lastreviewedon.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-05-19T08:30:00+00:00")
    );
    assert_eq!(row.createdon, Some(utc("2023-11-02T17:05:09Z")));
    assert_eq!(row.sample_category, Some(SampleCategory::PAY_AS_YOU_GO));
    assert_eq!(
        row.sample_branches,
        Some(MultiSelect(vec![
            SampleBranch::HEAD_OFFICE,
            SampleBranch::SOUTH
        ]))
    );
    assert_eq!(row.statecode, Some(Statecode::INACTIVE));
    assert_eq!(row.statuscode, Some(Statuscode::FROZEN));
    assert_eq!(row.sample_logo.as_deref(), Some("iVBORw0KGgo="));
    assert_eq!(
        row.sample_document,
        Some(uuid("8f2d6d35-6f41-4b8a-9a0b-2d3e8f0a1b2c"))
    );
    let managed = row.iscustomizable.as_ref().expect("managed property");
    assert!(managed.value && !managed.can_be_changed);
    assert_eq!(
        managed.managed_property_logical_name.as_deref(),
        Some("iscustomizableanddeletable")
    );
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
    assert_eq!(row.sample_regardingobjectid, None, "null reads as None");
    // Columns the response does not carry are None.
    assert_eq!(row.sample_logo_url, None);
    // What is not typed stays in extra, as it came.
    assert_eq!(
        row.extra
            .formatted(columns::SAMPLE_BALANCE.property())
            .as_deref(),
        Some("$922,337,203,685,477.00")
    );
    assert_eq!(
        row.extra.formatted(columns::OWNERID.property()).as_deref(),
        Some("Sales team"),
        "a lookup's row name is the formatted value of `_x_value`"
    );
    assert_eq!(
        row.extra
            .lookup_table(columns::OWNERID.property())
            .as_deref(),
        Some("team")
    );
    assert_eq!(
        row.extra
            .lookup_table(columns::SAMPLE_CUSTOMERID.property())
            .as_deref(),
        Some("contact")
    );
    assert_eq!(
        row.extra.get("sample_summary").map(rt::Json::get),
        Some("null"),
        "a Virtual column has no field: its JSON stays in extra"
    );
    assert_eq!(
        row.extra
            .get(columns::SAMPLE_REGARDINGOBJECTID.property())
            .map(rt::Json::get),
        Some("null"),
        "a null column stays in extra, to be written back"
    );
    assert_eq!(
        row.extra.get("sample_futurecolumn").map(rt::Json::to_value),
        Some(Value::from("ignored")),
        "an undescribed property stays in extra"
    );
    assert_eq!(
        row.extra.get("owneridtype").map(rt::Json::to_value),
        Some(Value::from("systemuser")),
        "a lookup's type companion is no Web API property: it stays in extra"
    );
}

/// A user's response type around the generated record: a field of its own and the record
/// flattened into it.
#[derive(Debug, Deserialize, Serialize)]
#[serde(crate = "dataverse_runtime::serde")]
pub struct WithContext {
    #[serde(rename = "@odata.context")]
    pub context: String,
    #[serde(flatten)]
    pub account: SampleBankaccount,
}

/// A user's enum of the bodies one request may answer with.
#[derive(Debug, Deserialize)]
#[serde(crate = "dataverse_runtime::serde", untagged)]
pub enum Answer {
    Failed { error: Value },
    Account(Box<SampleBankaccount>),
}
