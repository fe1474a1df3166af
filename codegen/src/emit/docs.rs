//! Upstream prose as rustdoc: escaped, with control and bidirectional characters dropped.

use super::code::LitText;
use std::fmt::{self, Display};

/// `Microsoft Dynamics 365 Customer Service, Microsoft Dynamics 365 Sales`: the products of
/// some origins, sorted, each once.
pub(super) fn products<'a, I>(ps: I) -> Products<I>
where
    I: Iterator<Item = Option<&'a str>> + Clone,
{
    Products(ps)
}

/// [`products`], written when it is displayed.
pub(super) struct Products<I>(I);

impl<'a, I: Iterator<Item = Option<&'a str>> + Clone> Display for Products<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let named = |p: Option<&'a str>| p.unwrap_or("unnamed product");
        let mut ps = self.0.clone().map(named);
        let Some(first) = ps.next() else {
            return Ok(());
        };
        // Most things come from one product.
        if ps.all(|p| p == first) {
            return f.write_str(first);
        }
        let mut all: Vec<&str> = self.0.clone().map(named).collect();
        all.sort_unstable();
        all.dedup();
        for (i, p) in all.into_iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(p)?;
        }
        Ok(())
    }
}

/// Upstream prose as rustdoc: one `#[doc]` per line, with markdown and HTML neutralized so no
/// page text becomes a link, an HTML tag, emphasis or a doctest.
pub fn docs(lines: &[String]) -> Docs<'_> {
    Docs(lines)
}

/// [`docs`]: writes `#[doc = " line"]` per line (`#[doc = ""]` for an empty one), each
/// written by `write_doc` as the text of a string literal (`LitText`).
#[derive(Debug, Clone, Copy)]
pub struct Docs<'a>(&'a [String]);

impl Display for Docs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.0 {
            if line.is_empty() {
                f.write_str("#[doc = \"\"]\n")?;
            } else {
                f.write_str("#[doc = \" ")?;
                write_doc(line, &mut LitText(f))?;
                f.write_str("\"]\n")?;
            }
        }
        Ok(())
    }
}

/// [`write_doc`] into a `String`.
#[cfg(test)]
pub(super) fn escape_doc(line: &str) -> String {
    let mut out = String::new();
    let _ = write_doc(line, &mut out);
    out
}

/// Writes `line` with markdown-active characters escaped outside of `code spans` we wrote
/// ourselves, and control, bidirectional and invisible characters dropped (see
/// [`crate::text`]). What needs no change is written as it is, a run at a time.
pub(super) fn write_doc(line: &str, out: &mut impl fmt::Write) -> fmt::Result {
    let text = crate::text::strip_hazards(line);
    let text = text.trim();
    let mut in_code = false;
    // The start of what is still to be written as it is.
    let mut run = 0;
    for (i, ch) in text.char_indices() {
        let instead = match ch {
            '`' => {
                in_code = !in_code;
                continue;
            }
            _ if in_code => continue,
            '\\' | '[' | ']' | '*' | '_' | '<' | '>' | '#' | '|' | '~' => {
                // A backslash, then the character with what follows it.
                out.write_str(&text[run..i])?;
                out.write_char('\\')?;
                run = i;
                continue;
            }
            '&' => "&amp;",
            '\n' | '\r' | '\t' => " ",
            _ => continue,
        };
        out.write_str(&text[run..i])?;
        out.write_str(instead)?;
        run = i + ch.len_utf8();
    }
    out.write_str(&text[run..])?;
    if in_code {
        // An unbalanced backtick from upstream text: close it so the next line is unaffected.
        out.write_char('`')?;
    }
    Ok(())
}
