//! Addressing one row: by its id (`accounts(00000000-0000-0000-0000-000000000001)`), by an
//! alternate key (`accounts(accountnumber='ABC')`, `contacts(firstname='Jo',lastname='Smith')`),
//! or, inside a `$batch` change set, by the `Content-ID` of the request that created it (`$1`).

use super::literal::{IntoLiteral, Literal};
use super::request::{encode, QueryError};
use crate::column::{access::Readable, Column};
use crate::record::Table;
use crate::Uuid;
use std::fmt;
use std::marker::PhantomData;

/// An alternate key of table `T`: one or more `column=value` parts (Microsoft Learn, "Use an
/// alternate key to reference a record"). Values are rendered by the filter's literal renderer
/// (strings quoted with `'` doubled, numbers and ids bare) and percent-encoded like the query
/// string.
///
/// ```
/// # use dataverse_runtime::{self as rt, Column, ReadError, Reader, Table, Writer};
/// # #[derive(Debug)] pub struct Contact;
/// # impl Table for Contact {
/// #     const LOGICAL_NAME: &'static str = "contact";
/// #     const ENTITY_SET_NAME: &'static str = "contacts";
/// #     fn read(_: &mut Reader) -> Result<Self, ReadError> { Ok(Contact) }
/// #     fn write<'a>(&'a self, _: &mut Writer<'a>) {}
/// # }
/// # const FIRSTNAME: Column<Contact, String> = Column::new("firstname");
/// # const LASTNAME: Column<Contact, String> = Column::new("lastname");
/// use dataverse_runtime::query::Key;
///
/// let key = Key::new(FIRSTNAME, "Jo").and(LASTNAME, "O'Neil");
/// assert_eq!(key.segment().unwrap(), "contacts(firstname='Jo',lastname='O''Neil')");
/// ```
pub struct Key<T> {
    parts: Vec<(&'static str, Literal)>,
    /// The first part whose value Dataverse does not take in a key.
    refused: Option<QueryError>,
    marker: PhantomData<fn() -> T>,
}

/// The characters Dataverse does not take in an alternate key's value ("Alternate key values
/// with the following characters `/`,`<`,`>`,`*`,`%`,`&`,`:`,`\\`,`?`,`+` aren't currently
/// supported", Microsoft Learn, "Use an alternate key to reference a record"; the Power Apps
/// page "Define alternate keys" adds `#`: "GET or PATCH requests won't work").
pub const UNSUPPORTED_KEY_CHARACTERS: [char; 11] =
    ['/', '#', '<', '>', '*', '%', '&', ':', '\\', '?', '+'];

impl<T> Key<T> {
    /// A key of one column (readable: a key column is a Web API property; a lookup's part is
    /// its `_x_value` property with the row's id).
    pub fn new<V, A: Readable>(column: Column<T, V, A>, value: impl IntoLiteral<V>) -> Self {
        Key {
            parts: Vec::new(),
            refused: None,
            marker: PhantomData,
        }
        .and(column, value)
    }

    /// One more part of a key of several columns. A value holding a character Dataverse does
    /// not take in a key ([`UNSUPPORTED_KEY_CHARACTERS`]: a date and time, whose `:` it
    /// refuses, or text with `/`, `&`, `+`, ...) makes the request fail to build
    /// ([`QueryError::UnsupportedKeyValue`]): query with a `$filter` instead.
    pub fn and<V, A: Readable>(
        mut self,
        column: Column<T, V, A>,
        value: impl IntoLiteral<V>,
    ) -> Self {
        let value = value.into_literal();
        let text = value.odata();
        if let Some(character) = text
            .chars()
            .find(|c| UNSUPPORTED_KEY_CHARACTERS.contains(c))
        {
            self.refused.get_or_insert(QueryError::UnsupportedKeyValue {
                column: column.property().to_string(),
                value: text.clone(),
                character,
            });
        }
        self.parts.push((column.property(), value));
        self
    }

    /// The parts, `name='x',other=1`, percent-encoded.
    fn render(&self) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(name, value)| format!("{name}={}", value.odata()))
            .collect();
        encode(&parts.join(","))
    }
}

impl<T: Table> Key<T> {
    /// The row's URL relative to the Web API root: `accounts(accountnumber='ABC')`; an error
    /// for a value Dataverse does not take in a key ([`UNSUPPORTED_KEY_CHARACTERS`]).
    pub fn segment(&self) -> Result<String, QueryError> {
        match &self.refused {
            Some(e) => Err(e.clone()),
            None => Ok(format!("{}({})", encode(T::ENTITY_SET_NAME), self.render())),
        }
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        Key {
            parts: self.parts.clone(),
            refused: self.refused.clone(),
            marker: PhantomData,
        }
    }
}

impl<T> PartialEq for Key<T> {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl<T> fmt::Debug for Key<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({})", self.render())
    }
}

/// The `Content-ID` of a request in a `$batch` change set: `$1` stands for the URL of the row
/// it created, in the URLs and bodies of the requests after it in the same change set. Given
/// by [`ChangeSet::add`](super::ChangeSet::add).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentId(pub(crate) u32);

impl ContentId {
    /// The number of the `Content-ID` header.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The reference: `$1`.
    pub fn reference(self) -> String {
        format!("${}", self.0)
    }
}

impl fmt::Display for ContentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "${}", self.0)
    }
}

/// One row of table `T`: by id, by alternate key, or by the `Content-ID` of the request that
/// created it in the same change set. A [`Uuid`], a [`Key<T>`] or a [`ContentId`] converts
/// into it.
pub enum Row<T> {
    /// `accounts(<id>)`.
    Id(Uuid),
    /// `accounts(accountnumber='ABC')`.
    Key(Key<T>),
    /// `$1`: only in a `$batch` change set, after the request with that `Content-ID`.
    Created(ContentId),
}

impl<T> Clone for Row<T> {
    fn clone(&self) -> Self {
        match self {
            Row::Id(id) => Row::Id(*id),
            Row::Key(key) => Row::Key(key.clone()),
            Row::Created(c) => Row::Created(*c),
        }
    }
}

impl<T> fmt::Debug for Row<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Row::Id(id) => write!(f, "Row({id})"),
            Row::Key(key) => write!(f, "Row({key:?})"),
            Row::Created(c) => write!(f, "Row({c})"),
        }
    }
}

impl<T> From<Uuid> for Row<T> {
    fn from(id: Uuid) -> Self {
        Row::Id(id)
    }
}

impl<T> From<Key<T>> for Row<T> {
    fn from(key: Key<T>) -> Self {
        Row::Key(key)
    }
}

impl<T> From<ContentId> for Row<T> {
    fn from(id: ContentId) -> Self {
        Row::Created(id)
    }
}

/// Where a request goes: a path relative to the Web API root, or a path under a row created
/// earlier in the change set (`$1`, `$1/primarycontactid/$ref`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// `accounts(<id>)/Account_Tasks/$ref`, percent-encoded.
    Path(String),
    /// `$<id>` followed by `suffix` (empty, or starting with `/`).
    Created(ContentId, String),
    /// A row no request can address (an alternate key Dataverse does not take).
    Refused(QueryError),
}

impl Target {
    /// The same target followed by `suffix` (`/Account_Tasks`, `?$select=name`).
    pub(crate) fn then(self, suffix: &str) -> Target {
        match self {
            Target::Path(path) => Target::Path(path + suffix),
            Target::Created(c, before) => Target::Created(c, before + suffix),
            Target::Refused(e) => Target::Refused(e),
        }
    }
}

impl<T: Table> Row<T> {
    /// The target of a navigation property or property of the row, followed by `rest`:
    /// `accounts(<id>)/Account_Tasks/$ref`, the name percent-encoded as every path is.
    pub(crate) fn under(&self, name: &str, rest: &str) -> Target {
        self.target(&format!("/{}{rest}", encode(name)))
    }

    /// The target of the row itself, followed by `suffix`.
    pub(crate) fn target(&self, suffix: &str) -> Target {
        match self {
            Row::Id(id) => Target::Path(format!("{}({id}){suffix}", encode(T::ENTITY_SET_NAME))),
            Row::Key(key) => match key.segment() {
                Ok(segment) => Target::Path(segment + suffix),
                Err(e) => Target::Refused(e),
            },
            Row::Created(c) => Target::Created(*c, suffix.to_string()),
        }
    }
}
