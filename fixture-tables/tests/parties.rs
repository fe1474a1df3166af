//! PartyList columns: parties read from and written to the activity-parties collection, told
//! apart by `participationtypemask`.

use dataverse_fixture_tables::sample_meeting::{
    self as meeting, columns, RequiredAttendees, SampleMeeting,
};
use dataverse_runtime::{self as rt, EntityReference, Lookup, Party, Uuid};

fn id(n: u8) -> Uuid {
    Uuid::parse_str(&format!("00000000-0000-4000-8000-0000000000{n:02x}")).expect("uuid")
}

const PARTIES: &str = "sample_meeting_activity_parties";

#[test]
fn reads_parties_by_participation_type() {
    let json = format!(
        r#"{{
        "activityid": "{a}",
        "subject": "Quarterly review",
        "sample_meeting_activity_parties": [
            {{"participationtypemask": 1, "_partyid_value": "{u}",
              "_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser"}},
            {{"participationtypemask": 5, "_partyid_value": "{c}",
              "_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "contact", "addressused": "kim@example.com"}},
            {{"participationtypemask": 5, "_partyid_value": null, "addressused": "guest@example.com"}},
            {{"participationtypemask": 9, "_partyid_value": "{u}",
              "_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser"}}
        ]
    }}"#,
        a = id(1),
        u = id(2),
        c = id(3)
    );
    let m: SampleMeeting = rt::from_str(&json).expect("reads");
    assert_eq!(m.activityid, Some(id(1)));
    assert_eq!(m.subject.as_deref(), Some("Quarterly review"));
    assert_eq!(
        m.from,
        Some(vec![Party::row(meeting::From::Systemuser(id(2)))])
    );
    assert_eq!(
        m.requiredattendees,
        Some(vec![
            Party {
                party: Some(RequiredAttendees::Contact(id(3))),
                address_used: Some("kim@example.com".to_string()),
            },
            Party::address("guest@example.com"),
        ])
    );
    // The collection stays in extra (with the participation types no column reads, 9 here),
    // so the row writes back as it came.
    assert!(m.extra.get(PARTIES).is_some(), "the collection is kept");
    assert_eq!(
        serde_json::to_value(&m).expect("writes"),
        serde_json::from_str::<serde_json::Value>(&json).expect("JSON"),
        "writes back what it read"
    );
    let plain: SampleMeeting = rt::from_str(r#"{"subject": "x"}"#).expect("reads");
    assert_eq!(plain.requiredattendees, None, "not expanded: None");
    assert_eq!(plain.from, None, "not expanded: None");
    let empty: SampleMeeting =
        rt::from_str(r#"{"sample_meeting_activity_parties": []}"#).expect("reads");
    assert_eq!(empty.from, Some(vec![]), "expanded, with no party: empty");
}

#[test]
fn a_party_list_is_no_web_api_property() {
    // The parties are rows of the collection, not a property of the activity.
    // Only `activityid` and `subject` are readable Web API properties; the PartyList columns
    // have no `property()` (see the `compile_fail` examples of the crate).
    fn readable<T, V, A: rt::access::Access>(_: rt::Column<T, V, A>) -> bool {
        A::READ
    }
    assert!(readable(columns::ACTIVITYID));
    assert!(readable(columns::SUBJECT));
    assert!(!readable(columns::FROM));
    assert!(!readable(columns::REQUIREDATTENDEES));
    assert_eq!(columns::ACTIVITYID.property(), "activityid");
    assert_eq!(columns::SUBJECT.property(), "subject");
    assert_eq!(columns::FROM.logical_name(), "from");
    assert_eq!(
        columns::REQUIREDATTENDEES.logical_name(),
        "requiredattendees"
    );
    assert_eq!(columns::FROM.info().parties, Some((PARTIES, 1)));
    assert_eq!(
        columns::REQUIREDATTENDEES.info().parties,
        Some((PARTIES, 5))
    );
    assert_eq!(
        meeting::navigation::SAMPLE_MEETING_ACTIVITY_PARTIES.name,
        PARTIES
    );
    let m: SampleMeeting =
        rt::from_str(r#"{"from": "ignored", "requiredattendees": 1}"#).expect("reads");
    assert_eq!(m.from, None);
    assert_eq!(m.requiredattendees, None);
    assert_eq!(m.extra.0.len(), 2, "properties the docs do not describe");
}

#[test]
fn a_wrong_party_row_names_the_collection() {
    let err = rt::from_str::<SampleMeeting>(r#"{"sample_meeting_activity_parties": {"x": 1}}"#)
        .expect_err("not an array");
    let text = err.to_string();
    assert!(
        text.contains("sample_meeting.sample_meeting_activity_parties: expected an array of rows"),
        "{text}"
    );
}

#[test]
fn writes_parties_into_one_collection() {
    // A body's properties, and those of each party row, are in key order.
    let body = SampleMeeting::create()
        .set(columns::SUBJECT, "Quarterly review")
        .set(
            columns::FROM,
            vec![Party::row(meeting::From::Systemuser(id(2)))],
        )
        .set(
            columns::REQUIREDATTENDEES,
            vec![
                Party::row(RequiredAttendees::Account(id(4))),
                Party::address("guest@example.com"),
            ],
        )
        .to_json()
        .expect("writes");
    let expected = format!(
        concat!(
            r#"{{"sample_meeting_activity_parties":["#,
            r#"{{"participationtypemask":1,"partyid_systemuser@odata.bind":"/systemusers({u})"}},"#,
            r#"{{"participationtypemask":5,"partyid_account@odata.bind":"/accounts({a})"}},"#,
            r#"{{"addressused":"guest@example.com","participationtypemask":5}}],"#,
            r#""subject":"Quarterly review"}}"#
        ),
        u = id(2),
        a = id(4)
    );
    assert_eq!(body, expected);
}

#[test]
fn each_call_adds_parties() {
    let body = SampleMeeting::update()
        .set(
            columns::REQUIREDATTENDEES,
            vec![Party::row(RequiredAttendees::Contact(id(3)))],
        )
        .set(
            columns::REQUIREDATTENDEES,
            vec![Party::row(RequiredAttendees::from_parts(
                Some("systemuser"),
                id(2),
            ))],
        )
        .to_json()
        .expect("writes");
    let expected = format!(
        concat!(
            r#"{{"sample_meeting_activity_parties":["#,
            r#"{{"participationtypemask":5,"partyid_contact@odata.bind":"/contacts({c})"}},"#,
            r#"{{"participationtypemask":5,"partyid_systemuser@odata.bind":"/systemusers({u})"}}]}}"#,
        ),
        c = id(3),
        u = id(2)
    );
    assert_eq!(body, expected);
    // A party of a table the column does not target cannot be bound.
    let err = SampleMeeting::create()
        .set(
            columns::REQUIREDATTENDEES,
            vec![Party::row(RequiredAttendees::Unknown(
                EntityReference::from_parts(Some("lead"), id(5)),
            ))],
        )
        .to_json()
        .expect_err("lead is no target");
    assert_eq!(
        err.to_string(),
        "requiredattendees: no navigation property is known for target lead"
    );
}
