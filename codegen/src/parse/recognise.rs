//! Which markdown files are table reference pages.
//!
//! The docs repositories hold, next to the table pages, `toc.yml`, lists of deprecated tables
//! (`deprecated-entities.md`), action pages (`msdyn-ConnectSequence-action.md`) and overview
//! pages (`about-entity-reference.md`). Those are skipped, never errors; a table page that is
//! broken still gives its located error. The rule is conservative: when in doubt, a file is a
//! table page.
//!
//! **The rule.** The *H1* is the first level-1 heading at the top level of the markdown (ATX
//! `# ...` or setext, as pulldown-cmark reads it: not inside front matter, code, block quotes,
//! lists or HTML comments); the *title* is the front matter's `title:` value. Text is compared
//! case-insensitively with runs of whitespace as one space.
//!
//! 1. A file with no H1 is a table page (an empty page, or one with no heading, is the located
//!    error the parser gives).
//! 2. A file whose H1 contains `entity reference` (`table/entity reference`, `Entity Reference`,
//!    `entity reference`) is a table page, except an *overview page*: the words before
//!    `entity reference` (without a trailing `table/`) are empty, or start with `about`, or
//!    start with a product name (`Microsoft`, `Dynamics 365`, `Dataverse`, `Common Data
//!    Service`, `Power Apps`, `Customer Engagement`) and hold no `(`; e.g. `# Dynamics 365 Sales
//!    table/entity reference`. Such a page is skipped as "an entity reference overview page".
//! 3. A file whose H1 does not contain `entity reference` but whose title does is a table page
//!    (its H1 is then the located error).
//! 4. Any other file is skipped, with the first reason that fits: "a list of deprecated tables"
//!    (the H1 holds `deprecated` and `entities` or `tables`), "an action page" (the H1 holds
//!    the word `action`, `message` or `function`), else "no table/entity reference H1".
//!
//! Files other than `*.md` (`toc.yml`, images) never reach this: [`crate::io`] reads only
//! `*.md`.

use crate::source::SourceFile;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `None` for a table reference page; for any other markdown file (an action page, a prose
/// page, a deprecated-tables list), why it is not one. See the module documentation for the
/// exact rule.
pub fn recognise(file: &SourceFile) -> Option<String> {
    let (h1, title) = h1_and_title(&file.text);
    let h1 = normalise(&h1?);
    if let Some(at) = h1.find("entity reference") {
        let before = h1[..at].trim_end();
        let before = before.strip_suffix("table/").unwrap_or(before).trim();
        return is_overview(before).then(|| "an entity reference overview page".to_string());
    }
    if title.is_some_and(|t| normalise(&t).contains("entity reference")) {
        return None;
    }
    let words: Vec<&str> = h1
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    Some(
        if has("deprecated") && (has("entities") || has("tables")) {
            "a list of deprecated tables"
        } else if has("action") || has("message") || has("function") {
            "an action page"
        } else {
            "no table/entity reference H1"
        }
        .to_string(),
    )
}

/// The words before `entity reference` name no table but a product's whole reference.
fn is_overview(before: &str) -> bool {
    const PRODUCTS: [&str; 6] = [
        "microsoft",
        "dynamics 365",
        "dataverse",
        "common data service",
        "power apps",
        "customer engagement",
    ];
    before.is_empty()
        || before.starts_with("about")
        || (PRODUCTS.iter().any(|p| before.starts_with(p)) && !before.contains('('))
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The text of the first top-level H1, and the front matter's `title:` value.
fn h1_and_title(text: &str) -> (Option<String>, Option<String>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut depth = 0usize; // open containers (block quotes, lists, ...) around the event
    let mut in_h1 = false;
    let mut in_meta = false;
    let mut h1 = String::new();
    let mut title = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if depth == 0 => in_h1 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_h1 => {
                return (Some(h1), title);
            }
            Event::Text(t) | Event::Code(t) if in_h1 => h1.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_h1 => h1.push(' '),
            Event::Text(t) if in_meta => {
                for line in t.lines() {
                    if let Some(value) = line.strip_prefix("title:") {
                        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
                        title.get_or_insert_with(|| value.to_string());
                    }
                }
            }
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (None, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn why(text: &str) -> Option<String> {
        recognise(&SourceFile::new("x.md", text))
    }

    #[test]
    fn table_pages_of_every_era_are_recognised() {
        for h1 in [
            "# Account (account) table/entity reference (Microsoft Dataverse)",
            "# account table/entity reference",
            "# Session (msdyn_ocsession) table/entity reference (Microsoft Dynamics 365)",
            "# ActionCardUserSettings Entity Reference",
            "# msdyn_nonrelationalds entity reference",
            "# Column Permission Profile (mspp_columnpermissionprofile)  table/entity reference",
            "# Microsoft Foo (msft_foo) table/entity reference",
            "Setext Table (sample_x) table/entity reference\n===",
        ] {
            assert_eq!(
                why(&format!("---\nms.date: 01/01/2024\n---\n{h1}\n")),
                None,
                "{h1}"
            );
        }
    }

    #[test]
    fn pages_with_no_h1_or_a_table_title_stay_table_pages() {
        assert_eq!(why(""), None);
        assert_eq!(why("## Properties\n"), None);
        assert_eq!(why("\u{0}\u{1}"), None);
        let bad_h1 =
            "---\ntitle: \"Widget (sample_widget) table/entity reference\"\n---\n# Widgets\n";
        assert_eq!(why(bad_h1), None);
        let setext = "Widget (sample_widget) table/entity\nreference\n===\n";
        assert_eq!(why(setext), None, "the line break is a space");
        // An H1 in a block quote ends nothing: the top-level one after it counts.
        let quoted = "> # Quoted\n\n# Widget (sample_widget) table/entity reference\n";
        assert_eq!(why(quoted), None);
        // After the front matter, a `title:` line is prose.
        let after = "---\nms.date: 01/01/2024\n---\ntitle: Widget (sample_widget) table/entity reference\n\n# Widgets\n";
        assert_eq!(why(after).as_deref(), Some("no table/entity reference H1"));
        let before = "title: Widget (sample_widget) table/entity reference\n\n# Widgets\n";
        assert_eq!(
            why(before).as_deref(),
            Some("no table/entity reference H1"),
            "`title:` outside front matter is prose"
        );
    }

    #[test]
    fn other_pages_are_skipped_with_a_reason() {
        let cases = [
            (
                "---\ntitle: Deprecated entities\n---\n# Deprecated entities\n\n- a\n",
                "a list of deprecated tables",
            ),
            (
                "# msdyn_ConnectSequence action for Sequences\n",
                "an action page",
            ),
            (
                "# Dynamics 365 Sales table/entity reference\n",
                "an entity reference overview page",
            ),
            (
                "# Microsoft Dataverse table/entity reference\n",
                "an entity reference overview page",
            ),
            ("# Entity reference\n", "an entity reference overview page"),
            (
                "# About the entity reference\n",
                "an entity reference overview page",
            ),
            ("# Work with sequences\n", "no table/entity reference H1"),
            ("# Deprecated features\n", "no table/entity reference H1"),
            ("# Tables and columns\n", "no table/entity reference H1"),
            ("# Deprecated tables\n", "a list of deprecated tables"),
            ("# WinOpportunity message\n", "an action page"),
            ("# CalculateRollupField function\n", "an action page"),
            // Text outside the H1 is not the H1, and `title:` counts only in front matter.
            (
                "The widget table/entity reference moved.\n\n# Work with widgets\n",
                "no table/entity reference H1",
            ),
            (
                "---\nms.date: 01/01/2024\n---\n# Widgets\n\ntitle: Widget (sample_widget) table/entity reference\n",
                "no table/entity reference H1",
            ),
            // A heading in a block quote or code is no H1; the top-level one counts.
            (
                "> # x table/entity reference\n\n```\n# y table/entity reference\n```\n# Notes\n",
                "no table/entity reference H1",
            ),
        ];
        for (text, reason) in cases {
            assert_eq!(why(text).as_deref(), Some(reason), "{text}");
        }
    }
}
