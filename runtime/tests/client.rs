//! The executor (feature `reqwest`) against a mock server on localhost: paging (page by page,
//! and as streams of pages and of rows), service protection limits, transient errors, a failed
//! `If-Match`, a batch with a failing request.
#![cfg(feature = "reqwest")]

use dataverse_runtime::client::{Client, ClientError, StaticToken};
use dataverse_runtime::query::{create, query, update, Batch, BatchResponse};
use dataverse_runtime::{http, Body, Column, Operation, ReadError, Reader, Table, Uuid, Writer};
use futures_util::{StreamExt, TryStreamExt};
use std::time::{Duration, Instant};
use wiremock::matchers::{
    body_string_contains, header, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug)]
struct Account;
impl Table for Account {
    const LOGICAL_NAME: &'static str = "account";
    const ENTITY_SET_NAME: &'static str = "accounts";
    fn read(_: &mut Reader) -> Result<Self, ReadError> {
        Ok(Account)
    }
    fn write<'a>(&'a self, _: &mut Writer<'a>) {}
}
const NAME: Column<Account, String> = Column::new("name");

#[derive(Debug, serde::Deserialize)]
struct Row {
    name: String,
}

/// A client whose waits are at most a few milliseconds.
fn client() -> Client<StaticToken> {
    Client::new(reqwest::Client::new(), StaticToken("t0k".to_string()))
        .backoff(Duration::from_millis(1))
        .max_wait(Duration::from_millis(5))
}

fn base(server: &MockServer) -> String {
    format!("{}/api/data/v9.2/", server.uri())
}

fn page(names: &[&str], next: Option<String>) -> serde_json::Value {
    let rows: Vec<_> = names
        .iter()
        .map(|n| serde_json::json!({ "name": n }))
        .collect();
    match next {
        Some(link) => serde_json::json!({ "value": rows, "@odata.nextLink": link }),
        None => serde_json::json!({ "value": rows }),
    }
}

/// Three pages of `$select=name` with `Prefer: odata.maxpagesize=2`: `a b`, `c d`, `e`; each
/// expected `expect[i]` times (checked when the server drops, or on `verify`).
async fn mount_three_pages(server: &MockServer, expect: [u64; 3]) {
    let link = |token: u32| format!("{}accounts?$select=name&$skiptoken={token}", base(server));
    let accounts = || {
        Mock::given(method("GET"))
            .and(path("/api/data/v9.2/accounts"))
            .and(header("authorization", "Bearer t0k"))
            .and(header("prefer", "odata.maxpagesize=2"))
    };
    accounts()
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["a", "b"], Some(link(1)))))
        .expect(expect[0])
        .mount(server)
        .await;
    accounts()
        .and(query_param("$skiptoken", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["c", "d"], Some(link(2)))))
        .expect(expect[1])
        .mount(server)
        .await;
    accounts()
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["e"], None)))
        .expect(expect[2])
        .mount(server)
        .await;
}

/// The first request of the three pages.
fn first_request(server: &MockServer) -> http::Request<Vec<u8>> {
    query::<Account>()
        .select(NAME)
        .page_size(2)
        .to_request(&base(server))
        .unwrap()
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn follows_next_links_across_three_pages_with_the_token_and_prefer() {
    let server = MockServer::start().await;
    mount_three_pages(&server, [1, 1, 1]).await;
    let client = client();
    let mut pages = client.pages::<Row>(first_request(&server));
    let mut sizes = Vec::new();
    let mut names = Vec::new();
    while let Some(page) = pages.next_page().await.unwrap() {
        sizes.push(page.rows.len());
        names.extend(page.rows.into_iter().map(|r| r.name));
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert!(pages.next_page().await.unwrap().is_none());
}

#[tokio::test]
async fn three_pages_as_a_stream_of_pages_end_after_the_last_one() {
    let server = MockServer::start().await;
    mount_three_pages(&server, [1, 1, 1]).await;
    let client = client();
    let mut pages = client.pages::<Row>(first_request(&server)).into_stream();
    let mut sizes = Vec::new();
    let mut names = Vec::new();
    while let Some(page) = pages.try_next().await.unwrap() {
        assert_eq!(page.next_link.is_some(), sizes.len() < 2);
        sizes.push(page.rows.len());
        names.extend(page.rows.into_iter().map(|r| r.name));
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert!(
        pages.next().await.is_none(),
        "a finished stream stays finished"
    );
    server.verify().await;
    assert_eq!(requests(&server).await, 3, "nothing after the last page");
}

#[tokio::test]
async fn three_pages_as_a_stream_of_rows_in_order() {
    let server = MockServer::start().await;
    mount_three_pages(&server, [1, 1, 1]).await;
    let client = client();
    let rows: Vec<Row> = client
        .pages::<Row>(first_request(&server))
        .rows()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = rows.into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    server.verify().await;
    assert_eq!(requests(&server).await, 3);
}

/// The second page fails (a `400`, not retried): the stream yields the first page's rows, then
/// that error, then ends; the failed page is not asked again and no third page is requested.
#[tokio::test]
async fn an_error_on_the_second_page_ends_the_stream_with_that_error() {
    let server = MockServer::start().await;
    let link = format!("{}accounts?$select=name&$skiptoken=1", base(&server));
    Mock::given(method("GET"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["a", "b"], Some(link))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("$skiptoken", "1"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            serde_json::json!({ "error": { "code": "0x80040203", "message": "Bad paging cookie" } }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    // Anything else (a third page, the first page again): never.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["z"], None)))
        .expect(0)
        .mount(&server)
        .await;

    let client = client();
    let mut rows = client.pages::<Row>(first_request(&server)).rows();
    assert_eq!(rows.next().await.unwrap().unwrap().name, "a");
    assert_eq!(rows.next().await.unwrap().unwrap().name, "b");
    let error = rows.next().await.unwrap().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.message(), Some("Bad paging cookie"));
    assert!(
        rows.next().await.is_none(),
        "the stream ends after the error"
    );
    assert!(rows.next().await.is_none());
    server.verify().await;
    assert_eq!(requests(&server).await, 2);
}

/// A page is requested when the stream is polled for a row it does not have yet, never ahead:
/// creating the stream sends nothing, the first page's rows send one request, the first row
/// of the second page the second.
#[tokio::test]
async fn a_stream_requests_a_page_only_when_polled_for_it() {
    let server = MockServer::start().await;
    mount_three_pages(&server, [1, 1, 0]).await;
    let client = client();
    let mut rows = client.pages::<Row>(first_request(&server)).rows();
    fn send<S: Send>(_: &S) {}
    send(&rows);
    assert_eq!(requests(&server).await, 0, "nothing before the first poll");

    let first: Vec<Row> = (&mut rows).take(1).try_collect().await.unwrap();
    assert_eq!(first[0].name, "a");
    assert_eq!(
        requests(&server).await,
        1,
        "taking the first row sends one request"
    );
    assert_eq!(rows.try_next().await.unwrap().unwrap().name, "b");
    assert_eq!(
        requests(&server).await,
        1,
        "the first page's rows: still one"
    );
    assert_eq!(rows.try_next().await.unwrap().unwrap().name, "c");
    assert_eq!(requests(&server).await, 2);
    drop(rows);
    server.verify().await;
}

#[tokio::test]
async fn waits_out_a_429_with_retry_after_then_succeeds_capped_by_max_wait() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "60"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["a"], None)))
        .expect(1)
        .mount(&server)
        .await;
    let request = query::<Account>().to_request(&base(&server)).unwrap();
    let started = Instant::now();
    let rows = client().pages::<Row>(request).all().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the 60 s Retry-After is capped"
    );
}

#[tokio::test]
async fn transient_5xx_is_retried_a_bounded_number_of_times() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .expect(3)
        .mount(&server)
        .await;
    let request = query::<Account>().to_request(&base(&server)).unwrap();
    let error = client().max_retries(2).send(request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.to_string(), "503 Service Unavailable: busy");
}

/// A gateway error after a `POST` may come after the row was created: not retried.
#[tokio::test]
async fn a_post_is_not_retried_after_a_gateway_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .expect(1)
        .mount(&server)
        .await;
    let request = create(Body::<Account>::new().set(NAME, "x"))
        .to_request(&base(&server))
        .unwrap();
    let error = client().max_retries(2).send(request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn a_412_on_if_match_is_an_error_with_the_dataverse_message_and_not_retried() {
    let server = MockServer::start().await;
    let id = Uuid::from_u128(0x00000000_0000_0000_0000_000000000001);
    let message =
        "The version of the existing record doesn't match the RowVersion property provided.";
    Mock::given(method("PATCH"))
        .and(path(format!("/api/data/v9.2/accounts({id})")))
        .and(header("if-match", "W/\"12345\""))
        .and(header("authorization", "Bearer t0k"))
        .respond_with(ResponseTemplate::new(412).set_body_json(
            serde_json::json!({ "error": { "code": "0x80060882", "message": message } }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let request = update(id, Body::<Account, _>::new().set(NAME, "Contoso Ltd"))
        .if_match("W/\"12345\"")
        .to_request(&base(&server))
        .unwrap();
    let error = client().send(request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(412));
    assert_eq!(error.message(), Some(message));
    match &error {
        ClientError::Status { code, .. } => assert_eq!(code.as_deref(), Some("0x80060882")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        format!("412 Precondition Failed: 0x80060882: {message}")
    );
}

#[tokio::test]
async fn a_batch_with_one_failing_request_splits_into_its_parts() {
    let server = MockServer::start().await;
    let body = "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\
                HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n\
                {\"value\":[{\"name\":\"a\"}]}\r\n\
                --batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\
                HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n\
                {\"error\":{\"code\":\"0x80040203\",\"message\":\"Invalid name\"}}\r\n\
                --batchresponse_1--\r\n";
    Mock::given(method("POST"))
        .and(path("/api/data/v9.2/$batch"))
        .and(header("content-type", "multipart/mixed; boundary=batch_b1"))
        .and(header("prefer", "odata.continue-on-error"))
        .and(body_string_contains(
            "POST /api/data/v9.2/accounts HTTP/1.1",
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(body, "multipart/mixed; boundary=batchresponse_1"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let request = Batch::with_id("b1")
        .request(query::<Account>().select(NAME))
        .request(create(Body::<Account>::new().set(NAME, "")))
        .continue_on_error()
        .to_request(&base(&server))
        .unwrap();
    let response = client().send(request).await.unwrap();
    let batch = BatchResponse::from_response(&response).unwrap();
    let statuses: Vec<u16> = batch.responses().map(|r| r.status.as_u16()).collect();
    assert_eq!(statuses, [200, 400]);
    let failed = batch.responses().nth(1).unwrap();
    assert!(String::from_utf8_lossy(&failed.body).contains("Invalid name"));
}

#[tokio::test]
async fn a_token_provider_closure_is_asked_for_every_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer fresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[], None)))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(reqwest::Client::new(), || async {
        Ok::<_, std::io::Error>("fresh".to_string())
    });
    let request = query::<Account>().to_request(&base(&server)).unwrap();
    assert_eq!(client.send(request).await.unwrap().status().as_u16(), 200);
}
