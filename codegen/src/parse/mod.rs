//! Markdown -> [`Page`]: one pass over pulldown-cmark's offset events.
//!
//! The parser knows markdown and the page skeleton (which heading level is a section, an item, a
//! choice block), nothing about Dataverse. Cells stay raw source slices; [`cell`] normalizes them.

pub mod cell;
pub mod page;

pub use page::*;

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Parses one page. Diagnostics are markdown-level problems (no H1, broken tables); an empty
/// or headless page still returns a (mostly empty) [`Page`] so callers can go on collecting.
pub fn page(file: &SourceFile) -> (Page<'_>, Vec<Diagnostic>) {
    let mut w = Walker {
        file,
        src: &file.text,
        page: Page::default(),
        diags: Vec::new(),
        target: Target::Intro,
        block_depth: 0,
        in_metadata: false,
        table: None,
    };
    if file.text.trim().is_empty() {
        w.diags.push(Diagnostic::error(
            file.loc(0),
            "empty page: expected front matter and a `# <Display name> (<schema name>) table/entity reference` heading",
        ));
        return (w.page, w.diags);
    }
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(&file.text, options).into_offset_iter() {
        w.event(event, range);
    }
    if w.page.h1.is_none() {
        let at = w.page.sections.first().map_or(0, |s| s.heading.span.start);
        w.diags.push(Diagnostic::error(
            file.loc(at),
            "no H1 heading: expected `# <Display name> (<schema name>) table/entity reference` before the first section",
        ));
    }
    (w.page, w.diags)
}

/// Where blocks and tables currently go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Intro,
    Section,
    Item,
    Choice,
}

struct Walker<'a, 'f> {
    file: &'f SourceFile,
    src: &'a str,
    page: Page<'a>,
    diags: Vec<Diagnostic>,
    target: Target,
    block_depth: usize,
    in_metadata: bool,
    table: Option<TableBuilder<'a>>,
}

struct TableBuilder<'a> {
    table: Table<'a>,
    in_head: bool,
    /// Whether the header line ends with `|` (then every row must), found once per table.
    header_closed: bool,
    row: Option<Row<'a>>,
}

impl<'a> Walker<'a, '_> {
    fn event(&mut self, event: Event<'a>, range: Span) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            Event::Text(_) if self.in_metadata => self.front_matter(range),
            Event::Start(Tag::Heading { .. }) => self.block_depth += 1,
            Event::End(TagEnd::Heading(level)) => {
                self.block_depth = self.block_depth.saturating_sub(1);
                // Only top-level headings shape the page: one in a block quote or a list item
                // (`> ## x`, `- ## x`) is part of that block.
                if self.block_depth == 0 {
                    self.heading(level as u8, range);
                }
            }
            Event::Start(Tag::Table(_)) => {
                let header_line = first_line(&self.src[range.clone()]);
                self.table = Some(TableBuilder {
                    header_closed: header_line.trim_end().ends_with('|'),
                    table: Table {
                        header: Vec::new(),
                        rows: Vec::new(),
                        span: range,
                    },
                    in_head: false,
                    row: None,
                })
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut self.table {
                    t.row = Some(Row {
                        cells: Vec::new(),
                        span: range,
                    });
                }
            }
            Event::Start(Tag::TableCell) => {
                let raw = self.src[range.clone()].trim();
                if let Some(t) = &mut self.table {
                    let cell = Cell { raw, span: range };
                    match &mut t.row {
                        // pulldown-cmark pads a short row with empty cells placed at the row's
                        // end (after its line break), where no written cell can start: those
                        // are not cells of the row.
                        Some(row) if !t.in_head => {
                            if cell.span.start < row.span.end {
                                row.cells.push(cell)
                            }
                        }
                        _ => t.table.header.push(cell),
                    }
                }
            }
            Event::End(TagEnd::TableRow) => self.end_row(),
            Event::End(TagEnd::Table) => self.end_table(),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::BlockQuote(_)) => {
                if self.block_depth == 0 && self.table.is_none() {
                    let kind = match event {
                        Event::Start(Tag::Paragraph) => BlockKind::Paragraph,
                        Event::Start(Tag::Item) => BlockKind::ListItem,
                        _ => BlockKind::Quote,
                    };
                    self.block(kind, range);
                }
                self.block_depth += 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                self.block_depth = self.block_depth.saturating_sub(1);
            }
            Event::Start(Tag::HtmlBlock) if self.block_depth == 0 => self.html_block(range),
            _ => {}
        }
    }

    /// Flat `key: value` lines; indented `- item` lines extend the previous key's value.
    fn front_matter(&mut self, range: Span) {
        let text = &self.src[range.clone()];
        let mut offset = range.start;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim_end();
            if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
                continue;
            }
            if line.starts_with([' ', '\t', '-']) {
                let item = unquote(trimmed.trim().trim_start_matches('-').trim());
                if let Some(last) = self.page.front_matter.last_mut() {
                    if !last.value.is_empty() {
                        last.value.push_str(", ");
                    }
                    last.value.push_str(item);
                }
                continue;
            }
            match trimmed.split_once(':') {
                Some((key, value)) => self.page.front_matter.push(FrontMatterEntry {
                    key: key.trim(),
                    value: unquote(value.trim()).to_string(),
                    span: start..start + trimmed.len(),
                }),
                None => self.diags.push(Diagnostic::warning(
                    self.file.loc(start),
                    format!(
                        "front matter line is not `key: value`: `{}`",
                        trimmed.trim()
                    ),
                )),
            }
        }
    }

    fn heading(&mut self, level: u8, range: Span) {
        let h = parse_heading(self.src, level, range);
        match level {
            1 => {
                if self.page.h1.is_none() {
                    self.page.h1 = Some(h);
                } else {
                    self.diags.push(Diagnostic::warning(
                        self.file.loc(h.span.start),
                        "a second H1 heading: expected one per page; ignored",
                    ));
                }
                self.target = Target::Intro;
            }
            2 => self.open_section(h),
            _ => {
                let section = self.page.sections.last();
                let section_level = section.map_or(2, |s| s.heading.level);
                let nested_section = section.is_some_and(|s| {
                    s.kind == SectionKind::CustomizedRelationships
                        || (h.anchor.is_none() && section_kind(h.title) != SectionKind::Unknown)
                }) && level == 3;
                if nested_section || section.is_none() {
                    self.open_section(h);
                } else if level == section_level + 1 {
                    self.open_item(h);
                } else if level == section_level + 2 && self.target != Target::Section {
                    self.open_choice(h);
                } else {
                    self.diags.push(Diagnostic::warning(
                        self.file.loc(h.span.start),
                        format!(
                            "heading level {level} under a level {section_level} section: expected an item (level {}) or a choice block (level {}); ignored",
                            section_level + 1,
                            section_level + 2
                        ),
                    ));
                }
            }
        }
    }

    fn open_section(&mut self, heading: Heading<'a>) {
        let kind = section_kind(heading.title);
        if kind == SectionKind::Unknown {
            self.diags.push(Diagnostic::warning(
                self.file.loc(heading.span.start),
                format!("unknown section `{}`: skipped", heading.title),
            ));
        }
        self.page.sections.push(Section {
            heading,
            kind,
            blocks: Vec::new(),
            table: None,
            items: Vec::new(),
        });
        self.target = Target::Section;
    }

    fn open_item(&mut self, heading: Heading<'a>) {
        if let Some(s) = self.page.sections.last_mut() {
            s.items.push(Item {
                heading,
                blocks: Vec::new(),
                table: None,
                choices: Vec::new(),
            });
            self.target = Target::Item;
        }
    }

    fn open_choice(&mut self, heading: Heading<'a>) {
        if let Some(item) = self
            .page
            .sections
            .last_mut()
            .and_then(|s| s.items.last_mut())
        {
            item.choices.push(ChoiceBlock {
                heading,
                table: None,
                blocks: Vec::new(),
            });
            self.target = Target::Choice;
        }
    }

    /// Where the walk is, as headings: `section > item > choice block`.
    fn crumbs(&self) -> Vec<&'a str> {
        let section = self.page.sections.last();
        let item = section.and_then(|s| s.items.last());
        let choice = item.and_then(|i| i.choices.last());
        let titles = match self.target {
            Target::Intro => vec![],
            Target::Section => vec![section.map(|s| s.heading.title)],
            Target::Item => vec![
                section.map(|s| s.heading.title),
                item.map(|i| i.heading.title),
            ],
            Target::Choice => vec![
                section.map(|s| s.heading.title),
                item.map(|i| i.heading.title),
                choice.map(|c| c.heading.title),
            ],
        };
        titles.into_iter().flatten().collect()
    }

    /// Records a diagnostic with the headings it is under.
    fn report(&mut self, d: Diagnostic) {
        let d = d.at(&self.crumbs());
        self.diags.push(d);
    }

    fn block(&mut self, kind: BlockKind, range: Span) {
        let raw = self.src[range.clone()].trim_end();
        if kind == BlockKind::Paragraph && looks_like_table_row(raw) {
            self.report(Diagnostic::error(
                self.file.loc(range.start),
                "truncated table: a `|`-row with no delimiter row (`|---|---|`) after it",
            ));
        }
        let block = Block {
            kind,
            raw,
            span: range,
        };
        match self.target {
            Target::Intro => self.page.intro.push(block),
            Target::Section => {
                if let Some(s) = self.page.sections.last_mut() {
                    s.blocks.push(block);
                }
            }
            Target::Item => {
                if let Some(i) = self.last_item() {
                    i.blocks.push(block);
                }
            }
            Target::Choice => {
                if let Some(c) = self.last_item().and_then(|i| i.choices.last_mut()) {
                    c.blocks.push(block);
                }
            }
        }
    }

    /// A top-level HTML block is not markdown: a `## x` line inside a comment or a `<div>` is not
    /// a heading. One exception: a line holding only an anchor tag that CommonMark takes for the
    /// start of an HTML block (`<a name="x">`, `<a name="x"/>`; `<a name="x"></a>` is a paragraph
    /// and needs no help) swallows the heading on the next line up to the next blank line. So a
    /// block that opens with an anchor line gives its heading lines as headings, as long as
    /// every line before them is an anchor line or such a heading.
    fn html_block(&mut self, range: Span) {
        let text = &self.src[range.clone()];
        let mut offset = range.start;
        for line in text.split_inclusive('\n') {
            cell::tick(line.len());
            let start = offset;
            offset += line.len();
            let t = line.trim_end();
            if is_anchor_line(t) {
                continue;
            }
            let level = t.bytes().take_while(|&b| b == b'#').count();
            if !(1..=6).contains(&level) || !t[level..].starts_with(' ') {
                break;
            }
            self.heading(level as u8, start..start + t.len());
        }
    }

    fn last_item(&mut self) -> Option<&mut Item<'a>> {
        self.page.sections.last_mut()?.items.last_mut()
    }

    /// Cells come from pulldown-cmark's events alone, so they are split exactly as GFM splits
    /// them (only `\|` protects a pipe, code spans do not). A row wider than the header loses
    /// its extra cells there; they are counted from the rest of the row's line.
    fn end_row(&mut self) {
        let mut found = Vec::new();
        let Some(t) = &mut self.table else { return };
        let Some(row) = t.row.take() else { return };
        // A table row is one line.
        let line = first_line(&self.src[row.span.clone()]);
        let width = t.table.header.len();
        let extra = match row.cells.last() {
            Some(last) if row.cells.len() >= width => {
                cells_in_rest(&self.src[last.span.end.min(row.span.end)..row.span.end])
            }
            _ => 0,
        };
        if extra > 0 {
            let written = row.cells.len() + extra;
            found.push(Diagnostic::error(
                self.file.loc(row.span.start),
                format!(
                    "table row has {written} cells: expected at most {width}, as in the header"
                ),
            ));
        }
        if t.header_closed && !line.trim_end().ends_with('|') {
            found.push(Diagnostic::error(
                self.file.loc(row.span.start + line.trim_end().len()),
                "truncated table: expected the row to end with `|`",
            ));
        }
        t.table.rows.push(row);
        for d in found {
            self.report(d);
        }
    }

    fn end_table(&mut self) {
        let Some(t) = self.table.take() else { return };
        let table = t.table;
        let slot = match self.target {
            Target::Intro => {
                self.diags.push(Diagnostic::warning(
                    self.file.loc(table.span.start),
                    "table before the first section: skipped",
                ));
                return;
            }
            Target::Section => self.page.sections.last_mut().map(|s| &mut s.table),
            Target::Item => self.last_item().map(|i| &mut i.table),
            Target::Choice => self
                .last_item()
                .and_then(|i| i.choices.last_mut())
                .map(|c| &mut c.table),
        };
        match slot {
            Some(slot @ None) => *slot = Some(table),
            Some(Some(_)) => {
                let d = Diagnostic::warning(
                    self.file.loc(table.span.start),
                    "a second table under one heading: expected one; skipped",
                );
                self.report(d);
            }
            None => {}
        }
    }
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// The first line of `s` without its line break, ticking what it reads.
fn first_line(s: &str) -> &str {
    let line = s.lines().next().unwrap_or("");
    cell::tick(line.len() + 1);
    line
}

/// How many more cells pulldown-cmark (0.13, `parse_table_row_inner`) reads in `rest`, the end
/// of a row's line from the `|` that closes the last cell it kept. It drops the cells past the
/// header width without an event, so they cannot be counted from events; this counts them with
/// the same rule: an optional `|`, blanks, then (unless the line ends) a cell that runs to the
/// next `|` not preceded by `\` or to the line end. Code spans do not protect a `|`. The test
/// `extra_cells_are_counted_as_pulldown_cmark_splits` checks the rule against pulldown-cmark.
fn cells_in_rest(rest: &str) -> usize {
    let b = rest.as_bytes();
    let eol = |i: usize| i >= b.len() || b[i] == b'\n' || b[i] == b'\r';
    let mut cells = 0;
    let mut i = 0;
    loop {
        if b.get(i) == Some(&b'|') {
            i += 1;
        }
        while i < b.len() && matches!(b[i], b' ' | b'\t' | 0x0b | 0x0c) {
            cell::tick(1);
            i += 1;
        }
        if eol(i) {
            return cells;
        }
        cells += 1;
        // `i == 0` only keeps `b[i - 1]` in bounds: the `|` that `rest` opens with is skipped.
        while !eol(i) && (b[i] != b'|' || i == 0 || b[i - 1] == b'\\') {
            cell::tick(1);
            i += 1;
        }
    }
}

/// A line that is only an anchor tag: `<a name="x">`, `<a name="x"/>`, `<a id="x"></a>`.
fn is_anchor_line(t: &str) -> bool {
    let t = t.trim();
    let t = t.strip_suffix("</a>").unwrap_or(t).trim_end();
    let b = t.as_bytes();
    b.len() > 3
        && b[..2].eq_ignore_ascii_case(b"<a")
        && b[2].is_ascii_whitespace()
        && b.ends_with(b">")
        && !b[1..b.len() - 1].iter().any(|&c| c == b'<' || c == b'>')
}

fn looks_like_table_row(raw: &str) -> bool {
    let first = raw.lines().next().unwrap_or("").trim();
    first.starts_with('|') && first.len() > 1 && first[1..].contains('|')
}

/// `### <a name="BKMK_X"></a> X` -> anchor `BKMK_X`, title `X`.
fn parse_heading(src: &str, level: u8, range: Span) -> Heading<'_> {
    let raw = src[range.clone()].trim();
    let mut text = raw.trim_start_matches('#').trim();
    // A closing sequence of #s is not part of the title.
    if let Some(stripped) = text.strip_suffix('#') {
        let s = stripped.trim_end_matches('#');
        if s.ends_with(' ') || s.is_empty() {
            text = s.trim_end();
        }
    }
    let mut anchor = None;
    if text.starts_with("<a ") {
        if let Some(end) = text.find("</a>") {
            let tag = &text[..end];
            anchor = attr(tag, "name").or_else(|| attr(tag, "id"));
            text = text[end + 4..].trim();
        }
    }
    Heading {
        level,
        anchor,
        title: text,
        span: range,
    }
}

fn attr<'s>(tag: &'s str, name: &str) -> Option<&'s str> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let end = rest[1..].find(q)?;
    Some(&rest[1..1 + end])
}

/// The one synonym table for section titles (case- and spacing-insensitive).
pub fn section_kind(title: &str) -> SectionKind {
    let t: String = title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let t = t.strip_prefix("customized ").map_or(t.as_str(), |rest| {
        if rest.contains("relationship") && rest != "relationships" {
            rest
        } else {
            t.as_str()
        }
    });
    use RelationshipSection::*;
    match t {
        "properties" | "entity properties" | "table properties" => SectionKind::Properties,
        "writable columns/attributes" | "writable attributes" | "writable columns" => {
            SectionKind::Columns(ColumnAccess::Writable)
        }
        "read-only columns/attributes" | "read-only attributes" | "read-only columns" => {
            SectionKind::Columns(ColumnAccess::ReadOnly)
        }
        "customized columns/attributes" | "customized attributes" | "customized columns" => {
            SectionKind::Columns(ColumnAccess::Customized)
        }
        "one-to-many relationships" => SectionKind::Relationships(OneToMany),
        "many-to-one relationships" => SectionKind::Relationships(ManyToOne),
        "many-to-many relationships" => SectionKind::Relationships(ManyToMany),
        "customized relationships" => SectionKind::CustomizedRelationships,
        "messages" => SectionKind::Messages,
        "events" => SectionKind::Events,
        "see also" => SectionKind::SeeAlso,
        _ => SectionKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
