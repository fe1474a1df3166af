//! The crate's `Cargo.toml`: its package, one feature per table, the runtime dependency; and the
//! checks that keep what it writes what cargo accepts and one TOML string each.

use super::{CrateOptions, Runtime, Table, DEFAULT_NAME, DEFAULT_VERSION, MARKER};

/// Refuses what cargo would refuse, or what would not stay one TOML string.
pub(super) fn check_options(options: &CrateOptions) -> Result<(), String> {
    let name = &options.name;
    let ident = name.replace('-', "_");
    let name_ok = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !name_ok {
        return Err(format!(
            "crate name {name:?}: expected 1 to 64 ASCII letters, digits, `-` or `_`, starting with a letter"
        ));
    }
    let taken = [
        "dataverse_runtime",
        "std",
        "core",
        "alloc",
        "proc_macro",
        "test",
    ];
    if taken.contains(&ident.as_str()) || syn::parse_str::<syn::Ident>(&ident).is_err() {
        return Err(format!(
            "crate name `{name}` is taken: by the runtime the crate depends on, a standard library crate or a Rust keyword"
        ));
    }
    if !is_version(&options.version) {
        return Err(format!(
            "crate version {:?}: expected a semantic version such as 0.1.0 or 1.2.0-beta.1",
            options.version
        ));
    }
    if let Some(license) = &options.license {
        let ok = !license.trim().is_empty()
            && license
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .-+()".contains(c));
        if !ok {
            return Err(format!(
                "license {license:?}: expected an SPDX expression such as `MIT OR Apache-2.0`"
            ));
        }
    }
    match &options.runtime {
        Runtime::Version(req) => {
            let ok = !req.trim().is_empty()
                && req
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " .,*^~<>=+-".contains(c));
            if !ok {
                return Err(format!(
                    "runtime version requirement {req:?}: expected a cargo version requirement such as 0.1.0, ^0.1 or =0.1.2"
                ));
            }
        }
        Runtime::Path(path) => {
            if path.is_empty() || path.chars().any(crate::text::is_hazard) {
                return Err(format!(
                    "runtime path {:?}: expected a non-empty path without control or bidirectional characters",
                    crate::text::escape_hazards(path)
                ));
            }
        }
    }
    Ok(())
}

/// `MAJOR.MINOR.PATCH` with an optional `-pre-release` and `+build` of `[0-9A-Za-z.-]`.
pub(super) fn is_version(v: &str) -> bool {
    let (v, build) = v.split_once('+').map_or((v, None), |(a, b)| (a, Some(b)));
    let (core, pre) = v.split_once('-').map_or((v, None), |(a, b)| (a, Some(b)));
    let numbers: Vec<&str> = core.split('.').collect();
    let number = |n: &&str| {
        !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && (n.len() == 1 || !n.starts_with('0'))
    };
    let label = |s: &str| {
        s.split('.').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
    };
    numbers.len() == 3
        && numbers.iter().all(number)
        && pre.map_or(true, label)
        && build.map_or(true, label)
}

/// `s` as a TOML basic string.
pub(super) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The regeneration command for these options, after `--docs <pages> --crate <dir>`.
pub(super) fn regenerate_flags(options: &CrateOptions) -> String {
    let mut flags = String::new();
    if options.name != DEFAULT_NAME {
        flags.push_str(&format!(" --crate-name {}", options.name));
    }
    if options.version != DEFAULT_VERSION {
        flags.push_str(&format!(" --crate-version {}", options.version));
    }
    if let Some(license) = &options.license {
        flags.push_str(&format!(" --crate-license '{license}'"));
    }
    match &options.runtime {
        Runtime::Path(path) => {
            let plain = path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-/+~:".contains(c));
            if plain {
                flags.push_str(&format!(" --runtime-path {path}"));
            } else {
                flags.push_str(" --runtime-path <path>");
            }
        }
        Runtime::Version(req) => flags.push_str(&format!(" --runtime-version '{req}'")),
    }
    flags
}

pub(super) fn manifest(tables: &[Table<'_>], options: &CrateOptions) -> String {
    let mut m = String::new();
    m.push_str(&format!(
        "# {MARKER} from the table/entity reference pages. Do not edit: regenerate with\n# `dataverse-codegen generate --docs <pages> --crate <this directory>{}`.\n\n",
        regenerate_flags(options)
    ));
    m.push_str("[package]\n");
    m.push_str(&format!("name = {}\n", toml_string(&options.name)));
    m.push_str(&format!("version = {}\n", toml_string(&options.version)));
    m.push_str("edition = \"2021\"\n");
    m.push_str("description = \"Typed Rust bindings for Microsoft Dataverse tables, generated by dataverse-codegen from the table/entity reference pages\"\n");
    if let Some(license) = &options.license {
        m.push_str(&format!("license = {}\n", toml_string(license)));
    }
    m.push_str("keywords = [\"dataverse\", \"dynamics365\", \"webapi\"]\n");
    // A table named `main` is a module here (src/main.rs), not a program.
    m.push_str("autobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n");
    m.push_str("\n[package.metadata.docs.rs]\nfeatures = [\"all\"]\n");
    m.push_str("\n[features]\ndefault = []\n");
    m.push_str("# Every table.\n");
    if tables.is_empty() {
        m.push_str("all = []\n");
    } else {
        m.push_str("all = [\n");
        for t in tables {
            m.push_str(&format!("    \"{}\",\n", t.feature));
        }
        m.push_str("]\n");
    }
    for t in tables {
        m.push_str(&format!("{} = []\n", t.feature));
    }
    m.push_str("\n[dependencies]\n");
    match &options.runtime {
        Runtime::Version(req) => {
            m.push_str(&format!("dataverse-runtime = {}\n", toml_string(req)));
        }
        Runtime::Path(path) => {
            m.push_str(&format!(
                "dataverse-runtime = {{ path = {} }}\n",
                toml_string(path)
            ));
        }
    }
    // `cfg(docsrs)` is set by docs.rs only.
    m.push_str(
        "\n[lints.rust]\nunexpected_cfgs = { level = \"warn\", check-cfg = [\"cfg(docsrs)\"] }\n",
    );
    if options.standalone {
        m.push_str(
            "\n# Its own workspace, wherever it is generated (not a member of an enclosing one).\n[workspace]\n",
        );
    }
    m
}
