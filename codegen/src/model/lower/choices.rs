//! Choice tables -> [`ChoiceOption`]s: the numbers, the `Details` keys, and values listed twice.

use super::*;
use crate::parse::{CellValue, ChoiceBlock, ChoiceForm, ChoiceTable, Located, SubValue};

impl Cx<'_> {
    pub(super) fn choice_block(
        &mut self,
        col: &mut Column,
        block: &ChoiceBlock<'_>,
        source: &Source,
        crumbs: &[&str],
    ) {
        if let Some(v) = &block.default_value {
            col.default_value = v.value().map(str::to_string);
        }
        match &block.options {
            Some(options) => self.options(col, options, source, crumbs),
            None => self.warn(
                block.heading.span.start,
                "choice heading with no table: expected `|Value|Label|`",
                crumbs,
            ),
        }
    }

    /// The options of a choice table (or of option bullets) into `col`.
    pub(super) fn options(
        &mut self,
        col: &mut Column,
        table: &ChoiceTable<'_>,
        source: &Source,
        crumbs: &[&str],
    ) {
        if !table.has_value_column {
            self.error(
                table.at,
                "choice table has no `Value` column: expected `|Value|Label|`",
                crumbs,
            );
            return;
        }
        for row in &table.rows {
            let Some(value) = row.value.as_ref() else {
                continue;
            };
            let Some(value) = self.choice_value(table.form, value, crumbs) else {
                continue;
            };
            let mut opt = ChoiceOption {
                value,
                label: row.label.clone(),
                invariant_name: row.invariant_name.value().map(str::to_string),
                at: Some(self.file.loc(row.at)),
                ..ChoiceOption::default()
            };
            opt.state = self.int_cell(row.state.as_ref(), crumbs);
            opt.default_status = self.int_cell(row.default_status.as_ref(), crumbs);
            self.details(&mut opt, &row.details, crumbs);
            self.add_option(col, opt, source, crumbs);
        }
    }

    /// A table's Value cell is a 64-bit integer that must fit 32 bits; a bullet's number is
    /// read as a 32-bit integer directly.
    fn choice_value(
        &mut self,
        form: ChoiceForm,
        value: &Located<String>,
        crumbs: &[&str],
    ) -> Option<i32> {
        let (text, at) = (value.value.as_str(), value.at);
        let not_a_number = |text: &str| {
            format!("choice value `{text}` is not an integer: expected a number such as 192350000")
        };
        match form {
            ChoiceForm::Table => match text.parse::<i64>() {
                Ok(n) => match i32::try_from(n) {
                    Ok(v) => Some(v),
                    Err(_) => {
                        self.error(
                            at,
                            format!("choice value {n} is out of range: expected a 32-bit integer"),
                            crumbs,
                        );
                        None
                    }
                },
                Err(_) => {
                    self.error(at, not_a_number(text), crumbs);
                    None
                }
            },
            ChoiceForm::Bullets => match text.parse::<i32>() {
                Ok(v) => Some(v),
                Err(_) => {
                    self.error(at, not_a_number(text), crumbs);
                    None
                }
            },
        }
    }

    fn int_cell(&mut self, cell: Option<&Located<CellValue>>, crumbs: &[&str]) -> Option<i32> {
        let cell = cell?;
        let text = cell.value.value()?;
        match text.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.warn(
                    cell.at,
                    format!("`{text}` is not an integer: skipped"),
                    crumbs,
                );
                None
            }
        }
    }

    /// `Label: **Active**<br />State:0<br />TransitionData: None` and
    /// `Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active``.
    fn details(&mut self, opt: &mut ChoiceOption, details: &[SubValue<'_>], crumbs: &[&str]) {
        for part in details {
            let (key, value, at) = match part {
                SubValue::Pair(p) => (p.key, p.value.value().map(str::to_string), p.at),
                SubValue::Text { text, at } => {
                    self.warn(
                        *at,
                        format!("`{text}` is not `Key: value`: skipped"),
                        crumbs,
                    );
                    continue;
                }
            };
            let int = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i32>().ok());
            match key {
                "Label" => opt.label = value.unwrap_or_default(),
                "State" => opt.state = int(&value),
                "DefaultStatus" => opt.default_status = int(&value),
                "InvariantName" => opt.invariant_name = value,
                "TransitionData" | "Description" | "Color" => {}
                other => self.warn(
                    at,
                    format!("unknown choice detail `{other}`: skipped"),
                    crumbs,
                ),
            }
        }
    }

    fn add_option(
        &mut self,
        col: &mut Column,
        mut opt: ChoiceOption,
        source: &Source,
        crumbs: &[&str],
    ) {
        opt.origins.insert(source.clone());
        match col.options.get(&opt.value) {
            Some(prev) if prev.label != opt.label => {
                let prev_at = prev.at.as_ref().map_or(String::new(), |l| l.to_string());
                let d = Diagnostic::error(
                    opt.at.clone().unwrap_or_else(|| self.file.loc(0)),
                    format!(
                        "choice value {} is listed twice with different labels: `{}` here, `{}` at {prev_at}",
                        opt.value, opt.label, prev.label
                    ),
                )
                .at(crumbs);
                self.diags.push(d);
            }
            _ => {
                col.options.insert(opt.value, opt);
            }
        }
    }
}
