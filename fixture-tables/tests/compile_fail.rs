//! What the types of the query and write API rule out, as trybuild compile-fail cases on the
//! tables generated from the fixture pages: `tests/compile-fail/<rule>.rs`, one rule each (the
//! comment at its top says which, and where Microsoft documents it), must fail to compile with
//! exactly the errors of `tests/compile-fail/<rule>.stderr`. The rustdoc `compile_fail`
//! doctests of `dataverse-runtime` and of this crate say the same, but stable rustdoc does not
//! check their error codes: a doctest that fails for another reason (a typo, a missing import)
//! still passes. Each case compiles when its refused call is replaced by the allowed one (the
//! other kind of navigation property, a readable column, `Null` for `None`, ...).
//!
//! The `.stderr` files depend on the rustc version (written with rustc 1.95.0) and quote the
//! runtime's source and the generated code. After a toolchain update, a change to the runtime
//! or the fixture pages, or a new case, regenerate them and read every diff (each must still
//! fail for its rule, not for an unrelated error):
//!
//! ```sh
//! TRYBUILD=overwrite cargo test -p dataverse-fixture-tables --test compile_fail
//! ```

#[test]
fn compile_fail() {
    trybuild::TestCases::new().compile_fail("tests/compile-fail/*.rs");
}
