//! Hand-written support the generated code builds on.

pub use chrono;
pub use rust_decimal::Decimal;
pub use serde;
pub use serde_json;
pub use uuid::Uuid;

/// A DateTime column with a time (`DateAndTime` format): the Web API sends UTC, RFC 3339.
pub type DateTime = chrono::DateTime<chrono::Utc>;

/// A `DateOnly` column: a calendar date, `YYYY-MM-DD` on the wire.
pub type Date = chrono::NaiveDate;

/// Exact serde for Decimal and Money columns: JSON numbers are read and written digit for
/// digit (through `serde_json`'s raw values), never through `f64`, so `922337203685477.0000`
/// and `1E-12` survive a round trip.
pub mod decimal {
    use rust_decimal::Decimal;
    use serde::{
        de::Error as _, ser::Error as _, Deserialize, Deserializer, Serialize, Serializer,
    };
    use serde_json::value::RawValue;
    use std::str::FromStr;

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        RawValue::from_string(d.to_string())
            .map_err(S::Error::custom)?
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        parse(raw.get()).map_err(D::Error::custom)
    }

    fn parse(text: &str) -> Result<Decimal, String> {
        let text = text.trim();
        let number = text.trim_matches('"');
        if number.contains(['e', 'E']) {
            Decimal::from_scientific(number)
        } else {
            Decimal::from_str(number)
        }
        .map_err(|e| format!("`{text}` is not a decimal number: {e}"))
    }

    /// The same for `Option<Decimal>` fields: `null` reads as `None`.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            let raw = Option::<Box<RawValue>>::deserialize(d)?;
            match raw {
                Some(raw) if raw.get().trim() != "null" => {
                    parse(raw.get()).map(Some).map_err(D::Error::custom)
                }
                _ => Ok(None),
            }
        }
    }
}

/// A create (POST) or update (PATCH) body: only the columns that were set, in key order.
///
/// Values are kept as JSON text, so decimals keep every digit. Setting a column to `None`
/// writes `null`, which is not the same as leaving it out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    values: std::collections::BTreeMap<String, String>,
    /// Activity parties, by collection navigation property: JSON objects in the order added.
    parties: std::collections::BTreeMap<String, Vec<String>>,
    errors: Vec<String>,
}

/// A body that cannot be written: a lookup was set to a target the docs do not describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError(pub Vec<String>);

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}

impl std::error::Error for BodyError {}

impl Body {
    /// Sets a column to a serializable value, or to `null`.
    pub fn set<T: serde::Serialize>(&mut self, key: &str, value: Option<T>) {
        match serde_json::to_string(&value) {
            Ok(json) => {
                self.values.insert(key.to_string(), json);
            }
            Err(e) => self.errors.push(format!("{key}: {e}")),
        }
    }

    /// Sets a Decimal or Money column, digit for digit.
    pub fn set_decimal(&mut self, key: &str, value: Option<Decimal>) {
        let json = value.map_or_else(|| "null".to_string(), |d| d.to_string());
        self.values.insert(key.to_string(), json);
    }

    /// Sets a choice column to its integer value.
    pub fn set_choice<C: Choice>(&mut self, key: &str, value: Option<C>) {
        self.set(key, value.map(Choice::value));
    }

    /// `"<navigation property>@odata.bind": "/<entity set>(<id>)"`.
    pub fn bind(&mut self, navigation_property: &str, entity_set: &str, id: Uuid) {
        self.values.insert(
            format!("{navigation_property}@odata.bind"),
            format!("\"/{entity_set}({id})\""),
        );
    }

    /// Clears a lookup: each of its navigation properties set to `null`.
    pub fn unbind(&mut self, navigation_properties: &[&str]) {
        for nav in navigation_properties {
            self.values.insert((*nav).to_string(), "null".to_string());
        }
    }

    /// Adds an activity party to the table's activity-parties collection: bound to a row
    /// (`partyid_<target>@odata.bind`) or, unresolved, by its address.
    pub fn add_party(
        &mut self,
        collection: &str,
        participation_type_mask: i32,
        party: Option<(&str, &str, Uuid)>,
        address_used: Option<&str>,
    ) {
        let mut fields = vec![format!(
            "\"participationtypemask\":{participation_type_mask}"
        )];
        if let Some((target, entity_set, id)) = party {
            fields.push(format!(
                "\"partyid_{target}@odata.bind\":\"/{entity_set}({id})\""
            ));
        }
        if let Some(address) = address_used {
            match serde_json::to_string(address) {
                Ok(json) => fields.push(format!("\"addressused\":{json}")),
                Err(e) => self.errors.push(format!("{collection}: {e}")),
            }
        }
        self.parties
            .entry(collection.to_string())
            .or_default()
            .push(format!("{{{}}}", fields.join(",")));
    }

    /// Records a value that cannot be written; [`Body::to_json`] reports it.
    pub fn error(&mut self, message: &str) {
        self.errors.push(message.to_string());
    }

    /// Any key with raw JSON, for what the docs do not describe.
    pub fn set_raw(&mut self, key: &str, value: &serde_json::Value) {
        self.set(key, Some(value));
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.parties.is_empty()
    }

    /// The JSON text of the body.
    pub fn to_json(&self) -> Result<String, BodyError> {
        if !self.errors.is_empty() {
            return Err(BodyError(self.errors.clone()));
        }
        let parties = self
            .parties
            .iter()
            .map(|(key, items)| (key, format!("[{}]", items.join(","))));
        let mut entries: Vec<(&String, std::borrow::Cow<'_, str>)> = self
            .values
            .iter()
            .map(|(k, v)| (k, std::borrow::Cow::Borrowed(v.as_str())))
            .chain(parties.map(|(k, v)| (k, std::borrow::Cow::Owned(v))))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from("{");
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(key).map_err(|e| BodyError(vec![e.to_string()]))?);
            out.push(':');
            out.push_str(value);
        }
        out.push('}');
        Ok(out)
    }
}

/// One party of an activity's PartyList column (To, From, Required attendees, ...): a row of one
/// of the column's target tables, or, when unresolved, only the address used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Party<T> {
    pub party: Option<T>,
    pub address_used: Option<String>,
}

impl<T> Party<T> {
    /// A party that is a row.
    pub fn row(party: T) -> Self {
        Party {
            party: Some(party),
            address_used: None,
        }
    }

    /// An unresolved party: only an address (an email address, say).
    pub fn address(address: impl Into<String>) -> Self {
        Party {
            party: None,
            address_used: Some(address.into()),
        }
    }
}

/// The parties of one participation type in an activity's parties collection, each row read
/// with `row` from its table's logical name (when annotated) and id.
pub fn parties<T>(
    collection: Option<&[WireParty]>,
    participation_type: i32,
    row: impl Fn(Option<&str>, Uuid) -> T,
) -> Option<Vec<Party<T>>> {
    let parties = collection?
        .iter()
        .filter(|p| p.participationtypemask == Some(participation_type))
        .map(|p| Party {
            party: p.partyid.map(|id| row(p.partyid_table.as_deref(), id)),
            address_used: p.addressused.clone(),
        });
    Some(parties.collect())
}

/// An `activityparty` row as the Web API sends it in `<table>_activity_parties`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct WireParty {
    #[serde(default)]
    pub participationtypemask: Option<i32>,
    #[serde(rename = "_partyid_value", default)]
    pub partyid: Option<Uuid>,
    #[serde(
        rename = "_partyid_value@Microsoft.Dynamics.CRM.lookuplogicalname",
        default
    )]
    pub partyid_table: Option<String>,
    #[serde(default)]
    pub addressused: Option<String>,
}

/// A `ManagedProperty` column (such as `iscustomizable`): the Web API's `BooleanManagedProperty`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct BooleanManagedProperty {
    #[serde(rename = "Value")]
    pub value: bool,
    #[serde(rename = "CanBeChanged")]
    pub can_be_changed: bool,
    #[serde(rename = "ManagedPropertyLogicalName", default)]
    pub managed_property_logical_name: Option<String>,
}

/// A choice (option set) value: a known variant or an unknown integer.
pub trait Choice: Copy {
    /// The integer Dataverse stores.
    fn value(self) -> i32;
    /// The variant for an integer; unlisted integers become the `Unknown` variant.
    fn from_value(value: i32) -> Self;
}

/// Serde helpers for choices: they travel as plain integers.
pub mod choice {
    use super::Choice;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<C: Choice, S: Serializer>(c: C, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(c.value())
    }

    pub fn deserialize<'de, C: Choice, D: Deserializer<'de>>(d: D) -> Result<C, D::Error> {
        i32::deserialize(d).map(C::from_value)
    }
}

/// A multi-select choice column: the Web API sends it as a comma-separated string (`"1,3"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MultiSelect<C>(pub Vec<C>);

impl<C: Choice> serde::Serialize for MultiSelect<C> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(|c| c.value().to_string()).collect();
        s.serialize_str(&text.join(","))
    }
}

impl<'de, C: Choice> serde::Deserialize<'de> for MultiSelect<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<i32>()
                    .map(C::from_value)
                    .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a choice value")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(MultiSelect)
    }
}

/// A reference to a row of a table the docs do not name (or did not say).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntityReference {
    /// From the `@Microsoft.Dynamics.CRM.lookuplogicalname` annotation, when present.
    pub logical_name: Option<String>,
    pub id: Uuid,
}

impl EntityReference {
    /// A row of the table `logical_name` (when known) with this id.
    pub fn from_parts(logical_name: Option<&str>, id: Uuid) -> Self {
        EntityReference {
            logical_name: logical_name.map(str::to_string),
            id,
        }
    }
}

/// Which side of a relationship the table is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationshipKind {
    OneToMany,
    ManyToOne,
    ManyToMany,
}

/// Dataverse's `CascadeType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CascadeType {
    Cascade,
    NoCascade,
    Active,
    UserOwned,
    RemoveLink,
    Restrict,
}

/// What happens to related rows on each operation; `None` where the docs do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CascadeConfiguration {
    pub archive: Option<CascadeType>,
    pub assign: Option<CascadeType>,
    pub delete: Option<CascadeType>,
    pub merge: Option<CascadeType>,
    pub reparent: Option<CascadeType>,
    pub rollup_view: Option<CascadeType>,
    pub share: Option<CascadeType>,
    pub unshare: Option<CascadeType>,
}

/// A relationship as the docs describe it; `None` where they do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Relationship {
    pub schema_name: &'static str,
    pub kind: RelationshipKind,
    pub referenced_entity: Option<&'static str>,
    pub referenced_attribute: Option<&'static str>,
    pub referencing_entity: Option<&'static str>,
    pub referencing_attribute: Option<&'static str>,
    pub intersect_entity: Option<&'static str>,
    /// The navigation property on this table's side.
    pub navigation_property: Option<&'static str>,
    pub cascade: Option<CascadeConfiguration>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Row {
        #[serde(default, with = "decimal::option")]
        amount: Option<Decimal>,
    }

    #[test]
    fn decimals_round_trip_exactly() {
        for text in [
            r#"{"amount":922337203685477.0000}"#,
            r#"{"amount":-0.0001}"#,
            r#"{"amount":12}"#,
            r#"{"amount":null}"#,
        ] {
            let row: Row = serde_json::from_str(text).expect("reads");
            let back = serde_json::to_string(&row).expect("writes");
            assert_eq!(back, text);
        }
        let row: Row = serde_json::from_str(r#"{"amount":1E-12}"#).expect("reads");
        assert_eq!(
            row.amount.map(|d| d.to_string()).as_deref(),
            Some("0.000000000001")
        );
        let row: Row = serde_json::from_str("{}").expect("reads");
        assert_eq!(row.amount, None);
        assert!(serde_json::from_str::<Row>(r#"{"amount":"abc"}"#).is_err());
    }

    #[test]
    fn multi_select_reads_and_writes_comma_separated() {
        #[derive(Debug, Clone, Copy, PartialEq)]
        struct C(i32);
        impl Choice for C {
            fn value(self) -> i32 {
                self.0
            }
            fn from_value(value: i32) -> Self {
                C(value)
            }
        }
        let m: MultiSelect<C> = serde_json::from_str(r#""1,3, 7""#).expect("reads");
        assert_eq!(m.0, [C(1), C(3), C(7)]);
        assert_eq!(serde_json::to_string(&m).expect("writes"), r#""1,3,7""#);
        assert!(serde_json::from_str::<MultiSelect<C>>(r#""1,x""#).is_err());
    }
}
