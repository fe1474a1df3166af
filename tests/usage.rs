//! Drives the generated `msdyn_ocsession` module as a user would.

use dataverse_runtime::{CascadeType, Lookup, Null, RelationshipKind, Table, Uuid};
use dataverse_tables::msdyn_ocsession::{
    self, columns, relationships, MsdynOcsession, MsdynQueueassignedreason, RegardingObjectId,
};

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
        Some(MsdynQueueassignedreason::ASSIGN_TO_AGENT_BY_SUPERVISOR)
    );
    assert_eq!(s.msdyn_sessioncreationreason, None, "null reads as None");
    assert_eq!(
        s.regardingobjectid,
        Some(RegardingObjectId::SampleBankaccount(id()))
    );
    let label = match s.msdyn_queueassignedreason {
        Some(r @ MsdynQueueassignedreason::ASSIGN_TO_AGENT_BY_SUPERVISOR) => r.label(),
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
    assert_eq!(v, MsdynQueueassignedreason::from_value(192350000));
    assert_eq!(v.label(), None);
    assert_eq!(format!("{v:?}"), "MsdynQueueassignedreason(192350000)");
    assert_eq!(serde_json::to_string(&v).expect("writes"), "192350000");
    for (known, label) in MsdynQueueassignedreason::OPTIONS {
        // A listed integer is always its constant: Eq and Hash agree with the wire.
        assert_eq!(MsdynQueueassignedreason::from_value(known.value()), *known);
        assert_eq!(known.label(), Some(*label));
    }
    let read: MsdynQueueassignedreason = serde_json::from_str("192350024").expect("reads");
    assert_eq!(read, MsdynQueueassignedreason::BOT_TRANSFER_SESSION);
    assert_eq!(
        format!("{read:?}"),
        r#"MsdynQueueassignedreason(192350024 "BotTransferSession")"#
    );
    assert_eq!(
        serde_json::to_string(&MsdynQueueassignedreason::BOT_TRANSFER_SESSION).expect("writes"),
        "192350024"
    );
}

#[test]
fn an_empty_object_and_unknown_properties_read() {
    let s: MsdynOcsession =
        serde_json::from_str(r#"{"somethingelse": [1, 2], "@odata.etag": "x"}"#).expect("reads");
    assert_eq!(s.etag.as_deref(), Some("x"), "the etag is kept");
    assert_eq!(s.regardingobjectid, None);
    assert_eq!(
        s.extra.get("somethingelse").map(|j| j.get()),
        Some("[1, 2]"),
        "an undescribed property is kept as it came"
    );
    let back = serde_json::to_value(&s).expect("writes");
    assert_eq!(
        back,
        serde_json::json!({"somethingelse": [1, 2], "@odata.etag": "x"})
    );
}

#[test]
fn metadata_constants_and_relationships() {
    assert_eq!(msdyn_ocsession::LOGICAL_NAME, "msdyn_ocsession");
    assert_eq!(<MsdynOcsession as Table>::LOGICAL_NAME, "msdyn_ocsession");
    assert_eq!(msdyn_ocsession::ENTITY_SET_NAME, "msdyn_ocsessions");
    assert_eq!(
        <MsdynOcsession as Table>::ENTITY_SET_NAME,
        "msdyn_ocsessions"
    );
    // The pages do not state the entity set; docs-in has only extension pages.
    assert_eq!(
        (
            MsdynOcsession::ENTITY_SET_NAME_ASSUMED,
            MsdynOcsession::EXTENSION_ONLY
        ),
        (true, true)
    );
    assert_eq!(
        columns::REGARDINGOBJECTID.property(),
        "_regardingobjectid_value"
    );
    assert_eq!(
        columns::REGARDINGOBJECTID.logical_name(),
        "regardingobjectid"
    );
    // The three columns the extension pages describe.
    assert_eq!(
        [
            columns::MSDYN_QUEUEASSIGNEDREASON.property(),
            columns::MSDYN_SESSIONCREATIONREASON.property(),
            columns::REGARDINGOBJECTID.property(),
        ],
        [
            "msdyn_queueassignedreason",
            "msdyn_sessioncreationreason",
            "_regardingobjectid_value",
        ]
    );
    assert_eq!(columns::REGARDINGOBJECTID.info().targets.len(), 7);
    let rel = relationships::SAMPLE_BANKACCOUNT_MSDYN_OCSESSIONS;
    assert_eq!(rel.kind, RelationshipKind::ManyToOne);
    assert_eq!(rel.referenced_entity, Some("sample_bankaccount"));
    assert_eq!(rel.referencing_attribute, Some("regardingobjectid"));
    let cascade = rel.cascade.expect("the page gives a cascade configuration");
    assert_eq!(cascade.delete, Some(CascadeType::Cascade));
    assert_eq!(cascade.archive, Some(CascadeType::NoCascade));
    let all = [
        relationships::MSDYN_BOOKINGALERTSTATUS_MSDYN_OCSESSIONS,
        relationships::MSDYN_BOOKINGRULE_MSDYN_OCSESSIONS,
        relationships::MSDYN_RESOURCETERRITORY_MSDYN_OCSESSIONS,
        relationships::MSDYN_SYSTEMUSERSCHEDULERSETTING_MSDYN_OCSESSIONS,
        relationships::MSDYN_TIMEGROUP_MSDYN_OCSESSIONS,
        relationships::MSDYN_TIMEGROUPDETAIL_MSDYN_OCSESSIONS,
        relationships::SAMPLE_BANKACCOUNT_MSDYN_OCSESSIONS,
    ];
    let names: std::collections::BTreeSet<_> = all.iter().map(|r| r.schema_name).collect();
    assert_eq!(names.len(), 7, "seven distinct relationships");
    let nav = relationships::MSDYN_TIMEGROUP_MSDYN_OCSESSIONS.navigation_property;
    assert_eq!(
        nav,
        Some("regardingobjectid_msdyn_timegroup_msdyn_ocsession")
    );
}

#[test]
fn builds_create_and_update_bodies() {
    let body = MsdynOcsession::create()
        .set(
            columns::MSDYN_QUEUEASSIGNEDREASON,
            MsdynQueueassignedreason::BOT_TRANSFER_SESSION,
        )
        .set(
            columns::REGARDINGOBJECTID,
            RegardingObjectId::MsdynTimegroup(id()),
        )
        .to_json()
        .expect("writable");
    assert_eq!(
        body,
        format!(
            r#"{{"msdyn_queueassignedreason":192350024,"regardingobjectid_msdyn_timegroup_msdyn_ocsession@odata.bind":"/msdyn_timegroups({ID})"}}"#
        )
    );

    // Leaving a column out and setting it to null are different bodies.
    let empty = MsdynOcsession::update().to_json().expect("empty body");
    assert_eq!(empty, "{}");
    let null = MsdynOcsession::update()
        .set(columns::MSDYN_SESSIONCREATIONREASON, Null)
        .to_json()
        .expect("null body");
    assert_eq!(null, r#"{"msdyn_sessioncreationreason":null}"#);

    // An unlisted target cannot be written: no navigation property is known for it.
    let unknown = RegardingObjectId::from_parts(Some("account"), id());
    let err = MsdynOcsession::create()
        .set(columns::REGARDINGOBJECTID, unknown)
        .to_json()
        .expect_err("no navigation property");
    assert!(err.to_string().contains("regardingobjectid"), "{err}");
}

#[test]
fn every_target_of_the_polymorphic_lookup_writes_and_reads_back() {
    for target in [
        "msdyn_bookingalertstatus",
        "msdyn_bookingrule",
        "msdyn_resourceterritory",
        "msdyn_systemuserschedulersetting",
        "msdyn_timegroup",
        "msdyn_timegroupdetail",
        "sample_bankaccount",
    ] {
        let value = RegardingObjectId::from_parts(Some(target), id());
        assert!(!matches!(value, RegardingObjectId::Unknown(_)), "{target}");
        let body = MsdynOcsession::create()
            .set(columns::REGARDINGOBJECTID, value.clone())
            .to_json()
            .expect("writes");
        let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        let (key, bound) = json
            .as_object()
            .and_then(|o| o.iter().next())
            .expect("one key");
        assert!(key.ends_with("@odata.bind"), "{key}");
        assert!(
            bound
                .as_str()
                .is_some_and(|b| b.ends_with(&format!("({ID})"))),
            "{bound}"
        );
        // What the server would send back for it.
        let s: MsdynOcsession = serde_json::from_str(&response(target)).expect("reads");
        assert_eq!(s.regardingobjectid, Some(value));
    }
}
