//! Was the crate's version bumped enough for the changes? Semantic Versioning as Cargo reads
//! it: before 1.0.0 the minor number is the breaking one (`0.3.1` -> `0.4.0` for a breaking
//! change, `0.3.1` -> `0.3.2` for an addition).

use super::Bump;
use semver::Version;

/// The bump from `old` to `new` as Cargo counts it.
pub fn bump_between(old: &Version, new: &Version) -> Bump {
    let breaking = |v: &Version| {
        if v.major > 0 {
            (v.major, 0)
        } else {
            (0, v.minor)
        }
    };
    if new <= old {
        Bump::None
    } else if breaking(new) > breaking(old) {
        Bump::Major
    } else if (new.major, new.minor, new.patch) > (old.major, old.minor, old.patch) {
        // Before 1.0, a patch number bump is the additive one; from 1.0, the minor.
        if new.major == 0 || new.minor > old.minor {
            Bump::Minor
        } else {
            Bump::Patch
        }
    } else {
        // Only the pre-release or build part moved.
        Bump::Patch
    }
}

/// `Ok` when going from `old` to `new` is bump enough for `needed`; else what to do.
pub fn check(old: &str, new: &str, needed: Bump) -> Result<(), String> {
    let parse = |v: &str, which: &str| {
        Version::parse(v.trim())
            .map_err(|e| format!("the {which} version `{v}` is not a semantic version: {e}"))
    };
    let (a, b) = (parse(old, "old")?, parse(new, "new")?);
    let got = bump_between(&a, &b);
    if got >= needed {
        return Ok(());
    }
    let overflow = || format!("the version {a} cannot be bumped further");
    let next = |n: u64| n.checked_add(1).ok_or_else(overflow);
    let least = match needed {
        Bump::None => return Ok(()),
        Bump::Major if a.major == 0 => Version::new(0, next(a.minor)?, 0),
        Bump::Major => Version::new(next(a.major)?, 0, 0),
        Bump::Minor if a.major == 0 => Version::new(0, a.minor, next(a.patch)?),
        Bump::Minor => Version::new(a.major, next(a.minor)?, 0),
        Bump::Patch => Version::new(a.major, a.minor, next(a.patch)?),
    };
    Err(format!(
        "the changes need a {} version bump, but the version went from {a} to {b} ({}): use at least {least}",
        needed.word(),
        got.word()
    ))
}

/// The `[package] version` of a Cargo.toml.
pub fn manifest_version(text: &str, file: &str) -> Result<String, String> {
    let doc: toml::Table = text
        .parse()
        .map_err(|e| format!("{file}: not a valid Cargo.toml: {e}"))?;
    let version = doc
        .get("package")
        .and_then(|p| p.get("version"))
        .ok_or_else(|| format!("{file}: expected a `version` in its `[package]` table"))?;
    match version {
        toml::Value::String(s) => Ok(s.clone()),
        _ => Err(format!(
            "{file}: the package version is not a string (a `version.workspace = true` package: give --old-version and --new-version)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn bumps_as_cargo_counts_them() {
        for (old, new, bump) in [
            ("0.1.0", "0.2.0", Bump::Major),
            ("0.1.0", "0.1.1", Bump::Minor),
            ("0.1.0", "0.1.0", Bump::None),
            ("0.2.0", "0.1.9", Bump::None),
            ("1.2.3", "2.0.0", Bump::Major),
            ("1.2.3", "1.3.0", Bump::Minor),
            ("1.2.3", "1.2.4", Bump::Patch),
            ("0.1.0", "1.0.0", Bump::Major),
            ("1.2.3-alpha", "1.2.3", Bump::Patch),
        ] {
            assert_eq!(bump_between(&v(old), &v(new)), bump, "{old} -> {new}");
        }
    }

    #[test]
    fn a_short_bump_says_what_would_do() {
        assert_eq!(check("0.1.0", "0.2.0", Bump::Major), Ok(()));
        assert_eq!(check("1.0.0", "1.0.0", Bump::None), Ok(()));
        let e = check("0.1.0", "0.1.1", Bump::Major).unwrap_err();
        assert!(e.contains("use at least 0.2.0"), "{e}");
        let e = check("1.4.2", "1.4.3", Bump::Minor).unwrap_err();
        assert!(e.contains("use at least 1.5.0"), "{e}");
        let e = check("1.4.2", "1.4.2", Bump::Patch).unwrap_err();
        assert!(e.contains("use at least 1.4.3"), "{e}");
        assert!(check("x", "1.0.0", Bump::Patch).is_err());
        let top = format!("1.2.{}", u64::MAX);
        let e = check(&top, &top, Bump::Patch).unwrap_err();
        assert!(e.contains("cannot be bumped further"), "{e}");
    }

    #[test]
    fn manifest_versions() {
        let toml = "[package]\nname = \"a\"\nversion = \"0.3.1\"\n";
        assert_eq!(manifest_version(toml, "C").as_deref(), Ok("0.3.1"));
        let inherited = "[package]\nname = \"a\"\nversion.workspace = true\n";
        assert!(manifest_version(inherited, "C").is_err());
        assert!(manifest_version("[lib]\n", "C").is_err());
        assert!(manifest_version("not toml [", "C").is_err());
    }
}
