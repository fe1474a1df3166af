//! Typed bindings for Microsoft Dataverse tables, generated at build time from the
//! table/entity reference pages in `docs-in/` (see the README).
//!
//! Each table is a module named by its logical name, with a record struct that deserializes
//! Web API responses, one enum per choice column, one enum per polymorphic lookup, column name
//! constants and the relationships with their cascade configuration.
#![forbid(unsafe_code)]

extern crate self as dataverse_tables;

pub mod runtime;

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
