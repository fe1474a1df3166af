use super::manifest::{check_options, is_version, toml_string};
use super::readme::markdown_text;
use super::*;

#[test]
fn versions() {
    for ok in [
        "0.1.0",
        "1.2.3",
        "10.0.0-beta.1",
        "1.0.0+build.5",
        "1.0.0-rc-1+x",
    ] {
        assert!(is_version(ok), "{ok}");
    }
    for bad in [
        "", "1", "1.2", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "1.2.3\"", "v1.2.3",
    ] {
        assert!(!is_version(bad), "{bad}");
    }
}

#[test]
fn crate_paths() {
    for ok in [
        "Cargo.toml",
        "README.md",
        "schema.json",
        "src/lib.rs",
        "src/type.rs",
    ] {
        assert!(is_crate_path(ok), "{ok}");
    }
    for bad in [
        "cargo.toml",
        "src/../x.rs",
        "src/a/b.rs",
        "../Cargo.toml",
        "/src/x.rs",
        "src/nul.rs",
        "build.rs",
        "src/",
        "src/A.rs",
    ] {
        assert!(!is_crate_path(bad), "{bad}");
    }
}

#[test]
fn options_cargo_would_refuse() {
    let with = |f: fn(&mut CrateOptions)| {
        let mut o = CrateOptions::default();
        f(&mut o);
        check_options(&o)
    };
    assert!(with(|_| {}).is_ok());
    assert!(with(|o| o.name = "my-tables_2".into()).is_ok());
    for name in [
        "",
        "2x",
        "a b",
        "a\"b",
        "dataverse-runtime",
        "std",
        "fn",
        "é",
    ] {
        let o = CrateOptions {
            name: name.to_string(),
            ..CrateOptions::default()
        };
        assert!(check_options(&o).is_err(), "{name:?}");
    }
    assert!(with(|o| o.version = "1.0".into()).is_err());
    assert!(with(|o| o.runtime = Runtime::Version("0.1\"".into())).is_err());
    assert!(with(|o| o.runtime = Runtime::Path(String::new())).is_err());
    assert!(with(|o| o.runtime = Runtime::Path("a\u{202e}b".into())).is_err());
    assert!(with(|o| o.runtime = Runtime::Path("C:\\x y\\\"rt".into())).is_ok());
    assert!(with(|o| o.license = Some("MIT\nx".into())).is_err());
}

#[test]
fn markdown_text_is_literal() {
    assert_eq!(
        markdown_text(" a|b <i>*c*</i> [x](y) `z` &amp;\n\u{202e}d "),
        "a\\|b \\<i\\>\\*c\\*\\</i\\> \\[x\\](y) \\`z\\` &amp;amp; d"
    );
}

#[test]
fn toml_strings_stay_one_string() {
    assert_eq!(toml_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
}
