//! How each column type travels in Web API JSON: one [`Wire`] impl per Rust type a column can
//! have, reading from and writing to exact JSON text.
//!
//! Date and Time columns follow the column's *behaviour* (Microsoft Learn, "Behavior and format
//! of the Date and Time column"), never its format: *User local* values are UTC date-times
//! whatever the format says ([`DateTime`]), *Date only* values are bare dates ([`Date`]), and
//! *Time zone independent* values are wall-clock date-times sent with a `Z` that means nothing
//! ([`LocalDateTime`]).

use super::json::{parse_decimal, Json};
use super::Decimal;
use chrono::{NaiveDate, NaiveDateTime, SecondsFormat};
use uuid::Uuid;

/// A *User local* Date and Time column (either format): the Web API sends and takes UTC,
/// `2024-01-31T08:30:00Z`.
pub type DateTime = chrono::DateTime<chrono::Utc>;

/// A *Date only* column: a calendar date with no time zone, `2024-01-31` on the wire.
pub type Date = NaiveDate;

/// A *Time zone independent* column: the date and time as entered, with no time zone. The Web
/// API writes it with a trailing `Z` (`2024-01-31T08:30:00Z`) that does not mean UTC.
pub type LocalDateTime = NaiveDateTime;

/// A column value type: read from and written to the JSON text of one Web API property.
pub trait Wire: Sized {
    /// What a value looks like, for errors: "a string", "a date (`2024-01-31`)".
    const EXPECTED: &'static str;

    /// The value of a non-null property; `None` when the JSON has another shape.
    fn read(json: &Json) -> Option<Self>;

    /// The JSON of the value.
    fn write(&self) -> Json;
}

fn quoted(text: &str) -> Json {
    Json::from_serialize(&text).unwrap_or_default()
}

macro_rules! plain {
    ($($ty:ty => $expected:literal),* $(,)?) => {$(
        impl Wire for $ty {
            const EXPECTED: &'static str = $expected;

            fn read(json: &Json) -> Option<Self> {
                json.parse().ok()
            }

            fn write(&self) -> Json {
                Json::from_serialize(self).unwrap_or_default()
            }
        }

        impl super::body::Value for $ty {
            type Kind = super::column::kind::Prop;
        }
    )*};
}

plain! {
    String => "a string",
    i32 => "a whole number (32-bit)",
    bool => "true or false",
    Uuid => "a GUID string",
    super::BooleanManagedProperty => "a BooleanManagedProperty object",
}

impl Wire for f64 {
    const EXPECTED: &'static str = "a number";

    fn read(json: &Json) -> Option<Self> {
        json.parse().ok()
    }

    fn write(&self) -> Json {
        // Not finite numbers have no JSON form; Dataverse never sends them.
        Json::from_serialize(self).unwrap_or_default()
    }
}

/// BigInt: a JSON number, or a quoted one (`Content-Type: application/json;IEEE754Compatible=true`
/// makes the Web API quote 64-bit integers and decimals).
impl Wire for i64 {
    const EXPECTED: &'static str = "a whole number (64-bit)";

    fn read(json: &Json) -> Option<Self> {
        json.parse()
            .ok()
            .or_else(|| json.parse::<String>().ok()?.parse().ok())
    }

    fn write(&self) -> Json {
        Json::from_serialize(self).unwrap_or_default()
    }
}

impl Wire for Decimal {
    const EXPECTED: &'static str = "a decimal number";

    /// A JSON number, or a quoted one (IEEE754Compatible), digit for digit.
    fn read(json: &Json) -> Option<Self> {
        parse_decimal(json.get()).ok()
    }

    fn write(&self) -> Json {
        Json::from_text(self.to_string()).unwrap_or_default()
    }
}

impl Wire for DateTime {
    const EXPECTED: &'static str = "a UTC date-time (`2024-01-31T08:30:00Z`)";

    fn read(json: &Json) -> Option<Self> {
        let text: String = json.parse().ok()?;
        chrono::DateTime::parse_from_rfc3339(&text)
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    }

    fn write(&self) -> Json {
        quoted(&self.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl Wire for Date {
    const EXPECTED: &'static str = "a date (`2024-01-31`)";

    fn read(json: &Json) -> Option<Self> {
        let text: String = json.parse().ok()?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
    }

    fn write(&self) -> Json {
        quoted(&self.format("%Y-%m-%d").to_string())
    }
}

impl Wire for LocalDateTime {
    const EXPECTED: &'static str = "a date-time (`2024-01-31T08:30:00Z`)";

    fn read(json: &Json) -> Option<Self> {
        let text: String = json.parse().ok()?;
        let text = text.strip_suffix('Z').unwrap_or(&text);
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok()
    }

    fn write(&self) -> Json {
        quoted(&format!("{}Z", self.format("%Y-%m-%dT%H:%M:%S%.f")))
    }
}

impl Wire for Json {
    const EXPECTED: &'static str = "any JSON value";

    fn read(json: &Json) -> Option<Self> {
        Some(json.clone())
    }

    fn write(&self) -> Json {
        self.clone()
    }
}

/// Plain values travel as properties.
macro_rules! plain_values {
    ($($ty:ty),*) => {$(
        impl super::body::Value for $ty {
            type Kind = super::column::kind::Prop;
        }
    )*};
}
plain_values!(i64, f64, Decimal, DateTime, Date, LocalDateTime, Json);

/// The JSON text of a value, cut for an error message.
pub(crate) fn found(json: &Json) -> String {
    let text = json.get();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::from_text(text.to_string()).expect("valid JSON")
    }

    fn decimal(text: &str) -> Decimal {
        Decimal::from_str_exact(text).expect("decimal")
    }

    fn round_trip<T: Wire + PartialEq + std::fmt::Debug>(text: &str, want: T) {
        let got = T::read(&json(text)).unwrap_or_else(|| panic!("{text} reads"));
        assert_eq!(got, want);
        assert_eq!(got.write().get(), text, "writes back as it came");
    }

    #[test]
    fn dates_follow_the_behaviour() {
        let utc = chrono::DateTime::parse_from_rfc3339("2024-01-31T08:30:00Z")
            .expect("date")
            .with_timezone(&chrono::Utc);
        round_trip(r#""2024-01-31T08:30:00Z""#, utc);
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        round_trip(r#""2024-02-29""#, day);
        let local = day.and_hms_opt(23, 0, 0).expect("time");
        round_trip(r#""2024-02-29T23:00:00Z""#, local);
        // A user-local DateOnly column still comes as a full date-time: not a Date.
        assert_eq!(Date::read(&json(r#""2024-01-31T00:00:00Z""#)), None);
        assert_eq!(DateTime::read(&json(r#""2024-01-31""#)), None);
        assert_eq!(DateTime::read(&json("20240131")), None);
        // An offset is converted to UTC.
        let offset = DateTime::read(&json(r#""2024-01-31T10:30:00+02:00""#)).expect("reads");
        assert_eq!(offset, utc);
    }

    #[test]
    fn numbers_keep_their_digits() {
        round_trip("922337203685477.0000", decimal("922337203685477.0000"));
        round_trip("-0.0001", decimal("-0.0001"));
        // IEEE754Compatible=true quotes them.
        assert_eq!(Decimal::read(&json(r#""12.50""#)), Some(decimal("12.50")));
        assert_eq!(
            i64::read(&json(r#""9007199254740993""#)),
            Some(9_007_199_254_740_993)
        );
        assert_eq!(Decimal::read(&json(r#""twelve""#)), None);
        assert_eq!(Decimal::read(&json("true")), None);
        assert_eq!(i64::read(&json(r#""1.5""#)), None);
        round_trip("9007199254740993", 9_007_199_254_740_993_i64);
        round_trip("0.875", 0.875_f64);
        assert_eq!(i32::read(&json("2147483648")), None, "out of range");
    }

    #[test]
    fn errors_show_a_short_excerpt() {
        let long = json(&format!("\"{}\"", "x".repeat(200)));
        assert_eq!(found(&long).chars().count(), 63);
        assert_eq!(found(&json("true")), "true");
    }
}
