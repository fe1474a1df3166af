//! `#[deprecated]` for what the docs mark deprecated: `(Deprecated)` or `[DEPRECATED]` (any
//! case) in a table's or column's display name or description, or in a choice value's label;
//! and for a choice value the docs no longer list that the names lock keeps one more release
//! ([`removed`]). The generated modules allow `deprecated` inside themselves, so only a user's
//! own use of such an item warns.

use super::*;
use crate::model::ChoiceOption;
use std::fmt::{self, Display};

/// The marked text among `texts`, if one is marked.
fn marked<'a>(texts: &[Option<&'a str>]) -> Option<&'a str> {
    texts.iter().flatten().copied().find(|t| is_marked(t))
}

/// `(Deprecated)`, `[DEPRECATED]` (the markers lowering keeps, see
/// [`crate::model::deprecation_marker`]), or a text that is only the word (`Deprecated.`).
pub fn is_marked(text: &str) -> bool {
    // Both forms have the word: most texts stop here, before the marker search lower-cases them.
    let word = b"deprecated";
    let has_word = text
        .as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word));
    has_word
        && (crate::model::deprecation_marker(text).is_some()
            || text
                .trim()
                .trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .eq_ignore_ascii_case("deprecated"))
}

/// `#[deprecated(note = "...")]`, or nothing: what [`table`], [`column`], [`option`] and
/// [`removed`] give, to write before the item.
#[derive(Debug, Default)]
pub(super) struct Deprecated(Option<String>);

impl Display for Deprecated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(note) => writeln!(f, "#[deprecated(note = {})]", Lit(note)),
            None => Ok(()),
        }
    }
}

fn attribute(subject: &str, text: &str) -> Deprecated {
    let text = crate::text::strip_hazards(text);
    let text: String = text.chars().take(200).collect();
    Deprecated(Some(format!(
        "the docs mark this {subject} deprecated: \"{}\"",
        text.trim()
    )))
}

pub(super) fn table(t: &Table) -> Deprecated {
    marked(&[t.display_name.as_deref(), t.description.as_deref()])
        .map_or_else(Deprecated::default, |m| attribute("table", m))
}

pub(super) fn column(c: &Column) -> Deprecated {
    marked(&[c.display_name.as_deref(), c.description.as_deref()])
        .map_or_else(Deprecated::default, |m| attribute("column", m))
}

pub(super) fn option(o: &ChoiceOption) -> Deprecated {
    marked(&[Some(o.label.as_str())]).map_or_else(Deprecated::default, |m| attribute("value", m))
}

/// A choice value the docs no longer list, kept by the names lock until it is pruned.
pub(super) fn removed(value: i32) -> Deprecated {
    Deprecated(Some(format!(
        "removed from the docs: no page lists the value {value} any more; this constant goes at the next release (`generate --prune`)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        for yes in [
            "(Deprecated) Process Stage",
            "Ongoing conversation (Deprecated)",
            "[DEPRECATED] Old field",
            "Deprecated.",
            "**Deprecated**",
        ] {
            assert!(is_marked(yes), "{yes}");
        }
        for no in [
            "Deprecation date",
            "Not deprecated yet",
            "",
            "The deprecated flag",
        ] {
            assert!(!is_marked(no), "{no}");
        }
        let c = Column {
            display_name: Some("Stage".into()),
            description: Some("(Deprecated) Use the stage of the process.".into()),
            ..Column::default()
        };
        let attr = column(&c).to_string();
        assert!(attr.contains("deprecated"), "{attr}");
        assert!(attr.contains("Use the stage of the process."), "{attr}");
        assert!(column(&Column::default()).to_string().is_empty());
        let evil = Column {
            display_name: Some("(Deprecated) a\u{202e}b".into()),
            ..Column::default()
        };
        assert!(!column(&evil).to_string().contains('\u{202e}'));
        let t = Table {
            display_name: Some("Old Shelf (Deprecated)".into()),
            ..Table::default()
        };
        assert!(table(&t).to_string().contains("table deprecated"));
        assert!(table(&Table::default()).to_string().is_empty());
        let o = ChoiceOption {
            label: "Ongoing conversation (Deprecated)".into(),
            ..ChoiceOption::default()
        };
        assert!(option(&o).to_string().contains("value deprecated"));
        assert!(option(&ChoiceOption::default()).to_string().is_empty());
        let gone = removed(-5).to_string();
        assert!(
            gone.contains("removed from the docs: no page lists the value -5"),
            "{gone}"
        );
    }
}
