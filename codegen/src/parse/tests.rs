//! Tests of the markdown walker; the typed parts are tested in `tests/`.

use super::lines::is_anchor_line;
use super::sections::parse_heading;
use super::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

mod choices;
mod props;
mod prose;

#[test]
fn section_synonyms() {
    use RelationshipSection::*;
    let cases = [
        ("Properties", SectionKind::Properties),
        ("Entity Properties", SectionKind::Properties),
        (
            "Writable attributes",
            SectionKind::Columns(ColumnAccess::Writable),
        ),
        (
            "Read-only  columns/attributes",
            SectionKind::Columns(ColumnAccess::ReadOnly),
        ),
        (
            "Customized columns/attributes",
            SectionKind::Columns(ColumnAccess::Customized),
        ),
        (
            "Many-To-One Relationships",
            SectionKind::Relationships(ManyToOne),
        ),
        (
            "One-to-Many relationships",
            SectionKind::Relationships(OneToMany),
        ),
        (
            "Many-to-Many relationships",
            SectionKind::Relationships(ManyToMany),
        ),
        (
            "Customized relationships",
            SectionKind::CustomizedRelationships,
        ),
        (
            "Customized Many-to-One relationships",
            SectionKind::Relationships(ManyToOne),
        ),
        ("See also", SectionKind::SeeAlso),
        ("Frobnicators", SectionKind::Unknown),
    ];
    for (title, want) in cases {
        assert_eq!(section_kind(title), want, "{title}");
    }
}

#[test]
fn headings_with_anchors() {
    let src = "### <a name=\"BKMK_Type\"></a> Type";
    let h = parse_heading(src, 3, 0..src.len());
    assert_eq!((h.anchor, h.title), (Some("BKMK_Type"), "Type"));
    let src = "## Messages ##";
    let h = parse_heading(src, 2, 0..src.len());
    assert_eq!((h.anchor, h.title), (None, "Messages"));
}

fn parse(text: &str) -> (SourceFile, Vec<String>) {
    let f = SourceFile::new("t.md", text);
    let (_, d) = page(&f);
    let msgs = d.iter().map(|d| d.to_string()).collect();
    (f, msgs)
}

#[test]
fn anchor_line_glued_to_a_heading_still_opens_the_section() {
    let f = SourceFile::new(
        "t.md",
        "# T (t) table/entity reference\n\n<a name=\"read-only-attributes\"></a>\n## Read-only attributes\n\n### <a name=\"BKMK_A\"></a> A\n\n**Type**: String<br />\n",
    );
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(p.sections.len(), 1);
    assert_eq!(
        p.sections[0].kind,
        SectionKind::Columns(ColumnAccess::ReadOnly)
    );
    assert_eq!(p.sections[0].items[0].heading.title, "A");
}

#[test]
fn broken_tables_are_errors() {
    let (_, d) = parse("# T (t)\n\n## Properties\n\n|Property|Value|\n|---|---|\n|A|b|c|\n");
    assert_eq!(
        d,
        ["t.md:7:1: error: table row has 3 cells: expected at most 2, as in the header (Properties)"]
    );
    let (_, d) = parse("# T (t)\n\n## Properties\n\n|Property|Value|\n|---|---|\n|A|b");
    assert_eq!(
        d,
        ["t.md:7:5: error: truncated table: expected the row to end with `|` (Properties)"]
    );
    let (_, d) = parse("# T (t)\n\n## Properties\n\n|Property|Value|\n");
    assert_eq!(
        d,
        ["t.md:5:1: error: truncated table: a `|`-row with no delimiter row (`|---|---|`) after it (Properties)"]
    );
}

/// The rows of the first table under the first section, as raw cell texts.
fn rows(p: &Page<'_>) -> Vec<Vec<String>> {
    let table = p.sections.first().and_then(|s| s.table.as_ref());
    table.map_or(vec![], |t| {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.raw.to_string()).collect())
            .collect()
    })
}

const THREE: &str = "# T (t)\n\n## Properties\n\n|Value|Label|Description|\n|---|---|---|\n";

#[test]
fn backticks_do_not_protect_pipes_and_escaped_pipes_do() {
    let f = SourceFile::new(
        "t.md",
        format!("{THREE}|1|Don`t|Third|\n|2|a \\| b|c|\n|3|`x|y`|\n|4|`\\|`|z|\n"),
    );
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        rows(&p),
        [
            vec!["1", "Don`t", "Third"],
            vec!["2", "a \\| b", "c"],
            vec!["3", "`x", "y`"],
            vec!["4", "`\\|`", "z"],
        ]
    );
}

#[test]
fn short_rows_have_only_their_written_cells() {
    let f = SourceFile::new("t.md", format!("{THREE}|1|\n|2||\n| 3 |  |\n|4|x|\n"));
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        rows(&p),
        [vec!["1"], vec!["2", ""], vec!["3", ""], vec!["4", "x"]]
    );
    // At the end of the file, without a line break.
    let f = SourceFile::new("t.md", format!("{THREE}|1|"));
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(rows(&p), [vec!["1"]]);
    // CRLF line ends.
    let crlf = format!("{THREE}|1|\n|2|x|\n|3|a|b|c|\n").replace('\n', "\r\n");
    let f = SourceFile::new("t.md", crlf);
    let (p, d) = page(&f);
    assert_eq!(
        d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        ["t.md:9:1: error: table row has 4 cells: expected at most 3, as in the header (Properties)"]
    );
    assert_eq!(rows(&p), [vec!["1"], vec!["2", "x"], vec!["3", "a", "b"]]);
}

#[test]
fn wide_rows_are_errors_counted_as_gfm_splits() {
    let two = "# T (t)\n\n## Properties\n\n|Property|Value|\n|---|---|\n";
    let cases = [
        ("|a|b|c|d|e|", Some(5)),
        ("|a|`b|c`|", Some(3)),
        ("|a|b|   |", Some(3)),
        ("|a|b||", Some(3)),
        ("|a|b\\|c|", None),
        ("|a|b\\\\|c|", None),
        ("|a|b|  ", None),
        ("a|b|c|", Some(3)),
        ("|a|b|c\\|d|", Some(3)),
        ("|a|b|c|d", Some(4)),
    ];
    for (row, want) in cases {
        let f = SourceFile::new("t.md", format!("{two}{row}\n"));
        let (p, d) = page(&f);
        let wide: Vec<_> = d
            .iter()
            .map(|d| d.to_string())
            .filter(|d| d.contains("cells"))
            .collect();
        match want {
            Some(n) => assert_eq!(
                wide,
                [format!("t.md:7:1: error: table row has {n} cells: expected at most 2, as in the header (Properties)")],
                "{row}"
            ),
            None => assert!(wide.is_empty(), "{row}: {wide:?}"),
        }
        assert_eq!(rows(&p)[0].len(), 2, "{row}");
    }
    // Both errors, each where it was before.
    let (_, d) = parse(&format!("{two}|a|b|c\n"));
    assert_eq!(
        d,
        [
            "t.md:7:1: error: table row has 3 cells: expected at most 2, as in the header (Properties)",
            "t.md:7:7: error: truncated table: expected the row to end with `|` (Properties)",
        ]
    );
}

#[test]
fn table_rows_in_code_are_not_tables() {
    let f = SourceFile::new(
        "t.md",
        "# T (t)\n\n## Properties\n\n```\n|a|b|c|\n|---|\n|x|\n```\n\n`|a|b|` and `|c|`\n\n    |a|b|\n    |-|-|\n",
    );
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    assert!(p.sections[0].table.is_none());
    assert_eq!(p.sections[0].blocks.len(), 1);
}

/// What pulldown-cmark itself makes of `row` under a header wider than any row here: the
/// number of written (not padded) cells, `None` when the line is no table row.
fn gfm_cells(row: &str) -> Option<usize> {
    let doc = format!("{}|\n{}|\n{row}\n", "|h".repeat(40), "|-".repeat(40));
    let mut in_row = None;
    let mut cells = None;
    for (e, r) in Parser::new_ext(&doc, Options::ENABLE_TABLES).into_offset_iter() {
        match e {
            Event::Start(Tag::TableRow) => (in_row, cells) = (Some(r.end), Some(0)),
            Event::Start(Tag::TableCell) if in_row.is_some_and(|end| r.start < end) => {
                cells = cells.map(|c| c + 1)
            }
            _ => {}
        }
    }
    cells
}

#[test]
fn extra_cells_are_counted_as_pulldown_cmark_splits() {
    const PIECES: [&str; 12] = ["|", "|", "\\", "`", " ", "\t", "a", "*", "<", "&", "[", "é"];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let two = "# T (t)\n\n## Properties\n\n|Property|Value|\n|---|---|\n";
    let mut checked = 0;
    for _ in 0..4000 {
        let len = 1 + (next() % 12) as usize;
        let body: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let row = if next() % 4 == 0 {
            body
        } else {
            format!("|{body}")
        };
        let Some(want) = gfm_cells(&row) else {
            continue;
        };
        let f = SourceFile::new("t.md", format!("{two}{row}\n"));
        let (p, d) = page(&f);
        let Some(got) = p.sections[0].table.as_ref().and_then(|t| t.rows.first()) else {
            panic!("{row:?}: pulldown-cmark sees a row here");
        };
        let wide = d.iter().find_map(|d| {
            let m = d.message.strip_prefix("table row has ")?;
            m.split(' ').next()?.parse::<usize>().ok()
        });
        assert_eq!(wide.unwrap_or(got.cells.len()), want, "{row:?}");
        assert_eq!(got.cells.len(), want.min(2), "{row:?}");
        checked += 1;
    }
    assert!(checked > 2000, "{checked}");
}

#[test]
fn headings_in_html_blocks_are_not_headings() {
    for html in [
        "<!--\n## Writable columns/attributes\n### sample_hidden\n-->\n",
        "<div>\n## Writable columns/attributes\n### sample_hidden\n</div>\n",
        "<a name=\"x\">\n<!--\n## Writable columns/attributes\n-->\n",
    ] {
        let f = SourceFile::new("t.md", format!("# T (t) table/entity reference\n\n{html}"));
        let (p, d) = page(&f);
        assert!(d.is_empty(), "{html}: {d:?}");
        assert!(p.sections.is_empty(), "{html}");
    }
    // Inside a section, a hidden item is no item.
    let f = SourceFile::new(
        "t.md",
        "# T (t)\n\n## Writable columns/attributes\n\n<!--\n### sample_hidden\n\n|Property|Value|\n-->\n",
    );
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    assert!(p.sections[0].items.is_empty());
}

#[test]
fn anchor_blocks_inside_lists_or_before_non_headings_open_nothing() {
    for text in [
        // An anchor block inside a list item: not at the top level.
        "- <a name=\"x\"/>\n  ## Writable columns/attributes\n",
        "> <a name=\"x\"/>\n> ## Writable columns/attributes\n",
        // After the anchor, a line that is no heading (no space, or seven #) ends the run.
        "<a name=\"x\"/>\n#Writable columns/attributes\n",
        "<a name=\"x\"/>\n####### Writable columns/attributes\n",
    ] {
        let f = SourceFile::new("t.md", format!("# T (t) table/entity reference\n\n{text}"));
        let (p, _) = page(&f);
        assert!(p.sections.is_empty(), "{text:?} opened a section");
    }
}

#[test]
fn anchor_tag_lines_that_start_an_html_block_keep_their_heading() {
    for anchor in [
        "<a name=\"read-only-attributes\">",
        "<a name=\"read-only-attributes\"/>",
    ] {
        let f = SourceFile::new(
            "t.md",
            format!("# T (t) table/entity reference\n\n{anchor}\n## Read-only attributes\n<a id=\"BKMK_A\"></a>\n### <a name=\"BKMK_A\"></a> A\n\n**Type**: String<br />\n"),
        );
        let (p, d) = page(&f);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.sections.len(), 1, "{anchor}");
        assert_eq!(
            p.sections[0].kind,
            SectionKind::Columns(ColumnAccess::ReadOnly)
        );
        assert_eq!(p.sections[0].items[0].heading.title, "A");
        assert_eq!(p.sections[0].items[0].blocks.len(), 1);
    }
}

#[test]
fn headings_in_quotes_and_list_items_are_not_headings() {
    for block in [
        "> ## Writable columns/attributes\n> ### sample_hidden\n",
        "- ## Writable columns/attributes\n- ### sample_hidden\n",
        "1. ## Writable columns/attributes\n",
        "> - > ## Writable columns/attributes\n",
        "- item\n\n  ## Writable columns/attributes\n",
    ] {
        let f = SourceFile::new("t.md", format!("# T (t) table/entity reference\n\n{block}"));
        let (p, d) = page(&f);
        assert!(d.is_empty(), "{block}: {d:?}");
        assert!(p.sections.is_empty(), "{block}");
        assert!(!p.intro.is_empty(), "{block}");
    }
    let f = SourceFile::new(
        "t.md",
        "# T (t)\n\n## Writable columns/attributes\n\n> ### sample_quoted\n\n- ### sample_listed\n\n### <a name=\"BKMK_a\"></a> a\n",
    );
    let (p, d) = page(&f);
    assert!(d.is_empty(), "{d:?}");
    let items: Vec<_> = p.sections[0]
        .items
        .iter()
        .map(|i| i.heading.title)
        .collect();
    assert_eq!(items, ["a"]);
    assert_eq!(p.sections[0].blocks.len(), 2);
}

/// Steps counted by [`cell::tick`], not time: per-row work must not re-read the header
/// line, and extra cells and HTML blocks are read once.
#[test]
fn page_work_is_linear_in_rows_and_lines() {
    let doc = |k: usize| {
        format!(
            "# T (t)\n\n## Properties\n\n|Property|Value|{}\n|---|---|\n{}{}\n<a name=\"x\">\n{}",
            " ".repeat(k),
            "|x|y|\n".repeat(k / 8),
            "|x|y|z".repeat(k / 8),
            "## Events\n".repeat(k / 16),
        )
    };
    let k = 100_000;
    let (small, large) = (doc(k), doc(2 * k));
    let steps = |text: &str| {
        let f = SourceFile::new("t.md", text);
        cell::count_steps(|| page(&f)).1
    };
    let (s1, s2) = (steps(&small), steps(&large));
    let (n1, n2) = (small.len() as u64, large.len() as u64);
    println!("page: n={n1} steps={s1}  n={n2} steps={s2}");
    assert!(s1 <= 8 * n1, "{s1} steps for {n1} bytes");
    assert!(
        s2 <= 2 * s1 + 64,
        "{s1} steps for {n1} bytes, {s2} for {n2}"
    );
}

#[test]
fn empty_and_headless_pages() {
    let (_, d) = parse(" \n\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].starts_with("t.md:1:1: error: empty page"), "{d:?}");
    let (_, d) = parse("---\ntitle: x\n---\n\n## Properties\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].starts_with("t.md:5:1: error: no H1 heading"), "{d:?}");
}

#[test]
fn anchor_lines() {
    let cases = [
        ("<a name=\"x\">", true),
        ("<a name=\"x\"/>", true),
        ("  <a id=\"x\"></a>  ", true),
        ("<A NAME=\"x\">", true),
        ("<a>", false),
        ("<abbr x>", false),
        ("<b name=\"x\">", false),
        ("<a name=\"x\"", false),
        ("<a name=\"<x\">", false),
        ("<a name=\"x>\">", false),
        ("text <a name=\"x\">", false),
        ("<a name=\"x\"></a> ## Heading", false),
    ];
    for (line, want) in cases {
        assert_eq!(is_anchor_line(line), want, "{line:?}");
    }
}
