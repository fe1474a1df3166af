//! Literals, one renderer per value type, and the percent-encoding of the query string: any
//! string survives the filter renderer, the encoding and a server's decoding unchanged.

use super::tests::{row::*, Kind, Row};
use super::*;
use crate::{Date, DateTime, Decimal, LocalDateTime, Uuid};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

fn filter(f: Filter<Row>) -> String {
    f.to_odata().expect("renders")
}

#[test]
fn each_value_type_has_its_literal() {
    let day = Date::from_ymd_opt(2024, 1, 31).expect("date");
    let at = day.and_hms_opt(10, 0, 0).expect("time");
    let utc = DateTime::from_naive_utc_and_offset(at, chrono::Utc);
    let id = Uuid::from_u128(0x70bf4d48_34cb_ed11_b596_0022481d68cd);
    let empty = String::new();
    let borrowed: &String = &empty;
    let cases = [
        (NAME.eq("O'Bryan"), "name eq 'O''Bryan'"),
        (NAME.eq(String::from("''")), "name eq ''''''"),
        (NAME.ne(borrowed), "name ne ''"),
        (EMPLOYEES.gt(5), "numberofemployees gt 5"),
        (
            EMPLOYEES.le(-2_147_483_648),
            "numberofemployees le -2147483648",
        ),
        (
            REVENUE.eq(Decimal::from_str_exact("4520000.0000").expect("decimal")),
            "revenue eq 4520000.0000",
        ),
        (
            REVENUE.lt(Decimal::from_str_exact("-0.0001").expect("decimal")),
            "revenue lt -0.0001",
        ),
        (RATING.ge(0.875), "rating ge 0.875"),
        (RATING.ge(1e21), "rating ge 1000000000000000000000"),
        (RATING.lt(f64::INFINITY), "rating lt INF"),
        (RATING.gt(f64::NEG_INFINITY), "rating gt -INF"),
        (RATING.ne(f64::NAN), "rating ne NaN"),
        (RATING.ne(f64::NAN), "rating ne NaN"),
        (RATING.lt(f64::NEG_INFINITY), "rating lt -INF"),
        (ACTIVE.eq(false), "active eq false"),
        (
            ID.eq(id),
            "accountid eq 70bf4d48-34cb-ed11-b596-0022481d68cd",
        ),
        (
            OWNER.eq(id),
            "_ownerid_value eq 70bf4d48-34cb-ed11-b596-0022481d68cd",
        ),
        (KIND.eq(Kind::NINE), "kind eq 9"),
        (KIND.gt(Kind::from_value(100_000_000)), "kind gt 100000000"),
        (CREATED.ge(utc), "createdon ge 2024-01-31T10:00:00Z"),
        (BORN.eq(day), "birthdate eq 2024-01-31"),
        (CHECKIN.lt(at), "sample_checkin lt 2024-01-31T10:00:00Z"),
    ];
    for (f, want) in cases {
        assert_eq!(filter(f), want);
    }
    let precise: LocalDateTime = day.and_hms_milli_opt(10, 0, 0, 250).expect("time");
    assert_eq!(
        filter(CHECKIN.eq(precise)),
        "sample_checkin eq 2024-01-31T10:00:00.250Z"
    );
    let offset = chrono::DateTime::parse_from_rfc3339("2024-01-31T12:00:00+02:00").expect("date");
    assert_eq!(
        filter(CREATED.eq(offset.with_timezone(&chrono::Utc))),
        "createdon eq 2024-01-31T10:00:00Z",
        "user-local values are sent in UTC"
    );
    assert_eq!(Kind::NINE.into_literal().text(), "9");
    assert_eq!((Kind::NINE.value(), Kind::NINE.label()), (9, Some("Nine")));
    assert_eq!(quote("it's"), "'it''s'");
}

#[test]
fn string_functions_take_string_literals() {
    assert_eq!(filter(NAME.contains("+123")), "contains(name,'+123')");
    assert_eq!(filter(NAME.ends_with("Inc.")), "endswith(name,'Inc.')");
    assert_eq!(
        query::<Row>()
            .filter(NAME.contains("+123"))
            .path_and_query()
            .expect("renders"),
        "accounts?$filter=contains(name,'%2B123')",
        "the documented encoding of `+`"
    );
}

#[test]
fn the_query_string_keeps_odata_punctuation_readable() {
    let kept = "$=,()'/:;@!*[]-._~azAZ09";
    assert_eq!(request::encode(kept), kept);
    for (raw, encoded) in [
        (" ", "%20"),
        ("\"", "%22"),
        ("#", "%23"),
        ("%", "%25"),
        ("&", "%26"),
        ("+", "%2B"),
        ("?", "%3F"),
        ("<>", "%3C%3E"),
        ("\\^`{|}", "%5C%5E%60%7B%7C%7D"),
        ("\n\t", "%0A%09"),
        ("é€😀", "%C3%A9%E2%82%AC%F0%9F%98%80"),
    ] {
        assert_eq!(request::encode(raw), encoded, "{raw:?}");
    }
}

/// Undoes what the server undoes: percent-decoding, then the `'` doubling of one string
/// literal that ends the text.
fn unquote_last(decoded: &str, prefix: &str) -> String {
    let literal = decoded
        .strip_prefix(prefix)
        .and_then(|s| s.strip_prefix('\''))
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{decoded:?} starts with {prefix:?} and ends with a literal"));
    assert!(
        !literal.replace("''", "").contains('\''),
        "a lone quote would end the literal early: {literal:?}"
    );
    literal.replace("''", "'")
}

fn the_filter(url: &str) -> &str {
    let (_, filter) = url.split_once("?$filter=").expect("a filter");
    assert!(!filter.contains(['&', '#', '+', ' ']), "{filter}");
    filter
}

proptest! {
    #[test]
    fn any_string_round_trips_through_a_filter_literal(s in any::<String>()) {
        let q = query::<Row>().filter(NAME.eq(s.as_str()));
        let url = q.path_and_query().expect("renders");
        let decoded = percent_decode_str(the_filter(&url)).decode_utf8().expect("UTF-8");
        prop_assert_eq!(unquote_last(&decoded, "name eq "), s.clone());
        let request = q.to_request("https://org.crm.dynamics.com/api/data/v9.2/");
        prop_assert!(request.is_ok(), "{:?}", request.err());
    }

    #[test]
    fn any_strings_round_trip_through_a_query_function(
        values in proptest::collection::vec(any::<String>(), 1..4)
    ) {
        let q = query::<Row>().filter(NAME.is_in(values.iter().map(String::as_str)));
        let url = q.path_and_query().expect("renders");
        let decoded = percent_decode_str(the_filter(&url)).decode_utf8().expect("UTF-8");
        let list = decoded
            .strip_prefix("Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=")
            .and_then(|s| s.strip_suffix(')'))
            .expect("the function");
        let back: Vec<String> = serde_json::from_str(list).expect("a JSON array of strings");
        prop_assert_eq!(back, values);
    }

    #[test]
    fn any_string_round_trips_inside_an_expansion(s in any::<String>()) {
        let q = query::<Row>().expand(TASKS, |t| t.filter(super::tests::item::SUBJECT.contains(s.as_str())));
        let url = q.path_and_query().expect("renders");
        let (_, expand) = url.split_once("?$expand=").expect("an expansion");
        prop_assert!(!expand.contains(['&', '#', '+', ' ']));
        let decoded = percent_decode_str(expand).decode_utf8().expect("UTF-8");
        let inner = decoded
            .strip_prefix("Account_Tasks($filter=contains(subject,")
            .and_then(|d| d.strip_suffix("))"))
            .expect("the expansion");
        prop_assert_eq!(unquote_last(inner, ""), s);
    }
}

/// A query function's string values are JSON strings, control characters escaped.
#[test]
fn property_values_are_json_strings() {
    assert_eq!(
        literal::json_string("a\"b\\c\u{1f}\u{20}"),
        r#""a\"b\\c\u001f ""#
    );
    assert_eq!(format!("{:?}", NAME.desc()), "OrderBy(name desc)");
}
