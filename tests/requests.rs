//! The requests of every operation on the table of `docs-in/`, as a snapshot
//! (`tests/snapshots/requests__msdyn_ocsession.snap`): a docs update that alters a request (the
//! entity set, a column's property, a lookup's binds, a navigation property) shows as a diff in
//! review. The fixture tables have the same sheets (`fixture-tables/tests/requests.rs`).

use dataverse_runtime::query::{
    self, create, delete, describe, retrieve, set_property, set_reference, update, Operation,
};
use dataverse_runtime::{Null, Uuid};
use dataverse_tables::msdyn_ocsession::{
    columns::*, navigation as n, MsdynOcsession, MsdynQueueassignedreason,
    MsdynSessioncreationreason, RegardingObjectId,
};

const BASE: &str = "https://contoso.crm.dynamics.com/api/data/v9.2/";

fn section(out: &mut String, name: &str, op: &impl Operation) {
    out.push_str(&format!("## {name}\n"));
    match op.to_request(BASE) {
        Ok(r) => out.push_str(&describe(&r, BASE)),
        Err(e) => out.push_str(&format!("refused: {e}\n")),
    }
    out.push('\n');
}

#[test]
fn msdyn_ocsession() {
    let id = Uuid::from_u128(1);
    let mut s = String::new();
    section(
        &mut s,
        "query: every column",
        &query::query::<MsdynOcsession>(),
    );
    let q = query::query::<MsdynOcsession>()
        .select((MSDYN_QUEUEASSIGNEDREASON, REGARDINGOBJECTID))
        .filter(MSDYN_QUEUEASSIGNEDREASON.eq(MsdynQueueassignedreason::BOT_TRANSFER_SESSION))
        .expand(
            n::REGARDINGOBJECTID_MSDYN_BOOKINGALERTSTATUS_MSDYN_OCSESSION,
            |r| r,
        )
        .expand(
            n::REGARDINGOBJECTID_MSDYN_BOOKINGRULE_MSDYN_OCSESSION,
            |r| r,
        )
        .expand(
            n::REGARDINGOBJECTID_MSDYN_RESOURCETERRITORY_MSDYN_OCSESSION,
            |r| r,
        )
        .expand(
            n::REGARDINGOBJECTID_MSDYN_SYSTEMUSERSCHEDULERSETTING_MSDYN_OCSESSION,
            |r| r,
        )
        .expand(n::REGARDINGOBJECTID_MSDYN_TIMEGROUP_MSDYN_OCSESSION, |r| r)
        .expand(
            n::REGARDINGOBJECTID_MSDYN_TIMEGROUPDETAIL_MSDYN_OCSESSION,
            |r| r,
        )
        .page_size(100);
    section(
        &mut s,
        "query: a choice, expand each navigation property",
        &q,
    );
    section(&mut s, "retrieve", &retrieve::<MsdynOcsession>(id));
    let regarding = [
        RegardingObjectId::MsdynBookingalertstatus(id),
        RegardingObjectId::MsdynBookingrule(id),
        RegardingObjectId::MsdynResourceterritory(id),
        RegardingObjectId::MsdynSystemuserschedulersetting(id),
        RegardingObjectId::MsdynTimegroup(id),
        RegardingObjectId::MsdynTimegroupdetail(id),
        RegardingObjectId::SampleBankaccount(id),
    ];
    for target in regarding {
        let body = MsdynOcsession::create()
            .set(
                MSDYN_SESSIONCREATIONREASON,
                MsdynSessioncreationreason::BOT_END_CONVERSATION,
            )
            .set(REGARDINGOBJECTID, target.clone());
        section(
            &mut s,
            &format!("create: regarding {target:?}"),
            &create(body),
        );
    }
    let body = MsdynOcsession::update().set(REGARDINGOBJECTID, Null);
    section(&mut s, "update: clear the regarding row", &update(id, body));
    section(
        &mut s,
        "property: set a choice",
        &set_property(
            id,
            MSDYN_QUEUEASSIGNEDREASON,
            MsdynQueueassignedreason::ASSIGN_TO_QUEUE_BY_SUPERVISOR,
        ),
    );
    section(
        &mut s,
        "set reference",
        &set_reference(
            id,
            n::REGARDINGOBJECTID_MSDYN_BOOKINGRULE_MSDYN_OCSESSION,
            id,
        ),
    );
    section(&mut s, "delete", &delete::<MsdynOcsession>(id));
    insta::assert_snapshot!(s);
}
