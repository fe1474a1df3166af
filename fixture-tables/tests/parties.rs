//! PartyList columns: parties read from and written to the activity-parties collection, told
//! apart by `participationtypemask`.

use dataverse_fixture_tables::sample_meeting::{self as meeting, RequiredAttendees, SampleMeeting};
use dataverse_tables::runtime::{Party, Uuid};

fn id(n: u8) -> Uuid {
    Uuid::parse_str(&format!("00000000-0000-4000-8000-0000000000{n:02x}")).expect("uuid")
}

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
    let m: SampleMeeting = serde_json::from_str(&json).expect("reads");
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
    let plain: SampleMeeting = serde_json::from_str(r#"{"subject": "x"}"#).expect("reads");
    assert_eq!(plain.requiredattendees, None, "not expanded: None");
}

#[test]
fn writes_parties_into_one_collection() {
    let body = SampleMeeting::create()
        .subject(Some("Quarterly review".to_string()))
        .from(vec![Party::row(meeting::From::Systemuser(id(2)))])
        .requiredattendees(vec![
            Party::row(RequiredAttendees::Account(id(4))),
            Party::address("guest@example.com"),
        ])
        .to_json()
        .expect("writes");
    let expected = format!(
        concat!(
            r#"{{"sample_meeting_activity_parties":["#,
            r#"{{"participationtypemask":1,"partyid_systemuser@odata.bind":"/systemusers({u})"}},"#,
            r#"{{"participationtypemask":5,"partyid_account@odata.bind":"/accounts({a})"}},"#,
            r#"{{"participationtypemask":5,"addressused":"guest@example.com"}}],"#,
            r#""subject":"Quarterly review"}}"#
        ),
        u = id(2),
        a = id(4)
    );
    assert_eq!(body, expected);
}
