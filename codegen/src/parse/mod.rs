//! Markdown -> [`Page`]: one pass over pulldown-cmark's offset events (`walker`) gives the
//! page skeleton, then what its blocks and cells say is read into typed parts: property lists
//! ([`props`]), choice tables ([`choices`]), and the page's hints from its H1, front matter and
//! sentences ([`prose`]).
//!
//! The parser knows markdown, the page skeleton (which heading level is a section, an item, a
//! choice block) and the pages' sentence forms, nothing about Dataverse: values stay text
//! ([`CellValue`]) with the byte offsets where they start. [`cell`] normalizes raw cells.

pub mod cell;
pub mod choices;
mod lines;
pub mod page;
pub mod props;
pub mod prose;
pub mod recognise;
mod sections;
mod walker;

pub use cell::CellValue;
pub use choices::{ChoiceForm, ChoiceRow, ChoiceTable};
pub use page::*;
pub use props::{Part, Property, PropertyList, SubValue};
pub use prose::{DateHint, PageDate, PageHints, TableName, TitleHint};
pub use sections::section_kind;

use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// Parses one page. Diagnostics are markdown-level problems (no H1, broken tables); an empty
/// or headless page still returns a (mostly empty) [`Page`] so callers can go on collecting.
pub fn page(file: &SourceFile) -> (Page<'_>, Vec<Diagnostic>) {
    let (mut page, diags) = walker::walk(file);
    read(&mut page);
    (page, diags)
}

/// Reads the walked skeleton's blocks and tables into the page's typed parts. Each block and
/// cell is read a bounded number of times.
fn read(page: &mut Page<'_>) {
    for s in &mut page.sections {
        s.props = PropertyList::read(s.table.as_ref(), &s.blocks);
        for item in &mut s.items {
            item.props = PropertyList::read(item.table.as_ref(), &item.blocks);
            item.options = ChoiceTable::from_bullets(&item.blocks);
            item.linked_table = prose::linked_table(&item.blocks);
            for c in &mut item.choices {
                c.options = ChoiceTable::of_block(c.table.as_ref(), &c.blocks);
                c.default_value = choices::default_value(&c.blocks);
            }
        }
    }
    page.hints = PageHints::read(page);
}

#[cfg(test)]
mod tests;
