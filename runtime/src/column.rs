//! Typed column descriptors: what a generated table says about each column, as constant data
//! the generic code reads (a record's fields, a body's `set`), in place of a function per column.
//!
//! A [`Column<T, V, A>`] is a column of table `T` whose values are `V`. `A` says what the Web
//! API allows with it ([`access`]: read, create, update), so a body refuses at compile time a
//! column its operation does not accept; the value type's [`Value::Kind`] ([`kind`]) says how
//! its value travels: a plain property, a lookup bound through `@odata.bind`, or the parties
//! of an activity.

use super::body::{RawBody, Target, Value};
use super::party::Party;
use super::record::{Lookup, ReadError, Reader, Writer};
use super::value::Wire;
use std::fmt;
use std::marker::PhantomData;

/// What the Web API allows with a column: one marker type per combination of read (`$select`,
/// a record field), create (a POST body) and update (a PATCH body).
pub mod access {
    /// What a column's access marker allows.
    pub trait Access {
        const READ: bool;
        const CREATE: bool;
        const UPDATE: bool;
    }

    /// A body of operation `M` ([`Create`](crate::Create) or [`Update`](crate::Update)) may set
    /// a column of this access.
    #[diagnostic::on_unimplemented(
        message = "a body of `{M}` cannot set a column of access `{Self}`",
        label = "the docs say this column is not valid for this operation",
        note = "access markers: `R` read only, `Rc` read and create, `Ru` read and update, `C` create only, `U` update only"
    )]
    pub trait Allows<M>: Access {}

    /// The column can be read (`$select`, a record field).
    #[diagnostic::on_unimplemented(
        message = "column access `{Self}` is not readable: the column has no Web API property to `$select`, filter or order on",
        note = "the docs say this column is not valid for read"
    )]
    pub trait Readable: Access {}

    macro_rules! markers {
        ($($(#[$m:meta])* $ty:ident = $read:literal, $create:literal, $update:literal;)*) => {$(
            $(#[$m])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum $ty {}

            impl Access for $ty {
                const READ: bool = $read;
                const CREATE: bool = $create;
                const UPDATE: bool = $update;
            }
        )*};
    }

    markers! {
        /// Read, create and update.
        Rcu = true, true, true;
        /// Read and create, not update.
        Rc = true, true, false;
        /// Read and update, not create.
        Ru = true, false, true;
        /// Read only.
        R = true, false, false;
        /// Create and update, not read.
        Cu = false, true, true;
        /// Create only.
        C = false, true, false;
        /// Update only.
        U = false, false, true;
        /// None of them through these types (the parties of an activity: read from their
        /// collection, never `$select`ed).
        Hidden = false, false, false;
    }

    macro_rules! allows {
        ($trait:ident<$m:ty>: $($ty:ident),*) => {$(impl $trait<$m> for $ty {})*};
    }
    allows!(Allows<crate::Create>: Rcu, Rc, Cu, C);
    allows!(Allows<crate::Update>: Rcu, Ru, Cu, U);
    impl Readable for Rcu {}
    impl Readable for Rc {}
    impl Readable for Ru {}
    impl Readable for R {}
}

/// How a column's value travels ([`Value::Kind`]): [`Prop`](kind::Prop), [`Bind`](kind::Bind)
/// or [`Parties`](kind::Parties).
pub mod kind {
    /// A plain property: `"name": "Contoso"`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Prop {}
    /// A lookup: read from `_<column>_value` with its target annotation, written as
    /// `<navigation property>@odata.bind: "/<entity set>(<id>)"`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Bind {}
    /// A PartyList column: the parties of one participation type in the activity-parties
    /// collection.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Parties {}
}

/// Everything the generic code needs of a column, without its types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColumnInfo {
    /// The column's logical name (FetchXML, metadata).
    pub logical_name: &'static str,
    /// Its Web API property name (`$select`, `$filter`, annotations): `_<column>_value` for a
    /// lookup.
    pub property: &'static str,
    /// A lookup's or PartyList's target tables, each with the navigation property a body binds
    /// and its entity set (in the docs' order).
    pub targets: &'static [Target],
    /// A PartyList column: its activity-parties collection and participation type.
    pub parties: Option<(&'static str, i32)>,
}

impl ColumnInfo {
    /// Its values name their table only in the `Microsoft.Dynamics.CRM.lookuplogicalname`
    /// annotation: a lookup with several targets, or none listed (the generator's rule for
    /// `Table::LOOKUP_TABLES`). A PartyList column is never selected: its parties come with
    /// the expanded parties collection, which asks for itself (`Table::PARTIES`).
    pub fn needs_lookup_table(&self) -> bool {
        // A lookup reads from `_<column>_value`; any other column from its logical name.
        let lookup = self.property != self.logical_name;
        lookup && self.targets.len() != 1
    }
}

/// A column of table `T` with values of type `V`; see the [module documentation](self).
pub struct Column<T, V, A = access::Rcu> {
    info: ColumnInfo,
    marker: PhantomData<Marker<T, V, A>>,
}

/// Covariant in nothing, `Send + Sync` whatever the parameters: only their names matter.
type Marker<T, V, A> = fn() -> (T, V, A);

impl<T, V, A> Column<T, V, A> {
    /// A plain column: property and logical name are the same.
    pub const fn new(logical_name: &'static str) -> Self {
        Self::of(ColumnInfo {
            logical_name,
            property: logical_name,
            targets: &[],
            parties: None,
        })
    }

    /// A lookup column: its `_<column>_value` property and its targets.
    pub const fn lookup(
        property: &'static str,
        logical_name: &'static str,
        targets: &'static [Target],
    ) -> Self {
        Self::of(ColumnInfo {
            logical_name,
            property,
            targets,
            parties: None,
        })
    }

    /// A PartyList column: its parties' collection, participation type and target tables.
    pub const fn parties(
        logical_name: &'static str,
        collection: &'static str,
        participation_type: i32,
        targets: &'static [Target],
    ) -> Self {
        Self::of(ColumnInfo {
            logical_name,
            property: logical_name,
            targets,
            parties: Some((collection, participation_type)),
        })
    }

    const fn of(info: ColumnInfo) -> Self {
        Column {
            info,
            marker: PhantomData,
        }
    }

    /// Everything about the column but its types.
    pub const fn info(&self) -> ColumnInfo {
        self.info
    }

    /// Its logical name.
    pub const fn logical_name(&self) -> &'static str {
        self.info.logical_name
    }
}

impl<T, V, A: access::Readable> Column<T, V, A> {
    /// Its Web API property name, for `$select`, `$filter`, `$orderby` and annotations: only a
    /// readable column has one.
    pub const fn property(&self) -> &'static str {
        self.info.property
    }
}

impl<T, V, A> Clone for Column<T, V, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, V, A> Copy for Column<T, V, A> {}

impl<T, V, A> fmt::Debug for Column<T, V, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Column({})", self.info.logical_name)
    }
}

impl<T, V, A> PartialEq for Column<T, V, A> {
    fn eq(&self, other: &Self) -> bool {
        self.info == other.info
    }
}

impl<T, V, A> Eq for Column<T, V, A> {}

/// How values of type `V` travel for columns of this kind.
pub trait Kind<V>: Sized {
    /// Takes the column out of a row.
    fn read(row: &mut Reader, column: &ColumnInfo) -> Result<Option<V>, ReadError>;
    /// Puts the column into a row being written (a record written back).
    fn write<'a>(row: &mut Writer<'a>, column: &ColumnInfo, value: &'a Option<V>);
    /// Sets the column in a body; `None` writes `null` (clears it).
    fn set(body: &mut RawBody, column: &ColumnInfo, value: Option<V>);
}

impl<V: Wire> Kind<V> for kind::Prop {
    fn read(row: &mut Reader, column: &ColumnInfo) -> Result<Option<V>, ReadError> {
        row.get(column.property)
    }

    fn write<'a>(row: &mut Writer<'a>, column: &ColumnInfo, value: &'a Option<V>) {
        row.put(column.property, value);
    }

    fn set(body: &mut RawBody, column: &ColumnInfo, value: Option<V>) {
        body.put(column.property, value);
    }
}

impl<V: Lookup> Kind<V> for kind::Bind {
    fn read(row: &mut Reader, column: &ColumnInfo) -> Result<Option<V>, ReadError> {
        row.lookup(column.logical_name)
    }

    fn write<'a>(row: &mut Writer<'a>, column: &ColumnInfo, value: &'a Option<V>) {
        row.lookup(column.logical_name, value);
    }

    fn set(body: &mut RawBody, column: &ColumnInfo, value: Option<V>) {
        body.lookup(column, value);
    }
}

impl<V: Lookup> Kind<Vec<Party<V>>> for kind::Parties {
    fn read(row: &mut Reader, column: &ColumnInfo) -> Result<Option<Vec<Party<V>>>, ReadError> {
        match column.parties {
            Some((collection, mask)) => row.parties(collection, mask),
            None => Ok(None),
        }
    }

    /// Parties are written back as the collection they came in (the record's `extra`).
    fn write<'a>(_: &mut Writer<'a>, _: &ColumnInfo, _: &'a Option<Vec<Party<V>>>) {}

    /// Adds the parties to the collection; `None` adds none.
    fn set(body: &mut RawBody, column: &ColumnInfo, value: Option<Vec<Party<V>>>) {
        if let (Some((collection, mask)), Some(parties)) = (column.parties, value) {
            body.add_parties(collection, mask, column, parties);
        }
    }
}

impl Reader {
    /// Takes a column out of the row, as its kind reads it.
    pub fn column<T, V: Value, A>(
        &mut self,
        column: Column<T, V, A>,
    ) -> Result<Option<V>, ReadError>
    where
        V::Kind: Kind<V>,
    {
        V::Kind::read(self, &column.info)
    }

    /// [`Reader::column`] with its error kept for [`Reader::result`] (`None` then).
    pub fn field<T, V: Value, A>(&mut self, column: Column<T, V, A>) -> Option<V>
    where
        V::Kind: Kind<V>,
    {
        let read = V::Kind::read(self, &column.info);
        self.keep(read)
    }
}

impl<'a> Writer<'a> {
    /// Puts a column into the row, as its kind writes it.
    pub fn column<T, V: Value, A>(&mut self, column: Column<T, V, A>, value: &'a Option<V>)
    where
        V::Kind: Kind<V>,
    {
        V::Kind::write(self, &column.info, value);
    }
}

/// The record's [`Table::read`](crate::Table::read) and [`Table::write`](crate::Table::write)
/// from its fields and their column descriptors (constants of the table's `columns` module):
/// `rt::fields!(name: NAME, primarycontactid: PRIMARYCONTACTID)` inside `impl Table`.
#[macro_export]
#[doc(hidden)]
macro_rules! __dataverse_fields {
    ($($field:ident : $column:ident),* $(,)?) => {
        fn read(
            r: &mut $crate::Reader,
        ) -> ::core::result::Result<Self, $crate::ReadError> {
            let row = Self {
                etag: r.etag(),
                $($field: r.field(columns::$column),)*
                extra: r.finish(),
            };
            r.result(row)
        }

        fn write<'a>(&'a self, w: &mut $crate::Writer<'a>) {
            w.extra(&self.extra);
            w.put("@odata.etag", &self.etag);
            $(w.column(columns::$column, &self.$field);)*
        }
    };
}
