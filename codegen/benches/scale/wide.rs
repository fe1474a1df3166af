//! One page of a given size, for the size-proportionality checks.

use super::hub::{column_block, one_to_many_block, Kind};
use super::*;

/// How a big page grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Column blocks of every common type (strings, choices with options, lookups, dates, ...):
    /// a table with tens of thousands of columns at 12 MB.
    Columns,
    /// A hub: ~120 columns, then one-to-many blocks to ever more tables (the real systemuser
    /// page is 1.8 MB this way).
    Relationships,
}

impl Shape {
    pub fn word(self) -> &'static str {
        match self {
            Shape::Columns => "columns",
            Shape::Relationships => "relationships",
        }
    }
}

/// One page of about `target` bytes growing as `shape`: table `sample_wide` (columns) or the
/// hub `systemuser` (relationships, to `sample_t<n>` tables that are not in the set).
pub fn wide_page(target: usize, shape: Shape) -> SourceFile {
    match shape {
        Shape::Columns => {
            let table = "sample_wide";
            let mut text = String::from("---\ntitle: \"Wide (sample_wide) table/entity reference (Microsoft Dataverse)\"\ndescription: \"Includes schema information and supported messages for the Wide (sample_wide) table/entity with Microsoft Dataverse.\"\nms.topic: generated-reference\n---\n\n# Wide (sample_wide) table/entity reference (Microsoft Dataverse)\n\nA table with very many columns.\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n| **DisplayName** | **Wide** |\n| **SchemaName** | `sample_Wide` |\n| **EntitySetName** | `sample_wides`|\n| **LogicalName** | `sample_wide` |\n| **PrimaryIdAttribute** | `sample_wideid` |\n| **PrimaryNameAttribute** |`sample_name` |\n| **OwnershipType** | `UserOwned` |\n\n## Writable columns/attributes\n\nThese columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n");
            let options: &[(i32, &str)] = &[
                (100000000, "Preferred Customer"),
                (100000001, "Standard"),
                (100000002, "Occasional"),
                (100000003, "Do Not Contact"),
            ];
            let mut n = 0usize;
            let mut body = String::new();
            let mut list = String::new();
            while text.len() + list.len() + body.len() < target {
                let schema = format!("sample_Field{n:06}");
                let kind = match n % 8 {
                    0 | 1 => Kind::Str(100 + (n % 4) as u32 * 100),
                    2 => Kind::Picklist(options),
                    3 => Kind::Lookup("contact"),
                    4 => Kind::DateTime("DateAndTime"),
                    5 => Kind::Bool("Yes", "No"),
                    6 => Kind::Int(0, 2147483647),
                    _ => Kind::Memo(4000),
                };
                let _ = writeln!(list, "- [{schema}](#BKMK_{schema})");
                column_block(
                    &mut body,
                    table,
                    &schema,
                    &format!("Field {n}"),
                    &format!(
                        "Value {n} of the wide table, as entered by the user or set by a process."
                    ),
                    &kind,
                    true,
                );
                n += 1;
            }
            text.push_str(&list);
            text.push('\n');
            text.push_str(&body);
            SourceFile::new(format!("wide/{table}.md"), text)
        }
        Shape::Relationships => {
            let mut related: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
            let base = hub_page(HUB, &related).len();
            let mut size = base;
            let mut n = 0usize;
            while size < target {
                let t = format!("sample_t{n:06}");
                let rels: Vec<(String, String)> = [
                    "createdby",
                    "createdonbehalfby",
                    "modifiedby",
                    "modifiedonbehalfby",
                ]
                .iter()
                .map(|a| (format!("lk_{t}_{a}"), a.to_string()))
                .collect();
                for (schema, attribute) in &rels {
                    let mut b = format!("- [{schema}](#BKMK_{schema})\n");
                    one_to_many_block(&mut b, schema, &t, attribute);
                    size += b.len();
                }
                related.insert(t, rels);
                n += 1;
            }
            SourceFile::new(format!("wide/{HUB}.md"), hub_page(HUB, &related))
        }
    }
}
