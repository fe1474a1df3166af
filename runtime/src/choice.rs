//! Choices (option sets): generated as integer newtypes with one associated constant per value
//! the docs list, like `http::StatusCode`. Any integer is a value (a new one added to the org
//! reads fine), and a listed integer is always equal to its constant, so `Eq`, `Hash` and the
//! wire agree.

use super::json::Json;
use super::value::Wire;

/// A choice type: an `i32` newtype whose listed values have labels.
pub trait Choice: Copy + Eq + 'static {
    /// Every value the docs list with its label, in value order.
    const OPTIONS: &'static [(Self, &'static str)];
    /// The choice of an integer, listed or not.
    fn from_value(value: i32) -> Self;
    /// The integer Dataverse stores.
    fn value(self) -> i32;
}

/// The label of a value, `None` when the docs do not list it.
pub fn label<C: Choice>(c: C) -> Option<&'static str> {
    C::OPTIONS
        .binary_search_by_key(&c.value(), |(o, _)| o.value())
        .ok()
        .map(|i| C::OPTIONS[i].1)
}

/// Every choice reads and writes as its integer.
impl<C: Choice> Wire for C {
    const EXPECTED: &'static str = "a whole number (a choice value)";

    fn read(json: &Json) -> Option<Self> {
        json.parse::<i32>().ok().map(C::from_value)
    }

    fn write(&self) -> Json {
        self.value().write()
    }
}

impl<C: Choice> super::body::Value for C {
    type Kind = super::column::kind::Prop;
}

/// A choice's `Debug`: `Type(value "Label")`, or `Type(value)` for a value the docs do not list.
pub fn debug<C: Choice>(c: C, ty: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match label(c) {
        Some(label) => write!(f, "{ty}({} {label:?})", c.value()),
        None => write!(f, "{ty}({})", c.value()),
    }
}

/// A multi-select choice column: the Web API sends it as a comma-separated string (`"1,3"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MultiSelect<C>(pub Vec<C>);

impl<C: Choice> Wire for MultiSelect<C> {
    const EXPECTED: &'static str = "a string of comma-separated integers (`\"1,3\"`)";

    fn read(json: &Json) -> Option<Self> {
        let text: String = json.parse().ok()?;
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<i32>().ok().map(C::from_value))
            .collect::<Option<Vec<_>>>()
            .map(MultiSelect)
    }

    fn write(&self) -> Json {
        let text: Vec<String> = self.0.iter().map(|c| c.value().to_string()).collect();
        Json::from_serialize(&text.join(",")).unwrap_or_default()
    }
}

impl<C: Choice> super::body::Value for MultiSelect<C> {
    type Kind = super::column::kind::Prop;
}

impl<C: Choice> serde::Serialize for MultiSelect<C> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.write().serialize(s)
    }
}

impl<'de, C: Choice> serde::Deserialize<'de> for MultiSelect<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = Json::deserialize(d)?;
        Self::read(&json)
            .ok_or_else(|| serde::de::Error::custom(format!("expected {}", Self::EXPECTED)))
    }
}

/// A generated choice type's constants and everything else: one associated constant per value
/// (its attributes, the doc first, as given), `OPTIONS` (the listed values with their labels, in
/// value order), `from_value`, `value`, `label`, the [`Choice`] trait (which gives the wire
/// format and `Value`), `Debug` ([`debug`]), and serde as
/// the integer. Values under `removed` are constants only (the docs no longer list them).
#[macro_export]
#[doc(hidden)]
macro_rules! __dataverse_choice {
    ($ty:ident {
        $($(#[$m:meta])* $c:ident = $v:literal => $l:literal),* $(,)?
    } $(removed {
        $($(#[$rm:meta])* $rc:ident = $rv:literal),* $(,)?
    })?) => {
        impl $ty {
            $($(#[$m])* pub const $c: Self = Self($v);)*
            $($($(#[$rm])* pub const $rc: Self = Self($rv);)*)?

            /// Every value the docs list with its label, in value order.
            pub const OPTIONS: &'static [(Self, &'static str)] = &[$((Self($v), $l)),*];

            /// The choice of an integer, listed or not.
            pub const fn from_value(value: i32) -> Self {
                Self(value)
            }

            /// The integer Dataverse stores.
            pub const fn value(self) -> i32 {
                self.0
            }

            /// The label the docs give, `None` for a value they do not list.
            pub fn label(self) -> ::core::option::Option<&'static str> {
                $crate::choice::label(self)
            }
        }

        impl $crate::Choice for $ty {
            const OPTIONS: &'static [(Self, &'static str)] = Self::OPTIONS;

            fn from_value(value: i32) -> Self {
                Self(value)
            }

            fn value(self) -> i32 {
                self.0
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::choice::debug(*self, ::core::stringify!($ty), f)
            }
        }

        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_i32(self.0)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                d: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <i32 as $crate::serde::Deserialize>::deserialize(d).map(Self)
            }
        }
    };
}
