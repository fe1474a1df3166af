//! `fixtures/names-lock/`: names that stay put. `base/` is a docs tree; every other folder holds
//! the pages that change it (a page of the same path replaces the base's, others are added):
//! a choice label that collides with an old one, a column whose type name collides with an old
//! column's, a table whose global choice collides with an old one, a choice value gone. Each is
//! generated with the base's lock: no identifier of the base may change, though each change
//! renames one without the lock.

mod common;

use dataverse_codegen::names::{NamesLock, LOCK_FILE};
use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{check, generate, Generated, Options};
use std::collections::BTreeMap;

/// The base tree with `overlay`'s pages over it (`None`: the base alone).
fn docs(overlay: Option<&str>) -> Vec<SourceFile> {
    let mut files: BTreeMap<String, SourceFile> = BTreeMap::new();
    for dir in std::iter::once("base").chain(overlay) {
        for f in common::read(&common::fixtures(&format!("names-lock/{dir}"))) {
            files.insert(f.path.clone(), f);
        }
    }
    files.into_values().collect()
}

fn run(overlay: Option<&str>, names: &NamesLock, prune_removed: bool) -> Generated {
    let options = Options {
        strict: true,
        names: names.clone(),
        prune_removed,
        ..Options::default()
    };
    let generated = generate(&docs(overlay), options).unwrap_or_else(|e| panic!("{e}"));
    if let Err(e) = check::files(&generated.files) {
        panic!("{e}");
    }
    generated
}

/// The base's lock, from a run without one.
fn base_lock() -> NamesLock {
    run(None, &NamesLock::default(), false).names_lock
}

/// The lock lines `after` has that `before` does not (`+`) and the other way round (`-`).
fn lock_diff(before: &NamesLock, after: &NamesLock) -> String {
    let lines = |l: &NamesLock| -> Vec<String> {
        let text = l.render();
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    let (old, new) = (lines(before), lines(after));
    let mut out: Vec<String> = old
        .iter()
        .filter(|l| !new.contains(l))
        .map(|l| format!("- {l}"))
        .collect();
    out.extend(
        new.iter()
            .filter(|l| !old.contains(l))
            .map(|l| format!("+ {l}")),
    );
    out.join("\n")
}

/// The generated lines of `file` that contain any of `needles`, trimmed.
fn lines_with(g: &Generated, file: &str, needles: &[&str]) -> String {
    let found: Vec<String> = pieces(&g.files[file])
        .into_iter()
        .filter(|l| needles.iter().any(|n| l.contains(n)))
        .collect();
    found.join("\n")
}

/// The file's code (comments left out) as items and list entries, whatever the line breaks:
/// whitespace collapsed, split at the `;`, `,`, `(`, `)`, `{` and `}` that are outside string
/// literals and attributes (so a choice macro's `NAME = 1 => "Label"` entries come one by one).
fn pieces(text: &str) -> Vec<String> {
    let code: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .collect();
    let text = code
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (mut out, mut cur) = (Vec::new(), String::new());
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for ch in text.chars() {
        if in_str {
            cur.push(ch);
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_str = true;
                cur.push(ch);
            }
            '[' => {
                depth += 1;
                cur.push(ch);
            }
            ']' => {
                depth = depth.saturating_sub(1);
                cur.push(ch);
            }
            ';' | ',' | '{' | '}' | '(' | ')' if depth == 0 => {
                let piece = cur.trim().to_string();
                if !piece.is_empty() {
                    out.push(piece);
                }
                cur.clear();
            }
            _ => cur.push(ch),
        }
    }
    out
}

/// Every name the base lock records is in `after`'s lock, unchanged (a value gone from the
/// docs is marked removed, under the same name), and none was lost.
fn assert_nothing_renamed(base: &NamesLock, after: &Generated) {
    assert!(after.lost_names.is_empty(), "{:?}", after.lost_names);
    for (key, role, entry) in base.iter() {
        let now = after.names_lock.get(key, role).map(|e| e.name.as_str());
        assert_eq!(now, Some(entry.name.as_str()), "`{key} {role}`");
    }
}

#[test]
fn the_base_lock() {
    let lock = base_lock();
    insta::assert_snapshot!(lock.render());
    // What the lock says is what the code uses.
    let g = run(None, &lock, false);
    assert_eq!(g.names_lock, lock, "a second run changes nothing");
    assert_eq!(g.files, run(None, &NamesLock::default(), false).files);
}

#[test]
fn a_colliding_choice_label_renames_nothing() {
    let base = base_lock();
    let unlocked = run(Some("colliding-label"), &NamesLock::default(), false);
    let used = |g: &Generated| lines_with(g, "sample_shelf.rs", &["USED"]);
    assert_eq!(
        used(&unlocked),
        "USED_2 = 2 => \"Used\"\nUSED_4 = 4 => \"USED\"",
        "without the lock the old value is renamed"
    );
    let g = run(Some("colliding-label"), &base, false);
    assert_nothing_renamed(&base, &g);
    insta::assert_snapshot!(format!(
        "{}\n\n{}",
        lock_diff(&base, &g.names_lock),
        lines_with(&g, "sample_shelf.rs", &[" => \""])
    ));
}

#[test]
fn a_colliding_column_renames_nothing() {
    let base = base_lock();
    let structs = |g: &Generated| lines_with(g, "sample_shelf.rs", &["pub struct Sample"]);
    let unlocked = run(Some("colliding-column"), &NamesLock::default(), false);
    assert!(
        structs(&unlocked).contains("pub struct SampleKindChoice"),
        "without the lock the old column's type is renamed: {}",
        structs(&unlocked)
    );
    let g = run(Some("colliding-column"), &base, false);
    assert_nothing_renamed(&base, &g);
    insta::assert_snapshot!(format!(
        "{}\n\n{}",
        lock_diff(&base, &g.names_lock),
        structs(&g)
    ));
}

#[test]
fn a_new_table_renames_nothing() {
    let base = base_lock();
    let choices = |g: &Generated| lines_with(g, "choices.rs", &["pub struct", " => \""]);
    let unlocked = run(Some("new-table"), &NamesLock::default(), false);
    assert!(
        choices(&unlocked).contains("pub struct SampleStatusChoice"),
        "without the lock the old global choice is renamed: {}",
        choices(&unlocked)
    );
    let g = run(Some("new-table"), &base, false);
    assert_nothing_renamed(&base, &g);
    insta::assert_snapshot!(format!(
        "{}\n\n{}",
        lock_diff(&base, &g.names_lock),
        choices(&g)
    ));
}

#[test]
fn a_removed_value_stays_deprecated_for_one_release_then_is_pruned() {
    let base = base_lock();
    let g = run(Some("removed-value"), &base, false);
    assert_nothing_renamed(&base, &g);
    let condition = |g: &Generated| {
        lines_with(
            g,
            "sample_shelf.rs",
            &["NEW", "USED", "DAMAGED", "removed from the docs"],
        )
    };
    insta::assert_snapshot!(format!(
        "{}\n\n{}",
        lock_diff(&base, &g.names_lock),
        condition(&g)
    ));
    assert!(
        !lines_with(&g, "sample_shelf.rs", &[" => "]).contains("DAMAGED"),
        "not in OPTIONS (only listed values have a label)"
    );
    // The next run of the release keeps it; the release's prune drops it.
    let again = run(Some("removed-value"), &g.names_lock, false);
    assert_eq!(again.names_lock, g.names_lock);
    let pruned = run(Some("removed-value"), &g.names_lock, true);
    assert!(
        !condition(&pruned).contains("DAMAGED"),
        "{}",
        condition(&pruned)
    );
    assert_eq!(
        lock_diff(&g.names_lock, &pruned.names_lock),
        "- sample_shelf.sample_condition=3 constant DAMAGED removed"
    );
    // Back in the docs, it takes its recorded name again.
    let back = run(None, &g.names_lock, false);
    assert_eq!(back.names_lock, base);
}

#[test]
fn a_malformed_lock_is_refused_with_every_located_error() {
    let base = base_lock().render();
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    let first = lines
        .iter()
        .position(|l| l == "sample_shelf module sample_shelf")
        .expect("the module line");
    lines[first] = lines[first].replace(" module ", " modul ");
    lines.insert(first + 2, "<<<<<<< ours".to_string());
    lines.insert(first + 3, "sample_shelf record Sample-Shelf".to_string());
    lines.insert(first + 4, lines[first + 1].clone());
    lines.insert(first + 5, ">>>>>>> theirs".to_string());
    let text = lines.join("\n");
    let err = NamesLock::parse(&text, LOCK_FILE).expect_err("malformed");
    insta::assert_snapshot!(format!("{text}\n---\n{err}"));
}
