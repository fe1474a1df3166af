//! The generated crate of the fixture pages: compiled with every warning denied, and exercised
//! against Web API JSON by `tests/wire.rs`.
#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
