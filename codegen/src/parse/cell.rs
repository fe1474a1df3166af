//! Normalization of raw cell and line text: the only place that knows inline markdown.

/// What a cell says, with the three cases the pages keep apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    /// Nothing, or an empty code span (two backticks).
    Empty,
    /// The literal `null`.
    Null,
    /// Text with markdown removed and trimmed.
    Value(String),
}

impl CellValue {
    pub fn of(raw: &str) -> CellValue {
        let t = raw.trim();
        if t.is_empty() || t == "``" {
            return CellValue::Empty;
        }
        let p = plain(t);
        if p == "null" {
            CellValue::Null
        } else if p.is_empty() {
            CellValue::Empty
        } else {
            CellValue::Value(p)
        }
    }

    pub fn into_option(self) -> Option<String> {
        match self {
            CellValue::Value(v) => Some(v),
            CellValue::Empty | CellValue::Null => None,
        }
    }
}

/// Inline markdown to plain text: drops emphasis markers and code-span backticks, keeps link
/// text, turns `<br />` into a space, unescapes `\x` and the common HTML entities, trims.
///
/// `**BotTransferSession **` (not emphasis for a markdown parser: the space before the closing
/// `**`) becomes `BotTransferSession`; `****` becomes the empty string.
pub fn plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match c {
            '\\' => {
                let mut it = rest[1..].chars();
                match it.next() {
                    Some(n) if n.is_ascii_punctuation() => {
                        out.push(n);
                        rest = &rest[1 + n.len_utf8()..];
                    }
                    _ => {
                        out.push('\\');
                        rest = &rest[1..];
                    }
                }
            }
            '`' => rest = &rest[len..],
            '*' => {
                // Emphasis markers go; a lone `*` that opens or closes nothing (`*/`) stays.
                let run = rest.len() - rest.trim_start_matches('*').len();
                let before = raw[..raw.len() - rest.len()].chars().next_back();
                let after = rest[run..].chars().next();
                let at_edge = before.map_or(true, char::is_whitespace) && out.trim().is_empty()
                    || rest[run..].trim().is_empty();
                let marker = at_edge
                    || run >= 2
                    || after.is_some_and(char::is_alphanumeric)
                    || before.is_some_and(char::is_alphanumeric);
                if !marker {
                    out.push_str(&rest[..run]);
                }
                rest = &rest[run..];
            }
            '[' => match link_text(rest) {
                Some((text, used)) => {
                    out.push_str(&plain(text));
                    rest = &rest[used..];
                }
                None => {
                    out.push('[');
                    rest = &rest[1..];
                }
            },
            '<' if is_br(rest).is_some() => {
                out.push(' ');
                rest = &rest[is_br(rest).unwrap_or(1)..];
            }
            '&' => {
                let (s, used) = entity(rest);
                out.push_str(s);
                rest = &rest[used..];
            }
            _ => {
                out.push(c);
                rest = &rest[len..];
            }
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// `[text](url)` at the start of `s`: the text and the bytes used.
fn link_text(s: &str) -> Option<(&str, usize)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    if text.contains('[') || text.contains('\n') {
        return None;
    }
    let end = s[close + 2..].find(')')?;
    Some((text, close + 2 + end + 1))
}

/// The length of a `<br>`, `<br/>` or `<br />` tag at the start of `s`.
fn is_br(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[..3].eq_ignore_ascii_case(b"<br") {
        return None;
    }
    let mut i = 3;
    while i < b.len() && (b[i] == b' ' || b[i] == b'/') {
        i += 1;
    }
    (i < b.len() && b[i] == b'>').then_some(i + 1)
}

fn entity(s: &str) -> (&'static str, usize) {
    const ENTITIES: [(&str, &str); 6] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", " "),
    ];
    ENTITIES
        .iter()
        .find(|(e, _)| s.starts_with(e))
        .map_or(("&", 1), |(e, r)| (r, e.len()))
}

/// Splits a cell on `<br />` (any spelling), keeping byte offsets relative to `raw`.
pub fn split_br(raw: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(off) = raw[i..].find('<') {
        let at = i + off;
        if let Some(len) = is_br(&raw[at..]) {
            parts.push((start, &raw[start..at]));
            start = at + len;
            i = start;
        } else {
            i = at + 1;
        }
    }
    parts.push((start, &raw[start..]));
    parts
}

/// `Key: value` (value may be empty); `None` when there is no colon.
pub fn key_value(part: &str) -> Option<(&str, &str)> {
    let (k, v) = part.split_once(':')?;
    Some((k.trim(), v.trim()))
}

/// `**Key**: value<br />` (the 2017 line form): the key and the raw value.
pub fn bold_key_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let rest = line.strip_prefix("**")?;
    let end = rest.find("**")?;
    let key = rest[..end].trim();
    let after = rest[end + 2..].trim_start();
    let value = after.strip_prefix(':')?;
    let value = value.trim();
    let value = strip_br_suffix(value);
    Some((key, value))
}

fn strip_br_suffix(s: &str) -> &str {
    if let Some(i) = s.rfind('<') {
        if is_br(&s[i..]).is_some_and(|l| i + l == s.len()) {
            return s[..i].trim_end();
        }
    }
    s
}

/// The URLs of the `[text](url)` links in `raw`, in order.
pub fn link_urls(raw: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let Some(end) = after.find(')') else { break };
        urls.push(&after[..end]);
        rest = &after[end..];
    }
    urls
}

/// A 2017 option bullet, `- **TrueOption Value**: 1 **Label**: Check` or
/// `- **Value**: 0 **Label**: Active`: the raw value and the raw label.
pub fn option_bullet(raw: &str) -> Option<(&str, &str)> {
    let text = raw.trim_start_matches(['-', '*', '+', ' ']);
    let rest = &text[text.find("Value**:")? + "Value**:".len()..];
    Some(match rest.find("**Label**:") {
        Some(l) => (rest[..l].trim(), &rest[l + "**Label**:".len()..]),
        None => (rest.trim(), ""),
    })
}

/// The cells of a raw table row as the author wrote them (pulldown-cmark pads short rows and
/// drops extra cells, so width checks need the raw count). Honors `\|` and code spans.
pub fn raw_cell_count(line: &str) -> usize {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let mut count = 1;
    let mut in_code = false;
    let mut escaped = false;
    let bytes = t.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'`' => in_code = !in_code,
            b'|' if !in_code && i + 1 < bytes.len() => count += 1,
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_normalizes_every_label_quirk() {
        let cases = [
            ("**BotTransferSession **", "BotTransferSession"),
            (
                "**AssignToAgentBySupervisor  **",
                "AssignToAgentBySupervisor",
            ),
            ("****", ""),
            (
                "**Service\\-Maintenance Based**",
                "Service-Maintenance Based",
            ),
            ("`msdyn_ocsession`", "msdyn_ocsession"),
            ("Google's (new)", "Google's (new)"),
            ("[Session](msdyn_ocsession.md#BKMK_x)", "Session"),
            ("a<br />b", "a b"),
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("Café ünïcode", "Café ünïcode"),
            ("a \\| b", "a | b"),
            ("  spaced  ", "spaced"),
            ("**Ends with */ comment**", "Ends with */ comment"),
            ("POST [*org URI*]/api", "POST [org URI]/api"),
            ("See **SchemaName**.", "See SchemaName."),
            ("2 * 3", "2 * 3"),
        ];
        for (raw, want) in cases {
            assert_eq!(plain(raw), want, "plain({raw:?})");
        }
    }

    #[test]
    fn cell_value_keeps_empty_null_and_value_apart() {
        assert_eq!(CellValue::of(""), CellValue::Empty);
        assert_eq!(CellValue::of("``"), CellValue::Empty);
        assert_eq!(CellValue::of("****"), CellValue::Empty);
        assert_eq!(CellValue::of("null"), CellValue::Null);
        assert_eq!(CellValue::of("`x`"), CellValue::Value("x".into()));
    }

    #[test]
    fn split_br_and_key_value() {
        let raw = "Archive: `NoCascade`<br />Assign: `Cascade`<br/>Label: <BR>x";
        let parts: Vec<_> = split_br(raw).into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            parts,
            ["Archive: `NoCascade`", "Assign: `Cascade`", "Label: ", "x"]
        );
        assert_eq!(key_value(parts[0]), Some(("Archive", "`NoCascade`")));
        assert_eq!(key_value("State:0"), Some(("State", "0")));
        assert_eq!(key_value("Label: "), Some(("Label", "")));
        assert_eq!(key_value("x"), None);
        assert_eq!(split_br("abc"), [(0, "abc")]);
    }

    #[test]
    fn bold_key_lines() {
        assert_eq!(
            bold_key_line("**DisplayName**: Action Card<br />"),
            Some(("DisplayName", "Action Card"))
        );
        assert_eq!(
            bold_key_line("**PrimaryNameAttribute**: <br />"),
            Some(("PrimaryNameAttribute", ""))
        );
        assert_eq!(
            bold_key_line("**DefaultValue**: False"),
            Some(("DefaultValue", "False"))
        );
        assert_eq!(bold_key_line("Plain text"), None);
    }

    #[test]
    fn links_and_option_bullets() {
        assert_eq!(
            link_urls(
                "See the [x](systemuser.md#BKMK_x) for the [systemuser](systemuser.md) table."
            ),
            ["systemuser.md#BKMK_x", "systemuser.md"]
        );
        assert!(link_urls("no links").is_empty());
        assert_eq!(
            option_bullet("- **TrueOption Value**: 1 **Label**: Check"),
            Some(("1", " Check"))
        );
        assert_eq!(
            option_bullet("- **Value**: 0 **Label**: Active"),
            Some(("0", " Active"))
        );
        assert_eq!(option_bullet("- [Name](#BKMK_Name)"), None);
    }

    #[test]
    fn raw_cell_counts() {
        assert_eq!(raw_cell_count("|a|b|"), 2);
        assert_eq!(raw_cell_count("|a|b|c|"), 3);
        assert_eq!(raw_cell_count("|a"), 1);
        assert_eq!(raw_cell_count("|a|b"), 2);
        assert_eq!(raw_cell_count("|a \\| b|c|"), 2);
        assert_eq!(raw_cell_count("|`a|b`|c|"), 2);
        assert_eq!(raw_cell_count("|a||"), 2);
    }
}
