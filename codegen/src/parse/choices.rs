//! Choice tables: the options of a choice, from a `|Value|Label|…|` table read by header name
//! (any order, any letter case, 2 to 6 columns), or from the 2017 bullets
//! `- **Value**: 0 **Label**: Active` / `- **TrueOption Value**: 1 **Label**: Check`.

use super::cell::{self, CellValue};
use super::props::{sub_values, SubValue};
use super::{Block, BlockKind, Cell, Located, Table};
use serde::Serialize;

/// How a choice's options are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceForm {
    /// `|Value|Label|…|`: values are the Value cells without markdown.
    Table,
    /// `- **Value**: 1 **Label**: Active`: values are the text after `**Value**:`, as written.
    #[default]
    Bullets,
}

/// The options of one choice, one row per option.
#[derive(Debug, Default, Serialize)]
pub struct ChoiceTable<'a> {
    pub form: ChoiceForm,
    /// Table form: where the table starts.
    pub at: usize,
    /// False for a table with no `Value` column: then no row is read.
    pub has_value_column: bool,
    pub rows: Vec<ChoiceRow<'a>>,
}

/// One option as written.
#[derive(Debug, Serialize)]
pub struct ChoiceRow<'a> {
    /// Where the row or the bullet starts.
    pub at: usize,
    /// The number as text, and where it is (table: the cell; bullets: the bullet). `None` for
    /// a row that has no Value cell.
    pub value: Option<Located<String>>,
    /// The Label cell without markdown; empty when there is none.
    pub label: String,
    /// The InvariantName cell; `Empty` when there is none.
    pub invariant_name: CellValue,
    /// The State and DefaultStatus cells, when the row has them.
    pub state: Option<Located<CellValue>>,
    pub default_status: Option<Located<CellValue>>,
    /// The Details cell's `<br />`-separated parts (`Label: **Active**<br />State:0`).
    pub details: Vec<SubValue<'a>>,
}

impl<'a> ChoiceTable<'a> {
    /// A choice block's options: its table, else its bullets; `None` when it has neither a
    /// table nor a list item.
    pub fn of_block(table: Option<&Table<'a>>, blocks: &[Block<'a>]) -> Option<ChoiceTable<'a>> {
        match table {
            Some(t) => Some(ChoiceTable::from_table(t)),
            None if blocks.iter().any(|b| b.kind == BlockKind::ListItem) => {
                Some(ChoiceTable::from_bullets(blocks))
            }
            None => None,
        }
    }

    /// A `|Value|Label|…|` table, its columns found by header name, case-insensitively.
    pub fn from_table(table: &Table<'a>) -> ChoiceTable<'a> {
        let mut choices = ChoiceTable {
            form: ChoiceForm::Table,
            at: table.span.start,
            has_value_column: false,
            rows: Vec::new(),
        };
        let Some(value) = table.column("Value") else {
            return choices;
        };
        choices.has_value_column = true;
        let ix = |name: &str| table.column(name);
        let (label, details, state, default_status, invariant) = (
            ix("Label"),
            ix("Details"),
            ix("State"),
            ix("DefaultStatus"),
            ix("InvariantName"),
        );
        let located = |c: &Cell<'a>| Located {
            value: CellValue::of(c.raw),
            at: c.span.start,
        };
        for row in &table.rows {
            let cell = |i: Option<usize>| i.and_then(|i| row.cell(i));
            choices.rows.push(ChoiceRow {
                at: row.span.start,
                value: row.cell(value).map(|c| Located {
                    value: cell::plain(c.raw),
                    at: c.span.start,
                }),
                label: cell(label).map(|c| cell::plain(c.raw)).unwrap_or_default(),
                invariant_name: cell(invariant).map_or(CellValue::Empty, |c| CellValue::of(c.raw)),
                state: cell(state).map(located),
                default_status: cell(default_status).map(located),
                details: cell(details).map_or_else(Vec::new, |c| sub_values(c.raw, c.span.start)),
            });
        }
        choices
    }

    /// The option bullets among `blocks`; list items that are no option bullet are left out.
    pub fn from_bullets(blocks: &[Block<'a>]) -> ChoiceTable<'a> {
        let rows = blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .filter_map(|b| {
                let (value, label) = cell::option_bullet(b.raw)?;
                Some(ChoiceRow {
                    at: b.span.start,
                    value: Some(Located {
                        value: value.to_string(),
                        at: b.span.start,
                    }),
                    label: cell::plain(label),
                    invariant_name: CellValue::Empty,
                    state: None,
                    default_status: None,
                    details: Vec::new(),
                })
            })
            .collect();
        ChoiceTable {
            form: ChoiceForm::Bullets,
            at: 0,
            has_value_column: true,
            rows,
        }
    }
}

/// The value of the last `**DefaultValue**: x` block under a choice heading, if any says one.
pub fn default_value(blocks: &[Block<'_>]) -> Option<CellValue> {
    blocks
        .iter()
        .filter_map(|b| match cell::bold_key_line(b.raw) {
            Some(("DefaultValue", v)) => Some(v),
            _ => None,
        })
        .next_back()
        .map(CellValue::of)
}
