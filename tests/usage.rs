//! Drives the generated `msdyn_ocsession` module as a user would.

use dataverse_tables::msdyn_ocsession::{
    self, columns, relationships, MsdynOcsession, MsdynQueueassignedreason, RegardingObjectId,
};
use dataverse_tables::runtime::{CascadeType, Choice, RelationshipKind, Uuid};

const ID: &str = "5f1a0d2e-7c1b-4a39-9a53-2f0c4d7e8b11";

/// A GET response shaped as the Web API returns it, with annotations and extra properties.
fn response(target: &str) -> String {
    format!(
        r#"{{
            "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#msdyn_ocsessions/$entity",
            "@odata.etag": "W/\"1234567\"",
            "msdyn_ocsessionid": "0a7c3a56-3b5c-4f7e-8d0e-1f2a3b4c5d6e",
            "msdyn_queueassignedreason": 192350026,
            "msdyn_queueassignedreason@OData.Community.Display.V1.FormattedValue": "AssignToAgentBySupervisor",
            "msdyn_sessioncreationreason": null,
            "_regardingobjectid_value": "{ID}",
            "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "{target}",
            "_regardingobjectid_value@OData.Community.Display.V1.FormattedValue": "Main account"
        }}"#
    )
}

fn id() -> Uuid {
    Uuid::parse_str(ID).expect("valid uuid")
}

#[test]
fn reads_a_response_and_matches_a_choice() {
    let s: MsdynOcsession =
        serde_json::from_str(&response("sample_bankaccount")).expect("deserializes");
    assert_eq!(
        s.msdyn_queueassignedreason,
        Some(MsdynQueueassignedreason::AssignToAgentBySupervisor)
    );
    assert_eq!(s.msdyn_sessioncreationreason, None, "null reads as None");
    assert_eq!(
        s.regardingobjectid,
        Some(RegardingObjectId::SampleBankaccount(id()))
    );
    let label = match s.msdyn_queueassignedreason {
        Some(r @ MsdynQueueassignedreason::AssignToAgentBySupervisor) => r.label(),
        _ => None,
    };
    assert_eq!(label, Some("AssignToAgentBySupervisor"));
}

#[test]
fn the_lookup_annotation_picks_the_target_variant() {
    let cases = [
        ("msdyn_timegroup", RegardingObjectId::MsdynTimegroup(id())),
        (
            "msdyn_bookingalertstatus",
            RegardingObjectId::MsdynBookingalertstatus(id()),
        ),
    ];
    for (target, want) in cases {
        let s: MsdynOcsession = serde_json::from_str(&response(target)).expect("deserializes");
        assert_eq!(s.regardingobjectid.as_ref(), Some(&want));
        assert_eq!(want.parts(), (Some(target), id()));
    }
    let s: MsdynOcsession = serde_json::from_str(&response("account")).expect("deserializes");
    match s.regardingobjectid {
        Some(RegardingObjectId::Unknown(r)) => {
            assert_eq!(r.logical_name.as_deref(), Some("account"));
            assert_eq!(r.id, id());
        }
        other => panic!("an unlisted target reads as Unknown, got {other:?}"),
    }
}

#[test]
fn unlisted_choice_values_round_trip() {
    let v: MsdynQueueassignedreason = serde_json::from_str("192350000").expect("reads");
    assert_eq!(v, MsdynQueueassignedreason::Unknown(192350000));
    assert_eq!(serde_json::to_string(&v).expect("writes"), "192350000");
    for known in MsdynQueueassignedreason::ALL {
        assert_eq!(MsdynQueueassignedreason::from_value(known.value()), *known);
        assert!(!matches!(known, MsdynQueueassignedreason::Unknown(_)));
    }
    assert_eq!(
        serde_json::to_string(&MsdynQueueassignedreason::BotTransferSession).expect("writes"),
        "192350024"
    );
}

#[test]
fn an_empty_object_and_unknown_properties_read() {
    let s: MsdynOcsession =
        serde_json::from_str(r#"{"somethingelse": [1, 2], "@odata.etag": "x"}"#).expect("reads");
    assert_eq!(s, MsdynOcsession::default());
}

#[test]
fn metadata_constants_and_relationships() {
    assert_eq!(MsdynOcsession::LOGICAL_NAME, "msdyn_ocsession");
    assert_eq!(msdyn_ocsession::ENTITY_SET_NAME, None);
    assert_eq!(columns::REGARDINGOBJECTID, "regardingobjectid");
    assert_eq!(columns::ALL.len(), 3);
    let rel = relationships::SAMPLE_BANKACCOUNT_MSDYN_OCSESSIONS;
    assert_eq!(rel.kind, RelationshipKind::ManyToOne);
    assert_eq!(rel.referenced_entity, Some("sample_bankaccount"));
    assert_eq!(rel.referencing_attribute, Some("regardingobjectid"));
    let cascade = rel.cascade.expect("the page gives a cascade configuration");
    assert_eq!(cascade.delete, Some(CascadeType::Cascade));
    assert_eq!(cascade.archive, Some(CascadeType::NoCascade));
    assert_eq!(relationships::ALL.len(), 7);
    let nav = relationships::MSDYN_TIMEGROUP_MSDYN_OCSESSIONS.navigation_property;
    assert_eq!(
        nav,
        Some("regardingobjectid_msdyn_timegroup_msdyn_ocsession")
    );
}
