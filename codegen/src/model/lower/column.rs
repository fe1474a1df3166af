//! A column item -> [`Column`]: its properties by name, the True/False labels of a Boolean, then
//! its choice blocks and (2017 pages) its option bullets.

use super::*;
use crate::parse::{ColumnAccess, Item, Property};

impl Cx<'_> {
    pub(super) fn column(
        &mut self,
        table: &str,
        access: ColumnAccess,
        item: &Item<'_>,
        source: &Source,
    ) -> Option<Column> {
        let schema = item.heading.title;
        let crumbs = [table, schema];
        self.short_rows(&item.props, &crumbs);
        let props = &item.props.entries;
        if props.is_empty() && item.choices.is_empty() {
            self.error(
                item.heading.span.start,
                "column heading with no property table: expected `|Property|Value|` rows or a `#### … Choices/Options` table",
                &crumbs,
            );
            return None;
        }
        let mut col = Column {
            logical_name: schema.to_ascii_lowercase(),
            schema_name: schema.to_string(),
            writable: match access {
                ColumnAccess::Writable => Some(true),
                ColumnAccess::ReadOnly => Some(false),
                ColumnAccess::Customized => None,
            },
            at: Some(self.file.loc(item.heading.span.start)),
            ..Column::default()
        };
        col.origins.insert(source.clone());
        let mut true_false: [Option<String>; 2] = [None, None];
        for p in props {
            let crumbs = [table, schema, p.key.as_str()];
            let v = value(p);
            match p.key.as_str() {
                "LogicalName" => {
                    if let Some(v) = v {
                        col.logical_name = v.to_ascii_lowercase();
                        col.at = Some(self.file.loc(p.at));
                    }
                }
                "DisplayName" => col.display_name = v,
                "Description" => col.description = v,
                "Type" => match v {
                    Some(word) => {
                        let ty = ColumnType::parse(&word);
                        if let ColumnType::Other(w) = &ty {
                            self.warn(
                                p.at,
                                format!("unknown column Type `{w}`: kept as written, emitted as raw JSON"),
                                &crumbs,
                            );
                        }
                        col.ty = Some(ty);
                        col.type_at = Some(self.file.loc(p.at));
                    }
                    None => self.warn(p.at, "empty Type", &crumbs),
                },
                "RequiredLevel" => {
                    if let Some(v) = v {
                        let level = RequiredLevel::parse(&v);
                        if let RequiredLevel::Other(w) = &level {
                            self.warn(
                                p.at,
                                format!("unknown RequiredLevel `{w}`: expected None, SystemRequired, ApplicationRequired or Recommended"),
                                &crumbs,
                            );
                        }
                        col.required_level = Some(level);
                    }
                }
                "Targets" => {
                    for t in p.value.text().split(',').map(str::trim) {
                        if !t.is_empty() {
                            col.add_target(&t.to_ascii_lowercase(), [source.clone()]);
                        }
                    }
                }
                "IsValidForCreate" => col.valid_for_create = self.bool(p, &crumbs),
                "IsValidForUpdate" => col.valid_for_update = self.bool(p, &crumbs),
                "IsValidForRead" => col.valid_for_read = self.bool(p, &crumbs),
                "GlobalChoiceName" => col.global_choice_name = v,
                "DefaultFormValue" => {
                    col.default_form_value = v.and_then(|v| match v.parse() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            self.warn(p.at, format!("`{v}` is not an integer: skipped"), &crumbs);
                            None
                        }
                    })
                }
                "DefaultValue" => col.default_value = v,
                "MaxLength" => col.max_length = self.number(p, &crumbs),
                "Format" => col.format = v.as_deref().map(Format::parse),
                "FormatName" => col.format_name = v.as_deref().map(Format::parse),
                "PrecisionSource" => {
                    col.precision_source = v.as_deref().map(PrecisionSource::parse)
                }
                "MaxHeight" => image(&mut col).max_height = self.number(p, &crumbs),
                "MaxWidth" => image(&mut col).max_width = self.number(p, &crumbs),
                "MaxSizeInKB" => image(&mut col).max_size_in_kb = self.number(p, &crumbs),
                "CanStoreFullImage" => image(&mut col).can_store_full_image = self.bool(p, &crumbs),
                "IsPrimaryImage" => image(&mut col).is_primary_image = self.bool(p, &crumbs),
                "MinValue" => col.min_value = v,
                "MaxValue" => col.max_value = v,
                "Precision" => col.precision = self.number(p, &crumbs),
                "DateTimeBehavior" => {
                    col.datetime_behavior = v.as_deref().map(DateTimeBehavior::parse)
                }
                "True Label" => true_false[1] = Some(v.unwrap_or_default()),
                "False Label" => true_false[0] = Some(v.unwrap_or_default()),
                key => {
                    if !KNOWN_COLUMN_PROPERTIES.contains(&key) {
                        self.warn(
                            p.at,
                            format!("unknown column property `{key}`: kept under `properties`"),
                            &crumbs,
                        );
                    }
                    col.properties
                        .insert(key.to_string(), p.value.text().to_string());
                }
            }
        }
        for (value, label) in true_false.into_iter().enumerate() {
            if let Some(label) = label {
                let opt = ChoiceOption {
                    value: value as i32,
                    label,
                    at: col.at.clone(),
                    origins: [source.clone()].into(),
                    ..ChoiceOption::default()
                };
                col.options.insert(value as i32, opt);
            }
        }
        let col_crumbs = [table, col.logical_name.as_str()];
        let col_crumbs: Vec<String> = col_crumbs.iter().map(|s| s.to_string()).collect();
        let crumbs: Vec<&str> = col_crumbs.iter().map(String::as_str).collect();
        for block in &item.choices {
            self.choice_block(&mut col, block, source, &crumbs);
        }
        // 2017 pages: `**Options**:` then bullets `- **Value**: 1 **Label**: Active`.
        self.options(&mut col, &item.options, source, &crumbs);
        Some(col)
    }

    fn bool(&mut self, p: &Property<'_>, crumbs: &[&str]) -> Option<bool> {
        match p.value.value()?.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.warn(
                    p.at,
                    format!("`{other}` is not a boolean: expected True or False"),
                    crumbs,
                );
                None
            }
        }
    }

    fn number<T: std::str::FromStr>(&mut self, p: &Property<'_>, crumbs: &[&str]) -> Option<T> {
        let v = p.value.value()?;
        // `2 (TransactionCurrency.CurrencyPrecision)`: the number is the first word.
        let word = v.split_whitespace().next().unwrap_or("");
        match word.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.warn(
                    p.at,
                    format!("`{v}` is not a non-negative integer: skipped"),
                    crumbs,
                );
                None
            }
        }
    }
}

fn image(col: &mut Column) -> &mut ImageProperties {
    col.image.get_or_insert_with(ImageProperties::default)
}

const KNOWN_COLUMN_PROPERTIES: &[&str] = &[
    "IsValidForForm",
    "IsLocalizable",
    "ImeMode",
    "SourceTypeMask",
    "CanChangeDateTimeBehavior",
    "IsBaseCurrency",
    "AttributeOf",
    "IsCustomizable",
    "IsRetrievable",
    "IsValidODataAttribute",
    // 2017 pages: `**Options**:` introduces the bullet list of choices.
    "Options",
    // The solution that added a column (2023-24 pages), a note rather than a property.
    "Added by",
];
