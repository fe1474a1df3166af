//! The generated crate of the fixture pages: compiled with every warning denied, and exercised
//! against Web API JSON by `tests/wire.rs` and `tests/webapi.rs`.
//!
//! A column valid only on create cannot be set on the update body (`overriddencreatedon`):
//!
//! ```compile_fail,E0277
//! use dataverse_fixture_tables::account::{columns, Account};
//! let when = dataverse_runtime::DateTime::UNIX_EPOCH;
//! let _ = Account::update().set(columns::OVERRIDDENCREATEDON, when);
//! ```
//!
//! ```
//! use dataverse_fixture_tables::account::{columns, Account};
//! let when = dataverse_runtime::DateTime::UNIX_EPOCH;
//! let _ = Account::create().set(columns::OVERRIDDENCREATEDON, when);
//! ```
//!
//! `None` is not a value: writing `null` takes `Null`.
//!
//! ```compile_fail,E0277
//! use dataverse_fixture_tables::account::{columns, Account};
//! let _ = Account::update().set(columns::NAME, None);
//! ```
//!
//! ```
//! use dataverse_fixture_tables::account::{columns, Account};
//! use dataverse_runtime::Null;
//! let _ = Account::update().set(columns::NAME, Null);
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
//!
//! ```
//! use dataverse_fixture_tables::account::{self, Account};
//! let _ = Account::create().bind(account::navigation::ACCOUNT_TASKS, []);
//! ```
//!
//! Nor does a column of another table:
//!
//! ```compile_fail,E0308
//! use dataverse_fixture_tables::{account::Account, contact};
//! let _ = Account::create().set(contact::columns::FIRSTNAME, "x");
//! ```
//!
//! A lookup's name and type companions (`sample_customeridname`, `owneridtype`), a PartyList
//! (`sample_signatories`) and a Virtual column (`sample_summary`) are no Web API properties:
//! they have no column descriptor.
//!
//! ```compile_fail,E0425
//! use dataverse_fixture_tables::sample_bankaccount::columns;
//! let _ = columns::OWNERIDTYPE;
//! ```
//!
//! ```compile_fail,E0425
//! use dataverse_fixture_tables::sample_bankaccount::columns;
//! let _ = columns::SAMPLE_CUSTOMERIDNAME;
//! ```
//!
//! ```compile_fail,E0425
//! use dataverse_fixture_tables::sample_bankaccount::columns;
//! let _ = columns::SAMPLE_SIGNATORIES;
//! ```
//!
//! ```compile_fail,E0425
//! use dataverse_fixture_tables::sample_bankaccount::columns;
//! let _ = columns::SAMPLE_SUMMARY;
//! ```
//!
//! ```
//! use dataverse_fixture_tables::sample_bankaccount::columns;
//! let _ = (columns::OWNERID, columns::SAMPLE_CUSTOMERID, columns::SAMPLE_BALANCE);
//! ```
//!
//! The parties of a meeting are set as a column, but are no property to `$select`:
//!
//! ```compile_fail,E0599
//! use dataverse_fixture_tables::sample_meeting::columns;
//! let _ = columns::REQUIREDATTENDEES.property();
//! ```
//!
//! ```
//! use dataverse_fixture_tables::sample_meeting::columns;
//! let _ = (columns::REQUIREDATTENDEES.logical_name(), columns::SUBJECT.property());
//! ```
#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
