//! [`Page`] -> [`PageFacts`]: markdown vocabulary becomes Dataverse vocabulary. Strings become
//! enums and numbers; every problem is a located diagnostic with a breadcrumb.

use super::*;
use crate::diag::Diagnostic;
use crate::parse::cell::{self, CellValue};
use crate::parse::{
    Block, BlockKind, Cell, ChoiceBlock, ColumnAccess, Item, Page, RelationshipSection, Row,
    SectionKind, Table as MdTable,
};
use crate::source::SourceFile;

mod relationship;

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

/// One `Key | Value` property, from a table row or a `**Key**: value` line.
struct Prop<'a> {
    key: String,
    raw: &'a str,
    at: usize,
}

impl Prop<'_> {
    fn value(&self) -> Option<String> {
        CellValue::of(self.raw).into_option()
    }
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
        let h1 = page.h1.as_ref()?;
        let Some((display, schema)) = split_h1(h1.title) else {
            self.error(
                h1.span.start,
                format!(
                    "cannot read the table name from `{}`: expected `# <Display name> (<schema name>) table/entity reference`",
                    h1.title
                ),
                &[],
            );
            return None;
        };
        // Logical names compare case-insensitively: the model keeps them lower-cased.
        let mut table = Table {
            logical_name: schema.to_ascii_lowercase(),
            schema_name: Some(schema.to_string()),
            display_name: display.map(str::to_string),
            at: Some(self.file.loc(h1.span.start)),
            ..Table::default()
        };
        table.description = page
            .intro
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph && !b.raw.starts_with("[!INCLUDE"))
            .filter(|b| !b.raw.starts_with("**Added by**"))
            .map(|b| cell::plain(b.raw))
            .filter(|d| !d.is_empty());

        let origin = Arc::new(Origin {
            file: self.file.path.clone(),
            product: product(page, h1.title),
            date: self.date(page),
        });
        let source = Source(origin.clone());
        let extension = page.intro.iter().any(|b| {
            b.kind == BlockKind::Quote
                && (b.raw.contains(" table extends ") || b.raw.contains(" entity extends "))
        }) || page
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Columns(ColumnAccess::Customized));

        // Properties first: they may restate the logical name that every crumb uses.
        for s in &page.sections {
            if s.kind == SectionKind::Properties {
                let props = self.props(s.table.as_ref(), &s.blocks, &[schema]);
                self.table_properties(&mut table, props);
            }
        }
        // The H1's deprecation marker stays in the display name: appended, as written, to a
        // display name that lacks one (a DisplayName property, or one before the schema name).
        if let Some(marker) = deprecation_marker(h1.title) {
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
                        if let Some(col) = self.column(&name, access, item, &source) {
                            let at = item.heading.span.start;
                            if let Some(prev) = table.columns.insert(col.logical_name.clone(), col)
                            {
                                self.warn(
                                    at,
                                    format!("column `{}` is described twice on this page: this one is kept", prev.logical_name),
                                    &[&name, &prev.logical_name],
                                );
                            }
                        }
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
        let at = page.meta("ms.date").map_or(h1.span.start, |e| e.span.start);
        Some(PageFacts {
            origin,
            extension,
            at: self.file.loc(at),
            table,
        })
    }

    fn date(&mut self, page: &Page<'_>) -> Option<Date> {
        let entry = page.meta("ms.date")?;
        let date = parse_date(&entry.value);
        if date.is_none() {
            self.warn(
                entry.span.start,
                format!(
                    "ms.date `{}` is not a date: expected MM/DD/YYYY, MM.DD.YYYY or YYYY-MM-DD",
                    entry.value
                ),
                &[],
            );
        }
        date
    }

    /// Properties of an item: its table, else its `**Key**: value` lines (2017 pages).
    fn props<'a>(
        &mut self,
        table: Option<&MdTable<'a>>,
        blocks: &[Block<'a>],
        crumbs: &[&str],
    ) -> Vec<Prop<'a>> {
        let mut props = Vec::new();
        if let Some(t) = table {
            for row in &t.rows {
                match (row.cell(0), row.cell(1)) {
                    (Some(k), Some(v)) => props.push(Prop {
                        key: cell::plain(k.raw),
                        raw: v.raw,
                        at: v.span.start,
                    }),
                    _ => self.error(
                        row.span.start,
                        "property row has one cell: expected `|Property|Value|`",
                        crumbs,
                    ),
                }
            }
        }
        // The 2017 line form stands in for the table; next to a table, bold lines are notes
        // such as `**Added by**: Power Pages Core Solution`.
        let lines = if table.is_some() { &[][..] } else { blocks };
        for b in lines.iter().filter(|b| b.kind == BlockKind::Paragraph) {
            let mut offset = b.span.start;
            for line in b.raw.split_inclusive('\n') {
                if let Some((key, value)) = cell::bold_key_line(line) {
                    let at = offset + value.as_ptr() as usize - line.as_ptr() as usize;
                    props.push(Prop {
                        key: key.to_string(),
                        raw: value,
                        at,
                    });
                }
                offset += line.len();
            }
        }
        props
    }

    fn table_properties(&mut self, table: &mut Table, props: Vec<Prop<'_>>) {
        for p in props {
            let v = p.value();
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
                "OwnershipType" => table.ownership_type = v,
                "CollectionSchemaName" => table.collection_schema_name = v,
                "DisplayCollectionName" => table.display_collection_name = v,
                "TableType" => table.table_type = v,
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

    fn column(
        &mut self,
        table: &str,
        access: ColumnAccess,
        item: &Item<'_>,
        source: &Source,
    ) -> Option<Column> {
        let schema = item.heading.title;
        let crumbs = [table, schema];
        let props = self.props(item.table.as_ref(), &item.blocks, &crumbs);
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
        for p in &props {
            let crumbs = [table, schema, p.key.as_str()];
            let v = p.value();
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
                    for t in cell::plain(p.raw).split(',').map(str::trim) {
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
                "Format" => col.format = v,
                "FormatName" => col.format_name = v,
                "PrecisionSource" => col.precision_source = v,
                "MaxHeight" => image(&mut col).max_height = self.number(p, &crumbs),
                "MaxWidth" => image(&mut col).max_width = self.number(p, &crumbs),
                "MaxSizeInKB" => image(&mut col).max_size_in_kb = self.number(p, &crumbs),
                "CanStoreFullImage" => image(&mut col).can_store_full_image = self.bool(p, &crumbs),
                "IsPrimaryImage" => image(&mut col).is_primary_image = self.bool(p, &crumbs),
                "MinValue" => col.min_value = v,
                "MaxValue" => col.max_value = v,
                "Precision" => col.precision = self.number(p, &crumbs),
                "DateTimeBehavior" => col.datetime_behavior = v,
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
                        .insert(key.to_string(), cell::plain(p.raw).to_string());
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
        for b in item.blocks.iter().filter(|b| b.kind == BlockKind::ListItem) {
            if let Some(opt) = self.bullet_option(b, &crumbs) {
                self.add_option(&mut col, opt, source, &crumbs);
            }
        }
        Some(col)
    }

    fn bool(&mut self, p: &Prop<'_>, crumbs: &[&str]) -> Option<bool> {
        match p.value()?.to_ascii_lowercase().as_str() {
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

    fn number<T: std::str::FromStr>(&mut self, p: &Prop<'_>, crumbs: &[&str]) -> Option<T> {
        let v = p.value()?;
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

    fn choice_block(
        &mut self,
        col: &mut Column,
        block: &ChoiceBlock<'_>,
        source: &Source,
        crumbs: &[&str],
    ) {
        for b in &block.blocks {
            if let Some(("DefaultValue", v)) = cell::bold_key_line(b.raw) {
                col.default_value = CellValue::of(v).into_option();
            }
        }
        let Some(table) = &block.table else {
            if !block.blocks.iter().any(|b| b.kind == BlockKind::ListItem) {
                self.warn(
                    block.heading.span.start,
                    "choice heading with no table: expected `|Value|Label|`",
                    crumbs,
                );
            }
            for b in block
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::ListItem)
            {
                if let Some(opt) = self.bullet_option(b, crumbs) {
                    self.add_option(col, opt, source, crumbs);
                }
            }
            return;
        };
        let Some(value_ix) = table.column("Value") else {
            self.error(
                table.span.start,
                "choice table has no `Value` column: expected `|Value|Label|`",
                crumbs,
            );
            return;
        };
        let ix = |name: &str| table.column(name);
        let (label, details, state, default_status, invariant) = (
            ix("Label"),
            ix("Details"),
            ix("State"),
            ix("DefaultStatus"),
            ix("InvariantName"),
        );
        for row in &table.rows {
            let Some(value) = self.choice_value(row, value_ix, crumbs) else {
                continue;
            };
            let text = |i: Option<usize>| -> Option<&Cell<'_>> { i.and_then(|i| row.cell(i)) };
            let mut opt = ChoiceOption {
                value,
                label: text(label).map(|c| cell::plain(c.raw)).unwrap_or_default(),
                invariant_name: text(invariant).and_then(|c| CellValue::of(c.raw).into_option()),
                at: Some(self.file.loc(row.span.start)),
                ..ChoiceOption::default()
            };
            opt.state = self.int_cell(text(state), crumbs);
            opt.default_status = self.int_cell(text(default_status), crumbs);
            if let Some(c) = text(details) {
                self.details(&mut opt, c, crumbs);
            }
            self.add_option(col, opt, source, crumbs);
        }
    }

    fn choice_value(&mut self, row: &Row<'_>, ix: usize, crumbs: &[&str]) -> Option<i32> {
        let cell = row.cell(ix)?;
        let text = cell::plain(cell.raw);
        match text.parse::<i64>() {
            Ok(n) => match i32::try_from(n) {
                Ok(v) => Some(v),
                Err(_) => {
                    self.error(
                        cell.span.start,
                        format!("choice value {n} is out of range: expected a 32-bit integer"),
                        crumbs,
                    );
                    None
                }
            },
            Err(_) => {
                self.error(
                    cell.span.start,
                    format!("choice value `{text}` is not an integer: expected a number such as 192350000"),
                    crumbs,
                );
                None
            }
        }
    }

    fn int_cell(&mut self, cell: Option<&Cell<'_>>, crumbs: &[&str]) -> Option<i32> {
        let cell = cell?;
        let text = CellValue::of(cell.raw).into_option()?;
        match text.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.warn(
                    cell.span.start,
                    format!("`{text}` is not an integer: skipped"),
                    crumbs,
                );
                None
            }
        }
    }

    /// `Label: **Active**<br />State:0<br />TransitionData: None` and
    /// `Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active``.
    fn details(&mut self, opt: &mut ChoiceOption, c: &Cell<'_>, crumbs: &[&str]) {
        for (offset, part) in cell::split_br(c.raw) {
            let at = c.span.start + offset;
            let Some((key, value)) = cell::key_value(part) else {
                if !part.trim().is_empty() {
                    self.warn(at, format!("`{part}` is not `Key: value`: skipped"), crumbs);
                }
                continue;
            };
            let value = CellValue::of(value).into_option();
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

    /// `- **TrueOption Value**: 1 **Label**: Check` / `- **Value**: 0 **Label**: Active`.
    fn bullet_option(&mut self, b: &Block<'_>, crumbs: &[&str]) -> Option<ChoiceOption> {
        let (num, label) = cell::option_bullet(b.raw)?;
        match num.parse::<i32>() {
            Ok(value) => Some(ChoiceOption {
                value,
                label: cell::plain(label),
                at: Some(self.file.loc(b.span.start)),
                ..ChoiceOption::default()
            }),
            Err(_) => {
                self.error(
                    b.span.start,
                    format!("choice value `{num}` is not an integer: expected a number such as 192350000"),
                    crumbs,
                );
                None
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

fn lowercase(s: String) -> String {
    s.to_ascii_lowercase()
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

/// `# Session (msdyn_ocsession) table/entity reference (Microsoft Dynamics 365 Sales)`
/// -> (`Some("Session")`, `"msdyn_ocsession"`); `# ActionCardUserSettings Entity Reference`
/// -> (`None`, `"ActionCardUserSettings"`).
///
/// A deprecation marker (`(Deprecated)`, `[DEPRECATED]`, any case) is never the schema name:
/// `# Old Thing (Deprecated) (sample_old) …` -> (`Some("Old Thing (Deprecated)")`,
/// `"sample_old"`), and with no display name the marker and the name are the display, as
/// written: `# sample_old (Deprecated) entity reference` -> (`Some("sample_old (Deprecated)")`,
/// `"sample_old"`).
pub(crate) fn split_h1(h1: &str) -> Option<(Option<&str>, &str)> {
    let lower = h1.to_ascii_lowercase();
    let head = match lower.find("entity reference") {
        Some(i) => {
            let head = &h1[..i];
            head.trim_end()
                .strip_suffix("table/")
                .unwrap_or(head)
                .trim_end()
        }
        None => h1.trim(),
    };
    // The name without the markers around it.
    let mut name = head;
    loop {
        let before = name;
        if let Some((at, len)) = marker_at(name) {
            if at == 0 || at + len == name.len() {
                name = if at == 0 { &name[len..] } else { &name[..at] }.trim();
            }
        }
        if name == before {
            break;
        }
    }
    if let Some(inner) = name.strip_suffix(')') {
        let open = inner.rfind('(')?;
        let schema = inner[open + 1..].trim();
        let display = head[..head.rfind(schema)?]
            .trim_end()
            .strip_suffix('(')?
            .trim();
        let ok = !schema.is_empty() && !schema.contains(char::is_whitespace);
        return ok.then_some(((!display.is_empty()).then_some(display), schema));
    }
    let ok = !name.is_empty() && !name.contains(char::is_whitespace);
    ok.then_some(((name != head).then_some(head), name))
}

/// The first deprecation marker in `text`, as written: `(Deprecated)` or `[DEPRECATED]`, in any
/// letter case.
pub(crate) fn deprecation_marker(text: &str) -> Option<&str> {
    marker_at(text).map(|(at, len)| &text[at..at + len])
}

fn marker_at(text: &str) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    ["(deprecated)", "[deprecated]"]
        .iter()
        .filter_map(|m| lower.find(m).map(|at| (at, m.len())))
        .min()
}

/// The product a page belongs to: the H1's or title's `(Microsoft …)` suffix, else the
/// description's `… with Microsoft …`, else the NOTE's `The Microsoft … <Display> (…) table extends`.
fn product(page: &Page<'_>, h1: &str) -> Option<String> {
    let suffix = |s: &str| -> Option<String> {
        let s = s.split(" | ").next().unwrap_or(s);
        let s = s.split("| ").next().unwrap_or(s).trim();
        let inner = s.strip_suffix(')')?;
        let open = inner.rfind('(')?;
        let p = inner[open + 1..].trim();
        p.starts_with("Microsoft").then(|| p.to_string())
    };
    if let Some(p) = suffix(h1) {
        return Some(p);
    }
    if let Some(p) = page.meta("title").and_then(|t| suffix(&t.value)) {
        return Some(p);
    }
    if let Some(d) = page.meta("description") {
        if let Some(i) = d.value.find(" with Microsoft ") {
            let p = d.value[i + 6..].trim_end_matches('.').trim();
            return Some(p.to_string());
        }
    }
    let note = page.intro.iter().find_map(|b| {
        let i = b.raw.find("The Microsoft ")?;
        let rest = &b.raw[i + 4..];
        let end = rest.find(" table extends")?;
        let before = &rest[..end];
        // Drop "<Display> (<schema>)" at the end.
        let open = before.rfind('(')?;
        let words = before[..open].trim_end();
        let cut = words.rfind(' ').unwrap_or(words.len());
        Some(words[..cut].trim().to_string())
    });
    // Last resort: the docs site the page was published for.
    note.or_else(|| match page.meta("ms.service")?.value.as_str() {
        "powerapps" => Some("Microsoft Dataverse".to_string()),
        "crm-online" | "dynamics-365-sales" | "dynamics-365-customerservice" => {
            Some("Microsoft Dynamics 365".to_string())
        }
        _ => None,
    })
    // 2019 on-premises pages name only `ms.prod: d365ce-op`.
    .or_else(|| {
        let prod = page.meta("ms.prod")?;
        prod.value
            .starts_with("d365ce")
            .then(|| "Microsoft Dynamics 365".to_string())
    })
}

/// `MM/DD/YYYY`, `MM.DD.YYYY`, `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, a, b) };
    let date = Date {
        year: y.parse().ok()?,
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    let ok = (1..=12).contains(&date.month) && (1..=31).contains(&date.day) && y.len() == 4;
    ok.then_some(date)
}

/// The table a sentence links to: the first `[..](name.md…)` link's file stem.
fn linked_page(raw: &str) -> Option<String> {
    cell::link_urls(raw)
        .into_iter()
        .filter_map(|url| {
            let path = url.split('#').next().unwrap_or("");
            let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
            (!stem.is_empty()).then(|| stem.to_ascii_lowercase())
        })
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h1_forms() {
        let cases = [
            (
                "Session (msdyn_ocsession) table/entity reference (Microsoft Dynamics 365 Sales)",
                Some((Some("Session"), "msdyn_ocsession")),
            ),
            (
                "Session (msdyn_ocsession) table/entity reference",
                Some((Some("Session"), "msdyn_ocsession")),
            ),
            (
                "Column Permission Profile (mspp_columnpermissionprofile)  table/entity reference",
                Some((
                    Some("Column Permission Profile"),
                    "mspp_columnpermissionprofile",
                )),
            ),
            (
                "ActionCardUserSettings Entity Reference",
                Some((None, "ActionCardUserSettings")),
            ),
            (
                "msdyn_nonrelationalds entity reference",
                Some((None, "msdyn_nonrelationalds")),
            ),
            (
                "AIPluginTitle table/entity reference (Microsoft Dataverse)",
                Some((None, "AIPluginTitle")),
            ),
            (
                "Old Thing (Deprecated) (sample_old) table/entity reference",
                Some((Some("Old Thing (Deprecated)"), "sample_old")),
            ),
            (
                "[DEPRECATED] Old Thing (sample_old) table/entity reference",
                Some((Some("[DEPRECATED] Old Thing"), "sample_old")),
            ),
            (
                "sample_old (Deprecated) entity reference",
                Some((Some("sample_old (Deprecated)"), "sample_old")),
            ),
            (
                "[Deprecated] sample_old Entity Reference",
                Some((Some("[Deprecated] sample_old"), "sample_old")),
            ),
            (
                "Old Thing (sample_old) (DEPRECATED) table/entity reference",
                Some((Some("Old Thing"), "sample_old")),
            ),
            ("Just some words", None),
        ];
        for (h1, want) in cases {
            assert_eq!(split_h1(h1), want, "{h1}");
        }
    }

    #[test]
    fn dates() {
        let d = |y, m, d| {
            Some(Date {
                year: y,
                month: m,
                day: d,
            })
        };
        assert_eq!(parse_date("05/19/2024"), d(2024, 5, 19));
        assert_eq!(parse_date("07.24.2024"), d(2024, 7, 24));
        assert_eq!(parse_date("2024-07-24"), d(2024, 7, 24));
        assert_eq!(parse_date("13/01/2024"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn linked_pages() {
        assert_eq!(
            linked_page("See the [x](systemuser.md#BKMK_x) one-to-many relationship for the [systemuser](systemuser.md) table/entity."),
            Some("systemuser".to_string())
        );
        assert_eq!(linked_page("no links"), None);
    }
}
