//! The generated crate of the fixture pages: compiled with every warning denied, and exercised
//! against Web API JSON by `tests/wire.rs` and `tests/webapi.rs`.
//!
//! A column valid only on create has no setter on the update body (`overriddencreatedon`):
//!
//! ```compile_fail,E0599
//! use dataverse_fixture_tables::account::Account;
//! let when = dataverse_runtime::DateTime::UNIX_EPOCH;
//! let _ = Account::update().overriddencreatedon(when);
//! ```
//!
//! ```
//! use dataverse_fixture_tables::account::Account;
//! let when = dataverse_runtime::DateTime::UNIX_EPOCH;
//! let _ = Account::create().overriddencreatedon(when);
//! ```
//!
//! `None` is not a value: writing `null` takes `Null`.
//!
//! ```compile_fail,E0277
//! use dataverse_fixture_tables::account::Account;
//! let _ = Account::update().name(None);
//! ```
//!
//! ```
//! use dataverse_fixture_tables::account::Account;
//! use dataverse_runtime::Null;
//! let _ = Account::update().name(Null);
//! ```
//!
//! What the docs mark deprecated (`(Deprecated) Process Stage`) is `#[deprecated]`: using it
//! warns, so it fails where warnings are denied.
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! use dataverse_fixture_tables::account::{columns, Account};
//! let _ = (Account::default().stageid, columns::STAGEID);
//! ```
//!
//! ```
//! #![allow(deprecated)]
//! use dataverse_fixture_tables::account::{columns, Account};
//! let _ = (Account::default().stageid, columns::STAGEID);
//! ```
//!
//! A navigation property of another table does not fit:
//!
//! ```compile_fail,E0308
//! use dataverse_fixture_tables::{account::Account, contact};
//! let _ = Account::create().bind(contact::navigation::CONTACT_TASKS, []);
//! ```
#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
