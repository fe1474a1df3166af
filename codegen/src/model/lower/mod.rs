//! [`Page`] -> [`PageFacts`]: the page's typed parts become Dataverse vocabulary. Strings
//! become enums and numbers; every problem is a located diagnostic with a breadcrumb.
//!
//! Nothing here reads markdown or sentences: [`crate::parse`] hands over the page's hints
//! ([`crate::parse::PageHints`]: the table the H1 names, product, date, extends note), property
//! lists ([`PropertyList`]) and choice tables ([`crate::parse::ChoiceTable`]), with the byte
//! offsets the diagnostics point at. The lowering decides what they mean: which property names
//! it knows, the numbers, the enums, and what is a problem.

use super::*;
use crate::diag::Diagnostic;
use crate::parse::{
    ColumnAccess, DateHint, Item, Page, PageDate, Property, PropertyList, SectionKind,
};
use crate::source::SourceFile;

mod choices;
mod column;
mod relationship;

/// The H1's deprecation marker, found again in display names, labels and descriptions.
pub(crate) use crate::parse::prose::deprecation_marker;

/// What one page says about one table.
#[derive(Debug)]
pub struct PageFacts {
    pub origin: Arc<Origin>,
    /// An extension page ("… table extends …", or a `Customized columns/attributes` section)
    /// states only what its product changes.
    pub extension: bool,
    /// Where the page says which version it is: its `ms.date` line, else its H1.
    pub at: crate::source::Loc,
    pub table: Table,
}

/// Lowers one parsed page. `None` when the page does not even name its table.
pub fn lower(file: &SourceFile, page: &Page<'_>) -> (Option<PageFacts>, Vec<Diagnostic>) {
    let mut cx = Cx {
        file,
        diags: Vec::new(),
    };
    let facts = cx.page(page);
    (facts, cx.diags)
}

struct Cx<'f> {
    file: &'f SourceFile,
    diags: Vec<Diagnostic>,
}

/// A property's value as text: `None` when the cell is empty or `null`.
fn value(p: &Property<'_>) -> Option<String> {
    p.value.value().map(str::to_string)
}

impl Cx<'_> {
    fn error(&mut self, at: usize, msg: impl Into<String>, crumbs: &[&str]) {
        let d = Diagnostic::error(self.file.loc(at), msg).at(crumbs);
        self.diags.push(d);
    }

    fn warn(&mut self, at: usize, msg: impl Into<String>, crumbs: &[&str]) {
        let d = Diagnostic::warning(self.file.loc(at), msg).at(crumbs);
        self.diags.push(d);
    }

    fn page(&mut self, page: &Page<'_>) -> Option<PageFacts> {
        let hints = &page.hints;
        let h1 = hints.h1.as_ref()?;
        let Some(name) = h1.name else {
            self.error(
                h1.at,
                format!(
                    "cannot read the table name from `{}`: expected `# <Display name> (<schema name>) table/entity reference`",
                    h1.text
                ),
                &[],
            );
            return None;
        };
        let schema = name.schema;
        // Logical names compare case-insensitively: the model keeps them lower-cased.
        let mut table = Table {
            logical_name: schema.to_ascii_lowercase(),
            schema_name: Some(schema.to_string()),
            display_name: name.display.map(str::to_string),
            at: Some(self.file.loc(h1.at)),
            ..Table::default()
        };
        table.description = hints.description.clone();

        let origin = Arc::new(Origin {
            file: self.file.path.clone(),
            product: hints.product.clone(),
            date: self.date(hints.date.as_ref()),
        });
        let source = Source(origin.clone());
        let extension = hints.extends_note
            || page
                .sections
                .iter()
                .any(|s| s.kind == SectionKind::Columns(ColumnAccess::Customized));

        // Properties first: they may restate the logical name that every crumb uses.
        for s in &page.sections {
            if s.kind == SectionKind::Properties {
                self.short_rows(&s.props, &[schema]);
                self.table_properties(&mut table, &s.props);
            }
        }
        // The H1's deprecation marker stays in the display name: appended, as written, to a
        // display name that lacks one (a DisplayName property, or one before the schema name).
        if let Some(marker) = h1.deprecation {
            let display = table.display_name.take();
            table.display_name = Some(match display {
                Some(d) if deprecation_marker(&d).is_some() => d,
                Some(d) => format!("{d} {marker}"),
                None => marker.to_string(),
            });
        }
        let name = table.logical_name.clone();
        for s in &page.sections {
            match s.kind {
                SectionKind::Columns(access) => {
                    for item in &s.items {
                        self.add_column(&mut table, &name, access, item, &source);
                    }
                }
                SectionKind::Relationships(kind) => {
                    for item in &s.items {
                        let rel = self.relationship(&name, kind, item, &source);
                        let at = item.heading.span.start;
                        // Schema names are unique regardless of letter case.
                        let key = (rel.schema_name.to_ascii_lowercase(), rel.kind);
                        if let Some(prev) = table.relationships.insert(key, rel) {
                            self.warn(
                                at,
                                format!("relationship `{}` is described twice on this page: this one is kept", prev.schema_name),
                                &[&name, "relationship", &prev.schema_name],
                            );
                        }
                    }
                }
                // Read elsewhere, or deliberately not part of the model.
                SectionKind::Properties
                | SectionKind::CustomizedRelationships
                | SectionKind::Messages
                | SectionKind::Events
                | SectionKind::SeeAlso
                | SectionKind::Unknown => {}
            }
        }
        table.origins.push((*origin).clone());
        let at = hints.date.as_ref().map_or(h1.at, |d| d.at);
        Some(PageFacts {
            origin,
            extension,
            at: self.file.loc(at),
            table,
        })
    }

    fn add_column(
        &mut self,
        table: &mut Table,
        name: &str,
        access: ColumnAccess,
        item: &Item<'_>,
        source: &Source,
    ) {
        let Some(col) = self.column(name, access, item, source) else {
            return;
        };
        let at = item.heading.span.start;
        if let Some(prev) = table.columns.insert(col.logical_name.clone(), col) {
            self.warn(
                at,
                format!(
                    "column `{}` is described twice on this page: this one is kept",
                    prev.logical_name
                ),
                &[name, prev.logical_name.as_str()],
            );
        }
    }

    fn date(&mut self, hint: Option<&DateHint>) -> Option<Date> {
        let hint = hint?;
        if hint.date.is_none() {
            self.warn(
                hint.at,
                format!(
                    "ms.date `{}` is not a date: expected MM/DD/YYYY, MM.DD.YYYY or YYYY-MM-DD",
                    hint.written
                ),
                &[],
            );
        }
        hint.date.map(Date::from)
    }

    /// The rows of a property table that state no property.
    fn short_rows(&mut self, props: &PropertyList<'_>, crumbs: &[&str]) {
        for &at in &props.short_rows {
            self.error(
                at,
                "property row has one cell: expected `|Property|Value|`",
                crumbs,
            );
        }
    }

    fn table_properties(&mut self, table: &mut Table, props: &PropertyList<'_>) {
        for p in &props.entries {
            let v = value(p);
            match p.key.as_str() {
                "LogicalName" => {
                    if let Some(v) = v {
                        table.logical_name = v.to_ascii_lowercase();
                        table.at = Some(self.file.loc(p.at));
                    }
                }
                "SchemaName" => table.schema_name = v.or(table.schema_name.take()),
                "DisplayName" => table.display_name = v.or(table.display_name.take()),
                "EntitySetName" => table.entity_set_name = v,
                "PrimaryIdAttribute" => table.primary_id_attribute = v.map(lowercase),
                "PrimaryNameAttribute" => table.primary_name_attribute = v.map(lowercase),
                "OwnershipType" => table.ownership_type = v.as_deref().map(OwnershipType::parse),
                "CollectionSchemaName" => table.collection_schema_name = v,
                "DisplayCollectionName" => table.display_collection_name = v,
                "TableType" => table.table_type = v.as_deref().map(TableType::parse),
                "LogicalCollectionName" => table.logical_collection_name = v,
                "IsBPFEntity" | "Description" => {}
                other => {
                    let logical = table.logical_name.clone();
                    self.warn(
                        p.at,
                        format!("unknown table property `{other}`: skipped"),
                        &[&logical, other],
                    )
                }
            }
        }
    }
}

impl From<PageDate> for Date {
    fn from(d: PageDate) -> Date {
        Date {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

fn lowercase(s: String) -> String {
    s.to_ascii_lowercase()
}
