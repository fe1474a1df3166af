//! Writes, keys and batches on the hand-written tables: how they render and what they refuse.

use super::tests::{item, row::*, Item, Row, BASE};
use super::*;
use crate::{Body, Update, Uuid};

fn text(r: &http::Request<Vec<u8>>) -> String {
    String::from_utf8(r.body().clone()).expect("UTF-8")
}

#[test]
fn keys_render_their_values_as_filter_literals_percent_encoded() {
    let key = Key::new(NAME, "O'Neil Sons \"1\"").and(EMPLOYEES, 7);
    assert_eq!(
        key.segment().expect("taken"),
        "accounts(name='O''Neil%20Sons%20%221%22',numberofemployees=7)"
    );
    assert!(Key::<Row>::new(NAME, "a#b").segment().is_err());
    let id = Uuid::from_u128(1);
    let r = retrieve::<Row>(Key::new(OWNER, id))
        .to_request(BASE)
        .expect("builds");
    assert_eq!(
        r.uri().path(),
        "/api/data/v9.2/accounts(_ownerid_value=00000000-0000-0000-0000-000000000001)"
    );
}

#[test]
fn keys_dataverse_does_not_take_are_refused() {
    for (value, character) in [
        ("a/b", '/'),
        ("#1", '#'),
        ("<a", '<'),
        ("a>", '>'),
        ("a*", '*'),
        ("100%", '%'),
        ("O'Neil & Sons", '&'),
        ("a:b", ':'),
        ("a\\b", '\\'),
        ("why?", '?'),
        ("1+1", '+'),
    ] {
        let key = Key::new(NAME, value).and(EMPLOYEES, 7);
        let want = QueryError::UnsupportedKeyValue {
            column: "name".into(),
            value: format!("'{}'", value.replace('\'', "''")),
            character,
        };
        let e = retrieve::<Row>(key.clone())
            .to_request(BASE)
            .expect_err(value);
        assert_eq!(e, WriteError::Query(want.clone()), "{value}");
        let e = delete::<Row>(key.clone())
            .to_request(BASE)
            .expect_err(value);
        assert_eq!(e, WriteError::Query(want.clone()), "{value}");
        let batch = Batch::with_id("k").change_set(|set| {
            set.add(delete::<Row>(key.clone()));
        });
        assert_eq!(
            batch.to_request(BASE).expect_err(value),
            WriteError::Query(want)
        );
    }
    // The first refused part is named; a date and time is refused for its `:`.
    let when = crate::DateTime::UNIX_EPOCH;
    let key = Key::new(EMPLOYEES, 7).and(CREATED, when).and(NAME, "a/b");
    let e = retrieve::<Row>(key).to_request(BASE).expect_err("refused");
    assert!(e.to_string().contains("`createdon` holds `:`"), "{e}");
    // What it takes renders.
    let key = Key::new(NAME, "O'Neil 1 (=, ;)").and(BORN, crate::Date::default());
    assert!(retrieve::<Row>(key).to_request(BASE).is_ok());
}

#[test]
fn conditions_need_an_etag() {
    let none: Option<String> = None;
    let e = update(Uuid::nil(), Body::<Row, Update>::new().set(NAME, "x"))
        .if_match(&none)
        .to_request(BASE)
        .expect_err("no etag");
    assert_eq!(e, WriteError::NoEtag { header: "If-Match" });
    assert!(e.to_string().contains("read the row first"));
    let e = retrieve::<Row>(Uuid::nil())
        .if_none_match(None::<&str>)
        .to_request(BASE)
        .expect_err("no etag");
    assert_eq!(
        e,
        WriteError::NoEtag {
            header: "If-None-Match"
        }
    );
}

#[test]
fn a_created_row_is_only_addressed_inside_its_change_set() {
    let b = Batch::with_id("x");
    let mut first = None;
    let b = b.change_set(|set| first = Some(set.add(create(Body::<Row>::new().set(NAME, "a")))));
    let first = first.expect("added");
    // Sent alone.
    let e = delete::<Row>(first).to_request(BASE).expect_err("alone");
    assert_eq!(
        e,
        WriteError::CreatedOutsideChangeSet {
            reference: "$1".into()
        }
    );
    // In a later change set.
    let e = b
        .clone()
        .change_set(|set| {
            set.add(delete::<Row>(first));
        })
        .to_request(BASE)
        .expect_err("another change set");
    assert_eq!(
        e,
        WriteError::UnknownContentId {
            reference: "$1".into()
        }
    );
    // Outside any change set, in a body.
    let e = b
        .clone()
        .request(create(
            Body::<Item>::new().bind_created(item::REGARDING, first),
        ))
        .to_request(BASE)
        .expect_err("outside");
    assert_eq!(
        e,
        WriteError::CreatedOutsideChangeSet {
            reference: "$1".into()
        }
    );
    // Before it is declared (the documented 400).
    let e = Batch::with_id("y")
        .change_set(|set| {
            set.add(create(
                Body::<Item>::new().raw("regardingobjectid_account_task@odata.bind", "$1"),
            ));
            set.add(create(Body::<Row>::new().set(NAME, "a")));
        })
        .to_request(BASE)
        .expect_err("not yet declared");
    assert_eq!(
        e,
        WriteError::UnknownContentId {
            reference: "$1".into()
        }
    );
}

#[test]
fn batches_refuse_what_would_break_the_multipart_body() {
    for (id, ok) in [
        ("AAA123", true),
        ("", false),
        ("a b", false),
        ("a\r\n", false),
    ] {
        let r = Batch::with_id(id).request(query::<Row>()).to_request(BASE);
        assert_eq!(r.is_ok(), ok, "{id:?}");
    }
    let long = "x".repeat(65);
    assert!(matches!(
        Batch::with_id(long).to_request(BASE),
        Err(WriteError::BatchId { .. })
    ));
    let e = Batch::with_id("b")
        .request(create(Body::<Row>::new().set(NAME, "\r\n--batch_b\r\n")))
        .to_request(BASE)
        .expect_err("boundary");
    assert_eq!(
        e,
        WriteError::BoundaryInRequest {
            boundary: "batch_b".into()
        }
    );
    let mut b = Batch::with_id("c");
    for _ in 0..=MAX_BATCH_REQUESTS {
        b = b.request(delete::<Row>(Uuid::nil()));
    }
    assert_eq!(
        b.to_request(BASE).expect_err("too many"),
        WriteError::TooManyRequests { count: 1001 }
    );
    assert_ne!(Batch::new().boundary(), Batch::new().boundary());
}

#[test]
fn a_batch_is_crlf_multipart_with_absolute_paths_or_urls() {
    let r = Batch::with_id("1")
        .request(delete::<Row>(Uuid::nil()).if_match("W/\"1\""))
        .absolute_urls()
        .continue_on_error()
        .to_request(BASE)
        .expect("builds");
    assert_eq!(r.headers()["prefer"], "odata.continue-on-error");
    assert_eq!(
        text(&r),
        "--batch_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\
         DELETE https://org.crm.dynamics.com/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000000) HTTP/1.1\r\n\
         If-Match: W/\"1\"\r\n\r\n\r\n--batch_1--\r\n"
    );
    // The batch's own rendering splits back (its parts read as responses would not: requests).
    assert!(!text(&r).replace("\r\n", "").contains('\n'));
}

#[test]
fn associations_take_the_navigation_kind_they_need() {
    let id = Uuid::from_u128(2);
    let other = Uuid::from_u128(1);
    let r = associate::<Row, _>(id, TASKS, other)
        .to_request(BASE)
        .expect("builds");
    assert_eq!(r.method(), "POST");
    assert!(r
        .uri()
        .path()
        .ends_with("accounts(00000000-0000-0000-0000-000000000002)/Account_Tasks/$ref"));
    assert_eq!(
        text(&r),
        r#"{"@odata.id":"https://org.crm.dynamics.com/api/data/v9.2/tasks(00000000-0000-0000-0000-000000000001)"}"#
    );
    let r = clear_reference::<Row, _>(id, PARENT)
        .to_request(BASE)
        .expect("builds");
    assert_eq!((r.method().as_str(), r.body().len()), ("DELETE", 0));
    assert!(r.uri().path().ends_with("/parentaccountid/$ref"));
}

#[test]
fn optional_headers_ride_on_any_write() {
    let headers = |op: &dyn Fn() -> Result<http::Request<Vec<u8>>, WriteError>| {
        let r = op().expect("builds");
        let mut h: Vec<(String, String)> = r
            .headers()
            .iter()
            .filter(|(k, _)| k.as_str().starts_with("mscrm."))
            .map(|(k, v)| (k.to_string(), v.to_str().expect("ASCII").to_string()))
            .collect();
        h.sort();
        h
    };
    let body = || Body::<Row>::new().set(NAME, "x");
    let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(
        headers(&|| create(body()).detect_duplicates().to_request(BASE)),
        [pair("mscrm.suppressduplicatedetection", "false")]
    );
    let id = Uuid::from_u128(1);
    let update = || update(id, Body::<Row, Update>::new().set(NAME, "y"));
    assert_eq!(
        headers(&|| {
            update()
                .bypass_custom_plugins()
                .bypass_business_logic(CustomLogic::Sync)
                .bypass_business_logic(CustomLogic::All)
                .suppress_flows()
                .solution("contoso_core")
                .to_request(BASE)
        }),
        [
            pair(
                "mscrm.bypassbusinesslogicexecution",
                "CustomSync,CustomAsync"
            ),
            pair("mscrm.bypasscustompluginexecution", "true"),
            pair("mscrm.solutionuniquename", "contoso_core"),
            pair("mscrm.suppresscallbackregistrationexpanderjob", "true"),
        ],
        "each header once, the last value kept"
    );
    assert_eq!(
        headers(&|| delete::<Row>(id)
            .bypass_business_logic(CustomLogic::Async)
            .to_request(BASE)),
        [pair("mscrm.bypassbusinesslogicexecution", "CustomAsync")]
    );
    assert_eq!(
        headers(&|| associate(id, TASKS, id)
            .bypass_custom_plugins()
            .to_request(BASE)),
        [pair("mscrm.bypasscustompluginexecution", "true")]
    );
    // The wrapped write keeps its own headers.
    let r = update().if_match("W/\"7\"").detect_duplicates();
    let r = r.to_request(BASE).expect("builds");
    assert_eq!(r.headers()["if-match"], "W/\"7\"");
    // In a change set, on the part.
    let batch = Batch::with_id("h").change_set(|set| {
        set.add(create(body()).detect_duplicates());
    });
    let sent = text(&batch.to_request(BASE).expect("builds"));
    assert!(
        sent.contains(
            "Content-Type: application/json\r\nMSCRM.SuppressDuplicateDetection: false\r\n"
        ),
        "{sent}"
    );
    // A value that would end the header is refused, alone and in a batch.
    let bad = || create(body()).solution("core\r\nMSCRM.BypassCustomPluginExecution: true");
    let e = bad().to_request(BASE).expect_err("refused");
    assert!(
        e.to_string().contains("header `MSCRM.SolutionUniqueName`"),
        "{e}"
    );
    let batch = Batch::with_id("h").change_set(|set| {
        set.add(bad());
    });
    let e = batch.to_request(BASE).expect_err("refused");
    assert!(
        e.to_string()
            .contains("header `MSCRM.SolutionUniqueName`: `core\\r\\n"),
        "{e}"
    );
}

#[test]
fn a_row_is_initialized_from_another() {
    let r = initialize_from::<Row, Item>(Uuid::from_u128(1), TargetFields::ValidForUpdate);
    let r = r.to_request(BASE).expect("builds");
    assert_eq!(
        r.uri().to_string(),
        format!(
            "{BASE}InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)\
             ?@p1=%7B'@odata.id':'accounts(00000000-0000-0000-0000-000000000001)'%7D\
             &@p2='task'&@p3=Microsoft.Dynamics.CRM.TargetFieldType'ValidForUpdate'"
        )
    );
    for (fields, name) in [
        (TargetFields::ValidForCreate, "ValidForCreate"),
        (TargetFields::ValidForRead, "ValidForRead"),
        (TargetFields::All, "All"),
    ] {
        let r = initialize_from::<Row, Item>(Uuid::nil(), fields).to_request(BASE);
        let url = r.expect("builds").uri().to_string();
        assert!(url.ends_with(&format!("TargetFieldType'{name}'")), "{url}");
    }
    let answer = crate::Json::from_text(
        r##"{"@odata.context":"c","@odata.type":"#t","a@odata.bind":"x(1)","b":1,"b@OData.Community.Display.V1.FormattedValue":"1","@odata.etag":"e"}"##
            .to_string(),
    )
    .expect("JSON");
    let body = Body::<Item>::initialized(&answer).set(item::SUBJECT, "s");
    assert_eq!(
        body.to_json().as_deref(),
        Ok(r##"{"@odata.type":"#t","a@odata.bind":"x(1)","b":1,"subject":"s"}"##)
    );
    let not_a_row = crate::Json::from_text("[1]".to_string()).expect("JSON");
    let e = Body::<Item>::initialized(&not_a_row)
        .to_json()
        .expect_err("refused");
    assert!(
        e.to_string()
            .starts_with("the InitializeFrom answer is not a row"),
        "{e}"
    );
}

#[test]
fn a_retrieve_or_create_expands_a_reference() {
    let id = Uuid::from_u128(1);
    let r = retrieve::<Row>(id).select(NAME).expand_ref(PARENT);
    assert_eq!(
        r.to_request(BASE).expect("builds").uri().to_string(),
        format!("{BASE}accounts(00000000-0000-0000-0000-000000000001)?$select=name&$expand=parentaccountid/$ref")
    );
    let r = create(Body::<Row>::new().set(NAME, "x")).expand_ref(PARENT);
    let r = r.to_request(BASE).expect("builds");
    assert_eq!(
        r.uri().to_string(),
        format!("{BASE}accounts?$expand=parentaccountid/$ref")
    );
    assert_eq!(r.headers()["prefer"], "return=representation");
}

#[test]
fn a_header_set_twice_keeps_its_last_value_even_through_two_wrappers() {
    fn bypass_async<W: WriteHeaders>(write: W) -> WithHeaders<W> {
        write.bypass_business_logic(CustomLogic::Async)
    }
    let inner = delete::<Row>(Uuid::nil()).bypass_business_logic(CustomLogic::Sync);
    let r = bypass_async(inner).to_request(BASE).expect("builds");
    let values: Vec<_> = r
        .headers()
        .get_all("mscrm.bypassbusinesslogicexecution")
        .iter()
        .collect();
    assert_eq!(values, ["CustomAsync"]);
}

#[test]
fn requests_clone_and_debug_whatever_their_table() {
    let id = Uuid::from_u128(1);
    let create = create(Body::<Row>::new().set(NAME, "x")).select(NAME);
    let text = format!("{:?}", create.clone());
    assert!(text.starts_with("CreateRequest {"), "{text}");
    assert!(text.contains("accounts?$select=name"), "{text}");
    let update = update(id, Body::<Row, Update>::new().set(NAME, "y"));
    assert_eq!(
        update.clone().to_request(BASE).expect("builds").uri(),
        update.to_request(BASE).expect("builds").uri()
    );
    assert!(format!("{update:?}").starts_with("UpdateRequest {"));
    assert!(format!("{:?}", delete::<Row>(id).clone()).starts_with("DeleteRequest {"));
    assert!(format!("{:?}", retrieve::<Row>(id).clone()).starts_with("RetrieveRequest {"));
    let init = initialize_from::<Row, Item>(id, TargetFields::All);
    assert_eq!(
        format!("{init:?}"),
        "InitializeFrom(accounts(00000000-0000-0000-0000-000000000001) -> task, All)"
    );
    let answer = crate::Json::from_text(r#"{"subject":"s"}"#.to_string()).expect("JSON");
    assert_eq!(
        init.body(&answer).to_json().as_deref(),
        Ok(r#"{"subject":"s"}"#)
    );
}
