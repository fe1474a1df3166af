//! `fixtures/collisions/`: valid pages whose names collide in every way we know (tables named
//! after the generator's files and the crate's modules, keywords, one table in two letter cases,
//! columns named like the generated members, choice labels and targets that normalise alike,
//! hostile characters in prose and labels). CI compiles their crate with `-D warnings`.

mod common;

use dataverse_codegen::{build_model, check, generate, names, Options};

#[test]
fn the_names_chosen() {
    let files = common::read(&common::fixtures("collisions"));
    let (model, diags) = build_model(&files);
    assert!(diags.is_empty(), "{diags}");
    let names = names::assign(&model, &names::NamesLock::default()).names;
    insta::assert_snapshot!(format!("{names:#?}"));
}

#[test]
fn every_scope_of_the_generated_code_has_unique_names_and_no_hazard() {
    let files = common::read(&common::fixtures("collisions"));
    let generated = generate(&files, Options::default()).expect("valid pages");
    if let Err(e) = check::files(&generated.files) {
        panic!("{e}");
    }
    let collide = &generated.files["sample_collide.rs"];
    // String literals stay exact: the label with a right-to-left override is escaped, not lost.
    assert!(collide.contains(r#""Left\u{202e}Right""#), "{collide}");
    // Doc comments lose the hazards.
    assert!(!collide.contains("\\u{202e}Right doc"));
    // A column named `default` is just a descriptor: bodies are the runtime's, nothing named
    // by a column can shadow what they call.
    assert!(collide.contains("pub const DEFAULT: Column<"), "{collide}");
}
