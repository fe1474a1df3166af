//! Exact JSON values and decimals that also work inside `#[serde(flatten)]` and
//! `#[serde(untagged)]`.
//!
//! # Why
//!
//! Decimal and Money columns must be read digit for digit (`922337203685477.0000`,
//! `1E-12`), which `serde_json` supports through its raw values: asking the deserializer for
//! the newtype struct named `$serde_json::private::RawValue` makes `serde_json` hand over the
//! exact text of the next value. `Box<RawValue>` itself only understands that answer, though.
//! Inside a `#[serde(flatten)]` field or an `#[serde(untagged)]` enum, serde first buffers the
//! input into its private `Content` tree and then replays it; the replay answers the raw-value
//! request with an ordinary newtype, and `Box<RawValue>` fails with "invalid type: newtype
//! struct, expected any valid JSON value".
//!
//! [`Json`] and the [`decimal`] helpers ask the same question but accept every answer:
//!
//! | Mode | What the visitor receives | Result |
//! |------|---------------------------|--------|
//! | Direct: `serde_json::from_str`, `from_slice`, `from_reader`, `from_value` | a one-entry map `{"$serde_json::private::RawValue": text}` | the exact text |
//! | Buffered: flatten, untagged, internally tagged, any other replaying deserializer | a newtype, then plain `bool`/`i64`/`u64`/`f64`/`str`/`unit`/seq/map events | compact JSON rebuilt from the events |
//! | Buffered, `serde_json` built with `arbitrary_precision` | numbers as a one-entry map `{"$serde_json::private::Number": digits}` | the exact digits |
//!
//! # Precision
//!
//! * **Direct mode is exact**, whatever the number: every digit and the scale (`12.50` stays
//!   `12.50`); a [`Json`] also keeps the exponent form (`1E-12`), whitespace inside arrays and
//!   objects, and string escapes, byte for byte. `serde_json::from_value` is direct too, but a
//!   `Value` holds non-integers as `f64` (unless `arbitrary_precision` is on), so what is kept
//!   is the `Value`'s own text.
//! * **Buffered mode** only sees what serde's buffer kept.
//!   * Integers within `i64`/`u64` are exact.
//!   * Every other number was parsed to an `f64` by `serde_json` before this code runs. It is
//!     written back as the shortest text that reads as that `f64` (as `serde_json` prints
//!     floats), except that where `serde_json`'s parser is one unit in the last place off and
//!     a decimal of at most 15 significant digits accounts for the `f64`, that decimal is
//!     taken instead. So a value with **at most 15 significant digits** (trailing zeros do not
//!     count) and at most 22 decimal places **comes back exactly**, however the Web API pads
//!     it (`16610813161703.0000`, `3059851183.4600000000`): that covers every Dataverse Money
//!     (4 places) and Decimal (at most 10 places) value of up to 15 significant digits. The
//!     written scale and form are lost: `12.50` reads as `12.5`, `1E-12` as `1e-12`, `-2.5e3`
//!     as `-2500.0`, `922337203685477.0000` as `922337203685477.0`.
//!   * Values with more significant digits cannot survive an `f64` (it holds 15.9 digits) and
//!     keep about 15: the largest Money value `922337203685477.5807` reads as
//!     `922337203685477.6`, and a value within one ulp of a 15-digit decimal reads as that
//!     decimal (`0.30000000000000004` as `0.3`).
//!   * Only `serde_json`'s `arbitrary_precision` feature keeps every digit inside flatten and
//!     untagged: it buffers numbers in the map form above, which is read exactly, except that
//!     `serde_json` writes the exponent marker as `e-`/`e+` (`1E-12` → `1e-12`, `2E3` →
//!     `2e+3`). The `float_roundtrip` feature makes `serde_json`'s `f64`s correctly rounded,
//!     which the recovery above then never needs to correct.
//!   * A [`Json`] is re-encoded compactly: no whitespace, escapes normalised (`"\u00e9"` →
//!     `"é"`), keys in input order, duplicates kept.
//! * No mode produces `NaN` or an infinity: JSON cannot spell them, and a deserializer that
//!   hands one over gets an error.
//!
//! Serializing writes the kept text verbatim through a `RawValue`, so `serde_json` output
//! carries every digit; `serde_json::to_value` parses the text back into a `Value`, and other
//! formats see `serde_json`'s private raw-value struct.
//!
//! Reading the exact text costs one extra validation pass over it: a deserializer other than
//! `serde_json` could answer with the raw-value token too, and text that is not one JSON value
//! must never be written out verbatim.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{
    self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The newtype name `serde_json` answers with the raw text of the next value.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// The map key `serde_json` (with `arbitrary_precision`) uses to hand over a number's digits.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The most decimal places a [`Decimal`] holds.
const MAX_SCALE: i64 = 28;

/// The largest [`Decimal`] mantissa, 2⁹⁶ − 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// One JSON value kept as its exact text.
///
/// Read from `serde_json` directly, the text is the input byte for byte; read through a
/// buffering wrapper (`#[serde(flatten)]`, `#[serde(untagged)]`), it is rebuilt compactly, with
/// non-integer numbers going through `f64` (see the [module documentation](self)). The text is
/// always one valid JSON value without surrounding whitespace; equality and hashing compare
/// the text, so `1.0` and `1.00` differ.
#[derive(Clone)]
pub struct Json(Box<RawValue>);

impl Json {
    /// The JSON `null`.
    pub fn null() -> Self {
        Json(RawValue::NULL.to_owned())
    }

    /// Checks that `text` is one JSON value and keeps it, without surrounding whitespace.
    pub fn from_text(text: String) -> Result<Self, serde_json::Error> {
        RawValue::from_string(text).map(Json)
    }

    /// Serializes `value` with `serde_json` (compact) and keeps the text.
    ///
    /// As with `serde_json::to_string`, a non-finite `f64` is written as `null`.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(Json)
    }

    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Whether this is the JSON `null`.
    pub fn is_null(&self) -> bool {
        self.get() == "null"
    }

    /// Parses the text into a [`serde_json::Value`] (non-integers through `f64` unless
    /// `serde_json`'s `arbitrary_precision` is on), or `Value::Null` in the rare case that
    /// fails: see [`Json::try_to_value`].
    pub fn to_value(&self) -> serde_json::Value {
        self.try_to_value().unwrap_or_default()
    }

    /// Parses the text into a [`serde_json::Value`].
    ///
    /// This can fail although the text is valid JSON: a `Value` cannot hold a number beyond the
    /// `f64` range such as `1e400` (unless `serde_json`'s `arbitrary_precision` is on), and
    /// `serde_json` stops at 128 levels of nesting.
    pub fn try_to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// Deserializes `T` from the text with `serde_json` directly, so fields using [`Json`] or
    /// [`decimal`] read their values exactly.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// The underlying raw value.
    pub fn as_raw(&self) -> &RawValue {
        &self.0
    }

    /// Unwraps the underlying raw value.
    pub fn into_raw(self) -> Box<RawValue> {
        self.0
    }
}

impl From<Box<RawValue>> for Json {
    fn from(raw: Box<RawValue>) -> Self {
        Json(raw)
    }
}

impl From<Json> for Box<RawValue> {
    fn from(json: Json) -> Self {
        json.0
    }
}

impl FromStr for Json {
    type Err = serde_json::Error;

    /// The same as [`Json::from_text`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Json::from_text(text.to_owned())
    }
}

impl Default for Json {
    /// The JSON `null`.
    fn default() -> Self {
        Json::null()
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Json {}

impl Hash for Json {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Json")
            .field(&format_args!("{}", self.get()))
            .finish()
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_TOKEN, JsonVisitor { raw_token: true })
    }
}

/// Keeps serialized text, turning the (never expected) serializer error into `E`.
fn to_json<T: Serialize + ?Sized, E: de::Error>(value: &T) -> Result<Json, E> {
    Json::from_serialize(value).map_err(E::custom)
}

/// Undoes `serde_json`'s float parsing error where that is unambiguous, so a decimal with at
/// most 15 significant digits comes back exactly; `None` for `NaN` and the infinities.
///
/// Without its `float_roundtrip` feature, `serde_json` reads `digits × 10^e` as
/// `digits as f64` multiplied or divided by `10^e as f64`. Each step rounds, so once the
/// written digits (trailing zeros included) exceed 2⁵³, or `|e|` exceeds 22, the result can be
/// one unit in the last place (ulp) off the correctly rounded `f64`: `16610813161703.0000`
/// reads as the `f64` whose shortest text is `16610813161703.002`. (With both, two ulps are
/// possible.) Decimals of at most 15 significant digits lie at least 4.5 ulp apart, so when the
/// shortest text of `value` needs more than 15 digits but the 15-digit rounding of `value`
/// reads back within one ulp of it, that rounding is what was written, and its `f64` is
/// returned. Otherwise `value` is returned unchanged.
fn recover_f64(value: f64) -> Option<f64> {
    let shortest = serde_json::Number::from_f64(value)?.to_string();
    if significant_digits(&shortest) <= 15 {
        return Some(value);
    }
    let candidate: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    let close = candidate.is_finite()
        && candidate.is_sign_negative() == value.is_sign_negative()
        && candidate.to_bits().abs_diff(value.to_bits()) <= 1;
    Some(if close { candidate } else { value })
}

/// The significant digits of a number text: leading and trailing zeros do not count.
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_matches('0').len()
}

/// The text `serde_json` writes for a finite `f64`: the shortest that reads back the same.
fn f64_text(value: f64) -> Option<String> {
    serde_json::Number::from_f64(value).map(|number| number.to_string())
}

/// An `f32` widened through its shortest text, so `0.1f32` becomes `0.1` rather than
/// `0.10000000149011612`.
fn widen_f32(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}

/// The error for `NaN` and the infinities, which JSON cannot spell.
fn not_finite<E: de::Error>(value: f64, expected: &dyn de::Expected) -> E {
    E::invalid_value(Unexpected::Float(value), expected)
}

/// Reads the rest of a one-entry token map, failing if it has a second entry.
fn end_token_map<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    match map.next_key::<IgnoredAny>()? {
        Some(_) => Err(de::Error::custom(
            "unexpected entry after a serde_json token",
        )),
        None => Ok(()),
    }
}

/// Reads any JSON value into [`Json`].
///
/// `raw_token` is set when the deserializer was just asked for the raw-value newtype, so a map
/// whose first key is the raw-value token is `serde_json`'s answer; after a replayed newtype it
/// is an ordinary object that happens to use that key.
struct JsonVisitor {
    raw_token: bool,
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor { raw_token: false })
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        to_json(&v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        to_json(&v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        to_json(&v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Json, E> {
        to_json(&v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Json, E> {
        to_json(&v)
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Json, E> {
        self.visit_f64(widen_f32(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        match recover_f64(v) {
            Some(v) => to_json(&v),
            None => Err(not_finite(v, &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        to_json(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::null())
    }

    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::null())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        to_json(&items)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return to_json(&Object(&[]));
        };
        if self.raw_token && first == RAW_TOKEN {
            let text = map.next_value::<String>()?;
            end_token_map(&mut map)?;
            return Json::from_text(text).map_err(de::Error::custom);
        }
        if first == NUMBER_TOKEN {
            let digits = map.next_value::<String>()?;
            end_token_map(&mut map)?;
            if parse_number(&digits).is_none() {
                return Err(de::Error::custom(format!(
                    "`{}` is not a JSON number",
                    shorten(&digits)
                )));
            }
            return Json::from_text(digits).map_err(de::Error::custom);
        }
        let mut entries = vec![(first, map.next_value::<Json>()?)];
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value::<Json>()?));
        }
        to_json(&Object(&entries))
    }
}

/// Writes an object's entries in their order, duplicates included.
struct Object<'a>(&'a [(String, Json)]);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

mod number;

pub use number::{decimal, parse_decimal};
use number::{parse_number, shorten};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_buffered;
#[cfg(test)]
mod tests_visitors;
