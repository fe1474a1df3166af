//! The batch response parser: the documented shapes, and any bytes without a panic.

use super::*;
use proptest::prelude::*;

const CHANGE_SET: &str = "--batchresponse_f2\r\n\
Content-Type: multipart/mixed; boundary=changesetresponse_64\r\n\
\r\n\
--changesetresponse_64\r\n\
Content-Type: application/http\r\n\
Content-Transfer-Encoding: binary\r\n\
Content-ID: 1\r\n\
\r\n\
HTTP/1.1 204 No Content\r\n\
OData-Version: 4.0\r\n\
Location:https://org/api/data/v9.2/tasks(e73ffc82-e292-ed11-aad1-000d3a9933c9)\r\n\
OData-EntityId: https://org/api/data/v9.2/tasks(e73ffc82-e292-ed11-aad1-000d3a9933c9)\r\n\
\r\n\
\r\n\
--changesetresponse_64--\r\n\
--batchresponse_f2\r\n\
Content-Type: application/http\r\n\
Content-Transfer-Encoding: binary\r\n\
\r\n\
HTTP/1.1 400 Bad Request\r\n\
Content-Type: application/json; odata.metadata=minimal\r\n\
\r\n\
{\"error\":{\"code\":\"0x80044331\",\"message\":\"too long\"}}\r\n\
--batchresponse_f2--\r\n";

#[test]
fn change_sets_and_failures_split_back() {
    let r = BatchResponse::parse(
        Some("multipart/mixed; boundary=\"batchresponse_f2\""),
        CHANGE_SET.as_bytes(),
    )
    .expect("splits");
    let [BatchItem::ChangeSet(set), BatchItem::One(failed)] = &r.items[..] else {
        panic!("{r:?}");
    };
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].content_id.as_deref(), Some("1"));
    assert_eq!(set[0].status, http::StatusCode::NO_CONTENT);
    assert!(set[0].body.is_empty());
    assert_eq!(
        set[0].entity_id(),
        Some("https://org/api/data/v9.2/tasks(e73ffc82-e292-ed11-aad1-000d3a9933c9)")
    );
    assert_eq!(failed.status, http::StatusCode::BAD_REQUEST);
    assert_eq!(
        failed.body,
        br#"{"error":{"code":"0x80044331","message":"too long"}}"#
    );
    assert_eq!(failed.to_response().status(), 400);
    // LF line endings and no Content-Type read the same.
    let lf = BatchResponse::parse(None, CHANGE_SET.replace("\r\n", "\n").as_bytes()).expect("LF");
    assert_eq!(lf, r);
    assert_eq!(r.responses().count(), 2);
}

#[test]
fn broken_responses_are_errors() {
    assert_eq!(
        BatchResponse::parse(None, b"HTTP/1.1 200 OK"),
        Err(BatchError::NoBoundary)
    );
    let cut = &CHANGE_SET[..CHANGE_SET.len() - 30];
    assert!(matches!(
        BatchResponse::parse(None, cut.as_bytes()),
        Err(BatchError::Unterminated { .. })
    ));
    let bad = "--b\r\n\r\nHTTP/1.1 abc\r\n\r\n--b--";
    let e = BatchResponse::parse(None, bad.as_bytes()).expect_err("status");
    assert_eq!(
        e.to_string(),
        "part 1 of the batch response: `abc` is not an HTTP status code"
    );
}

/// Pieces of batch responses, to shuffle into inputs that get past the first checks.
const PIECES: &[&str] = &[
    "--b\r\n",
    "--b--\r\n",
    "--c\r\n",
    "--c--",
    "Content-Type: multipart/mixed; boundary=c\r\n",
    "Content-Type: application/http\r\n",
    "Content-ID: 1\r\n",
    "\r\n",
    "\n",
    "HTTP/1.1 204 No Content\r\n",
    "HTTP/1.1 999\r\n",
    "HTTP/1.1\r\n",
    "Location: x\r\n",
    "Bad Name: y\r\n",
    "X: \u{7f}\r\n",
    "{}",
    "\u{e9}",
    ":",
    "boundary=",
    "--",
    "-",
];

proptest! {
    #[test]
    fn any_bytes_split_or_fail_without_panic(
        content_type in proptest::option::of(".{0,40}"),
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let _ = BatchResponse::parse(content_type.as_deref(), &body);
    }

    #[test]
    fn shuffled_pieces_split_or_fail_without_panic(
        pieces in proptest::collection::vec(0..PIECES.len(), 0..40),
        noise in proptest::collection::vec(any::<u8>(), 0..8),
    ) {
        let mut body: Vec<u8> = pieces.iter().flat_map(|&i| PIECES[i].bytes()).collect();
        body.extend(noise);
        let _ = BatchResponse::parse(Some("multipart/mixed; boundary=b"), &body);
        let _ = BatchResponse::parse(None, &body);
    }
}
