//! Property lists: the table form and the 2017 line form read into one shape.

use crate::parse::{page, CellValue, Page, Part, PropertyList, SubValue};
use crate::source::SourceFile;

const TABLE: &str = "# T (t)\n\n## Writable columns/attributes\n\n### <a name=\"BKMK_a\"></a> a\n\n|Property|Value|\n|---|---|\n|**LogicalName**|`sample_a`|\n|Type|Lookup|\n|Targets|account,contact|\n|MaxLength|null|\n|Description|``|\n|CascadeConfiguration|Assign: NoCascade<br />Delete: RemoveLink<br />Oops<br />|\n";

const LINES: &str = "# T (t)\n\n## Writable columns/attributes\n\n### <a name=\"BKMK_a\"></a> a\n\n**LogicalName**: `sample_a`<br />\n**Type**: Lookup<br />\n**Targets**: account,contact<br />\n**MaxLength**: null<br />\n**Description**: ``<br />\n**CascadeConfiguration**: Oops\n\n**CascadeConfiguration**:\n\n- **Assign**: NoCascade\n- **Delete**: RemoveLink\n";

fn first_item<'p>(p: &'p Page<'_>) -> &'p PropertyList<'p> {
    &p.sections[0].items[0].props
}

/// (key, value) of every property, and the `<br />` parts of `CascadeConfiguration`.
type Summary = (Vec<(String, CellValue)>, Vec<(String, String)>);

fn summary(list: &PropertyList<'_>) -> Summary {
    let entries = list
        .entries
        .iter()
        .map(|p| (p.key.clone(), p.value.clone()))
        .collect();
    let cascade = list
        .entries
        .iter()
        .find(|p| p.key == "CascadeConfiguration")
        .map(|p| p.parts())
        .unwrap_or_default()
        .into_iter()
        .map(|s| match s {
            SubValue::Pair(Part { key, value, .. }) => (key.to_string(), value.text().to_string()),
            SubValue::Text { text, .. } => ("?".to_string(), text.to_string()),
        })
        .collect();
    (entries, cascade)
}

#[test]
fn table_and_line_forms_give_the_same_properties() {
    let (t, l) = (
        SourceFile::new("t.md", TABLE),
        SourceFile::new("l.md", LINES),
    );
    let ((tp, td), (lp, ld)) = (page(&t), page(&l));
    assert!(td.is_empty() && ld.is_empty(), "{td:?} {ld:?}");
    let (table, lines) = (summary(first_item(&tp)), summary(first_item(&lp)));
    let value = |v: &str| CellValue::Value(v.to_string());
    let want = [
        ("LogicalName".to_string(), value("sample_a")),
        ("Type".to_string(), value("Lookup")),
        ("Targets".to_string(), value("account,contact")),
        ("MaxLength".to_string(), CellValue::Null),
        ("Description".to_string(), CellValue::Empty),
    ];
    assert_eq!(table.0[..5], want[..]);
    assert_eq!(lines.0[..5], want[..]);
    let parts = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    // The cell's `<br />` parts; the line form's own text, then the bullets of the first
    // `**CascadeConfiguration**:` line with no value.
    assert_eq!(
        table.1,
        parts(&[
            ("Assign", "NoCascade"),
            ("Delete", "RemoveLink"),
            ("?", "Oops")
        ])
    );
    assert_eq!(
        lines.1,
        parts(&[
            ("?", "Oops"),
            ("Assign", "NoCascade"),
            ("Delete", "RemoveLink")
        ])
    );
    // Each value's offset is where its text starts.
    for (file, p) in [(&t, &tp), (&l, &lp)] {
        for prop in &first_item(p).entries {
            let text = &file.text[prop.at..];
            let first_word = prop.value.text().split(' ').next().unwrap_or("");
            assert!(
                text.starts_with(first_word) || text.starts_with('`'),
                "{}: {:?} at {:?}",
                prop.key,
                first_word,
                &text[..text.len().min(20)]
            );
        }
    }
}

#[test]
fn parts_and_bullets_know_where_they_are() {
    let f = SourceFile::new("l.md", LINES);
    let (p, _) = page(&f);
    let list = first_item(&p);
    let config = list.entries.last().expect("a property");
    assert_eq!(config.key, "CascadeConfiguration");
    assert_eq!(config.value, CellValue::Empty);
    for part in config.parts() {
        if let SubValue::Pair(part) = part {
            assert!(f.text[part.at..].starts_with(&format!("**{}**", part.key)));
            assert!(f.text[part.value_at..].starts_with(part.value.text()));
        }
    }
}

#[test]
fn short_rows_and_notes_next_to_a_table() {
    let text = "# T (t)\n\n## Properties\n\n**Added by**: Some Solution\n\n|Property|Value|\n|---|---|\n|LogicalName|t|\n|Alone|\n";
    let f = SourceFile::new("t.md", text);
    let (p, _) = page(&f);
    let list = &p.sections[0].props;
    let keys: Vec<_> = list.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        ["LogicalName"],
        "a bold line next to a table is a note"
    );
    assert_eq!(list.short_rows.len(), 1);
    assert!(f.text[list.short_rows[0]..].starts_with("|Alone|"));
}

/// Steps counted by [`crate::parse::cell::tick`]: reading property lists (both forms, with
/// bullets under repeated `**Key**:` lines) and choice tables is linear in the page.
#[test]
fn typed_parts_are_read_in_linear_work() {
    let doc = |k: usize| {
        format!(
            "# T (t)\n\n## Many-To-One Relationships\n\n### r\n\n{}{}## Writable columns/attributes\n\n{}",
            "**AssociatedMenuConfiguration**:\n\n- **Behavior**: x\n- y\n\n".repeat(k / 64),
            "**CascadeConfiguration**: Assign: Cascade<br />Oops<br />\n".repeat(k / 64),
            "### c\n\n|Property|Value|\n|---|---|\n|Type|Picklist|\n|x|\n\n#### c Choices/Options\n\n|Value|Label|Details|\n|---|---|---|\n|1|A|Label: A<br />State: 0|\n\n- **Value**: 2 **Label**: B\n\n".repeat(k / 256),
        )
    };
    let steps = |text: &str| {
        let f = SourceFile::new("t.md", text);
        crate::parse::cell::count_steps(|| page(&f)).1
    };
    // A multiple of 256, so that twice `k` repeats every part exactly twice as often.
    let k = 102_400;
    let (small, large) = (doc(k), doc(2 * k));
    let (s1, s2) = (steps(&small), steps(&large));
    let (n1, n2) = (small.len() as u64, large.len() as u64);
    println!("typed parts: n={n1} steps={s1}  n={n2} steps={s2}");
    assert!(s1 <= 8 * n1, "{s1} steps for {n1} bytes");
    assert!(
        s2 <= 2 * s1 + 64,
        "{s1} steps for {n1} bytes, {s2} for {n2}"
    );
}
