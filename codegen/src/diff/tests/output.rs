//! Fingerprints, summaries, allow files, lost names, and every output format.

use super::*;

#[test]
fn fingerprints_ignore_locations_and_wording() {
    let a = schema(vec![("gone", col("String"))]);
    let b = schema(vec![]);
    let mut moved = a.clone();
    let c = moved
        .tables
        .get_mut("widget")
        .unwrap()
        .columns
        .get_mut("gone")
        .unwrap();
    c.stated = Stated {
        layer: Some("Another product".into()),
        at: Some("elsewhere.md:99:3".into()),
    };
    let (x, y) = (compare(&a, &b), compare(&moved, &b));
    assert_eq!(x.changes[0].fingerprint, y.changes[0].fingerprint);
    assert_ne!(x.changes[0].layer, y.changes[0].layer);
    let print = fingerprint(
        Kind::ColumnRemoved,
        "widget",
        Some("gone"),
        Some("String"),
        None,
    );
    assert_eq!(x.changes[0].fingerprint, print);
    assert_eq!(print.len(), 16);
    // Each part counts, and no two splits of the same text hash alike.
    let other = [
        fingerprint(
            Kind::ColumnAdded,
            "widget",
            Some("gone"),
            Some("String"),
            None,
        ),
        fingerprint(
            Kind::ColumnRemoved,
            "widge",
            Some("tgone"),
            Some("String"),
            None,
        ),
        fingerprint(Kind::ColumnRemoved, "widget", None, Some("String"), None),
        fingerprint(
            Kind::ColumnRemoved,
            "widget",
            Some("gone"),
            None,
            Some("String"),
        ),
        fingerprint(Kind::ColumnRemoved, "widget", Some("gone"), Some(""), None),
    ];
    for o in other {
        assert_ne!(o, print);
    }
}

#[test]
fn summary_and_bump() {
    let a = schema(vec![("gone", col("String")), ("kept", col("String"))]);
    let mut b = schema(vec![("kept", col("String")), ("new", col("String"))]);
    b.tables.get_mut("widget").unwrap().description = Some("x".into());
    let report = compare(&a, &b);
    assert_eq!(
        report.summary_line(),
        "schema changes: 1 error, 0 warnings, 1 info, 1 doc (semver: major)"
    );
    assert_eq!(report.highest(), Some(Level::Error));
    let counts = report.counts();
    assert_eq!(counts[0], (Level::Error, 1));
    assert_eq!(counts[3], (Level::Doc, 1));
    let mut allowed = report.clone();
    allowed.changes[0].allowed = Some("known".into());
    assert_eq!(allowed.highest(), Some(Level::Info));
    for l in Level::ALL {
        assert_eq!(Level::parse(l.word()), Some(l));
    }
    assert_eq!(Level::parse("fatal"), None);
}

#[test]
fn allow_files() {
    let a = schema(vec![("gone", col("String"))]);
    let mut report = compare(&a, &schema(vec![]));
    let print = report.changes[0].fingerprint.clone();
    let text = format!("# accepted\n\n  {print} we never used it\n0123456789abcdef stale\n");
    let allow = allow::Allow::parse(&text, "allow.txt").unwrap();
    assert_eq!(
        allow.apply(&mut report),
        [("0123456789abcdef".to_string(), 4)]
    );
    assert_eq!(
        report.changes[0].allowed.as_deref(),
        Some("we never used it")
    );
    assert_eq!(report.highest(), None);

    let bad = format!("0123\n{print}\n{print} twice\n{print} again\n");
    let errors = allow::Allow::parse(&bad, "allow.txt")
        .unwrap_err()
        .to_string();
    assert!(
        errors.contains("allow.txt:1:1: error: expected a change fingerprint"),
        "{errors}"
    );
    assert!(
        errors.contains("allow.txt:2:17: error: expected a reason"),
        "{errors}"
    );
    assert!(
        errors.contains("allow.txt:4:1: error: this fingerprint is already allowed on line 3"),
        "{errors}"
    );
    let upper = "0123456789ABCDEF reason\n";
    assert!(allow::Allow::parse(upper, "a").is_err());
}

#[test]
fn lost_names_are_name_changed_errors() {
    use crate::names::{ItemKey, LostName, Role};
    let lost = [
        LostName {
            key: ItemKey::Column {
                table: "widget".into(),
                column: "etag".into(),
            },
            role: Role::Field,
            recorded: "etag".into(),
            instead: Some("etag_4bb1b6".into()),
            why: "the generated code uses `etag` itself there".into(),
        },
        LostName {
            key: ItemKey::Global {
                choice: "budgetstatus".into(),
            },
            role: Role::Type,
            recorded: "BudgetStatus".into(),
            instead: None,
            why: "gone".into(),
        },
    ];
    let changes = lost_names(&lost);
    let c = &changes[0];
    assert_eq!(
        (c.table.as_str(), c.kind, c.item.as_deref(), c.level),
        (
            "widget",
            Kind::NameChanged,
            Some("etag field"),
            Level::Error
        )
    );
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (Some("etag"), Some("etag_4bb1b6"))
    );
    assert_eq!(c.axes, [Axis::Api]);
    assert_eq!(c.why, "the generated code uses `etag` itself there");
    let print = fingerprint(
        Kind::NameChanged,
        "widget",
        Some("etag field"),
        Some("etag"),
        Some("etag_4bb1b6"),
    );
    assert_eq!(c.fingerprint, print);
    assert_eq!(changes[1].table, "global:budgetstatus");
    assert_eq!(changes[1].item.as_deref(), Some("type"));
    assert_eq!(changes[1].new, None);
}

/// Page text in every output format: it cannot start a line, a command, a cell or markup.
#[test]
fn hostile_page_text_stays_inert_in_every_format() {
    let hostile = "x\n::error::pwned %0A | <details> @user $x$ \u{1b}[31m \u{202e}evil";
    let a = schema(vec![("name", col("String"))]);
    let mut b = a.clone();
    let c = b.tables.get_mut("widget").unwrap();
    c.columns.get_mut("name").unwrap().description = Some(hostile.into());
    c.columns.get_mut("name").unwrap().stated.layer = Some(hostile.into());
    let report = compare(&a, &b);
    let show = render::Show { doc: true };

    let text = render::text(&report, show);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("::")), "{text}");

    let md = render::markdown(&report, show);
    let row = md
        .lines()
        .find(|l| l.starts_with("| `description_changed`"))
        .expect("a row");
    assert_eq!(row.matches('|').count(), 9, "{row}");
    for raw in ["<details>", " @user", " $x$", "\u{202e}"] {
        assert!(!row.contains(raw), "{raw:?} in {row}");
    }

    let gh = render::github(&report, show, "docs/");
    assert_eq!(gh.lines().count(), 1, "{gh}");
    assert!(gh.contains("%250A") && !gh.contains('\u{1b}'), "{gh}");
    // Properties end at `,` and `::`: page text cannot add one.
    let props = gh.split("::").nth(1).expect("properties");
    assert_eq!(props.matches(',').count(), 3, "{props}");
}

#[test]
fn markdown_hides_prose_and_folds_long_levels() {
    let cols = |n: usize| -> Vec<(String, ColumnSchema)> {
        (0..n)
            .map(|i| (format!("c{i:02}"), col("String")))
            .collect()
    };
    let with = |n: usize, description: Option<&str>| {
        let mut s = schema(vec![]);
        let t = s.tables.get_mut("widget").unwrap();
        t.columns = cols(n).into_iter().collect();
        t.description = description.map(str::to_string);
        s
    };
    let hidden = render::Show { doc: false };
    // Ten removals stay open, eleven are folded.
    let ten = render::markdown(&compare(&with(10, None), &with(0, None)), hidden);
    assert!(
        ten.contains("#### 10 errors") && !ten.contains("<details>"),
        "{ten}"
    );
    let eleven = render::markdown(&compare(&with(11, None), &with(0, None)), hidden);
    assert!(
        eleven.contains("<details><summary>11 errors</summary>"),
        "{eleven}"
    );
    // Prose is counted, not listed, unless asked for.
    let prose = compare(&with(0, Some("old")), &with(0, Some("new")));
    let md = render::markdown(&prose, hidden);
    assert!(md.contains("1 doc hidden (prose only)."), "{md}");
    assert!(!md.contains("`description_changed`"), "{md}");
    let shown = render::markdown(&prose, render::Show { doc: true });
    assert!(
        shown.contains("#### 1 doc") && shown.contains("`description_changed`"),
        "{shown}"
    );
    assert_eq!(
        render::markdown(&compare(&with(1, None), &with(1, None)), hidden),
        "### Dataverse schema changes\n\nNo schema change.\n"
    );
}
