//! `Prefer: odata.include-annotations` asked for by what the rows returned need: a lookup whose
//! value names its table only in `Microsoft.Dynamics.CRM.lookuplogicalname`.

use super::tests::{item, row, Row, BASE};
use super::*;
use crate::body::Body;
use crate::{Column, Json, Many, ReadError, Reader, Target, Uuid, Writer};

/// A table with a lookup of two targets, as the generated code declares one.
#[derive(Debug)]
struct Owned;

impl Table for Owned {
    const LOGICAL_NAME: &'static str = "sample_owned";
    const ENTITY_SET_NAME: &'static str = "sample_owneds";
    const LOOKUP_TABLES: bool = true;
    const PARTIES: Option<&'static str> = Some("sample_owned_activity_parties");
    fn read(_: &mut Reader) -> Result<Self, ReadError> {
        Ok(Owned)
    }
    fn write<'a>(&'a self, _: &mut Writer<'a>) {}
}

const TARGETS: &[Target] = &[
    crate::target("systemuser", "ownerid_systemuser", "systemusers"),
    crate::target("team", "ownerid_team", "teams"),
];
const ONE_TARGET: &[Target] = &[crate::target("account", "parentid", "accounts")];

const NAME: Column<Owned, String> = Column::new("sample_name");
const OWNER: Column<Owned, Uuid> = Column::lookup("_ownerid_value", "ownerid", TARGETS);
const PARENT: Column<Owned, Uuid> = Column::lookup("_parentid_value", "parentid", ONE_TARGET);
const OPEN: Column<Owned, Uuid> = Column::lookup("_objectid_value", "objectid", &[]);
const PARTIES: Column<Owned, Uuid> =
    Column::parties("to", "sample_owned_activity_parties", 2, TARGETS);
const ONE_PARTY: Column<Owned, Uuid> =
    Column::parties("from", "sample_owned_activity_parties", 1, ONE_TARGET);
const OWNED_OF_ROW: Many<Row, Owned> = Many::new("account_sample_owneds", "sample_owneds");
const ROW_OF_OWNED: One<Owned, Row> = One::new("parentid", "accounts");
const JSON_OF_ROW: Many<Row, Json> = Many::new("account_others", "others");
const PARTIES_OF_OWNED: Many<Owned, Json> =
    Many::new("sample_owned_activity_parties", "activityparties");
const OTHERS_OF_OWNED: Many<Owned, Json> = Many::new("sample_owned_others", "others");

const LOOKUP_TABLES: &str =
    r#"odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname""#;

fn prefer<T: Table, L>(q: &Query<T, L>) -> Option<String> {
    let request = q.to_request(BASE).expect("builds");
    assert_eq!(
        request
            .headers()
            .get("prefer")
            .map(|v| v.to_str().expect("ASCII")),
        q.prefer().as_deref(),
        "the request carries what prefer() says"
    );
    q.prefer()
}

#[test]
fn which_columns_need_their_table() {
    let needs = |info: crate::ColumnInfo| info.needs_lookup_table();
    assert!(!needs(NAME.info()), "a plain column");
    assert!(needs(OWNER.info()), "a lookup of two targets");
    assert!(!needs(PARENT.info()), "a lookup of one target");
    assert!(needs(OPEN.info()), "a lookup of no target listed");
    assert!(!needs(PARTIES.info()), "parties: their collection asks");
    assert!(!needs(ONE_PARTY.info()), "parties of one target");
}

#[test]
fn every_column_of_a_table_with_such_a_lookup_asks_for_tables() {
    assert_eq!(prefer(&query::<Owned>()).as_deref(), Some(LOOKUP_TABLES));
    assert_eq!(prefer(&query::<Row>()), None, "no such lookup: no header");
}

#[test]
fn a_selection_asks_only_for_what_it_holds() {
    assert_eq!(prefer(&query::<Owned>().select(NAME)), None);
    assert_eq!(prefer(&query::<Owned>().select((NAME, PARENT))), None);
    let q = query::<Owned>().select(NAME).select(OWNER);
    assert_eq!(
        prefer(&q).as_deref(),
        Some(LOOKUP_TABLES),
        "a second select adds"
    );
    let q = query::<Owned>().select((NAME, OPEN));
    assert_eq!(prefer(&q).as_deref(), Some(LOOKUP_TABLES));
    // An open lookup of a hand-written table without the constant: selected, it still asks.
    assert_eq!(
        prefer(&query::<Row>().select(row::OWNER)).as_deref(),
        Some(LOOKUP_TABLES)
    );
}

#[test]
fn expansions_ask_for_their_rows() {
    let q = query::<Row>().select(row::NAME).expand(OWNED_OF_ROW, |o| o);
    assert_eq!(
        prefer(&q).as_deref(),
        Some(LOOKUP_TABLES),
        "every column expanded"
    );
    let q = query::<Row>().expand(OWNED_OF_ROW, |o| o.select(NAME));
    assert_eq!(prefer(&q), None, "a plain column expanded");
    let q = query::<Row>().expand(OWNED_OF_ROW, |o| o.select(OWNER));
    assert_eq!(prefer(&q).as_deref(), Some(LOOKUP_TABLES));
    // Two levels down.
    let q = query::<Owned>().select(NAME).expand(ROW_OF_OWNED, |r| {
        r.select(row::NAME)
            .expand(row::TASKS, |t| t.select(item::SUBJECT))
    });
    assert_eq!(prefer(&q), None);
    let q = query::<Row>().expand(row::TASKS, |t| {
        t.select(item::SUBJECT)
            .expand(item::REGARDING, |r| r.expand(OWNED_OF_ROW, |o| o))
    });
    assert_eq!(prefer(&q).as_deref(), Some(LOOKUP_TABLES));
    // Untyped rows, and references, read no lookup.
    assert_eq!(prefer(&query::<Row>().expand(JSON_OF_ROW, |j| j)), None);
    let q = query::<Owned>().select(NAME).expand_ref(ROW_OF_OWNED);
    assert_eq!(prefer(&q), None);
}

#[test]
fn asked_annotations_come_first_and_star_covers_all() {
    let q = query::<Owned>().formatted_values();
    assert_eq!(
        prefer(&q).as_deref(),
        Some(
            r#"odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname""#
        )
    );
    let q = query::<Owned>().annotation(crate::record::LOOKUP_LOGICAL_NAME);
    assert_eq!(prefer(&q).as_deref(), Some(LOOKUP_TABLES), "not twice");
    let q = query::<Owned>().all_annotations().page_size(10);
    assert_eq!(
        prefer(&q).as_deref(),
        Some(r#"odata.include-annotations="*", odata.maxpagesize=10"#)
    );
}

#[test]
fn writes_ask_only_when_a_row_comes_back() {
    let header = |r: http::Request<Vec<u8>>| {
        r.headers()
            .get("prefer")
            .map(|v| v.to_str().expect("ASCII").to_string())
    };
    let body = || Body::<Owned>::new().set(NAME, "x");
    let r = create(body()).to_request(BASE).expect("builds");
    assert_eq!(header(r), None, "nothing comes back");
    let r = create(body()).return_representation().to_request(BASE);
    assert_eq!(
        header(r.expect("builds")).as_deref(),
        Some(
            r#"return=representation, odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname""#
        )
    );
    let r = create(body())
        .select(NAME)
        .to_request(BASE)
        .expect("builds");
    assert_eq!(header(r).as_deref(), Some("return=representation"));
    // Asked for, annotations go with a write that returns nothing: they detail an error.
    let r = create(body()).all_annotations().to_request(BASE);
    assert_eq!(
        header(r.expect("builds")).as_deref(),
        Some(r#"odata.include-annotations="*""#)
    );
    let id = Uuid::from_u128(7);
    let r = update(id, Body::<Owned, crate::Update>::new().set(NAME, "y"));
    assert_eq!(header(r.to_request(BASE).expect("builds")), None);
    let r = retrieve::<Owned>(id).to_request(BASE).expect("builds");
    assert_eq!(header(r).as_deref(), Some(LOOKUP_TABLES));
    let r = retrieve::<Owned>(id).select(NAME).to_request(BASE);
    assert_eq!(header(r.expect("builds")), None);
}

#[test]
fn single_rows_ask_for_annotations_too() {
    let id = Uuid::from_u128(3);
    let r = retrieve::<Owned>(id).select(NAME).all_annotations();
    assert_eq!(
        r.to_request(BASE).expect("builds").headers()["prefer"],
        r#"odata.include-annotations="*""#
    );
    let r = update(id, Body::<Owned, crate::Update>::new().set(NAME, "y"))
        .select(NAME)
        .annotation("Microsoft.Dynamics.CRM.associatednavigationproperty");
    assert_eq!(
        r.to_request(BASE).expect("builds").headers()["prefer"],
        "return=representation, odata.include-annotations=\"Microsoft.Dynamics.CRM.associatednavigationproperty\""
    );
}

#[test]
fn the_parties_of_an_activity_ask_for_their_tables() {
    let q = query::<Owned>()
        .select(NAME)
        .expand(PARTIES_OF_OWNED, |p| p);
    assert_eq!(
        prefer(&q).as_deref(),
        Some(LOOKUP_TABLES),
        "untyped party rows too"
    );
    let q = query::<Owned>().select(NAME).expand(OTHERS_OF_OWNED, |p| p);
    assert_eq!(prefer(&q), None, "another collection of the activity");
    // Expanded from another table: the activity's own constant decides.
    let q = query::<Row>().select(row::NAME).expand(OWNED_OF_ROW, |o| {
        o.select(NAME).expand(PARTIES_OF_OWNED, |p| p)
    });
    assert_eq!(prefer(&q).as_deref(), Some(LOOKUP_TABLES));
    let q = query::<Row>()
        .select(row::NAME)
        .expand(OWNED_OF_ROW, |o| o.select(NAME));
    assert_eq!(prefer(&q), None);
}
