//! The event walk: pulldown-cmark's offset events -> the page skeleton ([`Page`]'s sections,
//! items, choice blocks, their blocks and raw tables). Which heading level is a section, an
//! item, a choice block is decided here; what the blocks and cells say is read afterwards
//! ([`super::props`], [`super::choices`], [`super::prose`]).

use super::lines::{cells_in_rest, first_line, is_anchor_line, looks_like_table_row, unquote};
use super::sections::{parse_heading, section_kind};
use super::*;
use crate::diag::Diagnostic;
use crate::source::SourceFile;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Walks one page into its skeleton. Diagnostics are markdown-level problems (no H1, broken
/// tables); an empty or headless page still gives a (mostly empty) [`Page`].
pub(super) fn walk(file: &SourceFile) -> (Page<'_>, Vec<Diagnostic>) {
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
            // Read once the walk is done (`super::read`).
            props: PropertyList::default(),
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
                props: PropertyList::default(),
                options: ChoiceTable::default(),
                linked_table: None,
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
                options: None,
                default_value: None,
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
