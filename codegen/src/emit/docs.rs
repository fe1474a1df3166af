//! Upstream prose as rustdoc: escaped, with control and bidirectional characters dropped.

use super::*;

/// `Microsoft Dynamics 365 Customer Service, Microsoft Dynamics 365 Sales`
pub(super) fn products<'a>(ps: impl Iterator<Item = Option<&'a str>>) -> String {
    let set: BTreeSet<&str> = ps.map(|p| p.unwrap_or("unnamed product")).collect();
    set.into_iter().collect::<Vec<_>>().join(", ")
}

/// Upstream prose as rustdoc: one `#[doc]` per line, with markdown and HTML neutralized so no
/// page text becomes a link, an HTML tag, emphasis or a doctest.
pub fn docs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {}", escape_doc(l))
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Escapes markdown-active characters outside of `code spans` we wrote ourselves, and drops
/// control, bidirectional and invisible characters (see [`crate::text`]).
pub(super) fn escape_doc(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for ch in crate::text::strip_hazards(line).trim().chars() {
        match ch {
            '`' => {
                in_code = !in_code;
                out.push(ch);
            }
            _ if in_code => out.push(ch),
            '\\' | '[' | ']' | '*' | '_' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    if in_code {
        // An unbalanced backtick from upstream text: close it so the next line is unaffected.
        out.push('`');
    }
    out
}
