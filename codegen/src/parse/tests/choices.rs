//! Choice tables: a header-keyed table and option bullets read into one shape.

use crate::parse::{page, CellValue, ChoiceForm, ChoiceTable, Located, SubValue};
use crate::source::SourceFile;

/// (value, label) of every row.
fn options(t: &ChoiceTable<'_>) -> Vec<(String, String)> {
    t.rows
        .iter()
        .map(|r| {
            let value = r.value.as_ref().map_or("", |v| v.value.as_str());
            (value.to_string(), r.label.clone())
        })
        .collect()
}

const HEAD: &str = "# T (t)\n\n## Writable columns/attributes\n\n### <a name=\"BKMK_s\"></a> statuscode\n\n|Property|Value|\n|---|---|\n|Type|Status|\n\n#### statuscode Choices/Options\n\n";

#[test]
fn bullets_and_tables_give_the_same_options() {
    let table = format!("{HEAD}|label|VALUE|\n|---|---|\n|**Active **|`1`|\n|Inactive|2|\n");
    let bullets =
        format!("{HEAD}- **Value**: 1 **Label**: **Active **\n- **Value**: 2 **Label**: Inactive\n- not an option\n");
    let (t, b) = (
        SourceFile::new("t.md", table),
        SourceFile::new("b.md", bullets),
    );
    let ((tp, _), (bp, _)) = (page(&t), page(&b));
    let block = |p: &crate::parse::Page<'_>| -> Option<(ChoiceForm, Vec<(String, String)>)> {
        let c = p.sections[0].items[0].choices[0].options.as_ref()?;
        Some((c.form, options(c)))
    };
    let want = vec![
        ("1".to_string(), "Active".to_string()),
        ("2".to_string(), "Inactive".to_string()),
    ];
    assert_eq!(block(&tp), Some((ChoiceForm::Table, want.clone())));
    assert_eq!(block(&bp), Some((ChoiceForm::Bullets, want)));
    // Bullets are located at the bullet, table values at their cell.
    let row = &bp.sections[0].items[0].choices[0]
        .options
        .as_ref()
        .unwrap()
        .rows[0];
    assert!(b.text[row.at..].starts_with("- **Value**: 1"));
    let row = &tp.sections[0].items[0].choices[0]
        .options
        .as_ref()
        .unwrap()
        .rows[0];
    let at = row.value.as_ref().map_or(0, |v| v.at);
    assert!(t.text[at..].starts_with("`1`"));
}

#[test]
fn table_columns_are_found_by_header_name() {
    let text = format!(
        "{HEAD}|Details|invariantname|Value|State|DefaultStatus|\n|---|---|---|---|---|\n|Label: **Active**<br />State:0<br />Oops|`Active`|1|0|x|\n|||\n"
    );
    let f = SourceFile::new("t.md", text);
    let (p, _) = page(&f);
    let t = p.sections[0].items[0].choices[0].options.as_ref().unwrap();
    assert!(t.has_value_column);
    let row = &t.rows[0];
    assert_eq!(row.invariant_name, CellValue::Value("Active".to_string()));
    assert_eq!(
        row.state.as_ref().map(|s| &s.value),
        Some(&CellValue::Value("0".into()))
    );
    let status = row.default_status.as_ref().expect("a DefaultStatus cell");
    assert_eq!(status.value, CellValue::Value("x".to_string()));
    assert!(f.text[status.at..].starts_with("x|"));
    let details: Vec<_> = row
        .details
        .iter()
        .map(|d| match d {
            SubValue::Pair(p) => format!("{}={}", p.key, p.value.text()),
            SubValue::Text { text, .. } => format!("?{text}"),
        })
        .collect();
    assert_eq!(details, ["Label=Active", "State=0", "?Oops"]);
    // A row too short for its Value cell has no value.
    assert_eq!(t.rows[1].value, None);
    assert_eq!(t.rows[1].label, "");
}

#[test]
fn tables_without_values_and_blocks_without_options() {
    let f = SourceFile::new(
        "t.md",
        format!("{HEAD}**DefaultValue**: 1\n\n**DefaultValue**: `2`\n\n|Label|\n|---|\n|Active|\n"),
    );
    let (p, _) = page(&f);
    let c = &p.sections[0].items[0].choices[0];
    let t = c.options.as_ref().unwrap();
    assert!(!t.has_value_column && t.rows.is_empty());
    assert!(f.text[t.at..].starts_with("|Label|"));
    assert_eq!(c.default_value, Some(CellValue::Value("2".to_string())));

    let f = SourceFile::new("t.md", format!("{HEAD}Nothing here.\n"));
    let (p, _) = page(&f);
    assert!(p.sections[0].items[0].choices[0].options.is_none());
    assert_eq!(p.sections[0].items[0].choices[0].default_value, None);
}

#[test]
fn item_bullets_are_the_2017_options() {
    let text = "# T (t)\n\n## Writable columns/attributes\n\n### <a name=\"BKMK_b\"></a> b\n\n**Type**: Boolean<br />\n**Options**:\n\n- **TrueOption Value**: 1 **Label**: Yes\n- **FalseOption Value**: 0 **Label**: No\n";
    let f = SourceFile::new("t.md", text);
    let (p, _) = page(&f);
    let item = &p.sections[0].items[0];
    assert_eq!(item.options.form, ChoiceForm::Bullets);
    assert_eq!(
        options(&item.options),
        [
            ("1".to_string(), "Yes".to_string()),
            ("0".to_string(), "No".to_string())
        ]
    );
    let first = item.options.rows[0].value.as_ref();
    assert_eq!(first.map(|v| v.at), Some(item.options.rows[0].at));
    let _: Option<&Located<String>> = first;
}
