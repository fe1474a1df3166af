//! Collections and navigation: a page of rows ([`Page`]), and the navigation properties of a
//! table ([`One`], [`Many`]) through which expanded rows are read and related rows are bound
//! or created.

use super::json::Json;
use super::record::{Extra, ReadError, Table};
use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

const NEXT_LINK: &str = "@odata.nextLink";
const COUNT: &str = "@odata.count";
const TOTAL_RECORD_COUNT: &str = "@Microsoft.Dynamics.CRM.totalrecordcount";
const TOTAL_RECORD_COUNT_LIMIT_EXCEEDED: &str =
    "@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

/// One page of a collection response: `{"value": [...], "@odata.nextLink": ...}`.
///
/// With `Prefer: odata.maxpagesize=n` the server sends at most `n` rows and a
/// [`next_link`](Page::next_link) to GET for the next page (use it verbatim, with the same
/// `Prefer` header); `$count=true` adds [`count`](Page::count).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<R> {
    /// The rows (`value`).
    pub rows: Vec<R>,
    /// `@odata.nextLink`: the URL of the next page, absent on the last one.
    pub next_link: Option<String>,
    /// `@odata.count` (with `$count=true`): the rows matching the query, at most 5,000.
    pub count: Option<i64>,
    /// `@Microsoft.Dynamics.CRM.totalrecordcount` (FetchXML `returntotalrecordcount`).
    pub total_record_count: Option<i64>,
    /// `@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded`.
    pub total_record_count_limit_exceeded: Option<bool>,
    /// Everything else, as it came (`@odata.context`, ...).
    pub extra: Extra,
}

impl<R> Default for Page<R> {
    fn default() -> Self {
        Page {
            rows: Vec::new(),
            next_link: None,
            count: None,
            total_record_count: None,
            total_record_count_limit_exceeded: None,
            extra: Extra::default(),
        }
    }
}

impl<'de, R: Deserialize<'de>> Deserialize<'de> for Page<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<R>(PhantomData<R>);

impl<'de, R: Deserialize<'de>> Visitor<'de> for PageVisitor<R> {
    type Value = Page<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection (a JSON object with `value`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut page = Page::default();
        let mut rows = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                // Rows are read straight from the input, so their decimals stay exact.
                "value" => rows = Some(map.next_value::<Vec<R>>()?),
                NEXT_LINK => page.next_link = map.next_value()?,
                COUNT => page.count = map.next_value()?,
                TOTAL_RECORD_COUNT => page.total_record_count = map.next_value()?,
                TOTAL_RECORD_COUNT_LIMIT_EXCEEDED => {
                    page.total_record_count_limit_exceeded = map.next_value()?
                }
                _ => {
                    let value = map.next_value::<Json>()?;
                    page.extra.0.insert(key, value);
                }
            }
        }
        page.rows = rows.ok_or_else(|| serde::de::Error::missing_field("value"))?;
        Ok(page)
    }
}

impl<R: Serialize> Serialize for Page<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (k, v) in &self.extra.0 {
            map.serialize_entry(k, v)?;
        }
        if let Some(v) = &self.count {
            map.serialize_entry(COUNT, v)?;
        }
        if let Some(v) = &self.total_record_count {
            map.serialize_entry(TOTAL_RECORD_COUNT, v)?;
        }
        if let Some(v) = &self.total_record_count_limit_exceeded {
            map.serialize_entry(TOTAL_RECORD_COUNT_LIMIT_EXCEEDED, v)?;
        }
        map.serialize_entry("value", &self.rows)?;
        if let Some(v) = &self.next_link {
            map.serialize_entry(NEXT_LINK, v)?;
        }
        map.end()
    }
}

/// The rows of an expanded collection-valued navigation property.
#[derive(Debug, Clone, PartialEq)]
pub struct Expanded<R> {
    pub rows: Vec<R>,
    /// `<navigation property>@odata.nextLink`: the server sent only the first rows (nested
    /// collections page on their own); GET this URL for the rest.
    pub next_link: Option<String>,
}

/// A single-valued navigation property of table `S` to a row of `R` (a lookup's relationship,
/// `primarycontactid`): `$expand` it to read the row, bind it, or create the row inside a
/// create body (deep insert). `R` is the target's record type, or [`Json`] when that table is
/// not generated.
pub struct One<S, R> {
    pub name: &'static str,
    /// The target's entity set, for `@odata.bind`.
    pub entity_set: &'static str,
    marker: PhantomData<fn() -> (S, R)>,
}

/// A collection-valued navigation property of table `S` to rows of `R` (a one-to-many or
/// many-to-many relationship, `Account_Tasks`).
pub struct Many<S, R> {
    pub name: &'static str,
    /// The related table's entity set, for `@odata.bind`.
    pub entity_set: &'static str,
    marker: PhantomData<fn() -> (S, R)>,
}

macro_rules! handle {
    ($ty:ident) => {
        impl<S, R> $ty<S, R> {
            pub const fn new(name: &'static str, entity_set: &'static str) -> Self {
                $ty {
                    name,
                    entity_set,
                    marker: PhantomData,
                }
            }
        }

        impl<S, R> Clone for $ty<S, R> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<S, R> Copy for $ty<S, R> {}

        impl<S, R> fmt::Debug for $ty<S, R> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($ty), self.name)
            }
        }
    };
}

handle!(One);
handle!(Many);

/// A navigation property of table `S`: what reading its expansion from a row gives.
pub trait Navigation<S> {
    type Output;

    /// The expansion in a row's [`Extra`]; `Ok(None)` when the row was read without it.
    fn read(&self, extra: &Extra) -> Result<Option<Self::Output>, ReadError>;
}

fn expansion<S: Table, T: DeserializeOwned>(
    extra: &Extra,
    name: &'static str,
) -> Result<Option<T>, ReadError> {
    let Some(json) = extra.get(name) else {
        return Ok(None);
    };
    json.parse().map(Some).map_err(|e| ReadError {
        table: S::LOGICAL_NAME,
        property: name.to_string(),
        message: e.to_string(),
    })
}

impl<S: Table, R: DeserializeOwned> Navigation<S> for One<S, R> {
    /// `None` inside when the lookup is empty (`"primarycontactid": null`).
    type Output = Option<R>;

    fn read(&self, extra: &Extra) -> Result<Option<Option<R>>, ReadError> {
        expansion::<S, _>(extra, self.name)
    }
}

impl<S: Table, R: DeserializeOwned> Navigation<S> for Many<S, R> {
    type Output = Expanded<R>;

    fn read(&self, extra: &Extra) -> Result<Option<Expanded<R>>, ReadError> {
        let rows: Option<Vec<R>> = expansion::<S, _>(extra, self.name)?;
        Ok(rows.map(|rows| Expanded {
            rows,
            next_link: extra
                .get(&format!("{}{NEXT_LINK}", self.name))
                .and_then(|j| j.parse().ok()),
        }))
    }
}
