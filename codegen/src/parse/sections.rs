//! Headings: the anchor and title of a heading line, and the one synonym table that says what a
//! section title announces.

use super::*;

/// `### <a name="BKMK_X"></a> X` -> anchor `BKMK_X`, title `X`.
pub(super) fn parse_heading(src: &str, level: u8, range: Span) -> Heading<'_> {
    let raw = src[range.clone()].trim();
    let mut text = raw.trim_start_matches('#').trim();
    // A closing sequence of #s is not part of the title.
    if let Some(stripped) = text.strip_suffix('#') {
        let s = stripped.trim_end_matches('#');
        if s.ends_with(' ') || s.is_empty() {
            text = s.trim_end();
        }
    }
    let mut anchor = None;
    if text.starts_with("<a ") {
        if let Some(end) = text.find("</a>") {
            let tag = &text[..end];
            anchor = attr(tag, "name").or_else(|| attr(tag, "id"));
            text = text[end + 4..].trim();
        }
    }
    Heading {
        level,
        anchor,
        title: text,
        span: range,
    }
}

fn attr<'s>(tag: &'s str, name: &str) -> Option<&'s str> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let end = rest[1..].find(q)?;
    Some(&rest[1..1 + end])
}

/// The one synonym table for section titles (case- and spacing-insensitive).
pub fn section_kind(title: &str) -> SectionKind {
    let t: String = title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let t = t.strip_prefix("customized ").map_or(t.as_str(), |rest| {
        if rest.contains("relationship") && rest != "relationships" {
            rest
        } else {
            t.as_str()
        }
    });
    use RelationshipSection::*;
    match t {
        "properties" | "entity properties" | "table properties" => SectionKind::Properties,
        "writable columns/attributes" | "writable attributes" | "writable columns" => {
            SectionKind::Columns(ColumnAccess::Writable)
        }
        "read-only columns/attributes" | "read-only attributes" | "read-only columns" => {
            SectionKind::Columns(ColumnAccess::ReadOnly)
        }
        "customized columns/attributes" | "customized attributes" | "customized columns" => {
            SectionKind::Columns(ColumnAccess::Customized)
        }
        "one-to-many relationships" => SectionKind::Relationships(OneToMany),
        "many-to-one relationships" => SectionKind::Relationships(ManyToOne),
        "many-to-many relationships" => SectionKind::Relationships(ManyToMany),
        "customized relationships" => SectionKind::CustomizedRelationships,
        "messages" => SectionKind::Messages,
        "events" => SectionKind::Events,
        "see also" => SectionKind::SeeAlso,
        _ => SectionKind::Unknown,
    }
}
