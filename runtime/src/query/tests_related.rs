//! Requests under one row, and counts: their URLs, methods and bodies, and the responses read.

use super::tests::{item, row, Item, Kind, Row, BASE};
use super::*;
use crate::{Null, Uuid};

const ID: Uuid = Uuid::from_u128(1);
const ROW: &str = "accounts(00000000-0000-0000-0000-000000000001)";

fn sent(op: &impl Operation) -> (String, String, String) {
    let r = op.to_request(BASE).expect("builds");
    let url = r.uri().to_string();
    let path = url.strip_prefix(BASE).expect("under the root").to_string();
    let body = String::from_utf8(r.body().clone()).expect("UTF-8");
    (r.method().to_string(), path, body)
}

#[test]
fn related_rows_are_queried_with_every_option() {
    let q = query_related(ID, row::TASKS)
        .select(item::SUBJECT)
        .filter(item::SUBJECT.contains("x"))
        .order_by(item::SUBJECT.asc())
        .count()
        .page_size(10);
    assert_eq!(
        q.path_and_query().expect("renders"),
        format!(
            "{ROW}/Account_Tasks?$select=subject&$filter=contains(subject,'x')\
             &$orderby=subject%20asc&$count=true"
        )
    );
    let r = q.to_request(BASE).expect("builds");
    assert_eq!(r.headers()["prefer"], "odata.maxpagesize=10");
    let (method, path, _) = sent(&query_related(ID, row::TASKS));
    assert_eq!(
        (method.as_str(), path),
        ("GET", format!("{ROW}/Account_Tasks"))
    );
    // By alternate key; one Dataverse does not take is refused.
    let key = Key::new(row::NAME, "a \"b");
    let q = query_related(key, row::TASKS);
    assert_eq!(
        q.path_and_query().expect("renders"),
        "accounts(name='a%20%22b')/Account_Tasks"
    );
    let q = query_related(Key::new(row::NAME, "a&b"), row::TASKS);
    assert!(matches!(
        q.path_and_query(),
        Err(QueryError::UnsupportedKeyValue { character: '&', .. })
    ));
    let count = count_related(Key::new(row::NAME, "1+1"), row::TASKS);
    assert!(count.to_request(BASE).is_err());
}

#[test]
fn a_row_created_in_a_change_set_is_not_queried() {
    let created = ContentId(1);
    let q = query_related(created, row::TASKS);
    let err = q.to_request(BASE).expect_err("refused");
    assert_eq!(
        err,
        QueryError::CreatedRow {
            reference: "$1".to_string()
        }
    );
    assert!(
        err.to_string().contains("`$1` names a row created"),
        "{err}"
    );
    assert!(count_related(created, row::TASKS).to_request(BASE).is_err());
    assert!(q.path_and_query().is_err());
}

#[test]
fn the_row_of_a_lookup_is_retrieved_through_it() {
    let r = retrieve_related(ID, row::PARENT).select(row::NAME);
    assert_eq!(
        sent(&r),
        (
            "GET".to_string(),
            format!("{ROW}/parentaccountid?$select=name"),
            String::new()
        )
    );
    let r = retrieve_related(ID, item::REGARDING);
    assert_eq!(
        sent(&r).1,
        "tasks(00000000-0000-0000-0000-000000000001)/regardingobjectid_account_task"
    );
}

#[test]
fn counts_are_paths() {
    assert_eq!(
        sent(&count_rows::<Row>()),
        (
            "GET".to_string(),
            "accounts/$count".to_string(),
            String::new()
        )
    );
    assert_eq!(
        sent(&count_related(ID, row::TASKS)).1,
        format!("{ROW}/Account_Tasks/$count")
    );
    assert_eq!(sent(&count_rows::<Item>()).1, "tasks/$count");
}

#[test]
fn counts_read_from_plain_text() {
    assert_eq!(read_count(b"10").expect("reads"), 10);
    assert_eq!(read_count(b"\xEF\xBB\xBF5000\r\n").expect("reads"), 5000);
    assert_eq!(read_count(b" 0 ").expect("reads"), 0);
    for bad in [
        &b""[..],
        b"ten",
        b"-1",
        b"1.5",
        b"\xEF\xBB\xBF",
        b"{\"value\":1}",
    ] {
        let err = read_count(bad).expect_err("refused");
        assert_eq!(err.path, ".");
    }
}

#[test]
fn one_property_is_read_written_and_cleared() {
    assert_eq!(
        sent(&retrieve_property(ID, row::NAME)),
        ("GET".to_string(), format!("{ROW}/name"), String::new())
    );
    assert_eq!(
        sent(&retrieve_property(ID, row::NAME).raw_value()).1,
        format!("{ROW}/name/$value")
    );
    let put = set_property(ID, row::NAME, "Contoso \"Ltd\"");
    let r = put.to_request(BASE).expect("builds");
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(
        sent(&put),
        (
            "PUT".to_string(),
            format!("{ROW}/name"),
            r#"{"value":"Contoso \"Ltd\""}"#.to_string()
        )
    );
    let put = set_property(ID, row::REVENUE, crate::Decimal::new(12050, 2));
    assert_eq!(sent(&put).2, r#"{"value":120.50}"#);
    let put = set_property(ID, row::KIND, Kind::NINE);
    assert_eq!(sent(&put).2, r#"{"value":9}"#);
    // Null is the documented DELETE.
    let cleared = set_property(ID, row::NAME, Null);
    assert_eq!(
        sent(&cleared),
        ("DELETE".to_string(), format!("{ROW}/name"), String::new())
    );
    assert_eq!(sent(&delete_property(ID, row::CITY)), sent(&cleared_city()));
    let r = delete_property(ID, row::CITY)
        .to_request(BASE)
        .expect("builds");
    assert!(r.headers().get("content-type").is_none(), "no body");
}

fn cleared_city() -> PropertyChange {
    set_property(ID, row::CITY, Null)
}

#[test]
fn property_writes_go_in_change_sets() {
    let batch = Batch::with_id("b").change_set(|set| {
        let created = set.add(create(crate::Body::<Row>::new().set(row::NAME, "x")));
        set.add(set_property(created, row::CITY, "Redmond"));
        set.add(delete_property(ID, row::CITY));
    });
    let request = batch.to_request(BASE).expect("builds");
    let body = String::from_utf8(request.body().clone()).expect("UTF-8");
    assert!(body.contains("PUT $1/address1_city HTTP/1.1"), "{body}");
    assert!(body.contains(r#"{"value":"Redmond"}"#), "{body}");
    assert!(
        body.contains(&format!(
            "DELETE /api/data/v9.2/{ROW}/address1_city HTTP/1.1"
        )),
        "{body}"
    );
}

#[test]
fn property_values_read_from_their_wrapper() {
    let body = br#"{"@odata.context":"x/$metadata#accounts(1)/name","value":"Adventure Works"}"#;
    let v: PropertyValue<String> = crate::from_slice(body).expect("reads");
    assert_eq!(v, PropertyValue(Some("Adventure Works".to_string())));
    let v: PropertyValue<i32> = crate::from_slice(br#"{"value":null}"#).expect("reads");
    assert_eq!(v, PropertyValue(None));
    let v: PropertyValue<crate::Decimal> = crate::from_slice(br#"{"value":1.10}"#).expect("reads");
    assert_eq!(v.0.expect("a value").to_string(), "1.10");
    let err = crate::from_slice::<PropertyValue<i32>>(br#"{"value":"x"}"#).expect_err("refused");
    assert!(err.to_string().contains("value: expected"), "{err}");
    assert!(err.to_string().contains(r#"found "x""#), "{err}");
    assert!(
        crate::from_slice::<PropertyValue<i32>>(b"{}").is_err(),
        "no value"
    );
}

#[test]
fn every_request_asks_past_caches_unless_it_has_its_own_condition() {
    let header = |r: &http::Request<Vec<u8>>| {
        r.headers()
            .get_all("if-none-match")
            .iter()
            .map(|v| v.to_str().expect("ASCII").to_string())
            .collect::<Vec<_>>()
    };
    let plain = retrieve::<Row>(ID).to_request(BASE).expect("builds");
    assert_eq!(header(&plain), ["null"]);
    let etag = Some("W/\"1\"".to_string());
    let conditional = retrieve::<Row>(ID).if_none_match(&etag).to_request(BASE);
    assert_eq!(
        header(&conditional.expect("builds")),
        ["W/\"1\""],
        "not twice"
    );
    let body = || crate::Body::<Row>::new().set(row::NAME, "x");
    let create_only = upsert(ID, body()).create_only().to_request(BASE);
    assert_eq!(header(&create_only.expect("builds")), ["*"]);
    let q = query::<Row>().to_request(BASE).expect("builds");
    assert_eq!(header(&q), ["null"]);
    // In a batch, the batch request carries it, not its parts.
    let batch = Batch::with_id("b")
        .request(retrieve::<Row>(ID))
        .to_request(BASE);
    let batch = batch.expect("builds");
    assert_eq!(header(&batch), ["null"]);
    let text = String::from_utf8(batch.body().clone()).expect("UTF-8");
    assert!(!text.contains("If-None-Match"), "{text}");
    // `describe` leaves the usual one out and shows a condition.
    assert!(!describe(&plain, BASE).contains("if-none-match"));
    let conditional = retrieve::<Row>(ID).if_none_match(&etag).to_request(BASE);
    let shown = describe(&conditional.expect("builds"), BASE);
    assert!(shown.contains("if-none-match: W/\"1\""), "{shown}");
}

#[test]
fn describe_shows_method_path_own_headers_and_body() {
    let put = set_property(ID, row::NAME, "x")
        .to_request(BASE)
        .expect("builds");
    assert_eq!(
        describe(&put, BASE),
        format!("PUT {ROW}/name\ncontent-type: application/json\n\n{{\"value\":\"x\"}}\n")
    );
    let get = retrieve::<Row>(ID).to_request(BASE).expect("builds");
    assert_eq!(
        describe(&get, BASE),
        format!("GET {ROW}\n"),
        "no body, no blank line"
    );
    // Another root: the whole URL.
    assert_eq!(
        describe(&get, "https://other/"),
        format!("GET {BASE}{ROW}\n")
    );
}

#[test]
fn references_to_related_rows() {
    let (method, path, body) = sent(&related_references(ID, row::TASKS));
    assert_eq!(
        (method.as_str(), path, body),
        ("GET", format!("{ROW}/Account_Tasks/$ref"), String::new())
    );
    let body = br#"{
        "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#Collection($ref)",
        "value": [
            {"@odata.id": "https://org.crm.dynamics.com/api/data/v9.2/tasks(00000000-0000-0000-0000-000000000002)"},
            {"@odata.id": "https://org.crm.dynamics.com/api/data/v9.2/accounts(name='a')"},
            {"@odata.id": "tasks"}
        ]
    }"#;
    let page: crate::Page<Reference> = crate::from_slice(body).expect("reads");
    let ids: Vec<Option<Uuid>> = page.rows.iter().map(Reference::id).collect();
    assert_eq!(ids, [Some(Uuid::from_u128(2)), None, None]);
    assert!(page.rows[1].url.ends_with("accounts(name='a')"));
}

#[test]
fn a_property_reads_as_its_column_type() {
    let get = retrieve_property(ID, row::REVENUE);
    let body = br#"{"@odata.context":"x","value":12.50}"#;
    assert_eq!(
        get.read(body).expect("reads"),
        Some(crate::Decimal::new(1250, 2))
    );
    assert_eq!(get.read(br#"{"value":null}"#).expect("reads"), None);
    assert_eq!(get.read(b"").expect("204"), None, "an empty answer is null");
    assert_eq!(get.read(b" \r\n").expect("204"), None);
    let err = get.read(br#"{"value":"x"}"#).expect_err("not a decimal");
    assert!(err.to_string().contains("value: expected"), "{err}");
    // The raw value is its own request, and only once.
    let raw = get.clone().raw_value();
    assert_eq!(sent(&raw).1, format!("{ROW}/revenue/$value"));
    assert!(format!("{get:?}").starts_with("PropertyRequest("));
}

#[test]
fn counts_need_no_generated_table() {
    let others: crate::Many<Row, crate::Json> = crate::Many::new("account_others", "others");
    assert_eq!(
        sent(&count_related(ID, others)).1,
        format!("{ROW}/account_others/$count")
    );
    assert_eq!(
        sent(&related_references(ID, others)).1,
        format!("{ROW}/account_others/$ref")
    );
    let created = count_related(ContentId(1), row::TASKS).to_request(BASE);
    assert_eq!(
        created.expect_err("refused"),
        WriteError::CreatedOutsideChangeSet {
            reference: "$1".into()
        }
    );
}
