//! Decimal numbers: exact parsing of JSON number text, and the serde helpers for `Decimal`
//! fields of your own types.

use super::*;

/// The pieces of a JSON number text.
pub(super) struct NumberParts<'a> {
    negative: bool,
    integer: &'a [u8],
    fraction: &'a [u8],
    exponent: i64,
}

/// Splits a JSON number (`-?digits(.digits)?([eE][+-]?digits)?`; leading zeros allowed), or
/// `None` if `text` is not one. The exponent saturates, far beyond any decimal's range.
pub(super) fn parse_number(text: &str) -> Option<NumberParts<'_>> {
    fn digits(bytes: &[u8]) -> (&[u8], &[u8]) {
        let end = bytes
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len());
        bytes.split_at(end)
    }

    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let (integer, mut rest) = digits(rest);
    if integer.is_empty() {
        return None;
    }
    let mut fraction: &[u8] = &[];
    if let Some((b'.', after)) = rest.split_first() {
        (fraction, rest) = digits(after);
        if fraction.is_empty() {
            return None;
        }
    }
    let mut exponent = 0_i64;
    if let Some((b'e' | b'E', after)) = rest.split_first() {
        let (exponent_negative, after) = match after.split_first() {
            Some((b'-', after)) => (true, after),
            Some((b'+', after)) => (false, after),
            _ => (false, after),
        };
        let exponent_digits;
        (exponent_digits, rest) = digits(after);
        if exponent_digits.is_empty() {
            return None;
        }
        for &digit in exponent_digits {
            exponent = exponent
                .saturating_mul(10)
                .saturating_add(i64::from(digit - b'0'))
                .min(i64::from(u32::MAX));
        }
        if exponent_negative {
            exponent = -exponent;
        }
    }
    rest.is_empty().then_some(NumberParts {
        negative,
        integer,
        fraction,
        exponent,
    })
}

/// At most 40 characters of `text`, for error messages.
pub(super) fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Reads a JSON number text into a [`Decimal`], exactly.
///
/// Accepts the JSON number grammar (leading zeros allowed), scientific notation included
/// (`1E-12`, `-2.5e3`), bare or as a quoted JSON string (`"12.50"`, as the Web API writes
/// decimals when asked for `IEEE754Compatible=true`). The scale is the one written (`12.50`
/// keeps two decimal places; `-2.5e3` is `-2500`), trimmed of trailing zeros only when the
/// [`Decimal`] could not hold them. A value that a [`Decimal`] cannot hold exactly (more than
/// 28 decimal places, or beyond its 96-bit mantissa) is an error rather than rounded. Error
/// messages are short, for the caller to prefix with the column: "`abc` is not a decimal
/// number".
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    let number = text
        .strip_prefix('"')
        .and_then(|quoted| quoted.strip_suffix('"'))
        .unwrap_or(text);
    let parts = parse_number(number)
        .ok_or_else(|| format!("`{}` is not a decimal number", shorten(number)))?;
    let out_of_range = || format!("`{}` is out of range for a decimal", shorten(number));

    let digit_count = parts.integer.len() + parts.fraction.len();
    let digit_at = |i: usize| match parts.integer.get(i) {
        Some(&digit) => digit,
        None => parts.fraction[i - parts.integer.len()],
    };
    // The written scale: digits after the point, less the exponent. Lengths beyond i64 are
    // impossible in memory; saturating keeps the arithmetic total anyway.
    let fraction_len = i64::try_from(parts.fraction.len()).unwrap_or(i64::MAX);
    let written_scale = fraction_len.saturating_sub(parts.exponent);
    let scale = written_scale.clamp(0, MAX_SCALE);

    let Some(first) = (0..digit_count).find(|&i| digit_at(i) != b'0') else {
        return Ok(Decimal::from_parts(
            0,
            0,
            0,
            parts.negative,
            scale_u32(scale),
        ));
    };
    let last = (0..digit_count)
        .rev()
        .find(|&i| digit_at(i) != b'0')
        .unwrap_or(first);
    // The scale the significant digits need on their own (trailing zeros dropped).
    let trailing_zeros = i64::try_from(digit_count - 1 - last).unwrap_or(i64::MAX);
    let needed_scale = written_scale.saturating_sub(trailing_zeros);
    if needed_scale > MAX_SCALE {
        return Err(format!(
            "`{}` has more than {MAX_SCALE} decimal places",
            shorten(number)
        ));
    }
    // 2⁹⁶ has 29 digits, so more never fit (and would overflow the u128 below).
    if last - first + 1 > 29 {
        return Err(out_of_range());
    }
    let mut core = 0_u128;
    for i in first..=last {
        core = core * 10 + u128::from(digit_at(i) - b'0');
    }
    // Keep the written trailing zeros if they fit, else as few as the scale needs.
    let mantissa = [scale, needed_scale.max(0)].into_iter().find_map(|scale| {
        let zeros = u32::try_from(scale - needed_scale).ok()?;
        let mantissa = core.checked_mul(10_u128.checked_pow(zeros)?)?;
        (mantissa <= MAX_MANTISSA).then_some((mantissa, scale))
    });
    let (mantissa, scale) = mantissa.ok_or_else(out_of_range)?;
    Ok(Decimal::from_parts(
        (mantissa & 0xFFFF_FFFF) as u32,
        ((mantissa >> 32) & 0xFFFF_FFFF) as u32,
        (mantissa >> 64) as u32,
        parts.negative,
        scale_u32(scale),
    ))
}

/// A scale already clamped to `0..=28`.
fn scale_u32(scale: i64) -> u32 {
    u32::try_from(scale.clamp(0, MAX_SCALE)).unwrap_or(0)
}

/// `serde` `with` helpers for a user's own [`Decimal`] fields, exact in direct mode and as
/// exact as serde's buffer allows inside `#[serde(flatten)]` and `#[serde(untagged)]` (see the
/// [module documentation](crate::json)).
///
/// Reading accepts a JSON number, a quoted number string and, in buffered mode, the `i64`,
/// `u64` or `f64` serde kept; writing produces the [`Decimal`]'s digits as a JSON number
/// (`922337203685477.0000`, `0.000000000001`), scale included.
///
/// ```ignore
/// use dataverse_runtime::json::{decimal, Json};
/// use rust_decimal::Decimal;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Invoice {
///     #[serde(with = "decimal")]
///     total: Decimal,
///     #[serde(default, with = "decimal::option")]
///     discount: Option<Decimal>,
///     details: Json,
/// }
///
/// // Exact through `serde_json` directly, and as documented inside flatten and untagged.
/// #[derive(serde::Deserialize)]
/// struct Page {
///     #[serde(flatten)]
///     invoice: Invoice,
///     #[serde(rename = "@odata.etag")]
///     etag: String,
/// }
/// ```
pub mod decimal {
    use super::{DecimalVisitor, RAW_TOKEN};
    use rust_decimal::Decimal;
    use serde::{de::Error as _, ser::Error as _, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    /// Writes `value` digit for digit as a JSON number.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        RawValue::from_string(value.to_string())
            .map_err(S::Error::custom)?
            .serialize(serializer)
    }

    /// Reads a JSON number (or quoted number) into a [`Decimal`]; `null` is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer
            .deserialize_newtype_struct(RAW_TOKEN, DecimalVisitor { raw_token: true })?
            .ok_or_else(|| D::Error::custom("`null` is not a decimal number"))
    }

    /// The same for `Option<Decimal>` fields: `null` reads as `None` and `None` writes
    /// `null`. Add `default` to also read a missing field as `None`:
    /// `#[serde(default, with = "decimal::option")]`.
    pub mod option {
        use super::super::DecimalVisitor;
        use rust_decimal::Decimal;
        use serde::{Deserializer, Serializer};

        /// Writes `Some` digit for digit as a JSON number and `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<Decimal>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `null` as `None` and a JSON number (or quoted number) as `Some`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            deserializer.deserialize_option(DecimalVisitor { raw_token: true })
        }
    }
}

/// Reads a decimal number; `null` reads as `None` (the non-optional helper rejects it).
///
/// `raw_token` as for [`JsonVisitor`].
struct DecimalVisitor {
    raw_token: bool,
}

impl DecimalVisitor {
    fn text<E: de::Error>(text: &str) -> Result<Option<Decimal>, E> {
        if text.trim() == "null" {
            return Ok(None);
        }
        parse_decimal(text).map(Some).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(DecimalVisitor { raw_token: false })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(v)))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Self::text(&v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Self::text(&v.to_string())
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Self::Value, E> {
        self.visit_f64(widen_f32(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        match recover_f64(v).and_then(f64_text) {
            Some(text) => Self::text(&text),
            None => Err(not_finite(v, &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse_decimal(v).map(Some).map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_newtype_struct(RAW_TOKEN, DecimalVisitor { raw_token: true })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let first = map.next_key::<String>()?;
        match first.as_deref() {
            Some(RAW_TOKEN) if self.raw_token => {}
            Some(NUMBER_TOKEN) => {}
            _ => return Err(de::Error::invalid_type(Unexpected::Map, &self)),
        }
        let text = map.next_value::<String>()?;
        end_token_map(&mut map)?;
        Self::text(&text)
    }
}
