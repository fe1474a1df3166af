//! The page model: markdown vocabulary only (headings, sections, blocks, tables, cells), and
//! what they say read into typed parts: property lists, choice tables, the page's hints.
//!
//! Everything borrows from the source text; spans and `at`s are byte offsets into it. The raw
//! blocks and tables stay for tools and tests; the lowering reads only the typed parts
//! ([`PageHints`], [`PropertyList`], [`ChoiceTable`]) and headings.

use super::cell::CellValue;
use super::choices::ChoiceTable;
use super::props::PropertyList;
use super::prose::PageHints;
use serde::Serialize;
use std::ops::Range;

pub type Span = Range<usize>;

/// One parsed page.
#[derive(Debug, Default, Serialize)]
pub struct Page<'a> {
    pub front_matter: Vec<FrontMatterEntry<'a>>,
    pub h1: Option<Heading<'a>>,
    /// Paragraphs, notes and lists between the H1 and the first section.
    pub intro: Vec<Block<'a>>,
    pub sections: Vec<Section<'a>>,
    /// What the H1, the front matter and the intro say about the page as a whole.
    pub hints: PageHints<'a>,
}

/// A value and where it starts in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    pub value: T,
    /// A byte offset into the source.
    pub at: usize,
}

impl<'a> Page<'a> {
    /// The value of a front matter key, unquoted.
    pub fn meta(&self, key: &str) -> Option<&FrontMatterEntry<'a>> {
        self.front_matter.iter().find(|e| e.key == key)
    }
}

/// `key: value` from the YAML front matter (flat scalars; list values joined by `, `).
#[derive(Debug, Serialize)]
pub struct FrontMatterEntry<'a> {
    pub key: &'a str,
    pub value: String,
    pub span: Span,
}

/// `### <a name="BKMK_X"></a> X`
#[derive(Debug, Clone, Serialize)]
pub struct Heading<'a> {
    pub level: u8,
    pub anchor: Option<&'a str>,
    /// The heading text after the anchor, trimmed, as written.
    pub title: &'a str,
    pub span: Span,
}

/// What a section heading announces, from its title through one synonym table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Properties,
    Columns(ColumnAccess),
    Relationships(RelationshipSection),
    /// `## Customized relationships`: holds `### Customized Many-to-One relationships` and the like.
    CustomizedRelationships,
    Messages,
    Events,
    SeeAlso,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnAccess {
    Writable,
    ReadOnly,
    Customized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipSection {
    OneToMany,
    ManyToOne,
    ManyToMany,
}

/// A section: an H2 (or an H3 that names a section kind, inside `Customized relationships`).
#[derive(Debug, Serialize)]
pub struct Section<'a> {
    pub heading: Heading<'a>,
    pub kind: SectionKind,
    /// Blocks before the first item (lead sentence, bullet index, E1 `**Key**: value` lines).
    pub blocks: Vec<Block<'a>>,
    /// A table directly under the section heading (the table properties).
    pub table: Option<Table<'a>>,
    pub items: Vec<Item<'a>>,
    /// The section's properties: its table, else its `**Key**: value` lines.
    pub props: PropertyList<'a>,
}

/// One column or relationship: the heading one level below its section heading.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    pub heading: Heading<'a>,
    pub blocks: Vec<Block<'a>>,
    /// The property table (`|Property|Value|`).
    pub table: Option<Table<'a>>,
    /// `#### X Choices/Options` blocks.
    pub choices: Vec<ChoiceBlock<'a>>,
    /// The item's properties: its table, else its `**Key**: value` lines (2017 pages).
    pub props: PropertyList<'a>,
    /// Option bullets among its blocks (`- **Value**: 1 **Label**: Active`, 2017 pages).
    pub options: ChoiceTable<'a>,
    /// The table a `See …`/`Same as …` sentence links to (relationships), lower-cased.
    pub linked_table: Option<String>,
}

/// `#### X Choices/Options` (or `#### StateCode Options`) and what follows it.
#[derive(Debug, Serialize)]
pub struct ChoiceBlock<'a> {
    pub heading: Heading<'a>,
    pub table: Option<Table<'a>>,
    pub blocks: Vec<Block<'a>>,
    /// The options: the table, else the bullets; `None` when there is neither (no table and
    /// no list item).
    pub options: Option<ChoiceTable<'a>>,
    /// The last `**DefaultValue**: x` block's value, when one says it.
    pub default_value: Option<CellValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    ListItem,
    Quote,
    Html,
}

/// A paragraph, list item, block quote or HTML block, as its raw source text.
#[derive(Debug, Clone, Serialize)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub raw: &'a str,
    pub span: Span,
}

/// A pipe table. Cells are raw source text (trimmed), so `<br />` separated values,
/// `**X **` labels and empty code spans are all still visible to the lowering.
#[derive(Debug, Serialize)]
pub struct Table<'a> {
    pub header: Vec<Cell<'a>>,
    pub rows: Vec<Row<'a>>,
    pub span: Span,
}

impl<'a> Table<'a> {
    /// Index of a header column, case-insensitively.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|c| crate::parse::cell::plain(c.raw).eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Serialize)]
pub struct Row<'a> {
    /// Cells as written, split as GFM splits them: a row shorter than the header has fewer
    /// cells here (pulldown-cmark's padding is left out), and one wider than the header keeps
    /// only the header's width (the parser reports the rest).
    pub cells: Vec<Cell<'a>>,
    pub span: Span,
}

impl<'a> Row<'a> {
    pub fn cell(&self, i: usize) -> Option<&Cell<'a>> {
        self.cells.get(i)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell<'a> {
    pub raw: &'a str,
    pub span: Span,
}
