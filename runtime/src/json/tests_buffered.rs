//! Buffered mode: `Json` and the decimal helpers inside `#[serde(flatten)]`, untagged and
//! internally tagged types, where serde has already parsed every number.

use super::tests::*;
use super::*;

#[test]
fn flatten_reads_plain_values_unchanged() {
    for &text in PLAIN {
        let input = format!(r#"{{"other":7,"value":{text},"amount":{text}}}"#);
        let wrapper: Wrapper = match serde_json::from_str(&input) {
            Ok(wrapper) => wrapper,
            // Only numbers and null are decimals.
            Err(e) => {
                assert!(
                    !text.starts_with(|c: char| c == '-' || c == 'n' || c.is_ascii_digit()),
                    "{text}: {e}"
                );
                continue;
            }
        };
        assert_eq!(wrapper.inner.value.get(), text);
        assert_eq!(wrapper.other, 7);
        let amount = wrapper.inner.amount.map(|d| d.to_string());
        assert_eq!(amount.as_deref(), (text != "null").then_some(text));
        let owned: Wrapper = serde_json::from_reader(input.as_bytes()).expect("reads");
        assert_eq!(owned, wrapper);
    }
}

#[test]
fn flatten_precision_is_as_documented() {
    for (text, json, amount) in [
        // The scale and the exponent form go; the value stays.
        (
            "12.50",
            buffered("12.50", "12.5"),
            buffered("12.50", "12.5"),
        ),
        // arbitrary_precision keeps the digits but writes the exponent as `e` / `e+`.
        ("1E-12", "1e-12", "0.000000000001"),
        // An integral f64 is written with `.0`, which the decimal keeps as its scale.
        (
            "-2.5e3",
            buffered("-2.5e+3", "-2500.0"),
            buffered("-2500", "-2500.0"),
        ),
        (
            "922337203685477.0000",
            buffered("922337203685477.0000", "922337203685477.0"),
            buffered("922337203685477.0000", "922337203685477.0"),
        ),
        // Padding beyond 2^53 makes serde_json's f64 an ulp off; recovered.
        (
            "16610813161703.0000",
            buffered("16610813161703.0000", "16610813161703.0"),
            buffered("16610813161703.0000", "16610813161703.0"),
        ),
        (
            "3059851183.4600000000",
            buffered("3059851183.4600000000", "3059851183.46"),
            buffered("3059851183.4600000000", "3059851183.46"),
        ),
        // Beyond 15 significant digits the f64 decides: the largest Money value.
        (
            "922337203685477.5807",
            buffered("922337203685477.5807", "922337203685477.6"),
            buffered("922337203685477.5807", "922337203685477.6"),
        ),
        (
            "0.1234567890123456789",
            buffered("0.1234567890123456789", "0.12345678901234568"),
            buffered("0.1234567890123456789", "0.12345678901234568"),
        ),
        // Integers within u64 stay exact whatever their length.
        (
            "12345678901234567890",
            "12345678901234567890",
            "12345678901234567890",
        ),
    ] {
        let input = format!(r#"{{"value":{text},"amount":{text},"other":1}}"#);
        let wrapper: Wrapper = serde_json::from_str(&input).expect("reads");
        assert_eq!(wrapper.inner.value.get(), json, "{text}");
        assert_eq!(
            wrapper.inner.amount.map(|d| d.to_string()).as_deref(),
            Some(amount),
            "{text}"
        );
    }
}

#[test]
fn flatten_reads_values_with_up_to_15_digits_exactly() {
    // Values of up to 15 significant digits, padded to the column's scale as the Web API
    // writes them (`12.5000`): every value must come back, only the padding may go. The
    // padding makes serde_json's f64 an ulp off for many of them.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..40_000 {
        let column_scale = [0_u32, 2, 4, 10, 22][i % 5];
        let digits = 1 + (next() % 15) as u32;
        let mantissa = next() % 10_u64.pow(digits);
        let mut value = Decimal::from_parts(
            mantissa as u32,
            (mantissa >> 32) as u32,
            0,
            i % 3 == 0,
            (next() % u64::from(column_scale + 1)) as u32,
        );
        value.rescale(column_scale);
        let text = value.to_string();
        let input = format!(r#"{{"value":{text},"amount":{text},"other":1}}"#);
        let wrapper: Wrapper = serde_json::from_str(&input).expect("reads");
        assert_eq!(wrapper.inner.amount, Some(value), "{text}");
        assert_eq!(dec(wrapper.inner.value.get()), value, "{text}");
    }
}

#[test]
fn recovers_from_serde_json_float_parsing() {
    for text in [
        "16610813161703.0000",
        "529681652022342.0000",
        "3059851183.4600000000",
        "71488509311439.4000",
    ] {
        let parsed: f64 = serde_json::from_str(text).expect("reads");
        let correct: f64 = text.parse().expect("parses");
        // serde_json's default parser is an ulp off on these (not with `float_roundtrip`,
        // where recovery is a no-op).
        assert_eq!(recover_f64(parsed), Some(correct), "{text}");
    }
    // Nothing to recover: a 16- or 17-digit value keeps its shortest text...
    for text in [
        "12345678901234.56",
        "0.1234567890123457",
        "1.7976931348623157e308",
    ] {
        let value: f64 = text.parse().expect("parses");
        assert_eq!(recover_f64(value), Some(value), "{text}");
    }
    // ...unless it is within an ulp of a 15-digit decimal, as documented.
    assert_eq!(recover_f64(0.1 + 0.2), Some(0.3));
    assert_eq!(recover_f64(f64::NAN), None);
    assert_eq!(recover_f64(f64::INFINITY), None);
    assert_eq!(significant_digits("-0.00012300e-5"), 3);
    assert_eq!(significant_digits("16610813161703.002"), 17);
}

#[test]
fn flatten_keeps_strings_and_structure() {
    let input = r#"{"other":1,"value":{ "b" : [ 1 , 2.5 , { "c" : "\u0041\"\\\n😀\ud83d\ude00" } ] , "a" : null, "a" : true }}"#;
    let wrapper: Wrapper = serde_json::from_str(input).expect("reads");
    assert_eq!(
        wrapper.inner.value.get(),
        r#"{"b":[1,2.5,{"c":"A\"\\\n😀😀"}],"a":null,"a":true}"#
    );
    assert_eq!(wrapper.inner.amount, None);

    // A field serde_json never answers with: an ordinary key in buffered mode.
    let input = r#"{"other":1,"value":{"$serde_json::private::RawValue":"1,\"x\":2"}}"#;
    let wrapper: Wrapper = serde_json::from_str(input).expect("reads");
    assert_eq!(
        wrapper.inner.value.get(),
        r#"{"$serde_json::private::RawValue":"1,\"x\":2"}"#
    );
    // In direct mode serde_json's own answer wins, so the object is kept as text.
    let object = r#"{"$serde_json::private::RawValue":"1,\"x\":2"}"#;
    let json: Json = serde_json::from_str(object).expect("reads");
    assert_eq!(json.get(), object);
}

#[test]
fn flatten_round_trips_through_serialize() {
    let input = r#"{"value":[1,{"a":"b"}],"amount":-0.0001,"other":2}"#;
    let wrapper: Wrapper = serde_json::from_str(input).expect("reads");
    assert_eq!(serde_json::to_string(&wrapper).expect("writes"), input);

    #[derive(Debug, Deserialize)]
    struct Rest {
        id: u32,
        #[serde(flatten)]
        rest: Json,
    }
    let rest: Rest = serde_json::from_str(r#"{"z":1.5,"id":4,"a":[true]}"#).expect("reads");
    assert_eq!(rest.id, 4);
    assert_eq!(rest.rest.get(), r#"{"z":1.5,"a":[true]}"#);
}

#[test]
fn untagged_enums_read_json_and_decimals() {
    let money: Payload =
        serde_json::from_str(r#"{"money": 922337203685477.0000, "currency": "EUR"}"#)
            .expect("reads");
    let Payload::Money { money, currency } = money else {
        panic!("not money: {money:?}");
    };
    assert_eq!(currency, "EUR");
    assert_eq!(
        money.to_string(),
        buffered("922337203685477.0000", "922337203685477.0")
    );

    let row: Payload =
        serde_json::from_str(r#"{"value":{"x":[1E-12]},"amount":1E-12}"#).expect("reads");
    let Payload::Row(row) = row else {
        panic!("not a row: {row:?}");
    };
    assert_eq!(row.value.get(), r#"{"x":[1e-12]}"#);
    assert_eq!(row.amount, Some(dec("1E-12")));

    let anything: Payload = serde_json::from_str(r#"[1, "two", null]"#).expect("reads");
    assert_eq!(
        anything,
        Payload::Anything(Json::from_text(r#"[1,"two",null]"#.into()).expect("valid"))
    );

    // Option<Json> in buffered mode.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    enum Maybe {
        Value { value: Option<Json> },
    }
    let Maybe::Value { value } = serde_json::from_str(r#"{"value":null}"#).expect("reads");
    assert_eq!(value, None);
    let Maybe::Value { value } = serde_json::from_str(r#"{"value":0.5}"#).expect("reads");
    assert_eq!(value.as_ref().map(Json::get), Some("0.5"));
}

#[test]
fn internally_tagged_enums_and_vectors_of_wrappers() {
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "kind")]
    enum Tagged {
        Line {
            #[serde(with = "decimal")]
            price: Decimal,
            extra: Json,
        },
    }
    let Tagged::Line { price, extra } =
        serde_json::from_str(r#"{"extra":{"n":-0.0001},"price":12345.6700,"kind":"Line"}"#)
            .expect("reads");
    assert_eq!(price.to_string(), buffered("12345.6700", "12345.67"));
    assert_eq!(extra.get(), r#"{"n":-0.0001}"#);

    // A page of flattened records, read straight from a reader.
    let page = r#"[{"value":1,"amount":0.5,"other":1},{"value":[],"other":2}]"#;
    let rows: Vec<Wrapper> = serde_json::from_reader(page.as_bytes()).expect("reads");
    assert_eq!(rows[0].inner.amount, Some(dec("0.5")));
    assert_eq!(rows[1].inner.value.get(), "[]");
    assert_eq!(rows[1].inner.amount, None);
}
