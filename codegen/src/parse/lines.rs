//! Line-level helpers of the walk ([`super::walker`]): what one line or the rest of a table
//! row is, read without re-reading the header or earlier rows.

use super::cell;

pub(super) fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// The first line of `s` without its line break, ticking what it reads.
pub(super) fn first_line(s: &str) -> &str {
    let line = s.lines().next().unwrap_or("");
    cell::tick(line.len() + 1);
    line
}

/// How many more cells pulldown-cmark (0.13, `parse_table_row_inner`) reads in `rest`, the end
/// of a row's line from the `|` that closes the last cell it kept. It drops the cells past the
/// header width without an event, so they cannot be counted from events; this counts them with
/// the same rule: an optional `|`, blanks, then (unless the line ends) a cell that runs to the
/// next `|` not preceded by `\` or to the line end. Code spans do not protect a `|`. The test
/// `extra_cells_are_counted_as_pulldown_cmark_splits` checks the rule against pulldown-cmark.
pub(super) fn cells_in_rest(rest: &str) -> usize {
    let b = rest.as_bytes();
    let eol = |i: usize| i >= b.len() || b[i] == b'\n' || b[i] == b'\r';
    let mut cells = 0;
    let mut i = 0;
    loop {
        if b.get(i) == Some(&b'|') {
            i += 1;
        }
        while i < b.len() && matches!(b[i], b' ' | b'\t' | 0x0b | 0x0c) {
            cell::tick(1);
            i += 1;
        }
        if eol(i) {
            return cells;
        }
        cells += 1;
        // `i == 0` only keeps `b[i - 1]` in bounds: the `|` that `rest` opens with is skipped.
        while !eol(i) && (b[i] != b'|' || i == 0 || b[i - 1] == b'\\') {
            cell::tick(1);
            i += 1;
        }
    }
}

/// A line that is only an anchor tag: `<a name="x">`, `<a name="x"/>`, `<a id="x"></a>`.
pub(super) fn is_anchor_line(t: &str) -> bool {
    let t = t.trim();
    let t = t.strip_suffix("</a>").unwrap_or(t).trim_end();
    let b = t.as_bytes();
    b.len() > 3
        && b[..2].eq_ignore_ascii_case(b"<a")
        && b[2].is_ascii_whitespace()
        && b.ends_with(b">")
        && !b[1..b.len() - 1].iter().any(|&c| c == b'<' || c == b'>')
}

pub(super) fn looks_like_table_row(raw: &str) -> bool {
    let first = raw.lines().next().unwrap_or("").trim();
    first.starts_with('|') && first.len() > 1 && first[1..].contains('|')
}
