//! The runtime through a hand-written table, as the generated code drives it.

use super::*;

/// A table as the generator would write it: a text column, an open lookup, a raw column.
#[derive(Debug, Clone, PartialEq, Default)]
struct Probe {
    etag: Option<String>,
    name: Option<String>,
    target: Option<EntityReference>,
    blob: Option<Json>,
    extra: Extra,
}

/// The probe's column descriptors, as a generated `columns` module declares them.
mod columns {
    use super::*;
    pub const NAME: Column<Probe, String> = Column::new("name");
    pub const TARGET: Column<Probe, EntityReference, access::R> =
        Column::lookup("_target_value", "target", &[]);
    pub const BLOB: Column<Probe, Json> = Column::new("blob");
    pub const OWNER: Column<Probe, EntityReference, access::C> = Column::lookup(
        "_ownerid_value",
        "ownerid",
        &[target("systemuser", "ownerid", "systemusers")],
    );
    pub const NOTE: Column<Probe, String, access::U> = Column::new("note");
}

impl Table for Probe {
    const LOGICAL_NAME: &'static str = "probe";
    const ENTITY_SET_NAME: &'static str = "probes";
    const ENTITY_SET_NAME_ASSUMED: bool = true;
    crate::fields!(name: NAME, target: TARGET, blob: BLOB);
}

impl<'de> serde::Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        record::deserialize(d)
    }
}

impl serde::Serialize for Probe {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        record::serialize(self, s)
    }
}

fn id() -> Uuid {
    Uuid::parse_str("00000000-0000-4000-8000-000000000001").expect("uuid")
}

#[test]
fn an_open_lookup_and_a_raw_column_round_trip() {
    let text = r#"{"name":"x","_target_value":"00000000-0000-4000-8000-000000000001","_target_value@Microsoft.Dynamics.CRM.lookuplogicalname":"account","blob":{"a": [1.50, "b"]},"other":null}"#;
    let p: Probe = from_str(text).expect("reads");
    assert_eq!(
        p.target,
        Some(EntityReference::from_parts(Some("account"), id()))
    );
    assert_eq!(
        p.blob.as_ref().map(Json::get),
        Some(r#"{"a": [1.50, "b"]}"#)
    );
    let back = serde_json::to_string(&p).expect("writes");
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&back).expect("JSON"),
        serde_json::from_str(text).expect("JSON"),
    );
    assert_eq!(a, b);
    assert!(
        back.contains(r#"{"a": [1.50, "b"]}"#),
        "raw JSON kept exactly: {back}"
    );
    // Built by hand: an open lookup writes its table, so it reads back the same.
    let built = Probe {
        target: Some(EntityReference::from_parts(Some("contact"), id())),
        ..Probe::default()
    };
    let text = serde_json::to_string(&built).expect("writes");
    assert!(text.contains(r#""_target_value@Microsoft.Dynamics.CRM.lookuplogicalname":"contact""#));
    let again: Probe = from_str(&text).expect("reads");
    assert_eq!(again.target, built.target);
}

/// `record::debug`: the row as written, by property, and only what the record holds.
#[test]
fn a_record_debugs_as_its_row() {
    struct Shown(Probe);
    impl std::fmt::Debug for Shown {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            record::debug(&self.0, f)
        }
    }
    let p: Probe = from_str(r#"{"name":"x","blob":[1, 2],"other":null,"z":true}"#).expect("reads");
    assert_eq!(
        format!("{:?}", Shown(p)),
        r#"Probe { blob: [1, 2], name: "x", other: null, z: true }"#
    );
    assert_eq!(format!("{:?}", Shown(Probe::default())), "Probe");
}

#[test]
fn errors_say_where_and_what() {
    let err = from_str::<Page<Probe>>(r#"{"value":[{}, {"name": 5}]}"#).expect_err("wrong shape");
    assert_eq!(err.path, "value[1]");
    let text = err.to_string();
    assert!(
        text.starts_with("at value[1]: probe.name: expected a string, found 5"),
        "{text}"
    );
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source, Some(err.inner.to_string()));
    // Two columns wrong (and a wrong etag): the first in field order is the error.
    let err = from_str::<Probe>(r#"{"name": 5, "_target_value": 6}"#).expect_err("two wrong");
    assert!(
        err.to_string()
            .contains("probe.name: expected a string, found 5"),
        "{err}"
    );
    let err = from_str::<Probe>(r#"{"@odata.etag": 1, "name": 5}"#).expect_err("etag");
    assert!(
        err.to_string().contains("probe.@odata.etag: expected"),
        "{err}"
    );
    let err = from_str::<Probe>(r#"{"name": "x", "_target_value": 6}"#).expect_err("the last");
    assert!(
        err.to_string().contains("probe._target_value: expected"),
        "{err}"
    );
    let err = from_str::<Probe>("[1]").expect_err("not an object");
    assert!(err.to_string().contains("a row (a JSON object)"), "{err}");
    let err = from_str::<Page<Probe>>("[]").expect_err("not a collection");
    assert!(
        err.to_string()
            .contains("a collection (a JSON object with `value`)"),
        "{err}"
    );
    let err = from_str::<Page<Probe>>("{}").expect_err("no rows");
    assert!(err.to_string().contains("missing field `value`"), "{err}");
    let err = from_str::<Probe>(r#"{"name":"x"} x"#).expect_err("trailing input");
    assert_eq!(err.path, ".");
}

#[test]
fn a_body_reports_what_cannot_be_written() {
    let mut body = RawBody::default();
    body.put("name", Some("x".to_string()));
    assert_eq!(body.to_json().as_deref(), Ok(r#"{"name":"x"}"#));
    // A map with a non-string key is no JSON object: the error is kept, not the value.
    let bad: std::collections::BTreeMap<(i32, i32), i32> = [((1, 2), 3)].into();
    let inner = Body::<Probe, Create>::new()
        .set(columns::NAME, "x")
        .raw("blob", &bad);
    assert!(inner.to_json().is_err());
    // Errors of a row created inside the body (deep insert) are the body's errors too.
    let outer = Body::<Probe, Create>::new().insert_one(One::new("target", "probes"), inner);
    assert!(outer.to_json().is_err());
}

#[test]
fn bodies_set_columns_through_their_descriptors() {
    let create = Body::<Probe, Create>::new()
        .set(columns::NAME, "Contoso")
        .set(columns::BLOB, Null)
        .set(
            columns::OWNER,
            EntityReference::from_parts(Some("systemuser"), id()),
        );
    assert_eq!(
        create.to_json().as_deref(),
        Ok(
            r#"{"blob":null,"name":"Contoso","ownerid@odata.bind":"/systemusers(00000000-0000-4000-8000-000000000001)"}"#
        )
    );
    // Clearing a lookup clears the navigation property of every target.
    let cleared = Body::<Probe, Create>::new().set(columns::OWNER, Null);
    assert_eq!(
        cleared.to_json().as_deref(),
        Ok(r#"{"ownerid@odata.bind":null}"#)
    );
    // A target the descriptor does not list cannot be bound: an error, not a guess.
    let wrong = Body::<Probe, Create>::new().set(
        columns::OWNER,
        EntityReference::from_parts(Some("team"), id()),
    );
    let err = wrong.to_json().expect_err("team is no target");
    assert!(
        err.to_string().contains("ownerid: no navigation property"),
        "{err}"
    );
    let update = Body::<Probe, Update>::new().set(columns::NOTE, "n");
    assert_eq!(update.to_json().as_deref(), Ok(r#"{"note":"n"}"#));
    // The descriptors know their names; only readable ones give a property.
    assert_eq!(columns::TARGET.property(), "_target_value");
    assert_eq!(columns::OWNER.logical_name(), "ownerid");
    assert_eq!(columns::OWNER.info().targets[0].entity_set, "systemusers");
    assert_eq!(format!("{:?}", columns::NAME), "Column(name)");
}

#[test]
fn access_markers_say_what_the_web_api_allows() {
    use access::Access;
    let all = [
        (access::Rcu::READ, access::Rcu::CREATE, access::Rcu::UPDATE),
        (access::Rc::READ, access::Rc::CREATE, access::Rc::UPDATE),
        (access::Ru::READ, access::Ru::CREATE, access::Ru::UPDATE),
        (access::R::READ, access::R::CREATE, access::R::UPDATE),
        (access::Cu::READ, access::Cu::CREATE, access::Cu::UPDATE),
        (access::C::READ, access::C::CREATE, access::C::UPDATE),
        (access::U::READ, access::U::CREATE, access::U::UPDATE),
        (
            access::Hidden::READ,
            access::Hidden::CREATE,
            access::Hidden::UPDATE,
        ),
    ];
    assert_eq!(
        all,
        [
            (true, true, true),
            (true, true, false),
            (true, false, true),
            (true, false, false),
            (false, true, true),
            (false, true, false),
            (false, false, true),
            (false, false, false),
        ]
    );
}

#[test]
fn relationships_build_from_what_the_docs_state() {
    let r = Relationship::many_to_one()
        .schema_name("account_primary_contact")
        .referenced("contact", "contactid")
        .referencing("account", "primarycontactid")
        .navigation("primarycontactid")
        .cascade(cascade::REMOVE_LINK);
    assert_eq!(r.kind, RelationshipKind::ManyToOne);
    assert_eq!(r.schema_name, "account_primary_contact");
    assert_eq!(
        (r.referenced_entity, r.referenced_attribute),
        (Some("contact"), Some("contactid"))
    );
    assert_eq!(
        (r.referencing_entity, r.referencing_attribute),
        (Some("account"), Some("primarycontactid"))
    );
    assert_eq!(r.navigation_property, Some("primarycontactid"));
    assert_eq!(r.intersect_entity, None);
    let n = Relationship::many_to_many()
        .schema_name("x")
        .referenced_entity("a")
        .referencing_attribute("b")
        .intersect("ab");
    assert_eq!(n.kind, RelationshipKind::ManyToMany);
    assert_eq!(
        (n.referenced_entity, n.referenced_attribute),
        (Some("a"), None)
    );
    assert_eq!(
        (n.referencing_entity, n.referencing_attribute),
        (None, Some("b"))
    );
    assert_eq!(n.intersect_entity, Some("ab"));
    let o = Relationship::one_to_many()
        .referenced_attribute("c")
        .referencing_entity("d");
    assert_eq!(o.kind, RelationshipKind::OneToMany);
    assert_eq!(
        (o.referenced_entity, o.referenced_attribute),
        (None, Some("c"))
    );
    assert_eq!(
        (o.referencing_entity, o.referencing_attribute),
        (Some("d"), None)
    );
}

#[test]
fn cascade_presets_are_what_they_say() {
    use CascadeType::{Cascade as C, NoCascade as N, RemoveLink, Restrict};
    let of = |c: CascadeConfiguration| {
        [
            c.archive,
            c.assign,
            c.delete,
            c.merge,
            c.reparent,
            c.rollup_view,
            c.share,
            c.unshare,
        ]
    };
    let (n, c) = (Some(N), Some(C));
    assert_eq!(of(cascade::NO_CASCADE), [n; 8]);
    assert_eq!(of(cascade::CASCADE_DELETE), [n, n, c, n, n, n, n, n]);
    assert_eq!(
        of(cascade::REMOVE_LINK),
        [n, n, Some(RemoveLink), n, n, n, n, n]
    );
    assert_eq!(
        of(cascade::RESTRICT_DELETE),
        [n, n, Some(Restrict), n, n, n, n, n]
    );
    assert_eq!(of(cascade::PARENTAL), [n, c, c, n, c, n, c, c]);
    assert_eq!(of(cascade::PARENTAL_MERGE), [n, c, c, c, c, n, c, c]);
    assert_eq!(
        of(cascade::PARENTAL.legacy()),
        [None, c, c, n, c, None, c, c]
    );
    let actions = [
        Action::Archive,
        Action::Assign,
        Action::Delete,
        Action::Merge,
        Action::Reparent,
        Action::RollupView,
        Action::Share,
        Action::Unshare,
    ];
    for (i, action) in actions.into_iter().enumerate() {
        let mut want = [n; 8];
        want[i] = Some(Restrict);
        assert_eq!(
            of(cascade::NO_CASCADE.with(action, Some(Restrict))),
            want,
            "{action:?}"
        );
    }
    assert_eq!(cascade::PRESETS.len(), 6);
}

#[test]
fn a_reference_names_the_row_by_entity_set() {
    let body = reference::<Probe>("https://org.example/api/data/v9.2/", id());
    assert_eq!(
        body,
        r#"{"@odata.id":"https://org.example/api/data/v9.2/probes(00000000-0000-4000-8000-000000000001)"}"#
    );
}

/// A PartyList column's descriptor: its parties read from the collection by participation
/// type, and set into it.
#[test]
fn parties_travel_through_their_descriptor() {
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Who {
        Contact(Uuid),
        Unknown(EntityReference),
    }
    crate::lookup_type!(Who party { Contact = "contact" });
    const TO: Column<Probe, Vec<Party<Who>>, access::Cu> = Column::parties(
        "to",
        "probe_activity_parties",
        2,
        &[target("contact", "partyid_contact", "contacts")],
    );
    let row = format!(
        r#"{{"probe_activity_parties":[{{"participationtypemask":2,"_partyid_value":"{id}","_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"contact"}},{{"participationtypemask":1,"addressused":"a@example.com"}}]}}"#,
        id = id()
    );
    let map: std::collections::BTreeMap<String, Json> = serde_json::from_str(&row).expect("row");
    let mut reader = Reader::new("probe", map);
    let to = reader.column(TO).expect("reads");
    assert_eq!(to, Some(vec![Party::row(Who::Contact(id()))]));
    let body = Body::<Probe, Create>::new().set(TO, vec![Party::row(Who::Contact(id()))]);
    assert_eq!(
        body.to_json().as_deref(),
        Ok(
            r#"{"probe_activity_parties":[{"participationtypemask":2,"partyid_contact@odata.bind":"/contacts(00000000-0000-4000-8000-000000000001)"}]}"#
        )
    );
    // `Null` adds no party.
    let none = Body::<Probe, Create>::new().set(TO, Null);
    assert_eq!(none.to_json().as_deref(), Ok("{}"));
}

#[test]
fn create_bodies_bind_and_insert_related_rows() {
    let many: Many<Probe, Probe> = Many::new("probe_children", "probes");
    let child = Body::<Probe, Create>::new().set(columns::NAME, "child");
    let body = Body::<Probe, Create>::new().bind(many, [id()]).insert_many(
        Many::new("probe_items", "probes"),
        [child.clone(), child.clone()],
    );
    assert_eq!(
        body.to_json().as_deref(),
        Ok(
            r#"{"probe_children@odata.bind":["/probes(00000000-0000-4000-8000-000000000001)"],"probe_items":[{"name":"child"},{"name":"child"}]}"#
        )
    );
    // A collection may bind existing rows and create new ones at once.
    let both = Body::<Probe, Create>::new()
        .bind(many, [id()])
        .insert_many(many, [child.clone()]);
    assert!(both.to_json().is_ok(), "{:?}", both.to_json());
    // The row of a single-valued one is bound or created, not both, also in a nested body.
    let owner: One<Probe, Probe> = One::new("ownerid", "systemusers");
    let both = Body::<Probe, Create>::new()
        .set(
            columns::OWNER,
            EntityReference::from_parts(Some("systemuser"), id()),
        )
        .insert_one(owner, child.clone());
    let err = both.to_json().expect_err("refused");
    assert_eq!(
        err.to_string(),
        "`ownerid` is both bound to an existing row and created with this one: keep one"
    );
    let nested =
        Body::<Probe, Create>::new().insert_many(Many::new("probe_items", "probes"), [both]);
    assert!(nested.to_json().is_err());
    // A typed body is its raw body, clones equal, and differs from another.
    let raw: RawBody = child.clone().into();
    assert_eq!(raw.to_json(), child.to_json());
    assert_eq!(child.clone(), child);
    assert_ne!(child, Body::<Probe, Create>::new());
    assert!(format!("{child:?}").starts_with("Body("), "{child:?}");
    assert_eq!(columns::NAME, columns::NAME);
    assert_ne!(
        Column::<Probe, String>::new("a"),
        Column::<Probe, String>::new("b")
    );
}

/// A choice type as the generator writes it: `Choice` gives it the wire format, `Debug` names
/// the label when the docs list the value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Colour(i32);
crate::choice_type!(Colour { RED = 1 => "Red", BLUE = 2 => "Blue" });

#[test]
fn a_choice_reads_writes_and_debugs_as_its_integer() {
    assert_eq!(
        Colour::read(&Json::from_serialize(&2).expect("json")),
        Some(Colour::BLUE)
    );
    assert_eq!(
        Colour::read(&Json::from_serialize(&"2").expect("json")),
        None
    );
    assert_eq!(
        Colour::read(&Json::from_serialize(&7).expect("json")),
        Some(Colour::from_value(7))
    );
    assert_eq!(Colour::RED.write().get(), "1");
    assert_eq!(format!("{:?}", Colour::BLUE), r#"Colour(2 "Blue")"#);
    assert_eq!(format!("{:?}", Colour::from_value(9)), "Colour(9)");
    assert_eq!(Colour::BLUE.label(), Some("Blue"));
    assert_eq!(Colour::RED.value(), 1);
    assert_eq!(
        <Colour as Wire>::EXPECTED,
        "a whole number (a choice value)"
    );
}

#[test]
fn an_update_unbinds_one_navigation_property() {
    let parent: One<Probe, Probe> = One::new("probe_parent", "probes");
    let body = Body::<Probe, Update>::new()
        .set(columns::NOTE, "n")
        .unbind(parent);
    assert_eq!(
        body.to_json().as_deref(),
        Ok(r#"{"note":"n","probe_parent@odata.bind":null}"#)
    );
}
