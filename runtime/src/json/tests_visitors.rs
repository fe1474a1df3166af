//! Deserializers other than `serde_json` (and its replay through serde's buffer): the
//! visitor methods only they reach, and the token maps they could forge.

use super::tests::Flat;
use super::*;

use serde::de::value::{
    Error as ValueError, F32Deserializer, I128Deserializer, I64Deserializer, MapAccessDeserializer,
    MapDeserializer, U128Deserializer, UnitDeserializer,
};

fn dec(text: &str) -> Decimal {
    parse_decimal(text).expect("a decimal")
}

/// Answers any request as a replaying deserializer other than serde's own buffer might: with
/// a newtype, a `Some` or a `None`. (`None` ignores its deserializer, which only fixes the
/// error type.)
enum Answer<D> {
    Newtype(D),
    Some(D),
    None(D),
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Answer<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self {
            Answer::Newtype(inner) => visitor.visit_newtype_struct(inner),
            Answer::Some(inner) => visitor.visit_some(inner),
            Answer::None(_) => visitor.visit_none(),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// A map of string pairs that, unlike [`MapDeserializer`] used directly, does not check
/// afterwards that the visitor read every entry.
fn unchecked_map<const N: usize>(
    entries: [(&'static str, &'static str); N],
) -> MapAccessDeserializer<
    MapDeserializer<'static, std::array::IntoIter<(&'static str, &'static str), N>, ValueError>,
> {
    MapAccessDeserializer::new(MapDeserializer::new(entries.into_iter()))
}

#[test]
fn json_from_other_deserializers() {
    fn text<'de>(deserializer: impl Deserializer<'de, Error = ValueError>) -> String {
        Json::deserialize(deserializer)
            .expect("reads")
            .get()
            .to_owned()
    }
    assert_eq!(
        text(I128Deserializer::new(i128::MIN)),
        "-170141183460469231731687303715884105728"
    );
    assert_eq!(
        text(U128Deserializer::new(u128::MAX)),
        "340282366920938463463374607431768211455"
    );
    // An f32 is widened through its shortest text.
    assert_eq!(text(F32Deserializer::new(0.1)), "0.1");
    assert_eq!(text(F32Deserializer::new(-2.5)), "-2.5");
    assert_eq!(text(F32Deserializer::new(f32::MAX)), "3.4028235e+38");
    for value in [f32::NAN, f32::INFINITY] {
        let error =
            Json::deserialize(F32Deserializer::<ValueError>::new(value)).expect_err("not finite");
        assert!(error.to_string().contains("expected any valid JSON value"));
    }
    assert_eq!(text(UnitDeserializer::new()), "null");
    assert_eq!(text(Answer::None(UnitDeserializer::new())), "null");
    assert_eq!(text(Answer::Some(I64Deserializer::new(-3))), "-3");
    assert_eq!(
        text(Answer::Some(Answer::Some(F32Deserializer::new(0.5)))),
        "0.5"
    );
    // After a newtype the raw-value token is an ordinary key.
    assert_eq!(
        text(Answer::Newtype(unchecked_map([(RAW_TOKEN, "1")]))),
        r#"{"$serde_json::private::RawValue":"1"}"#
    );
}

#[test]
fn decimals_from_other_deserializers() {
    fn text<'de>(deserializer: impl Deserializer<'de, Error = ValueError>) -> String {
        decimal::deserialize(deserializer)
            .expect("reads")
            .to_string()
    }
    fn error<'de>(deserializer: impl Deserializer<'de, Error = ValueError>) -> String {
        decimal::deserialize(deserializer)
            .expect_err("not a decimal")
            .to_string()
    }
    let max = "79228162514264337593543950335";
    assert_eq!(
        text(I128Deserializer::new(
            -max.parse::<i128>().expect("an i128")
        )),
        format!("-{max}")
    );
    assert_eq!(
        text(U128Deserializer::new(max.parse().expect("a u128"))),
        max
    );
    assert!(error(U128Deserializer::new(u128::MAX)).contains("is out of range for a decimal"));
    assert!(error(I128Deserializer::new(i128::MIN)).contains("is out of range for a decimal"));
    assert_eq!(text(F32Deserializer::new(0.1)), "0.1");
    assert_eq!(text(F32Deserializer::new(-12.25)), "-12.25");
    assert!(error(F32Deserializer::new(f32::NAN)).contains("expected a decimal number"));
    assert_eq!(
        decimal::option::deserialize(I128Deserializer::<ValueError>::new(7)).expect("reads"),
        Some(dec("7"))
    );
    assert_eq!(
        decimal::option::deserialize(F32Deserializer::<ValueError>::new(0.25)).expect("reads"),
        Some(dec("0.25"))
    );
    for null in [
        Answer::Newtype(UnitDeserializer::<ValueError>::new()),
        Answer::None(UnitDeserializer::new()),
    ] {
        assert_eq!(decimal::option::deserialize(null).expect("reads"), None);
    }
    assert!(error(UnitDeserializer::new()).contains("`null` is not a decimal number"));
    assert_eq!(text(Answer::Some(U128Deserializer::new(5))), "5");

    // After a newtype the raw-value token is an ordinary key, and a map is no decimal; the
    // number token still is one.
    assert_eq!(
        error(Answer::Newtype(unchecked_map([(RAW_TOKEN, "1")]))),
        "invalid type: map, expected a decimal number"
    );
    assert_eq!(
        text(Answer::Newtype(unchecked_map([(NUMBER_TOKEN, "1.50")]))),
        "1.50"
    );
    assert_eq!(text(unchecked_map([(RAW_TOKEN, "1.50")])), "1.50");
}

#[test]
fn token_maps_must_have_one_entry() {
    for token in [RAW_TOKEN, NUMBER_TOKEN] {
        let map = || unchecked_map([(token, "1"), ("x", "2")]);
        let message = "unexpected entry after a serde_json token";
        let error = Json::deserialize(map()).expect_err("two entries");
        assert_eq!(error.to_string(), message, "{token}");
        let error = decimal::deserialize(map()).expect_err("two entries");
        assert_eq!(error.to_string(), message, "{token}");
        assert_eq!(
            Json::deserialize(unchecked_map([(token, "1")]))
                .expect("reads")
                .get(),
            "1"
        );
    }
}

#[test]
fn buffered_raw_value_key_is_no_decimal() {
    let input = r#"{"amount":{"$serde_json::private::RawValue":"1"}}"#;
    let error = serde_json::from_str::<Flat>(input).expect_err("a map");
    assert!(
        error
            .to_string()
            .contains("invalid type: map, expected a decimal number"),
        "{error}"
    );
}
