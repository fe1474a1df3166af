//! Property lists: the `|Property|Value|` table of a section or an item or, with no table (2017
//! pages), its `**Key**: value<br />` lines, read into one shape: keyed entries whose values are
//! [`CellValue`]s with the byte offset where each starts.
//!
//! A value that is a list of `Key: value` sub-values (`CascadeConfiguration`) is split on
//! demand by [`Property::parts`]: its `<br />`-separated parts and, in the line form, the bullets
//! `- **Assign**: NoCascade` under a `**Key**:` line with no value.

use super::cell::{self, CellValue};
use super::{Block, BlockKind, Table};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The properties of a section or an item, in page order.
#[derive(Debug, Default, Serialize)]
pub struct PropertyList<'a> {
    pub entries: Vec<Property<'a>>,
    /// Table form: where each row with fewer than two cells starts. Such a row states no
    /// property (`|Property|Value|` expected).
    pub short_rows: Vec<usize>,
}

/// One `Key | Value` property, from a table row or a `**Key**: value` line.
#[derive(Debug, Serialize)]
pub struct Property<'a> {
    /// The property name: the key cell without markdown (table form), or the bold text,
    /// trimmed (line form).
    pub key: String,
    pub value: CellValue,
    /// Where the value starts.
    pub at: usize,
    /// The value as written, for [`Property::parts`].
    #[serde(skip)]
    raw: &'a str,
    /// Line form: the bullets under the first `**Key**:` line (with no value) of this key.
    #[serde(skip)]
    bullets: Option<Arc<[Part<'a>]>>,
}

/// One `Key: value` sub-value: a part of a `<br />`-separated cell, or a bullet under a
/// `**Key**:` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part<'a> {
    /// As written, trimmed.
    pub key: &'a str,
    pub value: CellValue,
    /// Where the part starts.
    pub at: usize,
    /// Where its value starts.
    pub value_at: usize,
}

/// A non-blank `<br />`-separated part of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubValue<'a> {
    /// `Key: value` (the value may be empty).
    Pair(Part<'a>),
    /// Text with no colon, as written, and where it starts.
    Text { text: &'a str, at: usize },
}

impl<'a> Property<'a> {
    /// The value as sub-values: its `<br />`-separated parts (blank ones left out), then, in
    /// the line form, the bullets under the `**Key**:` line of this key.
    pub fn parts(&self) -> Vec<SubValue<'a>> {
        let mut parts = sub_values(self.raw, self.at);
        if let Some(bullets) = &self.bullets {
            parts.extend(bullets.iter().cloned().map(SubValue::Pair));
        }
        parts
    }
}

impl<'a> PropertyList<'a> {
    /// The properties under one heading: its table, else (2017 pages) the `**Key**: value`
    /// lines of its paragraphs. Next to a table, bold lines are notes such as
    /// `**Added by**: Power Pages Core Solution`, not properties.
    pub fn read(table: Option<&Table<'a>>, blocks: &[Block<'a>]) -> PropertyList<'a> {
        let mut list = PropertyList::default();
        if let Some(t) = table {
            for row in &t.rows {
                match (row.cell(0), row.cell(1)) {
                    (Some(k), Some(v)) => list.entries.push(Property {
                        key: cell::plain(k.raw),
                        value: CellValue::of(v.raw),
                        at: v.span.start,
                        raw: v.raw,
                        bullets: None,
                    }),
                    _ => list.short_rows.push(row.span.start),
                }
            }
            return list;
        }
        let bullets = bullets_by_key(blocks);
        for b in blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
            let mut offset = b.span.start;
            for line in b.raw.split_inclusive('\n') {
                if let Some((key, value)) = cell::bold_key_line(line) {
                    let at = offset + value.as_ptr() as usize - line.as_ptr() as usize;
                    list.entries.push(Property {
                        key: key.to_string(),
                        value: CellValue::of(value),
                        at,
                        raw: value,
                        bullets: bullets.get(key).cloned(),
                    });
                }
                offset += line.len();
            }
        }
        list
    }
}

/// The non-blank `<br />`-separated parts of `raw`, a cell or value that starts at `base`.
pub fn sub_values(raw: &str, base: usize) -> Vec<SubValue<'_>> {
    let mut parts = Vec::new();
    for (offset, part) in cell::split_br(raw) {
        let at = base + offset;
        if part.trim().is_empty() {
            continue;
        }
        parts.push(match cell::key_value(part) {
            Some((key, value)) => SubValue::Pair(Part {
                key,
                value: CellValue::of(value),
                at,
                value_at: at + part.find(value).unwrap_or(0),
            }),
            None => SubValue::Text { text: part, at },
        });
    }
    parts
}

/// The line form's bullets, by the `**Key**:` line they follow: a paragraph whose last line is
/// `**Key**:` (no value) opens a list, and each following list item `- **Assign**: NoCascade`
/// is one part of it, up to the next paragraph or other block. For a key with several lists,
/// the first one.
fn bullets_by_key<'a>(blocks: &[Block<'a>]) -> BTreeMap<&'a str, Arc<[Part<'a>]>> {
    let mut lists: Vec<(&'a str, Vec<Part<'a>>)> = Vec::new();
    let mut open = false;
    for b in blocks {
        match b.kind {
            BlockKind::Paragraph => {
                let last = b.raw.lines().next_back().and_then(cell::bold_key_line);
                open = match last {
                    Some((key, "")) => {
                        lists.push((key, Vec::new()));
                        true
                    }
                    _ => false,
                };
            }
            BlockKind::ListItem if open => {
                let Some((_, list)) = lists.last_mut() else {
                    continue;
                };
                let text = b.raw.trim_start();
                let marker = ["- ", "* ", "+ "]
                    .iter()
                    .find_map(|m| text.strip_prefix(m))
                    .unwrap_or(text);
                let start = b.span.start + (b.raw.len() - marker.len());
                if let Some((key, value)) = cell::bold_key_line(marker) {
                    let value_at = start + value.as_ptr() as usize - marker.as_ptr() as usize;
                    list.push(Part {
                        key,
                        value: CellValue::of(value),
                        at: start,
                        value_at,
                    });
                }
            }
            _ => open = false,
        }
    }
    let mut first = BTreeMap::new();
    for (key, list) in lists {
        first.entry(key).or_insert_with(|| Arc::from(list));
    }
    first
}
