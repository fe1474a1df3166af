//! Typed bindings for Microsoft Dataverse tables, generated at build time from the
//! table/entity reference pages in `docs-in/` (see the README).
//!
//! Each table is a module named by its logical name, with a record that reads and writes Web API
//! rows without loss, create and update bodies, one type per choice column and per polymorphic
//! lookup, typed column descriptors (`columns`), typed navigation properties (`navigation`) and
//! the relationships with their cascade configuration. A query's response reads into [`Page`].
//! The runtime they drive is the `dataverse-runtime` crate, re-exported as [`runtime`].
#![forbid(unsafe_code)]

pub use dataverse_runtime as runtime;

pub use runtime::{from_slice, from_str, Create, Expanded, Extra, Null, Page, Table, Update};

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
