use super::*;

use serde::de::value::{Error as ValueError, F64Deserializer, MapDeserializer};
use std::collections::HashSet;
use std::hash::DefaultHasher;

/// Whether some crate in the build turned on `serde_json`'s `arbitrary_precision`, which
/// makes buffered mode exact too.
pub(super) fn arbitrary_precision() -> bool {
    serde_json::from_str::<serde_json::Number>("0.10")
        .map(|number| number.to_string() == "0.10")
        .unwrap_or(false)
}

/// What buffered mode gives: `exact` with `arbitrary_precision`, else `via_f64`.
pub(super) fn buffered<'a>(exact: &'a str, via_f64: &'a str) -> &'a str {
    if arbitrary_precision() {
        exact
    } else {
        via_f64
    }
}

pub(super) fn dec(text: &str) -> Decimal {
    parse_decimal(text).expect("a decimal")
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Inner {
    pub(super) value: Json,
    #[serde(default, with = "decimal::option")]
    pub(super) amount: Option<Decimal>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Wrapper {
    #[serde(flatten)]
    pub(super) inner: Inner,
    pub(super) other: u32,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Payload {
    Money {
        #[serde(with = "decimal")]
        money: Decimal,
        currency: String,
    },
    Row(Inner),
    Anything(Json),
}

/// Values whose text survives every mode unchanged (at most 15 significant digits,
/// already in the shortest form).
pub(super) const PLAIN: &[&str] = &[
    "-0.0001",
    "12",
    "0",
    "-7",
    "0.1",
    "12345678901.2345",
    "18446744073709551615",
    "-9223372036854775808",
    "true",
    "null",
    r#""text""#,
    "[]",
    "{}",
    r#"[1,-2,0.5,"a",null,false,{"k":[{}]}]"#,
];

/// Values direct mode must keep byte for byte.
pub(super) const EXACT: &[&str] = &[
    "922337203685477.0000",
    "922337203685477.5807",
    "-922337203685477.5808",
    "-0.0001",
    "12",
    "12.50",
    "1E-12",
    "-2.5e3",
    "1e400",
    "79228162514264337593543950335",
    "123456789012345678901234567890.123456789",
    "null",
    r#""tab\t quote\" backslash\\ \u00e9 é € 😀 \ud83d\ude00""#,
    r#"{ "b" : [ 1 , 2.50 , { "c" : "\u0041" } ] , "a" : null, "a": 1e-5 }"#,
    "[\n  1.0,\n  \"x\"\n]",
];

#[test]
fn direct_reads_keep_the_text_byte_for_byte() {
    for &text in EXACT {
        let json: Json = serde_json::from_str(text).expect("reads");
        assert_eq!(json.get(), text);
        assert_eq!(serde_json::to_string(&json).expect("writes"), text);
        let owned: Json = serde_json::from_reader(text.as_bytes()).expect("reads");
        assert_eq!(owned.get(), text);
        let sliced: Json = serde_json::from_slice(text.as_bytes()).expect("reads");
        assert_eq!(sliced.get(), text);
    }
    // Surrounding whitespace is not part of the value.
    let json: Json = serde_json::from_str(" \n 1.50 \t").expect("reads");
    assert_eq!(json.get(), "1.50");
}

/// Fails if `serde_json` stops answering the raw-value token with the exact text: every
/// exact read in this crate depends on it.
#[test]
fn serde_json_still_honours_the_raw_value_token() {
    let text = "922337203685477.0000";
    let json: Json = serde_json::from_str(text).expect("reads");
    assert_eq!(json.get(), text);
    let owned: Json = serde_json::from_reader(text.as_bytes()).expect("reads");
    assert_eq!(owned.get(), text);
    let raw: Box<RawValue> = serde_json::from_str(text).expect("reads");
    assert_eq!(raw.get(), text);

    #[derive(Deserialize)]
    struct Money(#[serde(with = "decimal")] Decimal);
    let Money(money) = serde_json::from_str(text).expect("reads");
    assert_eq!(money.to_string(), text);
    let Money(money) = serde_json::from_str("922337203685477.5807").expect("reads");
    assert_eq!(money.to_string(), "922337203685477.5807");
}

#[test]
fn decimals_round_trip_exactly_in_direct_mode() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Row {
        #[serde(with = "decimal")]
        total: Decimal,
        #[serde(default, with = "decimal::option")]
        amount: Option<Decimal>,
    }
    for (text, total, amount) in [
        ("922337203685477.0000", "922337203685477.0000", None),
        ("-0.0001", "-0.0001", Some("12")),
        ("12", "12", Some("12.50")),
        ("1E-12", "0.000000000001", Some("-922337203685477.5808")),
        ("-2.5e3", "-2500", None),
        (r#""123.4500""#, "123.4500", None),
    ] {
        let amount_text = amount.unwrap_or("null");
        let input = format!(r#"{{"total":{text},"amount":{amount_text}}}"#);
        let readers: [fn(&str) -> serde_json::Result<Row>; 3] = [
            |s| serde_json::from_str(s),
            |s| serde_json::from_reader(s.as_bytes()),
            |s| serde_json::from_str::<Json>(s).and_then(|json| json.parse()),
        ];
        for read in readers {
            let row = read(&input).expect("reads");
            assert_eq!(row.total.to_string(), total, "{input}");
            assert_eq!(row.amount.map(|d| d.to_string()).as_deref(), amount);
            let written = serde_json::to_string(&row).expect("writes");
            assert_eq!(
                written,
                format!(r#"{{"total":{total},"amount":{amount_text}}}"#)
            );
        }
    }
    let row: Row = serde_json::from_str(r#"{"total":1}"#).expect("reads");
    assert_eq!(row.amount, None);
    assert!(serde_json::from_str::<Row>(r#"{"total":null}"#).is_err());
}

#[test]
fn value_deserializer_gives_the_text_of_the_value() {
    let value = serde_json::json!({"b": [1, -2, 0.5, "é"], "a": null});
    let json: Json = serde_json::from_value(value.clone()).expect("reads");
    assert_eq!(json.get(), value.to_string());
    let json = Json::deserialize(&value).expect("reads");
    assert_eq!(json.get(), value.to_string());
    assert_eq!(json.to_value(), value);

    let value = serde_json::json!({"value": {"x": 1}, "amount": 0.0001, "other": 3});
    let wrapper: Wrapper = serde_json::from_value(value).expect("reads");
    assert_eq!(wrapper.inner.value.get(), r#"{"x":1}"#);
    assert_eq!(wrapper.inner.amount, Some(dec("0.0001")));
    assert_eq!(wrapper.other, 3);

    let money = serde_json::json!({"money": 12.5, "currency": "EUR"});
    let payload: Payload = serde_json::from_value(money).expect("reads");
    assert_eq!(
        payload,
        Payload::Money {
            money: dec("12.5"),
            currency: "EUR".into()
        }
    );
}

/// A user's row with an optional decimal, and a wrapper that flattens it (buffered mode).
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub(super) struct Row {
    #[serde(default, with = "decimal::option")]
    amount: Option<Decimal>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub(super) struct Flat {
    #[serde(flatten)]
    row: Row,
}

#[test]
fn decimal_errors() {
    for (input, direct_message, flat_message) in [
        (r#"{"amount":"abc"}"#, "`abc` is not a decimal number", ""),
        (r#"{"amount":"12,5"}"#, "`12,5` is not a decimal number", ""),
        (r#"{"amount":"null"}"#, "`null` is not a decimal number", ""),
        (r#"{"amount":"NaN"}"#, "`NaN` is not a decimal number", ""),
        (r#"{"amount":1e-29}"#, "has more than 28 decimal places", ""),
        (r#"{"amount":1e29}"#, "out of range for a decimal", ""),
        // Direct mode sees the text, buffered mode the kind of value.
        (
            r#"{"amount":true}"#,
            "`true` is not a decimal number",
            "invalid type: boolean `true`, expected a decimal number",
        ),
        (
            r#"{"amount":[1]}"#,
            "`[1]` is not a decimal number",
            "invalid type: sequence, expected a decimal number",
        ),
        (
            r#"{"amount":{"a":1}}"#,
            r#"`{"a":1}` is not a decimal number"#,
            "invalid type: map, expected a decimal number",
        ),
    ] {
        let flat_message = if flat_message.is_empty() {
            direct_message
        } else {
            flat_message
        };
        let direct = serde_json::from_str::<Row>(input).expect_err(input);
        assert!(
            direct.to_string().contains(direct_message),
            "{input}: {direct}"
        );
        let flat = serde_json::from_str::<Flat>(input).expect_err(input);
        assert!(flat.to_string().contains(flat_message), "{input}: {flat}");
    }
    // JSON has no NaN; other deserializers can hand one over, and get an error.
    assert!(serde_json::from_str::<Json>("NaN").is_err());
    assert!(serde_json::from_str::<Row>(r#"{"amount":NaN}"#).is_err());
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let error =
            Json::deserialize(F64Deserializer::<ValueError>::new(value)).expect_err("not JSON");
        assert!(error.to_string().contains("expected any valid JSON value"));
        assert!(decimal::deserialize(F64Deserializer::<ValueError>::new(value)).is_err());
    }
    assert_eq!(
        decimal::deserialize(F64Deserializer::<ValueError>::new(0.1)).expect("reads"),
        dec("0.1")
    );
    let error = serde_json::from_str::<Wrapper>(r#"{"value":1,"other":1,"amount":"x"}"#)
        .expect_err("not a decimal");
    assert!(error.to_string().contains("`x` is not a decimal number"));
}

#[test]
fn token_maps_from_other_deserializers() {
    // Another deserializer answering the raw-value request with the token map: the text
    // is checked, so nothing invalid ends up written verbatim.
    let forged =
        MapDeserializer::<_, ValueError>::new([(RAW_TOKEN, "1,\"admin\":true")].into_iter());
    assert!(Json::deserialize(forged).is_err());
    let honest = MapDeserializer::<_, ValueError>::new([(RAW_TOKEN, "[1, 2]")].into_iter());
    assert_eq!(Json::deserialize(honest).expect("reads").get(), "[1, 2]");
    let extra = MapDeserializer::<_, ValueError>::new([(RAW_TOKEN, "1"), ("x", "2")].into_iter());
    assert!(Json::deserialize(extra).is_err());

    // The arbitrary_precision number map, as serde's buffer replays it.
    let number = || {
        MapDeserializer::<_, ValueError>::new([(NUMBER_TOKEN, "922337203685477.5807")].into_iter())
    };
    assert_eq!(
        Json::deserialize(number()).expect("reads").get(),
        "922337203685477.5807"
    );
    assert_eq!(
        decimal::deserialize(number()).expect("reads").to_string(),
        "922337203685477.5807"
    );
    assert_eq!(
        decimal::option::deserialize(number()).expect("reads"),
        Some(dec("922337203685477.5807"))
    );
    let bad = MapDeserializer::<_, ValueError>::new([(NUMBER_TOKEN, "[1]")].into_iter());
    assert!(Json::deserialize(bad).is_err());
}

#[test]
fn parse_decimal_reads_json_numbers_exactly() {
    for (text, expected) in [
        ("922337203685477.0000", "922337203685477.0000"),
        ("-0.0001", "-0.0001"),
        ("12", "12"),
        ("1E-12", "0.000000000001"),
        ("1e-12", "0.000000000001"),
        ("-2.5e3", "-2500"),
        ("1.50E+2", "150"),
        ("2.50e1", "25.0"),
        ("0.0", "0.0"),
        ("0E-50", "0.0000000000000000000000000000"),
        ("1e-28", "0.0000000000000000000000000001"),
        (
            "1.0000000000000000000000000000000",
            "1.0000000000000000000000000000",
        ),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        (
            "79228162514264337593543950335.00",
            "79228162514264337593543950335",
        ),
        (
            "-79228162514264337593543950335",
            "-79228162514264337593543950335",
        ),
        (
            "7.9228162514264337593543950335",
            "7.9228162514264337593543950335",
        ),
        ("007", "7"),
        // Leading zeros do not count towards the 29 digits a mantissa can have.
        ("0000000000000000000000000000000012.5", "12.5"),
        (
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000001",
        ),
        (r#""12.50""#, "12.50"),
        (" \"-1E2\" ", "-100"),
        ("1e0000000000000000000000000", "1"),
    ] {
        assert_eq!(dec(text).to_string(), expected, "{text}");
    }
    for (text, message) in [
        ("abc", "`abc` is not a decimal number"),
        ("", "`` is not a decimal number"),
        (r#""""#, "`` is not a decimal number"),
        ("-", "`-` is not a decimal number"),
        ("1.", "`1.` is not a decimal number"),
        (".5", "`.5` is not a decimal number"),
        ("+1", "`+1` is not a decimal number"),
        ("1e", "`1e` is not a decimal number"),
        ("1_000", "`1_000` is not a decimal number"),
        ("NaN", "`NaN` is not a decimal number"),
        ("Infinity", "`Infinity` is not a decimal number"),
        (r#"" 1""#, "` 1` is not a decimal number"),
        ("1e-29", "`1e-29` has more than 28 decimal places"),
        (
            "0.12345678901234567890123456789",
            "`0.12345678901234567890123456789` has more than 28 decimal places",
        ),
        ("1e29", "`1e29` is out of range for a decimal"),
        (
            "79228162514264337593543950336",
            "is out of range for a decimal",
        ),
        ("1e99999999999999999999999", "is out of range for a decimal"),
        (
            "123456789012345678901234567890",
            "is out of range for a decimal",
        ),
    ] {
        let error = parse_decimal(text).expect_err(text);
        assert!(error.contains(message), "{text}: {error}");
    }
    let long = "9".repeat(100);
    let error = parse_decimal(&long).expect_err("too long");
    assert!(error.len() < 80, "{error}");
}

#[test]
fn decimal_serializes_digit_for_digit() {
    #[derive(Serialize)]
    struct Row {
        #[serde(with = "decimal")]
        a: Decimal,
        #[serde(with = "decimal::option")]
        b: Option<Decimal>,
        #[serde(with = "decimal::option")]
        c: Option<Decimal>,
    }
    let row = Row {
        a: dec("922337203685477.0000"),
        b: Some(dec("1E-12")),
        c: None,
    };
    assert_eq!(
        serde_json::to_string(&row).expect("writes"),
        r#"{"a":922337203685477.0000,"b":0.000000000001,"c":null}"#
    );
}

#[test]
fn json_api() {
    let null = Json::null();
    assert!(null.is_null());
    assert_eq!(null, Json::default());
    assert_eq!(null.get(), "null");

    let json = Json::from_text(" [1, 2.50] ".into()).expect("valid");
    assert_eq!(json.get(), "[1, 2.50]");
    assert!(!json.is_null());
    assert_eq!(json.to_string(), "[1, 2.50]");
    assert_eq!(format!("{json:?}"), "Json([1, 2.50])");
    assert_eq!(json.parse::<Vec<f64>>().expect("parses"), [1.0, 2.5]);
    assert_eq!(
        json.try_to_value().expect("parses"),
        serde_json::from_str::<serde_json::Value>("[1,2.50]").expect("parses")
    );
    assert_eq!(json.to_value(), json.try_to_value().expect("parses"));
    assert_eq!("[1, 2.50]".parse::<Json>().expect("valid"), json);
    assert_ne!(json, Json::from_text("[1,2.5]".into()).expect("valid"));
    assert_eq!(json.as_raw().get(), "[1, 2.50]");
    assert_eq!(Json::from(json.clone().into_raw()), json);
    let raw: Box<RawValue> = json.clone().into();
    assert_eq!(raw.get(), "[1, 2.50]");

    assert!(Json::from_text("nope".into()).is_err());
    assert!(Json::from_text("1 2".into()).is_err());
    assert!(Json::from_text(String::new()).is_err());
    // Valid JSON a Value cannot hold.
    let huge = Json::from_text("1e400".into()).expect("valid");
    if !arbitrary_precision() {
        assert!(huge.try_to_value().is_err());
        assert_eq!(huge.to_value(), serde_json::Value::Null);
    }

    assert_eq!(
        Json::from_serialize(&("a", 1, [0.5]))
            .expect("serializes")
            .get(),
        r#"["a",1,[0.5]]"#
    );
    assert_eq!(
        Json::from_serialize(&f64::NAN).expect("serializes").get(),
        "null"
    );
    let set: HashSet<Json> = [Json::null(), Json::null(), json.clone()].into();
    assert_eq!(set.len(), 2);
    assert_eq!(
        format!("{:?}", Json::from_text(r#""a""#.into()).expect("valid")),
        r#"Json("a")"#
    );
}

#[test]
fn hashing_follows_the_text() {
    fn hash_of(json: &Json) -> u64 {
        let mut hasher = DefaultHasher::new();
        json.hash(&mut hasher);
        hasher.finish()
    }
    let json = |text: &str| Json::from_text(text.into()).expect("valid");
    let value = json("[1, 2.50]");
    assert_eq!(hash_of(&value), hash_of(&value.clone()));
    assert_eq!(hash_of(&value), hash_of(&json(" [1, 2.50]\n")));
    // Equal values written differently are different texts.
    for other in ["[1,2.50]", "[1, 2.5]", "null", "1.0", "1.00"] {
        assert_ne!(hash_of(&value), hash_of(&json(other)), "{other}");
    }
    assert_ne!(hash_of(&json("1.0")), hash_of(&json("1.00")));
}
