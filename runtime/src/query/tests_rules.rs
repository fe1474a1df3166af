//! The rules checked when a request is built (limits Dataverse documents, the base URL), and
//! the request for the next page.

use super::tests::{err, item, row::*, Item, Row, BASE};
use super::*;
use crate::Page;

#[test]
fn page_sizes_stay_within_what_dataverse_serves() {
    assert_eq!(
        err(&query::<Row>().page_size(0)),
        QueryError::PageSize { size: 0 }
    );
    assert_eq!(
        err(&query::<Row>().page_size(5001)),
        QueryError::PageSize { size: 5001 }
    );
    assert!(query::<Row>().page_size(5000).to_request(BASE).is_ok());
}

#[test]
fn the_base_url_is_the_web_api_root() {
    let q = query::<Row>();
    for (base, reason) in [
        (
            "https://org.crm.dynamics.com/api/data/v9.2",
            "does not end with `/`",
        ),
        (
            "https://org.crm.dynamics.com/api/data/v9.2/?x=1/",
            "has a query or fragment",
        ),
        ("/api/data/v9.2/", "is not an absolute http(s) URL"),
        ("ftp://org/api/", "is not an absolute http(s) URL"),
        ("https://org crm/api/", "is not a valid URL"),
    ] {
        let e = q.to_request(base).expect_err(base);
        assert_eq!(
            e,
            QueryError::BaseUrl {
                url: base.to_string(),
                reason
            }
        );
        assert!(e
            .to_string()
            .contains("https://org.crm.dynamics.com/api/data/v9.2/"));
    }
    assert!(q.to_request("http://localhost:8080/api/data/v9.2/").is_ok());
}

#[test]
fn at_most_fifteen_expansions_nested_included() {
    let fifteen = (0..15).fold(query::<Row>(), |q, _| q.expand(PARENT, |p| p));
    assert!(fifteen.to_request(BASE).is_ok());
    let sixteen = (0..14)
        .fold(query::<Row>(), |q, _| q.expand(PARENT, |p| p))
        .expand(PARENT, |p| p.expand(PARENT, |p| p));
    let e = err(&sixteen);
    assert_eq!(e, QueryError::TooManyExpansions { count: 16 });
    assert!(e.to_string().contains("at most 15"), "{e}");
}

#[test]
fn a_nested_expand_anywhere_forbids_order_and_top_on_collections() {
    let q = query::<Row>()
        .expand(TASKS, |t| t.top(2))
        .expand(PARENT, |p| p.expand(PARENT, |p| p));
    let e = err(&q);
    assert_eq!(
        e,
        QueryError::OrderOrTopWithNestedExpand {
            navigation: "Account_Tasks".to_string()
        }
    );
    // Without the nested expansion the same `$top` is fine, and a nested expansion with only
    // `$select`/`$filter` on the collection is too.
    assert!(query::<Row>()
        .expand(TASKS, |t| t.top(2))
        .to_request(BASE)
        .is_ok());
    let q = query::<Row>()
        .expand(TASKS, |t| t.filter(item::SUBJECT.contains("x")))
        .expand(OTHERS, |o| o.expand(PARENT, |p| p));
    assert!(q.to_request(BASE).is_ok());
}

#[test]
fn a_lambda_under_a_lookup_is_refused() {
    let q = query::<Row>().filter(PARENT.matches(TASKS.any(item::SUBJECT.eq("x"))));
    let e = err(&q);
    assert_eq!(
        e,
        QueryError::LambdaUnderLookup {
            navigation: "parentaccountid".to_string()
        }
    );
    assert!(e.to_string().contains("not support"), "{e}");
}

#[test]
fn a_url_over_32768_characters_is_refused() {
    let long = "x".repeat(MAX_URL_LENGTH);
    let e = err(&query::<Row>().filter(NAME.eq(long.as_str())));
    assert!(
        matches!(e, QueryError::UrlTooLong { length } if length > MAX_URL_LENGTH),
        "{e}"
    );
}

fn page(next: Option<&str>) -> Page<Row> {
    Page {
        next_link: next.map(str::to_string),
        ..Page::default()
    }
}

#[test]
fn the_next_page_follows_the_link_verbatim_with_the_same_headers() {
    let first = query::<Row>()
        .select(NAME)
        .page_size(2)
        .formatted_values()
        .to_request(BASE)
        .expect("builds");
    let link = format!(
        "{BASE}accounts?$select=name&$skiptoken=%3Ccookie%20pagenumber=%222%22%20\
         pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%22%20istracking=%22False%22%20/%3E"
    );
    let next = page(Some(&link))
        .next_request(&first)
        .expect("follows")
        .expect("a next page");
    assert_eq!(next.uri(), &link[..], "verbatim");
    assert_eq!(next.method(), http::Method::GET);
    assert_eq!(next.headers(), first.headers());
    assert_eq!(
        next.headers()["prefer"],
        "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\", odata.maxpagesize=2"
    );
    assert!(page(None).next_request(&first).expect("last").is_none());
    // A link elsewhere would carry the caller's headers (authorization) to another host.
    let e = page(Some("https://evil.example/api/data/v9.2/accounts"))
        .next_request(&first)
        .expect_err("refused");
    assert!(e.to_string().contains("org.crm.dynamics.com"), "{e}");
    let e = page(Some("not a url"))
        .next_request(&first)
        .expect_err("refused");
    assert!(matches!(e, QueryError::NextLink { .. }), "{e}");
    // An expanded collection's link pages the same way.
    let rest = crate::Expanded::<Item> {
        rows: Vec::new(),
        next_link: Some(format!(
            "{BASE}accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject"
        )),
    };
    let next = rest.next_request(&first).expect("follows").expect("more");
    assert!(next
        .uri()
        .to_string()
        .ends_with("/Account_Tasks?$select=subject"));
}
