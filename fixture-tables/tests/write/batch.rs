//! `$batch` goldens: the requests and responses of "Execute batch operations using the Web
//! API". Multipart bodies are compared part by part: the part headers, the request line, the
//! request's headers and its body as JSON. The docs' LF line endings are CRLF on the wire;
//! their quoted `boundary="batch_..."` is the same parameter unquoted; their boundary ids are
//! the batch ids given here (change sets are `changeset_<batch id>_<n>` here).

use super::*;
use dataverse_runtime::query::{
    query_related, set_property, set_reference, Batch, BatchItem, BatchResponse,
};
use dataverse_runtime::Body;

const ORG: &str = "https://contoso.crm.dynamics.com";

#[derive(Debug, PartialEq)]
enum Part {
    Request {
        mime: Vec<(String, String)>,
        line: String,
        headers: Vec<(String, String)>,
        body: Option<Value>,
    },
    ChangeSet(Vec<Part>),
}

/// `name: value` lines, names lowercased, sorted; `; type=entry` dropped.
fn header_lines(block: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = block
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (name, value) = l.split_once(':').expect("a header line");
            let value = value
                .trim()
                .trim_end_matches("; type=entry")
                .trim_end_matches(";type=entry");
            (name.trim().to_ascii_lowercase(), value.to_string())
        })
        .collect();
    headers.sort();
    headers
}

/// The parts of a multipart body (CRLF or LF) delimited by `--<boundary>`.
fn parts(text: &str, boundary: &str) -> Vec<Part> {
    let text = format!("\n{}", text.replace("\r\n", "\n"));
    let mut out = Vec::new();
    for piece in text.split(&format!("\n--{boundary}")).skip(1) {
        if piece.starts_with("--") {
            break;
        }
        let piece = piece.strip_prefix('\n').unwrap_or(piece);
        let (mime, rest) = piece.split_once("\n\n").unwrap_or((piece, ""));
        let mime = header_lines(mime);
        let inner = mime.iter().find_map(|(k, v)| {
            (k == "content-type").then(|| {
                v.split_once("boundary=")
                    .map(|(_, b)| b.trim_matches('"').to_string())
            })?
        });
        if let Some(inner) = inner {
            out.push(Part::ChangeSet(parts(rest, &inner)));
            continue;
        }
        let (line, rest) = rest.split_once('\n').unwrap_or((rest, ""));
        let (headers, body) = rest.split_once("\n\n").unwrap_or((rest, ""));
        let body = body.trim();
        out.push(Part::Request {
            mime,
            line: line.to_string(),
            headers: header_lines(headers),
            body: (!body.is_empty()).then(|| serde_json::from_str(body).expect("a JSON body")),
        });
    }
    out
}

fn assert_batch(request: &Request, id: &str, documented: &str) {
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().to_string(), format!("{BASE}$batch"));
    let h = request.headers();
    assert_eq!(
        h["content-type"],
        format!("multipart/mixed; boundary=batch_{id}").as_str()
    );
    assert_eq!(
        (&h["odata-maxversion"], &h["odata-version"]),
        (&"4.0".parse().expect("v"), &"4.0".parse().expect("v"))
    );
    assert_eq!(h["accept"], "application/json");
    let body = std::str::from_utf8(request.body()).expect("UTF-8");
    assert!(
        body.contains("\r\n") && !body.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    let documented = documented.replace("[Organization URI]", ORG);
    assert_eq!(
        parts(body, &format!("batch_{id}")),
        parts(&documented, &format!("batch_{id}"))
    );
}

fn task_for(subject: &str) -> Body<task::Task> {
    task::Task::create()
        .set(task::columns::SUBJECT, subject)
        .set(
            task::columns::REGARDINGOBJECTID,
            task::RegardingObjectId::Account(id(1)),
        )
}

#[test]
fn a_change_set_then_a_get() {
    let id_ = "22975cad-7f57-410d-be15-6363209367ea";
    let r = Batch::with_id(id_)
        .change_set(|set| {
            for n in 1..=3 {
                set.add(create(task_for(&format!("Task {n} in batch"))));
            }
        })
        .request(
            query_related(id(1), account::navigation::ACCOUNT_TASKS).select(task::columns::SUBJECT),
        )
        .to_request(BASE)
        .expect("builds");
    assert_eq!(r.headers()["if-none-match"], "null");
    // "Execute batch operations", "Change sets". Adapted: binds with a leading `/`.
    let task = |n: u32| {
        format!(
            "--changeset_{id_}_1\nContent-Type: application/http\nContent-Transfer-Encoding: binary\nContent-ID: {n}\n\n\
             POST /api/data/v9.2/tasks HTTP/1.1\nContent-Type: application/json; type=entry\n\n\
             {{\n  \"subject\": \"Task {n} in batch\",\n  \"regardingobjectid_account_task@odata.bind\": \"/accounts(00000000-0000-0000-0000-000000000001)\"\n}}\n"
        )
    };
    let documented = format!(
        "--batch_{id_}\nContent-Type: multipart/mixed; boundary=\"changeset_{id_}_1\"\n\n{}{}{}--changeset_{id_}_1--\n\n\
         --batch_{id_}\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\n\
         GET /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject HTTP/1.1\n\n\n\
         --batch_{id_}--\n",
        task(1),
        task(2),
        task(3)
    );
    assert_batch(&r, id_, &documented);
}

#[test]
fn content_id_references_in_bodies_and_urls() {
    // "Reference URIs in URL and navigation properties".
    let r = Batch::with_id("AAA123")
        .absolute_urls()
        .change_set(|set| {
            let account = set.add(create(Account::create().set(columns::NAME, "Account name")));
            let contact = set.add(create(
                contact::Contact::create().set(contact::columns::FIRSTNAME, "Contact first name"),
            ));
            // The page sends a bare `PATCH` (an upsert form: `update` would add `If-Match: *`).
            set.add(upsert(
                account,
                Account::update().bind_created(account::navigation::PRIMARYCONTACTID, contact),
            ));
        })
        .to_request(BASE)
        .expect("builds");
    let part = |n: u32, line: &str, body: &str| {
        format!(
            "--changeset_AAA123_1\nContent-Type: application/http\nContent-Transfer-Encoding: binary\nContent-ID: {n}\n\n\
             {line} HTTP/1.1\nContent-Type: application/json\n\n{body}\n\n"
        )
    };
    let documented = format!(
        "--batch_AAA123\nContent-Type: multipart/mixed; boundary=changeset_AAA123_1\n\n{}{}{}--changeset_AAA123_1--\n--batch_AAA123--\n",
        part(1, "POST [Organization URI]/api/data/v9.2/accounts", r#"{ "name":"Account name"}"#),
        part(2, "POST [Organization URI]/api/data/v9.2/contacts", r#"{ "firstname":"Contact first name" }"#),
        part(3, "PATCH $1", r#"{ "primarycontactid@odata.bind":"$2" }"#),
    );
    assert_batch(&r, "AAA123", &documented);
    // "Reference URIs in URL and request body using @odata.id".
    let r = Batch::with_id("AAA123")
        .absolute_urls()
        .change_set(|set| {
            let account = set.add(create(Account::create().set(columns::NAME, "Account Name")));
            let contact = set.add(create(
                contact::Contact::create().set(contact::columns::FIRSTNAME, "Contact first name"),
            ));
            set.add(set_reference(
                account,
                account::navigation::PRIMARYCONTACTID,
                contact,
            ));
        })
        .to_request(BASE)
        .expect("builds");
    let documented = format!(
        "--batch_AAA123\nContent-Type: multipart/mixed; boundary=changeset_AAA123_1\n\n{}{}{}--changeset_AAA123_1--\n--batch_AAA123--\n",
        part(1, "POST [Organization URI]/api/data/v9.2/accounts", r#"{ "name":"Account Name"}"#),
        part(2, "POST [Organization URI]/api/data/v9.2/contacts", r#"{ "firstname":"Contact first name"}"#),
        part(3, "PUT $1/primarycontactid/$ref", r#"{"@odata.id":"$2"}"#),
    );
    assert_batch(&r, "AAA123", &documented);
}

#[test]
fn a_property_of_a_row_created_in_the_change_set() {
    // "Reference URIs in an URL": the part with `Content-ID: 2` updates one property of the
    // contact the first part created: `PUT $1/lastname` with `{"value":"BBBBB"}`.
    let r = Batch::with_id("AAA123")
        .change_set(|set| {
            let contact = set.add(create(
                contact::Contact::create().set(contact::columns::FIRSTNAME, "Contact first name"),
            ));
            set.add(set_property(contact, contact::columns::LASTNAME, "BBBBB"));
        })
        .to_request(BASE)
        .expect("builds");
    let body = String::from_utf8(r.body().clone()).expect("UTF-8");
    let part = "Content-ID: 2\r\n\r\nPUT $1/lastname HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"value\":\"BBBBB\"}\r\n";
    assert!(body.contains(part), "{body}");
}

#[test]
fn continue_on_error_is_a_preference() {
    // "Execute batch operations", "Handling errors": `Prefer: odata.continue-on-error`.
    let r = Batch::with_id("662d4610-7f12-4895-ac4a-3fdf77cc10a1")
        .continue_on_error()
        .request(create(task_for("Task 2 in batch")))
        .to_request(BASE)
        .expect("builds");
    assert_eq!(r.headers()["prefer"], "odata.continue-on-error");
}

/// The docs' change-set response, as the body of the `200 OK` (line endings as printed).
const CHANGE_SET_RESPONSE: &str = "--batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f
Content-Type: multipart/mixed; boundary=changesetresponse_64cc3fff-023a-45b0-b29d-df21583ffa15

--changesetresponse_64cc3fff-023a-45b0-b29d-df21583ffa15
Content-Type: application/http
Content-Transfer-Encoding: binary
Content-ID: 1

HTTP/1.1 204 No Content
OData-Version: 4.0
Location: [Organization Uri]/api/data/v9.2/tasks(e73ffc82-e292-ed11-aad1-000d3a9933c9)
OData-EntityId: [Organization Uri]/api/data/v9.2/tasks(e73ffc82-e292-ed11-aad1-000d3a9933c9)


--changesetresponse_64cc3fff-023a-45b0-b29d-df21583ffa15
Content-Type: application/http
Content-Transfer-Encoding: binary
Content-ID: 2

HTTP/1.1 204 No Content
OData-Version: 4.0
Location: [Organization Uri]/api/data/v9.2/tasks(e83ffc82-e292-ed11-aad1-000d3a9933c9)
OData-EntityId: [Organization Uri]/api/data/v9.2/tasks(e83ffc82-e292-ed11-aad1-000d3a9933c9)


--changesetresponse_64cc3fff-023a-45b0-b29d-df21583ffa15--
--batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f
Content-Type: application/http
Content-Transfer-Encoding: binary

HTTP/1.1 200 OK
Content-Type: application/json; odata.metadata=minimal; odata.streaming=true
OData-Version: 4.0

{
  \"@odata.context\": \"[Organization Uri]/api/data/v9.2/$metadata#tasks(subject)\",
  \"value\": [
    {
      \"@odata.etag\": \"W/\\\"77181173\\\"\",
      \"subject\": \"Task 1 in batch\",
      \"activityid\": \"e73ffc82-e292-ed11-aad1-000d3a9933c9\"
    }
  ]
}
--batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f--
";

#[test]
fn a_change_set_response_splits_back() {
    let response = rt::http::Response::builder()
        .header(
            "Content-Type",
            "multipart/mixed; boundary=batchresponse_f27ef42d-51b0-4685-bac9-f468f844de2f",
        )
        .body(CHANGE_SET_RESPONSE.as_bytes())
        .expect("response");
    let split = BatchResponse::from_response(&response).expect("splits");
    let [BatchItem::ChangeSet(set), BatchItem::One(get)] = &split.items[..] else {
        panic!("{split:?}");
    };
    let ids: Vec<_> = set
        .iter()
        .map(|r| (r.content_id.as_deref(), r.status.as_u16()))
        .collect();
    assert_eq!(ids, [(Some("1"), 204), (Some("2"), 204)]);
    assert_eq!(
        set[1].entity_id(),
        Some("[Organization Uri]/api/data/v9.2/tasks(e83ffc82-e292-ed11-aad1-000d3a9933c9)")
    );
    assert_eq!(get.status, 200);
    let page: rt::Page<task::Task> = rt::from_slice(&get.body).expect("a page of tasks");
    assert_eq!(page.rows[0].subject.as_deref(), Some("Task 1 in batch"));
    assert_eq!(page.rows[0].etag.as_deref(), Some("W/\"77181173\""));
}

#[test]
fn a_failed_request_splits_back_with_its_error() {
    // The response of the `odata.continue-on-error` example (its third part left out).
    let body = "--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139
Content-Type: application/http
Content-Transfer-Encoding: binary

HTTP/1.1 400 Bad Request
REQ_ID: de4c5227-4a28-4ebd-8ced-3392ece1697b
Content-Type: application/json; odata.metadata=minimal
OData-Version: 4.0

{\"error\":{\"code\":\"0x80044331\",\"message\":\"A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'.\"}}
--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139
Content-Type: application/http
Content-Transfer-Encoding: binary

HTTP/1.1 204 No Content
OData-Version: 4.0
Location: [Organization Uri]/api/data/v9.2/tasks(aed2ae8b-3c94-ed11-aad1-000d3a9933c9)
OData-EntityId: [Organization Uri]/api/data/v9.2/tasks(aed2ae8b-3c94-ed11-aad1-000d3a9933c9)


--batchresponse_f44bd09d-573f-4a30-bca0-2e500ee7e139--
";
    let split = BatchResponse::parse(None, body.as_bytes()).expect("splits");
    let responses: Vec<_> = split.responses().collect();
    assert_eq!(responses.len(), 2);
    assert_eq!(responses[0].status, 400);
    assert_eq!(
        responses[0].headers["req_id"],
        "de4c5227-4a28-4ebd-8ced-3392ece1697b"
    );
    let error: Value = serde_json::from_slice(&responses[0].body).expect("error JSON");
    assert_eq!(error["error"]["code"], "0x80044331");
    assert_eq!(responses[1].status, 204);
    assert!(responses[1].body.is_empty());
}
