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
                self.block_depth -= 1;
                self.heading(level as u8, range);
            }
            Event::Start(Tag::Table(_)) => {
                self.table = Some(TableBuilder {
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
                        Some(row) if !t.in_head => row.cells.push(cell),
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
            Event::Html(_) if self.block_depth == 0 => self.html_block(range),
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
    fn crumbs(&self) -> Vec<String> {
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
        titles.into_iter().flatten().map(str::to_string).collect()
    }

    /// Records a diagnostic with the headings it is under.
    fn report(&mut self, mut d: Diagnostic) {
        d.breadcrumb = self.crumbs();
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

    /// HTML blocks: anchors such as `<a name="manytoone"></a>` and, in 2017 pages, an anchor line
    /// immediately followed by `## Heading`, which CommonMark folds into the HTML block.
    fn html_block(&mut self, range: Span) {
        let text = &self.src[range.clone()];
        let mut offset = range.start;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let t = line.trim_end();
            let level = t.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&level) && t[level..].starts_with(' ') {
                self.heading(level as u8, start..start + t.len());
            }
        }
    }

    fn last_item(&mut self) -> Option<&mut Item<'a>> {
        self.page.sections.last_mut()?.items.last_mut()
    }

    fn end_row(&mut self) {
        let mut found = Vec::new();
        let Some(t) = &mut self.table else { return };
        let Some(mut row) = t.row.take() else { return };
        let line = self.src[row.span.clone()].lines().next().unwrap_or("");
        let written = cell::raw_cell_count(line);
        let width = t.table.header.len();
        row.cells.truncate(written);
        if written > width {
            found.push(Diagnostic::error(
                self.file.loc(row.span.start),
                format!(
                    "table row has {written} cells: expected at most {width}, as in the header"
                ),
            ));
        }
        let header_line = self.src[t.table.span.clone()].lines().next().unwrap_or("");
        if header_line.trim_end().ends_with('|') && !line.trim_end().ends_with('|') {
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
