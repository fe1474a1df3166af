//! Normalization of raw cell and line text: the only place that knows inline markdown.
//!
//! Cells come from untrusted pages and can be hundreds of kilobytes long, so every function here
//! runs in time linear in its input: each byte is looked at a bounded number of times. The byte
//! loops call `tick` for every byte they touch (and searches done with `str` methods tick the
//! bytes they may examine), so the tests can count the work on pathological input instead of
//! timing it.

// Work counter for the linearity tests (`tick` is a no-op outside tests).
#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of work (bytes or chars looked at); compiled away outside tests.
#[inline(always)]
pub(crate) fn tick(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// Runs `f` and returns its result with the steps it ticked (this thread only).
#[cfg(test)]
pub(crate) fn count_steps<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = STEPS.with(|s| s.get());
    let r = f();
    (r, STEPS.with(|s| s.get()) - before)
}

/// What a cell says, with the three cases the pages keep apart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
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
        tick(raw.len());
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

    /// The text of a [`CellValue::Value`]; `None` for `Empty` and `Null`.
    pub fn value(&self) -> Option<&str> {
        match self {
            CellValue::Value(v) => Some(v),
            CellValue::Empty | CellValue::Null => None,
        }
    }

    /// The cell as plain text, whatever it says: `""` for `Empty`, `"null"` for `Null`. This
    /// is [`plain`] of the raw cell (a test holds them equal), without reading it again.
    pub fn text(&self) -> &str {
        match self {
            CellValue::Empty => "",
            CellValue::Null => "null",
            CellValue::Value(v) => v,
        }
    }
}

/// Inline markdown to plain text: drops emphasis markers and code-span backticks, keeps link
/// text, turns `<br />` into a space, unescapes `\x` and the common HTML entities, trims.
///
/// `**BotTransferSession **` (not emphasis for a markdown parser: the space before the closing
/// `**`) becomes `BotTransferSession`; `****` becomes the empty string.
///
/// Linear time: whether the output so far is blank is a flag, not a re-trim, whether the input
/// after a `*` run is blank is one comparison with where its trailing blanks start, and link
/// searches never re-read bytes (see `link_text`).
pub fn plain(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    // `out.trim().is_empty()`, kept up to date as `out` grows.
    let mut out_blank = true;
    // `raw[p..]` is blank exactly when `p >= content_end`.
    let content_end = raw.trim_end().len();
    tick(raw.len() - content_end + 1);
    let mut paren = NextByte::new(b')');
    let mut i = 0;
    while let Some(c) = raw[i..].chars().next() {
        tick(1);
        match c {
            '\\' => {
                out_blank = false;
                match raw[i + 1..].chars().next() {
                    Some(n) if n.is_ascii_punctuation() => {
                        out.push(n);
                        i += 1 + n.len_utf8();
                    }
                    _ => {
                        out.push('\\');
                        i += 1;
                    }
                }
            }
            '`' => i += 1,
            '*' => {
                // Emphasis markers go; a lone `*` that opens or closes nothing (`*/`) stays.
                let run = b[i..].iter().take_while(|&&x| x == b'*').count();
                tick(run);
                let before = raw[..i].chars().next_back();
                let after = raw[i + run..].chars().next();
                let at_edge =
                    before.map_or(true, char::is_whitespace) && out_blank || i + run >= content_end;
                let marker = at_edge
                    || run >= 2
                    || after.is_some_and(char::is_alphanumeric)
                    || before.is_some_and(char::is_alphanumeric);
                if !marker {
                    out.push_str(&raw[i..i + run]);
                    out_blank = false;
                }
                i += run;
            }
            '[' => match link_text(raw, i, &mut paren) {
                Some((text, end)) => {
                    let text = plain(text);
                    tick(text.len());
                    // `plain` trims, so a non-empty result is not blank.
                    out_blank &= text.is_empty();
                    out.push_str(&text);
                    i = end;
                }
                None => {
                    out.push('[');
                    out_blank = false;
                    i += 1;
                }
            },
            '<' => match is_br(&raw[i..]) {
                Some(len) => {
                    out.push(' ');
                    i += len;
                }
                None => {
                    out.push('<');
                    out_blank = false;
                    i += 1;
                }
            },
            '&' => {
                let (s, used) = entity(&raw[i..]);
                out.push_str(s);
                out_blank &= s.chars().all(char::is_whitespace);
                i += used;
            }
            _ => {
                out.push(c);
                out_blank &= c.is_whitespace();
                i += c.len_utf8();
            }
        }
    }
    tick(out.len());
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// `[text](url)` at `raw[open..]` (a `[`): the text and the end of the link (after its `)`).
///
/// The text runs to the first `](`; a `[` or a line break before it means no link. That scan
/// stops at the next `[`, so the scans from successive `[`s never overlap; the search for the
/// `)` goes through `paren`, which remembers its last answer, so it too reads each byte once.
fn link_text<'s>(raw: &'s str, open: usize, paren: &mut NextByte) -> Option<(&'s str, usize)> {
    let b = raw.as_bytes();
    let mut j = open + 1;
    let close = loop {
        tick(1);
        match *b.get(j)? {
            b'[' | b'\n' => return None,
            b']' if b.get(j + 1) == Some(&b'(') => break j,
            _ => j += 1,
        }
    };
    let end = paren.find(b, close + 2)?;
    Some((&raw[open + 1..close], end + 1))
}

/// The first occurrence of one byte at or after a position, remembering the last answer: when
/// the positions asked for only grow (as in [`plain`]), no byte is read twice.
struct NextByte {
    byte: u8,
    /// The first `byte` at or after `from` is `found` (`None`: there is none).
    from: usize,
    found: Option<usize>,
}

impl NextByte {
    fn new(byte: u8) -> Self {
        NextByte {
            byte,
            from: usize::MAX,
            found: None,
        }
    }

    fn find(&mut self, b: &[u8], at: usize) -> Option<usize> {
        if at >= self.from {
            match self.found {
                None => return None,
                Some(f) if f >= at => return Some(f),
                Some(_) => {}
            }
        }
        let found = find_byte(b, at, self.byte);
        self.from = at;
        self.found = found;
        found
    }
}

/// The first `x` in `b` at or after `from`.
fn find_byte(b: &[u8], from: usize, x: u8) -> Option<usize> {
    let mut j = from;
    loop {
        tick(1);
        match b.get(j) {
            None => return None,
            Some(&y) if y == x => return Some(j),
            Some(_) => j += 1,
        }
    }
}

/// The first `x` immediately followed by `y` in `b`, at or after `from`.
fn find_pair(b: &[u8], from: usize, x: u8, y: u8) -> Option<usize> {
    let mut j = from;
    loop {
        tick(1);
        match b.get(j) {
            None => return None,
            Some(&c) if c == x && b.get(j + 1) == Some(&y) => return Some(j),
            Some(_) => j += 1,
        }
    }
}

/// The length of a `<br>`, `<br/>` or `<br />` tag at the start of `s`.
fn is_br(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    tick(1);
    if b.len() < 4 || !b[..3].eq_ignore_ascii_case(b"<br") {
        return None;
    }
    let mut i = 3;
    while i < b.len() && (b[i] == b' ' || b[i] == b'/') {
        tick(1);
        i += 1;
    }
    (i < b.len() && b[i] == b'>').then_some(i + 1)
}

/// An HTML entity at the start of `s` (a `&`): its text and its length; a lone `&` is itself.
fn entity(s: &str) -> (&'static str, usize) {
    tick(1);
    let (e, text) = match s.as_bytes().get(1) {
        Some(b'a') => ("&amp;", "&"),
        Some(b'l') => ("&lt;", "<"),
        Some(b'g') => ("&gt;", ">"),
        Some(b'q') => ("&quot;", "\""),
        Some(b'#') => ("&#39;", "'"),
        Some(b'n') => ("&nbsp;", " "),
        _ => return ("&", 1),
    };
    tick(e.len());
    if s.starts_with(e) {
        (text, e.len())
    } else {
        ("&", 1)
    }
}

/// Splits a cell on `<br />` (any spelling), keeping byte offsets relative to `raw`.
pub fn split_br(raw: &str) -> Vec<(usize, &str)> {
    let b = raw.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = find_byte(b, i, b'<') {
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
    tick(part.len());
    let (k, v) = part.split_once(':')?;
    Some((k.trim(), v.trim()))
}

/// `**Key**: value<br />` (the 2017 line form): the key and the raw value.
pub fn bold_key_line(line: &str) -> Option<(&str, &str)> {
    tick(line.len());
    let line = line.trim();
    let rest = line.strip_prefix("**")?;
    let end = find_pair(rest.as_bytes(), 0, b'*', b'*')?;
    let key = rest[..end].trim();
    tick(end);
    let after = rest[end + 2..].trim_start();
    let value = after.strip_prefix(':')?;
    tick(value.len());
    let value = value.trim();
    let value = strip_br_suffix(value);
    Some((key, value))
}

fn strip_br_suffix(s: &str) -> &str {
    if let Some(i) = s.rfind('<') {
        tick(s.len() - i);
        if is_br(&s[i..]).is_some_and(|l| i + l == s.len()) {
            tick(i);
            return s[..i].trim_end();
        }
    } else {
        tick(s.len());
    }
    s
}

/// The URLs of the `[text](url)` links in `raw`, in order.
pub fn link_urls(raw: &str) -> Vec<&str> {
    let b = raw.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    while let Some(close) = find_pair(b, i, b']', b'(') {
        let Some(end) = find_byte(b, close + 2, b')') else {
            break;
        };
        urls.push(&raw[close + 2..end]);
        i = end;
    }
    urls
}

/// A 2017 option bullet, `- **TrueOption Value**: 1 **Label**: Check` or
/// `- **Value**: 0 **Label**: Active`: the raw value and the raw label.
pub fn option_bullet(raw: &str) -> Option<(&str, &str)> {
    tick(raw.len());
    let text = raw.trim_start_matches(['-', '*', '+', ' ']);
    tick(text.len());
    let rest = &text[text.find("Value**:")? + "Value**:".len()..];
    tick(rest.len());
    Some(match rest.find("**Label**:") {
        Some(l) => (rest[..l].trim(), &rest[l + "**Label**:".len()..]),
        None => (rest.trim(), ""),
    })
}

#[cfg(test)]
mod tests;
