//! A report for people and machines: the terminal, a pull request comment, GitHub Actions
//! annotations, and JSON.
//!
//! Values come from pages, so every format escapes them for where they land: control
//! characters and bidi overrides in the terminal ([`crate::text::escape_hazards`]), markdown and
//! HTML in the comment, the workflow-command escapes in annotations. Long values (descriptions)
//! are shortened in the text formats; JSON keeps them whole.

use super::{Change, Level, Report};
use crate::text::escape_hazards;
use std::fmt::Write;

/// What the text formats show.
#[derive(Debug, Clone, Copy, Default)]
pub struct Show {
    /// Show `doc` changes (prose only); they are always counted.
    pub doc: bool,
}

/// Characters of a value shown in the text formats.
const SHOWN_CHARS: usize = 100;

/// Rows of one level a markdown comment shows before folding them into `<details>`.
const OPEN_ROWS: usize = 10;

fn shown(c: &Change, show: Show) -> bool {
    c.level != Level::Doc || show.doc
}

/// A value for one line: escaped, at most [`SHOWN_CHARS`] characters, `-` when absent.
fn short(v: &Option<String>) -> String {
    let Some(v) = v else {
        return "-".to_string();
    };
    let flat: String = v
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut out: String = flat.chars().take(SHOWN_CHARS).collect();
    if flat.chars().count() > SHOWN_CHARS {
        out.push('…');
    }
    escape_hazards(&out).into_owned()
}

fn axes(c: &Change) -> String {
    if c.axes.is_empty() {
        return "-".to_string();
    }
    let words: Vec<&str> = c.axes.iter().map(|a| a.word()).collect();
    words.join(", ")
}

/// `api, wire: why`, or only why when the change touches no axis.
fn because(c: &Change) -> String {
    if c.axes.is_empty() {
        c.why.clone()
    } else {
        format!("{}: {}", axes(c), c.why)
    }
}

/// The terminal: one block per change, rustc-style, then the summary line.
pub fn text(report: &Report, show: Show) -> String {
    let mut out = String::new();
    for c in report.changes.iter().filter(|c| shown(c, show)) {
        let _ = writeln!(
            out,
            "{}[{}] {}: {} -> {}",
            c.level,
            c.kind,
            escape_hazards(&c.subject()),
            short(&c.old),
            short(&c.new)
        );
        let _ = writeln!(out, "  {}", because(c));
        let mut facts = Vec::new();
        if let Some(layer) = &c.layer {
            facts.push(format!("layer {}", escape_hazards(layer)));
        }
        if let Some(at) = &c.old_loc {
            facts.push(format!("old {}", escape_hazards(at)));
        }
        if let Some(at) = &c.new_loc {
            facts.push(format!("new {}", escape_hazards(at)));
        }
        facts.push(format!("fingerprint {}", c.fingerprint));
        if let Some(reason) = &c.allowed {
            facts.push(format!("allowed: {}", escape_hazards(reason)));
        }
        let _ = writeln!(out, "  {}", facts.join("; "));
    }
    out.push_str(&report.summary_line());
    if !show.doc && report.changes.iter().any(|c| c.level == Level::Doc) {
        out.push_str(" (doc changes hidden: --show-doc)");
    }
    out.push('\n');
    out
}

/// Page text as one markdown table cell: no line breaks, no markdown or HTML, no `|`.
fn cell(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for ch in escape_hazards(v).chars() {
        match ch {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '!' | '@' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A pull request comment: the counts, then one table per level, errors first; a level with
/// more than `OPEN_ROWS` changes is folded.
pub fn markdown(report: &Report, show: Show) -> String {
    let mut out = String::from("### Dataverse schema changes\n\n");
    if report.changes.is_empty() {
        out.push_str("No schema change.\n");
        return out;
    }
    let counts: Vec<String> = report
        .counts()
        .iter()
        .map(|(l, n)| format!("**{}**", l.counted(*n)))
        .collect();
    let _ = writeln!(
        out,
        "{}. Required version bump: **{}**.\n",
        counts.join(", "),
        report.semver.word()
    );
    for (level, n) in report.counts() {
        if n == 0 {
            continue;
        }
        if level == Level::Doc && !show.doc {
            let _ = writeln!(out, "{} hidden (prose only).\n", level.counted(n));
            continue;
        }
        let fold = n > OPEN_ROWS;
        if fold {
            let _ = writeln!(out, "<details><summary>{}</summary>\n", level.counted(n));
        } else {
            let _ = writeln!(out, "#### {}\n", level.counted(n));
        }
        out.push_str("| Change | Table | Item | Old | New | Axes | Layer | Where |\n");
        out.push_str("|---|---|---|---|---|---|---|---|\n");
        for c in report.changes.iter().filter(|c| c.level == level) {
            let mut kind = format!("`{}`", c.kind);
            if let Some(reason) = &c.allowed {
                kind.push_str(&format!(" (allowed: {})", cell(reason)));
            }
            let loc = c.new_loc.as_ref().or(c.old_loc.as_ref());
            let _ = writeln!(
                out,
                "| {kind} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&c.table),
                cell(c.item.as_deref().unwrap_or("-")),
                cell(&short(&c.old)),
                cell(&short(&c.new)),
                axes(c),
                cell(c.layer.as_deref().unwrap_or("-")),
                cell(loc.map_or("-", String::as_str)),
            );
        }
        out.push('\n');
        if fold {
            out.push_str("</details>\n\n");
        }
    }
    out
}

/// A workflow-command value (`%`, CR, LF escaped); properties also escape `:` and `,`.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions annotations (`::error file=...,line=...::...`), one per change, on the new
/// side's page (a removed item's annotation has no file). `prefix` is prepended to page paths
/// to make them repository-relative (the docs directory, `docs-in/`).
pub fn github(report: &Report, show: Show, prefix: &str) -> String {
    let mut out = String::new();
    for c in report.changes.iter().filter(|c| shown(c, show)) {
        let command = match c.level {
            Level::Error if c.allowed.is_none() => "error",
            Level::Warning if c.allowed.is_none() => "warning",
            _ => "notice",
        };
        let mut props = Vec::new();
        if let Some((file, line, col)) = c.new_loc.as_deref().and_then(split_loc) {
            let file = escape_hazards(&format!("{prefix}{file}")).into_owned();
            props.push(format!("file={}", escape_property(&file)));
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        props.push(format!(
            "title={}",
            escape_property(&escape_hazards(&format!("{} {}", c.kind, c.subject())))
        ));
        let message = format!(
            "{} -> {} ({}) [fingerprint {}]",
            short(&c.old),
            short(&c.new),
            because(c),
            c.fingerprint
        );
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&message)
        );
    }
    out
}

/// `file:line:col` split at its last two colons.
fn split_loc(loc: &str) -> Option<(&str, u32, u32)> {
    let mut parts = loc.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, col))
}

/// The JSON report: every change (doc included), with all its fields.
pub fn json(report: &Report) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        // Strings and numbers only: serializing cannot fail.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}
