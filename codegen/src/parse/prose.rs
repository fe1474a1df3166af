//! What a page's sentences and metadata say about the page as a whole ([`PageHints`]): the
//! table its H1 names (`# <Display name> (<schema name>) table/entity reference`) and the H1's
//! deprecation marker, its description, its product (from the H1, the `title:`, the
//! `description:`, the NOTE, or `ms.service`/`ms.prod`), whether a NOTE says it extends a
//! table, its `ms.date`; and, for a relationship block, the table its `See …`/`Same as …`
//! sentence links to.

use super::cell;
use super::{Block, BlockKind, Page};
use serde::Serialize;

/// What the H1, the front matter and the intro paragraphs say about the page.
#[derive(Debug, Default, Serialize)]
pub struct PageHints<'a> {
    /// The H1, when the page has one.
    pub h1: Option<TitleHint<'a>>,
    /// The first intro paragraph without markdown (not an `[!INCLUDE` or an `**Added by**`
    /// note), when it says something.
    pub description: Option<String>,
    /// The product the page belongs to (`Microsoft Dynamics 365 Sales`); only with an H1.
    pub product: Option<String>,
    /// An intro NOTE says `… table extends …` (or `… entity extends …`).
    pub extends_note: bool,
    /// The `ms.date` front matter line.
    pub date: Option<DateHint>,
}

/// The H1 and the table it names.
#[derive(Debug, Serialize)]
pub struct TitleHint<'a> {
    /// The heading text after any anchor, trimmed, as written.
    pub text: &'a str,
    /// Where the heading starts.
    pub at: usize,
    /// `None` when the text does not read as
    /// `<Display name> (<schema name>) table/entity reference`.
    pub name: Option<TableName<'a>>,
    /// The first deprecation marker in the text, as written (`(Deprecated)`, `[DEPRECATED]`).
    pub deprecation: Option<&'a str>,
}

/// The names an H1 gives a table (see [`split_h1`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableName<'a> {
    pub display: Option<&'a str>,
    pub schema: &'a str,
}

/// The `ms.date` line: its value as written, where the line starts, and the date it reads as.
#[derive(Debug, Serialize)]
pub struct DateHint {
    pub written: String,
    pub at: usize,
    /// `None` when the value is no `MM/DD/YYYY`, `MM.DD.YYYY` or `YYYY-MM-DD` date.
    pub date: Option<PageDate>,
}

/// A calendar date as a page writes it (checked: month 1 to 12, day 1 to 31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl<'a> PageHints<'a> {
    /// Reads the hints of a walked page (its H1, front matter and intro).
    pub fn read(page: &Page<'a>) -> PageHints<'a> {
        let h1 = page.h1.as_ref().map(|h| TitleHint {
            text: h.title,
            at: h.span.start,
            name: split_h1(h.title).map(|(display, schema)| TableName { display, schema }),
            deprecation: deprecation_marker(h.title),
        });
        let description = page
            .intro
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph && !b.raw.starts_with("[!INCLUDE"))
            .filter(|b| !b.raw.starts_with("**Added by**"))
            .map(|b| cell::plain(b.raw))
            .filter(|d| !d.is_empty());
        let extends_note = page.intro.iter().any(|b| {
            b.kind == BlockKind::Quote
                && (b.raw.contains(" table extends ") || b.raw.contains(" entity extends "))
        });
        let date = page.meta("ms.date").map(|e| DateHint {
            written: e.value.clone(),
            at: e.span.start,
            date: parse_date(&e.value),
        });
        PageHints {
            product: page.h1.as_ref().and_then(|h| product(page, h.title)),
            h1,
            description,
            extends_note,
            date,
        }
    }
}

/// The table a relationship block's `See …`/`Same as …` sentence links to (see [`linked_page`]).
pub fn linked_table(blocks: &[Block<'_>]) -> Option<String> {
    blocks
        .iter()
        .filter(|b| b.raw.starts_with("See ") || b.raw.starts_with("Same as "))
        .find_map(|b| linked_page(b.raw))
}

/// `# Session (msdyn_ocsession) table/entity reference (Microsoft Dynamics 365 Sales)`
/// -> (`Some("Session")`, `"msdyn_ocsession"`); `# ActionCardUserSettings Entity Reference`
/// -> (`None`, `"ActionCardUserSettings"`).
///
/// A deprecation marker (`(Deprecated)`, `[DEPRECATED]`, any case) is never the schema name:
/// `# Old Thing (Deprecated) (sample_old) …` -> (`Some("Old Thing (Deprecated)")`,
/// `"sample_old"`), and with no display name the marker and the name are the display, as
/// written: `# sample_old (Deprecated) entity reference` -> (`Some("sample_old (Deprecated)")`,
/// `"sample_old"`).
pub fn split_h1(h1: &str) -> Option<(Option<&str>, &str)> {
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
pub fn parse_date(s: &str) -> Option<PageDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, a, b) };
    let date = PageDate {
        year: y.parse().ok()?,
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    let ok = (1..=12).contains(&date.month) && (1..=31).contains(&date.day) && y.len() == 4;
    ok.then_some(date)
}

/// The table a sentence links to: the last `[..](name.md…)` link's file stem, lower-cased
/// (`See the [x](systemuser.md#BKMK_x) one-to-many relationship for the
/// [systemuser](systemuser.md) table/entity.`).
pub fn linked_page(raw: &str) -> Option<String> {
    cell::link_urls(raw)
        .into_iter()
        .filter_map(|url| {
            let path = url.split('#').next().unwrap_or("");
            let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
            (!stem.is_empty()).then(|| stem.to_ascii_lowercase())
        })
        .next_back()
}
